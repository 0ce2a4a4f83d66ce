"""Fields a role must not set have no effect, on every form a non-staff role can post.

Each test posts a legitimate form plus everything a curious or hostile user might add
(status, publication, best practice, owner and role, staff flags, consent, seats) and
checks that only the legitimate part arrived. The project edit form of a draft is covered
in ``tests/projects/test_views.py::test_posted_status_owner_or_best_practice_fields_have_no_effect``.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from events.models import Event, Registration
from network import services as network_services
from network.consent import make_confirm_token
from network.models import ConsentRecord, Organisation, Person
from pages.models import Feedback
from projects.models import Invitation, Project, ProjectMembership
from projects.services import PROFILE_FIELDS
from tests.events.factories import EventFactory, fill
from tests.factories import ACCEPTED_TERMS, UserFactory, in_moderation, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-gutes-Passwort-1"

#: What nobody but the moderation (or the system) sets on a project.
PROJECT_STATE = {
    "status": Project.Status.PUBLISHED,
    "revision_state": Project.RevisionState.SUBMITTED,
    "published_at": "2020-01-01T10:00",
    "submitted_at": "2020-01-01T10:00",
    "is_best_practice": "on",
    "story_what_worked": "Alles!",
    "moderator_message": "Sieht gut aus.",
    "slug": "gekaperte-adresse",
    "revision": '{"title": "Untergeschoben"}',
    "owner": "",  # filled per test with someone else's id
    "role": ProjectMembership.Role.OWNER,
    "memberships": "",
    "search_vector": "x",
}
#: What nobody sets on their own account.
ACCOUNT_FLAGS = {
    "is_staff": "on",
    "is_superuser": "on",
    "is_active": "on",
    "groups": "",  # filled with the Moderation group
    "user_permissions": "1",
    "date_joined": "2000-01-01",
}


@pytest.fixture
def innovator():
    return verified(UserFactory(display_name="Ida Innovatorin"))


@pytest.fixture
def stranger():
    return verified(UserFactory(display_name="Stella Stranger"))


def _moderation_group_id() -> str:
    return str(Group.objects.get(name="Moderation").pk)


# --- Projects --------------------------------------------------------------------------------


def test_a_new_project_is_a_draft_of_its_poster_whatever_else_is_posted(
    client, innovator, stranger
):
    client.force_login(innovator)
    response = client.post(
        "/projekte/neu/",
        {"title": "Tauschbörse Plauen", "stage": "idee", **PROJECT_STATE, "owner": stranger.pk},
    )
    assert response.status_code == 302
    project = Project.objects.get(title="Tauschbörse Plauen")
    assert project.status == Project.Status.DRAFT
    assert project.revision_state == Project.RevisionState.NONE and project.revision == {}
    assert project.published_at is None and project.submitted_at is None
    assert not project.is_best_practice and project.story_what_worked == ""
    assert project.moderator_message == ""
    assert project.slug == "tauschboerse-plauen"
    assert list(project.memberships.values_list("user_id", "role")) == [
        (innovator.pk, ProjectMembership.Role.OWNER)
    ]


def test_editing_a_published_project_cannot_unpublish_submit_crown_or_hand_it_over(
    client, innovator, stranger
):
    project = ProjectFactory(owner=innovator, published=True, title="Repair-Café Zittau")
    published_at = project.published_at
    client.force_login(innovator)
    response = client.post(
        f"/projekte/{project.slug}/bearbeiten/",
        {
            "title": "Repair-Café Zittau",
            "summary": "Neu formuliert.",
            "stage": "umsetzung",
            **PROJECT_STATE,
            "status": Project.Status.ARCHIVED,
            "owner": stranger.pk,
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.PUBLISHED and project.published_at == published_at
    # The edit waits as a draft change; only the moderation approves it.
    assert project.revision_state == Project.RevisionState.DRAFT
    assert project.revision["summary"] == "Neu formuliert."
    assert set(project.revision) <= set(PROFILE_FIELDS)
    assert project.summary != "Neu formuliert."
    assert not project.is_best_practice and project.story_what_worked == ""
    assert project.slug != "gekaperte-adresse"
    owners = project.memberships.filter(role=ProjectMembership.Role.OWNER)
    assert list(owners.values_list("user_id", flat=True)) == [innovator.pk]
    assert not project.memberships.filter(user=stranger).exists()


def test_an_editor_cannot_publish_or_take_over_the_project(client, innovator, stranger):
    project = ProjectFactory(owner=innovator, title="Lesepaten Bautzen")
    ProjectMembership.objects.create(
        project=project, user=stranger, role=ProjectMembership.Role.EDITOR
    )
    client.force_login(stranger)
    client.post(
        f"/projekte/{project.slug}/bearbeiten/",
        {"title": "Lesepaten Bautzen", "stage": "idee", **PROJECT_STATE, "owner": stranger.pk},
    )
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT and not project.is_best_practice
    assert project.memberships.get(user=stranger).role == ProjectMembership.Role.EDITOR
    assert project.memberships.get(user=innovator).role == ProjectMembership.Role.OWNER


def test_an_invitation_makes_an_editor_whatever_role_is_posted(client, innovator, stranger):
    project = ProjectFactory(owner=innovator, title="Gemeinschaftsgarten Meißen")
    client.force_login(innovator)
    client.post(
        f"/projekte/{project.slug}/team/",
        {"action": "invite", "email": stranger.email, "role": "owner", "expires_at": "2099-01-01"},
    )
    invitation = Invitation.objects.get(project=project)
    assert invitation.email == stranger.email
    assert invitation.expires_at.year < 2099
    client.force_login(stranger)
    response = client.post(
        f"/projekte/einladung/{invitation.token}/", {"role": "owner", "project": 0}
    )
    assert response.status_code == 302
    assert project.memberships.get(user=stranger).role == ProjectMembership.Role.EDITOR
    assert project.memberships.get(user=innovator).role == ProjectMembership.Role.OWNER


def test_team_actions_reach_only_the_team_of_the_page(client, innovator, stranger):
    """An owner cannot hand over or remove memberships of another project by their id."""
    own = ProjectFactory(owner=innovator, title="Eigenes Projekt")
    foreign = ProjectFactory(owner=stranger, title="Fremdes Projekt")
    foreign_editor = verified(UserFactory())
    membership = ProjectMembership.objects.create(
        project=foreign, user=foreign_editor, role=ProjectMembership.Role.EDITOR
    )
    client.force_login(innovator)
    for action in ["owner", "remove"]:
        response = client.post(
            f"/projekte/{own.slug}/team/", {"action": action, "member": membership.pk}
        )
        # Back to the team page, which says the person is not in this team.
        assert response["Location"] == f"/projekte/{own.slug}/team/"
        page = client.get(response["Location"]).content.decode()
        assert "nicht (mehr) im Team" in page
    membership.refresh_from_db()
    assert membership.role == ProjectMembership.Role.EDITOR
    assert foreign.memberships.get(role=ProjectMembership.Role.OWNER).user == stranger


# --- Network ---------------------------------------------------------------------------------


def test_members_propose_profile_changes_only_never_visibility_partnership_or_members(
    client, stranger, django_capture_on_commit_callbacks
):
    member = verified(UserFactory())
    organisation = OrganisationFactory(
        name="Verborgener Verein", is_published=False, members=[member]
    )
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/",
            {
                "name": "Verborgener Verein",
                "kind": Organisation.Kind.ASSOCIATION,
                "description": "Neue Beschreibung.",
                "is_published": "on",
                "is_platform_partner": "on",
                "members": [member.pk, stranger.pk],
                "slug": "gekapert",
                "revision_by": stranger.pk,
                "merged_into": "1",
            },
        )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert not organisation.is_published and not organisation.is_platform_partner
    assert organisation.revision_by == member
    assert "is_published" not in organisation.revision
    assert "members" not in organisation.revision and "slug" not in organisation.revision
    # Even once the moderation approves the proposal, only the profile changes.
    moderator = in_moderation(UserFactory(is_staff=True))
    network_services.approve_organisation_change(organisation=organisation, by=moderator)
    organisation.refresh_from_db()
    assert organisation.description == "Neue Beschreibung."
    assert not organisation.is_published and not organisation.is_platform_partner
    assert organisation.slug != "gekapert"
    assert list(organisation.members.all()) == [member]


def test_a_person_cannot_move_their_account_link_address_or_consent_through_the_profile(
    client, stranger
):
    linked = verified(UserFactory())
    person = PersonFactory(name="Lina Linked", user=linked)  # no consent yet: hidden
    hidden = OrganisationFactory(name="Verborgene GmbH", is_published=False)
    email, slug = person.email, person.slug
    client.force_login(linked)
    response = client.post(
        f"/netzwerk/personen/{slug}/bearbeiten/",
        {
            "name": "Lina Linked",
            "role": "Mentorin",
            "user": stranger.pk,
            "email": "umgeleitet@example.org",
            "slug": "gekapert",
            "organisation": hidden.pk,
            "language": "en",
            "consent": "on",
            "consent_requested_at": "2020-01-01",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role == "Mentorin"
    assert person.user == linked and person.email == email and person.slug == slug
    assert person.organisation is None
    assert person.consent_requested_at is None
    assert not ConsentRecord.objects.filter(person=person).exists()
    assert not Person.objects.public().filter(pk=person.pk).exists()


def test_the_account_consent_button_acts_on_ones_own_profile_only(client):
    own = verified(UserFactory())
    mine = PersonFactory(user=own)
    theirs = PersonFactory(consent=True)
    client.force_login(own)
    client.post("/netzwerk/einwilligung/konto/", {"action": "withdraw", "person": theirs.pk})
    assert Person.objects.public().filter(pk=theirs.pk).exists()
    client.post("/netzwerk/einwilligung/konto/", {"action": "give", "person": theirs.pk})
    assert Person.objects.public().filter(pk=mine.pk).exists()
    assert ConsentRecord.objects.filter(person=theirs).count() == 1


def test_a_consent_link_records_its_own_way_and_address(client):
    person = PersonFactory(email="lina@example.org")
    text = network_services.current_consent_text()
    response = client.post(
        f"/netzwerk/einwilligung/{make_confirm_token(person)}/",
        {
            "version": text.version,
            "how": "account",
            "email": "jemand@example.org",
            "text": "999",
            "person": PersonFactory().pk,
            "given_at": "2000-01-01",
        },
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert record.person == person and record.text == text
    assert record.how == ConsentRecord.How.EMAIL_LINK and record.email == "lina@example.org"
    assert record.given_at.year > 2000


# --- Accounts --------------------------------------------------------------------------------


def test_signing_up_cannot_make_staff_or_a_superuser(client):
    response = client.post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Nora Neu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
            **ACCOUNT_FLAGS,
            "groups": _moderation_group_id(),
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert not user.is_staff and not user.is_superuser
    assert not user.groups.exists() and not user.user_permissions.exists()
    assert user.date_joined.year > 2000
    assert not EmailAddress.objects.get(user=user).verified


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/konto/email/", {"action_add": "", "email": "zweite@example.org"}),
        (
            "/konto/password/change/",
            {"oldpassword": PASSWORD, "password1": "neues-gutes-Passwort-2", "password2": "x"},
        ),
        ("/konto/loeschen/", {}),
    ],
    ids=["email", "password", "delete"],
)
def test_account_forms_cannot_grant_staff_rights(client, innovator, path, data):
    client.force_login(innovator)
    client.post(path, {**data, **ACCOUNT_FLAGS, "groups": _moderation_group_id()})
    innovator.refresh_from_db()
    assert innovator.is_active
    assert not innovator.is_staff and not innovator.is_superuser
    assert not innovator.groups.exists() and not innovator.user_permissions.exists()


# --- Events ----------------------------------------------------------------------------------

#: What the event's team decides, never the person registering.
REGISTRATION_STATE = {
    "status": Registration.Status.CONFIRMED,
    "waitlist_number": "1",
    "attended": "on",
    "confirmed_at": "2020-01-01T10:00",
    "token": "selbst-gewaehlt",
    "capacity": "500",
    "registration_closes_at": "2099-01-01T10:00",
    "anonymised_at": "",
}


def test_a_signed_in_registration_cannot_choose_its_seat_identity_or_the_capacity(
    client, innovator, stranger
):
    event = EventFactory(title="Volles Dialogforum", capacity=1)
    fill(event, 1)
    other_event = EventFactory(title="Anderes Forum")
    client.force_login(innovator)
    response = client.post(
        f"/veranstaltungen/{event.slug}/anmelden/",
        {
            "photo_consent": "nein",
            **REGISTRATION_STATE,
            "user": stranger.pk,
            "name": "Falscher Name",
            "email": "falsch@example.org",
            "event": other_event.pk,
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=innovator)
    assert registration.event == event
    assert registration.status == Registration.Status.WAITLISTED  # the event is full
    assert registration.name == "Ida Innovatorin" and registration.email == innovator.email
    assert registration.attended is None and registration.confirmed_at is None
    assert registration.token != "selbst-gewaehlt"
    event.refresh_from_db()
    assert event.capacity == 1 and event.status == Event.Status.PUBLISHED
    assert not other_event.registrations.exists()


def test_a_guest_registration_waits_for_the_email_whatever_status_is_posted(client, stranger):
    event = EventFactory(title="Offenes Forum")
    response = client.post(
        f"/veranstaltungen/{event.slug}/anmelden/",
        {
            "name": "Gustav Gast",
            "email": "gast@example.org",
            "photo_consent": "ja",
            **REGISTRATION_STATE,
            "user": stranger.pk,
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="gast@example.org")
    assert registration.status == Registration.Status.PENDING
    assert registration.user is None and registration.confirmed_at is None
    assert registration.attended is None and registration.waitlist_number is None
    event.refresh_from_db()
    assert event.capacity == 30


def test_confirming_by_link_cannot_skip_the_queue(client):
    event = EventFactory(title="Fast volles Forum", capacity=1)
    fill(event, 1)
    guest = Registration.objects.create(
        event=event, name="Gast", email="spaet@example.org", status=Registration.Status.PENDING
    )
    client.post(
        f"/veranstaltungen/anmeldung/{guest.token}/bestaetigen/",
        {"status": Registration.Status.CONFIRMED, "capacity": "10"},
    )
    guest.refresh_from_db()
    assert guest.status == Registration.Status.WAITLISTED
    event.refresh_from_db()
    assert event.capacity == 1


# --- Feedback --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "kind", "posted_kind"),
    [
        ("kontakt", Feedback.Kind.CONTACT, Feedback.Kind.ACCESSIBILITY),
        ("barrierefreiheit", Feedback.Kind.ACCESSIBILITY, Feedback.Kind.CONTACT),
    ],
)
def test_feedback_cannot_choose_its_kind_or_mark_itself_handled(client, page, kind, posted_kind):
    response = client.post(
        f"/{page}/",
        {
            "message": "Der Kontrast ist zu schwach.",
            "kind": posted_kind,
            "handled": "on",
            "created_at": "2000-01-01T10:00",
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.kind == kind and not feedback.handled
    assert feedback.created_at.year > 2000
