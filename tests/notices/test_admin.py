"""The moderation's admin for reports: the queue by state, the report with the content
linked, the reporter's contact only for those who decide, the decision page."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.notices.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(project):
    return ReportFactory(
        content=project, reporter_name="Rita Reporter", reporter_email="rita@example.org"
    )


def test_the_queue_lists_reports_by_state(moderation_client, report, project):
    ReportFactory(content=project, decided=True, content_title="Alt")
    page = moderation_client.get("/admin/notices/report/?state__exact=new").content.decode()
    assert "Repair-Café Pieschen" in page and ">Alt<" not in page
    assert "Neu" in page


def test_the_report_page_links_the_content_and_shows_the_contact_to_the_moderation(
    moderation_client, report, project
):
    page = moderation_client.get(f"/admin/notices/report/{report.pk}/change/").content.decode()
    assert f'href="{project.get_absolute_url()}"' in page
    assert f'href="/admin/projects/project/{project.pk}/change/"' in page
    assert "rita@example.org" in page and "Rita Reporter" in page
    assert f'href="/admin/notices/report/{report.pk}/decide/"' in page


def test_staff_who_may_only_read_reports_see_no_contact_and_cannot_decide(client, report):
    reader = verified(UserFactory(is_staff=True))
    reader.user_permissions.add(Permission.objects.get(codename="view_report"))
    TOTP.activate(reader, generate_totp_secret())
    log_in_with_second_factor(client, reader)
    page = client.get(f"/admin/notices/report/{report.pk}/change/")
    assert page.status_code == 200
    assert "rita@example.org" not in page.content.decode()
    assert "Rita Reporter" not in page.content.decode()
    assert client.get(f"/admin/notices/report/{report.pk}/decide/").status_code == 403


def test_deciding_in_the_admin_restricts_and_records(
    moderation_client, report, project, django_capture_on_commit_callbacks
):
    url = f"/admin/notices/report/{report.pk}/decide/"
    page = moderation_client.get(url).content.decode()
    assert "In Prüfung nehmen" in page and "Sperren" in page
    refused = moderation_client.post(url, {"action": "restrict", "statement": ""})
    assert refused.status_code == 200
    assert "Bitte begründen Sie die Entscheidung." in refused.content.decode()
    assert "Bitte nennen Sie den Grund der Sperre." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = moderation_client.post(
            url,
            {"action": "restrict", "ground": "law", "statement": "Private Telefonnummer."},
            follow=True,
        )
    assert done.redirect_chain[-1][0] == f"/admin/notices/report/{report.pk}/change/"
    html = done.content.decode()
    assert "Meldung entschieden: Inhalt gesperrt" in html  # the activity record
    assert "Private Telefonnummer." in html
    project.refresh_from_db()
    assert project.status == Project.Status.ARCHIVED
    assert {m.to[0] for m in mail.outbox} == {"rita@example.org", "owner@example.org"}
    assert "Über diese Meldung ist entschieden." in moderation_client.get(url).content.decode()


def test_the_queue_runs_a_constant_number_of_queries(
    moderation_client, project, organisation, django_assert_num_queries
):
    ReportFactory(content=project)
    moderation_client.get("/admin/notices/report/")
    with CaptureQueriesContext(connection) as one:
        moderation_client.get("/admin/notices/report/")
    for _ in range(5):
        ReportFactory(content=organisation)
    with django_assert_num_queries(len(one)):
        moderation_client.get("/admin/notices/report/")
