"""Anyone may report a public page through its own form (/melden/...)."""

import pytest
from django.core import mail
from django.test import Client

from notices.models import Report
from tests.factories import UserFactory, verified
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

VALID = {
    "reason": "personal_data",
    "description": "Dort steht meine private Telefonnummer ohne mein Einverständnis.",
    "reporter_name": "Rita Reporter",
    "reporter_email": "rita@example.org",
    "good_faith": "on",
}


@pytest.mark.parametrize("reported", ["project", "organisation", "person", "event"])
def test_every_public_detail_page_links_its_report_form(client, request, reported):
    content = request.getfixturevalue(reported)
    page = client.get(content.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    kind = {"project": "projekt", "organisation": "organisation", "person": "person"}
    url = f"/melden/{kind.get(reported, 'veranstaltung')}/{content.slug}/"
    assert f'href="{url}"' in html
    assert "Inhalt melden" in html
    form = client.get(url)
    assert form.status_code == 200
    assert str(getattr(content, "title", getattr(content, "name", ""))) in form.content.decode()


def test_the_detail_page_stays_cacheable_and_the_form_sets_no_cookie(client, project):
    page = client.get(project.get_absolute_url())
    assert "csrfmiddlewaretoken" not in page.content.decode()
    form = client.get(f"/melden/projekt/{project.slug}/")
    assert "csrfmiddlewaretoken" not in form.content.decode()
    assert not form.cookies


def test_unpublished_content_has_no_report_form(client, owner):
    draft = ProjectFactory(owner=owner, title="Geheimer Entwurf")
    assert client.get(f"/melden/projekt/{draft.slug}/").status_code == 404
    assert client.get("/melden/unbekannt/irgendwas/").status_code == 404
    client.force_login(owner)  # the team sees its draft, and no report link on it
    assert "/melden/" not in client.get(draft.get_absolute_url()).content.decode()


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST, and send the mails that leave after commit."""

    def post(client, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return post


def test_a_visitor_reports_and_gets_an_acknowledgement(client, post, project, settings):
    response = post(client, f"/melden/projekt/{project.slug}/", VALID, follow=True)
    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    assert (
        "Vielen Dank. Ihre Meldung ist bei der Moderation angekommen" in response.content.decode()
    )
    report = Report.objects.get()
    assert report.content == project
    assert report.content_title == "Repair-Café Pieschen"
    assert report.reporter is None and report.reporter_email == "rita@example.org"
    assert report.state == Report.State.NEW and report.good_faith
    acknowledgement, staff = sorted(mail.outbox, key=lambda m: m.to != ["rita@example.org"])
    assert acknowledgement.to == ["rita@example.org"]
    assert "Wir haben Ihre Meldung erhalten" in acknowledgement.subject
    assert "Repair-Café Pieschen" in acknowledgement.body
    assert "nichts wird automatisch entschieden" in acknowledgement.body
    assert staff.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert f"/admin/notices/report/{report.pk}/change/" in staff.body
    assert "rita@example.org" not in staff.body  # the contact stays in the admin


def test_without_an_address_nobody_is_written_to_but_the_editorial_team(
    client, post, project, settings
):
    data = {**VALID, "reporter_name": "", "reporter_email": ""}
    assert post(client, f"/melden/projekt/{project.slug}/", data).status_code == 302
    assert [m.to for m in mail.outbox] == [[settings.STAFF_NOTIFICATION_EMAIL]]


def test_a_report_without_description_or_good_faith_is_refused_and_kept(client, project):
    data = {**VALID, "description": "", "good_faith": ""}
    response = client.post(f"/melden/projekt/{project.slug}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_description"' in html and 'href="#id_good_faith"' in html
    assert "Bitte bestätigen Sie, dass Sie in gutem Glauben melden." in html
    assert 'value="rita@example.org"' in html
    assert not Report.objects.exists()


def test_a_signed_in_reporter_is_answered_at_the_account_address(client, post, event):
    user = verified(UserFactory(email="konto@example.org"))
    client.force_login(user)
    page = client.get(f"/melden/veranstaltung/{event.slug}/")
    assert "konto@example.org" in page.content.decode()
    data = {**VALID, "reporter_name": "", "reporter_email": ""}
    assert post(client, f"/melden/veranstaltung/{event.slug}/", data).status_code == 302
    report = Report.objects.get()
    assert report.reporter == user and report.reporter_address == "konto@example.org"
    assert any(m.to == ["konto@example.org"] for m in mail.outbox)


def test_a_signed_in_reporter_is_protected_against_forged_reports(event):
    user = verified(UserFactory())
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(f"/melden/veranstaltung/{event.slug}/", VALID).status_code == 403
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.post(f"/melden/veranstaltung/{event.slug}/", VALID).status_code == 302
    assert Report.objects.get().reporter is None


def test_the_english_form(client, post, person):
    response = client.get(f"/en/melden/person/{person.slug}/")
    assert response.status_code == 200
    assert "Report content" in response.content.decode()
    post(client, f"/en/melden/person/{person.slug}/", VALID)
    assert Report.objects.get().language == "en"
    assert any(m.subject.endswith("We have received your report") for m in mail.outbox)


def test_the_form_page_runs_a_constant_number_of_queries(
    client, project, django_assert_num_queries
):
    client.get(f"/melden/projekt/{project.slug}/")  # warm up (content generation, caches)
    with django_assert_num_queries(2):
        client.get(f"/melden/projekt/{project.slug}/?x=1")
