"""The lifecycle as plain service calls: what the team, the moderation and the public notice."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from projects import services
from projects.models import Project, Transition
from taxonomy.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (team notifications) as a real commit would."""

    class Capture:
        def __enter__(self):
            self._ctx = django_capture_on_commit_callbacks(execute=True)
            self._ctx.__enter__()
            return mail.outbox

        def __exit__(self, *exc):
            return self._ctx.__exit__(*exc)

    return Capture()


def test_create_project_makes_a_private_draft_owned_by_its_creator(owner):
    project = services.create_project(owner=owner, data={"title": "Lesepat*innen", "topics": []})
    assert project.status == Project.Status.DRAFT
    assert project.memberships.get().user == owner
    assert project.memberships.get().role == "owner"
    assert not Project.objects.published().filter(pk=project.pk).exists()
    assert Transition.objects.get(project=project).to_status == "draft"


def test_full_lifecycle_records_every_step_and_tells_the_team_in_their_language(
    draft, owner, moderator, mails
):
    services.submit_project(project=draft, user=owner)
    with mails as outbox:
        services.request_changes(
            project=draft, moderator=moderator, message="Bitte ein Foto ergänzen."
        )
    draft.refresh_from_db()
    assert draft.status == Project.Status.CHANGES_REQUESTED
    assert draft.moderator_message == "Bitte ein Foto ergänzen."
    by_recipient = {m.to[0]: m for m in outbox}
    german = by_recipient[owner.email]
    english = next(m for address, m in by_recipient.items() if address != owner.email)
    assert "überarbeiten" in german.subject and "Bitte ein Foto ergänzen." in german.body
    assert "revise" in english.subject and "Bitte ein Foto ergänzen." in english.body
    assert german.alternatives and "Bitte ein Foto ergänzen." in german.alternatives[0][0]

    services.submit_project(project=draft, user=owner)
    mail.outbox.clear()
    with mails as outbox:
        services.publish_project(project=draft, moderator=moderator)
    draft.refresh_from_db()
    assert draft.status == Project.Status.PUBLISHED and draft.published_at
    assert Project.objects.published().filter(pk=draft.pk).exists()
    assert len(outbox) == 2 and any("öffentlich" in m.subject for m in outbox)

    services.archive_project(project=draft, moderator=moderator)
    assert not Project.objects.published().filter(pk=draft.pk).exists()
    steps = list(
        Transition.objects.filter(project=draft)
        .order_by("pk")
        .values_list("from_status", "to_status", "actor")
    )
    assert [(f, t) for f, t, _ in steps] == [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "published"),
        ("published", "archived"),
    ]
    assert steps[1][2] == moderator.pk and steps[0][2] == owner.pk


def test_reject_needs_a_reason_and_is_recorded(draft, owner, moderator):
    services.submit_project(project=draft, user=owner)
    with pytest.raises(services.TransitionError):
        services.reject_project(project=draft, moderator=moderator, reason="  ")
    services.reject_project(
        project=draft, moderator=moderator, reason="Kein sozialer Bezug erkennbar."
    )
    draft.refresh_from_db()
    assert draft.status == Project.Status.REJECTED
    assert Transition.objects.filter(
        project=draft, to_status="rejected", message="Kein sozialer Bezug erkennbar."
    ).exists()


def test_request_changes_needs_a_message(draft, owner, moderator):
    services.submit_project(project=draft, user=owner)
    with pytest.raises(services.TransitionError):
        services.request_changes(project=draft, moderator=moderator, message="")


@pytest.mark.parametrize(
    ("step", "state"),
    [
        ("publish", Project.Status.DRAFT),
        ("archive", Project.Status.DRAFT),
        ("publish", Project.Status.REJECTED),
        ("submit", Project.Status.ARCHIVED),
        ("submit", Project.Status.REJECTED),
    ],
)
def test_steps_that_do_not_fit_the_state_are_refused(draft, owner, moderator, step, state):
    Project.objects.filter(pk=draft.pk).update(status=state)
    draft.refresh_from_db()
    call = {
        "publish": lambda: services.publish_project(project=draft, moderator=moderator),
        "archive": lambda: services.archive_project(project=draft, moderator=moderator),
        "submit": lambda: services.submit_project(project=draft, user=owner),
    }[step]
    with pytest.raises(services.TransitionError):
        call()
    draft.refresh_from_db()
    assert draft.status == state


def test_edit_of_published_project_waits_for_moderation_and_shows_a_diff(
    published, owner, moderator
):
    topic = Topic.objects.get(slug="bildung")
    services.update_project(
        project=published,
        user=owner,
        data={
            "title": "Kinder stärken in ganz Görlitz",
            "summary": published.summary,
            "topics": [topic],
        },
    )
    published.refresh_from_db()
    assert published.title == "Kinder stärken in Görlitz"  # the public still sees this
    assert published.revision_state == Project.RevisionState.DRAFT
    assert services.working_copy(published)["title"] == "Kinder stärken in ganz Görlitz"

    services.submit_project(project=published, user=owner)
    diff = {change["field"]: change for change in services.revision_diff(published)}
    assert diff["title"]["before"] == "Kinder stärken in Görlitz"
    assert diff["title"]["after"] == "Kinder stärken in ganz Görlitz"
    assert diff["topics"]["after"] == "Bildung"
    assert "summary" not in diff

    services.publish_project(project=published, moderator=moderator)
    published.refresh_from_db()
    assert published.title == "Kinder stärken in ganz Görlitz"
    assert list(published.topics.all()) == [topic]
    assert published.revision == {} and published.revision_state == ""
    assert published.status == Project.Status.PUBLISHED


def test_rejected_changes_leave_the_public_version_untouched(published, owner, moderator):
    services.update_project(project=published, user=owner, data={"title": "Ganz anders"})
    services.submit_project(project=published, user=owner)
    services.reject_project(project=published, moderator=moderator, reason="Titel irreführend.")
    published.refresh_from_db()
    assert published.title == "Kinder stärken in Görlitz"
    assert published.revision_state == "" and published.status == Project.Status.PUBLISHED


def test_the_team_cannot_approve_its_own_changes(published, owner):
    services.update_project(project=published, user=owner, data={"title": "Ganz anders"})
    services.submit_project(project=published, user=owner)

    with pytest.raises(PermissionDenied):
        services.publish_project(project=published, moderator=owner)
    published.refresh_from_db()
    assert published.title == "Kinder stärken in Görlitz"
    assert published.revision_state == Project.RevisionState.SUBMITTED


def test_best_practice_needs_a_published_project_and_renders_the_story(draft, published, moderator):
    with pytest.raises(services.TransitionError):
        services.set_best_practice(
            project=draft, moderator=moderator, story={"story_what_worked": "x"}
        )
    services.set_best_practice(
        project=published,
        moderator=moderator,
        story={
            "story_what_worked": "**Verlässlichkeit**",
            "story_lessons": "",
            "story_transfer": "",
        },
    )
    published.refresh_from_db()
    assert published.is_best_practice
    assert "<strong>Verlässlichkeit</strong>" in published.story_what_worked_html
    assert list(Project.objects.best_practice()) == [published]
