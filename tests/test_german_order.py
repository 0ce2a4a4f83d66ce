"""Lists sorted by name are in German alphabetical order, not in code-point order."""

import re

import pytest

from network.models import Organisation, Person
from projects.models import Project
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.german import german_order

pytestmark = pytest.mark.django_db

# In code-point order (the cluster's C.UTF-8 collation): SEND, Sachgebiet, Zebra, Ärztehaus.
NAMES = ["SEND", "Ärztehaus", "Zebra", "Sachgebiet", "Ökodorf", "Oase"]
GERMAN = ["Ärztehaus", "Oase", "Ökodorf", "Sachgebiet", "SEND", "Zebra"]


@pytest.fixture
def consent_text(db):
    from network.default_consent import ensure_consent_text
    from network.models import ConsentText

    return ensure_consent_text(ConsentText)


def _in_page_order(html: str, names) -> list[str]:
    return sorted(names, key=lambda name: html.index(f">{name}<"))


def test_german_order_puts_sachgebiet_before_send():
    for name in NAMES:
        OrganisationFactory(name=name)
    names = list(
        Organisation.objects.order_by(*german_order("name")).values_list("name", flat=True)
    )
    assert names == GERMAN
    assert list(Organisation.objects.values_list("name", flat=True)) == GERMAN  # default order


def test_organisation_list_is_in_german_order(client):
    for name in NAMES:
        OrganisationFactory(name=name)
    html = client.get("/netzwerk/organisationen/").content.decode()
    assert _in_page_order(html, NAMES) == GERMAN


def test_people_list_is_in_german_order(client, consent_text):
    for name in ["SEND Beratung", "Sachgebiet Soziales"]:
        PersonFactory(name=name, consent=True)
    html = client.get("/netzwerk/personen/").content.decode()
    assert _in_page_order(html, ["SEND Beratung", "Sachgebiet Soziales"]) == [
        "Sachgebiet Soziales",
        "SEND Beratung",
    ]
    assert list(Person.objects.values_list("name", flat=True)) == [
        "Sachgebiet Soziales",
        "SEND Beratung",
    ]


def test_project_list_sorted_by_title_is_in_german_order(client):
    for title in NAMES:
        ProjectFactory(title=title, published=True)
    html = client.get("/projekte/?sortierung=titel").content.decode()
    titles = re.findall(r">(" + "|".join(NAMES) + r")<", html)
    assert list(dict.fromkeys(titles)) == GERMAN


def _admin_rows(kind: str):
    from tests.events.factories import EventFactory, RegistrationFactory, SeriesFactory

    make = {
        "network/organisation": lambda name: OrganisationFactory(name=name),
        "network/person": lambda name: PersonFactory(name=name),
        "projects/project": lambda name: ProjectFactory(title=name),
        "projects/moderationqueueentry": lambda name: ProjectFactory(
            title=name, status=Project.Status.SUBMITTED
        ),
        "events/series": lambda name: SeriesFactory(title=name),
        "events/event": lambda name: EventFactory(title=name),
        "events/registration": lambda name: RegistrationFactory(name=name),
    }[kind]
    for name in NAMES:
        make(name)


@pytest.mark.parametrize(
    "kind",
    [
        "network/organisation",
        "network/person",
        "projects/project",
        "projects/moderationqueueentry",
        "events/series",
        "events/event",
        "events/registration",
    ],
)
def test_admin_lists_sort_names_in_german_order_by_their_column(client, kind):
    from tests.factories import UserFactory, log_in_with_second_factor, verified

    _admin_rows(kind)
    log_in_with_second_factor(client, verified(UserFactory(is_staff=True, is_superuser=True)))
    for query in ["?o=1", "?o=-1"]:
        html = client.get(f"/admin/{kind}/{query}").content.decode()
        expected = GERMAN if query == "?o=1" else GERMAN[::-1]
        assert _in_page_order(html, NAMES) == expected, query


def test_admin_directory_lists_names_in_german_order_by_default(client):
    from tests.factories import UserFactory, log_in_with_second_factor, verified

    for name in NAMES:
        OrganisationFactory(name=name)
    log_in_with_second_factor(client, verified(UserFactory(is_staff=True, is_superuser=True)))
    html = client.get("/admin/network/organisation/").content.decode()
    assert _in_page_order(html, NAMES) == GERMAN
