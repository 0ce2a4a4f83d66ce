"""The network's demo data, with projects loaded before or after it."""

import pytest

from network import demo, public
from network.models import ConsentState, Organisation, Person
from network.statistics import needs_and_offers_table
from projects import demo as projects_demo
from projects.models import Project
from tests.factories import UserFactory, in_moderation

pytestmark = pytest.mark.django_db


def test_demo_without_projects_creates_partners_organisations_and_people(client):
    report = demo.load()
    assert demo.link_projects() == 0  # no projects yet: nothing to link
    partners = {o.slug for o in Organisation.objects.platform_partners()}
    assert partners == {"vdi-vde-it", "send-ev", "tu-chemnitz"}
    assert all(o.logo and o.logo_alt for o in Organisation.objects.platform_partners())
    assert Organisation.objects.filter(is_platform_partner=False).count() >= 20
    assert public.people_with_consent().count() >= 20
    states = {
        p.consent_state
        for p in Person.objects.with_consent_state().exclude(
            pk__in=public.people_with_consent().values("pk")
        )
    }
    assert states == {ConsentState.REQUESTED, ConsentState.WITHDRAWN, ConsentState.NONE}
    assert "3 platform partners" in report
    home = client.get("/").content.decode()
    assert "Technische Universität Chemnitz" in home and "SEND e.V." in home
    assert client.get("/netzwerk/personen/dr-katrin-weise/").status_code == 200
    assert client.get("/netzwerk/personen/gisela-krueger/").status_code == 404


def test_demo_links_projects_loaded_after_it_and_leaves_some_needs_unmet(client):
    innovator, colleague, moderator = (
        UserFactory(),
        UserFactory(),
        in_moderation(UserFactory(is_staff=True)),
    )
    demo.load(innovator=innovator, member=colleague)
    projects_demo.load(innovator=innovator, colleague=colleague, moderator=moderator)
    linked = demo.link_projects()
    assert linked >= 25
    assert Project.objects.filter(carrying_organisation__isnull=False).count() == linked
    assert Project.objects.filter(partner_organisations__is_platform_partner=True).exists()
    assert demo.link_projects() == 0  # a second run changes nothing

    rows = {row["category"].slug: row for row in needs_and_offers_table()["rows"]}
    assert rows["ehrenamtliche"]["needed_by"] > 0 and rows["ehrenamtliche"]["unmet"]
    assert rows["finanzierung"]["needed_by"] > 0 and rows["finanzierung"]["offered_by"] > 0

    some_project = Project.objects.published().filter(needs__slug="mentoring").first()
    assert list(public.organisations_that_can_help(some_project)[:3])
    assert list(public.people_that_can_help(some_project)[:3])

    assert Person.objects.get(user=innovator).slug == "anja-innovatorin"
    assert colleague.organisations.exists()
    page = client.get("/netzwerk/organisationen/tu-chemnitz/").content.decode()
    assert "Dr. Katrin Weise" in page


def test_demo_after_projects_links_them_at_once():
    innovator, colleague, moderator = (
        UserFactory(),
        UserFactory(),
        in_moderation(UserFactory(is_staff=True)),
    )
    projects_demo.load(innovator=innovator, colleague=colleague, moderator=moderator)
    report = demo.load()
    assert "projects linked to organisations" in report
    assert Project.objects.filter(carrying_organisation__isnull=False).exists()


def test_every_page_of_the_full_demo_renders(client):
    from pages import demo as pages_demo

    pages_demo.load()
    paths = ["/netzwerk/organisationen/", "/netzwerk/personen/", "/netzwerk/bedarfe-und-angebote/"]
    paths += [o.get_absolute_url() for o in Organisation.objects.public()]
    paths += [p.get_absolute_url() for p in public.people_with_consent()]
    for path in paths:
        assert client.get(path).status_code == 200, path
    speaker_pages = [
        client.get(p.get_absolute_url()).content.decode() for p in public.people_with_consent()
    ]
    assert any("/veranstaltungen/" in html for html in speaker_pages)  # events spoken at
