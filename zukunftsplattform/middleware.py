from django.conf import settings
from django.db import connection

from zukunftsplattform.logging import redact_path


def security_headers(get_response):
    """Headers Django's SecurityMiddleware does not set itself."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


def private_responses(get_response):
    """Responses that belong to one person: no shared cache, no disk cache keeps them.

    That is every response to a signed-in person, and every page behind a secret link (a
    guest's registration, a consent or invitation link, allauth's email-confirmation and
    password-reset links: the same patterns the logs redact). Unless the view decided
    itself (public uploads, robots.txt). The page cache skips ``private`` responses too.
    """

    def middleware(request):
        response = get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or redact_path(
            request.path
        ) != request.path:
            response.headers["Cache-Control"] = "private, no-store"
        return response

    return middleware


def count_queries(get_response):
    """Benchmark only: the number of database queries a response cost, as ``X-Query-Count``.

    Inserted by the settings only when ``BENCH_COUNT_QUERIES=1`` (``make bench`` does so
    for its query pass, never for the load runs); counts without ``DEBUG``.
    """

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response.headers["X-Query-Count"] = str(count)
        return response

    return middleware
