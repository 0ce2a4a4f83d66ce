"""On a phone: a header that leaves room for the page, filters behind one control, and the
results in view after choosing; the same with a laptop's width and without JavaScript."""

from urllib.parse import parse_qsl, urlparse

import pytest
from django.urls import reverse

from taxonomy.models import Region
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory, verified
from tests.projects.factories import ProjectFactory

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
# Resolves once the page has not scrolled for three frames in a row (a smooth scroll has ended).
SCROLL_AT_REST = """() => new Promise(resolve => {
    let last = window.scrollY, still = 0;
    const frame = () => {
        still = window.scrollY === last ? still + 1 : 0;
        last = window.scrollY;
        if (still >= 3) { resolve(); } else { requestAnimationFrame(frame); }
    };
    requestAnimationFrame(frame);
})"""


@pytest.fixture
def projects(db):
    for n in range(8):
        ProjectFactory(published=True, title=f"Dresdner Projekt {n}")
    for n in range(4):
        ProjectFactory(published=True, title=f"Leipziger Projekt {n}", region=Region.LEIPZIG)


IN_VIEW = """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                             return r.top >= 0 && r.top < window.innerHeight; }"""
#: The result count can be read and the first result starts on the screen.
RESULTS_IN_VIEW = """() => {
    const heading = document.querySelector('#results-heading').getBoundingClientRect();
    const first = document.querySelector('#results .card').getBoundingClientRect();
    return heading.top >= -4 && heading.bottom > 0 && first.top < window.innerHeight; }"""


def test_header_on_a_phone_takes_at_most_a_fifth_of_the_screen_and_opens_a_menu(page, projects):
    page.set_viewport_size(PHONE)
    page.goto("/")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 5, header
    assert_accessible(page, context="home, phone")

    menu = page.locator("header").get_by_text("Menü")
    menu.focus()
    page.keyboard.press("Enter")  # a keyboard opens it as well as a tap
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    assert navigation.get_by_role("link", name="Projekte").is_visible()
    assert page.locator(".site-menu__panel").get_by_role("link", name="Anmelden").is_visible()
    assert_accessible(page, context="home, phone, menu open")
    navigation.get_by_role("link", name="Projekte").click()
    page.wait_for_url("**/projekte/")
    assert page.get_by_role("heading", name="Projekte", level=1).is_visible()


def test_filters_on_a_phone_sit_behind_one_control_and_show_the_results(page, projects):
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.locator("header").get_by_text("Menü").click()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Projekte"
    ).click()
    page.wait_for_url("**/projekte/")

    region = page.get_by_label("Region")
    assert not region.is_visible()  # folded behind "Filter"
    page.locator(".list-filters__toggle").click()
    assert region.is_visible()
    assert_accessible(page, context="project filters open, phone")
    region.select_option(label="Leipzig")  # the results follow at once ...
    page.wait_for_function(
        "() => document.querySelector('#results-heading').textContent.includes('4')"
    )
    page.get_by_role("button", name="Ergebnisse anzeigen").click()  # ... and are shown
    page.wait_for_function("() => !document.querySelector('.list-filters__disclosure').open")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'results-heading'"
    )
    page.wait_for_function(IN_VIEW, arg="#results-heading")
    assert not region.is_visible()  # folded again
    assert "(1 aktiv)" in page.locator(".list-filters__toggle").inner_text()
    query = parse_qsl(urlparse(page.url).query, keep_blank_values=True)
    assert ("region", "leipzig") in query and all(value for _name, value in query), query
    assert page.locator("#result-status").inner_text() == "4 Projekte gefunden"
    assert_accessible(page, context="project results, phone")

    page.go_back()  # one step back: the list without the filter
    page.wait_for_url("**/projekte/")
    page.get_by_role("heading", name="12 Projekte gefunden").wait_for()


def test_typing_a_search_word_is_one_step_back(page, projects):
    page.set_viewport_size(LAPTOP)
    page.goto("/projekte/")
    search = page.get_by_label("Suche", exact=True)
    for word in ["Leip", "Leipziger"]:  # two pauses while typing: two requests
        with page.expect_response(lambda r: "q=" in r.url):
            search.fill(word)
    page.wait_for_url("**/projekte/?q=Leipziger")
    page.go_back()
    page.wait_for_url("**/projekte/")
    page.get_by_role("heading", name="12 Projekte gefunden").wait_for()


