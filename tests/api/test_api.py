"""The read API's lists and records: what they show, how they filter and page, and what
they cost. (HTTP behaviour – ETag, CORS, HEAD, the rate limit – in test_api_http.py.)"""

import re

import pytest

from projects.models import Project
from taxonomy.models import SupportCategory, Topic
from tests.events.factories import AgendaItemFactory, EventFactory, SeriesFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(page) -> list[str]:
    return [record["slug"] for record in page["results"]]


# --- Records ------------------------------------------------------------------------


def test_project_record_shows_the_public_profile_and_never_the_email(client):
    topic = Topic.objects.get(slug="bildung")
    need = SupportCategory.objects.get(slug="kooperation")
    carrier = OrganisationFactory(slug="traeger")
    project = ProjectFactory(
        published=True,
        slug="dorfladen",
        title="Dorfladen Plus",
        topics=[topic],
        sdgs=[11, 1],
        carrying_organisation=carrier,
        contact_email="team@dorfladen.example",
        contact_phone="0351 123",
    )
    project.needs.set([need])
    record = get(client, "/api/v1/projects/dorfladen/")
    assert record["title"] == "Dorfladen Plus"
    assert record["url"].endswith("/projekte/dorfladen/")
    assert record["topics"] == ["bildung"]
    assert record["needs"] == ["kooperation"]
    assert record["sdgs"] == [1, 11]
    assert record["region"] == "dresden"
    assert record["stage"] == "erprobung"
    assert record["carrying_organisation"] == "traeger"
    assert record["contact_phone"] == "0351 123"
    assert (
        "team@dorfladen.example" not in client.get("/api/v1/projects/dorfladen/").content.decode()
    )
    assert "contact_email" not in record


def test_person_record_has_public_fields_only(client):
    PersonFactory(
        slug="erika", name="Erika Muster", email="erika@example.org", role="Mentorin", consent=True
    )
    record = get(client, "/api/v1/people/erika/")
    assert record["name"] == "Erika Muster" and record["role"] == "Mentorin"
    assert "erika@example.org" not in str(record)
    assert set(record) == {
        "slug", "url", "name", "kind", "role", "affiliation", "organisation", "bio", "photo",
        "topics", "offers", "region",
    }  # fmt: skip


def test_person_without_consent_is_absent(client):
    PersonFactory(slug="ohne", name="Ohne Zustimmung")
    assert get(client, "/api/v1/people/")["count"] == 0
    assert get(client, "/api/v1/people/ohne/", status=404) == {
        "detail": "Unter dieser Adresse ist nichts öffentlich."
    }


def test_unpublished_projects_and_draft_events_are_absent(client):
    ProjectFactory(published=True, slug="sichtbar")
    ProjectFactory(slug="entwurf")
    ProjectFactory(slug="archiv", status=Project.Status.ARCHIVED)
    EventFactory(slug="entwurf-forum", draft=True)
    assert slugs(get(client, "/api/v1/projects/")) == ["sichtbar"]
    for path in ["/api/v1/projects/entwurf/", "/api/v1/projects/archiv/"]:
        get(client, path, status=404)
    assert get(client, "/api/v1/events/?zeit=alle")["count"] == 0
    get(client, "/api/v1/events/entwurf-forum/", status=404)


def test_event_record_shows_agenda_and_never_the_online_link(client):
    series = SeriesFactory(slug="reihe")
    event = EventFactory(
        slug="forum",
        series=series,
        format="hybrid",
        online_url="https://meet.example/geheim",
        step_free_access=True,
        capacity=30,
    )
    speaker = PersonFactory(slug="rednerin", consent=True)
    hidden = PersonFactory(slug="ohne-zustimmung")
    project = ProjectFactory(published=True, slug="vorgestellt")
    AgendaItemFactory(event=event, speakers=[speaker, hidden], presented_projects=[project])
    record = get(client, "/api/v1/events/forum/")
    assert record["series"] == "reihe"
    assert record["format"] == "hybrid" and record["step_free_access"] is True
    assert record["seats_left"] == 30
    assert record["agenda"][0]["speakers"] == ["rednerin"]
    assert record["agenda"][0]["presented_projects"] == ["vorgestellt"]
    assert record["ical_url"].endswith("/veranstaltungen/forum/termin.ics")
    assert "meet.example" not in client.get("/api/v1/events/forum/").content.decode()
    assert get(client, "/api/v1/series/reihe/")["events"] == ["forum"]


