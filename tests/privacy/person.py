"""Lotte: a person with data in every model of the inventory, and text only her data holds."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts import terms as terms_services
from accounts.models import TermsOfUse
from contact.models import BlockedSender, ContactOptOut
from events import services as event_services
from events.models import Registration
from following import services as following_services
from following.models import DigestDelivery
from network import services as network_services
from network.forms import PHOTO
from network.models import ConsentRecord, ConsentText
from projects import services as project_services
from projects.models import Project, ProjectMembership, Transition
from tests.contact.factories import ContactRequestFactory
from tests.events.factories import AgendaItemFactory, EventFactory, SeriesFactory
from tests.factories import UserFactory, in_moderation
from tests.network.factories import OrganisationFactory
from tests.notices.factories import ReportFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_hostile_input import png_bytes
from zukunftsplattform.images import open_validated, render

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
    "Nachricht-Lotte-7731",
    "Sperre-Lotte-7731",
]


def _image(name):
    """A re-encoded upload, as the project form hands it to the services."""
    image = open_validated(SimpleUploadedFile("bild.png", png_bytes(), "image/png"))
    content = render(image, PHOTO)
    content.name = name
    return content


def a_person_with_data_everywhere():
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
    # Organisations people run: she joined one by invitation, invited a colleague to her
    # own, and asks to join a third.
    colleague_organisation = OrganisationFactory(name="Verein der Kollegin")
    invitation = network_services.invite_to_organisation(
        organisation=colleague_organisation, inviter=None, email=EMAIL
    )
    network_services.accept_organisation_invitation(invitation=invitation, user=user)
    network_services.invite_to_organisation(
        organisation=organisation, inviter=user, email="kollege@example.org"
    )
    network_services.request_to_join(
        organisation=OrganisationFactory(name="Verein zum Beitreten"),
        user=user,
        message="Nachricht-Lotte-7731",
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
            "photo_credit": "Foto: Lottes Schwester",
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
    # She wrote a draft of the terms of use (staff); she accepted version 1 at sign-up.
    terms_services.save_terms(
        terms=TermsOfUse(title_de="Entwurf", title_en="Draft", body_de="Text", body_en="Text"),
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

    # Notices: she reported an event page, with her name and address, and was answered.
    ReportFactory(
        content=upcoming,
        reporter=user,
        reporter_name="Lotte Löschmich",
        reporter_email=EMAIL,
        language="en",
        decided=True,
        ground="",
    )
    # Contact: she wrote to a project (sharing her address; it was answered), her project
    # received a message, she switched contact off for her profile, and she is blocked.
    asked = ProjectFactory(owner=colleague, published=True, title="Projekt mit Anfrage")
    ContactRequestFactory(
        sender=user,
        project=asked,
        recipients=[colleague],
        subject="Anfrage von Lotte",
        message="Nachricht-Lotte-7731",
        about=person.offers.first(),
        about_kind="offer",
        share_email=True,
        status="answered",
        status_changed_at=timezone.now(),
    )
    ContactRequestFactory(sender=colleague, project=own, recipients=[user, colleague])
    ContactOptOut.objects.create(person=person)
    BlockedSender.objects.create(user=user, reason="Sperre-Lotte-7731")
    # Following: a project, an organisation and a series; the weekly digest, one sent.
    for target in [joined, organisation, SeriesFactory(title="Reihe für Lotte")]:
        following_services.follow(user=user, target=target)
    following_services.save_digest_setting(user=user, weekly=True, region="leipzig")
    DigestDelivery.objects.create(
        user=user, week=timezone.localdate(), items={"projects": 1}, mailed=True
    )
    user.refresh_from_db()
    return user
