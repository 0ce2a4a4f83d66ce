"""schema.org data (JSON-LD) says what the page says: the organisation's address, whether an
event still has seats, a picture for every event; one escaper writes every JSON-LD block."""

import json
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events.models import Photo
from taxonomy.models import Region
from tests.events.factories import EventFactory, fill
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def json_ld(client, path) -> dict:
    html = client.get(path).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, path
    return json.loads(blocks[0])


def test_every_json_ld_block_goes_through_the_one_escaper():
    templates = [
        path
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "application/ld+json" in path.read_text()
    ]
    assert len(templates) >= 4  # projects, organisations, people, events
    for template in templates:
        for body in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', template.read_text(), re.S
        ):
            assert re.fullmatch(r"\{\{ \w+\|ld_json \}\}", body), template


def test_json_ld_cannot_close_its_script_element(client):
    event = EventFactory(title="Forum </script><script>alert(1)</script> & <!-- mehr")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html and "<!-- mehr" not in html
    assert json_ld(client, event.get_absolute_url())["name"] == event.title


def test_organisation_address_is_its_town_in_saxony(client):
    organisation = OrganisationFactory(region=Region.GOERLITZ, place="Weißwasser/O.L.")
    data = json_ld(client, organisation.get_absolute_url())
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Weißwasser/O.L.",
        "addressRegion": "Sachsen",
        "addressCountry": "DE",
    }
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "Landkreis Görlitz"}


def test_organisation_in_a_landkreis_without_town_has_no_invented_locality(client):
    organisation = OrganisationFactory(region=Region.GOERLITZ, place="")
    data = json_ld(client, organisation.get_absolute_url())
    assert "addressLocality" not in data["address"]
    assert data["address"]["addressRegion"] == "Sachsen"


def test_organisation_in_a_city_region_has_the_city_as_locality(client):
    organisation = OrganisationFactory(region=Region.LEIPZIG, place="")
    assert (
        json_ld(client, organisation.get_absolute_url())["address"]["addressLocality"] == "Leipzig"
    )


def availability(client, event) -> str:
    return json_ld(client, event.get_absolute_url())["offers"]["availability"]


def test_event_with_free_seats_is_in_stock(client):
    assert availability(client, EventFactory(capacity=5)) == "https://schema.org/InStock"


def test_full_event_is_sold_out(client):
    event = EventFactory(capacity=2)
    fill(event, 2)
    assert availability(client, event) == "https://schema.org/SoldOut"


def test_cancelled_event_is_neither_scheduled_nor_in_stock(client):
    event = EventFactory(cancelled=True)
    data = json_ld(client, event.get_absolute_url())
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["offers"]["availability"] == "https://schema.org/Discontinued"


def test_event_whose_registration_has_not_opened_is_out_of_stock_until_then(client):
    opens = timezone.now().replace(microsecond=0) + timedelta(days=3)
    event = EventFactory(registration_opens_at=opens)
    offers = json_ld(client, event.get_absolute_url())["offers"]
    assert offers["availability"] == "https://schema.org/OutOfStock"
    assert offers["validFrom"] == timezone.localtime(opens).isoformat()


def test_past_event_is_out_of_stock(client):
    assert availability(client, EventFactory(past=True)) == "https://schema.org/OutOfStock"


def test_event_without_photos_shows_the_portals_picture(client):
    event = EventFactory()
    [image] = json_ld(client, event.get_absolute_url())["image"]
    assert image.startswith("http://testserver/static/") and image.endswith("share.png")
    response = client.get(image.removeprefix("http://testserver"))
    assert response.status_code == 200
    picture = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert picture.size == (1200, 630)


def test_event_with_photos_shows_them(client):
    event = EventFactory()
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, "WEBP")
    photo = Photo.objects.create(
        event=event,
        image=SimpleUploadedFile("forum.webp", buffer.getvalue()),
        alt_text="Menschen im Gespräch",
    )
    images = json_ld(client, event.get_absolute_url())["image"]
    assert images == [f"http://testserver{photo.image.url}"]
