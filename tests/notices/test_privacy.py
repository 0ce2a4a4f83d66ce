"""A signed-in reporter's reports are theirs: in the export, and unlinked when they go."""

import json

import pytest

from accounts.services import deletion_notes
from notices.models import Report
from tests.factories import UserFactory, verified
from tests.notices.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_reports_made(client, project):
    user = verified(UserFactory())
    ReportFactory(content=project, reporter=user, description="Meine Meldung 4711")
    ReportFactory(content=project, description="Die Meldung eines anderen")
    client.force_login(user)
    export = json.loads(client.get("/konto/daten/export.json").content)
    [report] = export["content_reports"]
    assert report["description"] == "Meine Meldung 4711"
    assert report["address"] == project.get_absolute_url()


def test_deleting_the_account_keeps_the_report_without_link_or_contact(project):
    user = verified(UserFactory())
    report = ReportFactory(
        content=project, reporter=user, reporter_name="Rita", reporter_email="rita@example.org"
    )
    assert deletion_notes(user) == [
        "Ihre Meldung bleibt bei der Moderation, ohne Ihren Namen, Ihre Adresse und Ihr Konto."
    ]
    user.delete()
    report.refresh_from_db()
    assert report.reporter is None and report.reporter_name == "" and report.reporter_email == ""
    assert report.description and Report.objects.count() == 1
