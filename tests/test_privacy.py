"""Everything the portal stores about a person is in their export, and goes with their account.

``INVENTORY`` is the list of record: for each model that holds data linked to a user, which
fields are personal (and under which key the export shows them) and which are not (and
why). ``test_inventory_covers_every_field_of_every_user_linked_model`` walks the models,
so a new personal field, or a new model pointing at the user, fails until it is listed
here – and, if personal, exported.
"""

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from accounts.models import ActivityLog
from events import services as event_services
from events.models import AgendaItem, Registration
from network import services as network_services
from network.forms import PHOTO
from network.models import ConsentRecord, ConsentText, Organisation, Person
from projects import services as project_services
from projects.models import Invitation, Project, ProjectMembership, Transition
from tests.events.factories import AgendaItemFactory, EventFactory
from tests.factories import UserFactory, in_moderation
from tests.network.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_hostile_input import png_bytes
from zukunftsplattform.images import open_validated, render

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-gutes-Passwort-1"
EMAIL = "lotte.loeschmich@example.org"
SECOND_EMAIL = "lotte.privat@example.org"
# Text only this person's data contains: after deletion it must be nowhere in the database.
SENTINELS = [
    EMAIL,
    SECOND_EMAIL,
    "Lotte Löschmich",
    "Bio-Lotte-7731",
    "Rolle-Lotte-7731",
    "Rampe-Lotte-7731",
    "Diät-Lotte-7731",
]


@dataclass
class Personal:
    """How one model's rows linked to a user are exported.

    ``exported`` maps each personal field to the export key that shows it (or to
    ``(key, how the stored value appears there)``); ``not_personal`` gives the reason for
    every other field. ``rows(user)`` returns the user's rows.
    """

    rows: Callable
    exported: dict = field(default_factory=dict)
    not_personal: dict = field(default_factory=dict)


LINK = "the link to the user itself"
TECHNICAL = "technical key"


def _all(reason: str, names: str) -> dict:
    return dict.fromkeys(names.split(), reason)


def _addresses(user):
    return [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]


