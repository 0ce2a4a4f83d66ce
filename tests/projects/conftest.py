import pytest
from django.contrib.auth.models import Group

from accounts.moderation import MODERATION_GROUP
from projects.models import ProjectMembership
from tests.factories import UserFactory, verified
from tests.projects.factories import ProjectFactory


@pytest.fixture
def owner(db):
    return verified(UserFactory(language="de"))


@pytest.fixture
def editor(db):
    return verified(UserFactory(language="en"))


@pytest.fixture
def other_user(db):
    return verified(UserFactory())


@pytest.fixture
def moderator(db):
    user = verified(UserFactory(is_staff=True))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


@pytest.fixture
def draft(owner, editor):
    project = ProjectFactory(owner=owner, title="Nachbarschaftstreff Pieschen")
    ProjectMembership.objects.create(
        project=project, user=editor, role=ProjectMembership.Role.EDITOR
    )
    return project


@pytest.fixture
def published(owner, editor):
    project = ProjectFactory(owner=owner, published=True, title="Kinder stärken in Görlitz")
    ProjectMembership.objects.create(
        project=project, user=editor, role=ProjectMembership.Role.EDITOR
    )
    return project
