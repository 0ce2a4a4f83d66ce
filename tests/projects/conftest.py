import pytest

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
