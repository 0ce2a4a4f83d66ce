import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/en/",
    "/impressum/",
    "/kontakt/",
    "/konto/login/",
    "/konto/signup/",
    "/gibt-es-nicht/",
]


def csp_of(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_a_strict_csp(client, path):
    response = client.get(path, secure=True)
    csp = csp_of(response)
    assert csp["default-src"] == "default-src 'self'"
    # Same-origin files only; a page that needs inline code gets a nonce (and is then
    # never stored by the page cache).
    assert re.fullmatch(r"script-src 'self'( 'nonce-[\w-]+')?", csp["script-src"])
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert csp["object-src"] == "object-src 'none'"
    assert csp["base-uri"] == "base-uri 'none'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["form-action"] == "form-action 'self'"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_production_security_headers(client, path):
    response = client.get(path, secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_need_no_nonce_so_they_can_be_cached(client):
    response = client.get("/", secure=True)
    assert "nonce-" not in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "nonce=" not in html
    assert re.search(
        r'<script src="/static/django_htmx/htmx-2\.min(\.[0-9a-f]+)?\.js" defer>', html
    )
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html), "no inline script"
    assert "style=" not in html


def test_anonymous_visit_sets_no_cookie(client):
    response = client.get("/", secure=True)
    assert response.cookies == {} or all(not c.value for c in response.cookies.values())


def test_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_session_and_csrf_cookies_are_host_prefixed_and_secure(client):
    response = client.get("/konto/login/", secure=True)
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]


def test_permissions_policy_names_no_deprecated_feature(client):
    policy = client.get("/", secure=True)["Permissions-Policy"]
    assert "interest-cohort" not in policy  # FLoC: gone, browsers warn about it
    assert "microphone=()" in policy and "payment=()" in policy


def test_messages_cookie_is_host_prefixed_secure_and_http_only(client):
    response = client.post(
        "/kontakt/", {"message": "Die Suche ist toll.", "email": "a@example.org"}, secure=True
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    cookie = response.cookies["__Host-messages"]
    assert cookie.value
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/" and not cookie["domain"]
    # The next page reads it, shows the message, and clears the cookie.
    page = client.get(response["Location"], secure=True)
    assert "Vielen Dank" in page.content.decode()
    assert page.cookies["__Host-messages"].value == ""
