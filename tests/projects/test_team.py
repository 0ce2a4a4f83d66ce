import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from accounts.services import delete_account
from projects import services
from projects.models import Invitation, ProjectMembership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_owner_invites_by_email_and_the_link_makes_an_editor(
    client, draft, owner, other_user, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/projekte/{draft.slug}/team/", {"action": "invite", "email": other_user.email}
        )
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/projekte/einladung/[^/\s]+/)", mail.outbox[-1].body).group(
        1
    )
    assert draft.title in mail.outbox[-1].subject

    client.force_login(other_user)
    assert draft.title in client.get(link).content.decode()
    client.post(link)
    assert ProjectMembership.objects.get(project=draft, user=other_user).role == "editor"
    assert client.post(link).status_code == 302  # used once
    assert ProjectMembership.objects.filter(project=draft, user=other_user).count() == 1


def test_expired_invitation_is_refused(draft, owner, other_user):
    invitation = services.invite_member(project=draft, inviter=owner, email=other_user.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=other_user)
    assert not ProjectMembership.objects.filter(project=draft, user=other_user).exists()


def test_inviting_a_member_twice_is_explained(client, draft, owner, editor):
    client.force_login(owner)
    response = client.post(
        f"/projekte/{draft.slug}/team/", {"action": "invite", "email": editor.email}
    )
    assert "bereits im Team" in response.content.decode()


def test_owner_cannot_be_removed_but_can_hand_over(draft, owner, editor):
    owner_membership = draft.memberships.get(user=owner)
    with pytest.raises(ValidationError):
        services.remove_member(project=draft, membership=owner_membership)
    services.transfer_ownership(
        project=draft, new_owner_membership=draft.memberships.get(user=editor)
    )
    roles = dict(draft.memberships.values_list("user_id", "role"))
    assert roles == {owner.pk: "editor", editor.pk: "owner"}


def test_editor_cannot_manage_the_team(client, draft, editor, owner):
    client.force_login(editor)
    assert client.get(f"/projekte/{draft.slug}/team/").status_code == 200
    membership = draft.memberships.get(user=owner)
    assert (
        client.post(
            f"/projekte/{draft.slug}/team/", {"action": "remove", "member": membership.pk}
        ).status_code
        == 403
    )
    assert draft.memberships.count() == 2


def test_deleting_the_owners_account_hands_the_project_to_an_editor(rf, draft, owner, editor):
    request = rf.post("/")
    request.session = SessionStore()
    request.user = owner
    delete_account(request=request, user=owner)
    assert not User.objects.filter(pk=owner.pk).exists()
    assert draft.memberships.get().user == editor
    assert draft.memberships.get().role == "owner"


def test_a_deleted_editor_s_address_leaves_the_project_and_its_pending_changes(
    rf, published, owner, editor
):
    published.contact_email = editor.email.upper()  # the address as typed, in capitals
    published.save(update_fields=["contact_email"])
    services.update_project(
        project=published,
        user=owner,
        data={"title": published.title, "contact_email": editor.email},
    )
    request = rf.post("/")
    request.session = SessionStore()
    request.user = editor
    delete_account(request=request, user=editor)

    published.refresh_from_db()
    assert published.contact_email == ""
    assert published.revision["contact_email"] == ""
    assert published.revision["title"] == "Kinder stärken in Görlitz"  # the rest waits on


@pytest.mark.parametrize("member", ["abc", "", "9" * 40, "-1", "1.5", "\x00", "foreign"], ids=repr)
@pytest.mark.parametrize("action", ["remove", "owner"])
def test_team_action_for_a_person_outside_the_team_is_explained(
    client, draft, owner, editor, published, action, member
):
    if member == "foreign":  # a membership, but in another project
        member = ProjectMembership.objects.create(project=published, user=UserFactory()).pk
    client.force_login(owner)
    response = client.post(f"/projekte/{draft.slug}/team/", {"action": action, "member": member})
    assert response.status_code == 302
    assert response["Location"] == f"/projekte/{draft.slug}/team/"
    page = client.get(response["Location"]).content.decode()
    assert "nicht (mehr) im Team" in page
    roles = dict(draft.memberships.values_list("user_id", "role"))
    assert roles == {owner.pk: "owner", editor.pk: "editor"}


