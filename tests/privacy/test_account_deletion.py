"""Deleting the account removes everything and ends every session."""

import json
import os
import time

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client

from events.models import Registration
from network.models import ConsentRecord, Organisation, Person
from projects.models import Project, ProjectMembership
from tests.privacy.inventory import INVENTORY
from tests.privacy.person import EMAIL, PASSWORD, SENTINELS

pytestmark = pytest.mark.django_db

# --- Deleting the account -------------------------------------------------------------------


def log_in(client, email=EMAIL):
    response = client.post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def sessions_of(user_id) -> list[Session]:
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user_id)]


def test_deleting_the_account_removes_everything_and_ends_every_session(lotte):
    # Her second factor would be asked at login; this test is about the data.
    Authenticator.objects.filter(user=lotte).delete()
    laptop, phone = Client(), Client()
    log_in(laptop)
    log_in(phone)
    assert phone.get("/konto/").status_code == 200
    assert len(sessions_of(lotte.pk)) == 2
    person = Person.objects.get(user=lotte)
    photo_path = person.photo.path
    own = Project.objects.get(title="Lottes Projekt")

    response = laptop.get("/konto/loeschen/")
    assert response.status_code == 302 and response.url.startswith("/konto/reauthenticate/")
    laptop.post(response.url, {"password": PASSWORD})
    response = laptop.post("/konto/loeschen/", {"confirm": "on"}, follow=True)
    assert "gelöscht" in response.content.decode()

    user_id = lotte.pk
    assert not get_user_model().objects.filter(pk=user_id).exists()
    # Every session is gone: the other device is logged out, and no row keeps her data.
    assert sessions_of(user_id) == []
    response = phone.get("/konto/")
    assert response.status_code == 302 and response.url.startswith("/konto/login/")
    assert "_auth_user_id" not in laptop.session
    # Nothing links to her any more: rows were deleted or their link cleared.
    for label in INVENTORY:
        model = apps.get_model(label)
        for relation in [*model._meta.fields, *model._meta.many_to_many]:
            if relation.is_relation and relation.related_model is get_user_model():
                assert not model.objects.filter(**{relation.name: user_id}).exists(), label
    # What stays is anonymous: the project passed to the editor, registrations anonymised,
    # her profile and its photo deleted, her proposal kept without her name.
    assert own.memberships.get().role == ProjectMembership.Role.OWNER
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not ConsentRecord.objects.filter(person_id=person.pk).exists()
    assert not os.path.exists(photo_path)
    for registration in Registration.objects.all():
        assert registration.anonymised_at is not None and registration.name == ""
    assert Organisation.objects.get(name="Verein mit Vorschlag").revision_by is None
    # And no text column anywhere still holds something only she had.
    leftovers = _find_in_database(SENTINELS)
    assert leftovers == [], leftovers


def _find_in_database(needles: list[str]) -> list[str]:
    found = []
    text_fields = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models(include_auto_created=True):
        if model is Session:
            continue  # checked by decoding above
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, text_fields):
                continue
            for needle in needles:
                lookup = (
                    {f"{model_field.name}__icontains": needle}
                    if not isinstance(model_field, models.JSONField)
                    else None
                )
                if lookup is None:
                    rows = [
                        v
                        for v in model.objects.values_list(model_field.name, flat=True)
                        if needle.lower() in json.dumps(v, ensure_ascii=False).lower()
                    ]
                    if rows:
                        found.append(f"{model._meta.label}.{model_field.name}: {needle}")
                elif model.objects.filter(**lookup).exists():
                    found.append(f"{model._meta.label}.{model_field.name}: {needle}")
    return found


def test_deleting_the_account_needs_recent_authentication_on_this_device(lotte):
    Authenticator.objects.filter(user=lotte).delete()
    client = log_in(Client())
    session = client.session
    # An old login: allauth asks for the password again before anything is deleted.
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time() - 3600, "email": EMAIL}
    ]
    session.save()
    response = client.post("/konto/loeschen/", {"confirm": "on"})
    assert response.status_code == 302 and response.url.startswith("/konto/reauthenticate/")
    assert get_user_model().objects.filter(pk=lotte.pk).exists()
