import pytest

from tests.factories import UserFactory, verified


@pytest.fixture
def mail_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (mails) at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def staff_without_events(db):
    """Staff, but without any events permission."""
    return verified(UserFactory(is_staff=True))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads (slides, photos) land in a throwaway folder, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
