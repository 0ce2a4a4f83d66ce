"""The directory pages: who may see what, filters with and without htmx, fixed query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taxonomy.models import Region
from tests.factories import log_in
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other user", "member", "linked person", "moderator"]


@pytest.fixture
def world(member, linked_user, other_user, moderator, categories):
    """A visible and a hidden organisation (same member), a public and a hidden person."""
    visible = OrganisationFactory(name="Sichtbarer Verein", slug="sichtbar", members=[member])
    hidden = OrganisationFactory(
        name="Verborgener Verein", slug="verborgen", members=[member], is_published=False
    )
    public_person = PersonFactory(name="Paula Public", slug="paula", consent=True)
    own = PersonFactory(name="Lina Linked", slug="lina", user=linked_user)  # no consent yet
    return {
        "visible": visible,
        "hidden": hidden,
        "public_person": public_person,
        "own": own,
        "users": {
            "anonymous": None,
            "other user": other_user,
            "member": member,
            "linked person": linked_user,
            "moderator": moderator,
        },
    }


# (path, expected status for anonymous, other user, member, linked person, moderator)
MATRIX = [
    ("/netzwerk/organisationen/", [200, 200, 200, 200, 200]),
    ("/netzwerk/organisationen/sichtbar/", [200, 200, 200, 200, 200]),
    ("/netzwerk/organisationen/verborgen/", [404, 404, 200, 404, 200]),
    ("/netzwerk/organisationen/sichtbar/bearbeiten/", [302, 403, 200, 403, 200]),
    ("/netzwerk/organisationen/verborgen/bearbeiten/", [302, 404, 200, 404, 200]),
    ("/netzwerk/organisationen/gibt-es-nicht/", [404, 404, 404, 404, 404]),
    ("/netzwerk/personen/", [200, 200, 200, 200, 200]),
    ("/netzwerk/personen/paula/", [200, 200, 200, 200, 200]),
    ("/netzwerk/personen/lina/", [404, 404, 404, 200, 200]),
    ("/netzwerk/personen/paula/bearbeiten/", [302, 403, 403, 403, 200]),
    ("/netzwerk/personen/lina/bearbeiten/", [302, 404, 404, 200, 200]),
    ("/netzwerk/bedarfe-und-angebote/", [200, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("path", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_for_every_page(client, world, path, expected, role):
    user = world["users"][role]
    if user:
        log_in(client, user)
    response = client.get(path)
    assert response.status_code == expected[ROLES.index(role)]
    if response.status_code == 302:
        assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_for_the_account_consent_button(client, world, role):
    user = world["users"][role]
    if user:
        log_in(client, user)
    response = client.post("/netzwerk/einwilligung/konto/", {"action": "give"})
    expected = {"anonymous": 302, "linked person": 302}.get(role, 404)
    assert response.status_code == expected
    assert world["own"].consents.exists() == (role == "linked person")


def test_hidden_pages_say_so_to_those_who_may_see_them(client, world):
    client.force_login(world["users"]["member"])
    html = client.get("/netzwerk/organisationen/verborgen/").content.decode()
    assert "Vorschau: Diese Organisation ist für die Öffentlichkeit verborgen." in html
    assert '<meta name="robots" content="noindex">' in html
    client.force_login(world["users"]["linked person"])
    html = client.get("/netzwerk/personen/lina/").content.decode()
    assert "Vorschau: Dieses Profil ist nicht öffentlich" in html
    assert "in Ihrem Konto erteilen" in html
    assert "application/ld+json" not in html


def _get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response


def queries(client, path, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        _get(client, path, **params)
    return len(context)


# --- Detail pages --------------------------------------------------------------------


def test_organisation_page_shows_its_links(client, categories, topics, member):
    organisation = OrganisationFactory(
        name="Diakonie Erzgebirge",
        slug="diakonie",
        region=Region.ERZGEBIRGSKREIS,
        offers=[categories["raeume"]],
        topics=[topics["alter"]],
        website="https://diakonie.example",
        is_platform_partner=True,
    )
    carried = ProjectFactory(published=True, title="Pflege-WG Sonnenhof")
    carried.carrying_organisation = organisation
    carried.save()
    partnered = ProjectFactory(published=True, title="Bürgerbus")
    partnered.partner_organisations.add(organisation)
    draft = ProjectFactory(title="Geheimer Entwurf")
    draft.carrying_organisation = organisation
    draft.save()
    needing = ProjectFactory(published=True, title="Kulturbahnhof", region=Region.GOERLITZ)
    needing.needs.set([categories["raeume"]])
    PersonFactory(name="Petra Public", organisation=organisation, consent=True)
    PersonFactory(name="Hanna Hidden", organisation=organisation)

    html = client.get("/netzwerk/organisationen/diakonie/").content.decode()
    assert "<h1" in html and "Diakonie Erzgebirge" in html
    assert "Partner*in der Plattform" in html
    for visible in ["Pflege-WG Sonnenhof", "Bürgerbus", "Petra Public", "Kulturbahnhof", "Räume"]:
        assert visible in html
    for invisible in ["Geheimer Entwurf", "Hanna Hidden", "Organisation bearbeiten"]:
        assert invisible not in html
    assert '"@type": "Organization"' in html
    assert 'href="/netzwerk/organisationen/?angebot=raeume"' in html


def test_person_page_shows_organisation_projects_and_where_they_can_help(
    client, categories, linked_user
):
    organisation = OrganisationFactory(name="Lausitzer Zukunftsfonds")
    person = PersonFactory(
        name="Friedrich Bauer",
        slug="friedrich",
        organisation=organisation,
        user=linked_user,
        offers=[categories["finanzierung"]],
        bio="Hilft **Gründungen** in der Lausitz.",
        consent=True,
    )
    own = ProjectFactory(published=True, title="Eigenes Projekt", owner=linked_user)
    needing = ProjectFactory(published=True, title="Braucht Geld")
    needing.needs.set([categories["finanzierung"]])
    html = client.get("/netzwerk/personen/friedrich/").content.decode()
    for visible in [
        "Lausitzer Zukunftsfonds",
        own.title,
        "Braucht Geld",
        "<strong>Gründungen</strong>",
    ]:
        assert visible in html
    assert person.email not in html  # the address is never public
    assert '"@type": "Person"' in html
    assert "Mein Profil bearbeiten" not in html
    client.force_login(linked_user)
    assert "Mein Profil bearbeiten" in client.get("/netzwerk/personen/friedrich/").content.decode()


def test_hidden_organisation_is_not_named_on_a_person_page(client):
    hidden = OrganisationFactory(name="Geheimer Verein", is_published=False)
    PersonFactory(slug="p", organisation=hidden, consent=True)
    assert "Geheimer Verein" not in client.get("/netzwerk/personen/p/").content.decode()


def test_detail_pages_need_the_same_number_of_queries_for_one_or_many_links(
    client, categories, django_assert_num_queries
):
    offers = [categories["raeume"]]
    organisation = OrganisationFactory(slug="o", offers=offers)
    PersonFactory(slug="p", organisation=organisation, offers=offers, consent=True)

    def add_links():
        project = ProjectFactory(published=True)
        project.carrying_organisation = organisation
        project.save()
        project.needs.set(offers)
        PersonFactory(organisation=organisation, offers=offers, consent=True)

    add_links()
    organisation_page = queries(client, "/netzwerk/organisationen/o/")
    person_page = queries(client, "/netzwerk/personen/p/")
    for _ in range(8):
        add_links()
    with django_assert_num_queries(organisation_page):
        _get(client, "/netzwerk/organisationen/o/")
    with django_assert_num_queries(person_page):
        _get(client, "/netzwerk/personen/p/")


def test_profile_pages_stay_within_the_query_budget_for_visitors_and_their_people(
    client, categories, member, linked_user
):
    """Issue 7: at most 10 queries per page, however many projects, people and matches."""
    from tests.events.factories import AgendaItemFactory, EventFactory

    offers = [categories["raeume"], categories["mentoring"], categories["finanzierung"]]
    organisation = OrganisationFactory(slug="o", offers=offers, members=[member])
    person = PersonFactory(
        slug="p", organisation=organisation, offers=offers, user=linked_user, consent=True
    )
    AgendaItemFactory(event=EventFactory(), speakers=[person])

    def add_links(count):
        for index in range(count):
            project = ProjectFactory(published=True, owner=linked_user)
            project.carrying_organisation = organisation
            project.save()
            project.needs.set(offers[index % 3 :])
            PersonFactory(organisation=organisation, offers=offers, consent=True)

    add_links(2)
    pages = {"/netzwerk/organisationen/o/": member, "/netzwerk/personen/p/": linked_user}
    few = {}
    for path, user in pages.items():
        client.logout()
        few[path, "visitor"] = queries(client, path)
        client.force_login(user)
        few[path, "own"] = queries(client, path)
    add_links(10)
    for path, user in pages.items():
        client.logout()
        assert queries(client, path) == few[path, "visitor"] <= 10
        client.force_login(user)
        assert queries(client, path) == few[path, "own"] <= 10
        html = _get(client, path).content.decode()
        matches = html[html.index('id="matches"') :]
        assert matches[: matches.index("</section>")].count('href="/projekte/') == 6


# --- Needs and offers, home, sitemap -------------------------------------------------


def test_needs_and_offers_counts_only_what_is_public_and_links_to_filtered_lists(
    client, categories
):
    c = categories
    for region in [Region.DRESDEN, Region.DRESDEN, Region.LEIPZIG]:
        project = ProjectFactory(published=True, region=region)
        project.needs.set([c["raeume"], c["ehrenamtliche"]])
    ProjectFactory(region=Region.DRESDEN).needs.set([c["raeume"]])  # a draft: not counted
    OrganisationFactory(region=Region.DRESDEN, offers=[c["raeume"]])
    OrganisationFactory(region=Region.LEIPZIG, offers=[c["raeume"]])
    OrganisationFactory(is_published=False, offers=[c["ehrenamtliche"]])  # hidden
    PersonFactory(region=Region.DRESDEN, offers=[c["raeume"]], consent=True)
    PersonFactory(region=Region.DRESDEN, offers=[c["ehrenamtliche"]])  # no consent

    html = client.get("/netzwerk/bedarfe-und-angebote/").content.decode()
    row = re.search(r"<th scope=\"row\"[^>]*>Räume.*?</tr>", html, re.S).group(0)
    assert re.findall(r">(\d+)<span", row) == ["3", "2", "1"]
    assert 'href="/projekte/?bedarf=raeume"' in row
    assert 'href="/netzwerk/organisationen/?angebot=raeume"' in row
    assert 'href="/netzwerk/personen/?angebot=raeume"' in row
    unmet = re.search(r"<th scope=\"row\"[^>]*>Ehrenamtliche.*?</tr>", html, re.S).group(0)
    assert "nicht angeboten" in unmet
    assert "Gebraucht, aber von niemandem im Netzwerk angeboten" in html
    assert '<svg class="chart"' in html and 'role="img"' in html
    by_region = html[html.index('id="by-region"') :]
    dresden = re.search(r">Dresden</a></th>(.*?)</tr>", by_region, re.S).group(1)
    assert "Ehrenamtliche (2)" in dresden and "Räume" not in dresden
    assert 'href="/projekte/?bedarf=ehrenamtliche&amp;region=dresden"' in dresden
    leipzig_row = re.search(r">Leipzig</a></th>(.*?)</tr>", by_region, re.S).group(1)
    assert "Ehrenamtliche (1)" in leipzig_row and "Räume" not in leipzig_row

    leipzig = client.get("/netzwerk/bedarfe-und-angebote/", {"region": "leipzig"})
    row = re.search(r"<th scope=\"row\"[^>]*>Räume.*?</tr>", leipzig.content.decode(), re.S)
    assert re.findall(r">(\d+)<span", row.group(0)) == ["1", "1"]
    assert 'href="/projekte/?bedarf=raeume&amp;region=leipzig"' in row.group(0)
    assert "Bedarfe und Angebote: Leipzig" in leipzig.content.decode()


def test_needs_and_offers_needs_a_fixed_number_of_queries(
    client, categories, django_assert_num_queries
):
    ProjectFactory(published=True).needs.set([categories["raeume"]])
    few = queries(client, "/netzwerk/bedarfe-und-angebote/")
    for _ in range(5):
        ProjectFactory(published=True).needs.set(list(categories.values()))
        OrganisationFactory(offers=list(categories.values()))
    with django_assert_num_queries(few):
        _get(client, "/netzwerk/bedarfe-und-angebote/")


def test_needs_and_offers_with_htmx_returns_the_results_region(client):
    html = client.get(
        "/netzwerk/bedarfe-und-angebote/", {"region": "dresden"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<section id="results"') and "<html" not in html


def test_home_shows_platform_partners_only(client):
    OrganisationFactory(name="TU Chemnitz", slug="tu-chemnitz", is_platform_partner=True)
    OrganisationFactory(name="Kein Partner")
    OrganisationFactory(name="Verborgener Partner", is_platform_partner=True, is_published=False)
    html = client.get("/").content.decode()
    assert "Partner*innen der Plattform" in html
    assert 'href="/netzwerk/organisationen/tu-chemnitz/"' in html
    assert "Kein Partner" not in html and "Verborgener Partner" not in html


def test_sitemap_lists_public_profiles_and_the_directory_pages(client):
    OrganisationFactory(slug="sichtbar")
    OrganisationFactory(slug="verborgen", is_published=False)
    PersonFactory(slug="mit-einwilligung", consent=True)
    PersonFactory(slug="ohne-einwilligung")
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/netzwerk/organisationen/sichtbar/",
        "/en/netzwerk/organisationen/sichtbar/",
        "/netzwerk/personen/mit-einwilligung/",
        "/netzwerk/organisationen/",
        "/netzwerk/personen/",
        "/netzwerk/bedarfe-und-angebote/",
    ]:
        assert f"{path}</loc>" in xml or f'href="http://testserver{path}"' in xml
    assert "verborgen" not in xml and "ohne-einwilligung" not in xml


def test_main_navigation_links_the_network(client):
    html = client.get("/netzwerk/personen/").content.decode()
    assert re.search(r'<a href="/netzwerk/organisationen/"[^>]*>Netzwerk</a>', html)
