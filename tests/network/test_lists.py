"""The directory's lists: filters, search, htmx results, pagination, query counts."""

import re

import pytest

from network.models import Organisation
from taxonomy.models import Region
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.network.test_views import _get, queries

pytestmark = pytest.mark.django_db


# --- Lists ---------------------------------------------------------------------------


@pytest.fixture
def directory(categories, topics):
    c, t = categories, topics
    return {
        "caritas": OrganisationFactory(
            name="Caritas Görlitz",
            kind=Organisation.Kind.WELFARE,
            region=Region.GOERLITZ,
            topics=[t["pflege"]],
            offers=[c["beratung"]],
            description="Beratung für pflegende Angehörige in der Nachbarschaft.",
        ),
        "stiftung": OrganisationFactory(
            name="Bürgerstiftung Leipzig",
            kind=Organisation.Kind.FUNDER,
            region=Region.LEIPZIG,
            topics=[t["nachbarschaft"]],
            offers=[c["finanzierung"]],
        ),
        "verein": OrganisationFactory(
            name="Verein Nachbarschaftshilfe",
            kind=Organisation.Kind.ASSOCIATION,
            region=Region.LEIPZIG,
            topics=[t["nachbarschaft"]],
            offers=[c["raeume"], c["beratung"]],
        ),
        "hidden": OrganisationFactory(name="Versteckter Förderer", is_published=False),
    }


def names_in(html: str) -> list[str]:
    return re.findall(r'class="kern-link card__link" href="[^"]+" lang="de">([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Bürgerstiftung Leipzig", "Caritas Görlitz", "Verein Nachbarschaftshilfe"]),
        ({"art": "foerderer"}, ["Bürgerstiftung Leipzig"]),
        ({"region": "leipzig"}, ["Bürgerstiftung Leipzig", "Verein Nachbarschaftshilfe"]),
        ({"thema": "pflege"}, ["Caritas Görlitz"]),
        ({"angebot": "beratung"}, ["Caritas Görlitz", "Verein Nachbarschaftshilfe"]),
        ({"angebot": "beratung", "region": "leipzig"}, ["Verein Nachbarschaftshilfe"]),
        ({"q": "Angehörige"}, ["Caritas Görlitz"]),
        ({"q": "Angehörge"}, ["Caritas Görlitz"]),  # a typo
        ({"q": "Versteckter"}, []),
        # Nothing printable left to search for: the whole list, as without a search.
        (
            {"q": "\x07\x1b"},
            ["Bürgerstiftung Leipzig", "Caritas Görlitz", "Verein Nachbarschaftshilfe"],
        ),
    ],
)
def test_organisation_list_filters_and_search(client, directory, params, expected):
    html = client.get("/netzwerk/organisationen/", params).content.decode()
    assert names_in(html) == expected
    count = len(expected)
    assert f"{count} Organisation{'en' if count != 1 else ''} gefunden" in html


