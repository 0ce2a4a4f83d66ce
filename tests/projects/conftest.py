import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.moderation import MODERATION_GROUP
from projects.models import ProjectMembership
from tests.factories import UserFactory
from tests.projects.factories import ProjectFactory


def _verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def owner(db):
    return _verified(UserFactory(language="de"))


@pytest.fixture
def editor(db):
    return _verified(UserFactory(language="en"))


@pytest.fixture
def other_user(db):
    return _verified(UserFactory())


@pytest.fixture
def moderator(db):
    user = _verified(UserFactory(is_staff=True))
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


def log_in_with_second_factor(client, user):
    """A session that passed password and TOTP, as allauth records it after a real login."""
    import time

    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client
