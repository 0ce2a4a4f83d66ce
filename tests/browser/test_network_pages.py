"""Every network page passes axe; filters work with and without JavaScript."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from network.consent import make_confirm_token, make_withdraw_token
from network.default_consent import ensure_consent_text
from network.models import ConsentText, Organisation
from taxonomy.models import Region, SupportCategory, TargetGroup, Topic
from taxonomy.vocabulary import ensure_vocabulary
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform import illustrations
from zukunftsplattform.images import Rendition

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"


@pytest.fixture
def directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ensure_vocabulary(Topic, TargetGroup, SupportCategory)
    ensure_consent_text(ConsentText)
    c = {category.slug: category for category in SupportCategory.objects.all()}
    t = {topic.slug: topic for topic in Topic.objects.all()}
    member = UserFactory(email="member@example.org", display_name="Mara Mitglied")
    linked = UserFactory(email="linked@example.org", display_name="Lina Linked")
    for user in (member, linked):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    partner = OrganisationFactory(
        name="Technische Universität Chemnitz",
        slug="tu-chemnitz",
        kind=Organisation.Kind.RESEARCH,
        region=Region.CHEMNITZ,
        is_platform_partner=True,
        offers=[c["forschung"], c["qualifizierung"]],
        topics=[t["bildung"]],
        description="Forschung zu **sozialer Innovation**.",
        members=[member],
    )
    partner.logo.save(
        "logo.webp",
        illustrations.rendered(illustrations.logo("TU Chemnitz", "#005f50"), Rendition(400, 400)),
    )
    partner.logo_alt = "Logo der TU Chemnitz"
    partner.save()
    OrganisationFactory(
        name="Bürgerstiftung Leipzig",
        slug="buergerstiftung",
        kind=Organisation.Kind.FUNDER,
        region=Region.LEIPZIG,
        offers=[c["finanzierung"]],
    )
    for index in range(4):
        OrganisationFactory(name=f"Verein {index}", region=Region.DRESDEN, offers=[c["raeume"]])
    person = PersonFactory(
        name="Katrin Weise",
        slug="katrin-weise",
        organisation=partner,
        offers=[c["forschung"]],
        topics=[t["bildung"]],
        bio="Forscht zu *Wirkung*.",
        consent=True,
        user=linked,
    )
    PersonFactory(
        name="Bert Berater",
        slug="bert",
        region=Region.LEIPZIG,
        offers=[c["beratung"]],
        consent=True,
    )
    project = ProjectFactory(published=True, title="Lernpat*innen Chemnitz", region=Region.CHEMNITZ)
    project.needs.set([c["forschung"], c["ehrenamtliche"]])
    return {"partner": partner, "person": person, "member": member, "linked": linked}


def log_in(page, email):
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/")


def test_public_network_pages_are_accessible_in_both_languages(page, directory):
    person = directory["person"]
    paths = [
        "/",
        "/netzwerk/organisationen/",
        "/netzwerk/organisationen/?art=quatsch",
        "/netzwerk/organisationen/tu-chemnitz/",
        "/netzwerk/personen/",
        "/netzwerk/personen/katrin-weise/",
        "/netzwerk/bedarfe-und-angebote/",
        "/netzwerk/bedarfe-und-angebote/?region=chemnitz",
        f"/netzwerk/einwilligung/{make_confirm_token(person)}/",
        f"/netzwerk/einwilligung/{make_withdraw_token(person)}/widerrufen/",
        "/netzwerk/einwilligung/kaputt/",
        "/en/netzwerk/organisationen/",
        "/en/netzwerk/personen/katrin-weise/",
        "/en/netzwerk/bedarfe-und-angebote/",
    ]
    for path in paths:
        page.goto(path)
        assert_accessible(page, context=path)
    page.goto("/netzwerk/organisationen/tu-chemnitz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Technische Universität Chemnitz")
    expect(page.get_by_role("link", name="Katrin Weise")).to_be_visible()
    expect(page.get_by_role("link", name="Lernpat*innen Chemnitz")).to_be_visible()


def test_organisation_filters_update_in_place_with_javascript(page, directory):
    page.goto("/netzwerk/organisationen/")
    expect(page.locator("#results-heading")).to_have_text("6 Organisationen gefunden")
    page.get_by_label("Region").focus()
    page.get_by_label("Region").select_option("leipzig")
    expect(page.locator("#results-heading")).to_have_text("1 Organisation gefunden")
    expect(page).to_have_url(re.compile(r"/netzwerk/organisationen/\?.*region=leipzig"))
    expect(page.locator("#result-status")).to_have_text("1 Organisation gefunden")
    assert page.evaluate("document.activeElement.id") == "id_region"  # focus stays put
    expect(page.get_by_role("link", name="Bürgerstiftung Leipzig")).to_be_visible()
    assert_accessible(page, context="filtered with htmx")

    page.get_by_label("Region").select_option("")
    expect(page.locator("#results-heading")).to_have_text("6 Organisationen gefunden")
    page.locator("#id_q").fill("Forschng")  # a typo still finds it
    expect(page.locator("#results-heading")).to_have_text("1 Organisation gefunden")
    expect(page.get_by_role("link", name="Technische Universität Chemnitz")).to_be_visible()
    page.go_back()  # back brings the results before the search …
    expect(page.locator("#results-heading")).to_have_text("6 Organisationen gefunden")
    page.go_back()  # … and before that, the region filter
    expect(page).to_have_url(re.compile(r"region=leipzig"))
    expect(page.locator("#results-heading")).to_have_text("1 Organisation gefunden")


def test_people_filters_and_needs_table_work_without_javascript(page_without_js, directory):
    page = page_without_js
    page.goto("/netzwerk/personen/")
    page.get_by_label("Angebote").select_option("beratung")
    page.locator("form.list-filters button[type=submit]").click()
    page.wait_for_url("**/netzwerk/personen/?*angebot=beratung*")
    expect(page.locator("#results-heading")).to_have_text("1 Person gefunden")
    expect(page.get_by_role("link", name="Bert Berater")).to_be_visible()
    assert_accessible_without_js(page, context="people filtered without JS")

    page.goto("/netzwerk/bedarfe-und-angebote/")
    page.locator("#id_region").select_option("chemnitz")
    page.locator("form.list-filters button[type=submit]").click()
    page.wait_for_url("**region=chemnitz*")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Forschung und Evaluation"))
    expect(row.locator("td").first).to_have_text(re.compile(r"^1"))
    row.locator("td").nth(1).get_by_role("link").click()
    page.wait_for_url("**/netzwerk/organisationen/?angebot=forschung&region=chemnitz")
    expect(page.get_by_role("link", name="Technische Universität Chemnitz")).to_be_visible()
    assert_accessible_without_js(page, context="organisations from the needs table")


def test_member_and_linked_person_pages_are_accessible(page, directory):
    log_in(page, "member@example.org")
    assert_accessible(page, context="account with organisation")
    page.get_by_role("link", name=re.compile(r"^Bearbeiten\s*: Technische Universität")).click()
    page.wait_for_url("**/netzwerk/organisationen/tu-chemnitz/bearbeiten/")
    assert_accessible(page, context="organisation form")
    page.get_by_label("Beschreibung des Logos (Alternativtext)").fill("")
    page.get_by_role("button", name="An die Moderation senden").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page, context="organisation form with errors")
    page.get_by_label("Beschreibung des Logos (Alternativtext)").fill("Logo der TU")
    page.get_by_label("Ort").fill("Chemnitz-Zentrum")
    page.get_by_role("button", name="An die Moderation senden").click()
    page.wait_for_url("**/netzwerk/organisationen/tu-chemnitz/")
    expect(page.get_by_text("Änderungen warten auf die Moderation.")).to_be_visible()
    assert_accessible(page, context="organisation with pending changes")

    page.locator("header").get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()
    log_in(page, "linked@example.org")
    expect(page.get_by_text("Ihr Profil ist öffentlich.")).to_be_visible()
    assert_accessible(page, context="account with profile")
    page.get_by_role("link", name="Mein Profil bearbeiten").click()
    assert_accessible(page, context="person form")
    page.get_by_label("Rolle").fill("Professorin für Soziale Innovation")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/netzwerk/personen/katrin-weise/")
    expect(page.get_by_text("Professorin für Soziale Innovation")).to_be_visible()

    page.goto("/konto/")
    page.get_by_role("button", name="Einwilligung widerrufen und Profil verbergen").click()
    page.wait_for_url("**/konto/")
    expect(page.get_by_text("Ihr Profil ist nicht öffentlich.")).to_be_visible()
    assert_accessible(page, context="account after withdrawal")
    page.goto("/netzwerk/personen/katrin-weise/")
    expect(page.get_by_text("Vorschau: Dieses Profil ist nicht öffentlich")).to_be_visible()
    assert_accessible(page, context="own profile preview")
