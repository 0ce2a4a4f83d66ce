"""Invitations: bound to the invited address, carried through sign-up, revocable."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from projects import services
from projects.models import Invitation, ProjectMembership
from tests.factories import ACCEPTED_TERMS, UserFactory, verified

pytestmark = pytest.mark.django_db

INVITED = "neu.im.team@example.org"
PASSWORD = "richtig-gutes-Passwort-1"


@pytest.fixture(autouse=True)
def _german():
    """Links are reversed in German, whatever the previous test's request left active."""
    with translation.override("de"):
        yield


@pytest.fixture
def invitation(draft, owner):
    return services.invite_member(project=draft, inviter=owner, email=INVITED)


def _joined(project, user) -> bool:
    return ProjectMembership.objects.filter(project=project, user=user).exists()


# --- Who may accept: the role matrix ----------------------------------------------------


def test_invitation_is_accepted_by_the_person_who_confirmed_the_invited_address(
    client, draft, invitation
):
    invited = verified(UserFactory(email=INVITED))
    client.force_login(invited)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "Dem Team beitreten" in page
    response = client.post(invitation.get_absolute_url())
    assert response["Location"] == f"/projekte/{draft.slug}/bearbeiten/"
    assert ProjectMembership.objects.get(project=draft, user=invited).role == "editor"


def test_invitation_accepts_a_confirmed_second_address_in_any_case(draft, invitation):
    person = verified(UserFactory())
    EmailAddress.objects.create(user=person, email=INVITED.upper(), verified=True)
    services.accept_invitation(invitation=invitation, user=person)
    assert _joined(draft, person)


@pytest.mark.parametrize("role", ["other", "unverified", "editor", "owner", "moderator"])
def test_forwarded_invitation_link_does_not_let_anyone_else_join(
    client, draft, invitation, role, owner, editor, other_user, moderator
):
    unverified = UserFactory(email=INVITED.replace("neu", "unbestaetigt"))
    EmailAddress.objects.create(user=unverified, email=INVITED, verified=False, primary=False)
    user = {
        "other": other_user,
        "unverified": unverified,
        "editor": editor,
        "owner": owner,
        "moderator": moderator,
    }[role]
    client.force_login(user)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "Dem Team beitreten" not in page
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "an eine andere E-Mail-Adresse" in response.content.decode()
    assert ProjectMembership.objects.filter(project=draft).count() == 2  # owner and editor
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # still usable by the invited person


def test_invitation_for_another_address_explains_what_to_do(client, invitation, other_user):
    client.force_login(other_user)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "Diese Einladung gilt für eine andere E-Mail-Adresse" in page
    assert "/konto/email/" in page
    assert INVITED not in page  # a forwarded link does not hand out the invitee's address
    client.force_login(other_user)
    assert "This invitation is for another email address" in client.get(
        "/en" + invitation.get_absolute_url()
    ).content.decode("utf-8")


def test_invitation_for_anonymous_visitor_offers_log_in_and_sign_up(client, invitation):
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "Dem Team beitreten" not in page
    assert f"/konto/login/?next=/projekte/einladung/{invitation.token}/" in page
    assert f"/konto/signup/?next=/projekte/einladung/{invitation.token}/" in page
    response = client.post(invitation.get_absolute_url())
    assert response["Location"].startswith("/konto/login/")


# --- Carried through sign-up -------------------------------------------------------------


def test_invitation_survives_sign_up_confirmation_and_login(
    client, draft, invitation, django_capture_on_commit_callbacks
):
    client.get(invitation.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/konto/signup/?next={invitation.get_absolute_url()}",
            {
                "email": INVITED,
                "display_name": "Neu im Team",
                "password1": PASSWORD,
                "password2": PASSWORD,
                **ACCEPTED_TERMS,
            },
        )
    confirm = re.search(
        r"https?://[^/\s]+(/konto/[^\s]*confirm-email/[^\s]+/)", mail.outbox[-1].body
    )
    response = client.post(confirm.group(1))
    assert response["Location"] == "/konto/login/?bestaetigt=1"

    login_page = client.get(response["Location"]).content.decode()
    assert "Ihre E-Mail-Adresse ist bestätigt" in login_page
    assert "/konto/signup/" not in login_page.split("<main", 1)[-1]  # no "no account yet?"

    response = client.post("/konto/login/", {"login": INVITED, "password": PASSWORD})
    assert response["Location"] == invitation.get_absolute_url()
    assert "Dem Team beitreten" in client.get(response["Location"]).content.decode()


def test_invitation_is_found_after_confirming_in_another_browser(client, draft, invitation):
    invited = verified(UserFactory(email=INVITED))
    response = client.post("/konto/login/", {"login": INVITED, "password": PASSWORD})
    assert response["Location"] == invitation.get_absolute_url()
    services.accept_invitation(invitation=invitation, user=invited)
    client.logout()
    response = client.post("/konto/login/", {"login": INVITED, "password": PASSWORD})
    assert response["Location"] == "/konto/"  # used: no longer a destination


def test_login_page_offers_sign_up_when_no_address_was_just_confirmed(client):
    assert "/konto/signup/" in client.get("/konto/login/").content.decode()


# --- The team page: open invitations and withdrawing them -------------------------------


def test_owner_withdraws_an_open_invitation(client, draft, owner, invitation):
    client.force_login(owner)
    page = client.get(f"/projekte/{draft.slug}/team/").content.decode()
    assert INVITED in page
    response = client.post(
        f"/projekte/{draft.slug}/team/", {"action": "revoke", "invitation": invitation.pk}
    )
    assert response.status_code == 302
    page = client.get(f"/projekte/{draft.slug}/team/").content.decode()
    assert f"Die Einladung an {INVITED} wurde zurückgezogen." in page
    assert "Offene Einladungen" not in page
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_editor_cannot_withdraw_an_invitation(client, draft, editor, invitation):
    client.force_login(editor)
    response = client.post(
        f"/projekte/{draft.slug}/team/", {"action": "revoke", "invitation": invitation.pk}
    )
    assert response.status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_invitation_of_another_project_cannot_be_withdrawn(draft, published, owner):
    foreign = services.invite_member(project=published, inviter=owner, email=INVITED)
    with pytest.raises(ValidationError):
        services.revoke_invitation(project=draft, invitation=foreign)


def test_joined_person_is_no_longer_listed_as_invited(client, draft, owner, invitation):
    # Invited twice by mistake: the second invitation replaces the first one ...
    second = services.invite_member(project=draft, inviter=owner, email=INVITED.upper())
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    invited = verified(UserFactory(email=INVITED))
    services.accept_invitation(invitation=second, user=invited)
    client.force_login(owner)
    page = client.get(f"/projekte/{draft.slug}/team/").content.decode()
    assert "Offene Einladungen" not in page
    assert invited.display_name in page
