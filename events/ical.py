"""iCalendar (RFC 5545) for events: a feed of many events, or one event's .ics.

Times are written in UTC (``DTSTART:20260329T080000Z``): every calendar converts them to
the reader's zone, and no VTIMEZONE table can go stale. ``X-WR-TIMEZONE`` tells clients
that the events belong to Europe/Berlin.
"""

from datetime import UTC
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from zukunftsplattform.mail import absolute_url

PRODID = "-//Zukunftsplattform für soziale Innovationen//Veranstaltungen//DE"


def _uid(event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "zukunftsplattform"
    return f"event-{event.pk}@{host}"


def _location(event) -> str:
    if event.format == event.Format.ONLINE:
        return "Online"
    return ", ".join(event.address_lines)


def event_component(event, *, online_url: str = "") -> icalendar.Event:
    """One VEVENT; ``online_url`` only for a confirmed participant's own calendar entry."""
    component = icalendar.Event()
    component.add("uid", _uid(event))
    component.add("dtstamp", timezone.now().astimezone(UTC))
    component.add("dtstart", event.start.astimezone(UTC))
    component.add("dtend", event.end.astimezone(UTC))
    component.add("summary", event.title)
    url = absolute_url(event.get_absolute_url())
    description = [event.summary, url]
    if online_url:
        description.append(online_url)
    component.add("description", "\n\n".join(part for part in description if part))
    component.add("url", url)
    if location := _location(event):
        component.add("location", location)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("last-modified", event.updated_at.astimezone(UTC))
    # Bumped when the event changes, so clients replace their copy.
    component.add("sequence", int(event.updated_at.timestamp()) // 60 % 2_000_000_000)
    return component


def calendar(events, *, name: str, online_url_for=None) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        online_url = online_url_for(event) if online_url_for else ""
        cal.add_component(event_component(event, online_url=online_url))
    return cal.to_ical()


def ics_response(content: bytes, *, filename: str, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
