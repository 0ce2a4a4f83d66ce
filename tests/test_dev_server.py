"""The development server (`make run`) under a burst of requests, against the test database."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.projects.factories import ProjectFactory

ROOT = Path(__file__).resolve().parent.parent
BURST = 40
APPLICATION = "zukunftsplattform-burst-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The test database, as a URL the server process reads from DATABASE_URL."""
    params = connection.get_connection_params()
    host = params.get("host") or ""
    user = params.get("user") or ""
    password = params.get("password") or ""
    name = connection.settings_dict["NAME"]
    if host.startswith("/"):  # a Unix socket directory (the private cluster)
        url = f"postgresql://{quote(user)}:{quote(password)}@/{name}?host={quote(host)}"
    else:
        url = f"postgresql://{quote(user)}:{quote(password)}@{host}:{params.get('port') or 5432}/{name}?"
    return f"{url}&application_name={APPLICATION}"


def _get(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - 127.0.0.1
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [APPLICATION]
        )
        return cursor.fetchone()[0]


@pytest.fixture
def dev_server(transactional_db, tmp_path):
    port = _free_port()
    log = (tmp_path / "runserver.log").open("w")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(DJANGO_DEBUG="1", DATABASE_URL=_database_url(), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded 2-core machine needs ~20 s
        while _get(f"{base}/healthz") != 200:
            try:  # returns at once if the server ends, else after a fifth of a second
                process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                if time.monotonic() < deadline:
                    continue
            raise AssertionError("runserver did not start:\n" + Path(log.name).read_text())
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_dev_server_survives_a_burst_of_requests_on_few_connections(dev_server):
    ProjectFactory.create_batch(12, published=True)
    busiest = 0
    done = threading.Event()

    def watch():
        nonlocal busiest
        try:
            while not done.wait(0.05):  # a sample every 50 ms until the burst is over
                busiest = max(busiest, _server_connections())
        finally:
            connection.close()  # this thread's own connection

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(BURST) as pool:
            statuses = list(pool.map(lambda _: _get(f"{dev_server}/projekte/"), range(BURST)))
    finally:
        done.set()
        watcher.join(timeout=10)

    assert statuses == [200] * BURST, statuses
    # A request waits for a free connection instead of opening one more: however many
    # arrive at once, the dev server never needs more than its pool.
    assert 1 <= busiest <= 8, busiest
