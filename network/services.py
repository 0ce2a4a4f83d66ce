"""Every change to the network directory goes through these functions.

Organisations: members propose changes, which wait in ``Organisation.revision`` until a
moderator approves them; the public keeps seeing the approved profile. Moderators edit
directly (admin) and merge duplicates.

People: a profile is public only with a consent to the consent text now in force (see
``PersonQuerySet.public``). Staff-created people confirm through a signed link sent by
email; every email to a person carries a link to withdraw; withdrawal hides the profile
at once because every public query filters on consent.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.public import audit
from network.consent import make_confirm_token, make_withdraw_token
from network.models import (
    ORGANISATION_REVISION_FIELDS,
    ConsentRecord,
    ConsentText,
    Organisation,
    Person,
)
from network.permissions import MODERATION_PERMISSION, is_member
from taxonomy.public import SupportCategory, Topic
from zukunftsplattform import mail, moderation
from zukunftsplattform.lifecycle import MODERATOR, TransitionError
from zukunftsplattform.mail import absolute_url
from zukunftsplattform.markdown import render_markdown
from zukunftsplattform.search import search_document, update_search_columns
from zukunftsplattform.slugs import unique_slug

M2M_FIELDS = {"topics": Topic, "offers": SupportCategory}
PERSON_FIELDS = [
    "name",
    "role",
    "affiliation",
    "bio",
    "photo",
    "photo_alt",
    "region",
    "topics",
    "offers",
]
# What only staff set (admin): the person's own profile form has none of these.
PERSON_STAFF_FIELDS = ["slug", "organisation", "email", "language", "user"]
ORGANISATION_STAFF_FIELDS = ["slug", "is_platform_partner"]
# What an activity record keeps before and after a change. Links to accounts and contact
# addresses are recorded as changed without their values (accounts.audit.changes).
ORGANISATION_RECORDED = [
    *ORGANISATION_REVISION_FIELDS, "slug", "is_published", "is_platform_partner", "members",
]  # fmt: skip
PERSON_RECORDED = [*PERSON_FIELDS, *PERSON_STAFF_FIELDS]
PRIVATE = {"members", "user", "email"}


# --- Helpers ------------------------------------------------------------------------


def _sync_search_columns(obj) -> None:
    """Copy the stored search columns onto the instance, so a later save() keeps them."""
    obj.search_vector, obj.search_text = (
        type(obj).objects.filter(pk=obj.pk).values_list("search_vector", "search_text").get()
    )


# --- Organisations -------------------------------------------------------------------


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
    html = render_markdown(organisation.description)
    Organisation.objects.filter(pk=organisation.pk).update(description_html=html)
    organisation.description_html = html
    document = search_document_of_organisation(
        organisation,
        topics=organisation.topics.values_list("name_de", "name_en"),
        offers=organisation.offers.values_list("name_de", "name_en"),
    )
    update_search_columns(Organisation, organisation.pk, document=document)
    _sync_search_columns(organisation)


def _set_fields(obj, data: dict, fields: list[str]) -> None:
    for name in fields:
        if name in data and name not in M2M_FIELDS:
            value = data[name]
            if name in {"logo", "photo"}:
                if value is False:  # "clear" ticked in the admin
                    setattr(obj, name, "")
                elif value and not isinstance(value, FieldFile):
                    # a new upload (already validated and re-encoded); a FieldFile is the
                    # stored file the admin hands back unchanged
                    getattr(obj, name).save(value.name, value, save=False)
                continue
            if name in {"organisation", "user"}:
                setattr(obj, name, value)
                continue
            setattr(obj, name, value if value is not None else "")


def _changes(before: dict, obj, fields) -> dict:
    return audit.changes(before, audit.snapshot(obj, fields), private=PRIVATE)


def _set_m2m(obj, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(obj, name).set(data[name] or [])


@transaction.atomic
def create_organisation(*, data: dict, by=None) -> Organisation:
    """Create an organisation (visible at once) from form or demo data; index it."""
    organisation = Organisation(slug=data.get("slug") or unique_slug(Organisation, data["name"]))
    _set_fields(organisation, data, [*ORGANISATION_REVISION_FIELDS, "is_platform_partner"])
    if "is_published" in data:  # the admin may create it hidden
        organisation.is_published = bool(data["is_published"])
    organisation.save()
    _set_m2m(organisation, data)
    if data.get("members"):
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

    Returns whether anything changed. Side effect: an activity record.
    """
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.is_published = published
    if stored.is_published == published:
        return False
    stored.is_published = published
    stored.save(update_fields=["is_published", "updated_at"])
    audit.record(
        "organisation.show" if published else "organisation.hide",
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


def revision_diff(organisation: Organisation) -> list[dict]:
    """Field by field what a pending change would alter: label, current, proposed."""
    return CHANGE_MODERATION.diff(organisation)


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
        keep.members.add(*duplicate.members.all())
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


# --- People --------------------------------------------------------------------------


def search_document_of_person(person: Person, *, topics, offers) -> dict:
    """Name (A); role, affiliation, topics, offers, region (B); the biography's beginning
    (C, also for typos); the rest and English names (D)."""
    terms = [*topics, *offers]
    return search_document(
        a=[person.name],
        b=[
            person.role,
            person.affiliation,
            *(de for de, _en in terms),
            person.get_region_display() if person.region else "",
        ],
        c=[person.bio[:300]],
        d=[person.bio[300:], *(en for _de, en in terms)],
    )


def refresh_person(person: Person) -> None:
    """Render the biography and index what the public sees for search."""
    html = render_markdown(person.bio)
    Person.objects.filter(pk=person.pk).update(bio_html=html)
    person.bio_html = html
    document = search_document_of_person(
        person,
        topics=person.topics.values_list("name_de", "name_en"),
        offers=person.offers.values_list("name_de", "name_en"),
    )
    update_search_columns(Person, person.pk, document=document)
    _sync_search_columns(person)


@transaction.atomic
def create_person(*, data: dict, by=None, ask_for_consent: bool = False) -> Person:
    """Create a profile; it stays unpublished until the person consents.

    With ``ask_for_consent`` and an email address, the person gets the request by email.
    """
    person = Person(slug=data.get("slug") or unique_slug(Person, data["name"]))
    _set_fields(person, data, [*PERSON_FIELDS, "email", "language"])
    person.organisation = data.get("organisation")
    person.user = data.get("user")
    person.save()
    _set_m2m(person, data)
    refresh_person(person)
    audit.record(
        "person.create",
        person,
        actor=by,
        changes=_changes({}, person, PERSON_RECORDED),
        log_message="person created",
    )
    if ask_for_consent and person.email:
        request_consent(person=person, by=by)
    return person


@transaction.atomic
def update_person(*, person: Person, data: dict, by, staff: bool = False) -> Person:
    """Change a profile at once.

    People edit their own profile without waiting for the moderation (it is their own data,
    and they already agreed to show it); the editorial team is told by email so they can
    look at it afterwards. Moderators' edits send nothing. ``staff`` (the admin) also sets
    the address, organisation, contact address, language and linked account.
    The stored row is changed and the caller's instance reloaded (as for organisations).
    Side effect: an activity record with before and after.
    """
    caller = person
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person, PERSON_RECORDED)
    staff_fields = [name for name in PERSON_STAFF_FIELDS if staff and name in data]
    _set_fields(person, data, [*PERSON_FIELDS, *staff_fields])
    person.save()
    _set_m2m(person, data)
    refresh_person(person)
    if by is not None and by.pk == person.user_id and not staff:
        mail.send(
            "network/email/profile_changed",
            to=[settings.STAFF_NOTIFICATION_EMAIL],
            context={
                "person": person,
                "admin_url": absolute_url(reverse("admin:network_person_change", args=[person.pk])),
            },
            language="de",
            after_commit=True,
        )
    audit.record(
        "person.update",
        person,
        actor=by,
        changes=_changes(before, person, PERSON_RECORDED),
        log_message="person changed",
    )
    caller.refresh_from_db()
    return person


