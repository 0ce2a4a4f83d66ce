"""The moderation decides: "no action" or "restrict" (through each app's own service), the
reporter is told, the owners of restricted content get a statement of reasons."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import ActivityLog
from events.models import Event
from network.public import is_public_person
from notices import services
from notices.lifecycle import REPORT
from notices.models import Report
from projects.models import Project
from tests.factories import UserFactory, verified
from tests.notices.factories import ReportFactory
from zukunftsplattform.lifecycle import MODERATOR, TransitionError

pytestmark = pytest.mark.django_db

STATEMENT = "Die Seite nennt die private Telefonnummer einer Nachbarin ohne deren Einwilligung."


@pytest.fixture
def decide(django_capture_on_commit_callbacks, moderator):
    def decide(report, action="restrict", statement=STATEMENT, ground="law"):
        with django_capture_on_commit_callbacks(execute=True):
            return services.decide_report(
                report=report,
                moderator=moderator,
                action=action,
                statement=statement,
                ground=ground,
            )

    return decide


def test_restricting_a_project_archives_it_and_tells_reporter_and_team(decide, project, client):
    editor = verified(UserFactory(email="editor@example.org", language="de"))
    project.memberships.create(user=editor, role="editor")
    report = ReportFactory(content=project, reporter_email="rita@example.org", language="de")
    decide(report)
    project.refresh_from_db()
    assert project.status == Project.Status.ARCHIVED
    assert client.get(project.get_absolute_url()).status_code == 404
    report.refresh_from_db()
    assert report.state == Report.State.DECIDED and report.decision == Report.Decision.RESTRICT
    assert report.ground == "law" and report.decided_at
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"rita@example.org", "owner@example.org", "editor@example.org"}
    decision = by_address["rita@example.org"]
    assert decision.subject.endswith("Unsere Entscheidung zu Ihrer Meldung")
    assert "von den öffentlichen Seiten genommen" in decision.body and STATEMENT in decision.body
    statement = by_address["editor@example.org"]
    assert "Begründung nach Art. 17" in statement.body
    assert "Repair-Café Pieschen" in statement.body and STATEMENT in statement.body
    assert "Rechtswidriger Inhalt" in statement.body
    assert "Ein Mensch aus der Redaktion hat entschieden" in statement.body
    assert "So widersprechen Sie" in statement.body
    assert "rita@example.org" not in statement.body  # the owners never learn who reported
    english = by_address["owner@example.org"]  # the owner reads English
    assert "statement of reasons under Art. 17" in english.body
    # No second, generic "archived" mail to the team: the statement of reasons says it all.
    assert len(mail.outbox) == 3


def test_restricting_an_organisation_hides_it_and_tells_its_members(decide, organisation, owner):
    decide(ReportFactory(content=organisation), ground="terms")
    organisation.refresh_from_db()
    assert not organisation.is_published
    [statement] = mail.outbox  # nobody gave an address for the report
    assert statement.to == [owner.email]
    assert "terms of use of the Zukunftsplattform" in statement.body


def test_restricting_a_person_hides_the_profile_and_tells_the_person(decide, person, client):
    decide(ReportFactory(content=person))
    assert not is_public_person(person)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert [m.to for m in mail.outbox] == [["paula@example.org"]]
    assert "Paula Profil" in mail.outbox[0].body


def test_restricting_an_event_takes_it_back_to_draft_and_tells_no_outside_owner(decide, event):
    decide(ReportFactory(content=event, reporter_email="rita@example.org"))
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert [m.to for m in mail.outbox] == [["rita@example.org"]]


def test_no_action_leaves_the_content_and_tells_only_the_reporter(decide, project, client):
    report = ReportFactory(content=project, reporter_email="rita@example.org")
    decide(
        report,
        action="dismiss",
        statement="Die Angaben sind öffentlich und sachlich.",
        ground="law",
    )
    assert client.get(project.get_absolute_url()).status_code == 200
    report.refresh_from_db()
    assert report.decision == Report.Decision.NO_ACTION and report.ground == ""
    [decision] = mail.outbox
    assert decision.to == ["rita@example.org"]
    assert "Der Inhalt bleibt" in decision.body and "Streitbeilegungsstelle" in decision.body


def test_every_decision_leaves_an_activity_record(decide, moderator, project):
    report = ReportFactory(content=project)
    services.review_report(report=report, moderator=moderator)
    decide(report)
    records = ActivityLog.objects.filter(object_id=report.pk, content_type__model="report")
    assert [r.action for r in records.order_by("pk")] == ["report.review", "report.restrict"]
    restricted = records.get(action="report.restrict")
    assert restricted.actor == moderator and restricted.data["message"] == STATEMENT
    assert restricted.data["reason"] == "law"


def test_a_decision_needs_reasons_and_restricting_a_ground(decide, project):
    report = ReportFactory(content=project)
    with pytest.raises(TransitionError):
        decide(report, statement="  ")
    with pytest.raises(TransitionError):
        decide(report, ground="")
    project.refresh_from_db()
    assert project.status == Project.Status.PUBLISHED
    assert Report.objects.get().state == Report.State.NEW


def test_content_no_longer_public_cannot_be_restricted(decide, project):
    report = ReportFactory(content=project)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.ARCHIVED)
    with pytest.raises(TransitionError, match="nicht mehr öffentlich"):
        decide(report)
    assert Report.objects.get().state == Report.State.NEW


@pytest.mark.parametrize("state", list(REPORT.states))
@pytest.mark.parametrize("action", REPORT.actions)
def test_the_services_take_exactly_the_steps_of_the_table(
    decide, moderator, project, state, action
):
    report = ReportFactory(content=project, state=state, decided=state == "decided")
    steps = REPORT.steps_from(state, action)
    try:
        if action == "review":
            services.review_report(report=report, moderator=moderator)
        else:
            decide(report, action=action)
    except (TransitionError, PermissionDenied):
        assert not steps
    else:
        assert steps
    report.refresh_from_db()
    assert report.state == (steps[0].target if steps else state)
    assert REPORT.allows(action, state, MODERATOR) == bool(steps)


def test_decided_reports_are_deleted_after_the_retention_period(settings, project):
    now = timezone.now()
    ReportFactory(content=project, decided=True, decided_at=now - timedelta(days=184))
    recent = ReportFactory(content=project, decided=True)
    waiting = ReportFactory(content=project)
    Report.objects.filter(pk=waiting.pk).update(created_at=now - timedelta(days=400))
    assert services.delete_expired_reports(now=now) == 1
    assert set(Report.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}


def test_the_retention_command_reports_what_it_deleted(project):
    from io import StringIO

    from django.core.management import call_command

    ReportFactory(content=project, decided=True, decided_at=timezone.now() - timedelta(days=200))
    out = StringIO()
    call_command("delete_expired_reports", stdout=out)
    assert out.getvalue().strip() == "1 report(s) deleted."
    assert not Report.objects.exists()
