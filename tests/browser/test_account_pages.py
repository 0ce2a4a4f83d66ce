"""Every account page a signed-in person can open, in German and English: axe-core finds
nothing, no console error, CSP violation or foreign request; the key forms also in their
error state."""

from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress

from events.models import Registration
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.browser.test_keyboard import tab_to
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from tests.site_inventory import ACCOUNT_PAGES

PASSWORD = "richtig-gutes-Passwort-1"


@pytest.fixture
def person(db):
    user = UserFactory(email="konto@example.org", display_name="Kim Konto")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(page):
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill("konto@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/")


# One language per test: the two run side by side in a parallel run.
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["de", "en"])
def test_every_account_page_is_accessible_in_both_languages(page, person, prefix):
    log_in(page)
    checked = 0
    for path in ACCOUNT_PAGES:
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert_accessible(page, context=prefix + path)
        checked += 1
    print(f"\naccount pages ({prefix or '/'}): {checked} checked")


def test_account_forms_in_their_error_state_are_accessible(page, person):
    log_in(page)
    page.goto("/konto/password/change/")
    page.locator("main form.account-form button[type=submit]").first.click()
    page.wait_for_selector(".kern-error, #error-summary")
    assert_accessible(page, context="password change with errors")

    page.goto("/konto/email/")
    page.get_by_label("E-Mail-Adresse").fill("kein-gueltiger-wert")
    page.locator("main form").filter(has=page.get_by_label("E-Mail-Adresse")).locator(
        "button[type=submit]"
    ).first.click()
    page.wait_for_load_state()
    assert_accessible(page, context="email form with errors")

    page.goto("/konto/password/reset/")
    assert_accessible(page, context="password reset")
    page.goto("/konto/logout/")
    assert_accessible(page, context="logout confirmation")


# The account navigation, in its order: link text and the page it leads to.
ACCOUNT_NAVIGATION = [
    ("Übersicht", "/konto/"),
    ("Meine Projekte", "/projekte/meine/"),
    ("Meine Anmeldungen", "/veranstaltungen/meine-anmeldungen/"),
    ("Meine Nachrichten", "/konto/anfragen/"),
    ("Benachrichtigungen", "/konto/benachrichtigungen/"),
    ("E-Mail-Adressen", "/konto/email/"),
    ("Passwort", "/konto/password/change/"),
    ("Zwei-Faktor-Authentifizierung", "/konto/2fa/"),
    ("Passkeys", "/konto/2fa/webauthn/"),
    ("Meine Daten", "/konto/daten/"),
    ("Konto löschen", "/konto/loeschen/"),
]


@pytest.fixture
def owner_of_things(person):
    """The person with something in every section of the account home."""
    ProjectFactory(title="Nachbarschaftscafé Pirna", owner=person)
    RegistrationFactory(
        event=EventFactory(title="Dialog in Leipzig"),
        user=person,
        name=person.display_name,
        email=person.email,
        status=Registration.Status.CONFIRMED,
    )
    PersonFactory(name="Kim Konto", user=person, consent=True)
    OrganisationFactory(name="Verein Miteinander").members.add(person)
    return person


def account_nav(page):
    return page.get_by_role("navigation", name="Mein Konto")


def confirm_password_if_asked(page, path, assert_page):
    """Deleting the account asks for the password again (allauth's reauthentication)."""
    page.wait_for_load_state()
    if "/konto/reauthenticate/" in page.url:
        assert_page(page, context=f"password again before {path}")
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"**{path}")


def assert_current(page, label):
    current = account_nav(page).locator("a[aria-current=page]")
    assert current.all_inner_texts() == [label]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_account_page_is_reached_by_clicking_from_the_home_page(page, owner_of_things, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    page.locator("header").get_by_role("link", name="Anmelden").click()
    page.get_by_label("E-Mail-Adresse").fill("konto@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/")
    page.goto("/")

    # The header's entry, by keyboard: Tab to it, Enter.
    entry = page.locator("header").get_by_role("link", name="Mein Konto")
    assert entry.bounding_box()["height"] >= 24
    tab_to(page, "header a[href='/konto/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/")
    assert_current(page, "Übersicht")
    home = page.locator("main").inner_text()
    for thing in [
        "Nachbarschaftscafé Pirna",
        "Entwurf",  # the project's status
        "Dialog in Leipzig",
        "Kim Konto",
        "Verein Miteinander",
        "Passkeys",
    ]:
        assert thing in home, thing
    assert_accessible(page, context=f"account home at {width} px")

    nav = account_nav(page)
    assert nav.get_by_role("link").all_inner_texts() == [label for label, _ in ACCOUNT_NAVIGATION]
    for label, path in ACCOUNT_NAVIGATION[1:] + ACCOUNT_NAVIGATION[:1]:
        link = account_nav(page).get_by_role("link", name=label, exact=True)
        box = link.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, f"{label}: {box}"
        link.click()
        confirm_password_if_asked(page, path, assert_accessible)
        assert_current(page, label)
        assert_accessible(page, context=f"{path} at {width} px")

    account_nav(page).get_by_role("button", name="Abmelden").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/")
    assert page.locator("header").get_by_role("link", name="Anmelden").is_visible()


def test_account_navigation_works_without_javascript(page_without_js, owner_of_things):
    page = page_without_js
    page.goto("/konto/login/")
    # The passkey button needs JavaScript: without it a note, not a button that fails.
    assert not page.get_by_role("button", name="Mit einem Passkey anmelden").is_visible()
    assert (
        "Die Anmeldung mit einem Passkey braucht JavaScript." in page.locator("main").inner_text()
    )
    log_in(page)
    page.goto("/")
    page.locator("header").get_by_role("link", name="Mein Konto").click()
    page.wait_for_url("**/konto/")
    for label, path in ACCOUNT_NAVIGATION[1:]:
        account_nav(page).get_by_role("link", name=label, exact=True).click()
        confirm_password_if_asked(page, path, assert_accessible_without_js)
        assert_current(page, label)
        assert_accessible_without_js(page, context=f"{path} without JavaScript")
    # Below a page of the navigation, its entry is marked as the current section.
    page.goto("/konto/2fa/totp/activate/")
    assert account_nav(page).locator("a[aria-current=true]").all_inner_texts() == [
        "Zwei-Faktor-Authentifizierung"
    ]
    account_nav(page).get_by_role("button", name="Abmelden").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/")
    assert page.locator("header").get_by_role("link", name="Anmelden").is_visible()
