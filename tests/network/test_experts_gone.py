"""A self-created profile, once published, is everywhere a public profile is; withdrawn, it
is gone from all of those places at once – and before the moderation publishes it, it is in
none of them."""

import pytest
from django.core.cache import cache

from network import services
from network.models import Person
from taxonomy.models import SupportCategory, Topic
from tests.events.factories import AgendaItemFactory, EventFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NAME = "Quirina Quellenberg"


@pytest.fixture
def world(user):
    need = SupportCategory.objects.get(slug="mentoring")
    topic = Topic.objects.first()
    project = ProjectFactory(published=True, title="Dorfladen Mitte", topics=[topic])
    project.needs.set([need])
    person = services.propose_own_profile(
        user=user,
        data={
            "name": NAME,
            "kind": Person.Kind.MENTOR,
            "role": "Mentorin",
            "bio": "Begleitet Dorfläden.",
            "topics": [topic],
            "offers": [need],
        },
        text=services.current_consent_text(),
    )
    event = EventFactory(title="Werkstatt Ehrenamt", slug="werkstatt-ehrenamt")
    AgendaItemFactory(event=event, title="Impuls", speakers=[person])
    return {"person": person, "project": project, "event": event}


def surfaces(world) -> dict[str, str]:
    person, project, event = world["person"], world["project"], world["event"]
    return {
        "directory": "/netzwerk/personen/",
        "directory filtered by offer": "/netzwerk/personen/?angebot=mentoring",
        "directory search": "/netzwerk/personen/?q=Quellenberg",
        "portal search": "/suche/?q=Quellenberg",
        "sitemap": "/sitemap.xml",
        "project: who can help": project.get_absolute_url(),
        "event: speakers": event.get_absolute_url(),
        "event feed": "/feeds/veranstaltungen/rss/",
        "event calendar": f"/veranstaltungen/{event.slug}/termin.ics",
        "needs and offers": "/netzwerk/bedarfe-und-angebote/",
        "detail": person.get_absolute_url(),
    }


def where_shown(client, world) -> set[str]:
    cache.clear()  # the page cache follows the content generation; read afresh anyway
    shown = set()
    for label, path in surfaces(world).items():
        response = client.get(path)
        if response.status_code == 200 and NAME in response.content.decode():
            shown.add(label)
    return shown


# Where a public profile is named (the feed, the calendar and the needs table name no one).
NAMED_IN = {
    "directory",
    "directory filtered by offer",
    "directory search",
    "portal search",
    "project: who can help",
    "event: speakers",
    "detail",
}


def test_a_proposed_profile_is_nowhere_public(client, world):
    assert where_shown(client, world) == set()
    assert client.get(world["person"].get_absolute_url()).status_code == 404


def test_published_it_is_everywhere_and_withdrawn_it_is_gone_everywhere_at_once(
    client, user, moderator, world
):
    person = world["person"]
    services.decide_profile(person=person, action="publish", by=moderator)
    assert where_shown(client, world) == NAMED_IN
    assert person.slug in client.get("/sitemap.xml").content.decode()

    # The person withdraws with the button in their account (as a staff-created one does).
    client.force_login(user)
    response = client.post("/netzwerk/einwilligung/konto/", {"action": "withdraw"}, follow=True)
    assert "Ihr Profil ist nicht mehr öffentlich." in response.content.decode()
    client.logout()

    assert where_shown(client, world) == set()
    assert client.get(person.get_absolute_url()).status_code == 404
    assert person.slug not in client.get("/sitemap.xml").content.decode()
    assert not Person.objects.public().filter(pk=person.pk).exists()