def test_vocabulary_names_terms_in_both_languages(client):
    topics = get(client, "/api/v1/vocabulary/topics/?limit=100")
    bildung = next(term for term in topics["results"] if term["slug"] == "bildung")
    assert bildung["name_de"] == "Bildung" and bildung["kind"] == "topics"
    assert get(client, "/api/v1/vocabulary/regions/")["count"] == 13
    sdg = get(client, "/api/v1/vocabulary/sdgs/1/")
    assert (sdg["name_de"], sdg["name_en"]) == ("1 Keine Armut", "1 No poverty")
    get(client, "/api/v1/vocabulary/regions/mars/", status=404)


def test_index_links_every_list(client):
    index = get(client, "/api/v1/")
    assert index["projects"].endswith("/api/v1/projects/")
    assert index["vocabulary"]["sdgs"].endswith("/api/v1/vocabulary/sdgs/")
    assert index["docs_en"].endswith("/en/api/v1/docs/")
    for url in [index["projects"], index["openapi"], *index["vocabulary"].values()]:
        assert client.get(url).status_code == 200, url


# --- Filters: the list pages' own ---------------------------------------------------


def test_project_filters_answer_what_the_list_page_shows(client):
    bildung = Topic.objects.get(slug="bildung")
    need = SupportCategory.objects.get(slug="kooperation")
    ProjectFactory(published=True, slug="a-leipzig", region="leipzig", topics=[bildung])
    ProjectFactory(published=True, slug="b-dresden", region="dresden", is_best_practice=True)
    ProjectFactory(published=True, slug="c-idee", stage="idee").needs.set([need])
    queries = [
        "region=leipzig", "thema=bildung", "phase=idee", "bedarf=kooperation",
        "gute_praxis=1", "sortierung=titel", "q=Projekt", "",
    ]  # fmt: skip
    for query in queries:
        page = client.get(f"/projekte/?{query}").content.decode()
        shown = [s for s in re.findall(r'href="/projekte/([\w-]+)/"', page) if "-" in s]
        assert slugs(get(client, f"/api/v1/projects/?{query}")) == list(dict.fromkeys(shown)), query


