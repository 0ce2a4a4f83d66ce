"""What a visitor sees at a glance: pictures in the demo, distinct home sections, where they are."""

import re
import subprocess
from html.parser import HTMLParser

import pytest
from django.conf import settings

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


#: What may sit in a ``kern-link`` beside its words: KERN lays the link out as a flex row,
#: so words beside another element (``Back to <span lang="de">name</span>``) become two
#: columns on a phone. Icons, pictures and screen-reader-only text are meant as their own
#: items; any other element goes inside one ``<span>`` around all the words.
LINK_ITEMS = re.compile(r"kern-icon|kern-sr-only|visually-hidden")


class _LinkItems(HTMLParser):
    """The flex items of a link's content: its words and elements at the top level."""

    def __init__(self):
        super().__init__()
        self.depth, self.words, self.elements = 0, False, []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag != "img":
            self.elements.append(" ".join(value or "" for _name, value in attrs))
        if tag not in {"img", "br"}:
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1

    def handle_data(self, data):
        self.words = self.words or (self.depth == 0 and bool(data.strip()))


def test_no_link_splits_its_words_into_columns():
    found = []
    templates = subprocess.run(
        ["git", "ls-files", "*.html"], capture_output=True, text=True, cwd=settings.BASE_DIR
    ).stdout.split()
    for name in templates:
        source = (settings.BASE_DIR / name).read_text()
        for link in re.finditer(
            r'<a\b[^>]*class="[^"]*\bkern-link\b[^"]*"[^>]*>(.*?)</a>', source, re.S
        ):
            items = _LinkItems()
            items.feed(re.sub(r"\{\{.*?\}\}", "x", re.sub(r"\{%.*?%\}", "", link.group(1))))
            if items.words and any(not LINK_ITEMS.search(attrs) for attrs in items.elements):
                found.append(f"{name}: {link.group(0)[:120]}")
    assert found == []
