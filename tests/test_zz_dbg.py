import pytest
from tests import test_site_access as t
from django.test import Client
from http.cookies import SimpleCookie
from django.conf import settings


@pytest.mark.django_db
def test_dbg():
    world = t.World()
    keys = world.sessions()
    for role in ["innovator", "moderator"]:
        c = Client()
        c.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: keys[role]})
        for path in [
            "/konto/loeschen/",
            "/konto/2fa/totp/deactivate/",
            f"/konto/2fa/webauthn/keys/{world.passkey.pk}/edit/",
            "/konto/reauthenticate/code/confirm/",
            "/konto/email/",
            "/konto/2fa/totp/activate/",
            "/konto/2fa/authenticate/",
        ]:
            r = c.get(path)
            print(role, path, r.status_code, r.get("Location"))
