"""Unpublished content never reaches a public surface.

Everything the public must not see carries a made-up word starting with "Quokka" (in its
name or title, its summary) and an address starting with "geheim-": projects in every
unpublished state, the pending changes of a published project and of an organisation,
people who never consented or withdrew, a hidden organisation, a draft event. Each of them
is wired to public content the way real data would be (same needs and offers, same team,
on the same agenda), so a missing filter anywhere shows up as a "quokka" in some response:
a detail page, a list, a search, the home page, a feed, a calendar file, the sitemap, the
"who can help" matches, an event's speakers and presented projects.
"""

import re

import pytest
from allauth.account.models import EmailAddress

from events.models import Event
from network import services as network_services
from network.models import Organisation
from opendata.datasets import DATASETS
from opendata.files import FORMATS
from projects.models import Project, ProjectMembership
from taxonomy.models import SupportCategory, Topic
from tests.events.factories import AgendaItemFactory, EventFactory, SeriesFactory
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SECRET = "quokka"
SECRET_ADDRESS = "geheim-"

UNPUBLISHED_PROJECTS = {
    # marker: status
    "Quokkaentwurf": Project.Status.DRAFT,
    "Quokkaeingereicht": Project.Status.SUBMITTED,
    "Quokkarueckfrage": Project.Status.CHANGES_REQUESTED,
    "Quokkaabgelehnt": Project.Status.REJECTED,
    "Quokkaarchiv": Project.Status.ARCHIVED,
}
#: The public counterparts: the sweep is worthless unless these do show up.
PUBLIC = {
    "project": "Leuchtturmprojekt",
    "organisation": "Sichtbarverein",
    "person": "Paula Sichtbar",
    "event": "Sichtbarforum",
}


