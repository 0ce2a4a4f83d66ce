"""The public iCalendar feeds: all events, per series, and one event's .ics."""

import hashlib
from datetime import timedelta
from typing import cast

from django.core.cache import caches
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events import ical
from events.models import Event
from events.permissions import get_event_for_user, get_series

# The public calendar reaches back this far, so a subscription does not grow forever.
CALENDAR_PAST_DAYS = 365


def _calendar_events(queryset):
    since = timezone.now() - timedelta(days=CALENDAR_PAST_DAYS)
    return queryset.published().filter(end__gte=since).order_by("start", "pk")


def _calendar_response(request, events, *, scope, count, changed, name, filename, **kwargs):
    """The .ics of ``events``: 304 if the client has this version, else rendered once per
    version and language (``fragments`` cache).

    The version is how many events the calendar holds and when the newest of them (or
    what names the calendar, e.g. its series) last changed: a new, edited, cancelled or
    unpublished event, or one that leaves the window, gives a new ETag. The ETag is weak
    because a body rendered again carries a new DTSTAMP.
    """
    language = get_language()
    stamp = changed.isoformat() if changed else "-"
    key = f"events:calendar:{scope}:{language}:{count}:{stamp}"
    etag = f'W/"{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}"'
    last_modified = int(changed.timestamp()) if changed else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        content = cast(
            bytes, caches["fragments"].get_or_set(key, lambda: ical.calendar(events, name=name))
        )
        response = ical.ics_response(content, filename=filename, **kwargs)
    response.headers["ETag"] = etag
    if last_modified:
        response.headers["Last-Modified"] = http_date(last_modified)
    return response


def _version(events) -> tuple:
    """How many events and their newest change, in one query."""
    version = events.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return version["count"], version["changed"]


@require_safe
def calendar_all(request):
    events = _calendar_events(Event.objects.all())
    count, changed = _version(events)
    return _calendar_response(
        request,
        events,
        scope="all",
        count=count,
        changed=changed,
        name=_("Events of the Future Platform for Social Innovation"),
        filename="veranstaltungen.ics",
    )


@require_safe
def calendar_series(request, slug):
    series = get_series(slug)
    events = _calendar_events(series.events.all())
    count, changed = _version(events)
    return _calendar_response(
        request,
        events,
        scope=f"series-{series.pk}",
        count=count,
        changed=max(filter(None, [changed, series.updated_at])),  # the series names it
        name=series.title,
        filename=f"{series.slug}.ics",
    )


@require_safe
def calendar_event(request, slug):
    event = get_event_for_user(request, slug)
    if not event.is_public:
        raise Http404
    return _calendar_response(
        request,
        [event],
        scope=f"event-{event.pk}",
        count=1,
        changed=event.updated_at,
        name=event.title,
        filename=f"{event.slug}.ics",
        attachment=True,
    )
