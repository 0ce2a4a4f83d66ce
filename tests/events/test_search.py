"""/suche/: projects, organisations, people and events found together, grouped by kind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network import services as network_services
from tests.events.factories import EventFactory
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def organisation(name, **data):
    return network_services.create_organisation(data={"name": name, "kind": "verein", **data})


def test_search_finds_every_kind_with_counts_and_links_to_the_filtered_lists(client):
    ProjectFactory(published=True, title="Nachbarschaftshilfe Pirna", summary="Hilfe im Quartier.")
    ProjectFactory(title="Nachbarschaft im Entwurf")  # not published
    organisation("Nachbarschaftsverein Plauen")
    PersonFactory(consent=True, name="Nora Nachbar", role="Nachbarschaftsarbeit")
    PersonFactory(name="Nina Nachbarschaft ohne Einwilligung", role="Nachbarschaftsarbeit")
    EventFactory(title="Forum Nachbarschaft", summary="Nachbarschaft stärken.")
    EventFactory(title="Entwurf Nachbarschaft", draft=True)
    response = client.get("/suche/?q=Nachbarschaft")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nachbarschaftshilfe Pirna" in page and "Nachbarschaft im Entwurf" not in page
    assert "Nachbarschaftsverein Plauen" in page
    assert "Nora Nachbar" in page and "ohne Einwilligung" not in page
    assert "Forum Nachbarschaft" in page and "Entwurf Nachbarschaft" not in page
    for label in ["Projekte (1)", "Organisationen (1)", "Personen (1)", "Veranstaltungen (1)"]:
        assert label in page
    for path in [
        "/projekte/?q=Nachbarschaft",
        "/netzwerk/organisationen/?q=Nachbarschaft",
        "/netzwerk/personen/?q=Nachbarschaft",
        "/veranstaltungen/?q=Nachbarschaft",
    ]:
        assert f'href="{path}"' in page


def test_search_tolerates_typos_and_stems_german(client):
    EventFactory(title="Digitale Teilhabe für Senior*innen", summary="Tablets im Pflegeheim.")
    assert "Digitale Teilhabe" in client.get("/suche/?q=Teilhbe").content.decode()
    assert "Digitale Teilhabe" in client.get("/suche/?q=Pflegeheimen").content.decode()


def test_search_without_query_shows_only_the_form(client):
    page = client.get("/suche/").content.decode()
    assert 'name="q"' in page and "Treffer" not in page


def test_search_in_english(client):
    EventFactory(title="Forum Görlitz")
    page = client.get("/en/suche/?q=Görlitz").content.decode()
    assert "Forum Görlitz" in page and "Events (1)" in page


def test_search_query_count_does_not_grow(client, django_assert_num_queries):
    ProjectFactory(published=True, title="Zusammenhalt Zwickau")
    organisation("Zusammenhalt e.V.")
    PersonFactory(consent=True, name="Zora Zusammenhalt")
    EventFactory(title="Zusammenhalt leben")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/suche/?q=Zusammenhalt").status_code == 200
    for n in range(5):
        ProjectFactory(published=True, title=f"Zusammenhalt {n}")
        organisation(f"Zusammenhalt Verein {n}")
        PersonFactory(consent=True, name=f"Zusammenhalt Person {n}")
        EventFactory(title=f"Zusammenhalt Forum {n}")
    with django_assert_num_queries(len(one)):
        assert client.get("/suche/?q=Zusammenhalt").status_code == 200


def test_header_has_a_labelled_search_form(client):
    page = client.get("/").content.decode()
    assert 'action="/suche/"' in page
    assert '<label class="visually-hidden" for="site-search-q">Suchbegriff</label>' in page
    assert '<span class="kern-label">Suchen</span>' in page


def test_event_list_search_without_time_finds_past_and_upcoming(client):
    EventFactory(title="Kommendes Quartiersforum")
    EventFactory(title="Vergangenes Quartiersforum", past=True)
    page = client.get("/veranstaltungen/?q=Quartiersforum").content.decode()
    assert "Kommendes Quartiersforum" in page and "Vergangenes Quartiersforum" in page
    page = client.get("/veranstaltungen/?q=Quartiersforum&zeit=kommende").content.decode()
    assert "Vergangenes Quartiersforum" not in page


def test_empty_search_explains_what_is_missing(client):
    page = client.get("/suche/?q=").content.decode()
    assert 'id="error-summary"' in page
