"""Consent: a person's profile is public only with consent to the text in force.

Staff-created people confirm through a signed link sent by email; every email to a person
carries a link to withdraw; withdrawal hides the profile at once because every public query
filters on consent (``PersonQuerySet.public``). Which step may be taken from which state,
and which mail it sends, is the table ``network.lifecycle.CONSENT``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.public import audit
from network.consent import make_confirm_token, make_withdraw_token
from network.lifecycle import CONSENT, PERSON, PROFILE
from network.models import (
    ConsentRecord,
    ConsentText,
    Person,
)
from zukunftsplattform import mail, versioned_text
from zukunftsplattform.lifecycle import MODERATOR, SYSTEM
from zukunftsplattform.mail import absolute_url


def current_consent_text(purpose=ConsentText.Purpose.PUBLIC_PROFILE) -> ConsentText | None:
    return versioned_text.in_force(ConsentText.objects.filter(purpose=purpose))


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

    Raises ValidationError when the person has no email address or no text is in force,
    and ``TransitionError`` when the profile is public already (nothing to ask). ``by``:
    the staff member asking; without, the portal asks (a new person, a new text).
    """
    if not person.email:
        raise ValidationError(_("This person has no email address."))
    text = current_consent_text()
    if text is None:
        raise ValidationError(_("No consent text is in force."))
    step = CONSENT.step("request", consent_state(person), roles=SYSTEM if by is None else MODERATOR)
    Person.objects.filter(pk=person.pk).update(consent_requested_at=timezone.now())
    mail.send(
        f"network/email/{step.mails}",
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
    """Record consent to ``text`` (default: the text in force); the profile is public at once
    (a self-created one once the moderation has published it, ``PROFILE``).

    Giving it twice for the same version keeps the first record. Side effect: a receipt
    with the withdrawal link goes to the person's email address (unless ``send_receipt``
    is off, for the demo data, or the profile waits for the moderation).
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    text = text or current_consent_text()
    if text is None or not text.is_published:
        raise ValidationError(_("No consent text is in force."))
    step = CONSENT.step("give", consent_state(person), roles=PERSON)
    existing = ConsentRecord.objects.filter(
        person=person, text=text, withdrawn_at__isnull=True
    ).first()
    if existing:
        return existing
    record = ConsentRecord.objects.create(
        person=person, text=text, how=how, email=email, given_at=timezone.now()
    )
    # The receipt says the profile is public now: not while the moderation still decides.
    if send_receipt and step.mails and person.moderation_status in PROFILE.public:
        _send_consent_receipt(person, text, step.mails)
    audit.record(
        "person.consent",
        person,
        text=text.pk,
        text_name=str(text),
        how=how,
        log_message="consent given",
    )
    return record


def _send_consent_receipt(person: Person, text: ConsentText, template: str) -> None:
    mail.send(
        f"network/email/{template}",
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
    (only when there was something to withdraw: the table has no step from a hidden
    profile without consent, and a second click on the link changes nothing). ``by``: the
    staff member acting at the person's request (for the activity record), else the person
    themselves.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    state = consent_state(person)
    step = None
    count = 0
    if CONSENT.steps_from(state, "withdraw"):
        step = CONSENT.step("withdraw", state, roles=PERSON if by is None else MODERATOR)
        count = ConsentRecord.objects.filter(person=person, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_how=how[:200]
        )
    if step and count and send_receipt:
        mail.send(
            f"network/email/{step.mails}",
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
    recorded = ["purpose", *versioned_text.TEXT_FIELDS]
    stored = versioned_text.save_draft(text, by=by)
    audit.record(
        "consent_text.update" if stored else "consent_text.create",
        text,
        actor=by,
        changes=audit.changes(
            audit.snapshot(stored, recorded) if stored else {}, audit.snapshot(text, recorded)
        ),
    )
    return text


@transaction.atomic
def publish_consent_text(*, text: ConsentText, by) -> int:
    """Put a draft version in force.

    Consent to earlier versions no longer makes a profile public: those profiles are hidden
    at once and each of those people is asked by email to confirm the new version.
    Returns how many people were asked.
    """
    # Everyone whose consent the new text outdates (``new_text``), read before it is in force.
    people = list(
        Person.objects.with_consent_state()
        .filter(consent_state__in=CONSENT.sources("new_text"))
        .exclude(email="")
    )
    text = versioned_text.put_in_force(text)
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
