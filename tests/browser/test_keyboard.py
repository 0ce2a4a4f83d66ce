"""The main journeys with the keyboard alone: Tab, Shift+Tab, Enter, Space and arrow keys.

No element is clicked or filled: focus moves only by key presses (``tab_to``), text is
typed into whatever has focus. At every stop the focused element must show a focus
indicator (a computed outline or box-shadow), and after every htmx swap focus must be
somewhere sensible – never dropped to ``<body>``.
"""

import re

import pytest
from allauth.account.models import EmailAddress

from events.models import Registration
from projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.projects.factories import ProjectFactory

PASSWORD = "richtig-gutes-Passwort-1"

FOCUS_INFO = """() => {
  const el = document.activeElement;
  const style = el ? getComputedStyle(el) : null;
  return {
    tag: el ? el.tagName : null,
    id: el ? el.id : "",
    name: el ? el.getAttribute("name") || "" : "",
    text: el ? (el.innerText || el.value || "").trim().slice(0, 40) : "",
    outline: style ? style.outlineStyle + " " + style.outlineWidth : "",
    boxShadow: style ? style.boxShadow : "",
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUS_INFO)


def assert_focus_visible(page, context: str = "") -> dict:
    info = focused(page)
    assert info["tag"] not in {None, "BODY", "HTML"}, f"focus lost to <body> {context}"
    outlined = not info["outline"].startswith("none") and not info["outline"].endswith(" 0px")
    assert outlined or info["boxShadow"] != "none", f"no visible focus on {info} {context}"
    return info


def tab_to(page, selector: str, *, max_presses: int = 200, backwards: bool = False) -> dict:
    """Press Tab until ``selector`` has focus; every element passed must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        if passed and page.evaluate("() => document.activeElement === document.body"):
            raise AssertionError(f"{selector} not reached before the end of the page: {passed}")
        info = assert_focus_visible(page, f"while tabbing to {selector} after {passed[-5:]}")
        passed.append(info["id"] or info["name"] or info["text"])
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return info
    raise AssertionError(f"{selector} not reached in {max_presses} presses: {passed[-15:]}")


def mark_results(page) -> None:
    """Mark the current results region, so a swap can be told from the old content."""
    page.evaluate("() => { document.querySelector('#results').dataset.before = 'swap'; }")


def wait_for_swap(page) -> None:
    page.wait_for_function(
        "() => { const r = document.querySelector('#results');"
        " return r && !r.dataset.before && !document.querySelector('.htmx-settling,"
        " .htmx-request, .htmx-swapping'); }"
    )
    # Our afterSettle handlers have run; what they put off with setTimeout(0) (the phone's
    # focus on the count) runs before a timeout queued now.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")


def log_in_by_keyboard(page, email: str, next_path: str) -> None:
    page.goto(f"/konto/login/?next={next_path}")
    tab_to(page, "#id_login")
    page.keyboard.type(email)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"^[^?]*{re.escape(next_path)}$"))


