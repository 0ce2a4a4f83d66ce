"""The directory's tables (``network.lifecycle``) are what the code follows.

Consent: for every consent state and every step, where the table has the step for the
role, the service takes it, the person lands in the step's target and the step's mail goes
out; everywhere else the service refuses (a clear ``TransitionError``) or, for the links a
person may click twice, changes nothing. Visibility likewise for organisations. The admin
lists offer exactly the steps the table has from the state they are filtered to.
"""

import pytest
from django.core import mail
from django.utils import timezone

from network import services
from network.lifecycle import (
    CONSENT,
    DIRECTORY_STAFF,
    PERSON,
    PROFILE,
    VISIBILITY,
    Visibility,
    visibility_of,
)
from network.models import ConsentRecord, ConsentState, ConsentText, Organisation, Person
from network.permissions import can_view_organisation
from tests.factories import UserFactory, log_in_with_second_factor
from tests.network.factories import OrganisationFactory, PersonFactory
from zukunftsplattform.lifecycle import MODERATOR, SYSTEM, TransitionError

pytestmark = pytest.mark.django_db

C = ConsentState


def person_in(state: str):
    """A person whose consent state is ``state``, as the services would leave them."""
    person = PersonFactory(consent=state in {C.PUBLIC, C.WITHDRAWN, C.OUTDATED})
    if state == C.REQUESTED:
        type(person).objects.filter(pk=person.pk).update(consent_requested_at=timezone.now())
    if state == C.WITHDRAWN:
        services.withdraw_consent(person=person, how="Test", send_receipt=False)
    if state == C.OUTDATED:  # a newer text is in force
        current = ConsentText.objects.get(published_at__isnull=False)
        ConsentText.objects.create(
            purpose=current.purpose, version=current.version + 1, title_de="Neu",
            title_en="New", body_de="Neu", body_en="New", published_at=timezone.now(),
        )  # fmt: skip
    assert services.consent_state(person) == state
    mail.outbox.clear()
    return person


# The services, with the role each takes its step as.
CONSENT_SERVICES = {
    "request": (MODERATOR, lambda p, staff: services.request_consent(person=p, by=staff)),
    "request_by_the_portal": (SYSTEM, lambda p, staff: services.request_consent(person=p)),
    "give": (
        PERSON,
        lambda p, staff: services.give_consent(person=p, how=ConsentRecord.How.EMAIL_LINK),
    ),
    "withdraw": (PERSON, lambda p, staff: services.withdraw_consent(person=p, how="Link")),
    "withdraw_by_staff": (
        MODERATOR,
        lambda p, staff: services.withdraw_consent(person=p, how="Wunsch", by=staff),
    ),
}
# Withdrawing is a link in every mail: clicking it again changes nothing, without an error.
IDEMPOTENT = {"give", "withdraw"}


def test_every_step_of_the_consent_table_has_a_service():
    actions = {name.split("_by_")[0] for name in CONSENT_SERVICES}
    assert set(CONSENT.actions) == actions | {"new_text"}  # publish_consent_text: below


@pytest.mark.parametrize("name", list(CONSENT_SERVICES))
@pytest.mark.parametrize("state", list(CONSENT.states))
def test_consent_services_take_exactly_the_steps_of_the_table(
    state, name, moderator, django_capture_on_commit_callbacks
):
    role, service = CONSENT_SERVICES[name]
    action = name.split("_by_")[0]
    person = person_in(state)
    steps = CONSENT.steps_from(state, action)
    allowed = CONSENT.allows(action, state, role)
    with django_capture_on_commit_callbacks(execute=True):
        if allowed or action in IDEMPOTENT:
            service(person, moderator)
        else:
            with pytest.raises(TransitionError):
                service(person, moderator)
    if allowed:
        [step] = [s for s in steps if s.target == services.consent_state(person)]
        assert len(mail.outbox) == (1 if step.mails else 0)
    else:
        assert services.consent_state(person) == state
        assert mail.outbox == []


def test_asking_a_public_person_again_is_refused_with_a_clear_error(moderator):
    person = person_in(C.PUBLIC)
    with pytest.raises(TransitionError) as refused:
        services.request_consent(person=person, by=moderator)
    assert str(CONSENT.states[C.PUBLIC]) in refused.value.messages[0]
    assert not person.activity.filter(action="person.consent_request").exists()


