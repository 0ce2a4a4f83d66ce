"""Who belongs to an organisation: invitations by email, requests to join, roles, leaving.

Administrators invite colleagues (a link bound to the invited, confirmed address, valid
14 days, like a project team's), accept or decline requests to join, promote members and
remove them. Every member may leave, except the last administrator: someone must be able
to manage the members (hand over first). Each change leaves an activity record that names
accounts by number only.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.public import audit, verified_addresses
from network.models import JoinRequest, Organisation, OrganisationInvitation, OrganisationMembership
from network.services.admission import administrators
from zukunftsplattform import invitations, mail
from zukunftsplattform.mail import absolute_url

Role = OrganisationMembership.Role


def open_organisation_invitations():
    """Invitations that can still be accepted: not used, not expired."""
    return OrganisationInvitation.objects.open()


def organisation_invitation_is_for(invitation: OrganisationInvitation, user) -> bool:
    """Whether ``user`` may accept: the invited address is one they confirmed."""
    return invitation.is_for(verified_addresses(user))


def _record(action, organisation, *, by, member, log_message, **details):
    audit.record(
        f"organisation.{action}",
        organisation,
        actor=by,
        member=member.pk if member else None,
        log_message=log_message,
        **details,
    )


def _members_url(organisation) -> str:
    return absolute_url(reverse("network:organisation_members", args=[organisation.slug]))


@transaction.atomic
def invite_to_organisation(
    *, organisation: Organisation, inviter, email: str
) -> OrganisationInvitation:
    """Invite a colleague by email; the link expires after 14 days. Inviting an address
    again replaces its open invitation (the older link stops working)."""
    if organisation.members.filter(email__iexact=email.strip()).exists():
        raise ValidationError(_("This person is already a member."))
    invitation = invitations.invite(
        OrganisationInvitation, to=organisation, email=email, inviter=inviter
    )
    mail.send(
        "network/email/organisation_invitation",
        to=[invitation.email],
        context={
            "organisation": organisation,
            "inviter": inviter,
            "invitation": invitation,
            "accept_url": absolute_url(invitation.get_absolute_url()),
        },
        language=translation.get_language() or "de",
        after_commit=True,
    )
    _record("invite", organisation, by=inviter, member=None, log_message="member invited")
    return invitation


@transaction.atomic
def accept_organisation_invitation(
    *, invitation: OrganisationInvitation, user
) -> OrganisationMembership:
    """Join as a member. Works once, before it expires, and only for a user who confirmed
    the invited address; the user's other open invitations to it are used up with it."""
    invitation = invitations.take_up(
        invitation,
        addresses=verified_addresses(user),
        not_yours=_(
            "This invitation was sent to another email address. Log in with the account "
            "of that address, or ask the organisation's administrators to invite yours."
        ),
    )
    organisation = invitation.organisation
    membership, created = OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": Role.MEMBER}
    )
    JoinRequest.objects.filter(organisation=organisation, user=user).delete()
    if created:
        _record("join", organisation, by=user, member=user, log_message="invitation accepted")
    return membership


@transaction.atomic
def revoke_organisation_invitation(
    *, organisation: Organisation, invitation: OrganisationInvitation, by
) -> None:
    """Withdraw an open invitation: its link stops working and the address is forgotten."""
    if invitation.organisation_id != organisation.pk or invitation.accepted_at:
        raise ValidationError(_("This invitation cannot be withdrawn."))
    invitation.delete()
    _record("revoke", organisation, by=by, member=None, log_message="invitation withdrawn")


