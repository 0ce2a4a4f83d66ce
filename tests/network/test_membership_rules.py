"""The rules of membership that hold whoever calls the services, not only the members page:
a used invitation stays, members do not ask to join, only members leave, a role set twice
is one change, and nobody signed out is a member."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from network import services
from network.models import JoinRequest, OrganisationMembership
from network.permissions import is_administrator, membership_of
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ADMIN = OrganisationMembership.Role.ADMINISTRATOR
MEMBER = OrganisationMembership.Role.MEMBER


@pytest.fixture
def admin(founder):
    return founder


@pytest.fixture
def organisation(founded):
    return founded


def test_an_accepted_invitation_cannot_be_withdrawn(organisation, admin):
    karl = verified(UserFactory(email="karl@example.org"))
    invitation = services.invite_to_organisation(
        organisation=organisation, inviter=admin, email="karl@example.org"
    )
    services.accept_organisation_invitation(invitation=invitation, user=karl)
    invitation.refresh_from_db()  # as the next request reads it
    with pytest.raises(ValidationError, match="kann nicht zurückgezogen werden"):
        services.revoke_organisation_invitation(
            organisation=organisation, invitation=invitation, by=admin
        )
    assert organisation.invitations.filter(pk=invitation.pk).exists()  # the record stays


def test_an_invitation_is_withdrawn_only_by_its_own_organisation(organisation, admin):
    invitation = services.invite_to_organisation(
        organisation=organisation, inviter=admin, email="karl@example.org"
    )
    other = OrganisationFactory(name="Anderer Verein")
    with pytest.raises(ValidationError, match="kann nicht zurückgezogen werden"):
        services.revoke_organisation_invitation(organisation=other, invitation=invitation, by=admin)
    assert services.open_organisation_invitations().filter(pk=invitation.pk).exists()


def test_a_member_does_not_ask_to_join_again(organisation, admin):
    with pytest.raises(ValidationError, match="bereits Mitglied"):
        services.request_to_join(organisation=organisation, user=admin, message="Hallo")
    assert not JoinRequest.objects.exists()


def test_only_a_member_leaves(organisation):
    stranger = verified(UserFactory())
    with pytest.raises(ValidationError, match="kein Mitglied"):
        services.leave_organisation(organisation=organisation, user=stranger)
    assert organisation.memberships.count() == 1


def test_promoting_an_administrator_again_changes_and_records_nothing(client, organisation, admin):
    membership = organisation.memberships.get(user=admin)
    client.force_login(admin)
    members = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    client.post(members, {"action": "promote", "member": membership.pk})
    assert organisation.memberships.get(user=admin).role == ADMIN
    assert not organisation.activity.filter(action="organisation.role").exists()


def test_signed_out_nobody_is_a_member_or_administrator(organisation):
    visitor = AnonymousUser()
    assert membership_of(visitor, organisation) is None
    assert not is_administrator(visitor, organisation)


def _members(organisation):
    return f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"


def test_the_last_administrator_cannot_step_down_and_the_page_says_why(client, organisation, admin):
    client.force_login(admin)
    membership = organisation.memberships.get(user=admin)
    response = client.post(
        _members(organisation), {"action": "demote", "member": membership.pk}, follow=True
    )
    assert "die letzte Person, die diese Organisation verwaltet" in response.content.decode()
    assert organisation.memberships.get(user=admin).role == ADMIN


def test_the_join_page_asks_a_visitor_and_sends_a_member_to_the_members_page(
    client, organisation, admin
):
    visitor = verified(UserFactory(email="vera@example.org"))
    client.force_login(visitor)
    join = f"/netzwerk/organisationen/{organisation.slug}/beitreten/"
    page = client.get(join).content.decode()
    assert 'name="message"' in page and "Tafel Zittau" in page
    client.force_login(admin)
    response = client.get(join, follow=True)
    assert response.redirect_chain[-1][0] == _members(organisation)
    assert "bereits Mitglied dieser Organisation" in response.content.decode()


def test_a_hidden_organisation_takes_no_requests_to_join(client, organisation, moderator):
    services.set_organisation_visibility(organisation=organisation, published=False, by=None)
    join = f"/netzwerk/organisationen/{organisation.slug}/beitreten/"
    client.force_login(verified(UserFactory(email="vera@example.org")))
    assert client.post(join, {"message": "Hallo"}).status_code == 404  # nobody knows it
    log_in_with_second_factor(client, moderator)  # sees it, but joins no hidden organisation
    assert client.post(join, {"message": "Hallo"}).status_code == 403
    assert not JoinRequest.objects.exists()


def test_accepting_an_invitation_signed_out_leads_to_the_login_first(client, organisation, admin):
    invitation = services.invite_to_organisation(
        organisation=organisation, inviter=admin, email="karl@example.org"
    )
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/?next=")
    assert not organisation.memberships.filter(user__email="karl@example.org").exists()
