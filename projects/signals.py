from django.utils.translation import gettext as _

from projects import services
from projects.models import Invitation, Project, ProjectMembership, Transition
from projects.services import addressed_to, ownership_successors, pass_on_ownership


def ownership_notes(user) -> list[str]:
    """What deleting the account means for the projects the user owns, in sentences."""
    notes = []
    for project, successor in ownership_successors(user):
        if successor:
            notes.append(
                _("“%(title)s”: %(name)s becomes the owner and is told by email.")
                % {"title": project.title, "name": successor.user.display_name}
            )
        else:
            notes.append(
                _(
                    "“%(title)s”: nobody else is in the team; the project stays without an "
                    "owner and the moderation looks after it."
                )
                % {"title": project.title}
            )
    return notes


def keep_an_owner(sender, instance, **kwargs):
    """Before an account is deleted, hand each project it owns to the longest-serving
    member (``services.pass_on_ownership``)."""
    pass_on_ownership(leaving=instance)


def personal_data(user) -> list[dict]:
    """The user's teams, with the project's contact details and images (often theirs)."""
    return [
        {
            "project": membership.project.title,
            "role": membership.role,
            "since": membership.created_at.isoformat(),
            "contact_email": membership.project.contact_email,
            "contact_phone": membership.project.contact_phone,
            "logo": membership.project.logo.name or None,
            "cover": membership.project.cover.name or None,
        }
        for membership in ProjectMembership.objects.filter(user=user)
        .select_related("project")
        .order_by("pk")
    ]


def invitations_data(user) -> dict:
    """Invitations the user sent, and those addressed to one of their email addresses."""

    def row(invitation):
        return {
            "project": invitation.project.title,
            "email": invitation.email,
            "sent_at": invitation.created_at.isoformat(),
            "expires_at": invitation.expires_at.isoformat(),
            "accepted_at": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
        }

    invitations = Invitation.objects.select_related("project").order_by("pk")
    received = invitations.filter(addressed_to(user))
    return {
        "sent": [row(i) for i in invitations.filter(invited_by=user)],
        "received": [row(i) for i in received],
    }


def project_files(user) -> list[str]:
    """Logos and cover images of the user's projects, for the ZIP of their data."""
    names = []
    for project in Project.objects.filter(memberships__user=user):
        names += [project.logo.name, project.cover.name, project.cover_card.name]
    return [name for name in names if name]


def moderation_messages_data(user) -> list[dict]:
    """Messages the moderation sent to the teams the user is in (requests, reasons)."""
    return [
        {
            "project": transition.project.title,
            "from": transition.from_status,
            "to": transition.to_status,
            "message": transition.message,
            "at": transition.created_at.isoformat(),
        }
        for transition in Transition.objects.filter(project__memberships__user=user)
        .exclude(message="")
        .exclude(actor=user)
        .select_related("project")
        .order_by("created_at", "pk")
    ]


def history_data(user) -> list[dict]:
    """Status changes of projects that the user made (submissions, decisions)."""
    return [
        {
            "project": transition.project.title,
            "from": transition.from_status,
            "to": transition.to_status,
            "message": transition.message,
            "at": transition.created_at.isoformat(),
        }
        for transition in Transition.objects.filter(actor=user)
        .select_related("project")
        .order_by("created_at", "pk")
    ]


def forget_accepted_invitations(sender, instance, **kwargs):
    """An accepted invitation only records which address joined; it goes with the account
    (``services.forget_accepted_invitations``)."""
    services.forget_accepted_invitations(user=instance)


def forget_contact_address(sender, instance, **kwargs):
    """A project whose contact address is the leaving person's own loses it
    (``services.forget_contact_address``)."""
    services.forget_contact_address(user=instance)
