"""Every rate-limited endpoint, in one place: served up to its threshold, 429 past it.

allauth's limits come from ``ACCOUNT_RATE_LIMITS`` in the settings (read here, so a
changed setting changes the test); ours are the ``ratelimit_post`` decorators on the
views (``pages.views.content_page``, ``events.views.register``,
``network.views.consent_*``, ``notices.views.report``, ``contact.views.report``). The cache
is emptied before each test (tests/conftest.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.test import Client

from pages.models import Feedback
from tests.events.factories import EventFactory
from tests.factories import ACCEPTED_TERMS, UserFactory, verified
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_rate_limit_window")]


def allauth_limit(action: str, per: str) -> int:
    """The number of hits allowed per ``per`` ("ip" or "key") for an allauth action."""
    rates = [r for r in parse_rates(settings.ACCOUNT_RATE_LIMITS[action]) if r.per == per]
    return min(rate.amount for rate in rates)


@dataclass
class Endpoint:
    path: Callable[[], str]
    data: Callable[[int], dict]  # the n-th POST's data
    limit: int
    per: str  # "ip": every POST from one address; "key": one account/address from many IPs
    served: set  # statuses of the POSTs within the limit


def _report_path() -> str:
    return f"/melden/projekt/{ProjectFactory(published=True).slug}/"


def _event_registration_path() -> str:
    return f"/veranstaltungen/{EventFactory(capacity=100).slug}/anmelden/"


ENDPOINTS = {
    "login": Endpoint(
        path=lambda: "/konto/login/",
        data=lambda n: {"login": f"jemand{n}@example.org", "password": "falsches-Passwort"},
        limit=allauth_limit("login", "ip"),
        per="ip",
        served={200},
    ),
    "signup": Endpoint(
        path=lambda: "/konto/signup/",
        data=lambda n: {
            "email": f"neu{n}@example.org",
            "display_name": f"Neue Person {n}",
            "password1": "richtig-gutes-Passwort-1",
            "password2": "richtig-gutes-Passwort-1",
            **ACCEPTED_TERMS,
        },
        limit=allauth_limit("signup", "ip"),
        per="ip",
        served={302},
    ),
    "password reset (per client)": Endpoint(
        path=lambda: "/konto/password/reset/",
        data=lambda n: {"email": f"vergessen{n}@example.org"},
        limit=allauth_limit("reset_password", "ip"),
        per="ip",
        served={302},
    ),
    "password reset (per address)": Endpoint(
        path=lambda: "/konto/password/reset/",
        data=lambda n: {"email": "immer-dieselbe@example.org"},
        limit=allauth_limit("reset_password", "key"),
        per="key",
        served={302},
    ),
    # events.views.register: ratelimit_post("event_registration", limit=10, period=600)
    "event registration": Endpoint(
        path=_event_registration_path,
        data=lambda n: {"name": f"Gast {n}", "email": f"gast{n}@example.org", "photo_consent": "nein"},
        limit=10,
        per="ip",
        served={302},
    ),
    # pages.views.content_page: ratelimit_post("feedback", limit=5, period=600)
    "contact form": Endpoint(
        path=lambda: "/kontakt/",
        data=lambda n: {"message": f"Nachricht {n}"},
        limit=5,
        per="ip",
        served={302},
    ),
    "accessibility feedback": Endpoint(
        path=lambda: "/barrierefreiheit/",
        data=lambda n: {"message": f"Barriere {n}"},
        limit=5,
        per="ip",
        served={302},
    ),
    # network.views.consent_confirm/_withdraw: ratelimit_post("network-consent", 20, 600)
    "consent link": Endpoint(
        path=lambda: "/netzwerk/einwilligung/kein-gueltiger-link/",
        data=lambda n: {"version": "1"},
        limit=20,
        per="ip",
        served={404},
    ),
    # notices.views.report: ratelimit_post("notices", limit=5, period=600)
    "content report": Endpoint(
        path=_report_path,
        data=lambda n: {"reason": "other", "description": f"Meldung Nummer {n}", "good_faith": "on"},
        limit=5,
        per="ip",
        served={302},
    ),
    # contact.views.report: ratelimit_post("contact_report", limit=10, period=600); the
    # daily limits per sender and recipient are in tests/contact/test_abuse_and_state.py.
    "contact report link": Endpoint(
        path=lambda: "/kontakt-aufnehmen/melden/kein-gueltiger-link/",
        data=lambda n: {"reason": f"Spam {n}"},
        limit=10,
        per="ip",
        served={404},
    ),
}  # fmt: skip


def ip(n: int) -> str:
    return f"10.20.{n // 250}.{n % 250 + 1}"


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_endpoint_answers_429_past_its_threshold(client, name):
    endpoint = ENDPOINTS[name]
    path = endpoint.path()

    def post(n, address):
        return client.post(path, endpoint.data(n), REMOTE_ADDR=address)

    # Within the limit: served (from one address, or for one key from many addresses).
    for n in range(endpoint.limit):
        response = post(n, "10.9.9.9" if endpoint.per == "ip" else ip(n))
        assert response.status_code in endpoint.served, (name, n, response.status_code)
    over = post(endpoint.limit, "10.9.9.9" if endpoint.per == "ip" else ip(endpoint.limit))
    assert over.status_code == 429, (name, over.status_code)
    if over.get("Content-Type", "").startswith("text/html"):
        assert "Zu viele" in over.content.decode()
    if endpoint.per == "ip":
        # The limit is per client: somebody else is still served ...
        assert post(endpoint.limit + 1, "10.8.8.8").status_code in endpoint.served
        # ... and the limited client can still read the page.
        assert client.get(path, REMOTE_ADDR="10.9.9.9").status_code in {200, 302, 404}


def test_refused_feedback_is_not_stored(client):
    for n in range(8):
        client.post("/kontakt/", {"message": f"Nachricht {n}"}, REMOTE_ADDR="10.7.7.7")
    assert Feedback.objects.count() == 5


def test_failed_logins_for_one_account_are_refused_from_any_address(client, user):
    """Per-account failures block the account's login even from fresh addresses."""
    limit = allauth_limit("login_failed", "key")
    for n in range(limit):
        client.post("/konto/login/", {"login": user.email, "password": "falsch"}, REMOTE_ADDR=ip(n))
    response = client.post(
        "/konto/login/",
        {"login": user.email, "password": "richtig-gutes-Passwort-1"},
        REMOTE_ADDR=ip(limit),
    )
    assert "_auth_user_id" not in client.session
    assert "Zu viele" in response.content.decode()


