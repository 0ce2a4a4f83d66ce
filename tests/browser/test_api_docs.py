"""A developer finds the read API from the footer, reads its docs page (axe, no CSP
violation, no foreign request, in both languages) and reads the API from a script on
another site (CORS, preflight included)."""

from tests.browser.conftest import assert_accessible
from tests.projects.factories import ProjectFactory


def test_a_developer_finds_the_api_docs_and_reads_them(page):
    ProjectFactory(published=True, slug="dorfladen", title="Dorfladen Plus")
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Lese-API").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lese-API"
    assert page.get_by_role("heading", name="Projekte: GET /api/v1/projects/").is_visible()
    assert page.get_by_role("cell", name="Nur gute Praxis").is_visible()
    assert_accessible(page, context="API docs (de)")
    page.get_by_role("link", name="Project", exact=True).first.click()
    assert page.url.endswith("#record-Project")
    project = page.get_by_role("region", name="Project", exact=True).first
    assert project.get_by_role("cell", name="Titel.", exact=True).is_visible()

    page.goto("/en/api/v1/docs/")
    assert page.get_by_role("heading", level=1).inner_text() == "Read API"
    assert page.get_by_role("cell", name="Best practice only").is_visible()
    assert_accessible(page, context="API docs (en)")

    document = page.request.get(
        page.get_by_role("link", name="OpenAPI 3.1 (openapi.json)").get_attribute("href")
    )
    assert document.json()["openapi"] == "3.1.0"


def test_a_script_on_another_site_reads_the_api(page, live_server):
    """A page of another origin (here: none, a blank page) fetches a list, then asks again
    with the ETag, which makes the browser send a CORS preflight first."""
    ProjectFactory(published=True, slug="dorfladen", title="Dorfladen Plus")
    page.set_content("<p>Eine andere Website</p>")
    result = page.evaluate(
        """async (url) => {
            const first = await fetch(url);
            const body = await first.json();
            const etag = first.headers.get("ETag");
            const again = await fetch(url, {headers: {"If-None-Match": etag}});
            return {status: first.status, title: body.results[0].title, etag, again: again.status};
        }""",
        f"{live_server.url}/api/v1/projects/",
    )
    assert result["status"] == 200 and result["title"] == "Dorfladen Plus"
    assert result["etag"]  # exposed to the script
    assert result["again"] in (200, 304)  # the browser's cache may answer a 304 as 200
