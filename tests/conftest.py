import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation

from accounts.moderation import MODERATION_GROUP
from tests.factories import UserFactory, verified


@pytest.fixture(autouse=True)
def _mail_goes_through_tasks(settings):
    # Django's test set-up makes every mailer locmem; put our task backend back in front
    # so tests exercise the real path (task -> "delivery" mailer = locmem).
    settings.MAILERS = {
        "default": {"BACKEND": "zukunftsplattform.mail.TaskEmailBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language and leaves no other behind.

    A request to an /en/ page activates English in this thread (LocaleMiddleware) and
    nothing switches back, so a later test's get_absolute_url() or labels came out
    English, depending on the order the tests ran in.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded_like_a_fresh_installation(transactional_db):
    """What the migrations seed, back in place: transactional tests (these, and others
    that ran before) empty every table afterwards, the seeded rows included."""
    from accounts.moderation import sync_moderation_group
    from accounts.terms import ensure_terms_in_force
    from network.default_consent import ensure_consent_text
    from network.models import ConsentText
    from pages.default_content import ensure_default_pages
    from pages.models import ContentPage
    from taxonomy.models import SupportCategory, Synonym, TargetGroup, Topic
    from taxonomy.vocabulary import ensure_synonyms, ensure_vocabulary

    ensure_vocabulary(Topic, TargetGroup, SupportCategory)
    ensure_synonyms(Synonym)
    ensure_default_pages(ContentPage)
    ensure_consent_text(ConsentText)
    ensure_terms_in_force()
    sync_moderation_group()


@pytest.fixture
def user(db):
    return verified(UserFactory())


@pytest.fixture
def other_user(db):
    return verified(UserFactory())


@pytest.fixture
def moderator(db):
    """Staff in the Moderation group: exactly the permissions moderation has."""
    user = verified(UserFactory(is_staff=True))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


def pytest_sessionfinish(session, exitstatus):
    import shutil

    from django.conf import settings

    if "zukunftsplattform-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def demo_portal(db):
    """The demo data set, as `make run` loads it (its mails go nowhere)."""
    from django.test.utils import override_settings

    from pages import demo

    quiet = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    with override_settings(MAILERS=quiet):
        demo.load()


@pytest.fixture
def one_rate_limit_window(monkeypatch):
    """Every rate-limit hit of a test in one fixed window, however long the test runs.

    Without it a test that starts a few seconds before a new minute sees its count reset.
    """
    monkeypatch.setattr("zukunftsplattform.ratelimit.clock", lambda: 1_800_000_030.0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, whose end no straggling connection can block.

    A live server's request thread or a pool may still hold a session on the test database
    when the last test of a worker ends; DROP DATABASE then fails ("being accessed by other
    users"). Every test has run by then, so those sessions are ended first.
    """
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