GOOD = "richtig-gutes-Passwort-1"


def _log_in(client, email, password, address):
    return client.post("/konto/login/", {"login": email, "password": password}, REMOTE_ADDR=address)


def _browser_that_logged_in(email: str, address: str) -> Client:
    browser = Client()
    _log_in(browser, email, GOOD, address)
    assert "_auth_user_id" in browser.session
    browser.post("/konto/logout/")
    return browser


def _fail_until_locked(client_for, email: str) -> None:
    """As many wrong passwords for ``email`` as the per-account limit allows, from new addresses."""
    for n in range(allauth_limit("login_failed", "key")):
        _log_in(client_for(), email, "falsch", ip(n))


def _locked_out(response) -> bool:
    return "Zu viele" in response.content.decode()


def test_somebody_elses_failed_logins_do_not_lock_out_a_browser_that_logged_in_before(user):
    """Five wrong passwords from a stranger lock the account only for unknown browsers."""
    own_browser, attacker = _browser_that_logged_in(user.email, "10.30.0.1"), Client()
    _fail_until_locked(lambda: attacker, user.email)
    assert _locked_out(_log_in(attacker, user.email, GOOD, "10.30.9.9"))
    assert "_auth_user_id" not in attacker.session

    response = _log_in(own_browser, user.email, GOOD, "10.30.0.1")
    assert response.status_code == 302
    assert own_browser.session["_auth_user_id"] == str(user.pk)


def test_a_known_browser_still_gets_no_more_than_five_guesses(user):
    """The device cookie is no way around the limit: its failures count for it."""
    browser = _browser_that_logged_in(user.email, "10.31.0.1")
    _fail_until_locked(lambda: browser, user.email)
    assert _locked_out(_log_in(browser, user.email, GOOD, "10.31.9.9"))
    assert "_auth_user_id" not in browser.session


def test_a_device_cookie_counts_only_for_the_account_it_was_issued_for(user):
    other = verified(UserFactory(email="andere@example.org"))
    browser = _browser_that_logged_in(other.email, "10.32.0.1")
    _fail_until_locked(Client, user.email)  # someone locks ``user`` out
    assert _locked_out(_log_in(browser, user.email, GOOD, "10.32.0.1"))


def test_a_forged_device_cookie_is_no_way_around_the_lock(user):
    """A cookie that is not the portal's own counts as an unknown browser."""
    browser = _browser_that_logged_in(user.email, "10.33.0.1")
    name = settings.LOGIN_DEVICE_COOKIE_NAME
    browser.cookies[name] = browser.cookies[name].value[:-4] + "AAAA"
    _fail_until_locked(Client, user.email)
    assert _locked_out(_log_in(browser, user.email, GOOD, "10.33.0.1"))


@pytest.mark.parametrize("path", ["/suche/", "/projekte/", "/netzwerk/personen/"])
def test_new_searches_past_the_limit_answer_429_for_that_client_only(client, path):
    """Searches the page cache did not answer cost the database most: bounded per client."""
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
    assert limit > 0
    for n in range(limit):
        response = client.get(path, {"q": f"Wort{n}"}, REMOTE_ADDR="10.40.0.1")
        assert response.status_code == 200, n
    refused = client.get(path, {"q": "noch eins"}, REMOTE_ADDR="10.40.0.1")
    assert refused.status_code == 429 and "Zu viele" in refused.content.decode()
    assert client.get(path, REMOTE_ADDR="10.40.0.1").status_code == 200  # browsing goes on
    assert client.get(path, {"q": "Kinder"}, REMOTE_ADDR="10.40.0.2").status_code == 200
