"""Browser tests: Playwright drives the system's Chromium against the live server."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (reading the outbox, checking rows) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    if path := os.environ.get("CHROMIUM_PATH"):
        return path
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]:
        if path := shutil.which(name):
            return path
    pytest.fail(
        "No Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH."
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _seeded(seeded_like_a_fresh_installation):
    pass


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a person would never see but we must: errors, foreign requests."""

    def __init__(self, base_url: str):
        self.origin = urlparse(base_url).netloc
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []

    def on_console(self, message):
        # A failed resource is reported by on_response with its URL; the document's own
        # status (a 404 page on purpose) is the test's business.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def on_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.console_errors.append(f"{response.status} for {response.url}")

    def on_request(self, request):
        parsed = urlparse(request.url)
        if parsed.scheme in {"http", "https", "ws", "wss"} and parsed.netloc != self.origin:
            self.foreign_requests.append(request.url)


def _make_page(browser, live_server, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=javascript
    )
    page = context.new_page()
    watch = PageWatch(live_server.url)
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    page.on("request", watch.on_request)
    page.on("response", watch.on_response)
    page.watch = watch
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = _make_page(browser, live_server, javascript=True)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    context, page = _make_page(browser, live_server, javascript=False)
    yield page
    context.close()


def assert_accessible(page, *, context: str = ""):
    """axe-core (WCAG 2.2 AA tags) finds nothing; no console error, CSP report or foreign request."""
    label = context or page.url
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Runtime.evaluate is not subject to the page's CSP, so no script tag is needed.
        page.evaluate(AXE_SOURCE)
    # Only violations are worked out and sent back: passes and the rest cost a third of
    # the run and a large object over the wire, and no test reads them.
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
        })).violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map((n) => n.target),
        }))""",
        AXE_TAGS,
    )
    violations = [f"{v['id']} ({v['impact']}): {v['help']} -> {v['targets']}" for v in found]
    assert violations == [], f"axe on {label}: {violations}"
    assert page.watch.console_errors == [], f"console on {label}: {page.watch.console_errors}"
    assert page.watch.foreign_requests == [], (
        f"foreign requests on {label}: {page.watch.foreign_requests}"
    )


def assert_accessible_without_js(page, *, context: str = ""):
    """Run axe on the same HTML in a page with JavaScript, since this page has none."""
    checker = _checker_for(page)
    url = page.url
    checker.shown = {url: page.content()}
    checker.watch.console_errors.clear()
    checker.watch.foreign_requests.clear()
    checker.goto(url)
    assert_accessible(checker, context=context or url)


# The checkers' contexts, closed after each test (see _close_checkers).
_CHECKERS: list = []


def _checker_for(page):
    """The page's checker: a page with JavaScript in a context of its own, kept for all the
    checks of one test (a context per check cost more than the checks themselves). It is
    served the HTML it is to check instead of asking the server."""
    checker = getattr(page, "axe_checker", None)
    if checker is None:
        other = page.context.browser.new_context(base_url=page.url)
        _CHECKERS.append(other)
        checker = other.new_page()
        checker.shown = {}
        checker.route(
            lambda url: url in checker.shown,
            lambda route: route.fulfill(
                body=checker.shown[route.request.url], content_type="text/html"
            ),
        )
        checker.watch = PageWatch(page.url)
        checker.on("console", checker.watch.on_console)
        checker.on("response", checker.watch.on_response)
        page.axe_checker = checker
    return checker


@pytest.fixture(autouse=True)
def _close_checkers():
    yield
    while _CHECKERS:
        _CHECKERS.pop().close()
