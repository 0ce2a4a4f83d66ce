"""Organisations that signed-in people propose: created hidden, completed by their
administrators while they wait, then published or declined by the moderation
(``network.lifecycle.VISIBILITY``: proposed → visible / declined)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.public import audit
from network.lifecycle import (
    ADMINISTRATOR,
    VISIBILITY,
    Visibility,
    is_published_in,
    visibility_of,
)
from network.models import (
    ORGANISATION_REVISION_FIELDS,
    RESERVED_SLUGS,
    Organisation,
    OrganisationMembership,
)
from network.services.common import ORGANISATION_RECORDED, _changes, _set_fields, _set_m2m
from network.services.organisations import refresh_organisation
from zukunftsplattform import mail
from zukunftsplattform.lifecycle import MODERATOR
from zukunftsplattform.mail import absolute_url
from zukunftsplattform.slugs import unique_slug

Role = OrganisationMembership.Role


def administrators(organisation: Organisation):
    """The accounts that administer the organisation, longest-serving first."""
    return [
        membership.user
        for membership in organisation.memberships.filter(role=Role.ADMINISTRATOR)
        .select_related("user")
        .order_by("created_at", "pk")
    ]


def founder_of(organisation: Organisation):
    """Who proposed it: its longest-serving administrator (None when none is left)."""
    admins = administrators(organisation)
    return admins[0] if admins else None


@transaction.atomic
def propose_organisation(*, data: dict, by) -> Organisation:
    """Create an organisation from a signed-in person's form: hidden until the moderation
    publishes it, with ``by`` as its first administrator.

    Side effects: an activity record, and a mail to the editorial team with the link to
    the review page.
    """
    organisation = Organisation(
        slug=unique_slug(Organisation, data["name"], reserved=RESERVED_SLUGS),
        admission=Organisation.Admission.PROPOSED,
        is_published=False,
    )
    _set_fields(organisation, data, ORGANISATION_REVISION_FIELDS)
    organisation.save()
    _set_m2m(organisation, data)
    OrganisationMembership.objects.create(
        organisation=organisation, user=by, role=Role.ADMINISTRATOR
    )
    refresh_organisation(organisation)
    audit.record(
        "organisation.propose_new",
        organisation,
        actor=by,
        changes=_changes({}, organisation, ORGANISATION_RECORDED),
        log_message="organisation proposed",
    )
    mail.send(
        "network/email/organisation_proposed",
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        context={
            "organisation": organisation,
            "by": by,
            "review_url": absolute_url(
                reverse("admin:network_organisation_review", args=[organisation.pk])
            ),
        },
        language="de",
        after_commit=True,
    )
    return organisation


@transaction.atomic
def edit_proposed_organisation(*, organisation: Organisation, data: dict, by) -> Organisation:
    """An administrator completes the profile while it waits (nothing of it is public, so
    the change moderation has nothing to protect). Refused in any other state."""
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    VISIBILITY.step("edit", visibility_of(stored), roles=ADMINISTRATOR)
    before = audit.snapshot(stored, ORGANISATION_RECORDED)
    _set_fields(stored, data, ORGANISATION_REVISION_FIELDS)
    stored.save()
    _set_m2m(stored, data)
    refresh_organisation(stored)
    audit.record(
        "organisation.update",
        stored,
        actor=by,
        changes=_changes(before, stored, ORGANISATION_RECORDED),
        log_message="proposed organisation completed",
    )
    return stored


def publish_organisation(*, organisation: Organisation, by, message: str = "") -> Organisation:
    """The moderation admits a proposed organisation: it appears on the public pages.
    Side effects: an activity record; its administrators are told by email."""
    return _decide(organisation, "publish", by=by, message=message)


def decline_organisation(*, organisation: Organisation, by, message: str) -> Organisation:
    """The moderation declines a proposed organisation (a reason is required): it stays
    hidden. Side effects: an activity record; its administrators get the reason by email."""
    return _decide(organisation, "decline", by=by, message=message)


@transaction.atomic
def _decide(organisation, action, *, by, message):
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    source = visibility_of(stored)
    step = VISIBILITY.step(action, source, roles=MODERATOR, message=message)
    admitted = step.target != Visibility.DECLINED
    stored.admission = (
        Organisation.Admission.ADMITTED if admitted else Organisation.Admission.DECLINED
    )
    stored.is_published = is_published_in(step.target)
    stored.save(update_fields=["admission", "is_published", "updated_at"])
    audit.record(
        f"organisation.{step.action}",
        stored,
        actor=by,
        changes={"admission": {"before": source, "after": step.target}},
        message=message,
        log_message=f"proposed organisation {step.target}",
    )
    for user in administrators(stored):
        mail.send(
            f"network/email/{step.mails}",
            to=[user.email],
            context={
                "organisation": stored,
                "user": user,
                "message": message,
                "public_url": absolute_url(stored.get_absolute_url()),
            },
            language=user.language or "de",
            after_commit=True,
        )
    organisation.refresh_from_db()
    return stored
