"""What every answer of the read API shares: CORS, HEAD, the rate limit and the ETag.

CORS and HEAD are a middleware (``cors``), so answers from the page cache and OPTIONS
requests, which reach no view, get them too. The rate limit and the ETag wrap each API
operation (``NinjaAPI.add_decorator``), so only answers the view computes count against
the limit, like the portal's search: what the page cache answers costs nothing.
"""

import hashlib
import json
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.http import parse_etags
from django.utils.translation import gettext as _

from zukunftsplattform.ratelimit import client_ip, hit, retry_after

PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Headers a script on another site may send (If-None-Match makes a request "non-simple")
# and read (beyond the CORS-safelisted ones).
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match"
EXPOSED_HEADERS = "ETag, Retry-After"
RATE_PERIOD = 60


def _cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    # Readable from scripts on other sites: CORS allows it, the resource policy must too.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def cors(get_response):
    """Open the API (``/api/``, nothing else) to scripts on every site, for reading only:
    ``Access-Control-Allow-Origin: *`` on GET, HEAD and OPTIONS, never with credentials.
    A preflight (OPTIONS) is answered here; HEAD is answered as GET without its body."""

    def middleware(request):
        if not request.path.startswith(PREFIX):
            return get_response(request)
        if request.method == "OPTIONS":
            request.get_host()  # an unknown host is refused (400) as on every request
            response = HttpResponse(status=204)
            del response.headers["Content-Type"]
            response.headers["Allow"] = ALLOWED_METHODS
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = get_response(request)
        if head:
            request.method = "HEAD"
            length = len(response.content) if not response.streaming else None
            response.content = b""
            if length is not None:
                response.headers["Content-Length"] = str(length)
        if request.method in ("GET", "HEAD"):
            _cors(response)
        return response

    return middleware


def json_error(status: int, message: str, **headers: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps({"detail": message}, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    return response


def etag_of(body: bytes) -> str:
    """The same validator the page cache gives a page: a hash of the body."""
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def api_view(view):
    """Each API operation: the rate limit (429 with ``Retry-After``), then the view, then
    an ``ETag`` on a successful answer, and 304 when ``If-None-Match`` already has it.

    Messages are in the client's language (``Accept-Language``; the API's addresses have
    no language prefix); records are the same in every language."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(translation.get_language_from_request(request)):
            return _answer(view, request, *args, **kwargs)

    return wrapper


def _answer(view, request, *args, **kwargs):
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    if limit and not hit(f"api:{client_ip(request)}", limit, RATE_PERIOD):
        wait = retry_after(RATE_PERIOD)
        message = _("Too many requests. Please wait %(seconds)s seconds.") % {"seconds": wait}
        return json_error(429, message, Retry_After=str(wait))
    response = view(request, *args, **kwargs)
    if response.status_code != 200 or response.streaming:
        return response
    # No Cache-Control of our own: without Last-Modified nobody stores the answer as fresh,
    # so clients ask again with the ETag; and a signed-in person's answers stay
    # "private, no-store" like every other (zukunftsplattform.middleware.private_responses).
    etag = etag_of(response.content)
    response.headers["ETag"] = etag
    asked = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in asked or "*" in asked:
        not_modified = HttpResponseNotModified()
        not_modified.headers["ETag"] = etag
        return not_modified
    return response
