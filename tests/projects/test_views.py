import re

import pytest

from projects import services
from projects.models import Project
from tests.factories import log_in, log_in_with_second_factor
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other", "editor", "owner", "moderator"]


def client_as(client, role, *, owner, editor, other_user, moderator):
    user = {"other": other_user, "editor": editor, "owner": owner, "moderator": moderator}.get(role)
    if user:
        log_in(client, user)
    return client


# expected status per role for (page, project state); 302 = to login
MATRIX = {
    ("detail", "draft"): [404, 404, 200, 200, 200],
    ("detail", "published"): [200, 200, 200, 200, 200],
    ("edit", "draft"): [302, 404, 200, 200, 403],
    ("edit", "published"): [302, 403, 200, 200, 403],
    ("team", "draft"): [302, 404, 200, 200, 403],
    ("team", "published"): [302, 403, 200, 200, 403],
    ("history", "draft"): [302, 404, 200, 200, 200],
    ("history", "published"): [302, 403, 200, 200, 200],
}
PATHS = {
    "detail": "/projekte/{}/",
    "edit": "/projekte/{}/bearbeiten/",
    "team": "/projekte/{}/team/",
    "history": "/projekte/{}/verlauf/",
}


@pytest.mark.parametrize(("page", "state"), list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_role_matrix_for_project_pages(
    client, page, state, role_index, draft, published, owner, editor, other_user, moderator
):
    project = draft if state == "draft" else published
    client_as(
        client,
        ROLES[role_index],
        owner=owner,
        editor=editor,
        other_user=other_user,
        moderator=moderator,
    )
    response = client.get(PATHS[page].format(project.slug))
    expected = MATRIX[(page, state)][role_index]
    assert response.status_code == expected, (page, state, ROLES[role_index])
    if expected == 302:
        assert response.url.startswith("/konto/login/")
    if expected == 200 and page == "detail":
        assert project.title in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "other"])
def test_submit_is_refused_to_outsiders(client, role, draft, owner, editor, other_user, moderator):
    client_as(client, role, owner=owner, editor=editor, other_user=other_user, moderator=moderator)
    response = client.post(f"/projekte/{draft.slug}/einreichen/")
    assert response.status_code in (302, 404)
    draft.refresh_from_db()
    assert draft.status == Project.Status.DRAFT


def test_editor_submits_a_complete_project(client, draft, editor):
    from taxonomy.models import Topic

    draft.topics.set([Topic.objects.first()])
    client.force_login(editor)
    response = client.post(f"/projekte/{draft.slug}/einreichen/", follow=True)
    draft.refresh_from_db()
    assert draft.status == Project.Status.SUBMITTED
    assert "eingereicht" in response.content.decode()


def test_incomplete_project_is_not_submitted_and_says_what_is_missing(client, owner):
    project = ProjectFactory(owner=owner, summary="", challenge="")
    client.force_login(owner)
    response = client.post(f"/projekte/{project.slug}/einreichen/", follow=True)
    project.refresh_from_db()
    html = response.content.decode()
    assert project.status == Project.Status.DRAFT
    assert "Kurzbeschreibung" in html and "mindestens ein Thema" in html


def test_submitted_project_cannot_be_edited_by_the_team(client, draft, owner):
    Project.objects.filter(pk=draft.pk).update(status=Project.Status.SUBMITTED)
    client.force_login(owner)
    response = client.get(f"/projekte/{draft.slug}/bearbeiten/", follow=True)
    assert response.redirect_chain[-1][0] == "/projekte/meine/"
    assert "Zur Prüfung eingereicht" in response.content.decode()


def test_posted_status_owner_or_best_practice_fields_have_no_effect(client, draft, owner):
    client.force_login(owner)
    client.post(
        f"/projekte/{draft.slug}/bearbeiten/",
        {
            "title": "Neuer Titel",
            "stage": "idee",
            "status": "published",
            "is_best_practice": "on",
            "published_at": "2020-01-01",
        },
    )
    draft.refresh_from_db()
    assert draft.title == "Neuer Titel"
    assert draft.status == Project.Status.DRAFT
    assert not draft.is_best_practice and draft.published_at is None