class Portal:
    """A small portal where every public thing has unpublished neighbours."""

    def __init__(self):
        need = SupportCategory.objects.get(slug="kooperation")
        offer = SupportCategory.objects.get(slug="raeume")
        topic = Topic.objects.get(slug="bildung")

        paula_user = UserFactory(display_name="Paula Sichtbar")
        EmailAddress.objects.create(user=paula_user, email=paula_user.email, verified=True)

        self.hidden_organisation = OrganisationFactory(
            name="Quokkaverein",
            slug="geheim-verein",
            description="Quokkaverein hilft im Verborgenen.",
            is_published=False,
            is_platform_partner=True,  # a partner, but hidden: not on the home page either
            offers=[need],
            topics=[topic],
        )
        self.organisation = OrganisationFactory(
            name=PUBLIC["organisation"],
            slug="sichtbarverein",
            description="Ein Verein, den alle sehen.",
            offers=[need],
            topics=[topic],
            is_platform_partner=True,
        )
        # A pending change the moderation has not approved yet.
        Organisation.objects.filter(pk=self.organisation.pk).update(
            revision={"description": "Quokkaorgrevision ist noch nicht freigegeben."}
        )

        self.project = ProjectFactory(
            owner=paula_user,
            published=True,
            title=PUBLIC["project"],
            slug="leuchtturmprojekt",
            summary="Ein Leuchtturm für alle.",
            carrying_organisation=self.hidden_organisation,
            is_best_practice=True,
            story_what_worked="Zusammenarbeit.",
            topics=[topic],
            revision={"summary": "Quokkarevision, noch nicht freigegeben."},
            revision_state=Project.RevisionState.SUBMITTED,
        )
        self.project.needs.set([need])
        self.project.offers.set([offer])
        # Organisations that signed-in people proposed: one waits for the first moderation,
        # one was declined. Both offer what the project needs and are named as its partners.
        founder = UserFactory()
        self.proposed_organisations = []
        for marker in ["Quokkavorschlag", "Quokkaabgewiesen"]:
            proposed = network_services.propose_organisation(
                data={
                    "name": f"{marker} Verein",
                    "kind": "verein",
                    "description": f"{marker} wartet auf die Moderation.",
                    "offers": [need],
                    "topics": [topic],
                },
                by=founder,
            )
            self.proposed_organisations.append(proposed)
        network_services.decline_organisation(
            organisation=self.proposed_organisations[1], by=founder, message="Kein Bezug."
        )
        self.project.partner_organisations.set(
            [self.organisation, self.hidden_organisation, *self.proposed_organisations]
        )

        self.unpublished_projects = []
        for marker, status in UNPUBLISHED_PROJECTS.items():
            project = ProjectFactory(
                owner=paula_user,
                status=status,
                title=f"{marker} Projekt",
                slug=f"geheim-{marker.lower()}",
                summary=f"{marker} ist nicht veröffentlicht.",
                challenge=f"{marker} Herausforderung",
                # Archived or rejected once-shining projects keep their flag: still hidden.
                is_best_practice=status in {Project.Status.ARCHIVED, Project.Status.REJECTED},
                published_at=None,
                carrying_organisation=self.organisation,
                topics=[topic],
            )
            project.needs.set([need])
            project.offers.set([need])  # would "help" the published project if leaking
            self.unpublished_projects.append(project)

        self.person = PersonFactory(
            name=PUBLIC["person"],
            slug="paula-sichtbar",
            user=paula_user,
            organisation=self.hidden_organisation,
            offers=[need],
            topics=[topic],
            consent=True,
        )
        self.unconsented = PersonFactory(
            name="Quokkaperson Ohnezustimmung",
            slug="geheim-ohne-zustimmung",
            role="Quokkarolle",
            organisation=self.organisation,
            offers=[need],
            topics=[topic],
        )
        self.withdrawn = PersonFactory(
            name="Quokkawiderruf Person",
            slug="geheim-widerrufen",
            organisation=self.organisation,
            offers=[need],
            topics=[topic],
            consent=True,
        )
        network_services.withdraw_consent(person=self.withdrawn, how="Test", send_receipt=False)
        # Self-created profiles with consent: one waits for the moderation, one was declined.
        self.proposed, self.declined = (
            network_services.propose_own_profile(
                user=UserFactory(),
                data={
                    "name": name, "kind": "expert", "role": "Quokkarolle",
                    "offers": [need], "topics": [topic], "organisation": self.organisation,
                },
                text=network_services.current_consent_text(),
            )
            for name in ("Quokkaexpertin Wartend", "Quokkaexperte Abgelehnt")
        )  # fmt: skip
        network_services.decide_profile(
            person=self.declined, action="decline", by=None, message="Nicht passend."
        )

        self.series = SeriesFactory(title="Dialogreihe Sichtbar", slug="dialogreihe")
        self.event = EventFactory(title=PUBLIC["event"], slug="sichtbarforum", series=self.series)
        AgendaItemFactory(
            event=self.event,
            title="Podium",
            speakers=[self.person, self.unconsented, self.withdrawn, self.proposed, self.declined],
            presented_projects=[self.project, *self.unpublished_projects],
        )
        self.event.resulting_projects.set([self.project, *self.unpublished_projects])
        self.draft_event = EventFactory(
            title="Quokkaforum Entwurf",
            slug="geheim-forum",
            summary="Quokkaforum wird noch geplant.",
            series=self.series,
            draft=True,
        )
        AgendaItemFactory(
            event=self.draft_event,
            title="Quokkaimpuls",
            speakers=[self.person],
            presented_projects=[self.project],
        )
        assert self.draft_event.status == Event.Status.DRAFT

    @property
    def unpublished_detail_paths(self) -> list[str]:
        return [
            *(f"/projekte/{p.slug}/" for p in self.unpublished_projects),
            f"/netzwerk/organisationen/{self.hidden_organisation.slug}/",
            *(f"/netzwerk/organisationen/{o.slug}/" for o in self.proposed_organisations),
            f"/netzwerk/personen/{self.unconsented.slug}/",
            f"/netzwerk/personen/{self.withdrawn.slug}/",
            f"/netzwerk/personen/{self.proposed.slug}/",
            f"/netzwerk/personen/{self.declined.slug}/",
            f"/veranstaltungen/{self.draft_event.slug}/",
            f"/veranstaltungen/{self.draft_event.slug}/termin.ics",
            # The report form exists only for what the public sees.
            *(f"/melden/projekt/{p.slug}/" for p in self.unpublished_projects),
            f"/melden/organisation/{self.hidden_organisation.slug}/",
            f"/melden/person/{self.unconsented.slug}/",
            f"/melden/person/{self.withdrawn.slug}/",
            f"/melden/veranstaltung/{self.draft_event.slug}/",
            *(f"/kontakt-aufnehmen/projekt/{p.slug}/" for p in self.unpublished_projects),
            f"/kontakt-aufnehmen/organisation/{self.hidden_organisation.slug}/",
            f"/kontakt-aufnehmen/person/{self.unconsented.slug}/",
            f"/kontakt-aufnehmen/person/{self.withdrawn.slug}/",
            *(f"/api/v1/projects/{p.slug}/" for p in self.unpublished_projects),
            f"/api/v1/organisations/{self.hidden_organisation.slug}/",
            *(f"/api/v1/organisations/{o.slug}/" for o in self.proposed_organisations),
            *(
                f"/api/v1/people/{p.slug}/"
                for p in [self.unconsented, self.withdrawn, self.proposed, self.declined]
            ),
            f"/api/v1/events/{self.draft_event.slug}/",
        ]

    @property
    def public_paths(self) -> list[str]:
        """Every public surface that lists, links, matches or feeds content."""
        return [
            "/",
            "/projekte/",
            "/projekte/?gute_praxis=on",
            "/projekte/?bedarf=kooperation",
            "/projekte/?angebot=kooperation",
            "/projekte/?thema=bildung&sortierung=titel",
            "/projekte/?ansicht=karte",
            "/gute-praxis/",
            f"/projekte/{self.project.slug}/",
            "/netzwerk/organisationen/",
            "/netzwerk/organisationen/?angebot=kooperation",
            f"/netzwerk/organisationen/{self.organisation.slug}/",
            "/netzwerk/personen/",
            "/netzwerk/personen/?angebot=kooperation",
            f"/netzwerk/personen/{self.person.slug}/",
            "/netzwerk/bedarfe-und-angebote/",
            "/veranstaltungen/",
            "/veranstaltungen/?zeit=alle",
            "/veranstaltungen/?zeit=alle&ansicht=karte",
            f"/veranstaltungen/{self.event.slug}/",
            f"/veranstaltungen/reihe/{self.series.slug}/",
            "/veranstaltungen/kalender.ics",
            f"/veranstaltungen/reihe/{self.series.slug}/kalender.ics",
            f"/veranstaltungen/{self.event.slug}/termin.ics",
            "/feeds/projekte/rss/",
            "/feeds/projekte/atom/",
            "/feeds/veranstaltungen/rss/",
            "/feeds/veranstaltungen/atom/",
            "/sitemap.xml",
            "/suche/",
            f"/melden/projekt/{self.project.slug}/",
            f"/melden/organisation/{self.organisation.slug}/",
            f"/melden/person/{self.person.slug}/",
            f"/melden/veranstaltung/{self.event.slug}/",
            *API_LISTS,
            f"/api/v1/projects/{self.project.slug}/",
            f"/api/v1/organisations/{self.organisation.slug}/",
            f"/api/v1/people/{self.person.slug}/",
            f"/api/v1/events/{self.event.slug}/",
            f"/api/v1/series/{self.series.slug}/",
            *OPEN_DATA,
        ]


