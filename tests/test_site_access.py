"""Everything reachable, as everyone.

Every URL pattern of the project (the i18n ones in both languages, the admin included) is
requested by every role with every method, and the outcome must be the one declared in the
tables of ``tests/access/expectations.py``. A pattern without a declaration fails the suite, so a page added tomorrow
cannot slip through: declare what each role may do there.

Outcomes: ``200``, ``400`` (form errors on a POST-only endpoint), ``login`` (302 to the
login page of the request's language), ``302`` (a redirect elsewhere, e.g. after a POST),
``403`` (signed in but not allowed), ``404`` (the role must not learn that the object
exists), ``405`` (method not allowed), ``in`` (admin change form: shown again or saved).
In the admin, the redirect to the admin login is followed once: anonymous visitors end at
``login``, signed-in people without staff status at ``403``. Every request runs in a
savepoint that is rolled back, so POSTs (consent, invitations, logout) change nothing.

A new page fails with its actual outcomes printed; ``ACCESS_MATRIX_PROBE=1`` prints the
whole actual matrix. Review each outcome before copying it into a table.
"""

import os

import pytest
from django.contrib import admin

from tests.access.expectations import ADMIN_MODELS, ADMIN_VIEWS, ROLES, SITE
from tests.access.matrix import admin_kind, ask, discover_patterns, matches, matrix_requests
from tests.access.world import World

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_a_declared_expectation():
    missing = []
    for pattern in discover_patterns():
        if kind := admin_kind(pattern):
            if kind[1] != "app_list" and kind[0] not in ADMIN_MODELS:
                missing.append(f"admin model {kind[0]} (add it to ADMIN_MODELS)")
        elif pattern.route.startswith("admin/"):
            if not any(key == pattern.key for key, _target in ADMIN_VIEWS):
                missing.append(f"admin view {pattern.key} (add it to ADMIN_VIEWS)")
        elif not any(key == pattern.key for key, _target in SITE):
            missing.append(f"{pattern.key} /{pattern.route} (add it to SITE)")
    assert not missing, "URL patterns without a declared expectation:\n" + "\n".join(
        sorted(set(missing))
    )


def test_every_declared_expectation_still_has_its_pattern():
    keys = {pattern.key for pattern in discover_patterns()}
    registered = {model._meta.label_lower for model in admin.site._registry}
    stale = [key for key, _target in [*SITE, *ADMIN_VIEWS] if key not in keys]
    stale += [label for label in ADMIN_MODELS if label not in registered]
    assert not stale, f"declared, but no such URL pattern or admin model: {sorted(set(stale))}"


CHECKED: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_case_count(request):
    yield
    total = sum(CHECKED.values())
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter and capture and total:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\naccess matrix: {total} cases ({len(CHECKED)} roles)")


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(role, settings, subtests):
    """One world per role; each cell (URL x method x language) is a subtest of its own, so
    every cell that differs is reported as a failure of its own (SUBFAILED ... role: cell)."""
    # Tests run tasks immediately; the admin's task list needs the backend production uses.
    settings.TASKS = {**settings.TASKS, "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world = World()
    session_key = world.session(role)
    requests = matrix_requests(world, role)
    probe = os.environ.get("ACCESS_MATRIX_PROBE")
    try:
        for request in requests:
            with subtests.test(msg=f"{role}: {request.label}"):
                actual = ask(request, session_key)
                if probe:
                    print(f"PROBE {role:10} {actual:6} {request.label}")
                assert matches(request.expected, actual), (
                    f"{role}: {request.label}: expected {request.expected}, got {actual}"
                )
    finally:
        world.media_file.unlink(missing_ok=True)
    CHECKED[role] = len(requests)
    print(f"access matrix ({role}): {len(requests)} cases")
    assert len(requests) > 600, "the matrix lost its pages"