@pytest.mark.parametrize("state", list(CONSENT.states))
def test_a_new_text_outdates_exactly_the_states_the_table_says(
    state, moderator, django_capture_on_commit_callbacks
):
    person = person_in(state)
    text = services.save_consent_text(
        text=ConsentText(
            purpose=ConsentText.Purpose.PUBLIC_PROFILE,
            title_de="Neu",
            title_en="New",
            body_de="Neu",
            body_en="New",
        ),
        by=moderator,
    )
    with django_capture_on_commit_callbacks(execute=True):
        asked = services.publish_consent_text(text=text, by=moderator)
    steps = CONSENT.steps_from(state, "new_text")
    assert asked == len(steps)
    assert services.consent_state(person) == (steps[0].target if steps else state)
    assert [m.to for m in mail.outbox] == [[person.email]] * asked


@pytest.mark.parametrize("state", list(CONSENT.states))
def test_person_admin_filtered_to_a_consent_state_offers_only_the_tables_steps(
    client, moderator, state
):
    log_in_with_second_factor(client, moderator)
    person_in(state)
    page = client.get(f"/admin/network/person/?einwilligung={state}").content.decode()
    assert ('value="send_consent_request"' in page) == CONSENT.allows("request", state, MODERATOR)
    assert ('value="withdraw_consent"' in page) == CONSENT.allows("withdraw", state, MODERATOR)


def test_person_admin_shows_each_state_with_the_tables_label(client, moderator):
    log_in_with_second_factor(client, moderator)
    for state in CONSENT.states:
        person_in(state)
    page = client.get("/admin/network/person/").content.decode()
    for label in CONSENT.states.values():
        assert str(label) in page


# --- Organisations ----------------------------------------------------------------------


def organisation_in(state: str, founder):
    """An organisation in ``VISIBILITY`` state ``state``, as the services leave it."""
    if state in (Visibility.PROPOSED, Visibility.DECLINED):
        organisation = services.propose_organisation(
            data={"name": "Verein im Aufbau", "kind": "verein"}, by=founder
        )
        if state == Visibility.DECLINED:
            services.decline_organisation(organisation=organisation, by=None, message="Nein.")
    else:
        organisation = OrganisationFactory(is_published=state == Visibility.VISIBLE)
    organisation.refresh_from_db()
    assert visibility_of(organisation) == state
    mail.outbox.clear()
    return organisation


# The services of ``VISIBILITY``'s steps, with the role each takes its step as.
VISIBILITY_SERVICES = {
    "edit": lambda o, founder, staff: services.edit_proposed_organisation(
        organisation=o, data={"name": "Verein im Aufbau e. V.", "kind": "verein"}, by=founder
    ),
    "publish": lambda o, founder, staff: services.publish_organisation(organisation=o, by=staff),
    "decline": lambda o, founder, staff: services.decline_organisation(
        organisation=o, by=staff, message="Kein Bezug zu Sachsen."
    ),
    "hide": lambda o, founder, staff: services.set_organisation_visibility(
        organisation=o, published=False, by=staff
    ),
    "show": lambda o, founder, staff: services.set_organisation_visibility(
        organisation=o, published=True, by=staff
    ),
}
#: Hiding and showing are admin actions over many rows: a row already there is skipped.
SKIPPED = {"hide", "show"}


def test_every_step_of_the_visibility_table_has_a_service():
    assert set(VISIBILITY.actions) == set(VISIBILITY_SERVICES)


@pytest.mark.parametrize("action", VISIBILITY.actions)
@pytest.mark.parametrize("state", list(VISIBILITY.states))
def test_visibility_services_take_exactly_the_steps_of_the_table(
    state, action, moderator, django_capture_on_commit_callbacks
):
    founder = UserFactory()
    organisation = organisation_in(state, founder)
    steps = VISIBILITY.steps_from(state, action)
    recorded = "update" if action == "edit" else action
    records_before = organisation.activity.filter(action=f"organisation.{recorded}").count()
    with django_capture_on_commit_callbacks(execute=True):
        if steps or action in SKIPPED:
            changed = VISIBILITY_SERVICES[action](organisation, founder, moderator)
            assert action not in SKIPPED or changed == bool(steps)
        else:
            with pytest.raises(TransitionError):
                VISIBILITY_SERVICES[action](organisation, founder, moderator)
    organisation.refresh_from_db()
    assert visibility_of(organisation) == (steps[0].target if steps else state)
    assert len(mail.outbox) == (1 if steps and steps[0].mails else 0)
    if steps and steps[0].mails:
        assert mail.outbox[0].to == [founder.email]
    records = organisation.activity.filter(action=f"organisation.{recorded}").count()
    assert records - records_before == len(steps)
    stranger = UserFactory()
    assert can_view_organisation(stranger, organisation) == (
        visibility_of(organisation) in VISIBILITY.public
    )
    if state in (Visibility.PROPOSED, Visibility.DECLINED):  # its founder still sees it
        assert can_view_organisation(founder, organisation)


