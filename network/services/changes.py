"""Members' proposals for an organisation's profile, moderated like a project's changes.

The proposal waits in ``Organisation.revision`` until a moderator approves it; the public
keeps seeing the approved profile (``zukunftsplattform.moderation``).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.public import audit
from network.models import (
    ORGANISATION_REVISION_FIELDS,
    Organisation,
)
from network.permissions import MODERATION_PERMISSION, is_member
from network.services.common import M2M_FIELDS, ORGANISATION_RECORDED, _changes
from network.services.organisations import organisation_working_copy, refresh_organisation
from zukunftsplattform import mail, moderation
from zukunftsplattform.lifecycle import MODERATOR, TransitionError
from zukunftsplattform.mail import absolute_url


class OrganisationChanges(moderation.Moderated):
    """Members' proposals for an organisation's profile (``PROPOSAL_LIFECYCLE``)."""

    def roles_of(self, user, organisation):
        roles = set()
        if is_member(user, organisation):
            roles.add(moderation.AUTHOR)
        if user.is_authenticated and user.is_staff and user.has_perm(MODERATION_PERMISSION):
            roles.add(MODERATOR)
        return roles

    def apply(self, organisation, values):
        for name in ORGANISATION_REVISION_FIELDS:
            if name not in values or name in M2M_FIELDS:
                continue
            if name == "logo":
                organisation.logo.name = values["logo"] or ""
            else:
                setattr(organisation, name, values[name])
        organisation.save()
        for name in M2M_FIELDS:
            if name in values:
                getattr(organisation, name).set(values[name])
        refresh_organisation(organisation)

    def snapshot(self, organisation):
        return audit.snapshot(organisation, ORGANISATION_RECORDED)

    def done(self, organisation, step, *, by, author, message, before):
        if step.tells_moderators:
            review_url = absolute_url(
                reverse("admin:network_organisation_review", args=[organisation.pk])
            )
            mail.send(
                "network/email/changes_submitted",
                to=[settings.STAFF_NOTIFICATION_EMAIL],
                context={"organisation": organisation, "by": by, "review_url": review_url},
                language="de",
                after_commit=True,
            )
            audit.record(
                "organisation.propose",
                organisation,
                actor=by,
                log_message="organisation change proposed",
            )
            return
        _notify_proposer(organisation, author, approved=step.action == "approve", message=message)
        if step.action == "approve":
            audit.record(
                "organisation.approve",
                organisation,
                actor=by,
                changes=_changes(before, organisation, ORGANISATION_RECORDED),
                log_message="organisation change approved",
            )
        else:
            audit.record(
                "organisation.reject",
                organisation,
                actor=by,
                message=message,
                log_message="organisation change rejected",
            )


CHANGE_MODERATION = OrganisationChanges(
    model=Organisation,
    fields=tuple(ORGANISATION_REVISION_FIELDS),
    lifecycle=moderation.PROPOSAL_LIFECYCLE,
)


def propose_organisation_change(*, organisation: Organisation, data: dict, by) -> Organisation:
    """Store a member's changes for the moderation; the public profile stays as it is.

    A new logo is stored at once under a fresh name but only shown after approval (a logo
    it replaces that was only proposed is deleted). A second proposal replaces the first.
    Side effect: the editorial team gets an email.
    """
    proposal = {}
    for name in ORGANISATION_REVISION_FIELDS:
        if name in M2M_FIELDS:
            proposal[name] = data.get(name) or []
        elif name == "logo":
            upload = data.get("logo")
            if upload:
                upload.name = f"{uuid.uuid4().hex}.webp"
            proposal["logo"] = upload or organisation_working_copy(organisation)["logo"]
        else:
            proposal[name] = data.get(name) or ""
    return moderation.edit_change(CHANGE_MODERATION, organisation, data=proposal, by=by)


def approve_organisation_change(*, organisation: Organisation, by) -> Organisation:
    """Make the pending change public (the replaced logo is deleted after commit).
    Side effect: the proposer is told by email."""
    return _decide(moderation.approve_change, organisation, by=by)


def reject_organisation_change(*, organisation: Organisation, by, message: str) -> Organisation:
    """Drop the pending change and delete its logo after commit. Side effect: the proposer
    gets the moderator's message."""
    return _decide(moderation.reject_change, organisation, by=by, message=message)


def _decide(service, organisation, **kwargs):
    try:
        return service(CHANGE_MODERATION, organisation, **kwargs)
    except TransitionError:
        if Organisation.objects.with_pending_changes().filter(pk=organisation.pk).exists():
            raise  # e.g. a rejection without a message
        raise ValidationError(_("There are no pending changes.")) from None


def _notify_proposer(organisation, proposer, *, approved: bool, message: str) -> None:
    if proposer is None:
        return
    mail.send(
        "network/email/changes_reviewed",
        to=[proposer.email],
        context={
            "organisation": organisation,
            "user": proposer,
            "approved": approved,
            "message": message,
            "public_url": absolute_url(organisation.get_absolute_url()),
        },
        language=proposer.language or "de",
        after_commit=True,
    )
