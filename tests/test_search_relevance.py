"""Search relevance on the demo data: what a person typing a query expects on page one.

Each row is a query and the results someone would look for first: the projects on the
first page of /projekte/?q=, or the first four of each kind on /suche/?q= (organisations,
people, events). ``first`` names the result that must lead; ``absent`` what must not be
found. The demo data is the one ``manage.py demo`` loads (pages/demo.py), loaded once for
this module and rolled back afterwards.

How search understands German is explained in zukunftsplattform/search.py; the synonym
sets are edited by staff in the admin (Gemeinsame Begriffe → Synonyme).
"""

import re
from html import unescape

import pytest
from django.db import connection, transaction

from pages import demo
from pages.models import ContentGeneration
from taxonomy.models import Synonym
from taxonomy.vocabulary import ensure_synonyms
from tests.factories import UserFactory, log_in_with_second_factor, verified
from zukunftsplattform.search import UMLAUT_STOP_WORDS

pytestmark = pytest.mark.django_db


def case(query, expected, *, first=None, absent=(), why):
    return pytest.param(query, expected, first, absent, id=why)


# fmt: off
PROJECT_SEARCHES = [
    # Issue 12: a word of a topic, a target group or a region counts in the full text.
    case("Nachbarschaft", ["Nachbarschaftshilfe per App", "Dorfladen Plus", "Kiezküche Leipzig-Grünau",
         "Oberlausitzer Generationenhaus", "Repair-Café-Netz Leipzig", "Seniorengenossenschaft Osterzgebirge",
         "Pflege-Lotsen Lausitz", "Gemeinschaftshof Elbtal"], first="Nachbarschaftshilfe per App",
         why="topic word: the topic's projects, the title first"),
    case("Kinder", ["Oberlausitzer Generationenhaus", "Lernpat*innen Chemnitz", "Alleinerziehende stärken Zwickau",
         "Klimawerkstatt Schule", "Väterzeit Leipzig", "Familienzeit Nordsachsen", "Mobile Jugendarbeit Vogtland",
         "Ankommenspat*innen Görlitz"], absent=["Pflege-WG Sonnenhof"],
         why="target group and topic: all eight projects about children"),
    case("Jugendliche", ["Jugendrat Mittelsachsen", "Mobile Jugendarbeit Vogtland", "Azubi-WG Zwickau",
         "Digitale Sprechstunde für Senior*innen"], why="target group"),
    case("Leipzig", ["Kiezküche Leipzig-Grünau", "Repair-Café-Netz Leipzig", "Väterzeit Leipzig",
         "Gesund im Quartier"], why="region and place"),
    case("Landkreis Görlitz", ["Pflege-Lotsen Lausitz", "Ankommenspat*innen Görlitz"],
         absent=["Kiezküche Leipzig-Grünau"], why="region name of two words"),
    case("Familien Leipzig", ["Väterzeit Leipzig", "Gesund im Quartier", "Nachbarschaftshilfe per App"],
         absent=["Dorfladen Plus"], why="two words: both must match, target group plus region"),
    case("Inklusion", ["Inklusive Gärtnerei Meißen", "Elbsandstein inklusiv", "Arbeit inklusiv Bautzen"],
         why="topic, and the adjective in titles"),
    case("Digitalisierung", ["Digitale Sprechstunde für Senior*innen", "Nachbarschaftshilfe per App",
         "Dorfgemeinschaft digital", "Schulden-Kompass"], why="topic of four projects"),
    case("Pflege", ["Pflege-Lotsen Lausitz", "Pflege-WG Sonnenhof", "Gesund im Quartier"],
         why="topic word and titles"),
    case("Armut", ["Schulden-Kompass", "Kiezküche Leipzig-Grünau", "Azubi-WG Zwickau"], why="topic word"),
    # Compounds: a word at the start or at the end of a longer word.
    case("Reparatur", ["Werkstatt Zukunft Vogtland", "Repair-Café-Netz Leipzig"],
         why="compound head: Reparaturwerkstatt; synonym Repair"),
    case("Werkstatt", ["Werkstatt Zukunft Vogtland", "Klimawerkstatt Schule", "Gemeinschaftshof Elbtal"],
         first="Werkstatt Zukunft Vogtland", why="compound tail: Klimawerkstatt; the exact title first"),
    case("Beratung", ["Schulden-Kompass", "Familienzeit Nordsachsen"],
         why="compound tails: Schuldnerberatung, Familienberatung"),
    case("Wohnen", ["Azubi-WG Zwickau", "Pflege-WG Sonnenhof"], why="inflection and compound: Wohngemeinschaft"),
    case("Erzgebirge", ["Bürgerbus Erzgebirge", "Pflege-WG Sonnenhof", "Seniorengenossenschaft Osterzgebirge"],
         first="Bürgerbus Erzgebirge", why="region Erzgebirgskreis and Osterzgebirge"),
    case("Garten", ["Inklusive Gärtnerei Meißen"], why="umlaut and inflection: Gärtnerei"),
    case("Café", ["Sprachcafé Chemnitz", "Repair-Café-Netz Leipzig"],
         why="short compound tail: Sprachcafé"),
    case("Cafe", ["Sprachcafé Chemnitz", "Repair-Café-Netz Leipzig"],
         why="short compound tail typed without the accent"),
    case("Haus", ["Oberlausitzer Generationenhaus"], why="short compound tail: Generationenhaus"),
    # Gender forms: every spelling finds every other.
    case("Seniorinnen", ["Digitale Sprechstunde für Senior*innen", "Seniorengenossenschaft Osterzgebirge"],
         why="feminine plural finds Senior*innen"),
    case("Senioren", ["Digitale Sprechstunde für Senior*innen", "Seniorengenossenschaft Osterzgebirge"],
         why="masculine plural finds Senior*innen"),
    case("Senior*innen", ["Digitale Sprechstunde für Senior*innen", "Seniorengenossenschaft Osterzgebirge"],
         why="the gender star typed"),
    case("Lotsinnen", ["Pflege-Lotsen Lausitz"], why="feminine form finds Lots*innen"),
    case("Paten", ["Ankommenspat*innen Görlitz"], why="plural finds Pat*innen"),
    # Umlauts and ß typed without them.
    case("Gruenau", ["Kiezküche Leipzig-Grünau"], why="ue for ü"),
    case("Grünau", ["Kiezküche Leipzig-Grünau"], why="with the umlaut"),
    case("Weisswasser", ["Pflege-Lotsen Lausitz"], why="ss for ß"),
    case("Fluechtlinge", ["Ankommenspat*innen Görlitz"], why="ue for ü, and a synonym"),
    case("Gaertnerei", ["Inklusive Gärtnerei Meißen"], why="ae for ä"),
    case("Angebote fuer Senioren", ["Digitale Sprechstunde für Senior*innen"],
         why="fuer is a stop word like für"),
    # Synonyms (admin → Synonyme).
    case("Flüchtlinge", ["Ankommenspat*innen Görlitz"], why="synonym: the text says geflüchtete Familien"),
    case("Geflüchtete", ["Ankommenspat*innen Görlitz"], why="the text's own word"),
    case("Freiwillige", ["Bürgerbus Erzgebirge", "Pflege-Lotsen Lausitz"], why="synonym of Ehrenamtliche"),
    case("Behinderte", ["Inklusive Gärtnerei Meißen", "Arbeit inklusiv Bautzen"],
         why="synonym of Menschen mit Behinderung"),
    case("Kindergarten", ["Oberlausitzer Generationenhaus"], why="synonym of Kita"),
    case("Quartier", ["Gesund im Quartier", "Kiezküche Leipzig-Grünau"], first="Gesund im Quartier",
         why="synonym of Nachbarschaft, the title first"),
    case("Einsamkeit", ["Kiezküche Leipzig-Grünau"], why="a word of a summary"),
    # Typos: when the full text finds nothing, similar words do.
    case("Nachbarschft", ["Nachbarschaftshilfe per App", "Dorfladen Plus", "Kiezküche Leipzig-Grünau"],
         why="typo in a topic word"),
    case("Generationhaus", ["Oberlausitzer Generationenhaus"], why="typo in a title"),
    case("Kiezkueche", ["Kiezküche Leipzig-Grünau"], why="umlaut spelled out in a compound"),
]

