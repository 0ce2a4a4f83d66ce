"""What other parts of the portal may ask of events (never the models' internals).

Each function returns published events (cancelled ones included, they carry a notice)
in one query, ready for a short list: title, start, end, series, status.
"""

from django.db.models import Count, Q

from events.forms import EventFilterForm
from events.models import Event, Registration, Series
from events.services import unpublish_event
from zukunftsplattform.search import search

#: An event's formats and the states in which the public sees it (codes).
EVENT_FORMATS = [value for value, _label in Event.Format.choices]
EVENT_STATES = [Event.Status.PUBLISHED.value, Event.Status.CANCELLED.value]


def event_filter_form(data) -> EventFilterForm:
    """The event list's filter form (``zeit``, ``q``; ``form.filter(events)``), e.g. for
    the read API."""
    return EventFilterForm(data)


def all_series():
    """Every event series (series are always public), title order."""
    return Series.objects.all()


def _public_events():
    return Event.objects.published().select_related("series").order_by("-start", "-pk")


def events_for_person(person):
    """Events where the person speaks on the agenda, newest first.

    The caller shows this only on the person's public (consented) profile.
    """
    return _public_events().filter(agenda_items__speakers=person).distinct()


def events_for_project(project):
    """Events where the project was presented or that it came out of, newest first.

    A union of the two, not ``OR`` across two joins: that reads every event and agenda
    item (2 ms on the bench data, 0.1 ms as a union).
    """
    presented = _public_events().filter(agenda_items__presented_projects=project)
    came_out_of = _public_events().filter(resulting_projects=project)
    return presented.union(came_out_of).order_by("-start", "-pk")


def upcoming_events(limit: int = 3):
    """The next events for the home page, soonest first."""
    return list(Event.objects.published().for_cards().upcoming()[:limit])


def published_events():
    """Everything the public may see, ready for cards (the cross-portal search uses it)."""
    return Event.objects.published().for_cards()


def search_events(query: str):
    """Published events matching the German full-text query, best first."""
    return search(published_events(), query)


def restrict_event(event, *, by) -> None:
    """Take a published event off the public pages (back to draft), e.g. after a notice
    (Digital Services Act). Registrations stay; nobody is mailed."""
    unpublish_event(event=event, by=by)


def series_by_slug(slug: str):
    """The event series at this address, or ``None`` (series are always public)."""
    return Series.objects.only("pk", "slug", "title").filter(slug=slug).first()


def new_events(*, since, series_ids=None, region: str = "", exclude=(), now=None) -> list:
    """Published (not cancelled) events announced since ``since`` that have not ended,
    soonest first: of these series (pks), or in ``region``. One query."""
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, published_at__gte=since)
        .upcoming(now)
        .select_related("series")
        .exclude(pk__in=list(exclude))
    )
    if series_ids is not None:
        events = events.filter(series__in=series_ids)
    if region:
        events = events.filter(region=region)
    return list(events)


def registration_counts(*, start, end) -> list[dict]:
    """Per event starting between the days ``start`` and ``end`` (published or cancelled),
    soonest first: its title and start, and counts only, never who: ``signed_up``
    (signed up with a confirmed address: a seat, the waitlist or cancelled later),
    ``attended`` (marked by staff), ``waitlist`` (placed on the waitlist at some point),
    ``cancelled`` and ``accessibility`` (stated accessibility needs; deleted with the rest
    of a registration's personal data after the event, so older events show fewer). One
    query."""
    Status = Registration.Status
    signed_up = Q(registrations__status__in=[Status.CONFIRMED, Status.WAITLISTED, Status.CANCELLED])
    rows = (
        Event.objects.exclude(status=Event.Status.DRAFT)
        .filter(start__date__gte=start, start__date__lte=end)
        .order_by("start", "pk")
        .annotate(
            signed_up=Count("registrations", filter=signed_up),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
            waitlist=Count("registrations", filter=Q(registrations__waitlist_number__isnull=False)),
            cancelled=Count("registrations", filter=Q(registrations__status=Status.CANCELLED)),
            accessibility=Count(
                "registrations", filter=signed_up & ~Q(registrations__accessibility_needs="")
            ),
        )
        .values("title", "start", "signed_up", "attended", "waitlist", "cancelled", "accessibility")
    )
    return [dict(row) for row in rows]
