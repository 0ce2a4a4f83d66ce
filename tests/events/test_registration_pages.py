"""Registration through the web, and the personal link: confirm, see, cancel."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Event, Registration
from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    SeriesFactory,
    UserFactory,
    fill,
)
from tests.events.test_views import GUEST_FORM, _count_queries, html

pytestmark = pytest.mark.django_db


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


def test_confirming_after_the_event_started_says_registration_is_closed(client):
    event = EventFactory()
    pending = services.register_guest(event=event, name="Gabi", email="gabi@example.org")
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(start=now - timedelta(hours=1), end=now)
    page = html(
        client.post(f"/veranstaltungen/anmeldung/{pending.token}/bestaetigen/", follow=True)
    )
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen" in page
    pending.refresh_from_db()
    assert pending.status == Registration.Status.PENDING


def test_cancelling_by_the_link_after_the_event_says_it_is_over(client):
    event = EventFactory()
    holder = services.register_user(event=event, user=UserFactory())
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(start=now - timedelta(hours=3), end=now)
    page = html(client.post(f"/veranstaltungen/anmeldung/{holder.token}/absagen/", follow=True))
    assert "Diese Veranstaltung ist vorbei." in page
    holder.refresh_from_db()
    assert holder.status == Registration.Status.CONFIRMED


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