SITE_SEARCHES = [
    case("Nachbarschaft", {
        "Projekte": ["Nachbarschaftshilfe per App"],
        "Organisationen": ["Bürgerstiftung Leipzig-Ost (fiktiv)"],
        "Personen": ["Julia Meier"],
        "Veranstaltungen": ["Sozial. Innovativ. Sächsisch. – Nachbarschaft in Leipzig"],
    }, why="every kind"),
    case("Weisswasser", {
        "Projekte": ["Pflege-Lotsen Lausitz"],
        "Organisationen": ["Lausitzer Zukunftsfonds (fiktiv)"],
        "Veranstaltungen": ["Sozial. Innovativ. Sächsisch. – Ländlicher Raum in Weißwasser"],
    }, why="ss for ß in places of every kind"),
    case("Pflege", {
        "Organisationen": ["Pflegenetz Vogtland (fiktiv)"],
        "Personen": ["Sabine Wolf", "Maria Schulz"],
    }, why="topic, names and roles"),
    case("Flüchtlinge", {
        "Projekte": ["Ankommenspat*innen Görlitz"],
        "Personen": ["Peter Zimmermann", "Ines Baumann"],
    }, why="synonym: Geflüchtete in the biographies"),
    case("Innovator:innen", {"Personen": ["Anja Innovatorin"]}, why="gender colon"),
    case("InnovatorInnen", {"Personen": ["Anja Innovatorin"]}, why="Binnen-I"),
    case("Innovatorinnen", {"Personen": ["Anja Innovatorin"]}, why="feminine plural"),
    case("Chemnitz", {
        "Organisationen": ["Technische Universität Chemnitz", "Netzwerk Integration Chemnitz (fiktiv)"],
        "Personen": ["Dr. Katrin Weise", "Ahmad Haidari"],
        "Veranstaltungen": ["Sozial. Innovativ. Sächsisch. – Kulturhauptstadt Chemnitz"],
    }, why="a city: organisations, people and the event there"),
    case("Hochschule", {
        "Organisationen": ["Soziallabor der Hochschule Elbtal (fiktiv)",
                           "Transferstelle Hochschule Mittelsachsen (fiktiv)", "Technische Universität Chemnitz"],
    }, why="the kind of organisation counts"),
    case("Wohlfahrtsverband", {
        "Organisationen": ["Paritätischer Verbund Dresden (fiktiv)", "Caritasregion Görlitz (fiktiv)",
                           "Diakonie Erzgebirge (fiktiv)", "AWO Kreisverband Leipziger Land (fiktiv)"],
    }, why="kind of organisation"),
    case("Stiftung", {
        "Organisationen": ["Stiftung Vogtland Zukunft (fiktiv)", "Bürgerstiftung Leipzig-Ost (fiktiv)",
                           "Jugendstiftung Westerzgebirge (fiktiv)"],
    }, why="compound tails: Bürgerstiftung, Jugendstiftung"),
    case("Gründung", {
        "Organisationen": ["Gründungswerkstatt Sozialunternehmen Leipzig (fiktiv)"],
        "Personen": ["Tobias Lehmann"],
    }, why="compound head: Gründungswerkstatt, Gründungsberater"),
    case("Wirkung", {
        "Personen": ["Dr. Katrin Weise", "Dr. Stefan König"],
        "Veranstaltungen": ["Online-Werkstatt: Wirkung sichtbar machen"],
    }, why="Wirkungsmessung, Wirkungsmodelle, an event title"),
    case("Migration", {
        "Organisationen": ["Caritasregion Görlitz (fiktiv)"],
        "Personen": ["Ines Baumann"],
    }, why="compound heads: Migrationsarbeit, Migrationsdienst"),
    case("Lausitz", {
        "Projekte": ["Pflege-Lotsen Lausitz"],
        "Veranstaltungen": ["Sozial. Innovativ. Sächsisch. – Ländlicher Raum in Weißwasser"],
    }, why="a landscape in titles and summaries"),
    case("Gruenau", {"Projekte": ["Kiezküche Leipzig-Grünau"]}, why="ue for ü"),
    case("Dresdn", {"Veranstaltungen": ["Sozial. Innovativ. Sächsisch. – Auftakt in Dresden"]},
         why="typo in a city"),
]
# fmt: on


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data set, loaded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_synonyms(Synonym)  # a transactional test elsewhere may have emptied it
        demo.load()
        yield
        transaction.set_rollback(True)


