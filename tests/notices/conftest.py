import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.events.factories import EventFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory


@pytest.fixture
def owner(db):
    return verified(
        UserFactory(email="owner@example.org", display_name="Olga Owner", language="en")
    )


@pytest.fixture
def project(owner):
    return ProjectFactory(owner=owner, published=True, title="Repair-Café Pieschen")


@pytest.fixture
def organisation(owner):
    return OrganisationFactory(name="Verein Lindenhof", members=[owner])


@pytest.fixture
def person(db):
    return PersonFactory(name="Paula Profil", consent=True, email="paula@example.org")


@pytest.fixture
def event(db):
    return EventFactory(title="Dialogforum Zwickau")


@pytest.fixture
def moderation_client(client, moderator):
    """A moderator (Moderation group) in a session that passed a second factor."""
    TOTP.activate(moderator, generate_totp_secret())
    return log_in_with_second_factor(client, moderator)