def test_my_projects_shows_status_message_and_next_step(client, draft, owner, moderator):
    from projects import services

    services.submit_project(project=draft, user=owner)
    services.request_changes(
        project=draft, moderator=moderator, message="Bitte Zielgruppen ergänzen."
    )
    client.force_login(owner)
    html = client.get("/projekte/meine/").content.decode()
    assert draft.title in html
    assert "Änderungen erbeten" in html
    assert "Bitte Zielgruppen ergänzen." in html
    assert "Nehmen Sie die erbetenen Änderungen vor" in html


def test_create_form_keeps_what_was_typed_and_links_errors(client, owner):
    client.force_login(owner)
    response = client.post(
        "/projekte/neu/",
        {
            "title": "",
            "summary": "Mein Text bleibt",
            "stage": "idee",
            "contact_email": "kaputt",
            "evidence_links": "nicht eine url",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Project.objects.exists()
    assert 'id="error-summary"' in html
    for field in ["id_title", "id_contact_email", "id_evidence_links"]:
        assert f'href="#{field}"' in html
    assert "Mein Text bleibt" in html and "nicht eine url" in html


def test_create_draft_with_only_a_title(client, owner):
    client.force_login(owner)
    response = client.post("/projekte/neu/", {"title": "Nur ein Titel", "stage": "idee"})
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == f"/projekte/{project.slug}/bearbeiten/"
    assert project.status == Project.Status.DRAFT and project.memberships.get().user == owner


def test_admin_moderation_requires_a_message_to_request_changes(client, draft, owner, moderator):
    from projects import services

    services.submit_project(project=draft, user=owner)
    log_in_with_second_factor(client, moderator)
    url = f"/admin/projects/project/{draft.pk}/moderate/"
    response = client.post(url, {"action": "request_changes", "message": ""})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Project.Status.SUBMITTED
    response = client.post(url, {"action": "request_changes", "message": "Bitte kürzen."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Project.Status.CHANGES_REQUESTED


def test_admin_queue_lists_submissions_oldest_first_with_a_diff(
    client, draft, published, owner, moderator
):
    from projects import services

    services.submit_project(project=draft, user=owner)
    services.update_project(project=published, user=owner, data={"title": "Kinder stärken überall"})
    services.submit_project(project=published, user=owner)
    log_in_with_second_factor(client, moderator)
    html = client.get("/admin/projects/moderationqueueentry/").content.decode()
    assert html.index(draft.title) < html.index(published.title)
    change = client.get(
        f"/admin/projects/moderationqueueentry/{published.pk}/change/"
    ).content.decode()
    assert "Kinder stärken überall" in change and "Kinder stärken in Görlitz" in change
    decide = client.get(f"/admin/projects/project/{published.pk}/moderate/").content.decode()
    assert "Kinder stärken überall" in decide


@pytest.mark.parametrize("role", ["other", "editor", "owner"])
def test_admin_moderation_is_refused_to_non_staff(
    client, role, draft, owner, editor, other_user, moderator
):
    client_as(client, role, owner=owner, editor=editor, other_user=other_user, moderator=moderator)
    response = client.post(f"/admin/projects/project/{draft.pk}/moderate/", {"action": "publish"})
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert draft.status == Project.Status.DRAFT


def test_staff_without_moderation_permission_cannot_moderate(client, draft, owner):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    Project.objects.filter(pk=draft.pk).update(status=Project.Status.SUBMITTED)
    log_in_with_second_factor(client, staff)
    assert (
        client.post(
            f"/admin/projects/project/{draft.pk}/moderate/", {"action": "publish"}
        ).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.status == Project.Status.SUBMITTED
    # Nor does their admin index show the moderation queue.
    assert "moderation-queue-summary" not in client.get("/admin/").content.decode()


def test_moderation_group_has_exactly_what_moderation_needs():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Moderation")
        .permissions.filter(content_type__app_label="projects")
        .values_list("codename", flat=True)
    )
    assert codenames == {
        "view_project", "change_project", "moderate_project", "view_projectmembership", "view_invitation",
        "view_transition", "view_moderationqueueentry", "change_moderationqueueentry",
        "view_fundingprogramme", "add_fundingprogramme", "change_fundingprogramme",
        "view_callround", "add_callround", "change_callround",
    }  # fmt: skip
    assert (
        not Group.objects.get(name="Moderation")
        .permissions.filter(content_type__app_label="projects", codename__startswith="delete_")
        .exists()
    )


def test_history_shows_the_states_in_the_readers_language_not_their_codes(
    client, published, owner, moderator
):
    services.update_project(project=published, user=owner, data={"summary": "Neu."})
    services.submit_project(project=published, user=owner)
    services.publish_project(project=published, moderator=moderator)
    services.set_best_practice(project=published, moderator=moderator, story={})
    client.force_login(owner)

    german = client.get(f"/projekte/{published.slug}/verlauf/").content.decode()
    english = client.get(f"/en/projekte/{published.slug}/verlauf/").content.decode()

    assert "Änderungen zur Prüfung eingereicht → Veröffentlicht" in german
    assert "Veröffentlicht → Als gute Praxis ausgezeichnet" in german
    assert "Changes submitted for review → Published" in english
    for code in ["changes_submitted", "published", "best_practice"]:
        assert f"{code} →" not in german + english
        assert f"→ {code}" not in german + english


def test_every_step_a_service_records_has_a_label():
    from projects.models import Transition

    assert set(Project.Status.values) <= set(Transition.Step.values)
    assert {"changes_submitted", "changes_rejected", "best_practice", "not_best_practice"} <= set(
        Transition.Step.values
    )


def _label(page: str, name: str) -> str:
    """The label (or fieldset legend) of a form field, as rendered."""
    found = re.search(
        rf'<fieldset[^>]*id="id_{name}"[^>]*>\s*<legend.*?</legend>'
        rf'|<label[^>]*for="id_{name}"[^>]*>.*?</label>',
        page,
        re.S,
    )
    assert found, name
    return found.group(0)


def test_project_form_marks_what_submission_needs_instead_of_optional(client, draft, owner):
    from projects.forms import NEEDED_TO_SUBMIT

    client.force_login(owner)
    page = client.get(f"/projekte/{draft.slug}/bearbeiten/").content.decode()
    for name in NEEDED_TO_SUBMIT:
        assert "für die Einreichung nötig" in _label(page, name), name
        assert "– optional" not in _label(page, name), name
    assert "– optional" in _label(page, "website")


def test_submitting_a_submitted_project_again_says_why_not(client, draft, owner):
    Project.objects.filter(pk=draft.pk).update(status=Project.Status.SUBMITTED)
    log_in(client, owner)
    response = client.post(f"/projekte/{draft.slug}/einreichen/", follow=True)
    assert response.redirect_chain[-1][0] == "/projekte/meine/"
    assert (
        "Dieses Projekt kann derzeit nicht eingereicht werden: Zur Prüfung eingereicht."
        in response.content.decode()
    )


def test_submitting_changes_that_wait_for_review_names_the_changes_state(client, published, owner):
    Project.objects.filter(pk=published.pk).update(revision_state=Project.RevisionState.SUBMITTED)
    log_in(client, owner)
    response = client.post(f"/projekte/{published.slug}/einreichen/", follow=True)
    page = response.content.decode()
    assert "Dieses Projekt kann derzeit nicht eingereicht werden: Änderungen" in page
    assert Project.objects.get(pk=published.pk).revision_state == "submitted"


def test_submitting_a_published_project_without_changes_is_explained(client, published, owner):
    from taxonomy.models import Topic

    published.topics.set([Topic.objects.first()])
    log_in(client, owner)
    response = client.post(f"/projekte/{published.slug}/einreichen/", follow=True)
    assert response.redirect_chain[-1][0] == "/projekte/meine/"
    assert "Es gibt keine Änderungen, die Sie einreichen können." in response.content.decode()
    assert Project.objects.get(pk=published.pk).revision_state == ""


def test_more_than_ten_evidence_links_are_refused(client, owner):
    client.force_login(owner)
    links = "\n".join(f"https://beleg-{number}.example/" for number in range(11))
    response = client.post(
        "/projekte/neu/", {"title": "Viele Belege", "stage": "idee", "evidence_links": links}
    )
    assert response.status_code == 200
    assert "Bitte geben Sie höchstens 10 Links an." in response.content.decode()
    assert not Project.objects.exists()


def test_a_broken_ascii_domain_in_the_contact_address_is_refused(client, owner):
    client.force_login(owner)
    response = client.post(
        "/projekte/neu/",
        {"title": "Kontakt kaputt", "stage": "idee", "contact_email": "info@xn--zz.de"},
    )
    assert response.status_code == 200
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()
    assert not Project.objects.exists()
