"""The forms of organisations people run: proposing one, asking to join, the members
page's invitation and buttons, leaving, accepting an invitation. A hostile value is refused
with a summary and kept, or stored exactly as typed; a hostile button changes nobody."""

import pytest

from network import services
from network.forms import OrganisationForm
from network.models import JoinRequest, Organisation, OrganisationMembership
from tests.factories import UserFactory, verified
from tests.hostile.corpus import (
    FILTER_VALUES,
    HOSTILE_TEXT,
    NOT_ECHOED,
    SLUGGISH,
    assert_harmless,
    post_corpus,
    post_corpus_together,
)
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CHOICE_VALUES = {
    key: FILTER_VALUES[key]
    for key in ["nul", "10k-ascii", "emoji", "sql-or", "script", "whitespace", "unknown-slug"]
} | {"huge-number": "9" * 40, "float": "1.5", "negative": "-1"}
ADMIN = OrganisationMembership.Role.ADMINISTRATOR


@pytest.fixture
def founder(db):
    return verified(UserFactory())


@pytest.fixture
def organisation(founder):
    organisation = OrganisationFactory(name="Verein im Wind")
    OrganisationMembership.objects.create(organisation=organisation, user=founder, role=ADMIN)
    return organisation


def test_proposing_an_organisation_refuses_or_stores_hostile_values(client, founder):
    client.force_login(founder)

    def stored(name):
        return getattr(Organisation.objects.latest("pk"), name)

    names = ["name", "kind", "description", "region", "place", "website", "topics", "offers"]
    fields = OrganisationForm().fields
    text = [n for n in [*names, "logo_alt"] if not isinstance(fields[n].widget, NOT_ECHOED)]
    choice = [n for n in [*names, "logo_alt"] if isinstance(fields[n].widget, NOT_ECHOED)]
    url = "/netzwerk/organisationen/neu/"
    base = {"name": "Verein im Aufbau", "kind": "verein"}
    post_corpus_together(client, url, base=base, fields=text, stored=stored)
    post_corpus_together(client, url, base=base, fields=choice, values=CHOICE_VALUES)
    # Whatever arrived, nothing of it is public.
    assert not Organisation.objects.public().exists()


def test_asking_to_join_refuses_or_stores_hostile_messages(client, organisation):
    applicant = verified(UserFactory())
    client.force_login(applicant)

    def stored(name):
        return getattr(JoinRequest.objects.get(user=applicant), name)

    url = f"/netzwerk/organisationen/{organisation.slug}/beitreten/"
    post_corpus(client, url, base={}, fields=["message"], stored=stored)


def test_the_invitation_form_refuses_hostile_addresses(client, founder, organisation):
    client.force_login(founder)
    url = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    post_corpus(client, url, base={"action": "invite"}, fields=["email"], ip=False)


def test_the_members_page_buttons_refuse_hostile_values(client, founder, organisation):
    other = UserFactory()
    OrganisationMembership.objects.create(organisation=organisation, user=other, role="member")
    join_request = services.request_to_join(organisation=organisation, user=UserFactory())
    invitation = services.invite_to_organisation(
        organisation=organisation, inviter=founder, email="k@example.org"
    )
    before = set(organisation.memberships.values_list("user_id", "role"))
    client.force_login(founder)
    url = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    member = organisation.memberships.get(user=other).pk
    values = {**CHOICE_VALUES, **SLUGGISH}
    real = {
        "member": {str(pk) for pk in organisation.memberships.values_list("pk", flat=True)},
        "invitation": {str(invitation.pk)},
        "join_request": {str(join_request.pk)},
        "action": set(),
    }
    cases = [({"action": a}, "member") for a in ["promote", "demote", "remove"]]
    cases += [({"action": "revoke"}, "invitation"), ({"action": "accept"}, "join_request")]
    cases.append(({"member": member}, "action"))
    for base, field in cases:
        for key, value in values.items():
            if value in real[field]:
                continue  # a real choice: that is the button working
            response = client.post(url, {**base, field: value})
            label = f"POST {url} {base} {field}={key}"
            assert response.status_code == 302, f"{response.status_code}: {label}"
            assert_harmless(response, label)
    assert set(organisation.memberships.values_list("user_id", "role")) == before
    assert JoinRequest.objects.filter(pk=join_request.pk).exists()
    assert organisation.invitations.filter(pk=invitation.pk).exists()


def test_leaving_and_accepting_refuse_hostile_values(client, founder, organisation):
    client.force_login(founder)
    leave = f"/netzwerk/organisationen/{organisation.slug}/austreten/"
    for key, value in {**CHOICE_VALUES, **HOSTILE_TEXT}.items():
        response = client.post(leave, {"confirm": value})
        assert response.status_code in {200, 302}, key
        assert_harmless(response, f"POST {leave} confirm={key}")
    # The last administrator is still there, whatever was sent.
    assert organisation.memberships.filter(user=founder, role=ADMIN).exists()
    for key, value in SLUGGISH.items():
        response = client.post(f"/netzwerk/organisationen/einladung/{value}/")
        assert response.status_code in {404, 302}, key
