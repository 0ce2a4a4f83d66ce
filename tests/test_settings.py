"""Settings fail loudly in production and the deploy checklist is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "a-production-like-secret-key-with-enough-length-and-entropy-1234567890",
    "ALLOWED_HOSTS": "zukunftsplattform.example",
}


def run_django(code: str, **env_changes) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "zukunftsplattform.settings"
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_settings_without_secret_key_in_production_stop_with_a_clear_message():
    result = run_django("import django; django.setup()", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_without_allowed_hosts_in_production_stop_with_a_clear_message():
    result = run_django("import django; django.setup()", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_settings_debug_mode_needs_neither():
    result = run_django(
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        DJANGO_DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")


def test_settings_reject_a_boolean_that_is_not_one():
    result = run_django("import django; django.setup()", DJANGO_DEBUG="vielleicht")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_settings_production_is_the_default():
    result = run_django(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_NAME, settings.TASKS['default']['BACKEND'])",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == [
        "False",
        "__Host-sessionid",
        "django_tasks_db.DatabaseBackend",
    ]


def test_settings_unreachable_database_url_is_reported_by_the_health_check_not_at_import():
    result = run_django(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['HOST'])",
        DATABASE_URL="postgres://nobody@db.invalid:5432/none",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("db.invalid")


def test_deploy_check_is_clean_with_production_settings():
    result = run_django(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_keeps_anonymous_pages_and_development_does_not():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PAGE_CACHE_SECONDS, "
        "'zukunftsplattform.pagecache.PageCacheMiddleware' in settings.MIDDLEWARE)"
    )
    production = run_django(code, **PRODUCTION)
    development = run_django(code, DJANGO_DEBUG="1")
    assert production.stdout.split()[-2:] == ["60", "True"], production.stderr
    assert development.stdout.split()[-2:] == ["0", "True"], development.stderr


def test_settings_development_links_follow_the_port_make_run_serves_on():
    """`PORT=8123 make run`: links in mails and calendars point to port 8123, not 8000."""
    show = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    served = run_django(show, DJANGO_DEBUG="1", PORT="8123", SITE_URL="")
    assert served.returncode == 0, served.stderr
    assert served.stdout.split()[-1] == "http://127.0.0.1:8123"
    configured = run_django(show, DJANGO_DEBUG="1", PORT="8123", SITE_URL="https://portal.example")
    assert configured.stdout.split()[-1] == "https://portal.example"
    production = run_django(show, PORT="8123", SITE_URL="", **PRODUCTION)
    assert production.returncode == 0, production.stderr
    assert production.stdout.split()[-1] == "https://zukunftsplattform.example"


def test_settings_use_redis_for_the_shared_cache_when_given():
    result = run_django(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        DJANGO_DEBUG="1",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(
        "django.core.cache.backends.redis.RedisCache redis://cache.internal:6379/0"
    )


def test_settings_reject_an_unknown_task_backend():
    result = run_django("import django; django.setup()", DJANGO_DEBUG="1", TASK_BACKEND="celery")
    assert result.returncode != 0
    assert "TASK_BACKEND must be 'immediate' or 'database'." in result.stderr