def test_directory_and_event_filters(client):
    offer = SupportCategory.objects.get(slug="raeume")
    OrganisationFactory(slug="verein-leipzig", region="leipzig", kind="verein", offers=[offer])
    OrganisationFactory(slug="firma-dresden", region="dresden", kind="unternehmen")
    PersonFactory(slug="p-leipzig", region="leipzig", consent=True, offers=[offer])
    PersonFactory(slug="p-dresden", region="dresden", consent=True)
    EventFactory(slug="kommend")
    EventFactory(slug="vorbei", past=True)
    assert slugs(get(client, "/api/v1/organisations/?art=verein")) == ["verein-leipzig"]
    assert slugs(get(client, "/api/v1/organisations/?angebot=raeume")) == ["verein-leipzig"]
    assert slugs(get(client, "/api/v1/people/?region=dresden")) == ["p-dresden"]
    assert slugs(get(client, "/api/v1/people/?angebot=raeume")) == ["p-leipzig"]
    assert slugs(get(client, "/api/v1/events/")) == ["kommend"]  # upcoming by default
    assert slugs(get(client, "/api/v1/events/?zeit=vergangene")) == ["vorbei"]
    assert slugs(get(client, "/api/v1/events/?zeit=alle")) == ["kommend", "vorbei"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("thema=gibt-es-nicht", "thema"),
        ("bedarf=gibt-es-nicht", "bedarf"),
        ("region=mars", "region"),
        ("phase=fertig", "phase"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("page=null", "page"),
        ("gute_praxis=vielleicht", "gute_praxis"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(client, query, parameter):
    body = get(client, f"/api/v1/projects/?{query}", status=422)
    assert [error["loc"] for error in body["detail"]] == [["query", parameter]]
    assert all(error["msg"] for error in body["detail"])


def test_search_words_with_a_null_character_are_refused_in_the_forms_words(client):
    body = get(client, "/api/v1/projects/?q=Garten%00", status=422)
    assert body["detail"] == [
        {"type": "invalid", "loc": ["query", "q"], "msg": "Nullzeichen sind nicht erlaubt."}
    ]
    schema = get(client, "/api/v1/openapi.json")
    parameters = schema["paths"]["/api/v1/projects/"]["get"]["parameters"]
    (q,) = [parameter for parameter in parameters if parameter["name"] == "q"]
    # The document says so, as schemathesis expects.
    assert q["schema"]["anyOf"][0]["pattern"] == r"^[^\x00]*$"


def test_unknown_parameters_are_ignored(client):
    ProjectFactory(published=True)
    assert get(client, "/api/v1/projects/?seite=3&foo=bar")["count"] == 1


# --- Pages --------------------------------------------------------------------------


def test_pages_link_to_their_neighbours_and_count_everything(client):
    for n in range(5):
        ProjectFactory(published=True, slug=f"p-{n}")
    first = get(client, "/api/v1/projects/?limit=2&region=dresden")
    assert (first["count"], first["pages"], first["page"], first["limit"]) == (5, 3, 1, 2)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/projects/?limit=2&region=dresden&page=2"
    second = get(client, first["next"])
    assert second["previous"].endswith("page=1") and second["next"].endswith("page=3")
    last = get(client, second["next"])
    assert last["next"] is None and len(last["results"]) == 1
    seen = slugs(first) + slugs(second) + slugs(last)
    assert sorted(seen) == [f"p-{n}" for n in range(5)]
    assert get(client, "/api/v1/projects/?limit=2&page=4", status=404) == {
        "detail": "Diese Seite gibt es nicht; die letzte Seite ist 3."
    }


def test_an_empty_list_is_one_empty_page(client):
    assert get(client, "/api/v1/organisations/") == {
        "count": 0, "page": 1, "pages": 1, "limit": 20, "next": None, "previous": None,
        "results": [],
    }  # fmt: skip


# --- Query counts -------------------------------------------------------------------


def _many_projects(n):
    topic = Topic.objects.get(slug="bildung")
    partner = OrganisationFactory()
    for _ in range(n):
        project = ProjectFactory(published=True, topics=[topic], carrying_organisation=partner)
        project.partner_organisations.set([partner])


LISTS = {
    # path: (make n rows, queries: count + rows + one per prefetched list)
    "/api/v1/projects/": (_many_projects, 8),
    "/api/v1/organisations/": (lambda n: OrganisationFactory.create_batch(n), 4),
    "/api/v1/people/": (
        lambda n: PersonFactory.create_batch(n, consent=True, organisation=OrganisationFactory()),
        5,
    ),
    "/api/v1/events/": (lambda n: [AgendaItemFactory(event=EventFactory()) for _ in range(n)], 7),
    "/api/v1/series/": (lambda n: [EventFactory(series=SeriesFactory()) for _ in range(n)], 3),
    "/api/v1/vocabulary/topics/": (lambda n: None, 1),
    "/api/v1/vocabulary/sdgs/": (lambda n: None, 0),
}


@pytest.mark.parametrize("path", LISTS)
def test_list_queries_do_not_grow_with_the_rows(client, django_assert_num_queries, path):
    make, queries = LISTS[path]
    make(1)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    make(15)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
