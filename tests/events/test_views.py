"""Event pages, registration through the web, and who may see what."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
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
    page = html(client.get("/veranstaltungen/"))
    assert "Ausgebucht – Warteliste offen" in page or "Fully booked – waitlist open" in page


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


# --- Registration through the web ----------------------------------------------------------------


def test_user_registers_in_one_step_with_their_account_data(client, mail_on_commit):
    user = UserFactory(display_name="Paula Plan")
    event = EventFactory()
    client.force_login(user)
    page = html(client.get(event.get_absolute_url()))
    assert "Paula Plan" in page and 'name="email"' not in page
    with mail_on_commit():
        response = client.post(
            f"/veranstaltungen/{event.slug}/anmelden/",
            {"photo_consent": "ja", "dietary_needs": "vegetarisch"},
            follow=True,
        )
    registration = Registration.objects.get(event=event)
    assert (registration.user, registration.email, registration.status) == (
        user,
        user.email,
        "confirmed",
    )
    assert registration.photo_consent is True and registration.dietary_needs == "vegetarisch"
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert len(mail.outbox) == 1
    page = html(client.get(event.get_absolute_url()))
    assert "/anmelden/" not in page
    assert f"/veranstaltungen/anmeldung/{registration.token}/" in page


def test_guest_registration_asks_for_email_confirmation(client, mail_on_commit):
    event = EventFactory()
    with mail_on_commit():
        response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", GUEST_FORM, follow=True)
    registration = Registration.objects.get(event=event)
    assert registration.status == Registration.Status.PENDING
    assert registration.language == "de"
    assert "E-Mail" in html(response) or "email" in html(response)
    assert mail.outbox[0].to == ["gabi@example.org"]


def test_guest_registration_in_english_mails_in_english(client, mail_on_commit):
    event = EventFactory()
    with mail_on_commit():
        client.post(f"/en/veranstaltungen/{event.slug}/anmelden/", GUEST_FORM)
    registration = Registration.objects.get(event=event)
    assert registration.language == "en"
    assert "Please confirm your registration" in mail.outbox[0].subject
    assert f"/en/veranstaltungen/anmeldung/{registration.token}/bestaetigen/" in mail.outbox[0].body


def test_invalid_registration_shows_the_errors(client):
    event = EventFactory()
    response = client.post(
        f"/veranstaltungen/{event.slug}/anmelden/", {"name": "", "email": "kaputt"}
    )
    assert response.status_code == 400
    assert 'id="error-summary"' in html(response)
    assert 'aria-invalid="true"' in html(response)
    assert not Registration.objects.exists()


def test_registration_when_closed_is_refused_on_the_server(client):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    page = html(client.get(event.get_absolute_url()))
    assert "/anmelden/" not in page  # hidden in the page ...
    response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", GUEST_FORM, follow=True)
    assert not Registration.objects.exists()  # ... and refused on the server
    assert "geschlossen" in html(response) or "closed" in html(response)


def test_registration_is_rate_limited(client):
    event = EventFactory()
    for n in range(10):
        client.post(
            f"/veranstaltungen/{event.slug}/anmelden/", {**GUEST_FORM, "email": f"g{n}@example.org"}
        )
    response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", GUEST_FORM)
    assert response.status_code == 429


def test_full_event_offers_the_waitlist(client):
    event = EventFactory(capacity=1)
    fill(event, 1)
    page = html(client.get(event.get_absolute_url()))
    assert "Warteliste" in page or "waitlist" in page
    client.force_login(UserFactory())
    client.post(f"/veranstaltungen/{event.slug}/anmelden/", {"photo_consent": "nein"})
    registration = event.registrations.get(user__isnull=False)
    assert registration.status == Registration.Status.WAITLISTED
    page = html(client.get(event.get_absolute_url()))
    assert re.search(r"(Position|position) 1", page)


# --- The personal link: confirm, see, cancel --------------------------------------------------------


def test_confirmation_link_needs_a_post_so_mail_scanners_cannot_confirm(client, mail_on_commit):
    event = EventFactory()
    pending = services.register_guest(event=event, name="Gabi", email="gabi@example.org")
    response = client.get(f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/")
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Registration.Status.PENDING
    with mail_on_commit():
        response = client.post(f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/")
    assert response["Location"] == f"/veranstaltungen/anmeldung/{pending.token}/"
    pending.refresh_from_db()
    assert pending.status == Registration.Status.CONFIRMED
    assert (
        "Registration confirmed" in mail.outbox[0].subject or "bestätigt" in mail.outbox[0].subject
    )


def test_expired_confirmation_link_says_so(client):
    event = EventFactory()
    pending = services.register_guest(
        event=event, name="Gabi", email="gabi@example.org", now=timezone.now() - timedelta(days=3)
    )
    page = html(client.get(f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/"))
    assert "abgelaufen" in page or "expired" in page
    client.post(f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/")
    pending.refresh_from_db()
    assert pending.status == Registration.Status.EXPIRED


@pytest.mark.parametrize("token", ["falsch", "x" * 65])
def test_unknown_registration_link_is_404(client, token):
    assert client.get(f"/veranstaltungen/anmeldung/{token}/").status_code == 404
    assert client.post(f"/veranstaltungen/anmeldung/{token}/absagen/").status_code == 404


def test_online_link_only_for_confirmed_participants(client):
    event = EventFactory(
        format=Event.Format.ONLINE, online_url="https://konferenz.example/geheim", capacity=1
    )
    confirmed = services.register_user(event=event, user=UserFactory())
    waiting_user = UserFactory()
    waiting = services.register_user(event=event, user=waiting_user)
    pending = services.register_guest(event=event, name="P", email="p@example.org")
    secret = "https://konferenz.example/geheim"
    assert secret not in html(client.get(event.get_absolute_url()))
    assert secret in html(client.get(f"/veranstaltungen/anmeldung/{confirmed.token}/"))
    assert secret not in html(client.get(f"/veranstaltungen/anmeldung/{waiting.token}/"))
    assert secret not in html(client.get(f"/veranstaltungen/anmeldung/{pending.token}/"))
    client.force_login(confirmed.user)
    assert secret in html(client.get(event.get_absolute_url()))
    client.force_login(waiting_user)
    assert secret not in html(client.get(event.get_absolute_url()))
    assert secret not in html(client.get("/veranstaltungen/kalender.ics"))
    assert secret not in html(client.get(f"/veranstaltungen/{event.slug}/termin.ics"))


def test_cancel_through_the_link_promotes_the_waitlist(client, mail_on_commit):
    event = EventFactory(capacity=1)
    holder = services.register_user(event=event, user=UserFactory())
    waiting = services.register_user(event=event, user=UserFactory(email="wartend@example.org"))
    page = html(client.get(f"/veranstaltungen/anmeldung/{holder.token}/"))
    assert f'action="/veranstaltungen/anmeldung/{holder.token}/absagen/"' in page
    assert client.get(f"/veranstaltungen/anmeldung/{holder.token}/absagen/").status_code == 405
    with mail_on_commit():
        response = client.post(f"/veranstaltungen/anmeldung/{holder.token}/absagen/", follow=True)
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert "storniert" in html(response) or "cancelled" in html(response)
    assert "wartend@example.org" in [m.to[0] for m in mail.outbox]


def test_account_overview_links_to_my_registrations(client, other_user):
    client.force_login(other_user)
    assert 'href="/veranstaltungen/meine-anmeldungen/"' in html(client.get("/konto/"))


def test_cancel_from_the_account_page_returns_there(client):
    user = UserFactory()
    registration = services.register_user(event=EventFactory(), user=user)
    client.force_login(user)
    page = html(client.get("/veranstaltungen/meine-anmeldungen/"))
    assert f'action="/veranstaltungen/anmeldung/{registration.token}/absagen/"' in page
    response = client.post(
        f"/veranstaltungen/anmeldung/{registration.token}/absagen/",
        {"next": "/veranstaltungen/meine-anmeldungen/"},
    )
    assert response["Location"] == "/veranstaltungen/meine-anmeldungen/"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    response = client.post(
        f"/veranstaltungen/anmeldung/{registration.token}/absagen/",
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == f"/veranstaltungen/anmeldung/{registration.token}/"


@pytest.mark.parametrize(
    "next_value",
    ["meine-anmeldungen", "accounts:overview", "/a\r\nSet-Cookie: x=1", "/\\evil.example/",
     "//evil.example/", "javascript:alert(1)", "\x00", "/" + "a" * 5000],
    ids=["word", "url-name", "crlf", "backslash", "protocol-relative", "scheme", "nul", "long"],
)  # fmt: skip
def test_cancel_with_a_next_that_is_not_a_safe_path_still_says_it_worked(client, next_value):
    user = UserFactory()
    registration = services.register_user(event=EventFactory(), user=user)
    client.force_login(user)
    url = f"/veranstaltungen/anmeldung/{registration.token}/absagen/"
    response = client.post(url, {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == f"/veranstaltungen/anmeldung/{registration.token}/"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    page = html(client.get(response["Location"]))
    assert "Ihre Anmeldung ist storniert." in page


def test_my_registrations_and_calendar_query_counts_do_not_grow(client, django_assert_num_queries):
    user = UserFactory()
    client.force_login(user)
    services.register_user(event=EventFactory(), user=user)
    mine, calendar = (
        _count_queries(client, "/veranstaltungen/meine-anmeldungen/"),
        _count_queries(client, "/veranstaltungen/kalender.ics"),
    )
    for _ in range(5):
        services.register_user(event=EventFactory(series=SeriesFactory()), user=user)
        RegistrationFactory(event=EventFactory(past=True), user=user, email=user.email)
    with django_assert_num_queries(mine):
        assert client.get("/veranstaltungen/meine-anmeldungen/").status_code == 200
    with django_assert_num_queries(calendar):
        assert client.get("/veranstaltungen/kalender.ics").status_code == 200


def test_anonymous_visitors_get_no_cookie_on_event_pages(client):
    event = EventFactory()
    pending = services.register_guest(event=event, name="G", email="g@example.org")
    for path in [
        "/veranstaltungen/",
        event.get_absolute_url(),
        f"/veranstaltungen/anmeldung/{pending.token}/",
        f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/",
    ]:
        response = client.get(path, secure=True)
        assert response.status_code == 200
        assert not any(cookie.value for cookie in response.cookies.values()), path


def test_guests_register_without_csrf_cookie_but_signed_in_users_need_the_token():
    from django.test import Client

    event = EventFactory()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/veranstaltungen/{event.slug}/anmelden/", GUEST_FORM)
    assert response.status_code == 302
    assert event.registrations.get().status == Registration.Status.PENDING
    strict.force_login(UserFactory())
    response = strict.post(f"/veranstaltungen/{event.slug}/anmelden/", {"photo_consent": "ja"})
    assert response.status_code == 403
    assert event.registrations.count() == 1
