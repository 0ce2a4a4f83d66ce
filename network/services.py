"""Every change to the network directory goes through these functions.

Organisations: members propose changes, which wait in ``Organisation.revision`` until a
moderator approves them; the public keeps seeing the approved profile. Moderators edit
directly (admin) and merge duplicates.

People: a profile is public only with a consent to the consent text now in force (see
``PersonQuerySet.public``). Staff-created people confirm through a signed link sent by
email; every email to a person carries a link to withdraw; withdrawal hides the profile
at once because every public query filters on consent.
"""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.consent import make_confirm_token, make_withdraw_token
from network.models import (
    ORGANISATION_REVISION_FIELDS,
    ConsentRecord,
    ConsentText,
    Organisation,
    Person,
)
from taxonomy.public import SupportCategory, Topic
from zukunftsplattform import mail
from zukunftsplattform.mail import absolute_url
from zukunftsplattform.markdown import render_markdown
from zukunftsplattform.search import search_document, update_search_columns
from zukunftsplattform.slugs import unique_slug

logger = logging.getLogger("zukunftsplattform.audit")

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
                if value:  # a new upload (already validated and re-encoded)
                    getattr(obj, name).save(value.name, value, save=False)
                continue
            setattr(obj, name, value if value is not None else "")


def _set_m2m(obj, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(obj, name).set(data[name] or [])


@transaction.atomic
def create_organisation(*, data: dict, by=None) -> Organisation:
    """Create an organisation (visible at once) from form or demo data; index it."""
    organisation = Organisation(slug=data.get("slug") or unique_slug(Organisation, data["name"]))
    _set_fields(organisation, data, [*ORGANISATION_REVISION_FIELDS, "is_platform_partner"])
    organisation.save()
    _set_m2m(organisation, data)
    if data.get("members"):
        organisation.members.set(data["members"])
    refresh_organisation(organisation)
    logger.info(
        "organisation created",
        extra={
            "action": "organisation.create",
            "organisation": organisation.pk,
            "actor": getattr(by, "pk", None),
        },
    )
    return organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, data: dict, by) -> Organisation:
    """Change the public profile at once (moderators only; members propose changes)."""
    _set_fields(organisation, data, ORGANISATION_REVISION_FIELDS)
    organisation.save()
    _set_m2m(organisation, data)
    refresh_organisation(organisation)
    logger.info(
        "organisation changed",
        extra={"action": "organisation.update", "organisation": organisation.pk, "actor": by.pk},
    )
    return organisation


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
def propose_organisation_change(*, organisation: Organisation, data: dict, by) -> Organisation:
    """Store a member's changes for the moderation; the public profile stays as it is.

    A new logo is stored at once under a fresh name but only shown after approval.
    A second proposal replaces the first. Side effect: the editorial team gets an email.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    current = organisation_working_copy(organisation)
    revision = {}
    for name in ORGANISATION_REVISION_FIELDS:
        if name in M2M_FIELDS:
            revision[name] = sorted(obj.pk for obj in (data.get(name) or []))
        elif name == "logo":
            upload = data.get("logo")
            if upload:
                revision["logo"] = default_storage.save(
                    f"organisations/logos/{uuid.uuid4().hex}.webp", upload
                )
            else:
                revision["logo"] = current["logo"]
        else:
            revision[name] = data.get(name) or ""
    old_pending_logo = (organisation.revision or {}).get("logo")
    if old_pending_logo and old_pending_logo not in {revision["logo"], organisation.logo.name}:
        default_storage.delete(old_pending_logo)
    organisation.revision = revision
    organisation.revision_by = by
    organisation.revision_submitted_at = timezone.now()
    organisation.save(update_fields=["revision", "revision_by", "revision_submitted_at"])
    review_url = absolute_url(reverse("admin:network_organisation_review", args=[organisation.pk]))
    mail.send(
        "network/email/changes_submitted",
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        context={"organisation": organisation, "by": by, "review_url": review_url},
        language="de",
        after_commit=True,
    )
    logger.info(
        "organisation change proposed",
        extra={
            "action": "organisation.propose",
            "organisation": organisation.pk,
            "actor": by.pk,
        },
    )
    return organisation


def revision_diff(organisation: Organisation) -> list[dict]:
    """Field by field what a pending change would alter: label, current, proposed."""
    if not organisation.revision:
        return []
    revision = organisation.revision
    ids = set(revision.get("topics", [])) | {t.pk for t in organisation.topics.all()}
    topic_names = {t.pk: t.name for t in Topic.objects.filter(pk__in=ids)}
    ids = set(revision.get("offers", [])) | {o.pk for o in organisation.offers.all()}
    offer_names = {o.pk: o.name for o in SupportCategory.objects.filter(pk__in=ids)}
    names = {"topics": topic_names, "offers": offer_names}
    rows = []
    for name in ORGANISATION_REVISION_FIELDS:
        if name not in revision:
            continue
        field = Organisation._meta.get_field(name)
        if name in M2M_FIELDS:
            before = sorted(
                names[name].get(obj.pk, "") for obj in getattr(organisation, name).all()
            )
            after = sorted(names[name].get(pk, "") for pk in revision[name])
            before, after = ", ".join(before), ", ".join(after)
        elif name == "logo":
            before, after = organisation.logo.name, revision[name]
        elif field.choices:
            choices = dict(field.flatchoices)
            before = str(choices.get(getattr(organisation, name), ""))
            after = str(choices.get(revision[name], ""))
        else:
            before, after = getattr(organisation, name), revision[name]
        if before != after:
            rows.append({"label": field.verbose_name, "before": before, "after": after})
    return rows


@transaction.atomic
def approve_organisation_change(*, organisation: Organisation, by) -> Organisation:
    """Make the pending change public. Side effect: the proposer is told by email."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    revision = organisation.revision
    if not revision:
        raise ValidationError(_("There are no pending changes."))
    old_logo = organisation.logo.name
    for name in ORGANISATION_REVISION_FIELDS:
        if name not in revision or name in M2M_FIELDS:
            continue
        if name == "logo":
            organisation.logo.name = revision["logo"] or ""
        else:
            setattr(organisation, name, revision[name])
    proposer = organisation.revision_by
    organisation.revision = {}
    organisation.revision_by = None
    organisation.revision_submitted_at = None
    organisation.save()
    for name in M2M_FIELDS:
        if name in revision:
            getattr(organisation, name).set(revision[name])
    refresh_organisation(organisation)
    if old_logo and old_logo != organisation.logo.name:
        transaction.on_commit(lambda: default_storage.delete(old_logo))
    _notify_proposer(organisation, proposer, approved=True, message="")
    logger.info(
        "organisation change approved",
        extra={"action": "organisation.approve", "organisation": organisation.pk, "actor": by.pk},
    )
    return organisation


