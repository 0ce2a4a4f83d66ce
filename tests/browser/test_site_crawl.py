"""Every public page, in German and English, as an anonymous visitor on a 320 px screen:
axe-core (WCAG 2.2 AA) finds nothing, no console error or CSP violation, no request to
another origin, no cookie or storage entry, and nothing needs horizontal scrolling."""

from urllib.parse import urlparse

from tests.browser.conftest import assert_accessible
from tests.site_inventory import public_paths

CHECKED: list[str] = []


def test_every_public_page_is_accessible_private_and_fits_320px(browser, live_server, demo_portal):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    from tests.browser.conftest import PageWatch

    page.watch = PageWatch(live_server.url)
    page.on("console", page.watch.on_console)
    page.on("pageerror", lambda error: page.watch.console_errors.append(str(error)))
    page.on("request", page.watch.on_request)
    page.on("response", page.watch.on_response)
    try:
        paths = public_paths(lambda path: page.request.get(path).text())
        assert len(paths) > 80, paths  # demo data: projects, organisations, people, events, pages
        assert any(p.startswith("/en/") for p in paths)
        assert any(p.startswith("/melden/") for p in paths)  # linked from detail pages only
        problems = []
        for path in paths:
            response = page.goto(path)
            if urlparse(page.url).path.startswith(("/konto/", "/en/konto/")):
                # A link that needs an account ("Projekt eintragen") ends on the login page:
                # an account page with a form (and its CSRF cookie), covered by the journeys.
                context.clear_cookies()
                continue
            if response.status != 200:
                problems.append(f"{path}: status {response.status}")
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            try:
                assert_accessible(page, context=path)
            except AssertionError as error:
                problems.append(str(error).splitlines()[0])
            page.watch.console_errors.clear()
            page.watch.foreign_requests.clear()
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                problems.append(f"{path}: needs horizontal scrolling ({width}px at 320px)")
            if page.evaluate("[localStorage.length, sessionStorage.length]") != [0, 0]:
                problems.append(f"{path}: storage entries")
            if cookies := context.cookies():
                problems.append(f"{path}: sets cookies {[c['name'] for c in cookies]}")
                context.clear_cookies()
            CHECKED.append(path)
        assert problems == [], "\n".join(problems)
    finally:
        context.close()
    print(
        f"\ncrawl: {len(CHECKED)} public pages checked with axe, console, CSP, origins, storage, 320px"
    )
