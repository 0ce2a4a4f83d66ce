"""The lifecycles of events and registrations, as tables (see ``zukunftsplattform.lifecycle``).

Events: draft → published; draft or published → cancelled (everyone holding or waiting for
a seat is emailed: the registrations' ``event_cancelled``). Event managers (staff with ``events.change_event``) take every step;
the services are idempotent: a step the table does not offer from the current state does
nothing.

Registrations: a signed-in user gets a seat or a waitlist place at once; a guest's request
waits for the email confirmation (and expires without it). A participant cancels through
their link or account, staff in the admin; a freed seat goes to the first on the
waitlist. Confirmed participants are reminded; when the event is cancelled, everyone
holding or waiting for a seat is told and keeps their status for the record. ``mails``
names the participant's mail (``events.emails``).
"""

from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from zukunftsplattform.lifecycle import SYSTEM, Lifecycle, Step

S = Event.Status
EVENT_MANAGER = "event_manager"
MANAGERS = frozenset({EVENT_MANAGER})

EVENT = Lifecycle(
    name="event",
    states=dict(S.choices),
    public=frozenset({S.PUBLISHED, S.CANCELLED}),
    steps=(
        Step("publish", S.DRAFT, S.PUBLISHED, MANAGERS),
        # Back to draft, off the public pages (e.g. restricted after a notice); nobody is told.
        Step("unpublish", S.PUBLISHED, S.DRAFT, MANAGERS),
        # Who is told is the registrations' step "event_cancelled" (below).
        Step("cancel", S.DRAFT, S.CANCELLED, MANAGERS),
        Step("cancel", S.PUBLISHED, S.CANCELLED, MANAGERS),
    ),
)

R = Registration.Status
#: Before the first step: no registration yet.
NEW = ""
#: Whoever holds the registration: the account, or the guest with the secret link.
PARTICIPANT = "participant"
PARTICIPANTS = frozenset({PARTICIPANT})
PORTAL = frozenset({SYSTEM})

REGISTRATION = Lifecycle(
    name="registration",
    states={NEW: _("Not registered"), **dict(R.choices)},
    steps=(
        # Signed in: a seat if one is free (decided under the event's lock), else the waitlist.
        Step("register", NEW, R.CONFIRMED, PARTICIPANTS, mails="confirmed"),
        Step("register", NEW, R.WAITLISTED, PARTICIPANTS, mails="waitlisted"),
        # A guest first confirms their email address.
        Step("register", NEW, R.PENDING, PARTICIPANTS, mails="confirm_email"),
        Step("confirm_email", R.PENDING, R.CONFIRMED, PARTICIPANTS, mails="confirmed"),
        Step("confirm_email", R.PENDING, R.WAITLISTED, PARTICIPANTS, mails="waitlisted"),
        Step("expire", R.PENDING, R.EXPIRED, PORTAL),
        Step("promote", R.WAITLISTED, R.CONFIRMED, PORTAL, mails="promoted"),
        *(
            Step("cancel", state, R.CANCELLED, PARTICIPANTS | MANAGERS, mails="cancelled")
            for state in (R.PENDING, R.CONFIRMED, R.WAITLISTED)
        ),
        Step("remind", R.CONFIRMED, R.CONFIRMED, PORTAL, mails="reminder"),
        # The event is cancelled: those holding or waiting for a seat are told.
        Step("event_cancelled", R.CONFIRMED, R.CONFIRMED, PORTAL, mails="event_cancelled"),
        Step("event_cancelled", R.WAITLISTED, R.WAITLISTED, PORTAL, mails="event_cancelled"),
    ),
)

#: Registrations that hold or await a seat: those that can still be cancelled. The model's
#: ``Registration.ACTIVE_STATUSES`` (and its unique constraints) must say the same.
ACTIVE = frozenset(REGISTRATION.sources("cancel"))
