"""An organisation's administrators manage its members on the members page: what each
button does, what the page says, and what is recorded."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from accounts.services import delete_account
from network.models import OrganisationInvitation, OrganisationMembership
from tests.factories import UserFactory, verified
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ADMIN = OrganisationMembership.Role.ADMINISTRATOR
MEMBER = OrganisationMembership.Role.MEMBER


@pytest.fixture
def team(client):
    """A visible organisation with an administrator (signed in) and a member."""
    admin = verified(UserFactory(display_name="Frieda Gründerin"))
    colleague = verified(UserFactory(display_name="Karl Kollege"))
    organisation = OrganisationFactory(name="Tafel Zittau")
    OrganisationMembership.objects.create(organisation=organisation, user=admin, role=ADMIN)
    OrganisationMembership.objects.create(organisation=organisation, user=colleague, role=MEMBER)
    client.force_login(admin)
    members = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    return organisation, admin, colleague, members


def _said(client, response) -> str:
    return client.get(response.url).content.decode()


def test_an_administrator_promotes_demotes_and_removes_a_member(client, team):
    organisation, admin, colleague, members = team
    membership = organisation.memberships.get(user=colleague)

    client.post(members, {"action": "promote", "member": membership.pk})
    assert organisation.memberships.get(user=colleague).role == ADMIN
    response = client.post(members, {"action": "demote", "member": membership.pk})
    assert "Karl Kollege ist jetzt Mitglied ohne Verwaltungsrechte." in _said(client, response)
    assert organisation.memberships.get(user=colleague).role == MEMBER

    response = client.post(members, {"action": "remove", "member": membership.pk})
    assert "Karl Kollege ist kein Mitglied mehr." in _said(client, response)
    assert not organisation.members.filter(pk=colleague.pk).exists()
    assert organisation.activity.filter(action="organisation.role", actor=admin).count() == 2


def test_an_open_invitation_is_withdrawn_and_its_link_stops_working(client, team):
    _organisation, _admin, _colleague, members = team
    client.post(members, {"action": "invite", "email": "gast@example.org"})
    invitation = OrganisationInvitation.objects.get(email="gast@example.org")

    response = client.post(members, {"action": "revoke", "invitation": invitation.pk})

    assert "Die Einladung an gast@example.org wurde zurückgezogen." in _said(client, response)
    assert not OrganisationInvitation.objects.filter(pk=invitation.pk).exists()
    client.force_login(verified(UserFactory(email="gast@example.org")))
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_inviting_someone_who_is_a_member_already_is_explained_at_the_field(client, team):
    _organisation, _admin, colleague, members = team

    response = client.post(members, {"action": "invite", "email": colleague.email.upper()})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Diese Person ist bereits Mitglied." in html
    assert 'id="error-summary"' in html
    assert colleague.email.upper() in html  # what was typed stays


def test_when_the_last_administrator_deletes_their_account_the_longest_member_takes_over(rf, team):
    organisation, admin, colleague, _members = team
    later = verified(UserFactory())
    OrganisationMembership.objects.create(organisation=organisation, user=later, role=MEMBER)
    request = rf.post("/")
    request.session = SessionStore()
    request.user = admin

    delete_account(request=request, user=admin)

    assert organisation.memberships.get(user=colleague).role == ADMIN  # the longest-serving
    assert organisation.memberships.get(user=later).role == MEMBER
    assert organisation.activity.filter(action="organisation.role").exists()
