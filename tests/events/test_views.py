"""Event pages, registration through the web, and who may see what."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import services
from events.models import Event, Registration
from tests.events.factories import (
    AgendaItemFactory,
    EventFactory,
    RegistrationFactory,
    SeriesFactory,
    UserFactory,
    fill,
)
from tests.factories import log_in, log_in_with_second_factor
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

GUEST_FORM = {
    "name": "Gabi Gast",
    "email": "gabi@example.org",
    "accessibility_needs": "Induktionsschleife",
    "dietary_needs": "",
    "photo_consent": "nein",
}


def html(response) -> str:
    return response.content.decode()


# --- Lists ---------------------------------------------------------------------------------------


def test_list_shows_upcoming_by_default_and_past_on_request(client):
    upcoming = EventFactory(title="Zukunftsforum Leipzig")
    past = EventFactory(past=True, title="Rückblick Weißwasser")
    draft = EventFactory(draft=True, title="Geheimer Entwurf")
    cancelled = EventFactory(cancelled=True, title="Abgesagtes Forum")
    page = html(client.get("/veranstaltungen/"))
    assert upcoming.title in page and cancelled.title in page
    assert past.title not in page and draft.title not in page
    assert "Abgesagt" in page or "Cancelled" in page
    page = html(client.get("/veranstaltungen/?zeit=vergangene"))
    assert past.title in page
    assert upcoming.title not in page and draft.title not in page


def test_list_search_uses_german_stemming(client):
    EventFactory(title="Nachbarschaft stärken", summary="Ein Abend über Nachbarschaft.")
    EventFactory(title="Digitale Teilhabe", summary="Technik für alle.", description="Tablets.")
    page = html(client.get("/veranstaltungen/?q=Nachbarschaften"))
    assert "Nachbarschaft stärken" in page
    assert "Digitale Teilhabe" not in page


def test_list_htmx_returns_only_the_results(client):
    EventFactory(title="Forum Chemnitz")
    response = client.get("/veranstaltungen/?q=Chemnitz", headers={"HX-Request": "true"})
    assert "Forum Chemnitz" in html(response)
    assert "<html" not in html(response)


def test_full_upcoming_event_is_marked_on_its_card(client):
    event = EventFactory(capacity=2, title="Volles Haus")
    fill(event, 2)
    fill(EventFactory(capacity=None, title="Ohne Platzgrenze"), 3)  # never fully booked
    page = html(client.get("/veranstaltungen/"))
    assert page.count("Ausgebucht – Warteliste offen") == 1 and "Ohne Platzgrenze" in page


def _count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow(client, django_assert_num_queries):
    series = SeriesFactory()
    EventFactory(series=series)
    one = _count_queries(client, "/veranstaltungen/")
    for _ in range(8):
        event = EventFactory(series=SeriesFactory())
        fill(event, 2)
    with django_assert_num_queries(one):
        assert client.get("/veranstaltungen/").status_code == 200


def test_detail_query_count_does_not_grow_with_the_agenda(client, django_assert_num_queries):
    event = EventFactory()
    AgendaItemFactory(
        event=event,
        speakers=[PersonFactory(consent=True)],
        presented_projects=[ProjectFactory(published=True)],
    )
    one = _count_queries(client, event.get_absolute_url())
    for _ in range(6):
        AgendaItemFactory(
            event=event,
            speakers=[PersonFactory(consent=True), PersonFactory(consent=True)],
            presented_projects=[ProjectFactory(published=True)],
        )
    event.resulting_projects.set([ProjectFactory(published=True) for _ in range(3)])
    fill(event, 5)
    with django_assert_num_queries(one):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_detail_stays_within_the_query_budget_for_visitors_and_participants(
    client, django_assert_num_queries
):
    """Issue 7: at most 10 queries, also for a signed-in participant on the waitlist."""
    event = EventFactory(capacity=2, online_url="https://meet.example/raum")
    confirmed, waiting = UserFactory(), UserFactory()
    services.register_user(event=event, user=confirmed)

    def grow():
        AgendaItemFactory(
            event=event,
            speakers=[PersonFactory(consent=True), PersonFactory(consent=True)],
            presented_projects=[ProjectFactory(published=True)],
        )
        event.resulting_projects.add(ProjectFactory(published=True))
        fill(event, 1)

    grow()
    services.register_user(event=event, user=waiting)
    path = event.get_absolute_url()
    counts = {"visitor": _count_queries(client, path)}
    for name, user in [("confirmed", confirmed), ("waiting", waiting)]:
        log_in(client, user)
        counts[name] = _count_queries(client, path)
        client.logout()
    for _ in range(4):
        grow()
    RegistrationFactory.create_batch(3, event=event, status=Registration.Status.WAITLISTED)
    assert counts["visitor"] <= 7
    with django_assert_num_queries(counts["visitor"]):
        assert client.get(path).status_code == 200
    client.force_login(confirmed)
    assert counts["confirmed"] <= 10
    with django_assert_num_queries(counts["confirmed"]):
        assert client.get(path).status_code == 200
    assert "https://meet.example/raum" in html(client.get(path))
    client.force_login(waiting)
    assert counts["waiting"] <= 10
    with django_assert_num_queries(counts["waiting"]):
        assert client.get(path).status_code == 200
    assert re.search(r"(Position|position) 1\b", html(client.get(path)))
    assert "4 Personen auf der Warteliste" in html(client.get(path))


def test_series_and_home_query_counts_do_not_grow(client, django_assert_num_queries):
    series = SeriesFactory()
    EventFactory(series=series)
    series_one = _count_queries(client, series.get_absolute_url())
    home_one = _count_queries(client, "/")
    for _ in range(5):
        EventFactory(series=series)
        EventFactory(series=series, past=True)
    with django_assert_num_queries(series_one):
        assert client.get(series.get_absolute_url()).status_code == 200
    with django_assert_num_queries(home_one):
        assert client.get("/").status_code == 200


def test_home_shows_the_next_upcoming_events(client):
    EventFactory(title="Bald in Bautzen", start=timezone.now() + timedelta(days=3))
    EventFactory(title="Vorbei", past=True)
    page = html(client.get("/"))
    assert "Bald in Bautzen" in page and "Vorbei" not in page
    assert 'href="/veranstaltungen/"' in page


def test_series_page_lists_its_upcoming_and_past_events(client):
    series = SeriesFactory(title="Sozial. Innovativ. Sächsisch.")
    EventFactory(series=series, title="Kommt noch")
    EventFactory(series=series, past=True, title="War schon")
    EventFactory(series=series, draft=True, title="Entwurf")
    EventFactory(title="Andere Reihe")
    page = html(client.get(f"/veranstaltungen/reihe/{series.slug}/"))
    assert "Kommt noch" in page and "War schon" in page
    assert "Entwurf" not in page and "Andere Reihe" not in page
    assert f"/veranstaltungen/reihe/{series.slug}/kalender.ics" in page


# --- Detail ----------------------------------------------------------------------------------------


def test_detail_shows_facts_agenda_consented_speakers_and_published_projects_only(client):
    event = EventFactory(step_free_access=True, sign_language=True, quiet_room=True)
    public = PersonFactory(consent=True, name="Renate Öffentlich")
    hidden = PersonFactory(name="Heinz Verborgen")
    shown = ProjectFactory(published=True, title="Quartierstreff Plauen")
    draft = ProjectFactory(title="Unveröffentlichtes Projekt")
    AgendaItemFactory(
        event=event,
        title="Impulsvortrag",
        speakers=[public, hidden],
        presented_projects=[shown, draft],
    )
    page = html(client.get(event.get_absolute_url()))
    assert "Impulsvortrag" in page
    assert "Renate Öffentlich" in page and "Heinz Verborgen" not in page
    assert "Quartierstreff Plauen" in page and "Unveröffentlichtes Projekt" not in page
    assert "Stufenloser Zugang" in page or "Step-free access" in page
    assert "Ruheraum" in page or "Quiet room" in page
    assert "01067 Dresden" in page


def test_detail_shows_local_time_in_berlin(client):
    event = EventFactory(
        start=timezone.make_aware(timezone.datetime(2027, 3, 29, 10, 0)),
        end=timezone.make_aware(timezone.datetime(2027, 3, 29, 16, 0)),
    )
    page = html(client.get(event.get_absolute_url()))
    assert "29. März 2027, 10:00–16:00 Uhr" in page
    assert 'datetime="2027-03-29T10:00:00+02:00"' in page


def test_detail_carries_schema_org_event_data(client):
    event = EventFactory(format=Event.Format.HYBRID, online_url="https://konferenz.example/raum")
    AgendaItemFactory(event=event, speakers=[PersonFactory(consent=True, name="Sara Sprecherin")])
    page = html(client.get(event.get_absolute_url()))
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == timezone.localtime(event.start).isoformat()
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert data["eventStatus"].endswith("EventScheduled")
    assert data["performer"] == [{"@type": "Person", "name": "Sara Sprecherin"}]
    assert "https://konferenz.example/raum" not in page


def test_cancelled_event_shows_a_notice_and_no_form(client):
    event = EventFactory(cancelled=True)
    page = html(client.get(event.get_absolute_url()))
    assert "Krankheit im Team." in page
    assert 'id="absage"' in page
    assert "/anmelden/" not in page
    assert "EventCancelled" in page


def test_documentation_shows_after_the_event(client):
    event = EventFactory(past=True, documentation_summary="Wir haben **viel** gelernt.")
    event.resulting_projects.set(
        [ProjectFactory(published=True, title="Neues Netzwerk"), ProjectFactory(title="Geheim")]
    )
    services.save_event(event=event)
    page = html(client.get(event.get_absolute_url()))
    assert "<strong>viel</strong>" in page
    assert "Neues Netzwerk" in page and "Geheim" not in page
    assert "/anmelden/" not in page


# --- Role matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "draft_status", "published_status"),
    [
        ("anonymous", 404, 200),
        ("user", 404, 200),
        ("staff_without_events", 404, 200),
        ("moderator", 200, 200),
    ],
)
def test_event_pages_role_matrix(client, request, who, draft_status, published_status):
    if who == "user":
        client.force_login(UserFactory())
    elif who != "anonymous":
        log_in(client, request.getfixturevalue(who))
    draft = EventFactory(draft=True)
    published = EventFactory()
    assert client.get(draft.get_absolute_url()).status_code == draft_status
    assert client.get(f"/veranstaltungen/{draft.slug}/termin.ics").status_code == 404
    assert client.get(published.get_absolute_url()).status_code == published_status


def test_nobody_can_register_for_a_draft_even_staff(client, moderator):
    draft = EventFactory(draft=True)
    assert client.post(f"/veranstaltungen/{draft.slug}/anmelden/", GUEST_FORM).status_code == 404
    log_in(client, moderator)
    response = client.post(f"/veranstaltungen/{draft.slug}/anmelden/", {"photo_consent": "ja"})
    assert response.status_code == 302
    assert draft.registrations.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("owner", 200), ("other_user", 200)],
)
def test_my_registrations_role_matrix(client, other_user, who, status):
    owner = UserFactory()
    registration = services.register_user(event=EventFactory(title="Forum Einmalig"), user=owner)
    if who == "owner":
        client.force_login(owner)
    elif who == "other_user":
        client.force_login(other_user)
    response = client.get("/veranstaltungen/meine-anmeldungen/")
    assert response.status_code == status
    if who == "owner":
        assert "Forum Einmalig" in html(response)
        assert registration.token in html(response)
    elif who == "other_user":
        assert "Forum Einmalig" not in html(response)
    else:
        assert "/konto/login/" in response["Location"]


def test_admin_role_matrix_for_events(client, moderator, staff_without_events, other_user):
    event = EventFactory()
    RegistrationFactory(event=event)
    paths = [
        "/admin/events/event/",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/events/registration/",
        "/admin/events/event/add/",
    ]
    client.force_login(other_user)
    assert all(client.get(path).status_code == 302 for path in paths)  # to the admin login
    log_in_with_second_factor(client, staff_without_events)
    assert all(client.get(path).status_code == 403 for path in paths)
    log_in_with_second_factor(client, moderator)
    assert all(client.get(path).status_code == 200 for path in paths)
    assert client.get(f"/admin/events/event/{event.pk}/delete/").status_code == 403
