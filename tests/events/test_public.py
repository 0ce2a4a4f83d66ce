"""What other apps ask of events: the events a person or project appears in."""

import pytest

from events.public import events_for_person, events_for_project, upcoming_events
from tests.events.factories import AgendaItemFactory, EventFactory
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_events_for_person_lists_public_events_they_speak_at_newest_first():
    person = PersonFactory(consent=True)
    older = EventFactory(past=True, title="Früher")
    newer = EventFactory(title="Später")
    draft = EventFactory(draft=True)
    for event in (older, newer, draft):
        AgendaItemFactory(event=event, speakers=[person])
    AgendaItemFactory(event=newer, speakers=[person])  # twice on one agenda: listed once
    EventFactory()
    assert list(events_for_person(person)) == [newer, older]


def test_events_for_project_lists_presented_and_resulting_in_one_query(django_assert_num_queries):
    project = ProjectFactory(published=True)
    presented = EventFactory(title="Vorgestellt")
    AgendaItemFactory(event=presented, presented_projects=[project])
    AgendaItemFactory(event=presented, presented_projects=[project])
    presented.resulting_projects.add(project)  # listed once all the same
    came_out_of = EventFactory(past=True, title="Entstanden")
    came_out_of.resulting_projects.add(project)
    with django_assert_num_queries(1):
        events = list(events_for_project(project))
        titles = [(e.title, e.series and e.series.title) for e in events]
    assert [t for t, _ in titles] == ["Vorgestellt", "Entstanden"]


def test_upcoming_events_for_the_home_page():
    soon = EventFactory()
    EventFactory(past=True)
    EventFactory(draft=True)
    assert upcoming_events(limit=3) == [soon]


def test_project_and_person_pages_show_their_events(client):
    project = ProjectFactory(published=True)
    person = PersonFactory(consent=True)
    event = EventFactory(title="Forum mit Bezug")
    AgendaItemFactory(event=event, presented_projects=[project], speakers=[person])
    for path in (project.get_absolute_url(), person.get_absolute_url()):
        page = client.get(path).content.decode()
        assert f'href="/veranstaltungen/{event.slug}/"' in page, path
