"""`make demo-totp` (manage.py demo_totp): the demo staff's second factor at any time."""

import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.core.management.base import CommandError

from pages.demo import ADMIN_EMAIL, MODERATOR_EMAIL
from tests.factories import UserFactory, verified

pytestmark = pytest.mark.django_db
PASSWORD = "richtig-gutes-Passwort-1"  # UserFactory's


def _demo_staff():
    moderator = verified(UserFactory(email=MODERATOR_EMAIL, is_staff=True))
    admin = verified(UserFactory(email=ADMIN_EMAIL, is_staff=True, is_superuser=True))
    secrets = {}
    for user in (moderator, admin):
        secrets[user.email] = generate_totp_secret()
        TOTP.activate(user, secrets[user.email])
    return secrets


def _demo_totp() -> str:
    # The printed code stays valid one period after its own (MFA_TOTP_TOLERANCE = 1), so
    # it cannot expire between printing and logging in.
    out = StringIO()
    call_command("demo_totp", stdout=out)
    return out.getvalue()


def test_demo_totp_prints_secrets_and_codes_that_open_the_admin(client, settings):
    settings.DEBUG = True
    secrets = _demo_staff()

    output = _demo_totp()

    for email, secret in secrets.items():
        assert re.search(rf"{re.escape(email)}\s+TOTP secret: {secret}\s+code now: \d{{6}}", output)
    code = re.search(rf"{re.escape(ADMIN_EMAIL)}.*code now: (\d{{6}})", output).group(1)
    response = client.post("/konto/login/", {"login": ADMIN_EMAIL, "password": PASSWORD})
    assert response.url == "/konto/2fa/authenticate/"
    client.post("/konto/2fa/authenticate/", {"code": code})
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Zukunftsplattform – Redaktion" in response.content.decode()


def test_demo_totp_says_when_an_account_has_no_second_factor(settings):
    settings.DEBUG = True
    verified(UserFactory(email=MODERATOR_EMAIL, is_staff=True))

    output = _demo_totp()

    assert f"{MODERATOR_EMAIL}: no TOTP set up" in output
    assert f"{ADMIN_EMAIL}: no TOTP set up" in output


def test_demo_totp_refuses_in_production(settings):
    settings.DEBUG = False
    _demo_staff()
    out = StringIO()
    with pytest.raises(CommandError, match="only runs in development"):
        call_command("demo_totp", stdout=out)
    assert "secret" not in out.getvalue().lower()


def test_make_demo_totp_runs_the_command_in_development():
    plan = subprocess.run(
        ["make", "-n", "demo-totp"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "DJANGO_DEBUG=1" in plan and "manage.py demo_totp" in plan
