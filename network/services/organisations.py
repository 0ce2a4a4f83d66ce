"""Organisations: create, change (moderators), show or hide, merge duplicates, index.

Members' proposals go through the change moderation (``network.services.changes``).
"""

from django.db import transaction
from django.utils import translation

from accounts.public import audit
from network.lifecycle import DIRECTORY_STAFF, VISIBILITY, is_published_in, visibility_of
from network.models import (
    ORGANISATION_REVISION_FIELDS,
    RESERVED_SLUGS,
    Organisation,
)
from network.services.common import (
    M2M_FIELDS,
    ORGANISATION_RECORDED,
    ORGANISATION_STAFF_FIELDS,
    _changes,
    _set_fields,
    _set_m2m,
    refresh_profile,
)
from zukunftsplattform.search import search_document
from zukunftsplattform.slugs import unique_slug


def search_document_of_organisation(organisation: Organisation, *, topics, offers) -> dict:
    """Name (A); kind, topics, offers, region, place (B); the description's beginning (C,
    also for typos: see zukunftsplattform.search); the rest and English names (D).
    ``topics`` and ``offers``: (German, English) name pairs."""
    terms = [*topics, *offers]
    with translation.override("de"):
        kind = str(organisation.get_kind_display()) if organisation.kind else ""
    return search_document(
        a=[organisation.name],
        b=[
            kind,
            *(de for de, _en in terms),
            organisation.get_region_display() if organisation.region else "",
            organisation.place,
        ],
        c=[organisation.description[:300]],
        d=[organisation.description[300:], *(en for _de, en in terms)],
    )


def refresh_organisation(organisation: Organisation) -> None:
    """Render the description and index what the public sees for search."""
    refresh_profile(organisation, text="description", document_of=search_document_of_organisation)


@transaction.atomic
def create_organisation(*, data: dict, by=None) -> Organisation:
    """Create an organisation (visible at once) from form or demo data; index it."""
    organisation = Organisation(
        slug=data.get("slug") or unique_slug(Organisation, data["name"], reserved=RESERVED_SLUGS)
    )
    _set_fields(organisation, data, [*ORGANISATION_REVISION_FIELDS, "is_platform_partner"])
    if "is_published" in data:  # the admin may create it hidden
        organisation.is_published = bool(data["is_published"])
    organisation.save()
    _set_m2m(organisation, data)
    if data.get("members"):  # staff add administrators (the membership's default role)
        organisation.members.set(data["members"])
    refresh_organisation(organisation)
    audit.record(
        "organisation.create",
        organisation,
        actor=by,
        changes=_changes({}, organisation, ORGANISATION_RECORDED),
        log_message="organisation created",
    )
    return organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, data: dict, by) -> Organisation:
    """Change the public profile at once (moderators only; members propose changes).

    From the admin also the address, partner status and members. The stored row is
    changed, not the caller's instance (an admin form has already written its values
    into that one, visibility included, which has its own service); the caller's
    instance is reloaded afterwards. Side effect: an activity record with before/after.
    """
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = audit.snapshot(stored, ORGANISATION_RECORDED)
    staff_fields = [name for name in ORGANISATION_STAFF_FIELDS if name in data]
    _set_fields(stored, data, [*ORGANISATION_REVISION_FIELDS, *staff_fields])
    stored.save()
    _set_m2m(stored, data)
    if "members" in data:
        stored.members.set(data["members"] or [])
    refresh_organisation(stored)
    audit.record(
        "organisation.update",
        stored,
        actor=by,
        changes=_changes(before, stored, ORGANISATION_RECORDED),
        log_message="organisation changed",
    )
    organisation.refresh_from_db()
    return stored


@transaction.atomic
def set_organisation_visibility(*, organisation: Organisation, published: bool, by) -> bool:
    """Show or hide an organisation on every public page (its members still see it).

    The step (``show``/``hide``) comes from ``network.lifecycle.VISIBILITY``; one the table
    does not have from the current state (hiding a hidden one) changes nothing. Returns
    whether anything changed. Side effect: an activity record.
    """
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.is_published = published
    action, state = ("show" if published else "hide"), visibility_of(stored)
    if not VISIBILITY.steps_from(state, action):
        return False
    step = VISIBILITY.step(action, state, roles=DIRECTORY_STAFF)
    stored.is_published = is_published_in(step.target)
    stored.save(update_fields=["is_published", "updated_at"])
    audit.record(
        f"organisation.{step.action}",
        stored,
        actor=by,
        changes={"is_published": {"before": not published, "after": published}},
        log_message="organisation shown" if published else "organisation hidden",
    )
    return True


def organisation_working_copy(organisation: Organisation, *, include_pending=True) -> dict:
    """The values a member edits: the pending change if there is one, else the profile.

    Topics and offers are lists of primary keys; the logo is the stored file name.
    """
    values = {
        name: getattr(organisation, name)
        for name in ORGANISATION_REVISION_FIELDS
        if name not in M2M_FIELDS
    }
    values["logo"] = organisation.logo.name
    values["topics"] = [topic.pk for topic in organisation.topics.all()]
    values["offers"] = [offer.pk for offer in organisation.offers.all()]
    if include_pending:
        values.update(organisation.revision or {})
    return values


@transaction.atomic
def merge_organisations(*, keep: Organisation, duplicates, by) -> Organisation:
    """Fold duplicates into ``keep`` and delete them.

    Members, topics, offers, people, carried and partner projects move to ``keep``;
    empty fields of ``keep`` are filled from the duplicates; a platform partner stays one.
    """
    keep = Organisation.objects.select_for_update().get(pk=keep.pk)
    before = audit.snapshot(keep, ORGANISATION_RECORDED)
    partner_links = Organisation.partner_projects.through
    merged = []
    merged_names = []
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        for membership in duplicate.memberships.exclude(user__in=keep.members.all()):
            keep.members.add(membership.user, through_defaults={"role": membership.role})
        keep.topics.add(*duplicate.topics.all())
        keep.offers.add(*duplicate.offers.all())
        duplicate.people.update(organisation=keep)
        duplicate.carried_projects.update(carrying_organisation=keep)
        already = partner_links.objects.filter(organisation=keep).values("project_id")
        partner_links.objects.filter(organisation=duplicate).exclude(project_id__in=already).update(
            organisation=keep
        )
        for name in ["description", "region", "place", "website", "logo_alt"]:
            if not getattr(keep, name) and getattr(duplicate, name):
                setattr(keep, name, getattr(duplicate, name))
        if not keep.logo and duplicate.logo:
            keep.logo.name = duplicate.logo.name
        keep.is_platform_partner = keep.is_platform_partner or duplicate.is_platform_partner
        merged.append(duplicate.pk)
        merged_names.append(f"{duplicate.name} ({duplicate.slug})")
        duplicate.delete()
    keep.save()
    refresh_organisation(keep)
    audit.record(
        "organisation.merge",
        keep,
        actor=by,
        changes=_changes(before, keep, ORGANISATION_RECORDED),
        merged=merged,
        merged_names=merged_names,
        log_message="organisations merged",
    )
    return keep