def test_filters_on_a_laptop_are_open_and_update_in_place(page, projects):
    page.set_viewport_size(LAPTOP)
    page.goto("/projekte/")
    region = page.get_by_label("Region")
    assert region.is_visible()
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= LAPTOP["height"] / 5, header
    region.focus()
    region.select_option(label="Leipzig")
    page.wait_for_function(
        "() => document.querySelector('#results-heading').textContent.includes('4')"
    )
    assert page.evaluate("document.activeElement.id") == region.get_attribute("id")  # focus kept
    assert "thema=" not in page.url and "region=leipzig" in page.url
    assert_accessible(page, context="project filters, laptop")


def test_filters_without_javascript_open_and_lead_to_the_results(page_without_js, projects):
    page = page_without_js
    page.set_viewport_size(PHONE)
    page.goto("/projekte/")
    region = page.get_by_label("Region")
    assert region.is_visible()  # without JavaScript the control stays open
    region.select_option(label="Leipzig")
    page.get_by_role("button", name="Ergebnisse anzeigen").click()
    page.wait_for_url("**/projekte/?**#results")
    assert page.get_by_role("heading", name="4 Projekte gefunden").is_visible()
    # Without JavaScript nothing can be awaited in the page: ask once the page has settled.
    page.wait_for_load_state("networkidle")
    assert page.evaluate(RESULTS_IN_VIEW)
    assert_accessible_without_js(page, context="project results without JavaScript, phone")


def log_in(page, user, *, then: str):
    page.goto(f"/konto/login/?next={then}")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort", exact=True).fill("richtig-gutes-Passwort-1")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"**{then}")


def test_sticky_save_bar_never_covers_the_field_in_focus(page, projects):
    user = verified(UserFactory(email="ina@example.org"))
    page.set_viewport_size(PHONE)
    log_in(page, user, then="/")
    page.get_by_role("link", name="Projekt eintragen").first.click()
    page.wait_for_url("**/projekte/neu/")
    page.get_by_label("Titel", exact=True).focus()
    covered = []
    for _ in range(40):  # a person tabbing through the form
        page.keyboard.press("Tab")
        page.evaluate(SCROLL_AT_REST)
        covered += page.evaluate(
            """() => {
                const active = document.activeElement, bar = document.querySelector('.sticky-actions');
                if (!bar || !active || bar.contains(active)) { return []; }
                const a = active.getBoundingClientRect(), b = bar.getBoundingClientRect();
                return a.bottom > b.top && a.top < b.bottom ? [active.name || active.id] : [];
            }"""
        )
    assert covered == []


#: The words of a link sit in one flowing line box: the link's second line starts at its
#: left edge (``Back to`` and the name are not two columns side by side).
LINK_FLOWS = """(link) => {
    const range = document.createRange();
    range.selectNodeContents(link);
    const rows = new Map();
    for (const r of range.getClientRects()) {
        if (r.width > 0) { rows.set(Math.round(r.top), Math.min(r.left, rows.get(Math.round(r.top)) ?? r.left)); }
    }
    const starts = [...rows.values()];
    return starts.length > 1 && starts.every(left => Math.abs(left - starts[0]) < 2);
}"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_long_back_link_wraps_as_text_and_the_digest_button_has_room(page, size):
    owner = verified(UserFactory(email="olga@example.org"))
    project = ProjectFactory(
        owner=owner, published=True, title="Repair-Café Pirna und Umgebung im Landkreis " * 2
    )
    page.set_viewport_size(size)
    log_in(page, owner, then="/konto/")
    # Writing to one's own project: the page says so and leads back to it.
    page.goto(f"/kontakt-aufnehmen/projekt/{project.slug}/")
    back = page.get_by_role("link", name="Zurück zu Repair-Café Pirna")
    assert back.evaluate(LINK_FLOWS)
    page.goto(reverse("following:settings"))
    save = page.get_by_role("button", name="Speichern").bounding_box()
    heading = page.get_by_role("heading", name="Was Sie verfolgen").bounding_box()
    assert heading["y"] - (save["y"] + save["height"]) >= 24