def test_invalid_filters_are_reported_not_fatal(client, directory):
    response = client.get("/netzwerk/organisationen/", {"art": "quatsch", "thema": "nix"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert len(names_in(html)) == 3


def test_list_without_javascript_is_a_plain_get_form_with_real_links(client, directory):
    html = client.get("/netzwerk/organisationen/").content.decode()
    form = re.search(
        r'<form class="list-filters" method="get" action="/netzwerk/organisationen/#results"[^>]*>',
        html,
    )
    assert form and 'data-hx-get="/netzwerk/organisationen/"' in form.group(0)
    assert 'data-hx-push-url="true"' in form.group(0) and 'data-hx-target="#results"' in form.group(
        0
    )
    for name in ["q", "art", "region", "thema", "angebot"]:
        assert f'name="{name}"' in html
    assert 'id="result-status"' in html and 'aria-live="polite"' in html


def test_htmx_gets_only_the_results_region_with_the_count_announced(client, directory):
    response = client.get(
        "/netzwerk/organisationen/", {"region": "leipzig"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="results"')
    assert names_in(html) == ["Bürgerstiftung Leipzig", "Verein Nachbarschaftshilfe"]
    assert 'data-hx-swap-oob="innerHTML">2 Organisationen gefunden</p>' in html


def test_pagination_keeps_the_filters(client, categories):
    for index in range(25):
        OrganisationFactory(name=f"Förderverein {index:02d}", region=Region.DRESDEN)
    html = client.get("/netzwerk/organisationen/", {"region": "dresden"}).content.decode()
    assert len(names_in(html)) == 20
    assert 'href="?region=dresden&amp;seite=2"' in html
    assert 'data-hx-get="?region=dresden&amp;seite=2"' in html
    second = client.get("/netzwerk/organisationen/", {"region": "dresden", "seite": 2})
    assert names_in(second.content.decode()) == [f"Förderverein {i}" for i in range(20, 25)]


def test_person_list_filters_and_shows_only_people_with_consent(client, categories, topics):
    PersonFactory(
        name="Mia Mentorin",
        offers=[categories["mentoring"]],
        topics=[topics["bildung"]],
        region=Region.CHEMNITZ,
        consent=True,
    )
    PersonFactory(name="Bert Berater", offers=[categories["beratung"]], consent=True)
    PersonFactory(name="Nina Nichtöffentlich", offers=[categories["mentoring"]])
    page = lambda **params: names_in(client.get("/netzwerk/personen/", params).content.decode())  # noqa: E731
    assert page() == ["Bert Berater", "Mia Mentorin"]
    assert page(angebot="mentoring") == ["Mia Mentorin"]
    assert page(thema="bildung") == ["Mia Mentorin"]
    assert page(region="chemnitz") == ["Mia Mentorin"]
    assert page(q="Mentorin") == ["Mia Mentorin"]
    html = client.get("/netzwerk/personen/", {"q": "Berater"}, headers={"HX-Request": "true"})
    assert "1 Person gefunden" in html.content.decode()


def test_english_list_speaks_english(client, directory):
    html = client.get("/en/netzwerk/organisationen/", {"art": "foerderer"}).content.decode()
    assert '<html lang="en">' in html
    assert "1 organisation found" in html and "Funder" in html


def test_lists_need_the_same_number_of_queries_for_few_or_many_rows(
    client, categories, topics, django_assert_num_queries
):
    offers = [categories["raeume"], categories["beratung"]]

    def add(count):
        for _ in range(count):
            OrganisationFactory(offers=offers, topics=[topics["pflege"]])
            PersonFactory(offers=offers, consent=True)

    add(5)
    few_orgs = queries(client, "/netzwerk/organisationen/")
    few_people = queries(client, "/netzwerk/personen/")
    few_found = queries(client, "/netzwerk/organisationen/", q="Organisation", angebot="raeume")
    add(20)  # more than a page
    with django_assert_num_queries(few_orgs):
        html = _get(client, "/netzwerk/organisationen/").content.decode()
    assert "25 Organisationen gefunden" in html
    with django_assert_num_queries(few_people):
        assert "25 Personen gefunden" in _get(client, "/netzwerk/personen/").content.decode()
    with django_assert_num_queries(few_found):
        _get(client, "/netzwerk/organisationen/", q="Organisation", angebot="raeume")
    assert few_orgs <= 10 and few_people <= 10 and few_found <= 10


@pytest.fixture
def fragment_cache(settings):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "network-fragments-test",
        },
    }
    caches["fragments"].clear()
    yield caches["fragments"]
    caches["fragments"].clear()


@pytest.mark.parametrize("path", ["/netzwerk/organisationen/", "/netzwerk/personen/"])
def test_list_filter_form_is_a_fragment_that_follows_the_query(
    client, categories, fragment_cache, path
):
    OrganisationFactory(offers=[categories["raeume"]])
    PersonFactory(offers=[categories["raeume"]], consent=True)
    cold = queries(client, path, angebot="raeume")
    # The vocabulary lists of the form are not read again.
    assert queries(client, path, angebot="raeume") < cold
    chosen = _get(client, path, angebot="raeume").content.decode()
    assert '<option value="raeume" selected>' in chosen
    other = _get(client, path, angebot="beratung").content.decode()
    assert '<option value="beratung" selected>' in other
    assert '<option value="raeume" selected>' not in other
    english = _get(client, "/en" + path, angebot="raeume").content.decode()
    assert "Show results" in english and "Ergebnisse anzeigen" in chosen
