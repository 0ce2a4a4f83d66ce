"""iCal files and feeds, parsed with real parsers; times right across daylight saving."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.utils import timezone

from events import services
from events.formatting import format_range
from tests.events.factories import EventFactory, SeriesFactory, berlin

pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_carries_the_right_times_in_summer_time(client):
    # 29 March 2027: the first Monday of summer time (CEST, UTC+2).
    event = EventFactory(start=berlin(2027, 3, 29, 10, 0), end=berlin(2027, 3, 29, 16, 30))
    response = client.get(f"/veranstaltungen/{event.slug}/termin.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    [component] = parse(response).events
    assert component.start == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)
    assert component.end == datetime(2027, 3, 29, 14, 30, tzinfo=UTC)
    assert str(component["summary"]) == event.title
    assert str(component["location"]) == "Kulturpalast, Schloßstraße 2, 01067 Dresden"
    assert str(component["url"]).endswith(event.get_absolute_url())
    assert str(component["status"]) == "CONFIRMED"


def test_event_ics_carries_the_right_times_in_winter_time(client):
    # 1 November 2027: standard time (CET, UTC+1).
    event = EventFactory(start=berlin(2027, 11, 1, 10, 0), end=berlin(2027, 11, 1, 12, 0))
    [component] = parse(client.get(f"/veranstaltungen/{event.slug}/termin.ics")).events
    assert component.start == datetime(2027, 11, 1, 9, 0, tzinfo=UTC)


def test_event_over_the_night_the_clocks_change_keeps_its_real_duration(client):
    # 27/28 March 2027: at 02:00 the clocks jump to 03:00, the night is one hour shorter.
    event = EventFactory(start=berlin(2027, 3, 27, 20, 0), end=berlin(2027, 3, 28, 10, 0))
    # (Python subtracts two datetimes of the same zone as wall-clock times; the database
    # stores UTC and gets the real duration.)
    event.refresh_from_db()
    assert event.end - event.start == timedelta(hours=13)
    [component] = parse(client.get(f"/veranstaltungen/{event.slug}/termin.ics")).events
    assert component.start == datetime(2027, 3, 27, 19, 0, tzinfo=UTC)
    assert component.end == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    assert component.end - component.start == timedelta(hours=13)
    # Wall-clock times stay as people read them.
    assert format_range(event.start, event.end) == (
        "Samstag, 27. März 2027, 20:00 Uhr – Sonntag, 28. März 2027, 10:00 Uhr"
    )


def test_same_wall_clock_time_before_and_after_the_change_is_a_different_utc_time():
    before = berlin(2027, 10, 30, 18, 0)  # CEST
    after = berlin(2027, 11, 1, 18, 0)  # CET
    assert before.astimezone(UTC).hour == 16
    assert after.astimezone(UTC).hour == 17
    assert timezone.localtime(before).hour == timezone.localtime(after).hour == 18


def test_calendar_of_all_events_has_published_and_cancelled_not_drafts_or_old_ones(client):
    published = EventFactory(title="Öffentlich")
    cancelled = EventFactory(cancelled=True, title="Abgesagt")
    EventFactory(draft=True, title="Entwurf")
    EventFactory(
        title="Uralt",
        start=timezone.now() - timedelta(days=800),
        end=timezone.now() - timedelta(days=800) + timedelta(hours=2),
    )
    calendar = parse(client.get("/veranstaltungen/kalender.ics"))
    by_title = {str(e["summary"]): e for e in calendar.events}
    assert set(by_title) == {"Öffentlich", "Abgesagt"}
    assert str(by_title["Abgesagt"]["status"]) == "CANCELLED"
    assert str(calendar["x-wr-timezone"]) == "Europe/Berlin"
    assert by_title["Öffentlich"].start == published.start
    assert len({str(e["uid"]) for e in calendar.events}) == 2
    assert cancelled.pk != published.pk


def test_series_calendar_has_only_its_events(client):
    series = SeriesFactory()
    EventFactory(series=series, title="Teil der Reihe")
    EventFactory(title="Einzeltermin")
    calendar = parse(client.get(f"/veranstaltungen/reihe/{series.slug}/kalender.ics"))
    assert [str(e["summary"]) for e in calendar.events] == ["Teil der Reihe"]
    assert str(calendar["x-wr-calname"]) == series.title


def _get(client, path, **headers):
    return client.get(path, headers=headers)


@pytest.mark.parametrize("kind", ["all", "series", "event"])
def test_calendars_answer_conditional_requests_until_an_event_changes(client, kind):
    series = SeriesFactory()
    event = EventFactory(series=series, title="Zukunftsdialog")
    path = {
        "all": "/veranstaltungen/kalender.ics",
        "series": f"/veranstaltungen/reihe/{series.slug}/kalender.ics",
        "event": f"/veranstaltungen/{event.slug}/termin.ics",
    }[kind]
    first = client.get(path)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"') and parse(first).events

    unchanged = _get(client, path, if_none_match=etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert _get(client, path, if_modified_since=last_modified).status_code == 304

    event.title = "Zukunftsdialog (neuer Ort)"
    services.save_event(event=event)
    changed = _get(client, path, if_none_match=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Zukunftsdialog (neuer Ort)" in [str(e["summary"]) for e in parse(changed).events]


def test_calendar_version_changes_with_a_new_or_a_removed_event(client):
    path = "/veranstaltungen/kalender.ics"
    event = EventFactory()
    etag = client.get(path)["ETag"]
    added = EventFactory()
    assert client.get(path)["ETag"] != etag
    etag = client.get(path)["ETag"]
    added.delete()  # the newest change is the same as before: the count tells
    assert client.get(path)["ETag"] != etag
    assert client.get(path)["ETag"] == client.get(path)["ETag"]
    assert event.pk


def test_calendar_body_is_rendered_once_per_version_and_language(
    client, settings, django_assert_num_queries
):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "calendar-test",
        },
    }
    caches["fragments"].clear()
    path = "/veranstaltungen/kalender.ics"
    event = EventFactory(title="Werkstattgespräch")
    first = client.get(path).content
    with django_assert_num_queries(1):  # the version; the body comes from the cache
        assert client.get(path).content == first
    english = client.get("/en" + path).content
    assert b"X-WR-CALNAME:Events of the Future Platform" in english
    assert b"X-WR-CALNAME:Veranstaltungen" in first
    event.title = "Werkstattgespräch (verschoben)"
    services.save_event(event=event)
    assert "verschoben" in client.get(path).content.decode()
    caches["fragments"].clear()


def test_rss_feed_lists_new_public_events(client):
    EventFactory(title="Neu im Programm")
    EventFactory(draft=True, title="Noch geheim")
    response = client.get("/feeds/veranstaltungen/rss/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Neu im Programm"]
    link = next(root.iter("item")).findtext("link")
    assert link.startswith("http://testserver/veranstaltungen/")


def test_atom_feed_is_valid_xml_in_english_too(client):
    EventFactory(title="Forum")
    response = client.get("/en/feeds/veranstaltungen/atom/")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    namespace = "{http://www.w3.org/2005/Atom}"
    assert [entry.findtext(f"{namespace}title") for entry in root.iter(f"{namespace}entry")] == [
        "Forum"
    ]
    assert "Events" in root.findtext(f"{namespace}title")


def test_sitemap_lists_public_events_and_series(client):
    series = SeriesFactory()
    public = EventFactory(series=series)
    draft = EventFactory(draft=True)
    content = client.get("/sitemap.xml").content.decode()
    assert f"/veranstaltungen/{public.slug}/" in content
    assert f"/en/veranstaltungen/{public.slug}/" in content
    assert f"/veranstaltungen/reihe/{series.slug}/" in content
    assert f"/veranstaltungen/{draft.slug}/" not in content
