"""Account pages (allauth's) speak to people as "Sie" in German, like the rest of the portal.

allauth's own German catalogue says "du"; accounts/allauth_wording/locale overrides those
strings. These tests render every account page a person meets, with its errors, in German.
"""

import re
import time
from html.parser import HTMLParser

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.factories import UserFactory, log_in_with_second_factor, verified

pytestmark = pytest.mark.django_db
PASSWORD = "richtig-gutes-Passwort-1"
INFORMAL = re.compile(
    r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|bist|hast|kannst"
    r"|musst|möchtest|gib|bestätige|melde|lass|klick|klicke|kontaktiere|überprüfe)\b",
    re.IGNORECASE,
)


class VisibleText(HTMLParser):
    """The text a person reads or hears: content, labels, titles and accessible names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in {"script", "style"}
        for name, value in attrs:
            if name in {"title", "alt", "placeholder", "aria-label", "value"} and value:
                self.parts.append(value)
            if name == "data-confirm" and value:  # what a confirmation dialogue asks
                self.parts.append(value)

    def handle_endtag(self, tag):
        self.skip -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def informal_words(response) -> list[str]:
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    parser = VisibleText()
    parser.feed(response.content.decode())
    return INFORMAL.findall(" ".join(parser.parts))


@pytest.mark.parametrize(
    "path",
    [
        "/konto/signup/",
        "/konto/login/",
        "/konto/password/reset/",
        "/konto/password/reset/done/",
        "/konto/password/reset/key/done/",
        "/konto/password/reset/key/1-ungueltig/",
        "/konto/confirm-email/",
        "/konto/confirm-email/ungueltig/",
    ],
)
def test_account_page_for_visitors_says_sie_in_german(client, path):
    assert informal_words(client.get(path, follow=True)) == []


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/konto/signup/", {"email": "neu@example.org", "password1": PASSWORD, "password2": "x"}),
        ("/konto/signup/", {"email": "kein-at", "password1": "kurz", "password2": "kurz"}),
        ("/konto/login/", {"login": "niemand@example.org", "password": "falsch"}),
        ("/konto/password/reset/", {"email": "kein-at"}),
    ],
)
def test_account_form_errors_say_sie_in_german(client, path, data):
    assert informal_words(client.post(path, data)) == []


@pytest.fixture
def signed_in(client):
    user = verified(UserFactory(language="de"))
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    log_in_with_second_factor(client, user)
    session = client.session  # and just confirmed the password again, as allauth records it
    session["account_authentication_methods"].append(
        {"method": "password", "at": time.time(), "reauthenticated": True}
    )
    session.save()
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/konto/",
        "/konto/email/",
        "/konto/password/change/",
        "/konto/logout/",
        "/konto/reauthenticate/",
        "/konto/2fa/",
        "/konto/2fa/totp/deactivate/",
        "/konto/2fa/recovery-codes/",
        "/konto/2fa/recovery-codes/generate/",
        "/konto/2fa/webauthn/",
        "/konto/2fa/webauthn/add/",
        "/konto/login/",
    ],
)
def test_account_page_for_signed_in_people_says_sie_in_german(signed_in, path):
    assert informal_words(signed_in.get(path, follow=True)) == []


def test_account_forms_with_errors_say_sie_in_german(signed_in):
    wrong_password = signed_in.post(
        "/konto/password/change/",
        {"oldpassword": "falsch", "password1": PASSWORD, "password2": "anders"},
    )
    assert "Bitte geben Sie Ihr aktuelles Passwort ein." in wrong_password.content.decode()
    assert informal_words(wrong_password) == []
    remove_primary = signed_in.post(
        "/konto/email/",
        {
            "action_remove": "",
            "email": signed_in.session["account_authentication_methods"][0]["email"],
        },
        follow=True,
    )
    assert informal_words(remove_primary) == []


def test_totp_activation_page_says_sie_in_german(client):
    user = verified(UserFactory(language="de"))
    log_in_with_second_factor(client, user)
    assert informal_words(client.get("/konto/2fa/totp/activate/", follow=True)) == []
