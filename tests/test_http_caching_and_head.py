"""What browsers and proxies may keep, and HEAD, over every page the access matrix knows.

- A response to a signed-in person (account, my data and its JSON export, my projects, my
  registrations, forms, and public pages too: they name the person in the header) carries
  ``Cache-Control: private, no-store``, so no shared or back-button cache keeps it; so do
  the pages behind a secret link (a guest's registration, a consent link, an invitation).
- HEAD answers like GET wherever GET is allowed (monitors and link checkers use it): never 405.
"""

import pytest
from django.test import Client
from django.utils import translation

from tests.access.expectations import SITE
from tests.access.matrix import matrix_requests, outcome
from tests.access.world import World

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}


def _site_gets(world, role):
    """The GET cases of the site (not the admin) that answer 200 for ``role``."""
    return [
        r
        for r in matrix_requests(world, role)
        if r.method == "GET" and not r.admin and r.expected == "200"
    ]


def _get(session_key, request, method="get"):
    """One request in a savepoint that is rolled back, as in the access matrix: a case
    (e.g. a password-reset link, which signs out) changes nothing for the next."""
    from http.cookies import SimpleCookie

    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction

    cache.clear()
    savepoint = transaction.savepoint_create()
    try:
        client = Client(raise_request_exception=False)
        if session_key:
            client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: session_key})
        with translation.override(request.language):
            response = getattr(client, method)(request.path)
        response.body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        return response
    finally:
        transaction.savepoint_rollback(savepoint)


def test_signed_in_pages_are_private_and_not_stored():
    world = World()
    session = world.session("innovator")
    signed_in_only = {
        key for key, by_method in SITE.items() if by_method["GET"].split()[0] == "login"
    }
    assert len(signed_in_only) > 15  # account, my data, export, my projects, forms, ...
    checked, wrong = 0, []
    for request in _site_gets(world, "innovator"):
        if "/media/" in request.path or request.label.split()[1] in {"robots_txt", "favicon"}:
            continue  # the same for everyone, and said so by the view (public, max-age)
        response = _get(session, request)
        checked += 1
        if not {"private", "no-store"} <= cache_control(response):
            wrong.append(f"{request.label}: Cache-Control {response.get('Cache-Control')!r}")
    labels = " ".join(r.label for r in _site_gets(world, "innovator"))
    for needed in ["accounts:overview", "accounts:my_data_download", "projects:mine",
                   "events:my_registrations", "projects:edit", "mfa_index"]:  # fmt: skip
        assert needed in labels
    assert checked > 60
    assert not wrong, "\n".join(wrong)


def test_anonymous_public_pages_stay_cacheable_and_secret_links_do_not():
    world = World()
    secret = {"events:registration", "events:confirm", "network:consent_confirm",
              "network:consent_withdraw", "account_reset_password_from_key",
              "account_confirm_email"}  # fmt: skip
    for request in _site_gets(world, "anonymous"):
        response = _get(None, request)
        directives = cache_control(response)
        if any(f" {key} " in request.label for key in secret):
            assert {"private", "no-store"} <= directives, request.label
        elif request.label.split()[1] in {"pages:home", "projects:list", "events:detail"}:
            assert "private" not in directives and "no-store" not in directives, request.label


@pytest.mark.parametrize("role", ["anonymous", "innovator"])
def test_head_is_answered_wherever_get_is(role):
    world = World()
    session = world.session(role)
    requests = [
        r
        for r in matrix_requests(world, role)
        if r.method == "GET" and r.expected != "405" and not r.admin
    ]
    assert len(requests) > 100
    wrong = []
    for request in requests:
        response = _get(session, request, method="head")
        actual = outcome(response, request.language)
        if actual != request.expected and not (request.expected == "in" and actual == "200"):
            wrong.append(f"HEAD {request.label}: expected {request.expected}, got {actual}")
        elif response.body:
            wrong.append(f"HEAD {request.label}: has a body")
    assert not wrong, f"{len(wrong)} of {len(requests)}\n" + "\n".join(wrong)