#: Every list of the read API, filtered as the list pages are (all on one page).
API_LISTS = [
    "/api/v1/projects/?limit=100",
    "/api/v1/projects/?gute_praxis=true&limit=100",
    "/api/v1/projects/?bedarf=kooperation&limit=100",
    "/api/v1/projects/?angebot=kooperation&limit=100",
    "/api/v1/projects/?thema=bildung&sortierung=titel&limit=100",
    "/api/v1/organisations/?limit=100",
    "/api/v1/organisations/?angebot=kooperation&limit=100",
    "/api/v1/people/?limit=100",
    "/api/v1/people/?angebot=kooperation&limit=100",
    "/api/v1/events/?zeit=alle&limit=100",
    "/api/v1/series/?limit=100",
    "/api/v1/vocabulary/topics/?limit=100",
]
# The open data page and every file it offers (each dataset as CSV and JSON).
OPEN_DATA = [
    "/daten/",
    "/daten/datapackage.json",
    "/daten/katalog.ttl",
    "/daten/katalog.jsonld",
    *(f"/daten/{dataset.slug}.{fmt}" for dataset in DATASETS for fmt in FORMATS),
]
# Outside the language prefix: the sitemap (it lists both languages) and the API.
UNTRANSLATED = {"/sitemap.xml"}
SEARCHES = [
    "/projekte/?q={}",
    "/netzwerk/organisationen/?q={}",
    "/netzwerk/personen/?q={}",
    "/veranstaltungen/?q={}",
    "/suche/?q={}",
    *(f"/api/v1/{kind}/?q={{}}" for kind in ["projects", "organisations", "people", "events"]),
]
SECRET_WORDS = [
    *UNPUBLISHED_PROJECTS,
    "Quokkarevision",
    "Quokkaorgrevision",
    "Quokkaverein",
    "Quokkavorschlag",
    "Quokkaabgewiesen",
    "Quokkaperson",
    "Quokkarolle",
    "Quokkawiderruf",
    "Quokkaexpert",
    "Quokkaforum",
    "Quokkaimpuls",
]