def test_a_decline_without_a_reason_is_refused(moderator):
    organisation = organisation_in(Visibility.PROPOSED, UserFactory())
    with pytest.raises(TransitionError):
        services.decline_organisation(organisation=organisation, by=moderator, message=" ")
    organisation.refresh_from_db()
    assert visibility_of(organisation) == Visibility.PROPOSED


@pytest.mark.parametrize("state", list(VISIBILITY.states))
def test_organisation_admin_filtered_to_a_state_offers_only_the_tables_step(
    client, moderator, state
):
    log_in_with_second_factor(client, moderator)
    organisation_in(state, UserFactory())
    if state in (Visibility.PROPOSED, Visibility.DECLINED):
        query = f"admission__exact={state}"
    else:
        query = f"is_published__exact={'1' if state == Visibility.VISIBLE else '0'}"
    page = client.get(f"/admin/network/organisation/?{query}")
    html = page.content.decode()
    assert ('value="hide_selected"' in html) == VISIBILITY.allows("hide", state, DIRECTORY_STAFF)
    assert ('value="show_selected"' in html) == VISIBILITY.allows("show", state, DIRECTORY_STAFF)
    assert 'value="merge_selected"' in html  # not a step: always offered


def test_organisation_visibility_table_matches_the_public_queryset():
    visible = OrganisationFactory(is_published=True)
    OrganisationFactory(is_published=False)
    founder = UserFactory()
    organisation_in(Visibility.PROPOSED, founder)
    organisation_in(Visibility.DECLINED, founder)
    assert list(Organisation.objects.public()) == [visible]
    assert {visibility_of(o) for o in Organisation.objects.public()} == VISIBILITY.public


# --- Self-created profiles ----------------------------------------------------------------

M = Person.Moderation


def profile_in(state: str, user, moderator):
    """A self-created profile in ``PROFILE`` state ``state``, as the services leave it."""
    person = services.propose_own_profile(
        user=user, data={"name": "Greta", "kind": "expert"}, text=services.current_consent_text()
    )
    if state != M.PROPOSED:
        action = "publish" if state == M.PUBLISHED else "decline"
        services.decide_profile(person=person, action=action, by=moderator, message="Grund")
    person.refresh_from_db()
    assert person.moderation_status == state
    mail.outbox.clear()
    return person


PROFILE_SERVICES = {
    "propose": (PERSON, lambda p, u, staff: services.propose_profile_again(person=p, by=u)),
    "publish": (
        MODERATOR,
        lambda p, u, staff: services.decide_profile(person=p, action="publish", by=staff),
    ),
    "decline": (
        MODERATOR,
        lambda p, u, staff: services.decide_profile(
            person=p, action="decline", by=staff, message="Bitte ergänzen."
        ),
    ),
}


def test_every_step_of_the_profile_table_has_a_service():
    assert set(PROFILE.actions) == set(PROFILE_SERVICES)


@pytest.mark.parametrize("action", list(PROFILE_SERVICES))
@pytest.mark.parametrize("state", list(PROFILE.states))
def test_profile_services_take_exactly_the_steps_of_the_table(
    state, action, moderator, django_capture_on_commit_callbacks
):
    user = UserFactory()
    person = profile_in(state, user, moderator)
    role, service = PROFILE_SERVICES[action]
    steps = PROFILE.steps_from(state, action)
    with django_capture_on_commit_callbacks(execute=True):
        if PROFILE.allows(action, state, role):
            service(person, user, moderator)
        else:
            with pytest.raises(TransitionError):
                service(person, user, moderator)
    person.refresh_from_db()
    if steps:
        assert person.moderation_status == steps[0].target
        assert len(mail.outbox) == 1  # to the person, or to the moderators
        assert person.activity.filter(action=f"person.{action}").exists()
    else:
        assert person.moderation_status == state and mail.outbox == []
    # Public exactly where both tables say so (the consent is given).
    public = Person.objects.public().filter(pk=person.pk).exists()
    assert public == (person.moderation_status in PROFILE.public)