def test_guest_registers_for_an_event_with_the_keyboard(page):
    event = EventFactory(title="Dialogforum Bautzen", capacity=20)
    page.goto(event.get_absolute_url())
    assert_accessible(page, context="event before registering")

    # First try without an email address: the error summary takes focus.
    tab_to(page, "#id_name")
    page.keyboard.type("Karla Tastatur")
    tab_to(page, "form[action$='/anmelden/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'error-summary'")
    info = assert_focus_visible(page, "on the error summary")
    assert info["id"] == "error-summary"
    assert page.locator("#id_name").input_value() == "Karla Tastatur"  # kept
    assert_accessible(page, context="registration with errors")

    # The summary links to the field; following the link puts focus into it.
    tab_to(page, "#error-summary a[href='#id_email']")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'id_email'")
    assert_focus_visible(page, "on the email field after the summary link")
    page.keyboard.type("karla@example.org")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_accessibility_needs"
    page.keyboard.type("Induktionsschleife")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_dietary_needs"
    page.keyboard.type("vegetarisch")
    # The photo question is a radio group: Tab enters it, Space picks, arrows move.
    tab_to(page, "input[name=photo_consent]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert_focus_visible(page, "in the radio group")
    assert page.locator("input[name=photo_consent]:checked").get_attribute("value") == "nein"
    # Back and forth: Shift+Tab returns to the previous field, with what was typed.
    tab_to(page, "#id_dietary_needs", backwards=True)
    assert page.locator("#id_dietary_needs").input_value() == "vegetarisch"
    tab_to(page, "form[action$='/anmelden/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{event.get_absolute_url()}")
    assert "Fast geschafft" in page.content()
    registration = Registration.objects.get(email="karla@example.org")
    assert registration.name == "Karla Tastatur"
    assert registration.accessibility_needs == "Induktionsschleife"
    assert registration.photo_consent is False


@pytest.fixture
def innovator(db):
    user = UserFactory(email="tasten@example.org", display_name="Tamara Tasten")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_innovator_creates_and_submits_a_project_with_the_keyboard(page, innovator):
    log_in_by_keyboard(page, innovator.email, "/projekte/neu/")

    # Saving without a title: the summary takes focus and links to the title field.
    tab_to(page, "#id_summary")
    page.keyboard.type("Reparieren statt wegwerfen, jeden Samstag.")
    tab_to(page, "button[name=save]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'error-summary'")
    assert assert_focus_visible(page, "on the error summary")["id"] == "error-summary"
    assert page.locator("#id_summary").input_value() == "Reparieren statt wegwerfen, jeden Samstag."
    tab_to(page, "#error-summary a[href='#id_title']")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'id_title'")
    page.keyboard.type("Repair-Café Plauen")

    # A select by keyboard: focus it, then arrow keys until the region is chosen.
    tab_to(page, "#id_region")
    for _ in range(30):
        if page.locator("#id_region").input_value() == "vogtlandkreis":
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_region").input_value() == "vogtlandkreis"
    tab_to(page, "#id_challenge")
    page.keyboard.type("Kaputte Dinge landen im Müll.")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_approach"
    page.keyboard.type("Ehrenamtliche reparieren gemeinsam mit den Besitzer*innen.")
    # A checkbox: Space ticks it.
    tab_to(page, "input[name=topics]")
    page.keyboard.press("Space")
    assert page.locator("input[name=topics]:checked").count() == 1
    tab_to(page, "button[name=save]")
    page.keyboard.press("Enter")
    # (The address keeps the #id_title of the summary link: browsers carry it over.)
    page.wait_for_url(re.compile(r".*/projekte/[^/]+/bearbeiten/(#.*)?$"))
    assert_accessible(page, context="edit form after saving by keyboard")

    tab_to(page, "button[name=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/projekte/meine/(#.*)?$"))
    project = Project.objects.get(title="Repair-Café Plauen")
    assert project.status == Project.Status.SUBMITTED
    assert project.region == "vogtlandkreis" and project.topics.count() == 1
    assert "Zur Prüfung eingereicht" in page.content()


@pytest.fixture
def projects(db):
    for n in range(28):  # 24 in Dresden: two pages of 20
        ProjectFactory(
            published=True,
            title=f"Nachbarschaftshilfe {n:02d}",
            region="leipzig" if n % 7 == 0 else "dresden",
        )
    ProjectFactory(published=True, title="Tafel im Erzgebirge", region="erzgebirgskreis")


def test_visitor_searches_filters_and_pages_with_the_keyboard(page, projects):
    page.goto("/projekte/")
    # The skip link comes first and is visible when focused.
    page.keyboard.press("Tab")
    assert assert_focus_visible(page, "on the skip link")["text"] == "Zum Inhalt springen"

    # Search: typing updates the results in place; focus stays in the search field.
    tab_to(page, "#id_q")
    mark_results(page)
    page.keyboard.type("Nachbarschaftshilfe")
    page.wait_for_url("**q=Nachbarschaftshilfe**")
    wait_for_swap(page)
    assert assert_focus_visible(page, "after the search swap")["id"] == "id_q"
    assert page.locator("#results-heading").inner_text() == "28 Projekte gefunden"

    # A filter: arrow keys in the region select; each change swaps the results.
    tab_to(page, "#id_region")
    for _ in range(30):
        if page.locator("#id_region").input_value() == "dresden":
            break
        mark_results(page)
        page.keyboard.press("ArrowDown")
        wait_for_swap(page)
        assert_focus_visible(page, "after a filter swap")
        assert focused(page)["id"] == "id_region"
    page.wait_for_url("**region=dresden**")
    assert page.locator("#results-heading").inner_text() == "24 Projekte gefunden"
    assert page.locator("#result-status").inner_text() == "24 Projekte gefunden"
    assert_accessible(page, context="filtered by keyboard")

    # Pagination: the link that had focus is replaced; focus moves to the new results.
    tab_to(page, "a[rel=next]")
    mark_results(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**seite=2**")
    wait_for_swap(page)
    info = assert_focus_visible(page, "after paging")
    assert info["id"] == "results-heading", info
    assert page.locator("#id_region").input_value() == "dresden"  # filters kept

    # And on to a project, by keyboard.
    tab_to(page, "#results a.card__link")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/projekte/projekt-\d+/$"))
    assert page.locator("h1").inner_text().startswith("Nachbarschaftshilfe")