CARD_TITLE = re.compile(r"<h3[^>]*>\s*<a [^>]*>([^<]+)</a>")


def project_titles(client, query) -> list[str]:
    response = client.get("/projekte/", {"q": query})
    assert response.status_code == 200
    return [unescape(title).strip() for title in CARD_TITLE.findall(response.content.decode())]


def site_results(client, query) -> dict[str, list[str]]:
    """Per kind heading ("Projekte", …), the names of the results shown."""
    page = client.get("/suche/", {"q": query}).content.decode()
    groups = {}
    for heading, body in re.findall(
        r"<h2[^>]*>\s*([^<(]+?) \(\d+\)\s*</h2>(.*?)(?=<h2|</main>)", page, re.S
    ):
        groups[heading.strip()] = [unescape(t).strip() for t in CARD_TITLE.findall(body)]
    return groups


@pytest.mark.parametrize("query, expected, first, absent", PROJECT_SEARCHES)
def test_project_search_shows_what_a_person_expects_on_page_one(
    client, demo_data, query, expected, first, absent
):
    titles = project_titles(client, query)
    missing = [title for title in expected if title not in titles]
    assert not missing, f"{query!r}: missing {missing}; found {titles}"
    if first:
        assert titles[0] == first, f"{query!r}: {titles}"
    assert not set(absent) & set(titles), f"{query!r}: {titles}"


