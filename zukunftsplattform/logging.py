import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

# Attributes every LogRecord has; anything else was passed through ``extra=``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request", "server_time"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line, so the platform's log collector can parse it."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


# --- Secret links in paths --------------------------------------------------------------------
# Registration, consent, invitation, email-confirmation and password-reset links carry their
# secret in the path, which access logs and Django's "Not Found" warnings would record.

#: Names of URL placeholders that hold a secret (``<slug:token>``, allauth's ``key``, ...).
SECRET_PLACEHOLDERS = ("token", "key", "uidb36")
REDACTED = "[redacted]"
_SECRET_GROUP = re.compile(rf"\(\?P<(?:{'|'.join(SECRET_PLACEHOLDERS)})>")
# Only until the URL patterns can be read (Django not set up yet): every long segment.
_LONG_SEGMENT = re.compile(r"(?<=/)[-\w:.=]{20,}(?=/|$)")
_patterns: list[re.Pattern] | None = None


def _route_regexes() -> list[str]:
    """The regex of every URL pattern, as one string from the root (no anchors)."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    language = f"(?:(?:{'|'.join(map(re.escape, others))})/)?" if others else ""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
                walk(entry.url_patterns, prefix + language)
                continue
            piece = entry.pattern.regex.pattern.removeprefix("^").removesuffix(r"\Z")
            piece = piece.removesuffix("$")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + piece)
            elif isinstance(entry, URLPattern):
                found.append(prefix + piece)

    walk(get_resolver().url_patterns, "")
    return found


def secret_path_patterns() -> list[re.Pattern]:
    """One regex per URL pattern with a secret placeholder; group ``secret`` is the path
    segment that holds it (also when the rest of the path does not match, e.g. a missing
    slash), never a fixed sibling such as ``einwilligung/konto/``."""
    routes = _route_regexes()
    prefixes = []
    for route in routes:
        if match := _SECRET_GROUP.search(route):
            prefix = route[: route.rfind("/", 0, match.start()) + 1]
            if prefix not in prefixes:
                prefixes.append(prefix)
    patterns = []
    for prefix in prefixes:
        siblings = set()
        for route in routes:
            if route.startswith(prefix) and not _SECRET_GROUP.search(route, len(prefix)):
                segment = route[len(prefix) :].split("/", 1)[0]
                if segment and "(" not in segment:
                    siblings.add(segment)
        not_sibling = f"(?!(?:{'|'.join(sorted(siblings))})(?:/|$))" if siblings else ""
        patterns.append(re.compile(f"^/{prefix}{not_sibling}(?P<secret>[^/]+)"))
    return patterns


def redact_path(path: str) -> str:
    """``path`` with the secret of a secret link replaced by ``[redacted]``."""
    global _patterns
    if _patterns is None:
        try:
            _patterns = secret_path_patterns()
        except Exception:  # Django not set up (yet): be safe rather than exact
            return _LONG_SEGMENT.sub(REDACTED, path)
    for pattern in _patterns:
        if match := pattern.search(path):
            start, end = match.span("secret")
            return path[:start] + REDACTED + path[end:]
    return path


class RedactSecretLinks(logging.Filter):
    """Logging filter: secret links in a record's message arguments are redacted.

    On ``django.request`` (and the development server's ``django.server``), whose
    "Not Found: /veranstaltungen/anmeldung/<token>/" warnings name the path.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_text(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = redact_text(record.msg)
        return True


_PATH_IN_TEXT = re.compile(r"/[^\s\"'?#]*")


def redact_text(text: str) -> str:
    """Redact every path-looking part of ``text`` (a bare path, or a request line)."""
    return _PATH_IN_TEXT.sub(lambda match: redact_path(match.group(0)), text)
