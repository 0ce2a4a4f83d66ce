"""Hostile filter values, parameters and paths: every list and page answers, never a 500."""

import pytest
from django.utils.html import escape

from events import services as event_services
from events.models import Registration
from tests.events.factories import EventFactory
from tests.hostile.corpus import (
    FILTER_VALUES,
    NOT_ECHOED,
    PAGE_NUMBERS,
    assert_harmless,
    check_refusal,
    fresh_ip,
)
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


# --- Data the lists show -----------------------------------------------------------------------


@pytest.fixture
def listed(db):
    """A few public rows in every list, so filters, pagination and cards all run."""
    for n in range(3):
        ProjectFactory(published=True, title=f"Nachbarschaftsprojekt {n}", region="dresden")
        OrganisationFactory(name=f"Nachbarschaftsverein {n}", is_platform_partner=n == 0)
        PersonFactory(name=f"Nachbarin {n}", consent=True)
        EventFactory(title=f"Nachbarschaftsforum {n}")
        EventFactory(title=f"Vergangenes Forum {n}", past=True)


LIST_PARAMETERS = {
    "/projekte/": [
        "q", "thema", "region", "phase", "bedarf", "angebot", "gute_praxis", "sortierung", "seite",
        "ansicht",
    ],
    "/netzwerk/organisationen/": ["q", "art", "region", "thema", "angebot", "seite"],
    "/netzwerk/personen/": ["q", "thema", "angebot", "region", "seite"],
    "/veranstaltungen/": ["zeit", "q", "region", "seite", "ansicht"],
    "/suche/": ["q"],
    "/gute-praxis/": ["seite"],
    "/netzwerk/bedarfe-und-angebote/": ["region"],
    "/kontakt/": ["seite"],  # prefills "which page is it about?"
}  # fmt: skip
LIST_CASES = [(path, param) for path, params in LIST_PARAMETERS.items() for param in params]


@pytest.mark.parametrize(("path", "param"), LIST_CASES, ids=[f"{p}?{q}" for p, q in LIST_CASES])
def test_hostile_filter_value_never_breaks_a_list(client, listed, path, param):
    values = PAGE_NUMBERS if param == "seite" else FILTER_VALUES
    for key, value in values.items():
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.get(path, {param: value}, headers=headers)
            label = f"GET {path}?{param}={key}{' (htmx)' if htmx else ''}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            assert_harmless(response, label)
            form = response.context.get("form") if response.context else None
            if htmx or form is None or param not in form.fields:
                continue
            if form.errors:
                check_refusal(response, form, {param: value}, label)
            elif not isinstance(form.fields[param].widget, NOT_ECHOED) and value.strip():
                assert escape(value) in response.content.decode(), f"not kept: {label}"


@pytest.mark.parametrize("path", list(LIST_PARAMETERS))
def test_repeated_and_broken_parameters_never_break_a_list(client, listed, path):
    params = LIST_PARAMETERS[path]
    repeated = {param: ["dresden", "\x00", "A" * 10_000, "-1"] for param in params}
    response = client.get(path, repeated)
    assert response.status_code == 200
    assert_harmless(response, f"{path} repeated")
    # Broken percent-encoding and invalid UTF-8 in the raw query string.
    for raw in ["%ff%fe%00", "%", "%%%", "%E2%80", "q=%C0%AF", "=&=&&"]:
        query = "&".join(f"{param}={raw}" for param in params) + f"&{raw}"
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, f"{path}?{query}"
        assert_harmless(response, f"{path}?{query}")


