"""The rules of membership that hold whoever calls the services, not only the members page:
a used invitation stays, members do not ask to join, only members leave, a role set twice
is one change, and nobody signed out is a member."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from network import services
from network.models import JoinRequest, OrganisationMembership
from network.permissions import is_administrator, membership_of
from tests.factories import UserFactory, verified
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ADMIN = OrganisationMembership.Role.ADMINISTRATOR
MEMBER = OrganisationMembership.Role.MEMBER


@pytest.fixture
def admin(db):
    return verified(UserFactory(display_name="Frieda Gründerin", email="frieda@example.org"))


@pytest.fixture
def organisation(admin):
    organisation = OrganisationFactory(name="Tafel Zittau")
    OrganisationMembership.objects.create(organisation=organisation, user=admin, role=ADMIN)
    return organisation


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
