"""The data export holds everything the inventory calls personal."""

import json

import pytest
from django.apps import apps
from django.db import models

from network.models import Person
from projects.models import Project
from tests.privacy.inventory import INVENTORY, TEAM_DATA
from tests.privacy.person import EMAIL

pytestmark = pytest.mark.django_db


def test_export_holds_team_data_and_moderation_messages_received(client, lotte):
    client.force_login(lotte)
    export = json.loads(client.get("/konto/daten/export.json").content)
    for label, entry in TEAM_DATA.items():
        for row in entry.rows(lotte):
            for name, (key, how) in (
                (n, shown if isinstance(shown, tuple) else (shown, _as_json))
                for n, shown in entry.exported.items()
            ):
                value = how(getattr(row, name))
                assert _shown(export["project_memberships"], key, value), (label, name, value)
    assert _shown(export["project_moderation_messages"], "message", "Bitte kürzen.")
    assert _shown(export["project_memberships"], "contact_phone", "0351 7731")


def test_data_download_as_zip_holds_the_json_and_the_pictures(client, lotte):
    import io
    import zipfile

    from django.core.files.storage import default_storage

    client.force_login(lotte)
    page = client.get("/konto/daten/").content.decode()
    assert "/konto/daten/export.zip" in page
    response = client.get("/konto/daten/export.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    export = json.loads(archive.read("daten.json"))
    assert export["account"]["email"] == EMAIL
    person = Person.objects.get(user=lotte)
    own = Project.objects.get(title="Lottes Projekt")
    for name in (person.photo.name, own.logo.name):
        with default_storage.open(name, "rb") as stored:
            assert archive.read(f"dateien/{name}") == stored.read()
    foreign = Project.objects.exclude(memberships__user=lotte).exclude(logo="")
    assert not any(p.logo.name in archive.namelist() for p in foreign)


def test_a_picture_missing_from_storage_is_named_instead_of_breaking_the_download(client, lotte):
    import io
    import zipfile

    from django.core.files.storage import default_storage

    person = Person.objects.get(user=lotte)
    default_storage.delete(person.photo.name)
    client.force_login(lotte)
    response = client.get("/konto/daten/export.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.read("fehlende-dateien.txt").decode() == f"{person.photo.name}\n"
    assert f"dateien/{person.photo.name}" not in archive.namelist()
    assert "daten.json" in archive.namelist()


def _dicts(value):
    """Every JSON object inside the export, at any depth."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _dicts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _dicts(inner)


def _as_json(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _shown(export, key, value) -> bool:
    return any(
        key in d and (d[key] == value or (isinstance(d[key], list) and value in d[key]))
        for d in _dicts(export)
    )


def test_export_contains_every_personal_field_of_the_inventory(client, lotte):
    client.force_login(lotte)
    response = client.get("/konto/daten/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    export = json.loads(response.content)
    checked = 0
    for label, entry in INVENTORY.items():
        rows = list(entry.rows(lotte))
        if label != "account.EmailConfirmation":
            assert rows, f"the fixture has no {label} for the user"
        model = apps.get_model(label)
        for row in rows:
            for name, shown_as in entry.exported.items():
                key, how = shown_as if isinstance(shown_as, tuple) else (shown_as, _as_json)
                if label == "network.Organisation" and name == "members":
                    if row.members.filter(pk=lotte.pk).exists():
                        assert _shown(export, "name", row.name), (label, row)
                    continue
                if label == "network.Organisation" and row.revision_by_id != lotte.pk:
                    continue  # a membership only: the organisation's profile is not hers
                if label == "projects.Invitation" and name == "project":
                    how = str
                model_field = model._meta.get_field(name)
                if model_field.many_to_many:
                    values = [how(obj) for obj in getattr(row, name).all()]
                else:
                    value = getattr(row, name)
                    values = [how(value) if value is not None else None]
                for value in values:
                    assert _shown(export, key, value), (
                        f"{label}.{name} = {value!r} not under {key!r}"
                    )
                    checked += 1
    assert checked >= 60
    # The page "Meine Daten" shows the same data.
    page = client.get("/konto/daten/").content.decode()
    assert "Bio-Lotte-7731" in page and "Rampe-Lotte-7731" in page
