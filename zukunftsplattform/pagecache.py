"""Whole pages for anonymous visitors, kept until anything visitors can see changes.

A page is stored only when nothing in it belongs to one visitor: the request carried no
session and no messages, and the response used no CSP nonce, set no cookie (so no CSRF
token was rendered), left the session alone and did not forbid caching. Pages need no
nonce: scripts and styles are same-origin files, JSON-LD is a data block outside
``script-src``. A page that needs a nonce simply is not cached.

The key holds the *content generation*: one number in ``pages_contentgeneration`` that a
deferred trigger on every table visitors can see bumps in the same transaction as the
change (``change_trigger``, put on each table by a migration; writes to the tables in
``INVISIBLE`` – logins, invitations, a project's history – keep every stored page). A change and its new number become
visible together, and the number is read before the page is rendered, so a stored page
can never be newer-keyed than its content: withdrawing consent, unpublishing, a rename of
a topic in the admin or a ``QuerySet.update()`` hides the old page at the next request.
Pages that change with the clock alone (an event starts, a registration deadline passes)
are at most ``PAGE_CACHE_SECONDS`` old.

Each worker keeps its own pages in memory (``CACHES["pages"]``, zlib-compressed,
bounded), so a hit costs one indexed single-row query and no rendering.
"""

import hashlib
import re
import zlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection, migrations
from django.http import HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.middleware.csp import get_nonce
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

# Tables no page for visitors ever shows: a write to them keeps every stored page. Every
# other table of our apps carries the change trigger, put there by a migration
# (``change_trigger``; the first ones in pages/migrations/0004_change_triggers.py);
# tests/test_page_cache.py fails for a table that is in neither place.
INVISIBLE = {
    "accounts_user": "accounts and logins (last_login); public pages name no account",
    "accounts_activitylog": "activity records of staff actions, shown in the admin only",
    "accounts_user_groups": "staff permissions",
    "accounts_user_user_permissions": "staff permissions",
    "accounts_termsacceptance": "who accepted the terms of use, seen by them and staff",
    "pages_contentgeneration": "the generation itself",
    "pages_feedback": "feedback read by staff in the admin",
    "projects_invitation": "team invitations, seen by the team and the invited person",
    "projects_transition": "a project's history, seen by its team and the moderation",
    "contact_contactrequest": "messages, seen by their sender and recipients only",
    "contact_contactrequest_recipients": "who received a message",
    "contact_contactreport": "reported messages, seen by staff in the admin",
    "contact_blockedsender": "blocked senders, seen by staff in the admin",
    "network_organisationmembership": "who is in an organisation, seen by them and staff",
    "network_organisationinvitation": "invitations to organisations, seen by its administrators",
    "network_joinrequest": "requests to join an organisation, seen by its administrators",
}
# Apps whose tables are checked against that list (other apps' tables, sessions, allauth,
# the database cache and the task queue, are never content).
CONTENT_APPS = ("accounts", "taxonomy", "pages", "projects", "network", "events", "contact")
# A cached page may only vary on what its key holds.
KEYED_VARY = {"cookie", "accept-language", "hx-request"}
UNCACHEABLE = {"private", "no-cache", "no-store"}
HEADER_LIST = re.compile(r"\s*,\s*")

TRIGGER = "portal_content_changed"


def change_trigger(table: str) -> migrations.RunSQL:
    """The migration operation that makes every write to ``table`` bump the generation.

    Deferred, so the function (pages/migrations/0004_change_triggers.py) runs at commit,
    once per transaction, after every other lock.
    """
    quoted = f'"{table}"'
    return migrations.RunSQL(
        sql=[
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}",
            f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE "
            f"ON {quoted} DEFERRABLE INITIALLY DEFERRED "
            f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()",
            f"CREATE OR REPLACE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON {quoted} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()",
        ],
        reverse_sql=[
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}",
            f"DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON {quoted}",
        ],
    )


def content_generation() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM pages_contentgeneration WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def page_cache_exempt(view):
    """Never serve this view from the page cache (e.g. the health check)."""
    view.page_cache_exempt = True
    return view


class PageCacheMiddleware:
    """Serve and store anonymous pages; see the module docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and not getattr(request, "_page_cache_hit", False) and _storable(request, response):
            # What the key holds, told to browsers: a full page and an htmx fragment of
            # the same URL are different answers.
            patch_vary_headers(response, ("Cookie", "HX-Request"))
            body = response.content
            # A view's own validator (e.g. the calendars') is kept; otherwise the body's hash.
            etag = response.get("ETag") or f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
            response.headers["ETag"] = etag
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
            entry = (headers, zlib.compress(body, 1), etag)
            caches["pages"].set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or getattr(view_func, "page_cache_exempt", False)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or settings.MESSAGES_COOKIE_NAME in request.COOKIES
        ):
            return None
        generation = content_generation()
        if generation is None:
            return None
        # Views answer an htmx request with a fragment (HX-Request) and read no other htmx
        # header; HX-Current-URL and the like would only split one answer into many keys.
        htmx = request.headers.get("HX-Request") == "true"
        raw = f"{generation}|{request.LANGUAGE_CODE}|{request.build_absolute_uri()}|{htmx}"
        request._page_cache_key = "page:" + hashlib.blake2b(raw.encode()).hexdigest()
        entry = caches["pages"].get(request._page_cache_key)
        if entry is None:
            return None
        headers, body, etag = entry
        request._page_cache_hit = True
        response: HttpResponseBase
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            response.headers["ETag"] = etag
        else:
            response = HttpResponse(zlib.decompress(body))
            for name, value in headers:
                response.headers[name] = value
        patch_vary_headers(response, ("Cookie", "HX-Request"))
        return response


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or get_nonce(request) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in HEADER_LIST.split(response.get("Cache-Control", ""))
    }
    if cache_control & UNCACHEABLE:
        return False
    vary = {v.strip().lower() for v in HEADER_LIST.split(response.get("Vary", "")) if v.strip()}
    return vary <= KEYED_VARY
