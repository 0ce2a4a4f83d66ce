"""People: create, change, delete with the account, index.

A profile is public only with consent (``network.services.consent``).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.public import audit
from network.models import (
    Person,
)
from network.services.common import (
    PERSON_FIELDS,
    PERSON_RECORDED,
    PERSON_STAFF_FIELDS,
    _changes,
    _set_fields,
    _set_m2m,
    refresh_profile,
)
from network.services.consent import request_consent
from zukunftsplattform import mail
from zukunftsplattform.mail import absolute_url
from zukunftsplattform.search import search_document
from zukunftsplattform.slugs import unique_slug


def search_document_of_person(person: Person, *, topics, offers) -> dict:
    """Name (A); kind, role, affiliation, topics, offers, region (B); the biography's beginning
    (C, also for typos); the rest and English names (D)."""
    terms = [*topics, *offers]
    with translation.override("de"):
        kind = str(person.get_kind_display()) if person.kind else ""
    return search_document(
        a=[person.name],
        b=[
            kind,
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
    refresh_profile(person, text="bio", document_of=search_document_of_person)


@transaction.atomic
def create_person(
    *, data: dict, by=None, ask_for_consent: bool = False, proposed: bool = False
) -> Person:
    """Create a profile; it stays unpublished until the person consents.

    With ``ask_for_consent`` and an email address, the person gets the request by email.
    ``proposed``: the person created it themselves; it also waits for the moderation
    (``network.services.experts``). Staff-created people need no such decision.
    """
    person = Person(slug=data.get("slug") or unique_slug(Person, data["name"]))
    _set_fields(person, data, [*PERSON_FIELDS, "email", "language"])
    person.organisation = data.get("organisation")
    person.user = data.get("user")
    if proposed:
        person.moderation_status = Person.Moderation.PROPOSED
        person.proposed_at = timezone.now()
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
