"""What moderators hear about, where they start, what they preview; what teams take back."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from accounts.moderation import MODERATION_GROUP
from projects import services
from projects.models import Project
from tests.factories import UserFactory, log_in_with_second_factor, verified

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def daily_moderator(db):
    user = verified(UserFactory(is_staff=True, moderation_emails="daily", language="en"))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


# --- Emails to the moderation -------------------------------------------------------------


def test_submission_mails_moderators_who_want_each_item(
    draft, owner, moderator, daily_moderator, django_capture_on_commit_callbacks
):
    bystander = verified(UserFactory(is_staff=True))  # staff without the moderation role
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_project(project=draft, user=owner)
    [message] = _to(moderator.email)
    assert message.subject == f"[Zukunftsplattform] Neue Einreichung: „{draft.title}“"
    assert re.search(rf"https://\S+/admin/projects/\w+/{draft.pk}/moderate/", message.body)
    assert not _to(daily_moderator.email)
    assert not _to(bystander.email)


def test_resubmission_and_submitted_changes_are_mailed_with_what_they_are(
    draft, published, owner, moderator, django_capture_on_commit_callbacks
):
    services.submit_project(project=draft, user=owner)
    services.request_changes(project=draft, moderator=moderator, message="Bitte kürzen.")
    services.update_project(project=published, user=owner, data={"title": "Neu und besser"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_project(project=draft, user=owner)
        services.submit_project(project=published, user=owner)
    subjects = sorted(m.subject for m in _to(moderator.email))
    assert subjects == [
        f"[Zukunftsplattform] Erneut eingereicht: „{draft.title}“",
        f"[Zukunftsplattform] Änderungen zu prüfen: „{published.title}“",
    ]


def test_daily_summary_lists_the_queue_once_a_day_from_seven(
    draft, owner, daily_moderator, django_capture_on_commit_callbacks
):
    services.submit_project(project=draft, user=owner)
    mail.outbox.clear()

    def digest(now):
        with django_capture_on_commit_callbacks(execute=True):
            return services.send_moderation_digest(now=now)

    assert digest(datetime(2026, 12, 1, 6, 30, tzinfo=BERLIN)) == 0
    morning = datetime(2026, 12, 1, 7, 5, tzinfo=BERLIN)
    assert digest(morning) == 1
    [message] = _to(daily_moderator.email)
    assert message.subject == "[Zukunftsplattform] Moderation: 1 item(s) waiting"  # English
    assert draft.title in message.body
    assert re.search(rf"https://\S+/admin/projects/\w+/{draft.pk}/moderate/", message.body)
    assert digest(morning.replace(hour=15)) == 0  # same day
    assert digest(morning.replace(day=2)) == 1  # next day


def test_daily_summary_is_not_sent_when_nothing_waits(daily_moderator):
    call_command("send_moderation_digest")
    assert services.send_moderation_digest(now=datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN)) == 0
    assert not mail.outbox


def test_staff_choose_each_or_daily_on_their_account_page(client, moderator):
    log_in_with_second_factor(client, moderator)
    page = client.get("/konto/").content.decode()
    assert "Eine Zusammenfassung am Tag" in page
    response = client.post("/konto/moderation-emails/", {"moderation_emails": "daily"})
    assert response["Location"] == "/konto/"
    moderator.refresh_from_db()
    assert moderator.moderation_emails == User.ModerationEmails.DAILY


def test_moderation_email_setting_is_not_for_innovators(client, owner):
    client.force_login(owner)
    assert "Eine Zusammenfassung am Tag" not in client.get("/konto/").content.decode()
    assert (
        client.post("/konto/moderation-emails/", {"moderation_emails": "daily"}).status_code == 403
    )


# --- The admin ----------------------------------------------------------------------------


def test_admin_index_starts_with_the_queue_and_its_count(
    client, draft, published, owner, moderator
):
    services.submit_project(project=draft, user=owner)
    services.update_project(project=published, user=owner, data={"title": "Anders"})
    services.submit_project(project=published, user=owner)
    log_in_with_second_factor(client, moderator)
    page = client.get("/admin/").content.decode()
    assert "2 Einträge warten auf eine Entscheidung." in page
    main = page[page.index('id="content-main"') :]
    assert main.index("moderation-queue-summary") < main.index('class="app-projects')


def test_decision_form_uses_the_admin_layout(client, draft, owner, moderator):
    services.submit_project(project=draft, user=owner)
    log_in_with_second_factor(client, moderator)
    page = client.get(f"/admin/projects/project/{draft.pk}/moderate/").content.decode()
    assert 'class="breadcrumbs"' in page
    assert '<fieldset class="module aligned">' in page
    assert 'class="radiolist"' in page
    assert 'class="submit-row"' in page


def test_preview_shows_the_submitted_changes_not_the_public_version(
    client, published, owner, moderator
):
    services.update_project(
        project=published, user=owner, data={"title": "Kinder stärken überall", "topics": []}
    )
    services.submit_project(project=published, user=owner)
    log_in_with_second_factor(client, moderator)
    decide = client.get(f"/admin/projects/project/{published.pk}/moderate/").content.decode()
    assert f"/projekte/{published.slug}/vorschau/" in decide
    preview = client.get(f"/projekte/{published.slug}/vorschau/").content.decode()
    assert "<h1" in preview and "Kinder stärken überall" in preview
    assert "Kinder stärken in Görlitz" not in preview.split("<main", 1)[1]
    published.refresh_from_db()
    assert published.title == "Kinder stärken in Görlitz"  # the preview saved nothing
    assert (
        "Kinder stärken in Görlitz" in client.get(f"/projekte/{published.slug}/").content.decode()
    )


# --- The team sees and withdraws what waits ----------------------------------------------

PREVIEW_MATRIX = {"anonymous": 302, "other": 404, "editor": 200, "owner": 200, "moderator": 200}
WITHDRAW_MATRIX = {"anonymous": 302, "other": 404, "editor": 302, "owner": 302, "moderator": 403}


@pytest.mark.parametrize("role", list(PREVIEW_MATRIX))
def test_role_matrix_for_preview_and_withdrawal(
    client, role, draft, owner, editor, other_user, moderator
):
    services.submit_project(project=draft, user=owner)
    user = {"other": other_user, "editor": editor, "owner": owner, "moderator": moderator}.get(role)
    if role == "moderator":
        log_in_with_second_factor(client, moderator)
    elif user:
        client.force_login(user)
    assert client.get(f"/projekte/{draft.slug}/vorschau/").status_code == PREVIEW_MATRIX[role]
    response = client.post(f"/projekte/{draft.slug}/zurueckziehen/")
    assert response.status_code == WITHDRAW_MATRIX[role]
    draft.refresh_from_db()
    withdrawn = WITHDRAW_MATRIX[role] == 302 and role != "anonymous"
    assert draft.status == (Project.Status.DRAFT if withdrawn else Project.Status.SUBMITTED)


def test_team_sees_what_it_submitted_from_my_projects_and_withdraws_it(
    client, published, editor, owner
):
    services.update_project(project=published, user=editor, data={"title": "Neuer Titel"})
    services.submit_project(project=published, user=editor)
    client.force_login(editor)
    mine = client.get("/projekte/meine/").content.decode()
    assert f"/projekte/{published.slug}/vorschau/" in mine
    preview = client.get(f"/projekte/{published.slug}/vorschau/").content.decode()
    assert "Neuer Titel" in preview and "Geändert: Titel" in preview
    response = client.post(f"/projekte/{published.slug}/zurueckziehen/", follow=True)
    assert "Sie haben Ihre Einreichung zurückgezogen." in response.content.decode()
    published.refresh_from_db()
    assert published.revision_state == Project.RevisionState.DRAFT
    assert services.working_copy(published)["title"] == "Neuer Titel"  # kept for editing
    assert not Project.objects.awaiting_review().filter(pk=published.pk).exists()
    step = published.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == (
        "changes_submitted",
        "changes_withdrawn",
        editor,
    )


def test_withdrawn_resubmission_returns_to_changes_requested(draft, owner, moderator):
    services.submit_project(project=draft, user=owner)
    services.request_changes(project=draft, moderator=moderator, message="Bitte kürzen.")
    services.submit_project(project=draft, user=owner)
    services.withdraw_submission(project=draft, user=owner)
    assert draft.status == Project.Status.CHANGES_REQUESTED
    with pytest.raises(services.TransitionError):
        services.withdraw_submission(project=draft, user=owner)


def test_preview_shows_a_new_cover_and_the_proposed_partners(
    client, published, owner, moderator, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from tests.network.factories import OrganisationFactory

    partner = OrganisationFactory(name="Bürgerstiftung Dresden")
    new_cover = {
        "main": ContentFile(b"cover-neu", name="neu.webp"),
        "card": ContentFile(b"card-neu", name="card-neu.webp"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.update_project(
            project=published,
            user=owner,
            data={"cover": new_cover, "partner_organisations": [partner]},
        )
        services.submit_project(project=published, user=owner)
    published.refresh_from_db()
    log_in_with_second_factor(client, moderator)
    preview = client.get(f"/projekte/{published.slug}/vorschau/").content.decode()
    assert published.revision["cover"]["main"] in preview
    assert "Bürgerstiftung Dresden" in preview
    public = client.get(f"/projekte/{published.slug}/").content.decode()
    assert "Bürgerstiftung Dresden" not in public and 'class="project__cover"' not in public
