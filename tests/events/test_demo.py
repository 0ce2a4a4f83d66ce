"""The demo data: the dialogue series, with and without the other apps' data."""

import pytest
from django.utils import timezone

from events import demo
from events.models import Event, Registration
from pages import demo as pages_demo

pytestmark = pytest.mark.django_db


def test_demo_works_without_people_or_projects():
    demo.load()
    now = timezone.now()
    events = Event.objects.published()
    assert events.count() == 6
    assert {e.locality for e in events.past(now)} == {"Dresden", "Leipzig", "Weißwasser/O.L."}
    assert events.upcoming(now).count() == 3


def test_full_demo_has_the_series_with_speakers_projects_and_seat_states(client):
    pages_demo.load()
    past = list(Event.objects.published().past())
    assert len(past) == 3
    for event in past:
        assert event.has_documentation and event.slides.exists() and event.photos.exists()
        assert event.agenda_items.filter(speakers__isnull=False).exists()
        assert event.agenda_items.filter(presented_projects__isnull=False).exists()
    nearly_full = Event.objects.get(slug="dialog-goerlitz")
    assert 0 < nearly_full.seats_left <= 3
    waitlisted = Event.objects.get(slug="werkstatt-wirkung-online")
    assert waitlisted.seats_left == 0
    assert waitlisted.registrations.waitlisted().count() == 4
    assert Registration.objects.filter(user__email="innovatorin@demo.example").exists()
    page = client.get("/veranstaltungen/dialog-dresden/").content.decode()
    assert "Deutsches Hygiene-Museum" in page and "Dokumentation" in page
    assert client.get("/").content.decode().count("/veranstaltungen/dialog-") >= 2
