"""The lifecycle tables are what the services enforce.

For every state of each table, every action and every role: where the table has the step
for the role, the service takes it and the object lands in the step's target; everywhere
else the service refuses and nothing changes. A step added to a table without a service
(or a service that lets more through than the table) fails here.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import services as event_services
from events.lifecycle import EVENT
from events.models import Event
from network import services as network_services
from network.models import Organisation
from projects import services
from projects.lifecycle import CHANGES, PROJECT
from projects.models import Project, ProjectMembership
from tests.events.factories import EventFactory
from tests.factories import UserFactory, in_moderation, verified
from tests.network.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.lifecycle import MODERATOR
from zukunftsplattform.moderation import AUTHOR, PROPOSAL_LIFECYCLE

pytestmark = pytest.mark.django_db

STORY = {"story_what_worked": "Verlässlichkeit", "story_lessons": "", "story_transfer": ""}
PROJECT_SERVICES = {
    "edit": lambda p, u: services.update_project(project=p, user=u, data={"title": "Neu"}),
    "submit": lambda p, u: services.submit_project(project=p, user=u),
    "withdraw": lambda p, u: services.withdraw_submission(project=p, user=u),
    "publish": lambda p, u: services.publish_project(project=p, moderator=u),
    "request_changes": lambda p, u: services.request_changes(
        project=p, moderator=u, message="Bitte kürzen."
    ),
    "reject": lambda p, u: services.reject_project(project=p, moderator=u, reason="Nein."),
    "archive": lambda p, u: services.archive_project(project=p, moderator=u),
    "best_practice": lambda p, u: services.set_best_practice(project=p, moderator=u, story=STORY),
    "not_best_practice": lambda p, u: services.set_best_practice(
        project=p, moderator=u, story=None
    ),
}
# The services of a published project's pending changes (CHANGES) have the team's names.
CHANGE_SERVICES = {
    "edit": PROJECT_SERVICES["edit"],
    "submit": PROJECT_SERVICES["submit"],
    "withdraw": PROJECT_SERVICES["withdraw"],
    "approve": PROJECT_SERVICES["publish"],
    "request_changes": PROJECT_SERVICES["request_changes"],
    "reject": PROJECT_SERVICES["reject"],
}
ROLES = ["owner", "editor", "moderator", "stranger"]
REFUSED = (ValidationError, PermissionDenied)


def _user_with(role: str, project):
    user = verified(UserFactory())
    if role in {"owner", "editor"}:
        ProjectMembership.objects.filter(project=project, role=role).delete()
        ProjectMembership.objects.create(project=project, user=user, role=role)
    if role == "moderator":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        in_moderation(user)
    return user


def _table_roles(role: str) -> set[str]:
    return {"moderator": {MODERATOR}, "stranger": set()}.get(role, {role})


def test_every_action_of_the_tables_has_a_service():
    assert set(PROJECT.actions) == set(PROJECT_SERVICES)
    assert set(CHANGES.actions) == set(CHANGE_SERVICES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", PROJECT.actions)
@pytest.mark.parametrize("state", list(PROJECT.states))
def test_project_service_takes_exactly_the_steps_of_the_table(state, action, role):
    project = ProjectFactory(owner=UserFactory())
    Project.objects.filter(pk=project.pk).update(status=state)
    project.refresh_from_db()
    user = _user_with(role, project)
    allowed = PROJECT.allows(action, state, _table_roles(role))
    if allowed:
        PROJECT_SERVICES[action](project, user)
        project.refresh_from_db()
        targets = {step.target for step in PROJECT.steps_from(state, action)}
        assert project.status in targets
    else:
        with pytest.raises(REFUSED):
            PROJECT_SERVICES[action](project, user)
        project.refresh_from_db()
        assert project.status == state
        assert project.revision == {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", CHANGES.actions)
@pytest.mark.parametrize("state", list(CHANGES.states))
def test_change_services_take_exactly_the_steps_of_the_table(state, action, role):
    project = ProjectFactory(owner=UserFactory(), published=True, title="Alt")
    revision = {"title": "Vorgeschlagen"} if state else {}
    Project.objects.filter(pk=project.pk).update(revision=revision, revision_state=state)
    project.refresh_from_db()
    user = _user_with(role, project)
    team_roles = {AUTHOR} if role in {"owner", "editor"} else _table_roles(role)
    if CHANGES.allows(action, state, team_roles):
        CHANGE_SERVICES[action](project, user)
        project.refresh_from_db()
        [step] = CHANGES.steps_from(state, action)
        assert project.revision_state == step.target
        assert project.status == Project.Status.PUBLISHED
        assert project.title == ("Vorgeschlagen" if action == "approve" else "Alt")
    else:
        with pytest.raises(REFUSED):
            CHANGE_SERVICES[action](project, user)
        project.refresh_from_db()
        assert project.revision_state == state and project.revision == revision
        assert project.title == "Alt"


ORGANISATION_SERVICES = {
    "edit": lambda o, u: network_services.propose_organisation_change(
        organisation=o, data={"name": "Neuer Name", "kind": "verein"}, by=u
    ),
    "approve": lambda o, u: network_services.approve_organisation_change(organisation=o, by=u),
    "reject": lambda o, u: network_services.reject_organisation_change(
        organisation=o, by=u, message="Bitte ohne Werbung."
    ),
}


def test_every_action_of_the_proposals_has_a_service():
    assert set(PROPOSAL_LIFECYCLE.actions) == set(ORGANISATION_SERVICES)


@pytest.mark.parametrize("role", ["member", "moderator", "stranger"])
@pytest.mark.parametrize("action", PROPOSAL_LIFECYCLE.actions)
@pytest.mark.parametrize("state", list(PROPOSAL_LIFECYCLE.states))
def test_organisation_services_take_exactly_the_steps_of_the_table(state, action, role):
    user = verified(UserFactory(is_staff=role == "moderator"))
    organisation = OrganisationFactory(
        name="Alter Name", kind="verein", members=[user] if role == "member" else []
    )
    if role == "moderator":
        in_moderation(user)
    revision = {"name": "Vorgeschlagen"} if state else {}
    Organisation.objects.filter(pk=organisation.pk).update(revision=revision, revision_state=state)
    organisation.refresh_from_db()
    roles = {"member": {AUTHOR}, "moderator": {MODERATOR}, "stranger": set()}[role]
    if PROPOSAL_LIFECYCLE.allows(action, state, roles):
        ORGANISATION_SERVICES[action](organisation, user)
        organisation.refresh_from_db()
        [step] = PROPOSAL_LIFECYCLE.steps_from(state, action)
        assert organisation.revision_state == step.target
        assert organisation.name == ("Vorgeschlagen" if action == "approve" else "Alter Name")
    else:
        with pytest.raises(REFUSED):
            ORGANISATION_SERVICES[action](organisation, user)
        organisation.refresh_from_db()
        assert organisation.revision_state == state and organisation.revision == revision
        assert organisation.name == "Alter Name"


EVENT_SERVICES = {
    "publish": lambda e: event_services.publish_event(event=e),
    "cancel": lambda e: event_services.cancel_event(event=e, reason="Krankheit."),
    "unpublish": lambda e: event_services.unpublish_event(event=e),
}


@pytest.mark.parametrize("action", EVENT.actions)
@pytest.mark.parametrize("state", list(EVENT.states))
def test_event_services_take_exactly_the_steps_of_the_table(state, action):
    assert set(EVENT.actions) == set(EVENT_SERVICES)
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(status=state)
    event.refresh_from_db()
    EVENT_SERVICES[action](event)
    event.refresh_from_db()
    steps = EVENT.steps_from(state, action)
    assert event.status == (steps[0].target if steps else state)  # else: nothing happens
    assert event.is_public == (event.status in EVENT.public)


def test_a_step_that_needs_a_message_is_refused_without_one():
    from zukunftsplattform.lifecycle import TransitionError

    with pytest.raises(TransitionError, match=r"Nachricht|message"):
        PROJECT.step("reject", Project.Status.SUBMITTED, roles=MODERATOR, message="  ")
    assert PROJECT.step("reject", Project.Status.SUBMITTED, roles=MODERATOR, message="Zu vage.")


def test_a_lifecycle_with_a_step_into_an_unknown_state_is_refused_at_definition():
    from zukunftsplattform.lifecycle import Lifecycle, Step

    with pytest.raises(ValueError, match="unknown states"):
        Lifecycle(
            name="kaputt",
            states={"draft": "Entwurf"},
            steps=(Step("publish", "draft", "published", frozenset({MODERATOR})),),
        )
