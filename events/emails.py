"""Mails to participants, each in the recipient's language, plain text and HTML.

Called by ``events.services`` only, after the transaction commits; composed and sent by
``zukunftsplattform.mail``, which hands each message to a background task.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events import ical
from events.conf import guest_confirmation_period
from events.formatting import format_range
from zukunftsplattform import mail
from zukunftsplattform.mail import absolute_url


def _paragraphs(kind: str, registration, event, *, position: int | None) -> list[str]:
    if kind == "confirm_email":
        return [
            _("Thank you for registering. Please confirm your email address with the link below."),
            _(
                "Only after you confirm is your registration complete. Without confirmation "
                "it expires after %(hours)s hours."
            )
            % {"hours": settings_hours()},
            _("If you did not register, ignore this email; nothing else will happen."),
        ]
    if kind == "already_registered":
        return [
            _(
                "Someone asked to register this email address for the event again. You are "
                "already registered; your current status: %(status)s."
            )
            % {"status": registration.get_status_display()},
        ]
    if kind == "confirmed":
        return [
            _("Your seat is confirmed. We look forward to seeing you."),
            _("The attached calendar file adds the event to your calendar."),
        ]
    if kind == "waitlisted":
        return [
            _(
                "The event is fully booked. You are on the waitlist at position %(position)s. "
                "If a seat becomes free, you move up automatically and we will tell you by email."
            )
            % {"position": position},
        ]
    if kind == "promoted":
        return [
            _("Good news: a seat has become free and it is yours. Your registration is confirmed."),
            _("The attached calendar file adds the event to your calendar."),
        ]
    if kind == "cancelled":
        return [_("Your registration has been cancelled. Thank you for letting us know.")]
    if kind == "event_cancelled":
        paragraphs = [_("We are sorry: the event has been cancelled.")]
        if event.cancellation_reason:
            paragraphs.append(event.cancellation_reason)
        return paragraphs
    if kind == "reminder":
        return [_("This is a reminder that you are registered for this event.")]
    raise ValueError(kind)  # pragma: no cover - every kind the services send is above


def settings_hours() -> int:

    return int(guest_confirmation_period().total_seconds() // 3600)


def send_registration_mail(registration, kind: str, *, position: int | None = None) -> None:
    """Compose and send one mail about ``registration`` in the participant's language."""
    event = registration.event
    confirmed = registration.status == registration.Status.CONFIRMED
    language = registration.language or "de"
    with translation.override(language):
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "name": registration.name,
            "paragraphs": _paragraphs(kind, registration, event, position=position),
            "when": format_range(event.start, event.end),
            "where": event.address_lines,
            "is_online": event.format != event.Format.ON_SITE,
            "online_url": event.online_url if confirmed and kind != "event_cancelled" else "",
            "event_url": absolute_url(event.get_absolute_url()),
            "manage_url": absolute_url(
                reverse("events:registration", kwargs={"token": registration.token})
            ),
            "confirm_url": absolute_url(
                reverse("events:confirm", kwargs={"token": registration.token})
            )
            if kind == "confirm_email"
            else "",
            "can_cancel": registration.is_active and kind not in {"cancelled", "event_cancelled"},
        }
        attachments = []
        if kind in {"confirmed", "promoted", "reminder"} and confirmed:
            calendar = ical.calendar(
                [event], name=event.title, online_url_for=lambda e: e.online_url
            )
            attachments.append((f"{event.slug}.ics", calendar, "text/calendar"))
    mail.send(
        "events/email/registration",
        to=[registration.email],
        context=context,
        language=language,
        attachments=attachments,
    )
