"""The access matrix's requests: every URL pattern, filled from the world, in each language
and with each method, and how an answer is read."""

import re
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from tests.access.expectations import (
    ADMIN_VIEWS,
    DECLARED_ROLES,
    SITE,
    admin_app_expectation,
    admin_model_expectation,
)
from tests.access.world import World

# --- Discovery ------------------------------------------------------------------------------


@dataclass
class Pattern:
    key: str  # URL name, or the route when the pattern has no name
    route: str  # the full route (German, i.e. without language prefix)
    i18n: bool
    callback: object


def discover_patterns() -> list[Pattern]:
    """Every URL pattern of the project, walking includes and the language prefix."""
    found = []

    def walk(patterns, prefix, namespace, i18n):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner_i18n = i18n or isinstance(entry.pattern, LocalePrefixPattern)
                inner_namespace = namespace
                if entry.namespace:
                    inner_namespace = (
                        f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                    )
                route = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
                walk(entry.url_patterns, prefix + route, inner_namespace, inner_i18n)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if entry.name:
                    key = f"{namespace}:{entry.name}" if namespace else entry.name
                else:
                    key = route
                found.append(Pattern(key=key, route=route, i18n=i18n, callback=entry.callback))

    walk(get_resolver().url_patterns, "", None, False)
    return found


def admin_kind(pattern: Pattern) -> tuple[str, str] | None:
    """(model label, kind) for the admin's generic per-model views, else None."""
    if pattern.key == "admin:app_list":  # one index per app
        return "", "app_list"
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin/{opts.app_label}/{opts.model_name}/"
        if pattern.route == prefix + "<path:object_id>/":
            return opts.label_lower, "object"
        for kind in ["changelist", "add", "change", "delete", "history"]:
            if pattern.key == f"admin:{opts.app_label}_{opts.model_name}_{kind}":
                return opts.label_lower, kind
    return None


def fill_route(route: str, values: dict) -> str:
    """The path of a route with its placeholders (path converters or regex groups) filled."""

    def value(match):
        name = match.group("name")
        assert name in values, f"no value for <{name}> in {route}"
        return str(values[name])

    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)  # re_path groups
    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, path)  # path converters
    assert "<" not in path and "(" not in path, path
    return "/" + path.replace("^", "").replace("$", "")


@dataclass
class Request:
    label: str  # what a failure message names
    path: str
    method: str
    expected: str
    language: str
    admin: bool


def matrix_requests(world: World, role: str) -> list[Request]:
    unverified_staff = role == "staff_without_second_factor"
    index = DECLARED_ROLES.index("other" if unverified_staff else role)
    requests = []
    patterns = discover_patterns()
    for pattern in patterns:
        declared: list[tuple[str, dict, dict[str, list[str]]]] = []  # (target, values, by method)
        kind = admin_kind(pattern)
        if kind and kind[1] == "app_list":
            for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
                expected = admin_app_expectation(app_label)
                declared.append((app_label, {"app_label": app_label}, {"GET": expected}))
        elif kind:
            label, kind_name = kind
            obj = world.admin_object(label)
            declared.append(
                (
                    label,
                    {"object_id": obj.pk},
                    {m: admin_model_expectation(label, kind_name, m) for m in ["GET", "POST"]},
                )
            )
        else:
            table = ADMIN_VIEWS if pattern.route.startswith("admin/") else SITE
            for (key, target), by_method in table.items():
                if key == pattern.key:
                    values = world.values.get((key, target), {})
                    declared.append(
                        (target, values, {m: rolls.split() for m, rolls in by_method.items()})
                    )
        for target, values, by_method in declared:
            path = fill_route(pattern.route, values)
            languages = ["de", "en"] if pattern.i18n else ["de"]
            for language in languages:
                localised = path if language == "de" else "/en" + path
                with translation.override(language):  # the path really reaches this pattern
                    assert resolve(localised).func is pattern.callback, (pattern.key, localised)
                for method, expected in by_method.items():
                    assert len(expected) == len(DECLARED_ROLES), (pattern.key, target, method)
                    admin_page = pattern.route.startswith("admin/")
                    requests.append(
                        Request(
                            label=f"{method:4} {pattern.key} {target} [{language}] {localised}",
                            path=localised,
                            method=method,
                            # to the second factor's set-up page
                            expected="302" if unverified_staff and admin_page else expected[index],
                            language=language,
                            admin=pattern.route.startswith("admin/"),
                        )
                    )
    return requests


def outcome(response, language: str) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        login = ("/en" if language == "en" else "") + "/konto/login/"
        return "login" if response["Location"].startswith(login) else "302"
    return str(response.status_code)


def matches(expected: str, actual: str) -> bool:
    if expected == "in":  # the admin took the POST: shows the form again, or saved
        return actual in {"200", "302"}
    return expected == actual


def ask(request: Request, session_key: str | None) -> str:
    """One request in a savepoint that is rolled back: no case changes the world."""
    cache.clear()  # rate limits count per address; every case starts fresh
    savepoint = transaction.savepoint_create()
    try:
        client = Client(raise_request_exception=False)
        if session_key:
            client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: session_key})
        send = getattr(client, request.method.lower())
        with translation.override(request.language):
            response = send(request.path)
            if (
                request.admin
                and response.status_code == 302
                and response["Location"].startswith("/admin/login/")
            ):
                response = client.get(response["Location"])
        if response.streaming:  # the test client closes it (e.g. a media file) once read
            b"".join(response.streaming_content)
        actual = outcome(response, request.language)
        if actual == "500" and response.exc_info:
            actual += f" ({response.exc_info[1]!r})"
        return actual
    finally:
        transaction.savepoint_rollback(savepoint)
