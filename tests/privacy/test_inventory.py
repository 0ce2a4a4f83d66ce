"""The inventory decides every field of every model linked to a user (``inventory.py``)."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from tests.factories import ACCEPTED_TERMS
from tests.privacy.inventory import INVENTORY, TEAM_DATA, field_names, linked_models
from tests.privacy.person import PASSWORD

pytestmark = pytest.mark.django_db


def test_inventory_covers_every_field_of_every_user_linked_model():
    assert set(INVENTORY) == linked_models(), "a model linked to users is missing or extra"
    for label, entry in INVENTORY.items():
        listed = set(entry.exported) | set(entry.not_personal)
        assert set(entry.exported).isdisjoint(entry.not_personal), label
        assert listed == field_names(apps.get_model(label)), (
            f"{label}: fields not in the inventory: "
            f"{field_names(apps.get_model(label)) - listed}, stale: "
            f"{listed - field_names(apps.get_model(label))}"
        )


def test_no_stored_email_confirmations(client):
    from allauth.account.models import EmailConfirmation

    client.post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Neu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        },
    )
    assert get_user_model().objects.filter(email="neu@example.org").exists()
    assert not EmailConfirmation.objects.exists()


def test_team_data_decides_every_field_of_the_project():
    for label, entry in TEAM_DATA.items():
        listed = set(entry.exported) | set(entry.not_personal)
        assert listed == field_names(apps.get_model(label)), (
            f"{label}: undecided {field_names(apps.get_model(label)) - listed}, "
            f"stale {listed - field_names(apps.get_model(label))}"
        )
