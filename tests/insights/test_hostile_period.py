"""Hostile values in the dashboard's period form: told at the field, kept, never a 500."""

import pytest
from django.utils.html import escape

from tests.hostile.corpus import FILTER_VALUES, NOT_ECHOED, check_refusal, injections

pytestmark = pytest.mark.django_db


def assert_harmless(response, label, *, icons):
    """As the corpus's check, but the admin's own icons (its theme switch, drawn as inline
    SVG) are expected: exactly as many as on the plain page."""
    assert response.status_code < 500, f"{response.status_code} for {label}"
    if response.get("Content-Type", "").startswith("text/html"):
        assert injections(response.content.decode()) == ["svg"] * icons, label


@pytest.fixture
def icons(ministry_client):
    return injections(ministry_client.get("/admin/dashboard/").content.decode()).count("svg")


@pytest.mark.parametrize("param", ["von", "bis", "region"])
def test_hostile_value_in_the_period_is_refused_or_harmless(ministry_client, param, icons):
    for key, value in FILTER_VALUES.items():
        for path in ["/admin/dashboard/", "/admin/dashboard/events.csv"]:
            response = ministry_client.get(path, {param: value})
            label = f"GET {path}?{param}={key}"
            assert response.status_code == 200, f"{response.status_code}: {label}"
            assert_harmless(response, label, icons=icons)
            form = response.context["form"] if response.context else None
            if form is None:  # the export went through: the value meant nothing wrong
                continue
            if form.errors:
                check_refusal(response, form, {param: value}, label)
            elif not isinstance(form.fields[param].widget, NOT_ECHOED) and value.strip():
                assert escape(value) in response.content.decode(), f"not kept: {label}"


def test_repeated_and_broken_parameters_never_break_it(ministry_client, icons):
    response = ministry_client.get(
        "/admin/dashboard/", {"von": ["2026-01-01", "\x00"], "bis": ["x" * 10_000, "-1"]}
    )
    assert response.status_code == 200
    for raw in ["%ff%fe%00", "%", "von=%C0%AF", "=&=&&", "bis=2026-13-45"]:
        response = ministry_client.get(f"/admin/dashboard/?{raw}")
        assert response.status_code == 200, raw
        assert_harmless(response, raw, icons=icons)