def test_team_page_refuses_an_unknown_action(client, draft, owner, editor):
    client.force_login(owner)
    member = draft.memberships.get(user=editor).pk
    response = client.post(f"/projekte/{draft.slug}/team/", {"action": "delete", "member": member})
    assert response.status_code == 302
    assert "Diese Aktion gibt es nicht." in client.get(response["Location"]).content.decode()
    assert draft.memberships.count() == 2


def test_account_deletion_says_beforehand_who_takes_over_and_tells_them(
    client, draft, owner, editor, django_capture_on_commit_callbacks
):
    from tests.projects.factories import ProjectFactory
    from tests.test_accounts import reauthenticate

    alone = ProjectFactory(owner=owner, title="Nur ich")
    reauthenticate(client, owner)
    page = client.get("/konto/loeschen/").content.decode()
    assert (
        f"„{draft.title}“: {editor.display_name} wird Inhaber*in und erfährt es per E-Mail." in page
    )
    assert "„Nur ich“: Sonst ist niemand im Team" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/loeschen/", {"confirm": "on"})
    assert draft.memberships.get().user == editor
    [message] = [m for m in mail.outbox if m.to == [editor.email]]
    assert (
        message.subject == f"[Zukunftsplattform] You are now the owner of “{draft.title}”"
    )  # editor's language
    assert "deleted their account" in message.body
    assert not alone.memberships.exists()


def test_owner_removes_an_editor_on_the_team_page(client, draft, owner, editor):
    client.force_login(owner)
    member = draft.memberships.get(user=editor).pk
    response = client.post(
        f"/projekte/{draft.slug}/team/", {"action": "remove", "member": member}, follow=True
    )
    assert f"{editor} ist nicht mehr im Team." in response.content.decode()
    assert not ProjectMembership.objects.filter(project=draft, user=editor).exists()


def test_owner_cannot_remove_themself_on_the_team_page(client, draft, owner):
    client.force_login(owner)
    member = draft.memberships.get(user=owner).pk
    response = client.post(
        f"/projekte/{draft.slug}/team/", {"action": "remove", "member": member}, follow=True
    )
    assert "kann nicht entfernt werden" in response.content.decode()
    assert draft.memberships.get(user=owner).role == ProjectMembership.Role.OWNER


def test_owner_hands_over_ownership_on_the_team_page(client, draft, owner, editor):
    client.force_login(owner)
    member = draft.memberships.get(user=editor).pk
    response = client.post(
        f"/projekte/{draft.slug}/team/", {"action": "owner", "member": member}, follow=True
    )
    assert f"{editor} ist jetzt Inhaber*in." in response.content.decode()
    assert draft.memberships.get(user=editor).role == ProjectMembership.Role.OWNER
    assert draft.memberships.get(user=owner).role == ProjectMembership.Role.EDITOR


def test_an_accepted_invitation_cannot_be_withdrawn(client, draft, owner, other_user):
    invitation = services.invite_member(project=draft, inviter=owner, email=other_user.email)
    services.accept_invitation(invitation=invitation, user=other_user)
    client.force_login(owner)
    response = client.post(
        f"/projekte/{draft.slug}/team/",
        {"action": "revoke", "invitation": invitation.pk},
        follow=True,
    )
    assert "Diese Einladung kann nicht zurückgezogen werden." in response.content.decode()
    assert ProjectMembership.objects.filter(project=draft, user=other_user).exists()


def test_owner_handing_ownership_to_themself_changes_nothing(client, draft, owner, editor):
    client.force_login(owner)
    member = draft.memberships.get(user=owner).pk
    client.post(f"/projekte/{draft.slug}/team/", {"action": "owner", "member": member})
    assert draft.memberships.get(user=owner).role == ProjectMembership.Role.OWNER
    assert draft.memberships.get(user=editor).role == ProjectMembership.Role.EDITOR
    assert draft.memberships.filter(role=ProjectMembership.Role.OWNER).count() == 1
    # Nothing happened, so the project's activity records no hand-over.
    from accounts.models import ActivityLog

    assert not ActivityLog.objects.filter(action="project.ownership").exists()


def test_withdrawing_without_naming_an_invitation_is_explained(client, draft, owner):
    client.force_login(owner)
    response = client.post(f"/projekte/{draft.slug}/team/", {"action": "revoke"}, follow=True)
    assert "Diese Einladung ist nicht mehr offen." in response.content.decode()
