"""Every mail of the portal: one sender, one subject prefix, one branded HTML layout in which
user values stay text, absolute links from SITE_URL, and German that says "Sie"."""

import re
from email.utils import parseaddr
from html import unescape
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core import mail as outbox
from django.db import transaction

from contact.services import send_request as send_contact_request
from events.emails import send_registration_mail
from network import services as network
from network.models import Organisation
from pages.services import receive_feedback
from projects import services as projects
from projects.models import ProjectMembership
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ACCEPTED_TERMS, UserFactory, in_moderation, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_hostile_input import XSS
from zukunftsplattform import mail

pytestmark = pytest.mark.django_db
PASSWORD = "richtig-gutes-Passwort-1"

# What our layout and templates use; anything else in a mail came from a user's value.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "p", "a", "br"}
ALLOWED_TAGS |= {"strong", "blockquote"}
ALLOWED_ATTRIBUTES = {"lang", "charset", "name", "content", "class", "href", "rel"}


class MailHTML(HTMLParser):
    """What a mail client would build from the HTML: elements, attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.injected, self.text, self.styles, self.in_body = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        if tag not in ALLOWED_TAGS or (tag == "style" and (self.in_body or self.styles)):
            self.injected.append(tag)
        self.styles += tag == "style"
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.injected.append(f"{tag}[{name}]")
            if name == "href" and not (value or "").startswith(("http://", "https://", "mailto:")):
                self.injected.append(f"{tag}[href={value}]")

    def handle_data(self, data):
        if self.in_body:
            self.text.append(data)


def parsed(message) -> MailHTML:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    parser = MailHTML()
    parser.feed(html)
    return parser


def every_kind_of_mail(value: str, client, capture) -> list:
    """Trigger each mail the portal sends, with ``value`` in every name, title and message."""
    outbox.outbox.clear()
    with capture(execute=True):  # run on-commit mails as a real commit would
        _trigger_every_kind_of_mail(value, client)
    return list(outbox.outbox)


def _trigger_every_kind_of_mail(value: str, client) -> None:
    owner = verified(UserFactory(display_name=value, language="de"))
    editor = verified(UserFactory(display_name=value, language="en"))
    # In the Moderation group (the services check it), on the daily summary: no extra mails.
    moderator = in_moderation(verified(UserFactory(is_staff=True, moderation_emails="daily")))
    member = verified(UserFactory(display_name=value))
    project = ProjectFactory(owner=owner, title=value)
    ProjectMembership.objects.create(
        project=project, user=editor, role=ProjectMembership.Role.EDITOR
    )
    projects.submit_project(project=project, user=owner)
    projects.request_changes(project=project, moderator=moderator, message=value)
    projects.submit_project(project=project, user=owner)
    projects.publish_project(project=project, moderator=moderator)
    projects.archive_project(project=project, moderator=moderator, message=value)
    projects.invite_member(project=project, inviter=owner, email="neu@example.org")
    rejected = ProjectFactory(owner=owner, title=value)
    projects.submit_project(project=rejected, user=owner)
    projects.reject_project(project=rejected, moderator=moderator, reason=value)

    organisation = OrganisationFactory(name=value, members=[member])
    for proposal in [
        lambda: network.approve_organisation_change(organisation=organisation, by=moderator),
        lambda: network.reject_organisation_change(
            organisation=organisation, by=moderator, message=value
        ),
    ]:
        data = {"name": value, "kind": Organisation.Kind.ASSOCIATION, "description": value}
        network.propose_organisation_change(organisation=organisation, data=data, by=member)
        proposal()
    person = PersonFactory(name=value, language="de", user=member)
    network.request_consent(person=person)
    network.request_consent(person=person, new_version=True)
    network.give_consent(person=person, how="email_link")
    network.update_person(person=person, data={"name": value, "role": value}, by=member)
    network.withdraw_consent(person=person, how=value)

    event = EventFactory(title=value, cancellation_reason=value, venue_name=value)
    registration = RegistrationFactory(event=event, name=value, language="de")
    for kind in [
        "confirm_email",
        "already_registered",
        "confirmed",
        "waitlisted",
        "promoted",
        "cancelled",
        "event_cancelled",
        "reminder",
    ]:
        send_registration_mail(registration, kind, position=1)

    receive_feedback(
        kind="kontakt", message=value, page_url=value, name=value, email="absender@example.org"
    )
    published = ProjectFactory(owner=verified(UserFactory(display_name=value)), published=True)
    send_contact_request(
        sender=member, obj=published, subject=value, message=value, share_email=True
    )

    client.post(
        "/konto/signup/",
        {
            "email": "neu-konto@example.org",
            "display_name": value,
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        },
    )
    client.post(  # an address that has an account already
        "/konto/signup/",
        {
            "email": owner.email,
            "display_name": value,
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        },
    )
    client.post("/konto/password/reset/", {"email": owner.email})
    client.post("/konto/password/reset/", {"email": "niemand@example.org"})


# The mails every_kind_of_mail triggers: 8 about event registrations, 4 allauth mails,
# 7 project notifications and the invitation, 6 network mails (2 to the editorial team
# for the 2 proposals), 4 about consent, feedback, a message through the platform. A new
# kind of mail belongs in there.
TEMPLATES_SENT = 31


def test_every_kind_of_mail_has_the_portal_as_sender_the_prefix_and_the_layout(
    client, django_capture_on_commit_callbacks
):
    messages = every_kind_of_mail("Nachbarschaft & Co.", client, django_capture_on_commit_callbacks)
    assert len(messages) == TEMPLATES_SENT
    for message in messages:
        assert parseaddr(message.from_email) == (
            "Zukunftsplattform",
            "noreply@zukunftsplattform.example",
        )
        assert message.subject.startswith("[Zukunftsplattform] "), message.subject
        assert "&amp;" not in message.subject and "&amp;" not in message.body
        html = message.alternatives[0][0]
        assert 'class="brand"' in html and settings.SITE_URL in html
        assert "Nachbarschaft &amp; Co." in html or "Nachbarschaft" not in message.body
        assert parsed(message).injected == []


@pytest.mark.parametrize("payload", XSS)
def test_hostile_names_and_titles_stay_text_in_every_mail(
    client, django_capture_on_commit_callbacks, payload
):
    messages = every_kind_of_mail(payload, client, django_capture_on_commit_callbacks)
    assert len(messages) == TEMPLATES_SENT
    for message in messages:
        html = parsed(message)
        assert html.injected == [], (message.subject, html.injected)
        body_text = unescape("".join(html.text))
        # The value arrives as the text the person typed, wherever the plain text shows it.
        if payload in message.body:
            assert payload in re.sub(r"\s+", " ", body_text) or payload in body_text


def test_an_organisation_name_with_markup_reaches_the_editorial_team_as_text(
    member_org, django_capture_on_commit_callbacks
):
    """Security finding D2: the HTML mail to the editorial team took the text rendering
    (not escaped) as safe HTML, so markup in a name arrived live."""
    organisation, member = member_org
    with django_capture_on_commit_callbacks(execute=True):
        network.propose_organisation_change(
            organisation=organisation, data={"name": organisation.name}, by=member
        )
    [message] = outbox.outbox
    assert message.to == [settings.STAFF_NOTIFICATION_EMAIL]
    html = message.alternatives[0][0]
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert parsed(message).injected == []


@pytest.fixture
def member_org(db):
    member = verified(UserFactory(display_name='<b onmouseover="alert(1)">Mia</b>'))
    organisation = OrganisationFactory(name='<img src=x onerror="alert(1)">', members=[member])
    return organisation, member


def test_absolute_url_joins_site_url_and_path_once(settings):
    settings.SITE_URL = "https://zukunftsplattform.example/"
    assert mail.absolute_url("/projekte/") == "https://zukunftsplattform.example/projekte/"
    assert mail.absolute_url("projekte/") == "https://zukunftsplattform.example/projekte/"
    assert mail.absolute_url("https://other.example/x") == "https://other.example/x"


def test_sender_without_a_name_gets_the_portal_name(settings):
    settings.DEFAULT_FROM_EMAIL = "noreply@sachsen.example"
    assert parseaddr(mail.sender()) == ("Zukunftsplattform", "noreply@sachsen.example")
    settings.DEFAULT_FROM_EMAIL = "Sozialministerium <noreply@sachsen.example>"
    assert mail.sender() == "Sozialministerium <noreply@sachsen.example>"


def test_mails_sent_after_commit_are_not_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    person = PersonFactory(name="Rita Rückzug")
    with django_capture_on_commit_callbacks(execute=True):
        network.request_consent(person=person)
        with pytest.raises(RuntimeError), transaction.atomic():
            network.request_consent(person=person, new_version=True)
            raise RuntimeError
    [message] = outbox.outbox
    assert "erneut" not in message.subject


def test_feedback_mail_answers_to_the_sender(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        receive_feedback(kind="kontakt", message="Hallo!", email="absender@example.org")
    [message] = outbox.outbox
    assert message.reply_to == ["absender@example.org"]
    assert message.subject == "[Zukunftsplattform] Neue Rückmeldung: Kontakt"
    assert "/admin/pages/feedback/" in message.body


# --- One voice: German mails say "Sie" and name the portal, never a host -----------------

INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|euch|euer|eure\w*)\b", re.IGNORECASE)


def test_account_verification_mail_in_german_says_sie_and_names_the_portal(client):
    client.post(
        "/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Nora Neu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **ACCEPTED_TERMS,
        },
        HTTP_HOST="127.0.0.1",
    )
    [message] = outbox.outbox
    assert message.subject == "[Zukunftsplattform] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert message.body.startswith("Guten Tag Nora Neu,")
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link:" in message.body
    assert "Zukunftsplattform für soziale Innovationen" in message.body
    assert "127.0.0.1" not in message.body.replace(settings.SITE_URL, "")
    assert "Hallo von" not in message.body
    assert INFORMAL.findall(message.body + message.subject) == []
    html = message.alternatives[0][0]
    assert "Zukunftsplattform für soziale Innovationen" in html and 'lang="de"' in html


def test_every_german_mail_says_sie(client, django_capture_on_commit_callbacks):
    german = [
        m
        for m in every_kind_of_mail("Nora Neu", client, django_capture_on_commit_callbacks)
        if 'lang="de"' in m.alternatives[0][0]
    ]
    assert len(german) >= 20
    for message in german:
        assert INFORMAL.findall(message.subject + message.body) == [], message.subject
        assert re.match(r"(Guten Tag|Hallo)\b", message.body), message.body[:80]


def test_a_mail_to_nobody_is_not_sent_and_raises_nothing(db, settings):
    # e.g. no STAFF_NOTIFICATION_EMAIL configured: nothing to compose or deliver
    settings.STAFF_NOTIFICATION_EMAIL = ""
    mail.send("network/email/changes_submitted", to=[settings.STAFF_NOTIFICATION_EMAIL], context={})
    assert outbox.outbox == []
