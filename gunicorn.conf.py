"""Gunicorn settings for production (the container's CMD uses this file).

Tuned by environment variables:
  PORT                 port to listen on (default 8000)
  WEB_CONCURRENCY      number of worker processes (default 2)
  TRUSTED_PROXIES      comma-separated addresses or networks of the load balancer /
                       reverse proxy whose X-Forwarded-* headers are trusted (default
                       127.0.0.1,::1); Django reads the same variable for the client
                       address (zukunftsplattform.ratelimit.client_ip)
"""

import json
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger, SafeAtoms

from zukunftsplattform.logging import redact_path, redact_text

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"  # all interfaces: inside a container
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200

# Heartbeat files on tmpfs instead of the (possibly slow or read-only) image layer.
if os.path.isdir("/dev/shm"):  # noqa: S108 - the standard tmpfs, not a temp file
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# The same list Django uses for the client address (settings.TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES") or "127.0.0.1,::1"


class JsonSafeAtoms(SafeAtoms):
    """Escape log values for JSON (gunicorn itself only escapes double quotes)."""

    def __init__(self, atoms):
        dict.__init__(self)
        for key, value in atoms.items():
            self[key] = json.dumps(value)[1:-1] if isinstance(value, str) else value


class JsonAccessLogger(Logger):
    atoms_wrapper_class = JsonSafeAtoms

    def atoms(self, resp, req, environ, request_time):
        # Registration, consent, invitation and password-reset links carry their secret in
        # the path: the log gets "[redacted]" in its place (the patterns come from the URLconf).
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact_path(atoms["U"] or "")
        for name in ("r", "{path_info}e", "{raw_uri}e"):
            if isinstance(atoms.get(name), str):
                atoms[name] = redact_text(atoms[name])
        return atoms

    def now(self):
        # ISO 8601 in UTC, like the application's JSON log lines.
        return datetime.now(UTC).isoformat()


# Logs go to stdout/stderr for the container runtime: one JSON object per request, like
# the application's own log lines (gunicorn's own messages on stderr stay plain text).
# Query string and referer are left out on purpose: they can carry tokens and personal data.
logger_class = JsonAccessLogger
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"type": "access", "time": "%(t)s", "remote_addr": "%(h)s", '
    '"method": "%(m)s", "path": "%(U)s", "protocol": "%(H)s", "status": %(s)s, '
    '"bytes": "%(b)s", "duration_ms": %(M)s, "user_agent": "%(a)s", '
    '"request_id": "%({x-request-id}i)s"}'
)
