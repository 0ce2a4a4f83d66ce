"""Secret links never reach a log: gunicorn's access log and Django's "Not Found" warnings
name the path with the secret replaced by ``[redacted]``."""

import json
import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from gunicorn.config import Config

from events import services as event_services
from network.consent import make_confirm_token, make_withdraw_token
from projects import services as project_services
from tests.events.factories import EventFactory
from tests.factories import UserFactory, verified
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.logging import REDACTED, redact_path

pytestmark = pytest.mark.django_db

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def secret_links() -> dict[str, tuple[str, str]]:
    """Every kind of secret link the portal sends: name -> (path, secret in it)."""
    from allauth.account.models import EmailAddress

    owner = UserFactory()
    registration = event_services.register_guest(
        event=EventFactory(), name="Gabi Gast", email="gabi@example.org"
    )
    invitation = project_services.invite_member(
        project=ProjectFactory(owner=owner), inviter=owner, email="neu@example.org"
    )
    person = PersonFactory(consent=True)
    newcomer = UserFactory()
    address = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True)
    confirm_key = EmailConfirmationHMAC(address).key
    reset_key = default_token_generator.make_token(verified(UserFactory()))
    uid = user_pk_to_url_str(newcomer)
    consent, withdraw = make_confirm_token(person), make_withdraw_token(person)
    token = registration.token
    return {
        "registration": (f"/veranstaltungen/anmeldung/{token}/", token),
        "confirm-registration": (f"/veranstaltungen/anmeldung/{token}/bestaetigen/", token),
        "cancel-registration": (f"/en/veranstaltungen/anmeldung/{token}/absagen/", token),
        "invitation": (f"/projekte/einladung/{invitation.token}/", invitation.token),
        "consent": (f"/netzwerk/einwilligung/{consent}/", consent),
        "consent-withdraw": (f"/netzwerk/einwilligung/{withdraw}/widerrufen/", withdraw),
        "email-confirmation": (f"/konto/confirm-email/{confirm_key}/", confirm_key),
        "password-reset": (f"/konto/password/reset/key/{uid}-{reset_key}/", reset_key),
        "no-trailing-slash": (f"/veranstaltungen/anmeldung/{token}", token),
    }


def test_every_secret_link_is_redacted_and_nothing_else():
    for name, (path, secret) in secret_links().items():
        redacted = redact_path(path)
        assert secret not in redacted, name
        assert REDACTED in redacted and redacted.startswith(path[:10]), name
    for path in [
        "/veranstaltungen/forum-dresden/",
        "/projekte/repair-cafe/team/",
        "/netzwerk/einwilligung/konto/",
        "/konto/password/reset/key/done/",
        "/konto/login/",
    ]:
        assert redact_path(path) == path


def _access_line(tmp_path, path, query=""):
    conf = runpy.run_path(str(GUNICORN_CONF))
    cfg = Config()
    log_file = tmp_path / "access.log"
    cfg.set("accesslog", str(log_file))
    cfg.set("access_log_format", conf["access_log_format"])
    logger = conf["JsonAccessLogger"](cfg)
    uri = f"{path}?{query}" if query else path
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
        "HTTP_USER_AGENT": "Testbrowser",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[("X-REQUEST-ID", "abc")])
    try:
        logger.access(response, request, environ, timedelta(milliseconds=12))
    finally:
        for handler in [*logger.access_log.handlers, *logger.error_log.handlers]:
            handler.close()
    return log_file.read_text().strip().splitlines()[-1]


def test_gunicorn_access_log_redacts_secret_links(tmp_path):
    for name, (path, secret) in secret_links().items():
        line = _access_line(tmp_path, path, query=f"next=/x&t={secret}")
        entry = json.loads(line)
        assert secret not in line, name
        assert entry["path"] == redact_path(path) and REDACTED in entry["path"], name
        assert entry["status"] == 200 and entry["request_id"] == "abc"


def test_gunicorn_access_log_keeps_ordinary_paths(tmp_path):
    entry = json.loads(_access_line(tmp_path, "/veranstaltungen/forum-dresden/"))
    assert entry["path"] == "/veranstaltungen/forum-dresden/"


def test_not_found_warning_names_no_secret(client, caplog):
    """A link that is no longer valid (cancelled, expired, mistyped) answers 404, and Django
    logs the path of every 404."""
    unknown = "Zz" * 16
    paths = {
        "registration": f"/veranstaltungen/anmeldung/{unknown}/",
        "invitation": f"/projekte/einladung/{unknown}/",
        "consent": f"/netzwerk/einwilligung/{unknown}:forged/",
        "email-confirmation": f"/konto/confirm-email/{unknown}/",
    }
    client.force_login(UserFactory())  # the invitation needs a signed-in person to answer 404
    for name, path in paths.items():
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="django.request"):
            response = client.post(path) if name == "email-confirmation" else client.get(path)
        assert response.status_code == 404, (name, response.status_code)
        messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
        assert messages, f"no warning for {name}"
        assert all(unknown not in message for message in messages), messages
        assert any(REDACTED in message for message in messages), messages


def test_paths_are_redacted_even_before_django_is_set_up():
    import os
    import subprocess
    import sys

    code = (
        "from zukunftsplattform.logging import redact_path; "
        "print(redact_path('/projekte/einladung/Abc123geheimesTokenXYZ987/'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/projekte/einladung/[redacted]/"
