"""The map of Saxony as people use it: with a mouse, the keyboard, without JavaScript, on a
phone and a laptop, in German and English; axe-core finds nothing on any of its states."""

import re

import pytest

from taxonomy.models import Region, SupportCategory
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.events.factories import EventFactory
from tests.projects.factories import ProjectFactory

WIDTHS = [390, 1280, 320]
STATES = [
    "/projekte/?ansicht=karte",
    "/netzwerk/bedarfe-und-angebote/",
    "/veranstaltungen/?ansicht=karte&zeit=alle",
    "/projekte/projekt-im-vogtland/",
]


@pytest.fixture
def portal(db):
    rooms = SupportCategory.objects.first()
    for n in range(5):
        ProjectFactory(published=True, region=Region.DRESDEN, title=f"Dresdner Projekt {n}")
    ProjectFactory(published=True, region=Region.LEIPZIG).needs.set([rooms])
    ProjectFactory(published=True, region=Region.VOGTLANDKREIS, slug="projekt-im-vogtland")
    EventFactory(region=Region.DRESDEN)
    EventFactory(region=Region.GOERLITZ, past=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_map_states_are_accessible_and_fit_the_screen(page, portal, width):
    page.set_viewport_size({"width": width, "height": 900})
    for prefix in ["", "/en"]:
        for path in STATES:
            page.goto(prefix + path)
            assert page.locator(".saxony-map__svg").count() == 1, path
            assert (
                page.locator(".saxony-map__source")
                .inner_text()
                .startswith(
                    (
                        "Kartengrundlage: © GeoBasis-DE / BKG 2020",
                        "Map data: © GeoBasis-DE / BKG 2020",
                    )
                )
            )
            assert_accessible(page, context=f"{prefix}{path} at {width}px")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{prefix}{path}: {scroll_width}px at {width}px"
            if width == 320:  # the drawing scales down with the screen
                box = page.locator(".saxony-map__svg").bounding_box()
                assert box and box["width"] <= 300


def test_a_district_is_reached_with_the_keyboard_shows_focus_and_opens_its_list(page, portal):
    page.goto("/projekte/")
    page.get_by_role("link", name="Karte", exact=True).click()
    page.wait_for_url(re.compile(r"ansicht=karte"))
    dresden = page.get_by_role("link", name="Dresden: 5 Projekte")
    assert dresden.count() == 1
    for _ in range(80):  # Tab through the page until the district has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "Dresden: 5 Projekte"
        ):
            break
    else:
        pytest.fail("the district Dresden is not reachable with Tab")
    stroke = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('path')).strokeWidth"
    )
    assert stroke == "5px"  # the focused district's outline is drawn thick
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"region=dresden"))
    assert page.locator("#results-heading").inner_text() == "5 Projekte gefunden"
    assert (
        page.get_by_role("link", name="Liste", exact=True).get_attribute("aria-current") == "page"
    )


def test_map_works_without_javascript(page_without_js, portal):
    page = page_without_js
    page.goto("/veranstaltungen/")
    page.get_by_role("link", name="Karte", exact=True).click()
    page.get_by_role("link", name="Vergangene Veranstaltungen").click()
    assert "ansicht=karte" in page.url and "zeit=vergangene" in page.url
    assert_accessible_without_js(page, context="events map without JavaScript")
    page.get_by_role("link", name="Landkreis Görlitz: 1 Veranstaltung").click()
    assert page.locator("#results-heading").inner_text() == "1 vergangene Veranstaltung"

    page.goto("/netzwerk/bedarfe-und-angebote/")
    page.get_by_role("link", name="Leipzig: 1 offener Bedarf").click()
    assert "region=leipzig" in page.url
    assert page.locator("#results-heading").inner_text() == "Bedarfe und Angebote: Leipzig"
