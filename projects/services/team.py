"""The team: invitations by email, members, ownership; and what goes with an account
when it is deleted."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.public import audit, verified_addresses
from projects.models import Invitation, Project, ProjectMembership
from projects.services.history import notify_new_owner
from zukunftsplattform import invitations, mail
from zukunftsplattform.mail import absolute_url


def open_invitations():
    """Invitations that can still be accepted: not used, not expired."""
    return Invitation.objects.open()


def invitation_is_for(invitation: Invitation, user) -> bool:
    """Whether ``user`` may accept: the invited address is one they confirmed.

    A forwarded link alone is not enough (anyone holding it could otherwise join).
    """
    return invitation.is_for(verified_addresses(user))


@transaction.atomic
def invite_member(*, project: Project, inviter, email: str) -> Invitation:
    """Invite someone by email to edit the project; the link expires after 14 days.

    Inviting an address again replaces its open invitation (the older link stops working).
    """
    if project.memberships.filter(user__email__iexact=email.strip()).exists():
        raise ValidationError(_("This person is already in the team."))
    invitation = invitations.invite(Invitation, to=project, email=email, inviter=inviter)
    accept_url = absolute_url(
        reverse("projects:accept_invitation", kwargs={"token": invitation.token})
    )
    mail.send(
        "projects/email/invitation",
        to=[invitation.email],
        context={
            "project": project,
            "inviter": inviter,
            "accept_url": accept_url,
            "invitation": invitation,
        },
        language=translation.get_language() or "de",
        after_commit=True,
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> ProjectMembership:
    """Join the team as editor. The invitation works once, before it expires, and only for
    a user who confirmed the invited address. Other open invitations of the project to the
    user's addresses are used up with it, so none stays listed as open."""
    invitation = invitations.take_up(
        invitation,
        addresses=verified_addresses(user),
        not_yours=_(
            "This invitation was sent to another email address. Log in with the account "
            "of that address, or ask the project owner to invite your address."
        ),
    )
    membership, _created = ProjectMembership.objects.get_or_create(
        project=invitation.project, user=user, defaults={"role": ProjectMembership.Role.EDITOR}
    )
    return membership


@transaction.atomic
def revoke_invitation(*, project: Project, invitation: Invitation) -> None:
    """Withdraw an open invitation: its link stops working and the address is forgotten."""
    if invitation.project_id != project.pk or invitation.accepted_at:
        raise ValidationError(_("This invitation cannot be withdrawn."))
    invitation.delete()


@transaction.atomic
def remove_member(*, project: Project, membership: ProjectMembership) -> None:
    """Remove an editor. The owner cannot be removed: hand over ownership first."""
    if membership.role == ProjectMembership.Role.OWNER:
        raise ValidationError(_("The owner cannot be removed. Hand over ownership first."))
    membership.delete()


@transaction.atomic
def transfer_ownership(
    *, project: Project, new_owner_membership: ProjectMembership, by=None
) -> None:
    """Make an editor the owner; the previous owner stays in the team as editor.

    ``by``: who hands over (the owner on the team page; the leaving owner when their
    account is deleted). Side effect: an activity record naming both accounts by number
    only, so it keeps no name of someone who leaves.
    """
    current = (
        project.memberships.select_for_update().filter(role=ProjectMembership.Role.OWNER).first()
    )
    if current is not None and current.pk == new_owner_membership.pk:
        return
    if current is not None:
        current.role = ProjectMembership.Role.EDITOR
        current.save(update_fields=["role"])
    new_owner_membership.role = ProjectMembership.Role.OWNER
    new_owner_membership.save(update_fields=["role"])
    audit.record(
        "project.ownership",
        project,
        actor=by,
        new_owner=new_owner_membership.user_id,
        previous_owner=current.user_id if current is not None else None,
        log_message="project ownership handed over",
    )


def ownership_successors(user) -> list[tuple]:
    """For each project ``user`` owns: (project, the member who takes over or None).

    The longest-serving other member takes over; the account deletion page shows this
    beforehand and ``keep_an_owner`` does it.
    """
    owned = ProjectMembership.objects.filter(
        user=user, role=ProjectMembership.Role.OWNER
    ).select_related("project")
    result = []
    for membership in owned.order_by("project__title"):
        successor = (
            ProjectMembership.objects.filter(project_id=membership.project_id)
            .exclude(user=user)
            .select_related("user")
            .order_by("created_at", "pk")
            .first()
        )
        result.append((membership.project, successor))
    return result


@transaction.atomic
def pass_on_ownership(*, leaving) -> None:
    """Before ``leaving``'s account is deleted: each project they own goes to the
    longest-serving other member, who is told by email; a project without other members
    keeps no owner (moderators still manage it)."""
    for project, successor in ownership_successors(leaving):
        if successor:
            transfer_ownership(project=project, new_owner_membership=successor, by=leaving)
            notify_new_owner(project=project, membership=successor)
        ProjectMembership.objects.filter(project=project, user=leaving).delete()


# --- When an account is deleted -------------------------------------------------------


def addressed_to(user) -> Q:
    """Invitations to any of the user's email addresses (they are sent by address)."""
    query = Q(email__iexact=user.email)
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        query |= Q(email__iexact=address)
    return query


@transaction.atomic
def forget_accepted_invitations(*, user) -> None:
    """An accepted invitation only records which address joined; it goes with the account.

    Open invitations stay: they are the team's offer, and they expire on their own.
    """
    Invitation.objects.filter(addressed_to(user), accepted_at__isnull=False).delete()


@transaction.atomic
def forget_contact_address(*, user) -> None:
    """A project whose contact address is the leaving person's own loses it (in the
    approved profile and in pending changes): it would point at someone who is gone."""
    addresses = {user.email.lower()}
    addresses |= {
        a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    for project in Project.objects.filter(memberships__user=user):
        fields = []
        if project.contact_email.lower() in addresses:
            project.contact_email = ""
            fields.append("contact_email")
        if str(project.revision.get("contact_email", "")).lower() in addresses:
            project.revision["contact_email"] = ""
            fields.append("revision")
        if fields:
            project.save(update_fields=fields)
