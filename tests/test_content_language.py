"""On English pages, German user content is marked ``lang="de"`` (WCAG 3.1.2).

People write projects, organisations, profiles and events in German; the English pages
show that text as it is. A screen reader reads it with English pronunciation unless the
passage carries ``lang="de"``. axe has no rule for this, so the test parses each page and
looks at every text node (and image description) that holds German content: the nearest
``lang`` around it must be ``de``.
"""

from html.parser import HTMLParser

import pytest

from events.models import AgendaItem
from network.default_consent import ensure_consent_text
from network.models import ConsentText
from tests.events.factories import EventFactory, SeriesFactory
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

GERMAN = {
    "project": "Nachbarschaftstreff am Küchentisch",
    "project summary": "Wir bringen ältere Nachbar*innen beim Kochen zusammen.",
    "project challenge": "Viele Menschen im Viertel wohnen allein.",
    "project approach": "Jeden Dienstag kochen wir gemeinsam.",
    "project place": "Görlitz-Weinhübel",
    "project needs note": "Wir suchen eine Küche im Erdgeschoss.",
    "project story": "Offene Türen haben am besten gewirkt.",
    "cover": "Menschen schälen gemeinsam Kartoffeln",
    "organisation": "Bürgerstiftung Oberlausitz",
    "organisation description": "Wir fördern Engagement zwischen Neiße und Spree.",
    "organisation place": "Löbau",
    "person role": "Beraterin für Ehrenamt",
    "person affiliation": "Freiwilligenagentur Bautzen",
    "person bio": "Sie begleitet Vereine beim Neustart nach der Pandemie.",
    "series": "Werkstattreihe Miteinander",
    "series summary": "Die Dialogreihe des Sozialministeriums.",
    "event": "Dialogforum Weißwasser",
    "event summary": "Gute Ideen für den ländlichen Raum.",
    "event description": "Wir sprechen über Nachbarschaft und Teilhabe.",
    "venue": "Soziokulturelles Zentrum Telux",
    "agenda": "Begrüßung durch die Staatsministerin",
}


