"""The event lifecycle, as one table (see ``zukunftsplattform.lifecycle``).

draft → published; draft or published → cancelled (everyone holding or waiting for a seat
is emailed). Event managers (staff with ``events.change_event``) take every step; the
services are idempotent: a step the table does not offer from the current state does
nothing.
"""

from events.models import Event
from zukunftsplattform.lifecycle import Lifecycle, Step

S = Event.Status
EVENT_MANAGER = "event_manager"
MANAGERS = frozenset({EVENT_MANAGER})

EVENT = Lifecycle(
    name="event",
    states=dict(S.choices),
    public=frozenset({S.PUBLISHED, S.CANCELLED}),
    steps=(
        Step("publish", S.DRAFT, S.PUBLISHED, MANAGERS),
        Step("cancel", S.DRAFT, S.CANCELLED, MANAGERS, mails="event_cancelled"),
        Step("cancel", S.PUBLISHED, S.CANCELLED, MANAGERS, mails="event_cancelled"),
    ),
)