@pytest.fixture
def portal():
    return Portal()


@pytest.fixture(params=["anonymous", "signed-in"])
def visitor(request, client):
    """The public, and someone signed in who is in no team and has no profile."""
    if request.param == "signed-in":
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        client.force_login(user)
    return client


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def leaks(body: str, *, query: str = "") -> list[str]:
    """The secret words and addresses in a response (the echoed search words aside)."""
    if query:
        body = re.sub(re.escape(query), "", body, flags=re.IGNORECASE)
    found = re.findall(rf"\w*{SECRET}\w*", body, flags=re.IGNORECASE)
    found += re.findall(rf"{SECRET_ADDRESS}[\w-]*", body)
    return sorted(set(found))


@pytest.mark.parametrize("language", ["", "/en"])
def test_unpublished_content_is_absent_from_every_public_surface(portal, visitor, language):
    problems = {}
    for path in portal.public_paths:
        if language and (path in UNTRANSLATED or path.startswith("/api/")):
            continue
        for htmx in [False, True] if "?" in path and not path.startswith("/suche") else [False]:
            headers = {"HX-Request": "true"} if htmx else {}
            response = visitor.get(language + path, headers=headers)
            assert response.status_code == 200, path
            if found := leaks(body_of(response)):
                problems[f"{language}{path}{' (htmx)' if htmx else ''}"] = found
    assert not problems, problems