class _LanguageOfText(HTMLParser):
    """Collects (text, language in force) for every text node and image description."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip
    SKIP = {"head", "script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str, str | None]] = []

    def _language(self) -> str | None:
        for _tag, lang in reversed(self.stack):
            if lang is not None:
                return lang
        return None

    def _skipping(self) -> bool:
        return any(tag in self.SKIP for tag, _lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        own = attrs.get("lang") or self._language()
        if tag == "img" and attrs.get("alt") and not self._skipping():
            self.found.append((attrs["alt"], own))
        if tag == "input" and attrs.get("value") and not self._skipping():
            self.found.append((attrs["value"], own))  # what an edit form holds
        if tag == "meta" and attrs.get("content") in GERMAN.values():
            # What search results and shares show; an English sentence naming a German
            # organisation is English (names are exempt from WCAG 3.1.2).
            self.found.append((attrs["content"], own))
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if data.strip() and not self._skipping():
            self.found.append((data, self._language()))


def unmarked_german(html: str) -> list[str]:
    parser = _LanguageOfText()
    parser.feed(html)
    return [
        f"{text.strip()!r} in lang={lang!r}"
        for text, lang in parser.found
        if lang != "de" and any(german in text for german in GERMAN.values())
    ]


@pytest.fixture
def content(db):
    from taxonomy.models import SupportCategory, Topic

    categories = {category.slug: category for category in SupportCategory.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    ensure_consent_text(ConsentText)
    organisation = OrganisationFactory(
        name=GERMAN["organisation"],
        slug="buergerstiftung",
        description=GERMAN["organisation description"],
        place=GERMAN["organisation place"],
        is_platform_partner=True,
        offers=[categories["raeume"]],
    )
    project = ProjectFactory(
        published=True,
        slug="kuechentisch",
        title=GERMAN["project"],
        summary=GERMAN["project summary"],
        challenge=GERMAN["project challenge"],
        approach=GERMAN["project approach"],
        place=GERMAN["project place"],
        needs_note=GERMAN["project needs note"],
        is_best_practice=True,
        story_what_worked=GERMAN["project story"],
        carrying_organisation=organisation,
        topics=[topics["nachbarschaft"]],
    )
    project.needs.set([categories["raeume"]])
    person = PersonFactory(
        name="Wiebke Wunderlich",
        slug="wiebke",
        role=GERMAN["person role"],
        affiliation=GERMAN["person affiliation"],
        bio=GERMAN["person bio"],
        organisation=organisation,
        consent=True,
    )
    series = SeriesFactory(title=GERMAN["series"], slug="sis", summary=GERMAN["series summary"])
    event = EventFactory(
        series=series,
        slug="weisswasser",
        title=GERMAN["event"],
        summary=GERMAN["event summary"],
        description=GERMAN["event description"],
        venue_name=GERMAN["venue"],
        locality="Weißwasser",
    )
    agenda = AgendaItem.objects.create(event=event, title=GERMAN["agenda"], starts_at=event.start)
    agenda.speakers.set([person])
    agenda.presented_projects.set([project])
    return {"project": project, "organisation": organisation, "person": person, "event": event}


ENGLISH_PAGES = [
    "/en/",
    "/en/projekte/",
    "/en/projekte/kuechentisch/",
    "/en/gute-praxis/",
    "/en/netzwerk/organisationen/",
    "/en/netzwerk/organisationen/buergerstiftung/",
    "/en/netzwerk/personen/",
    "/en/netzwerk/personen/wiebke/",
    "/en/veranstaltungen/",
    "/en/veranstaltungen/weisswasser/",
    "/en/veranstaltungen/reihe/sis/",
    "/en/suche/?q=Nachbarschaftstreff",
    "/en/suche/?q=Dialogforum",
]


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_german_content_on_english_pages_is_marked_german(client, content, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert any(german in html for german in GERMAN.values())  # the page shows some
    assert unmarked_german(html) == []


def test_the_check_finds_unmarked_german():
    assert unmarked_german(
        f'<html lang="en"><head><meta name="description" content="{GERMAN["venue"]}"></head>'
        f'<body><p>{GERMAN["project"]}</p><input value="{GERMAN["agenda"]}">'
        f'<p lang="de">{GERMAN["event"]}<img alt="{GERMAN["cover"]}"></p></body></html>'
    ) == [
        f"{GERMAN['venue']!r} in lang='en'",
        f"{GERMAN['project']!r} in lang='en'",
        f"{GERMAN['agenda']!r} in lang='en'",
    ]


def _edit_page(client, content, kind):
    if kind == "project":
        client.force_login(content["project"].memberships.get().user)
        return "/en/projekte/kuechentisch/bearbeiten/"
    if kind == "organisation":
        member = UserFactory()
        content["organisation"].members.add(member)
        client.force_login(member)
        return "/en/netzwerk/organisationen/buergerstiftung/bearbeiten/"
    person = content["person"]
    person.user = UserFactory()
    person.save()
    client.force_login(person.user)
    return "/en/netzwerk/personen/wiebke/bearbeiten/"


@pytest.mark.parametrize("kind", ["project", "organisation", "person"])
def test_german_content_in_english_edit_forms_is_marked_german(client, content, kind):
    """The fields hold the German text; a screen reader must read it (and new input) as German."""
    html = client.get(_edit_page(client, content, kind)).content.decode()
    assert '<html lang="en"' in html
    assert sum(german in html for german in GERMAN.values()) >= 2  # title/name and more
    assert unmarked_german(html) == []


@pytest.mark.parametrize("page", ["verlauf", "team"])
def test_project_title_inside_an_english_heading_is_marked_german(client, content, page):
    client.force_login(content["project"].memberships.get().user)
    html = client.get(f"/en/projekte/kuechentisch/{page}/").content.decode()
    assert f'<span lang="de">{GERMAN["project"]}</span>' in html
    assert unmarked_german(html) == []


def test_german_content_on_the_english_account_home_is_marked_german(client, content):
    """The account home lists the person's projects, organisations and registrations."""
    from events import services as event_services

    owner = content["project"].memberships.get().user
    content["organisation"].members.add(owner)
    event_services.register_user(event=content["event"], user=owner)
    client.force_login(owner)
    html = client.get("/en/konto/").content.decode()
    for german in (GERMAN["project"], GERMAN["organisation"], GERMAN["event"]):
        assert german in html
    assert unmarked_german(html) == []
