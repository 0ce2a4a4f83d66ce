"""Which writes empty the page cache: every table visitors see, and no other.

Each table gets a row, then one write to it alone; the content generation (the page
cache's key, zukunftsplattform/pagecache.py) must change exactly for the visible tables.
A new table fails here until a migration gives it ``change_trigger`` or
``pagecache.INVISIBLE`` says why no visitor sees it.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from contact.models import BlockedSender, ContactOptOut, ContactReport
from events.models import Photo, Slides
from network.models import JoinRequest, Organisation, OrganisationInvitation
from pages.models import Feedback
from projects.models import CallRound, FundingProgramme, Invitation, Transition
from taxonomy.models import SupportCategory, Synonym, TargetGroup, Topic
from taxonomy.vocabulary import ensure_synonyms, ensure_vocabulary
from tests.contact.factories import ContactRequestFactory
from tests.events.factories import (
    AgendaItemFactory,
    EventFactory,
    RegistrationFactory,
    SeriesFactory,
)
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.pagecache import CONTENT_APPS, INVISIBLE, content_generation

TABLES = sorted(
    {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in CONTENT_APPS and model._meta.managed and not model._meta.proxy
    }
)


@pytest.fixture
def a_row_in_every_table(db):
    topic, category = _vocabulary()
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name="Testgruppe")[0])
    user.user_permissions.add(Permission.objects.first())
    organisation = OrganisationFactory(topics=[topic], offers=[category], members=[user])
    person = PersonFactory(topics=[topic], offers=[category], consent=True)
    programme = FundingProgramme.objects.create(name="Sozialinnovation Sachsen")
    call_round = CallRound.objects.create(programme=programme, name="Aufruf 2026")
    project = ProjectFactory(
        published=True,
        topics=[topic],
        owner=user,
        funding_programme=programme,
        call_round=call_round,
    )
    project.target_groups.add(TargetGroup.objects.first())
    project.needs.add(category)
    project.offers.add(category)
    project.partner_organisations.add(organisation)
    Invitation.objects.create(
        project=project,
        email="eingeladen@example.org",
        token="einladung",
        invited_by=user,
        expires_at=timezone.now(),
    )
    Transition.objects.create(project=project, to_status=project.status, actor=user)
    event = EventFactory(series=SeriesFactory())
    event.resulting_projects.add(project)
    AgendaItemFactory(event=event, speakers=[person], presented_projects=[project])
    RegistrationFactory(event=event)
    Slides.objects.create(event=event, title="Folien", file=ContentFile(b"%PDF", "f.pdf"))
    Photo.objects.create(event=event, image=ContentFile(b"x", "p.webp"), alt_text="Ein Foto")
    Feedback.objects.create(kind=Feedback.Kind.choices[0][0], message="Gut")
    OrganisationInvitation.objects.create(
        organisation=organisation,
        email="kollegin@example.org",
        token="einladung-organisation",
        invited_by=user,
        expires_at=timezone.now(),
    )
    JoinRequest.objects.create(organisation=organisation, user=UserFactory())
    message = ContactRequestFactory(project=project, recipients=[user])
    ContactReport.objects.create(request=message, reason="Werbung")
    BlockedSender.objects.create(user=message.sender)
    ContactOptOut.objects.create(person=person)
    assert Organisation.objects.exists()


def _vocabulary():
    ensure_vocabulary(Topic, TargetGroup, SupportCategory)
    ensure_synonyms(Synonym)
    return Topic.objects.first(), SupportCategory.objects.first()


def generation_after_writing(table: str) -> tuple[int | None, int | None]:
    with connection.cursor() as cursor:
        # The test runs in one transaction: let the deferred triggers of the set-up fire
        # now, then forget that this transaction already bumped the generation.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SELECT set_config('portal.content_changed', '', true)")
        before = content_generation()
        name = connection.ops.quote_name(table)  # one of our own tables
        cursor.execute(f"UPDATE {name} SET id = id WHERE id = (SELECT min(id) FROM {name})")  # noqa: S608
        assert cursor.rowcount == 1, f"{table} has no row to write"
    return before, content_generation()


@pytest.mark.parametrize("table", [t for t in TABLES if t not in INVISIBLE])
def test_a_write_to_a_visible_table_changes_the_page_cache_key(table, a_row_in_every_table):
    before, after = generation_after_writing(table)

    assert after != before, f"{table} has no change trigger: add change_trigger() in a migration"


@pytest.mark.parametrize("table", [t for t in TABLES if t in INVISIBLE])
def test_a_write_to_an_invisible_table_keeps_the_page_cache_key(table, a_row_in_every_table):
    before, after = generation_after_writing(table)

    assert after == before