def test_search_never_finds_unpublished_content(portal, visitor, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 0  # a sweep of hundreds of searches from one client
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    problems = {}
    for word in SECRET_WORDS:
        for search in SEARCHES:
            path = search.format(word)
            response = visitor.get(path)
            assert response.status_code == 200, path
            if found := leaks(body_of(response), query=word):
                problems[path] = found
    assert not problems, problems


def test_search_finds_the_published_counterparts(portal, client):
    """So that the search test above is not green because search finds nothing at all."""
    expectations = {
        "/projekte/?q=Leuchtturmprojekt": "/projekte/leuchtturmprojekt/",
        "/netzwerk/organisationen/?q=Sichtbarverein": "/netzwerk/organisationen/sichtbarverein/",
        "/netzwerk/personen/?q=Paula": "/netzwerk/personen/paula-sichtbar/",
        "/veranstaltungen/?q=Sichtbarforum": "/veranstaltungen/sichtbarforum/",
        "/suche/?q=Leuchtturmprojekt": "/projekte/leuchtturmprojekt/",
        "/suche/?q=Sichtbarforum": "/veranstaltungen/sichtbarforum/",
        "/api/v1/projects/?q=Leuchtturmprojekt": "/projekte/leuchtturmprojekt/",
        "/api/v1/organisations/?q=Sichtbarverein": "/netzwerk/organisationen/sichtbarverein/",
        "/api/v1/people/?q=Paula": "/netzwerk/personen/paula-sichtbar/",
        "/api/v1/events/?q=Sichtbarforum": "/veranstaltungen/sichtbarforum/",
    }
    for path, link in expectations.items():
        assert link in client.get(path).content.decode(), path


def test_unpublished_detail_pages_do_not_exist_for_the_public(portal, visitor):
    for path in portal.unpublished_detail_paths:
        for language in ["", "/en"]:
            response = visitor.get(language + path)
            assert response.status_code == 404, path
            # The page may repeat the address asked for (e.g. in the language switch).
            assert not leaks(body_of(response), query=path), path


def test_public_pages_show_their_published_neighbours(portal, client):
    """The surfaces above do list and match: the published counterparts are all there."""

    def html(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return body_of(response)

    home = html("/")
    assert PUBLIC["project"] in home and PUBLIC["event"] in home
    assert PUBLIC["organisation"] in home  # platform partner
    project = html(f"/projekte/{portal.project.slug}/")
    assert "Ein Leuchtturm für alle." in project  # the approved summary
    assert PUBLIC["organisation"] in project and PUBLIC["person"] in project  # partner, helper
    assert PUBLIC["event"] in project  # presented there
    organisation = html(f"/netzwerk/organisationen/{portal.organisation.slug}/")
    assert PUBLIC["project"] in organisation  # partner in it; and its offers meet its needs
    person = html(f"/netzwerk/personen/{portal.person.slug}/")
    assert PUBLIC["project"] in person and PUBLIC["event"] in person
    event = html(f"/veranstaltungen/{portal.event.slug}/")
    assert PUBLIC["person"] in event and PUBLIC["project"] in event
    assert PUBLIC["event"] in html(f"/veranstaltungen/reihe/{portal.series.slug}/")
    assert PUBLIC["event"] in html("/veranstaltungen/kalender.ics")
    assert PUBLIC["event"] in html(f"/veranstaltungen/reihe/{portal.series.slug}/kalender.ics")
    assert PUBLIC["project"] in html("/feeds/projekte/rss/")
    assert PUBLIC["event"] in html("/feeds/veranstaltungen/atom/")
    assert PUBLIC["project"] in html("/gute-praxis/")
    assert PUBLIC["project"] in html("/daten/projekte.csv")
    assert PUBLIC["organisation"] in html("/daten/organisationen.json")
    assert PUBLIC["person"] in html("/daten/personen.csv")
    assert PUBLIC["event"] in html("/daten/veranstaltungen.json")
    assert portal.series.title in html("/daten/veranstaltungsreihen.csv")
    sitemap = html("/sitemap.xml")
    for slug in ["leuchtturmprojekt", "sichtbarverein", "paula-sichtbar", "sichtbarforum"]:
        assert slug in sitemap


def test_team_and_moderation_still_see_what_they_work_on(portal, client):
    """The filters hide content from the public, not from the people who own it."""
    draft = portal.unpublished_projects[0]
    owner = draft.memberships.get(role=ProjectMembership.Role.OWNER).user
    client.force_login(owner)
    assert "Quokkaentwurf" in client.get(f"/projekte/{draft.slug}/").content.decode()
    assert "Quokkaentwurf" in client.get("/projekte/meine/").content.decode()


def test_weekly_digest_and_follow_list_never_show_unpublished_content(
    portal, client, django_capture_on_commit_callbacks
):
    """Someone follows everything here (the hidden things while they were public), offers
    what the unpublished projects need, and wants the digest: only public things reach
    the mail and the list of what they follow."""
    from django.core import mail

    from following import digest, services
    from following.models import Follow

    follower = UserFactory(email="folgerin@example.org")
    EmailAddress.objects.create(user=follower, email=follower.email, verified=True, primary=True)
    PersonFactory(user=follower, offers=[SupportCategory.objects.get(slug="kooperation")])
    for target in [portal.project, portal.organisation, portal.series]:
        services.follow(user=follower, target=target)
    Follow.objects.create(user=follower, organisation=portal.hidden_organisation)
    for project in portal.unpublished_projects:
        Follow.objects.create(user=follower, project=project)
    services.save_digest_setting(user=follower, weekly=True, region="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digests(now=digest.timezone.now().replace(hour=12))

    (message,) = [m for m in mail.outbox if m.to == [follower.email]]
    assert PUBLIC["event"] in message.body and PUBLIC["project"] in message.body
    for body in [message.body, message.alternatives[0][0]]:
        assert not leaks(body), leaks(body)
    client.force_login(follower)
    page = body_of(client.get("/konto/benachrichtigungen/"))
    assert PUBLIC["project"] in page and not leaks(page), leaks(page)