HOSTILE_PATHS = [
    "/projekte/%00/",
    "/projekte/%E2%80%AE/",
    "/projekte/" + "a" * 5000 + "/",
    "/projekte/..%2F..%2Fetc%2Fpasswd/",
    "/projekte/einladung/%00/",
    "/projekte/einladung/" + "x" * 5000 + "/",
    "/veranstaltungen/%00/",
    "/veranstaltungen/%F0%9F%9A%80/anmelden/",
    "/veranstaltungen/%00/termin.ics",
    "/veranstaltungen/reihe/%00/",
    "/veranstaltungen/reihe/%00/kalender.ics",
    "/veranstaltungen/anmeldung/%00/",
    "/veranstaltungen/anmeldung/%00/bestaetigen/",
    "/veranstaltungen/anmeldung/" + "x" * 64 + "/",
    "/veranstaltungen/anmeldung/" + "x" * 5000 + "/",
    "/veranstaltungen/anmeldung/%E2%80%AE%F0%9F%9A%80/",
    "/netzwerk/organisationen/%00/",
    "/netzwerk/personen/%00/",
    "/netzwerk/personen/%00/bearbeiten/",
    "/netzwerk/einwilligung/%00/",
    "/netzwerk/einwilligung/%00/widerrufen/",
    "/netzwerk/einwilligung/" + "x" * 5000 + "/",
    "/konto/confirm-email/%00/",
    "/konto/password/reset/key/%00-%00/",
    "/%00/",
    "/en/projekte/%00/",
    # Longer than any file or path name the file system allows (OSError, not "not found").
    "/media/" + "a" * 300,
    "/media/events/slides/" + "a" * 5000 + ".pdf",
    "/media/" + "a/" * 3000,
    # Huge values in every other kind of placeholder.
    "/veranstaltungen/" + "x" * 5000 + "/",
    "/veranstaltungen/" + "x" * 5000 + "/termin.ics",
    "/veranstaltungen/reihe/" + "x" * 5000 + "/",
    "/veranstaltungen/anmeldung/" + "x" * 5000 + "/absagen/",
    "/netzwerk/organisationen/" + "x" * 5000 + "/",
    "/netzwerk/personen/" + "x" * 5000 + "/bearbeiten/",
    "/netzwerk/einwilligung/" + "x" * 5000 + "/widerrufen/",
    "/projekte/" + "9" * 5000 + "/team/",
    "/en/netzwerk/organisationen/" + "x" * 5000 + "/bearbeiten/",
]


@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous", "logged-in"])
def test_hostile_paths_are_not_found_never_an_error(client, user, anonymous):
    if not anonymous:
        client.force_login(user)
    requests = 0
    for path in HOSTILE_PATHS:
        for method in ("get", "post"):
            response = getattr(client, method)(path, REMOTE_ADDR=fresh_ip())
            requests += 1
            label = f"{method.upper()} {path[:80]}"
            assert response.status_code in {302, 404, 405}, f"{response.status_code}: {label}"
            if response.status_code == 302:
                assert response["Location"].startswith(
                    ("/konto/login/", "/en/konto/login/", "/veranstaltungen/")
                )
            assert_harmless(response, label)
    assert requests == 2 * len(HOSTILE_PATHS)


def test_hostile_next_parameter_never_leaves_the_site(client, user):
    for target in ["javascript:alert(1)", "//evil.example/", "https://evil.example/", "\x00"]:
        response = client.post(
            "/konto/login/?" + f"next={target}",
            {"login": user.email, "password": "richtig-gutes-Passwort-1"},
            REMOTE_ADDR=fresh_ip(),
        )
        assert response.status_code == 302
        assert not response["Location"].startswith(("javascript:", "//", "http")), target
        client.logout()


def test_hostile_next_after_cancelling_a_registration_stays_on_the_site(client, user):
    """The cancellation is committed before ``next`` is read: a bad one must not hide it."""
    client.force_login(user)
    event = EventFactory(capacity=500)
    for key, value in {**FILTER_VALUES, "word": "meine-anmeldungen"}.items():
        registration = event_services.register_user(event=event, user=user)
        url = f"/veranstaltungen/anmeldung/{registration.token}/absagen/"
        response = client.post(url, {"next": value})
        assert response.status_code == 302, f"{response.status_code}: next={key}"
        assert response["Location"].startswith("/") and not response["Location"].startswith(
            ("//", "/\\")
        ), key
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED, key
        registration.delete()
