"""``manage.py refresh_search`` indexes every kind again (README: Deploy)."""

import pytest
from django.core.management import call_command

from events.models import Event
from events.public import published_events
from network.models import Organisation, Person
from network.public import search_organisations, search_people
from projects.models import Project
from projects.public import search_projects
from tests.events.factories import EventFactory
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.search import search

pytestmark = pytest.mark.django_db


def test_refresh_search_indexes_what_an_old_release_indexed_differently(capsys):
    """Rows indexed before a change (here: not at all) are found after the command."""
    ProjectFactory(title="Sprachcafé Riesa", published=True)
    OrganisationFactory(name="Stadtteilhaus Riesa")
    PersonFactory(name="Rita Riesa", role="Moderatorin im Sprachcafé", consent=True)
    EventFactory(title="Dialogcafé Riesa")
    for model in (Project, Organisation, Person, Event):
        model.objects.update(search_vector=None, search_text="")
    assert not search_projects("Café").exists()

    call_command("refresh_search")

    assert [p.title for p in search_projects("Café")] == ["Sprachcafé Riesa"]
    assert [o.name for o in search_organisations("Haus")] == ["Stadtteilhaus Riesa"]
    assert [p.name for p in search_people("Riesa")] == ["Rita Riesa"]
    assert [e.title for e in search(published_events(), "Café")] == ["Dialogcafé Riesa"]
    out = capsys.readouterr().out
    assert "projects: 1" in out and "people: 1" in out and "events: 1" in out
