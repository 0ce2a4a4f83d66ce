import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _mail_goes_through_tasks(settings):
    # Django's test set-up makes every mailer locmem; put our task backend back in front
    # so tests exercise the real path (task -> "delivery" mailer = locmem).
    settings.MAILERS = {
        "default": {"BACKEND": "zukunftsplattform.mail.TaskEmailBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def pytest_sessionfinish(session, exitstatus):
    import shutil

    from django.conf import settings

    if "zukunftsplattform-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
