"""Every change to events and registrations goes through these functions.

``publishing``: saving, publishing and cancelling events (``events.lifecycle``).
``registrations``: sign-up, the guest's confirmation, cancellation, the waitlist and
attendance, under the event's row lock so capacity is never exceeded.
``retention``: reminders and the removal of personal data no longer needed.

Mails go out after the transaction commits (``transaction.on_commit``), in the
participant's language, through the background-task mailer. The public names are
re-exported here: callers write ``from events import services``.
"""

from events.services.publishing import (
    MARKDOWN_FIELDS,
    cancel_event,
    publish_event,
    refresh_search,
    render_series,
    save_event,
    search_document_of,
    unpublish_event,
)
from events.services.registrations import (
    CLOSED_MESSAGES,
    RegistrationError,
    active_registration,
    cancel_registration,
    confirm_guest,
    confirmation_expired,
    mark_attendance,
    promote_waitlist,
    register_guest,
    register_user,
)
from events.services.retention import (
    anonymise_registrations,
    anonymise_user_registrations,
    send_reminders,
)

__all__ = [
    "CLOSED_MESSAGES",
    "MARKDOWN_FIELDS",
    "RegistrationError",
    "active_registration",
    "anonymise_registrations",
    "anonymise_user_registrations",
    "cancel_event",
    "cancel_registration",
    "confirm_guest",
    "confirmation_expired",
    "mark_attendance",
    "promote_waitlist",
    "publish_event",
    "refresh_search",
    "register_guest",
    "register_user",
    "render_series",
    "save_event",
    "search_document_of",
    "send_reminders",
    "unpublish_event",
]
