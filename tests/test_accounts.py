import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from accounts.models import User
from accounts.moderation import MODERATION_GROUP
from tests.events.factories import EventFactory
from tests.factories import ACCEPTED_TERMS, UserFactory, log_in_with_second_factor, verified
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
PASSWORD = "richtig-gutes-Passwort-1"


def totp_code(secret: str) -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value

    counter = int(timezone.now().timestamp()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def confirmation_link(message) -> str:
    return re.search(r"https?://[^\s]+/konto/confirm-email/[^\s]+/", message.body).group(0)


def test_an_account_without_an_email_address_cannot_be_made():
    """Every way in (sign-up, createsuperuser, the admin) ends in the manager."""
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user(email="", password="Zukunft-Sachsen-2026")
    assert not User.objects.exists()


def test_signup_sends_a_german_confirmation_mail_and_blocks_login_until_confirmed(client):
    response = client.post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Nora Neu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.display_name == "Nora Neu" and user.language == "de"
    assert len(mail.outbox) == 1
    assert "Bestätige" in mail.outbox[0].subject or "bestätig" in mail.outbox[0].body.lower()

    response = client.post("/konto/login/", {"login": "neu@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response.url or "verification" in response.url
    assert "_auth_user_id" not in client.session

    link = confirmation_link(mail.outbox[-1])
    client.post(link.replace("http://testserver", ""))
    assert EmailAddress.objects.get(email="neu@example.org").verified


def test_signup_in_english_sends_the_mail_in_english(client):
    client.post(
        "/en/konto/signup/",
        {
            "email": "new@example.org",
            "display_name": "Ned New",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        },
    )
    assert User.objects.get(email="new@example.org").language == "en"
    assert "Confirm" in mail.outbox[0].subject or "confirm" in mail.outbox[0].body


def test_password_reset_does_not_reveal_whether_an_address_exists(client, user):
    known = client.post("/konto/password/reset/", {"email": user.email}, follow=True)
    unknown = client.post("/konto/password/reset/", {"email": "niemand@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert len(mail.outbox) == 2  # the unknown address gets a "no account" mail, not an error page


def test_signup_costs_the_same_for_a_known_and_a_new_address(client, user, monkeypatch):
    """Sign-up must not tell by its timing whether an address has an account (D5): nearly
    all of a sign-up's time is the password hash, so both paths hash once and send one mail,
    and answer alike."""
    hasher = type(get_hasher())
    hashes = []
    encode = hasher.encode
    monkeypatch.setattr(
        hasher, "encode", lambda self, *a, **kw: hashes.append(1) or encode(self, *a, **kw)
    )

    def sign_up(email):
        hashes.clear()
        mail.outbox.clear()
        response = client.post(
            "/konto/signup/",
            {
                "email": email,
                "display_name": "Nora Neu",
                "password1": PASSWORD,
                "password2": PASSWORD,
                **ACCEPTED_TERMS,
            },
            follow=True,
        )
        return len(hashes), len(mail.outbox), response.redirect_chain, response.status_code

    known = sign_up(user.email)
    new = sign_up("ganz-neu@example.org")
    assert known == new == (1, 1, [("/konto/confirm-email/", 302)], 200)


def test_login_refuses_after_five_failures_for_one_address(client, user):
    for _ in range(5):
        client.post("/konto/login/", {"login": user.email, "password": "falsch"})
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Zu viele" in response.content.decode()


def test_login_answers_429_past_its_rate_limit(client, user):
    statuses = [
        client.post(
            "/konto/login/", {"login": f"x{i}@example.org", "password": "falsch"}
        ).status_code
        for i in range(21)
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


def test_account_pages_need_login(client):
    for path in ["/konto/", "/konto/daten/", "/konto/daten/export.json", "/konto/loeschen/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/konto/login/")


def test_data_export_contains_the_users_personal_data(client, user):
    client.force_login(user)
    response = client.get("/konto/daten/export.json")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="zukunftsplattform-daten-'
    )
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["account"]["display_name"] == user.display_name
    assert data["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    page = client.get("/konto/daten/").content.decode()
    assert user.email in page


def reauthenticate(client, user):
    client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    response = client.get("/konto/loeschen/")
    assert response.status_code == 302 and response.url.startswith("/konto/reauthenticate/")
    client.post(response.url, {"password": PASSWORD})


def test_delete_account_asks_for_the_password_again(client, user):
    client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/konto/loeschen/", {"confirm": "on"})
    assert response.status_code == 302 and response.url.startswith("/konto/reauthenticate/")
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_removes_the_user_and_ends_the_session(client, user):
    reauthenticate(client, user)
    response = client.post("/konto/loeschen/", {"confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert "_auth_user_id" not in client.session
    assert "gelöscht" in response.content.decode()


def test_delete_account_needs_the_confirmation(client, user):
    reauthenticate(client, user)
    response = client.post("/konto/loeschen/", {})
    assert response.status_code == 200
    assert User.objects.filter(pk=user.pk).exists()
    assert 'href="#id_confirm"' in response.content.decode()


def make_staff(**kwargs):
    staff = UserFactory(is_staff=True, **kwargs)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    return staff


def test_admin_refuses_staff_without_a_second_factor(client):
    staff = make_staff()
    client.post("/konto/login/", {"login": staff.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/konto/2fa/"


def test_admin_asks_staff_to_log_in_again_when_the_session_skipped_the_second_factor(client):
    staff = make_staff()
    client.force_login(staff)
    TOTP.activate(staff, generate_totp_secret())
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/konto/login/")
    assert "_auth_user_id" not in client.session


def test_admin_lets_staff_in_after_login_with_totp(client):
    staff = make_staff(is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    response = client.post("/konto/login/", {"login": staff.email, "password": PASSWORD})
    assert response.url == "/konto/2fa/authenticate/"
    client.post("/konto/2fa/authenticate/", {"code": totp_code(secret)})
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Zukunftsplattform – Redaktion" in response.content.decode()


def test_staff_powers_outside_the_admin_need_the_second_factor(client):
    """A staff password alone reads no draft project, draft event or unconsented person."""
    staff = make_staff()
    staff.groups.add(Group.objects.get(name=MODERATION_GROUP))
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    drafts = [
        f"/projekte/{ProjectFactory(title='Geheimer Entwurf').slug}/",
        f"/veranstaltungen/{EventFactory(draft=True).slug}/",
        f"/netzwerk/personen/{PersonFactory().slug}/",
    ]
    client.force_login(staff)  # the password, but not the second factor
    assert [client.get(path).status_code for path in drafts] == [404, 404, 404]

    client.logout()
    client.post("/konto/login/", {"login": staff.email, "password": PASSWORD})
    client.post("/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert [client.get(path).status_code for path in drafts] == [200, 200, 200]


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_non_staff_user_cannot_enter_admin(client, user):
    client.force_login(user)
    assert client.get("/admin/").status_code in (302, 403)
    assert Authenticator.objects.count() == 0


def test_confirming_a_further_address_while_signed_in_stays_in_the_account(client):
    user = verified(UserFactory(language="de"))
    log_in_with_second_factor(client, user)
    client.post("/konto/email/", {"action_add": "", "email": "zweite@example.org"})
    response = client.post(confirmation_link(mail.outbox[-1]).replace("http://testserver", ""))
    assert EmailAddress.objects.get(email="zweite@example.org").verified
    assert response.status_code == 302 and "/konto/login/" not in response.url
    assert client.session["_auth_user_id"] == str(user.pk)