@pytest.mark.parametrize("query, expected, first, absent", SITE_SEARCHES)
def test_site_search_shows_what_a_person_expects_first(
    client, demo_data, query, expected, first, absent
):
    groups = site_results(client, query)
    for kind, names in expected.items():
        missing = [name for name in names if name not in groups.get(kind, [])]
        assert not missing, f"{query!r}, {kind}: missing {missing}; found {groups}"


def test_english_search_finds_the_same(client, demo_data):
    page = client.get("/en/suche/", {"q": "Weisswasser"}).content.decode()
    assert "Pflege-Lotsen Lausitz" in page and "Projects (1)" in page


def test_exact_title_match_comes_before_mentions(client, demo_data):
    titles = project_titles(client, "Kinder")
    # Children in the target groups and the summary beat the topic name alone.
    assert titles.index("Väterzeit Leipzig") < titles.index("Azubi-WG Zwickau")


def test_synonyms_edited_by_staff_count_at_the_next_search(client, demo_data):
    assert "Kiezküche Leipzig-Grünau" not in project_titles(client, "Mittagstisch")
    admin = verified(UserFactory(is_staff=True, is_superuser=True))
    staff = log_in_with_second_factor(client, admin)
    generation = ContentGeneration.objects.get().number
    response = staff.post("/admin/taxonomy/synonym/add/", {"terms": "Mittagstisch, Küche"})
    assert response.status_code == 302
    # The page cache's trigger fires at commit, which a test never reaches: it is there.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = %s AND t.tgname = 'portal_content_changed'",
            [Synonym._meta.db_table],
        )
        assert cursor.fetchone()
    assert ContentGeneration.objects.get().number == generation  # deferred to commit
    staff.logout()
    assert "Kiezküche Leipzig-Grünau" in project_titles(client, "Mittagstisch")
    Synonym.objects.filter(terms="Mittagstisch, Küche").delete()
    assert "Kiezküche Leipzig-Grünau" not in project_titles(client, "Mittagstisch")


def test_umlaut_stop_words_are_postgresqls(db):
    with connection.cursor() as cursor:
        for word in UMLAUT_STOP_WORDS:
            cursor.execute("SELECT ts_lexize('german_stem', %s)", [word])
            assert cursor.fetchone()[0] == [], word