@transaction.atomic
def delete_own_profile(*, user) -> None:
    """The profile of a person whose account is deleted goes with it: photo, consent
    history and the activity records about it (they hold the person's data)."""
    for person in Person.objects.filter(user=user):
        if person.photo:
            person.photo.delete(save=False)
        person.delete()


# --- Consent -------------------------------------------------------------------------


def current_consent_text(purpose=ConsentText.Purpose.PUBLIC_PROFILE) -> ConsentText | None:
    return (
        ConsentText.objects.filter(purpose=purpose, published_at__isnull=False)
        .order_by("-published_at", "-version")
        .first()
    )


def _person_links(person: Person) -> dict:
    return {
        "confirm_url": absolute_url(
            reverse("network:consent_confirm", kwargs={"token": make_confirm_token(person)})
        ),
        "withdraw_url": absolute_url(
            reverse("network:consent_withdraw", kwargs={"token": make_withdraw_token(person)})
        ),
    }


@transaction.atomic
def request_consent(*, person: Person, by=None, new_version: bool = False) -> None:
    """Email the person a link to confirm the text in force (and one to withdraw).

    Raises ValidationError when the person has no email address or no text is in force.
    """
    if not person.email:
        raise ValidationError(_("This person has no email address."))
    text = current_consent_text()
    if text is None:
        raise ValidationError(_("No consent text is in force."))
    Person.objects.filter(pk=person.pk).update(consent_requested_at=timezone.now())
    mail.send(
        "network/email/consent_request",
        to=[person.email],
        context={
            "person": person,
            "text": text,
            "new_version": new_version,
            **_person_links(person),
        },
        language=person.email_language,
        after_commit=True,
    )
    audit.record(
        "person.consent_request",
        person,
        actor=by,
        text_name=str(text),
        log_message="consent requested",
    )


