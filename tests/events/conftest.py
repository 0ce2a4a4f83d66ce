import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.moderation import MODERATION_GROUP
from tests.factories import UserFactory


@pytest.fixture
def mail_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (mails) at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def other_user(db):
    return _verified(UserFactory())


@pytest.fixture
def moderator(db):
    """Staff in the Moderation group: exactly the permissions moderation has."""
    user = _verified(UserFactory(is_staff=True))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


@pytest.fixture
def staff_without_events(db):
    """Staff, but without any events permission."""
    return _verified(UserFactory(is_staff=True))


def log_in_with_second_factor(client, user):
    """A session that passed password and TOTP, as allauth records it after a real login."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads (slides, photos) land in a throwaway folder, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
