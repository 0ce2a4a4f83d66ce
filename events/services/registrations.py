"""Registrations: sign-up, the guest's confirmation, cancellation, the waitlist, attendance.

Seats: a registration takes a seat only when it is confirmed. Deciding between
"confirmed" and "waitlisted" always happens while holding the event's row lock
(``SELECT … FOR UPDATE``), and the confirmed seats are counted inside that lock, so
however many requests arrive at once, the last seat goes to exactly one of them and
the waitlist keeps the order in which the lock was won.

Which step may be taken from which status, and which mail it sends, is the table
``events.lifecycle.REGISTRATION``; a step it does not offer changes nothing.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.public import audit
from events import conf
from events.emails import send_registration_mail
from events.lifecycle import EVENT_MANAGER, NEW, PARTICIPANT, REGISTRATION
from events.models import Event, Registration
from zukunftsplattform.lifecycle import SYSTEM, Step

logger = logging.getLogger("zukunftsplattform.audit")


class RegistrationError(ValidationError):
    """A registration step that the event's status, window or the registration's state forbids."""


CLOSED_MESSAGES = {
    "draft": _("This event is not open for registration."),
    "cancelled": _("This event has been cancelled."),
    "not_yet": _("Registration for this event has not opened yet."),
    "closed": _("Registration for this event is closed."),
}


def mail_after_commit(registration: Registration, kind: str, *, position: int | None = None):
    transaction.on_commit(lambda: send_registration_mail(registration, kind, position=position))


def _take(registration: Registration, step: Step, *, position: int | None = None, notify=True):
    """Record the step's status on ``registration`` and send its mail after commit."""
    registration.status = step.target
    if notify and step.mails:
        mail_after_commit(registration, step.mails, position=position)


def expire_requests(requests) -> int:
    """Unconfirmed guest requests past their time are gone (``expire``); returns how many."""
    [step] = REGISTRATION.steps_from(Registration.Status.PENDING, "expire")
    return requests.filter(status__in=REGISTRATION.sources("expire")).update(status=step.target)


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _ensure_open(event: Event, now) -> None:
    state = event.registration_state(now)
    if state != "open":
        raise RegistrationError(CLOSED_MESSAGES[state], code=state)


def _place(event: Event, registration: Registration, now, *, action: str) -> Step:
    """Confirm or waitlist ``registration`` through ``action`` (``register`` or
    ``confirm_email``); the caller holds ``event``'s row lock and saves, then announces."""
    source = registration.status if registration.pk else NEW
    confirmed = event.registrations.confirmed().count()
    registration.placed_at = timezone.now()  # the real moment, after the lock was won
    if event.capacity is None or confirmed < event.capacity:
        target = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.waitlist_number = None
    else:
        last = event.registrations.aggregate(last=Max("waitlist_number"))["last"] or 0
        target = Registration.Status.WAITLISTED
        registration.waitlist_number = last + 1
    step = REGISTRATION.step(action, source, roles=PARTICIPANT, target=target)
    registration.status = step.target
    return step


def _announce_place(registration: Registration, step: Step) -> None:
    mail_after_commit(registration, step.mails, position=registration.waitlist_position())


def active_registration(*, event: Event, user=None, email: str = "") -> Registration | None:
    """The registration of this user or email address that still holds or awaits a seat."""
    registrations = Registration.objects.active().filter(event=event)
    if user is not None:
        return registrations.filter(user=user).first()
    return registrations.filter(email__iexact=email).first()


def _expire_stale_requests(event: Event, email: str, now) -> None:
    """An unconfirmed guest request past its time is gone, so the address may register anew."""
    expire_requests(
        Registration.objects.filter(
            event=event,
            email__iexact=email,
            created_at__lt=now - conf.guest_confirmation_period(),
        )
    )


@transaction.atomic
def register_user(
    *,
    event: Event,
    user,
    accessibility_needs: str = "",
    dietary_needs: str = "",
    photo_consent: bool = False,
    now=None,
) -> Registration:
    """Register a signed-in user in one step: a seat if one is free, else the waitlist.

    Raises RegistrationError when the event is not open for registration or the user is
    already registered. Side effects: a confirmation mail with the .ics, or a waitlist
    mail with the position.
    """
    now = now or timezone.now()
    event = _lock_event(event)
    _ensure_open(event, now)
    if active_registration(event=event, user=user):
        raise RegistrationError(_("You are already registered for this event."), code="exists")
    _expire_stale_requests(event, user.email, now)
    if active_registration(event=event, email=user.email):
        raise RegistrationError(
            _("Your email address is already registered for this event."), code="exists"
        )
    registration = Registration(
        event=event,
        user=user,
        name=user.display_name or user.email,
        email=user.email,
        language=user.language or "de",
        accessibility_needs=accessibility_needs,
        dietary_needs=dietary_needs,
        photo_consent=photo_consent,
        created_at=now,
    )
    step = _place(event, registration, now, action="register")
    registration.save()
    _announce_place(registration, step)
    logger.info(
        "event registration",
        extra={"action": "registration.create", "event": event.pk, "status": registration.status},
    )
    return registration


