"""The project list as a map: projects per district, each district a link to its list."""

import re

import pytest

from taxonomy.models import Region
from tests.hostile.corpus import FILTER_VALUES, assert_harmless
from tests.maps.conftest import map_links
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _count(html: str) -> int:
    return int(re.search(r"(\d+) (?:Projekte?|projects?) (?:gefunden|found)", html).group(1))


def test_switch_from_list_to_map_keeps_the_filters(client):
    ProjectFactory(published=True, region=Region.DRESDEN, stage="idee")
    html = client.get("/projekte/?phase=idee&seite=1").content.decode()
    assert 'href="?phase=idee&amp;ansicht=karte">Karte</a>' in html
    assert 'aria-current="page">Liste</a>' in html
    html = client.get("/projekte/?phase=idee&ansicht=karte").content.decode()
    assert 'href="?phase=idee">Liste</a>' in html
    assert 'aria-current="page">Karte</a>' in html
    assert '<input type="hidden" name="ansicht" value="karte">' in html  # the filters keep it


def test_map_counts_published_projects_and_links_to_the_filtered_list(client):
    for _ in range(3):
        ProjectFactory(published=True, region=Region.DRESDEN)
    ProjectFactory(published=True, region=Region.GOERLITZ)
    ProjectFactory(region=Region.GOERLITZ)  # a draft: not counted
    ProjectFactory(region=Region.BAUTZEN, status="submitted")  # waiting: not counted
    ProjectFactory(published=True, region="")  # no district: said in words

    html = client.get("/projekte/?ansicht=karte").content.decode()
    links = map_links(html)
    assert len(links) == 13
    assert links["Dresden: 3 Projekte"] == "/projekte/?region=dresden"
    assert links["Landkreis Görlitz: 1 Projekt"] == "/projekte/?region=goerlitz"
    assert "Landkreis Bautzen: 0 Projekte" in links
    assert "1 passendes Projekt nennt keinen Kreis" in html
    assert "© GeoBasis-DE / BKG 2020" in html and "dl-de/by-2-0" in html

    for name, href in links.items():  # follow each district like a person would
        figure = int(re.search(r": (\d+) Projekt", name).group(1))
        assert _count(client.get(href).content.decode()) == figure, name


def test_map_keeps_the_other_filters_in_its_links_and_marks_the_chosen_district(client):
    ProjectFactory(published=True, region=Region.LEIPZIG, stage="idee")
    ProjectFactory(published=True, region=Region.LEIPZIG, stage="erprobung")
    html = client.get("/projekte/?ansicht=karte&phase=idee&region=leipzig").content.decode()
    links = map_links(html)
    assert links["Leipzig: 1 Projekt"] == "/projekte/?phase=idee&region=leipzig"
    assert (
        'class="saxony-map__link is-marked" href="/projekte/?phase=idee&amp;region=leipzig"' in html
    )
    assert _count(client.get(links["Leipzig: 1 Projekt"]).content.decode()) == 1


def test_map_in_english(client):
    ProjectFactory(published=True, region=Region.CHEMNITZ)
    html = client.get("/en/projekte/?ansicht=karte").content.decode()
    links = map_links(html)
    assert links["Chemnitz: 1 project"] == "/en/projekte/?region=chemnitz"
    assert "Map data" in html and "data modified" in html


def test_map_needs_one_aggregate_query_however_many_projects(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    ProjectFactory(published=True, region=Region.DRESDEN)
    with django_assert_max_num_queries(5) as few:
        client.get("/projekte/?ansicht=karte&phase=erprobung")
    assert sum("GROUP BY" in q["sql"] for q in few.captured_queries) == 1
    for region in Region:
        ProjectFactory(published=True, region=region)
    with django_assert_num_queries(len(few)):
        html = client.get("/projekte/?ansicht=karte&phase=erprobung").content.decode()
    assert "Dresden: 2 Projekte" in map_links(html)


def test_map_answers_htmx_with_the_map_region_only(client):
    ProjectFactory(published=True, region=Region.DRESDEN)
    html = client.get("/projekte/?ansicht=karte", headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "Dresden: 1 Projekt" in map_links(html)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/projekte/", ["q", "thema", "region", "phase", "bedarf", "angebot", "sortierung"]),
        ("/veranstaltungen/", ["q", "zeit", "region"]),
    ],
)
def test_map_view_survives_hostile_filter_values(client, path, params):
    ProjectFactory(published=True, region=Region.DRESDEN)
    for param in params:
        for key, value in FILTER_VALUES.items():
            response = client.get(path, {"ansicht": "karte", param: value})
            label = f"{path}?ansicht=karte&{param}={key}"
            assert response.status_code == 200, label
            assert_harmless(response, label)
            assert len(map_links(response.content.decode())) == 13, label


def test_project_page_marks_its_district_on_a_small_map_beside_the_words(client):
    project = ProjectFactory(published=True, region=Region.MEISSEN)
    html = client.get(project.get_absolute_url()).content.decode()
    locator = html[html.index('<div class="saxony-map saxony-map--locator">') :]
    locator = locator[: locator.index("</svg>")]
    assert 'aria-hidden="true"' in locator and "<a " not in locator  # decorative, no links
    assert locator.count("saxony-map__area--marked") == 1
    assert "<dd>Landkreis Meißen" in html  # the region in words
    assert "© GeoBasis-DE / BKG 2020" in html
    nowhere = ProjectFactory(published=True, region="")
    assert "saxony-map" not in client.get(nowhere.get_absolute_url()).content.decode()
