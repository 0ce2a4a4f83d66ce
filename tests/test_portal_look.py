"""What a visitor sees at a glance: pictures in the demo, distinct home sections, where they are."""

import re

import pytest

from events.models import Event
from network import public as network_public
from pages import demo as pages_demo
from projects.models import Project
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def cards(html: str, section_id: str) -> list[str]:
    """The project titles linked in one home section."""
    section = html.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'href="/projekte/[^"]+/"[^>]*>([^<]+)</a>', section)


def test_home_shows_different_projects_under_best_practice_and_newest(client):
    for n in range(4):
        ProjectFactory(published=True, title=f"Gute Praxis {n}", is_best_practice=True)
    for n in range(3):
        ProjectFactory(published=True, title=f"Neu {n}")
    html = client.get("/").content.decode()
    best, newest = cards(html, "home-best-practice"), cards(html, "home-newest")
    assert len(best) == 3 and newest
    assert not set(best) & set(newest), (best, newest)


def test_full_demo_has_pictures_with_descriptions_for_projects_people_and_events(client):
    pages_demo.load()
    published = Project.objects.published()
    assert published.count() > 20
    assert all(p.cover and p.cover_card and p.cover_alt for p in published)
    people = list(network_public.people_with_consent())
    assert all(person.photo and person.photo_alt for person in people if person.user_id is None)
    html = client.get("/projekte/").content.decode()
    assert html.count('<img class="card__image"') >= 10
    events = list(Event.objects.published())
    assert events and all(event.image and event.image_alt for event in events)
    assert client.get("/").content.decode().count('class="card__image" src="/media/events/') == 3
    detail = client.get(events[0].get_absolute_url()).content.decode()
    assert f'src="{events[0].image.url}" alt="{events[0].image_alt}"' in detail


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/projekte/", {"Projekte": "page"}),
        ("/netzwerk/organisationen/", {"Netzwerk": "page"}),
        ("/netzwerk/personen/", {"Netzwerk": "true"}),
        ("/veranstaltungen/", {"Veranstaltungen": "page"}),
        ("/", {}),
    ],
)
def test_navigation_marks_the_current_section(client, path, current):
    html = client.get(path).content.decode()
    nav = html.split('class="main-nav', 1)[1].split("</nav>", 1)[0]
    marked = dict(
        (label, value) for value, label in re.findall(r'aria-current="(\w+)">([^<]+)</a>', nav)
    )
    assert marked == current
