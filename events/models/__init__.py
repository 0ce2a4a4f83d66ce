"""The dialogue series: series, events, their agenda, documentation and registrations.

Times are stored in UTC and shown in Europe/Berlin (``TIME_ZONE``), so an event keeps
its wall-clock time across daylight-saving changes. Every change of a registration's
status goes through ``events.services``; the models only describe and query.
"""

from events.models.events import (
    RESERVED_SLUGS,
    AgendaItem,
    Event,
    EventQuerySet,
    Photo,
    Series,
    Slides,
    validate_event_slug,
)
from events.models.registrations import Registration, RegistrationQuerySet, new_token

__all__ = [
    "RESERVED_SLUGS",
    "AgendaItem",
    "Event",
    "EventQuerySet",
    "Photo",
    "Registration",
    "RegistrationQuerySet",
    "Series",
    "Slides",
    "new_token",
    "validate_event_slug",
]