@transaction.atomic
def request_to_join(*, organisation: Organisation, user, message: str = "") -> JoinRequest:
    """Ask to join; the administrators are told by email and decide on the members page.
    Asking again replaces the message of the open request."""
    if organisation.members.filter(pk=user.pk).exists():
        raise ValidationError(_("You are already a member of this organisation."))
    join_request, _created = JoinRequest.objects.update_or_create(
        organisation=organisation, user=user, defaults={"message": message.strip()}
    )
    for admin in administrators(organisation):
        mail.send(
            "network/email/join_requested",
            to=[admin.email],
            context={
                "organisation": organisation,
                "user": admin,
                "applicant": user,
                "message": join_request.message,
                "members_url": _members_url(organisation),
            },
            language=admin.language or "de",
            after_commit=True,
        )
    _record("join_request", organisation, by=user, member=user, log_message="asked to join")
    return join_request


@transaction.atomic
def decide_join_request(*, join_request: JoinRequest, by, accept: bool) -> None:
    """Accept (the person becomes a member) or decline a request to join; the request is
    deleted either way. Side effect: the person is told by email."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    organisation, applicant = join_request.organisation, join_request.user
    if accept:
        OrganisationMembership.objects.get_or_create(
            organisation=organisation, user=applicant, defaults={"role": Role.MEMBER}
        )
    join_request.delete()
    mail.send(
        "network/email/join_decided",
        to=[applicant.email],
        context={
            "organisation": organisation,
            "user": applicant,
            "accepted": accept,
            "public_url": absolute_url(organisation.get_absolute_url()),
        },
        language=applicant.language or "de",
        after_commit=True,
    )
    _record(
        "join_accept" if accept else "join_decline",
        organisation,
        by=by,
        member=applicant,
        log_message="request to join accepted" if accept else "request to join declined",
    )


def _keep_an_administrator(membership: OrganisationMembership) -> None:
    """Refuse to take away the last administrator (someone must manage the members)."""
    if not membership.is_administrator:
        return
    others = (
        OrganisationMembership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            _(
                "You are the last administrator of this organisation. Make another member "
                "administrator first; then you can leave or hand over."
            )
        )


@transaction.atomic
def set_member_role(*, membership: OrganisationMembership, role: str, by) -> None:
    """Promote a member to administrator or make an administrator a member again (not
    the last one)."""
    membership = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return
    if role == Role.MEMBER:
        _keep_an_administrator(membership)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _record(
        "role",
        membership.organisation,
        by=by,
        member=membership.user,
        changes={"role": {"before": before, "after": role}},
        log_message="member role changed",
    )


@transaction.atomic
def remove_member(*, membership: OrganisationMembership, by) -> None:
    """An administrator removes a member (not the last administrator). Leaving oneself is
    the same step (``leave_organisation``)."""
    membership = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
    _keep_an_administrator(membership)
    membership.delete()
    leaving = membership.user_id == getattr(by, "pk", None)
    _record(
        "leave" if leaving else "remove",
        membership.organisation,
        by=by,
        member=membership.user,
        log_message="member left" if leaving else "member removed",
    )


def leave_organisation(*, organisation: Organisation, user) -> None:
    """Leave the organisation; refused for its last administrator."""
    membership = organisation.memberships.filter(user=user).first()
    if membership is None:
        raise ValidationError(_("You are not a member of this organisation."))
    remove_member(membership=membership, by=user)


@transaction.atomic
def keep_administrators(*, leaving) -> None:
    """Before ``leaving``'s account is deleted: where they are the last administrator, the
    longest-serving other member becomes one (an organisation without other members keeps
    none; the moderation still manages it)."""
    for membership in OrganisationMembership.objects.filter(
        user=leaving, role=Role.ADMINISTRATOR
    ).select_related("organisation"):
        others = membership.organisation.memberships.exclude(user=leaving)
        if others.filter(role=Role.ADMINISTRATOR).exists():
            continue
        successor = others.order_by("created_at", "pk").first()
        if successor is not None:
            successor.role = Role.ADMINISTRATOR
            successor.save(update_fields=["role"])
            _record(
                "role",
                membership.organisation,
                by=None,
                member=successor.user,
                changes={"role": {"before": Role.MEMBER, "after": Role.ADMINISTRATOR}},
                log_message="administration passed on: the last administrator left",
            )
