"""The needs & offers overview shows unmet needs per district; the events list has a map."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from taxonomy.models import Region, SupportCategory
from tests.events.factories import EventFactory
from tests.maps.conftest import map_links
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NEEDS = "/netzwerk/bedarfe-und-angebote/"


def _unmet(html: str) -> list[str]:
    """The categories the region page names as needed there and offered by nobody there."""
    match = re.search(r"Gebraucht, aber von niemandem[^<]*: <strong>([^<]*)</strong>", html)
    return match.group(1).split(", ") if match else []


def test_needs_map_counts_unmet_needs_and_links_to_the_region(client):
    rooms, money, mentors = SupportCategory.objects.all()[:3]
    ProjectFactory(published=True, region=Region.BAUTZEN).needs.set([rooms, money, mentors])
    ProjectFactory(region=Region.ZWICKAU).needs.set([rooms])  # a draft: not counted
    OrganisationFactory(region=Region.BAUTZEN, offers=[rooms])  # meets one need there
    PersonFactory(region=Region.BAUTZEN, offers=[money])  # no consent: meets nothing

    html = client.get(NEEDS).content.decode()
    links = map_links(html)
    assert len(links) == 13
    assert links["Landkreis Bautzen: 2 offene Bedarfe"] == f"{NEEDS}?region=bautzen"
    assert "Landkreis Zwickau: 0 offene Bedarfe" in links
    for name, href in links.items():
        figure = int(re.search(r": (\d+) offene", name).group(1))
        assert len(_unmet(client.get(href).content.decode())) == figure, name


def _event_count(html: str) -> int:
    heading = re.search(r'id="results-heading"[^>]*>([^<]*)</h2>', html).group(1)
    return int(re.match(r"(\d+)", heading).group(1))


def test_events_map_counts_published_events_and_links_to_the_filtered_list(client):
    EventFactory(region=Region.DRESDEN)
    EventFactory(region=Region.DRESDEN)
    EventFactory(region=Region.DRESDEN, past=True)  # not upcoming
    EventFactory(region=Region.LEIPZIG, draft=True)  # a draft: not counted
    EventFactory(region=Region.LEIPZIG, cancelled=True)  # shown with its notice: counted
    EventFactory(region="", format="online")

    html = client.get("/veranstaltungen/?ansicht=karte").content.decode()
    links = map_links(html)
    assert links["Dresden: 2 Veranstaltungen"] == "/veranstaltungen/?region=dresden"
    assert "Leipzig: 1 Veranstaltung" in links
    assert "1 dieser Veranstaltungen nennt keinen Kreis" in html
    for name, href in links.items():
        figure = int(re.search(r": (\d+) Veranstaltung", name).group(1))
        assert _event_count(client.get(href).content.decode()) == figure, name

    html = client.get("/veranstaltungen/?ansicht=karte&zeit=alle").content.decode()
    links = map_links(html)
    assert links["Dresden: 3 Veranstaltungen"] == "/veranstaltungen/?zeit=alle&region=dresden"
    assert _event_count(client.get(links["Dresden: 3 Veranstaltungen"]).content.decode()) == 3


def test_events_list_filters_by_region_and_keeps_it_in_the_tabs(client):
    EventFactory(region=Region.GOERLITZ, title="Treffen in Görlitz")
    EventFactory(region=Region.DRESDEN, title="Treffen in Dresden")
    html = client.get("/veranstaltungen/?region=goerlitz").content.decode()
    assert "Treffen in Görlitz" in html and "Treffen in Dresden" not in html
    assert "?zeit=vergangene&amp;region=goerlitz" in html
    assert '<option value="goerlitz" selected>' in html
    html = client.get("/veranstaltungen/?region=mond").content.decode()
    assert "Treffen in Dresden" in html  # an unknown region is reported, not fatal


def test_events_map_needs_one_aggregate_query(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    EventFactory(region=Region.DRESDEN)
    with django_assert_max_num_queries(3) as few:
        client.get("/veranstaltungen/?ansicht=karte")
    assert sum("GROUP BY" in q["sql"] for q in few.captured_queries) == 1
    for region in Region:
        EventFactory(region=region, start=timezone.now() + timedelta(days=3))
    with django_assert_num_queries(len(few)):
        html = client.get("/veranstaltungen/?ansicht=karte").content.decode()
    assert "Dresden: 2 Veranstaltungen" in map_links(html)


def test_needs_map_adds_no_query(client, django_assert_num_queries):
    rooms = SupportCategory.objects.first()
    ProjectFactory(published=True, region=Region.BAUTZEN).needs.set([rooms])
    with CaptureQueriesContext(connection) as one:
        client.get(NEEDS)
    for region in Region:
        ProjectFactory(published=True, region=region).needs.set([rooms])
    with django_assert_num_queries(len(one)):
        html = client.get(NEEDS).content.decode()
    assert "Landkreis Bautzen: 1 offener Bedarf" in map_links(html)