INVENTORY = {
    "accounts.User": Personal(
        rows=lambda user: [user],
        exported={
            "email": "email",
            "display_name": "display_name",
            "language": "language",
            "date_joined": "date_joined",
            "last_login": "last_login",
            "is_staff": "is_staff",
            "is_superuser": "is_superuser",
            "moderation_emails": "moderation_emails",
            "moderation_digest_sent_at": "moderation_digest_sent_at",
            "groups": ("groups", lambda group: group.name),
            "user_permissions": (
                "permissions",
                lambda p: f"{p.content_type.app_label}.{p.codename}",
            ),
        },
        not_personal={
            "id": TECHNICAL,
            "password": "a salted hash, a secret: never handed out",
            "is_active": "always true for an account that can download its data",
        },
    ),
    "account.EmailAddress": Personal(
        rows=lambda user: EmailAddress.objects.filter(user=user),
        exported={"email": "email", "verified": "verified", "primary": "primary"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "account.EmailConfirmation": Personal(
        # Unused: confirmation links are HMAC-signed (ACCOUNT_EMAIL_CONFIRMATION_HMAC), so
        # this table stays empty; test_no_stored_email_confirmations checks that.
        rows=lambda user: [],
        not_personal={
            "id": TECHNICAL,
            "email_address": LINK,
            "created": "table unused",
            "sent": "table unused",
            "key": "table unused",
        },
    ),
    "mfa.Authenticator": Personal(
        rows=lambda user: Authenticator.objects.filter(user=user),
        exported={"type": "type", "created_at": "created_at", "last_used_at": "last_used_at"},
        not_personal={
            "id": TECHNICAL,
            "user": LINK,
            "data": "the TOTP secret, passkey credential or recovery seed: a secret",
        },
    ),
    "admin.LogEntry": Personal(
        rows=lambda user: LogEntry.objects.filter(user=user),
        exported={
            "action_time": "at",
            "content_type": ("kind", lambda ct: f"{ct.app_label}.{ct.model}"),
            "object_id": "object_id",
            "object_repr": "object",
            "action_flag": "action",
            "change_message": "change",
        },
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "accounts.ActivityLog": Personal(
        # Deleting the account clears ``actor``; the records about the person's own profile
        # go with the profile, and no record keeps a name, contact address or account link
        # (accounts.audit.changes, _ACCOUNT_KEYS).
        rows=lambda user: ActivityLog.objects.filter(actor=user),
        exported={
            "at": "at",
            "action": "action",
            "content_type": ("kind", lambda ct: f"{ct.app_label}.{ct.model}"),
            "object_id": "object_id",
            "object_repr": "object",
            "data": "details",
        },
        not_personal={"id": TECHNICAL, "actor": LINK},
    ),
    "projects.ProjectMembership": Personal(
        rows=lambda user: ProjectMembership.objects.filter(user=user),
        exported={"project": "project", "role": "role", "created_at": "since"},
        not_personal={"id": TECHNICAL, "user": LINK},
    ),
    "projects.Invitation": Personal(
        rows=lambda user: Invitation.objects.filter(
            Q(invited_by=user) | Q(email__in=_addresses(user))
        ),
        exported={
            "project": "project",
            "email": "email",
            "created_at": "sent_at",
            "expires_at": "expires_at",
            "accepted_at": "accepted_at",
        },
        not_personal={
            "id": TECHNICAL,
            "invited_by": LINK,
            "token": "the secret link sent to the invited address",
        },
    ),
    "projects.Transition": Personal(
        rows=lambda user: Transition.objects.filter(actor=user),
        exported={
            "project": "project",
            "from_status": "from",
            "to_status": "to",
            "message": "message",
            "created_at": "at",
        },
        not_personal={"id": TECHNICAL, "actor": LINK},
    ),
    "network.Person": Personal(
        rows=lambda user: Person.objects.filter(user=user),
        exported={
            "name": "name",
            "slug": ("address", lambda slug: f"/netzwerk/personen/{slug}/"),
            "previous_slugs": (
                "former_addresses",
                lambda slugs: [f"/netzwerk/personen/{slug}/" for slug in slugs],
            ),
            "role": "role",
            "affiliation": "affiliation",
            "organisation": "organisation",
            "bio": "bio",
            "photo": ("photo", lambda photo: photo.name),
            "photo_alt": "photo_alt",
            "topics": ("expertise", lambda topic: topic.name),
            "offers": ("offers", lambda offer: offer.name),
            "region": "region",
            "email": "email",
            "language": "language",
            "consent_requested_at": "consent_requested_at",
            "created_at": "created_at",
            "updated_at": "updated_at",
        },
        not_personal={
            "id": TECHNICAL,
            "user": LINK,
            "bio_html": "the biography rendered as HTML (exported as written)",
            "search_vector": "search index of the public profile",
            "search_text": "search index of the public profile",
        },
    ),
    "network.ConsentRecord": Personal(
        rows=lambda user: ConsentRecord.objects.filter(person__user=user),
        exported={
            "text": "text",
            "given_at": "given_at",
            "how": "how",
            "email": "email",
            "withdrawn_at": "withdrawn_at",
            "withdrawn_how": "withdrawn_how",
        },
        not_personal={"id": TECHNICAL, "person": "the link to the user's profile"},
    ),
    "network.Organisation": Personal(
        rows=lambda user: Organisation.objects.filter(Q(members=user) | Q(revision_by=user)),
        exported={
            "name": "name",
            "members": ("organisation_memberships", None),  # checked by name below
            "revision": "proposed",
            "revision_submitted_at": "submitted_at",
        },
        not_personal=_all(
            "the organisation's public profile, not the member's data",
            "id slug kind description description_html region place logo logo_alt website "
            "is_platform_partner is_published topics offers created_at updated_at "
            "search_vector search_text previous_slugs",
        )
        | {
            "revision_by": LINK,
            "revision_state": "the state of the proposal (exported as proposed while it waits)",
        },
    ),
    "network.ConsentText": Personal(
        rows=lambda user: ConsentText.objects.filter(created_by=user),
        exported={"version": "version", "created_at": "created_at"},
        not_personal=_all(
            "the published legal text itself, not data about its author",
            "id purpose title_de title_en body_de body_en body_de_html body_en_html published_at",
        )
        | {"created_by": LINK},
    ),
    "events.Registration": Personal(
        rows=lambda user: Registration.objects.filter(user=user),
        exported={
            "event": "event",
            "name": "name",
            "email": "email",
            "language": "language",
            "status": "status",
            "accessibility_needs": "accessibility_needs",
            "dietary_needs": "dietary_needs",
            "photo_consent": "photo_consent",
            "attended": "attended",
            "created_at": "registered_at",
            "placed_at": "placed_at",
            "confirmed_at": "confirmed_at",
            "cancelled_at": "cancelled_at",
            "reminder_sent_at": "reminder_sent_at",
        },
        not_personal={
            "id": TECHNICAL,
            "user": LINK,
            "waitlist_number": "internal order; exported as waitlist_position",
            "token": "the secret link of the registration",
            "anonymised_at": "set only when the registration is no longer linked to anyone",
        },
    ),
    "events.AgendaItem": Personal(
        rows=lambda user: AgendaItem.objects.filter(speakers__user=user),
        exported={"event": "event", "title": "item", "starts_at": "starts_at"},
        not_personal={
            "id": TECHNICAL,
            "speakers": "the link to the user's profile",
            "ends_at": "the event's programme",
            "description": "the event's programme",
            "presented_projects": "the event's programme",
        },
    ),
}
# The user's own records: models pointing at these hold the user's data as well.
OWN_RECORDS = [
    "account.EmailAddress",
    "mfa.Authenticator",
    "network.Person",
    "events.Registration",
    "projects.ProjectMembership",
]


def linked_models() -> set[str]:
    """Every model with a relation to the user model, or to one of the user's own records."""
    targets = {get_user_model(), *(apps.get_model(label) for label in OWN_RECORDS)}
    found = {get_user_model()._meta.label}
    for model in apps.get_models():  # auto-created M2M tables are left out
        for relation in [*model._meta.fields, *model._meta.many_to_many]:
            if relation.is_relation and relation.related_model in targets:
                found.add(model._meta.label)
    return found


def field_names(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.many_to_many
    }


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
        },
    )
    assert get_user_model().objects.filter(email="neu@example.org").exists()
    assert not EmailConfirmation.objects.exists()


# --- A person with data everywhere --------------------------------------------------------


@pytest.fixture
def lotte(db):
    """A user with a row in every model of the inventory (and other people around her)."""
    user = UserFactory(email=EMAIL, display_name="Lotte Löschmich", language="en")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=SECOND_EMAIL, verified=False, primary=False)
    group = Group.objects.create(name="Testgruppe")
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="view_project"))
    TOTP.activate(user, generate_totp_secret())
    Authenticator.objects.filter(user=user).update(last_used_at=timezone.now())
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Project),
        object_id="1",
        object_repr="Ein Projekt",
        action_flag=CHANGE,
        change_message="Titel geändert",
    )

    # Projects: owns one (an editor takes over), edits another, invited someone, was invited.
    colleague = UserFactory(email="kollegin@example.org")
    own = ProjectFactory(owner=user, title="Lottes Projekt")
    ProjectMembership.objects.create(project=own, user=colleague, role="editor")
    joined = ProjectFactory(owner=colleague, title="Projekt der Kollegin")
    invitation = project_services.invite_member(
        project=joined,
        inviter=colleague,
        email=EMAIL,  # only a confirmed address can join
    )
    project_services.accept_invitation(invitation=invitation, user=user)
    project_services.invite_member(project=own, inviter=user, email="gast@example.org")
    project_services.update_project(
        project=own,
        user=user,
        data={
            "title": own.title,
            "contact_email": EMAIL,
            "contact_phone": "0351 7731",
            "logo": {"main": _image("logo.webp")},
            "logo_alt": "Lottes Logo",
        },
    )
    project_services.submit_project(project=own, user=user)
    Transition.objects.filter(actor=user).update(message="Bitte prüfen")
    moderator = in_moderation(UserFactory(is_staff=True))
    project_services.request_changes(project=own, moderator=moderator, message="Bitte kürzen.")

    # Network: her own profile with consent history, a membership, a proposed change.
    organisation = OrganisationFactory(name="Lottes Verein", members=[user])
    proposed = OrganisationFactory(name="Verein mit Vorschlag", members=[user])
    network_services.propose_organisation_change(
        organisation=proposed,
        data={"name": "Verein mit neuem Namen", "kind": "verein", "description": "Neu."},
        by=user,
    )
    photo = render(open_validated(SimpleUploadedFile("p.png", png_bytes(), "image/png")), PHOTO)
    person = network_services.create_person(
        data={
            "name": "Lotte Löschmich",
            "role": "Rolle-Lotte-7731",
            "affiliation": "Lottes Verein",
            "bio": "Bio-Lotte-7731 mit **Markdown**",
            "region": "dresden",
            "email": EMAIL,
            "language": "en",
            "organisation": organisation,
            "user": user,
            "photo": photo,
            "photo_alt": "Lotte lacht",
            "topics": list(organisation.topics.model.objects.all()[:2]),
        }
    )
    person.offers.set(list(person.offers.model.objects.all()[:1]))
    network_services.request_consent(person=person)
    first = network_services.give_consent(person=person, how="email_link", email=EMAIL)
    network_services.withdraw_consent(person=person, how="Link in einer E-Mail")
    network_services.give_consent(person=person, how="account")
    assert first.pk != ConsentRecord.objects.filter(person=person).latest("pk").pk
    network_services.save_consent_text(
        text=ConsentText(title_de="Entwurf", title_en="Draft", body_de="Text", body_en="Text"),
        by=user,
    )

    # Events: a registration with needs, a past one she attended, a talk she gave.
    upcoming = EventFactory(title="Forum Lotte")
    event_services.register_user(
        event=upcoming,
        user=user,
        accessibility_needs="Rampe-Lotte-7731",
        dietary_needs="Diät-Lotte-7731",
        photo_consent=True,
    )
    Registration.objects.filter(user=user).update(reminder_sent_at=timezone.now())
    past = EventFactory(title="Vergangenes Forum", past=True)
    Registration.objects.create(
        event=past,
        user=user,
        name="Lotte Löschmich",
        email=EMAIL,
        status=Registration.Status.CONFIRMED,
        confirmed_at=past.start - timedelta(days=3),
        placed_at=past.start - timedelta(days=3),
        attended=True,
    )
    AgendaItemFactory(event=upcoming, title="Impuls von Lotte", speakers=[person])
    user.refresh_from_db()
    return user


