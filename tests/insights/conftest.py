"""A seeded platform whose figures are known, for the dashboard's tests."""

import csv
import io
import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission

from events.models import Registration
from following.models import Follow
from insights.snapshots import take_snapshot
from projects.models import Project, Transition
from taxonomy.models import SupportCategory, Topic
from tests.contact.factories import ContactRequestFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import CallRoundFactory, FundingProgrammeFactory, ProjectFactory

BERLIN = ZoneInfo("Europe/Berlin")
PERIOD = {"von": "2026-01-01", "bis": "2026-06-30"}


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=BERLIN)


def step(project, to_status, day):
    transition = Transition.objects.create(project=project, to_status=to_status)
    Transition.objects.filter(pk=transition.pk).update(created_at=at(day))


@pytest.fixture
def seeded(db):
    """Projects, an event, network additions and two snapshots with known counts."""
    esf = FundingProgrammeFactory(name="ESF Plus")
    first_round = CallRoundFactory(programme=esf, name="1. Aufruf")
    stiftung = FundingProgrammeFactory(name="=Bürgerstiftung")  # a formula-like name
    topic = Topic.objects.order_by("position")[0]
    need, offer = SupportCategory.objects.order_by("position")[:2]

    def project(title, day, **fields):
        made = ProjectFactory(title=title, published=True, **fields)
        Project.objects.filter(pk=made.pk).update(published_at=at(day))
        return made

    p1 = project(
        "Dorfladen", "2026-02-10", region="dresden", stage="idee",
        funding_programme=esf, call_round=first_round,
    )  # fmt: skip
    p1.topics.set([topic])
    p1.needs.set([need])
    p2 = project("Repair-Café", "2026-02-20", region="leipzig", funding_programme=stiftung)
    p2.needs.set([need])
    project("Quartiersbus", "2026-04-01", region="dresden")
    project("Alt", "2025-12-01", region="dresden")  # before the period
    draft = ProjectFactory(title="Entwurf")
    for made, day in [(p1, "2026-02-01"), (p2, "2026-02-03"), (draft, "2026-02-05")]:
        step(made, Transition.Step.SUBMITTED, day)
    step(p1, Transition.Step.SUBMITTED, "2026-03-28")  # again, after changes were requested
    step(p1, Transition.Step.BEST_PRACTICE, "2026-03-05")

    event = EventFactory(
        title="Forum Weißwasser", start=at("2026-03-10", 10), end=at("2026-03-10", 16)
    )
    RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event, accessibility_needs="Gebärdensprache")
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlist_number=1)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=event, status=Registration.Status.EXPIRED, accessibility_needs="x")
    EventFactory(
        title="Entwurfsforum", draft=True, start=at("2026-03-12"), end=at("2026-03-12", 18)
    )

    organisation = OrganisationFactory(name="Nachbarschaftshilfe", region="leipzig", offers=[need])
    person = PersonFactory(consent=True, region="dresden", offers=[offer])
    follower = UserFactory()
    follow = Follow.objects.create(user=follower, project=p1)
    message = ContactRequestFactory(project=p1, recipients=[follower])
    for model, pk, day in [
        (type(organisation), organisation.pk, "2026-03-15"),
        (type(person), person.pk, "2026-03-20"),
        (Follow, follow.pk, "2026-04-02"),
        (type(message), message.pk, "2026-05-05"),
    ]:
        model.objects.filter(pk=pk).update(created_at=at(day))

    # March: Dresden needs one category nobody there offers; Leipzig's need is met.
    take_snapshot(now=at("2026-03-31"))
    p1.needs.add(offer)  # April: Dresden needs what the person in Dresden offers
    take_snapshot(now=at("2026-04-30"))
    return {"need": need, "offer": offer}


@pytest.fixture
def ministry(db):
    """Staff with the dashboard permission only, signed in with a second factor."""
    user = verified(UserFactory(is_staff=True))
    user.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    return user


@pytest.fixture
def ministry_client(client, ministry):
    return log_in_with_second_factor(client, ministry)


class Tables(HTMLParser):
    """{figure id: [[cell, …], …]} of the dashboard's tables (heading row first)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.section = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "section" and "insights-figure" in (values.get("class") or ""):
            self.section = values["id"]
            self.tables[self.section] = []
        elif tag == "tr" and self.section:
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.section:
            self.tables[self.section].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def column(table, name) -> dict[str, str]:
    index = table[0].index(name)
    return {row[0]: row[index] for row in table[1:]}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)
