"""Innovator creates and submits → moderation requests changes → innovator fixes →
moderation publishes → a visitor finds the project by search and filter."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from accounts.moderation import MODERATION_GROUP
from projects import services
from projects.models import Project
from taxonomy.models import Topic
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory, unused_totp_code, verified
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"
TITLE = "Nachbarschaftsküche Löbtau"


USED_CODES: set[str] = set()


def totp(secret):
    """A code not used yet in this run (a code works once)."""
    return unused_totp_code(secret, USED_CODES)


@pytest.fixture
def people(db):
    from accounts.moderation import sync_moderation_group

    sync_moderation_group()
    innovator = UserFactory(email="ina@example.org", display_name="Ina Innovatorin")
    moderator = UserFactory(email="mo@example.org", display_name="Mo Moderation", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATION_GROUP))
    for user in (innovator, moderator):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    return innovator, moderator, secret


def log_in(page, email, next_path="/"):
    page.goto(f"/konto/login/?next={next_path}")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


def log_out(page):
    page.locator("header").get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()


def moderate(page, secret, decision, message=""):
    page.goto("/admin/projects/moderationqueueentry/")
    if "/konto/login/" in page.url:
        page.get_by_label("E-Mail-Adresse").fill("mo@example.org")
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        page.locator("form.account-form button[type=submit]").click()
        page.wait_for_url("**/konto/2fa/authenticate/**")
        page.get_by_label("Code").fill(totp(secret))
        page.locator("form").filter(has=page.get_by_label("Code")).get_by_role(
            "button"
        ).first.click()
        page.wait_for_url("**/admin/projects/moderationqueueentry/**")
    assert_accessible(page, context="moderation queue")
    page.get_by_role("link", name=TITLE).click()
    assert_accessible(page, context="queue entry")
    page.get_by_role("link", name="Entscheiden").click()
    assert_accessible(page, context="decide")
    page.get_by_label(decision).check()
    if message:
        page.get_by_label("Nachricht an das Team").fill(message)
    page.get_by_role("button", name="Entscheidung senden").click()
    page.wait_for_url("**/admin/projects/moderationqueueentry/**")


def test_project_journey(page, people, browser, live_server):
    innovator, _moderator, secret = people
    log_in(page, innovator.email, "/projekte/neu/")
    page.wait_for_url("**/projekte/neu/")
    assert_accessible(page, context="create form")

    # Saving without a title keeps what was typed and focuses the error summary.
    page.get_by_label("Kurzbeschreibung").fill("Gemeinsam kochen im Stadtteil.")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_by_label("Kurzbeschreibung").input_value() == "Gemeinsam kochen im Stadtteil."
    assert_accessible(page, context="create form with errors")

    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Region").select_option("dresden")
    page.get_by_label("Herausforderung").fill("Viele essen allein.")
    page.get_by_label("Lösungsansatz").fill("Wir kochen **zusammen**.")
    page.get_by_label("Nachbarschaft und Ehrenamt").check()
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url("**/bearbeiten/")
    assert_accessible(page, context="edit form")
    page.get_by_role("button", name="Speichern und zur Prüfung einreichen").click()
    page.wait_for_url("**/projekte/meine/")
    assert "Zur Prüfung eingereicht" in page.content()
    assert_accessible(page, context="my projects")
    log_out(page)

    moderate(page, secret, "Änderungen erbitten", "Bitte nennen Sie, wen Sie erreichen.")
    log_out(page)

    log_in(page, innovator.email, "/projekte/meine/")
    page.wait_for_url("**/projekte/meine/")
    assert "Bitte nennen Sie, wen Sie erreichen." in page.content()
    page.get_by_role("link", name="Bearbeiten").click()
    page.get_by_label("Bisher erreichte Zielgruppen").fill("Rund 40 Nachbar*innen jede Woche.")
    page.get_by_role("button", name="Speichern und zur Prüfung einreichen").click()
    page.wait_for_url("**/projekte/meine/")
    log_out(page)

    moderate(page, secret, "Veröffentlichen")
    assert Project.objects.get(title=TITLE).status == Project.Status.PUBLISHED
    log_out(page)

    # A visitor finds it: search (with a typo) and filter, results update in place.
    page.goto("/projekte/")
    assert_accessible(page, context="project list")
    search = page.get_by_label("Suche", exact=True)
    search.fill("Nachbarschaftskueche")
    search.press("Enter")
    page.wait_for_url("**q=Nachbarschaftskueche**")
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert page.evaluate("document.activeElement.id") == "id_q"
    region = page.get_by_label("Region")
    region.focus()  # as a keyboard user tabs to it
    region.select_option("dresden")
    page.wait_for_url("**region=dresden**")
    page.wait_for_function("document.querySelector('#result-status').textContent.length > 0")
    assert page.locator("#result-status").inner_text() == "1 Projekt gefunden"
    assert page.evaluate("document.activeElement.id") == "id_region"
    assert_accessible(page, context="filtered list")
    page.get_by_role("link", name=TITLE).click()
    assert page.locator("h1").inner_text() == TITLE
    assert_accessible(page, context="project detail")


def test_visitor_finds_projects_without_javascript(page_without_js, db):
    from tests.projects.factories import ProjectFactory

    ProjectFactory(published=True, title=TITLE, region="dresden")
    ProjectFactory(published=True, title="Etwas in Leipzig", region="leipzig")
    page = page_without_js
    page.goto("/projekte/")
    page.get_by_label("Region").select_option("dresden")
    page.get_by_role("button", name="Ergebnisse anzeigen").click()
    page.wait_for_url("**region=dresden**")
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert page.get_by_role("link", name="Etwas in Leipzig").count() == 0
    assert_accessible_without_js(page, context="filtered list without JS")
    page.get_by_role("link", name=TITLE).click()
    assert page.locator("h1").inner_text() == TITLE
    assert_accessible_without_js(page, context="detail without JS")


def test_saving_an_unchanged_international_address_changes_nothing(page, live_server, db):
    """Chromium sends the domain of an email field in its ASCII form (xn--…); the address
    stays as the team wrote it and the moderation sees only what the team changed."""
    owner = verified(UserFactory(email="ina@example.org"))
    project = ProjectFactory(
        published=True,
        owner=owner,
        topics=[Topic.objects.get(slug="bildung")],
        contact_email="kontakt@väterzeit.example",
    )
    log_in(page, owner.email, "/projekte/meine/")
    page.wait_for_url("**/projekte/meine/")
    page.locator("main").get_by_role("link", name="Bearbeiten").click()
    page.get_by_label("Kurzbeschreibung").fill("Wochenenden für Väter und Kinder.")
    page.get_by_role("button", name="Speichern und zur Prüfung einreichen").click()
    page.wait_for_url("**/projekte/meine/")
    page.wait_for_url("**/projekte/meine/")
    project.refresh_from_db()
    changed = [change["field"] for change in services.revision_diff(project)]
    assert changed == ["summary"]
    assert services.working_copy(project)["contact_email"] == "kontakt@väterzeit.example"