@transaction.atomic
def register_guest(
    *,
    event: Event,
    name: str,
    email: str,
    language: str = "de",
    accessibility_needs: str = "",
    dietary_needs: str = "",
    photo_consent: bool = False,
    now=None,
) -> Registration:
    """Record a guest's request; the seat is decided only when they confirm their email.

    Side effects: a mail with the confirmation link. If the address is already
    registered, that address gets a mail with its registration's link instead (the page
    answers the same either way, so nobody learns who is registered).
    """
    now = now or timezone.now()
    # The lock makes "is this address registered?" and the insert one step, so the
    # same address sent twice at once gets one request, not an error.
    event = _lock_event(event)
    _ensure_open(event, now)
    _expire_stale_requests(event, email, now)
    existing = active_registration(event=event, email=email)
    if existing:
        mail_after_commit(existing, "already_registered")
        return existing
    step = REGISTRATION.step("register", NEW, roles=PARTICIPANT, target=Registration.Status.PENDING)
    registration = Registration(
        event=event,
        name=name,
        email=email,
        language=language,
        accessibility_needs=accessibility_needs,
        dietary_needs=dietary_needs,
        photo_consent=photo_consent,
        created_at=now,
    )
    _take(registration, step)
    registration.save()
    return registration


def confirmation_expired(registration: Registration, now=None) -> bool:
    now = now or timezone.now()
    return registration.status == Registration.Status.PENDING and (
        registration.created_at < now - conf.guest_confirmation_period()
    )


@transaction.atomic
def confirm_guest(*, registration: Registration, now=None) -> Registration:
    """Confirm a guest's email: they get a seat or a waitlist place (idempotent).

    A request made while registration was open may be confirmed until the event starts,
    unless the event was cancelled (RegistrationError). A request older than
    ``EVENTS_GUEST_CONFIRMATION_HOURS`` comes back with status "expired" and no seat.
    Side effects: the confirmation (with .ics) or waitlist mail.
    """
    now = now or timezone.now()
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in REGISTRATION.sources("confirm_email"):
        return registration
    if confirmation_expired(registration, now):
        # Not an error to roll back: the request is gone, the caller tells the person.
        _take(registration, REGISTRATION.step("expire", registration.status, roles=SYSTEM))
        registration.save(update_fields=["status"])
        return registration
    # A cancelled event has no pending requests left (cancel_event expires them under the
    # same lock), so "not published" here means a draft again or a start already past.
    if event.status != Event.Status.PUBLISHED or event.has_started(now):
        raise RegistrationError(CLOSED_MESSAGES["closed"], code="closed")
    registration.event = event
    step = _place(event, registration, now, action="confirm_email")
    registration.save(update_fields=["status", "placed_at", "confirmed_at", "waitlist_number"])
    _announce_place(registration, step)
    return registration


@transaction.atomic
def cancel_registration(
    *, registration: Registration, notify: bool = True, now=None, by=None
) -> Registration:
    """Cancel a registration (idempotent). A freed seat goes to the first on the waitlist.

    Participants may cancel until the event ends. Side effects: a cancellation mail to
    the participant (unless ``notify`` is false), and the promoted person's mail. ``by``:
    the staff member cancelling in the admin; then the event's activity records say so
    (without the participant's name: that is their data).
    """
    now = now or timezone.now()
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in REGISTRATION.sources("cancel"):
        return registration
    if event.has_ended(now):
        raise RegistrationError(_("This event is over."), code="over")
    step = REGISTRATION.step(
        "cancel", registration.status, roles=EVENT_MANAGER if by is not None else PARTICIPANT
    )
    held_seat = registration.status == Registration.Status.CONFIRMED
    registration.cancelled_at = now
    registration.waitlist_number = None
    registration.event = event
    _take(registration, step, notify=notify)
    registration.save(update_fields=["status", "cancelled_at", "waitlist_number"])
    if held_seat:
        promote_waitlist(event=event, now=now)
    if by is not None:
        audit.record(
            "event.registration_cancel",
            event,
            actor=by,
            count=1,
            log_message="registration cancelled by staff",
        )
    return registration


@transaction.atomic
def promote_waitlist(*, event: Event, now=None) -> list[Registration]:
    """Give free seats to the waitlist in order. Side effects: each promoted person is emailed.

    Nothing moves once the event has started or when it is cancelled.
    """
    now = now or timezone.now()
    event = _lock_event(event)
    if event.status != Event.Status.PUBLISHED or event.has_started(now):
        return []
    waiting = event.registrations.waitlisted().select_for_update()
    if event.capacity is not None:
        free = event.capacity - event.registrations.confirmed().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.confirmed_at = now
        registration.waitlist_number = None
        registration.event = event
        _take(registration, REGISTRATION.step("promote", registration.status, roles=SYSTEM))
        registration.save(update_fields=["status", "confirmed_at", "waitlist_number"])
    return promoted


@transaction.atomic
def mark_attendance(*, registrations, attended: bool | None, by=None) -> int:
    """Record who came (True), who did not (False) or unknown (None). Returns the count.

    Side effect: an activity record per event with the number (no names: those are the
    participants' data).
    """
    chosen = Registration.objects.filter(pk__in=[r.pk for r in registrations])
    per_event = {
        row["event"]: row["count"] for row in chosen.values("event").annotate(count=Count("pk"))
    }
    count = chosen.update(attended=attended)
    for event in Event.objects.filter(pk__in=per_event):
        audit.record(
            "event.attendance",
            event,
            actor=by,
            attended=attended,
            count=per_event[event.pk],
            log_message="attendance recorded",
        )
    return count
