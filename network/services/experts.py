"""Experts, speakers and mentors who add themselves to the directory.

A signed-in person without a profile creates one and consents to the consent text in force
in the same step (``propose_own_profile``); the profile then waits for the moderation
(``network.lifecycle.PROFILE``), which publishes or declines it (with the reason). The
moderators are told by email, the person learns the decision by email. Afterwards the
person edits and withdraws it like any other linked profile (``update_person``,
``withdraw_consent``); a declined profile may be changed and proposed again.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.public import audit
from network.consent import make_withdraw_token
from network.lifecycle import PERSON, PROFILE
from network.models import ConsentRecord, ConsentText, Person
from network.services.consent import current_consent_text, give_consent
from network.services.people import create_person
from zukunftsplattform import mail
from zukunftsplattform.lifecycle import MODERATOR
from zukunftsplattform.mail import absolute_url


def _review_url(person: Person) -> str:
    return absolute_url(reverse("admin:network_person_review", args=[person.pk]))


def _tell_moderators(person: Person, *, again: bool) -> None:
    mail.send(
        "network/email/profile_proposed",
        to=[settings.STAFF_NOTIFICATION_EMAIL],
        context={"person": person, "again": again, "review_url": _review_url(person)},
        language="de",
        after_commit=True,
    )


def _withdraw_url(person: Person) -> str:
    return absolute_url(
        reverse("network:consent_withdraw", kwargs={"token": make_withdraw_token(person)})
    )


@transaction.atomic
def propose_own_profile(*, user, data: dict, text: ConsentText) -> Person:
    """Create the account's own profile, record its consent to ``text`` (given in the
    account) and send it to the moderation; nothing is public until a moderator publishes.

    Refuses (``ValidationError``) when the account has a profile already or ``text`` is no
    longer the text in force (the person must read the new one). Side effects: activity
    records (created, consent, proposed), a mail to the moderators, a receipt to the person
    with the link to withdraw.
    """
    if Person.objects.filter(user=user).exists():
        raise ValidationError(_("Your account already has a profile in the network."))
    current = current_consent_text()
    if current is None or current.pk != text.pk:
        raise ValidationError(_("The text has changed in the meantime. Please read it again."))
    person = create_person(
        data={**data, "user": user, "email": user.email, "language": user.language},
        by=user,
        proposed=True,
    )
    give_consent(
        person=person, how=ConsentRecord.How.ACCOUNT, text=text, email=user.email,
        send_receipt=False,
    )  # fmt: skip
    _tell_moderators(person, again=False)
    mail.send(
        "network/email/profile_received",
        to=[person.email],
        context={
            "person": person,
            "text": text,
            "account_url": absolute_url(reverse("accounts:overview")),
            "withdraw_url": _withdraw_url(person),
        },
        language=person.email_language,
        after_commit=True,
    )
    audit.record("person.propose", person, actor=user, log_message="profile proposed")
    return person


def _step(person: Person, action: str, *, roles, message: str = ""):
    return PROFILE.step(action, person.moderation_status, roles=roles, message=message)


@transaction.atomic
def propose_profile_again(*, person: Person, by) -> Person:
    """The person sends a declined profile (changed, one hopes) to the moderation again."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    step = _step(person, "propose", roles=PERSON)
    person.moderation_status = step.target
    person.proposed_at = timezone.now()
    person.save(update_fields=["moderation_status", "proposed_at", "updated_at"])
    _tell_moderators(person, again=True)
    audit.record("person.propose", person, actor=by, log_message="profile proposed again")
    return person


@transaction.atomic
def decide_profile(*, person: Person, action: str, by, message: str = "") -> Person:
    """The moderation publishes (``publish``) or declines (``decline``, with the reason)
    a proposed profile. Published, it is public as long as the consent holds.

    Side effects: an activity record; the decision by email to the person (the reason
    included, and the link to withdraw).
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = person.moderation_status
    step = _step(person, action, roles=MODERATOR, message=message)
    person.moderation_status = step.target
    person.moderator_message = message.strip() if action == "decline" else ""
    person.save(update_fields=["moderation_status", "moderator_message", "updated_at"])
    if person.email and step.mails:
        mail.send(
            f"network/email/{step.mails}",
            to=[person.email],
            context={
                "person": person,
                "message": person.moderator_message,
                "public_url": absolute_url(person.get_absolute_url()),
                "account_url": absolute_url(reverse("accounts:overview")),
                "withdraw_url": _withdraw_url(person),
            },
            language=person.email_language,
            after_commit=True,
        )
    audit.record(
        f"person.{action}",
        person,
        actor=by,
        changes={"moderation_status": {"before": before, "after": step.target}},
        message=person.moderator_message,
        log_message=f"profile {step.target}",
    )
    return person
