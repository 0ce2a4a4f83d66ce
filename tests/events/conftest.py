import pytest
from django.contrib.auth.models import Group

from accounts.moderation import MODERATION_GROUP
from tests.factories import UserFactory, verified


@pytest.fixture
def mail_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (mails) at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def other_user(db):
    return verified(UserFactory())


@pytest.fixture
def moderator(db):
    """Staff in the Moderation group: exactly the permissions moderation has."""
    user = verified(UserFactory(is_staff=True))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


@pytest.fixture
def staff_without_events(db):
    """Staff, but without any events permission."""
    return verified(UserFactory(is_staff=True))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads (slides, photos) land in a throwaway folder, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
