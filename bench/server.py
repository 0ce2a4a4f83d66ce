"""The benchmark's gunicorn, what its processes use (from /proc), and HTTP to 127.0.0.1 only."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
HOST = "127.0.0.1"


# --- The server ----------------------------------------------------------------------


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        # As gunicorn binds: connections of an earlier run in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


class Gunicorn:
    """Gunicorn as production runs it (gunicorn.conf.py), bound to 127.0.0.1:PORT.

    Worker recycling (``max_requests``) is switched off so that the memory measured after
    the load is that of workers which served every request of the run.
    """

    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log_path = env, port, log
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        if not _port_is_free(self.port):
            raise SystemExit(f"Port {self.port} is in use; choose another with --port.")
        self.log = self.log_path.open("ab")
        process = self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                "2",
                "--max-requests",
                "0",
                "zukunftsplattform.wsgi",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited at start; see {self.log_path}")
            with contextlib.suppress(OSError):
                if fetch(self.url("/healthz"), timeout=2)["status"] == 200:
                    return self
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit(f"gunicorn did not answer within 60 s; see {self.log_path}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def workers(self) -> list[int]:
        """PIDs of the worker processes (children of the master)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if self.process and int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return sorted(pids)


def database_backends(name: str) -> list[int]:
    """PIDs of the PostgreSQL backends serving database ``name`` (their title names it)."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            title = cmdline.read_bytes().decode(errors="replace")
            if title.startswith("postgres: ") and f" {name} " in title:
                pids.append(int(cmdline.parent.name))
    return pids


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


# --- HTTP ----------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, headers: dict | None = None, timeout: float = 30) -> dict:
    assert urlsplit(url).hostname == HOST, url  # never anywhere but this machine
    request = urllib.request.Request(url, headers={"Accept-Language": "de", **(headers or {})})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return {"status": response.status, "headers": response.headers, "body": response.read()}
    except urllib.error.HTTPError as error:
        return {"status": error.code, "headers": error.headers, "body": error.read()}


def bust(path: str, token: str) -> str:
    """The same page under a URL no cache has seen (views ignore the extra parameter)."""
    return f"{path}{'&' if '?' in path else '?'}_bench={token}"