@transaction.atomic
def give_consent(
    *,
    person: Person,
    how: str,
    text: ConsentText | None = None,
    email: str = "",
    send_receipt: bool = True,
) -> ConsentRecord:
    """Record consent to ``text`` (default: the text in force); the profile is public at once.

    Giving it twice for the same version keeps the first record. Side effect: a receipt
    with the withdrawal link goes to the person's email address (unless ``send_receipt``
    is off, for the demo data).
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    text = text or current_consent_text()
    if text is None or not text.is_published:
        raise ValidationError(_("No consent text is in force."))
    existing = ConsentRecord.objects.filter(
        person=person, text=text, withdrawn_at__isnull=True
    ).first()
    if existing:
        return existing
    record = ConsentRecord.objects.create(
        person=person, text=text, how=how, email=email, given_at=timezone.now()
    )
    if send_receipt:
        _send_consent_receipt(person, text)
    audit.record(
        "person.consent",
        person,
        text=text.pk,
        text_name=str(text),
        how=how,
        log_message="consent given",
    )
    return record


def _send_consent_receipt(person: Person, text: ConsentText) -> None:
    mail.send(
        "network/email/consent_given",
        to=[person.email],
        context={
            "person": person,
            "text": text,
            "public_url": absolute_url(person.get_absolute_url()),
            **_person_links(person),
        },
        language=person.email_language,
        after_commit=True,
    )


@transaction.atomic
def withdraw_consent(*, person: Person, how: str, send_receipt: bool = True, by=None) -> int:
    """Withdraw every active consent of the person; the profile disappears at once.

    Returns how many records were withdrawn. Side effect: a receipt goes to the person
    (only when there was something to withdraw). ``by``: the staff member acting at the
    person's request (for the activity record), else the person themselves.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    count = ConsentRecord.objects.filter(person=person, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_how=how[:200]
    )
    if count and send_receipt:
        mail.send(
            "network/email/consent_withdrawn",
            to=[person.email],
            context={"person": person},
            language=person.email_language,
            reply_to=[settings.STAFF_NOTIFICATION_EMAIL],
            after_commit=True,
        )
    audit.record(
        "person.withdraw", person, actor=by, how=how, count=count, log_message="consent withdrawn"
    )
    return count


@transaction.atomic
def save_consent_text(*, text: ConsentText, by) -> ConsentText:
    """Save a draft version (a new one gets the next number); published ones never change."""
    if text.pk and ConsentText.objects.filter(pk=text.pk, published_at__isnull=False).exists():
        raise ValidationError(_("A consent text in force cannot be changed. Write a new version."))
    recorded = ["purpose", "title_de", "title_en", "body_de", "body_en"]
    stored = ConsentText.objects.filter(pk=text.pk).first() if text.pk else None
    before = audit.snapshot(stored, recorded) if stored else {}
    if not text.pk:
        last = ConsentText.objects.filter(purpose=text.purpose).aggregate(v=Max("version"))["v"]
        text.version = (last or 0) + 1
        text.created_by = by
    text.body_de_html = render_markdown(text.body_de)
    text.body_en_html = render_markdown(text.body_en)
    text.save()
    audit.record(
        "consent_text.update" if stored else "consent_text.create",
        text,
        actor=by,
        changes=audit.changes(before, audit.snapshot(text, recorded)),
    )
    return text


@transaction.atomic
def publish_consent_text(*, text: ConsentText, by) -> int:
    """Put a draft version in force.

    Consent to earlier versions no longer makes a profile public: those profiles are hidden
    at once and each of those people is asked by email to confirm the new version.
    Returns how many people were asked.
    """
    text = ConsentText.objects.select_for_update().get(pk=text.pk)
    if text.published_at:
        raise ValidationError(_("This version is already in force."))
    text.published_at = timezone.now()
    text.save(update_fields=["published_at"])
    people = (
        Person.objects.filter(
            consents__text__purpose=text.purpose,
            consents__withdrawn_at__isnull=True,
        )
        .exclude(email="")
        .exclude(consents__text=text)
        .distinct()
    )
    asked = 0
    for person in people:
        request_consent(person=person, by=by, new_version=True)
        asked += 1
    audit.record(
        "consent_text.publish", text, actor=by, text=text.pk, asked=asked,
        log_message="consent text published",
    )  # fmt: skip
    return asked


def consent_state(person: Person) -> str:
    """The person's ``ConsentState`` value (one query)."""
    return (
        Person.objects.with_consent_state()
        .values_list("consent_state", flat=True)
        .get(pk=person.pk)
    )


def refresh_search_of_all_organisations() -> int:
    """Index every organisation again (``manage.py refresh_search``)."""
    count = 0
    for organisation in Organisation.objects.iterator(chunk_size=500):
        refresh_organisation(organisation)
        count += 1
    return count


def refresh_search_of_all_people() -> int:
    """Index every person again (``manage.py refresh_search``)."""
    count = 0
    for person in Person.objects.iterator(chunk_size=500):
        refresh_person(person)
        count += 1
    return count
