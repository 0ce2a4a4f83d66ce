import pytest
from django.contrib.auth.models import Group

from accounts.moderation import MODERATION_GROUP
from taxonomy.models import SupportCategory, Topic
from tests.factories import UserFactory, verified


@pytest.fixture
def other_user(db):
    return verified(UserFactory())


@pytest.fixture
def member(db):
    return verified(UserFactory(language="en"))


@pytest.fixture
def linked_user(db):
    return verified(UserFactory(language="de"))


@pytest.fixture
def moderator(db):
    user = verified(UserFactory(is_staff=True))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


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