def _image(name):
    """A re-encoded upload, as the project form hands it to the services."""
    image = open_validated(SimpleUploadedFile("bild.png", png_bytes(), "image/png"))
    content = render(image, PHOTO)
    content.name = name
    return content


# What the user's teams hold that is about the user, though not linked to the account: the
# project's contact details and images (often the person's own) and the moderation's
# messages to the team. Every field of Project is decided here too.
TEAM_DATA = {
    "projects.Project": Personal(
        rows=lambda user: Project.objects.filter(memberships__user=user),
        exported={
            "contact_email": "contact_email",
            "contact_phone": "contact_phone",
            "logo": ("logo", lambda image: image.name or None),
            "cover": ("cover", lambda image: image.name or None),
        },
        not_personal=_all(
            "the project's profile, public once published, not data about a team member",
            "id slug status title summary challenge approach impact_reached impact_outcomes "
            "evidence_links challenge_html approach_html impact_outcomes_html stage topics "
            "target_groups sdgs region place carrying_organisation partner_organisations "
            "funding_programme call_round website logo_alt cover_card cover_alt needs "
            "needs_note offers offers_note is_best_practice story_what_worked story_lessons "
            "story_transfer story_what_worked_html story_lessons_html story_transfer_html "
            "revision revision_state revision_submitted_at created_at updated_at submitted_at "
            "published_at search_vector search_text previous_slugs",
        )
        | {"moderator_message": "the last of the moderation messages (exported with them)"},
    ),
}


def test_team_data_decides_every_field_of_the_project():
    for label, entry in TEAM_DATA.items():
        listed = set(entry.exported) | set(entry.not_personal)
        assert listed == field_names(apps.get_model(label)), (
            f"{label}: undecided {field_names(apps.get_model(label)) - listed}, "
            f"stale {listed - field_names(apps.get_model(label))}"
        )


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
