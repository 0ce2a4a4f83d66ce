import pytest

from network.models import OrganisationMembership
from taxonomy.models import SupportCategory, Topic
from tests.factories import UserFactory, verified
from tests.network.factories import OrganisationFactory


@pytest.fixture
def member(db):
    return verified(UserFactory(language="en"))


@pytest.fixture
def founder(db):
    """The person who founded an organisation (and runs it, in ``founded``)."""
    return verified(UserFactory(display_name="Frieda Gründerin", email="frieda@example.org"))


@pytest.fixture
def founded(founder):
    """A visible organisation with its founder as the one administrator."""
    organisation = OrganisationFactory(name="Tafel Zittau")
    OrganisationMembership.objects.create(
        organisation=organisation, user=founder, role=OrganisationMembership.Role.ADMINISTRATOR
    )
    return organisation


@pytest.fixture
def linked_user(db):
    return verified(UserFactory(language="de"))


@pytest.fixture
def categories(db):
    return {category.slug: category for category in SupportCategory.objects.all()}


@pytest.fixture
def topics(db):
    return {topic.slug: topic for topic in Topic.objects.all()}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded logos and photos of these tests never land in the project's media folder.
    settings.MEDIA_ROOT = tmp_path
