"""What can be reported: the public pages of projects, organisations, people and events.

Each kind names its address (``/melden/<kind>/<slug>/``), where its public objects come
from, how the moderation restricts one (each app's own service, through its ``public.py``)
and who owns it (whom the statement of reasons goes to). Events are the ministry's own
content: restricting one tells no outside owner.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from events.public import published_events, restrict_event
from network.public import (
    hide_organisation,
    hide_person,
    organisation_member_accounts,
    people_with_consent,
    person_address,
    public_organisations,
)
from projects.public import published_projects, restrict_project, team_accounts


@dataclass(frozen=True)
class Target:
    kind: str  # the address part: /melden/<kind>/<slug>/
    label: Any  # what the content is called ("Projekt")
    public: Callable  # () -> the public objects (a QuerySet with ``slug``)
    title: Callable[[Any], str]
    restrict: Callable[..., Any]  # (obj, *, moderator, statement) -> None
    owners: Callable[[Any], list[tuple[str, str]]]  # obj -> [(address, language)]
    owner_label: Any  # who the owners are ("the project team")


def _accounts(users) -> list[tuple[str, str]]:
    return [(user.email, user.language or "de") for user in users]


def _person_owner(person) -> list[tuple[str, str]]:
    address, language = person_address(person)
    return [(address, language or "de")] if address else []


TARGETS = {
    target.kind: target
    for target in [
        Target(
            kind="projekt",
            label=_("project"),
            public=published_projects,
            title=lambda project: project.title,
            restrict=lambda project, *, moderator, statement: restrict_project(
                project, moderator=moderator, statement=statement
            ),
            owners=lambda project: _accounts(team_accounts(project)),
            owner_label=_("the project team"),
        ),
        Target(
            kind="organisation",
            label=_("organisation"),
            public=public_organisations,
            title=lambda organisation: organisation.name,
            restrict=lambda organisation, *, moderator, statement: hide_organisation(
                organisation, by=moderator
            ),
            owners=lambda organisation: _accounts(organisation_member_accounts(organisation)),
            owner_label=_("the organisation's members"),
        ),
        Target(
            kind="person",
            label=_("person profile"),
            public=people_with_consent,
            title=lambda person: person.name,
            restrict=lambda person, *, moderator, statement: hide_person(person, by=moderator),
            owners=_person_owner,
            owner_label=_("the person"),
        ),
        Target(
            kind="veranstaltung",
            label=_("event"),
            public=published_events,
            title=lambda event: event.title,
            restrict=lambda event, *, moderator, statement: restrict_event(event, by=moderator),
            owners=lambda event: [],
            owner_label=_("the editorial team (the portal's own content)"),
        ),
    ]
}


def target_of_model(model) -> Target | None:
    """The kind whose objects are of ``model`` (a report's content type)."""
    for target in TARGETS.values():
        if target.public().model is model:
            return target
    return None


def target_of(obj) -> Target | None:
    return target_of_model(type(obj))
