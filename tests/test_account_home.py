"""The account home (/konto/) and the navigation every account page shows."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Every page the account navigation leads to, in its order.
ACCOUNT_PAGES = {
    "Übersicht": "/konto/",
    "Meine Projekte": "/projekte/meine/",
    "Meine Anmeldungen": "/veranstaltungen/meine-anmeldungen/",
    "Meine Nachrichten": "/konto/anfragen/",
    "Benachrichtigungen": "/konto/benachrichtigungen/",
    "E-Mail-Adressen": "/konto/email/",
    "Passwort": "/konto/password/change/",
    "Zwei-Faktor-Authentifizierung": "/konto/2fa/",
    "Passkeys": "/konto/2fa/webauthn/",
    "Meine Daten": "/konto/daten/",
    "Konto löschen": "/konto/loeschen/",
}


@pytest.fixture
def person(client):
    user = verified(UserFactory(email="kim@example.org", display_name="Kim Konto"))
    client.force_login(user)
    return user


def account_nav(html: str) -> str:
    match = re.search(r'<nav class="account-nav" aria-label="[^"]+">.*?</nav>', html, re.S)
    assert match, "no account navigation on the page"
    return match.group(0)


def nav_links(html: str) -> list[tuple[str, str, str]]:
    """(label, href, aria-current) for each link of the account navigation."""
    return [
        (label, href, current)
        for href, current, label in re.findall(
            r'<a class="kern-link" href="([^"]+)"(?: aria-current="([^"]+)")?>([^<]+)</a>',
            account_nav(html),
        )
    ]


def test_account_navigation_is_on_every_account_page_with_the_current_one_marked(client, person):
    for label, path in ACCOUNT_PAGES.items():
        if path == "/konto/loeschen/":
            continue  # behind reauthentication; see the next test
        html = client.get(path).content.decode()
        links = nav_links(html)
        assert [(name, href) for name, href, _ in links] == list(ACCOUNT_PAGES.items()), path
        assert [name for name, _, current in links if current] == [label], path
        assert [current for _, _, current in links if current] == ["page"], path
        assert 'action="/konto/logout/"' in account_nav(html), path


def test_account_navigation_marks_the_section_on_a_page_below_it(client, person):
    # Adding a second factor asks for the password again first.
    client.post("/konto/reauthenticate/", {"password": "richtig-gutes-Passwort-1"})
    # The longest address wins: the passkeys page lies below the two-factor page.
    html = client.get("/konto/2fa/webauthn/add/").content.decode()
    marked = [(name, current) for name, _, current in nav_links(html) if current]
    assert marked == [("Passkeys", "true")]
    html = client.get("/konto/reauthenticate/?next=/konto/loeschen/").content.decode()
    assert "Zugriff bestätigen" in html or "Confirm" in html
    assert [name for name, _, current in nav_links(html) if current] == []


def test_account_navigation_speaks_english_under_en(client, person):
    links = nav_links(client.get("/en/konto/email/").content.decode())
    assert links[0][:2] == ("Overview", "/en/konto/")
    assert ("Email addresses", "/en/konto/email/", "page") in links


def test_account_home_shows_what_the_person_owns(client, person):
    ProjectFactory(title="Nachbarschaftscafé Pirna", owner=person)
    ProjectFactory(title="Fremdes Projekt")
    RegistrationFactory(
        event=EventFactory(title="Dialog in Leipzig"), user=person, email=person.email
    )
    RegistrationFactory(event=EventFactory(title="Dialog in Weißwasser"))
    PersonFactory(name="Kim Konto", slug="kim-konto", user=person, consent=True)
    OrganisationFactory(name="Verein Miteinander").members.add(person)
    Authenticator.objects.create(user=person, type=Authenticator.Type.WEBAUTHN, data={})

    html = client.get("/konto/").content.decode()
    main = html[html.index('<div class="account-layout__main">') :]
    assert "Nachbarschaftscafé Pirna" in main
    assert "Status: <strong>Entwurf</strong>" in main
    assert "Fremdes Projekt" not in main
    assert "Dialog in Leipzig" in main
    assert "Dialog in Weißwasser" not in main
    assert "Ihr Profil ist öffentlich." in main
    assert 'href="/netzwerk/personen/kim-konto/"' in main
    assert "Verein Miteinander" in main
    assert "1 Passkey" in main
    assert "Authentifizierungs-App nicht eingerichtet" in main
    for path in list(ACCOUNT_PAGES.values())[1:]:
        assert f'href="{path}"' in main, path


def test_account_home_invites_someone_without_a_profile_to_create_one(client, person):
    html = client.get("/konto/").content.decode()
    # The network section offers an expert profile, and no consent buttons without one.
    assert 'href="/netzwerk/expertenprofil-anlegen/">Expertenprofil anlegen</a>' in html
    assert "Einwilligung widerrufen" not in html
    assert "Sie gehören noch zu keinem Projektteam." in html
    assert "Sie sind für keine kommende Veranstaltung angemeldet." in html


def test_account_home_runs_a_constant_number_of_queries(client, person, django_assert_num_queries):
    ProjectFactory(owner=person)
    RegistrationFactory(event=EventFactory(), user=person, email=person.email)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/konto/").status_code == 200
    for _ in range(4):
        ProjectFactory(owner=person)
        RegistrationFactory(
            event=EventFactory(),
            user=person,
            email=person.email,
            status=Registration.Status.WAITLISTED,
        )
    with django_assert_num_queries(len(one)):
        assert client.get("/konto/").status_code == 200


def test_login_page_renders_the_passkey_login_without_inline_script(client):
    html = client.get("/konto/login/").content.decode()
    assert '<form id="mfa_login" action="/konto/2fa/webauthn/login/" method="post">' in html
    assert 'id="passkey_login" type="submit" hidden data-needs-js="webauthn"' in html
    for script in ["mfa/js/webauthn-json.js", "mfa/js/webauthn.js"]:
        assert f'<script src="/static/{script}" defer></script>' in html
    # The CSP forbids inline script: each script tag loads a file or carries JSON data.
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    # Without JavaScript a note stands in for the button (no <noscript>: the hostile-input
    # suite treats it as a place markup could hide).
    assert 'data-without-js="webauthn">Die Anmeldung mit einem Passkey braucht JavaScript.' in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_passkey_pages_carry_the_name_the_navigation_gives_them(client, person, prefix):
    Authenticator.objects.create(
        user=person,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Laptop", "passwordless": True, "credential": {}},
    )
    html = client.get(f"{prefix}/konto/2fa/webauthn/").content.decode()
    label = next(name for name, href, _ in nav_links(html) if href.endswith("/2fa/webauthn/"))
    assert re.search(r"<h1[^>]*>\s*" + label + r"\s*</h1>", html)
    assert re.search(r"<title>\s*" + label, html)
    assert ("Noch nicht verwendet." if not prefix else "Not used yet.") in html
    assert "Sicherheitsschlüssel</h1>" not in html and "Not used.<" not in html
