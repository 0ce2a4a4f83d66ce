"""Sign-up refuses common passwords, German ones and their decorated forms included
(zukunftsplattform/passwords/)."""

import html

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import User
from tests.factories import ACCEPTED_TERMS

pytestmark = pytest.mark.django_db
REFUSED = "Dieses Passwort gehört zu den häufigsten Passwörtern"
GERMAN_COMMON = [
    "Passwort123!",
    "Hallo12345",
    "Schatzi2024",
    "Sommer2025!",
    "Ichliebedich1!",
    "Qwertz123456",
    "P@ssw0rt2024",
    "Fussball2024",
]


@pytest.mark.parametrize("password", GERMAN_COMMON)
def test_signup_refuses_a_common_german_password_and_keeps_the_email(client, password):
    response = client.post(
        "/konto/signup/",
        {
            "email": "nora.neu@example.org",
            "display_name": "Nora Neu",
            "password1": password,
            "password2": password,
            **ACCEPTED_TERMS,
        },
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert REFUSED in page
    assert 'value="nora.neu@example.org"' in page
    assert not User.objects.filter(email="nora.neu@example.org").exists()


@pytest.mark.parametrize(
    "password", ["Zukunft-Sachsen-2026", "richtig-gutes-Passwort-1", "wolke tisch orange 7"]
)
def test_common_password_check_lets_uncommon_passwords_pass(password):
    validate_password(password)  # raises when refused


@pytest.mark.parametrize("password", ["password", "123456789012", "dragon12345!"])
def test_common_password_check_still_refuses_djangos_common_passwords(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert "password_too_common" in [error.code for error in refused.value.error_list]