@transaction.atomic
def reject_organisation_change(*, organisation: Organisation, by, message: str) -> Organisation:
    """Drop the pending change. Side effect: the proposer gets the moderator's message."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.revision:
        raise ValidationError(_("There are no pending changes."))
    pending_logo = organisation.revision.get("logo")
    if pending_logo and pending_logo != organisation.logo.name:
        transaction.on_commit(lambda: default_storage.delete(pending_logo))
    proposer = organisation.revision_by
    organisation.revision = {}
    organisation.revision_by = None
    organisation.revision_submitted_at = None
    organisation.save(update_fields=["revision", "revision_by", "revision_submitted_at"])
    _notify_proposer(organisation, proposer, approved=False, message=message)
    logger.info(
        "organisation change rejected",
        extra={"action": "organisation.reject", "organisation": organisation.pk, "actor": by.pk},
    )
    return organisation


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
    partner_links = Organisation.partner_projects.through
    merged = []
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
        duplicate.delete()
    keep.save()
    refresh_organisation(keep)
    logger.info(
        "organisations merged",
        extra={
            "action": "organisation.merge",
            "organisation": keep.pk,
            "merged": merged,
            "actor": by.pk,
        },
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
    if ask_for_consent and person.email:
        request_consent(person=person, by=by)
    logger.info(
        "person created",
        extra={"action": "person.create", "person": person.pk, "actor": getattr(by, "pk", None)},
    )
    return person


@transaction.atomic
def update_person(*, person: Person, data: dict, by) -> Person:
    """Change a profile at once.

    People edit their own profile without waiting for the moderation (it is their own data,
    and they already agreed to show it); the editorial team is told by email so they can
    look at it afterwards. Moderators' edits send nothing.
    """
    _set_fields(person, data, PERSON_FIELDS)
    person.save()
    _set_m2m(person, data)
    refresh_person(person)
    if by is not None and by.pk == person.user_id:
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
    logger.info(
        "person changed",
        extra={"action": "person.update", "person": person.pk, "actor": getattr(by, "pk", None)},
    )
    return person


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
    logger.info(
        "consent requested",
        extra={
            "action": "person.consent_request",
            "person": person.pk,
            "actor": getattr(by, "pk", None),
        },
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
    logger.info(
        "consent given",
        extra={"action": "person.consent", "person": person.pk, "text": text.pk, "how": how},
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
def withdraw_consent(*, person: Person, how: str, send_receipt: bool = True) -> int:
    """Withdraw every active consent of the person; the profile disappears at once.

    Returns how many records were withdrawn. Side effect: a receipt goes to the person
    (only when there was something to withdraw).
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
    logger.info(
        "consent withdrawn",
        extra={"action": "person.withdraw", "person": person.pk, "how": how, "count": count},
    )
    return count


@transaction.atomic
def save_consent_text(*, text: ConsentText, by) -> ConsentText:
    """Save a draft version (a new one gets the next number); published ones never change."""
    if text.pk and ConsentText.objects.filter(pk=text.pk, published_at__isnull=False).exists():
        raise ValidationError(_("A consent text in force cannot be changed. Write a new version."))
    if not text.pk:
        last = ConsentText.objects.filter(purpose=text.purpose).aggregate(v=Max("version"))["v"]
        text.version = (last or 0) + 1
        text.created_by = by
    text.body_de_html = render_markdown(text.body_de)
    text.body_en_html = render_markdown(text.body_en)
    text.save()
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
    logger.info(
        "consent text published",
        extra={"action": "consent_text.publish", "text": text.pk, "asked": asked, "actor": by.pk},
    )
    return asked


def consent_state(person: Person) -> str:
    """The person's ``ConsentState`` value (one query)."""
    return (
        Person.objects.with_consent_state()
        .values_list("consent_state", flat=True)
        .get(pk=person.pk)
    )
