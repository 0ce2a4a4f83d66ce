"""Contact through the platform: the message reaches the right people, no address leaks,
the recipient marks it and the sender sees the state."""

import pytest
from django.core import mail

from contact.models import ContactOptOut, ContactRequest
from tests.factories import UserFactory, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_rate_limit_window")]
#: django_capture_on_commit_callbacks of the running test (see _relay).
RELAY = {}

MESSAGE = {"subject": "Räume für Ihr Repair-Café", "message": "Wir haben einen Saal frei."}


@pytest.fixture
def owner(db):
    return verified(UserFactory(display_name="Olga Owner", email="olga@example.org", language="en"))


@pytest.fixture
def sender(db):
    return verified(UserFactory(display_name="Sven Sender", email="sven@example.org"))


@pytest.fixture
def project(owner):
    return ProjectFactory(owner=owner, published=True, title="Repair-Café Pirna")


@pytest.fixture(autouse=True)
def _relay(django_capture_on_commit_callbacks):
    """Mails go after commit; the test's transaction never commits, so run them at once."""
    RELAY["capture"] = django_capture_on_commit_callbacks


def _send(client, path, **extra):
    with RELAY["capture"](execute=True):
        return client.post(path, {**MESSAGE, **extra})


def test_a_message_reaches_the_team_in_their_language_without_showing_addresses(
    client, sender, project, owner
):
    client.force_login(sender)
    page = client.get(f"/kontakt-aufnehmen/projekt/{project.slug}/").content.decode()
    assert "Kontakt aufnehmen" in page and "olga@example.org" not in page
    assert "180 Tage" in page  # the retention period, stated on the form

    response = _send(client, f"/kontakt-aufnehmen/projekt/{project.slug}/")

    sent = ContactRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/konto/anfragen/{sent.pk}/"
    (relayed,) = mail.outbox
    assert relayed.to == ["olga@example.org"]
    assert relayed.reply_to == []  # not agreed: the sender's address stays hidden
    assert "sven@example.org" not in relayed.body
    assert relayed.subject.endswith("Message through the platform: Räume für Ihr Repair-Café")
    assert "Wir haben einen Saal frei." in relayed.body
    assert "/kontakt-aufnehmen/melden/" in relayed.body
    page = client.get(response.url).content.decode()
    assert "Offen" in page and "olga@example.org" not in page


def test_the_senders_address_goes_along_as_reply_to_only_when_they_agree(client, sender, project):
    client.force_login(sender)
    _send(client, f"/kontakt-aufnehmen/projekt/{project.slug}/", share_email="on")
    (relayed,) = mail.outbox
    assert relayed.reply_to == ["sven@example.org"]


def test_every_member_of_an_organisation_gets_the_message(client, sender):
    members = [UserFactory(email="a@example.org"), UserFactory(email="b@example.org")]
    organisation = OrganisationFactory(members=members)
    client.force_login(sender)
    _send(client, f"/kontakt-aufnehmen/organisation/{organisation.slug}/")
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert set(ContactRequest.objects.get().recipients.all()) == set(members)


def test_a_person_without_account_gets_the_message_by_email(client, sender):
    person = PersonFactory(email="ohne.konto@example.org", consent=True, language="en")
    mail.outbox.clear()
    client.force_login(sender)
    _send(client, f"/kontakt-aufnehmen/person/{person.slug}/")
    (relayed,) = mail.outbox
    assert relayed.to == ["ohne.konto@example.org"]
    assert "in your account" not in relayed.body  # they have none
    assert ContactRequest.objects.get().recipient_email == "ohne.konto@example.org"


def test_the_message_can_name_the_need_it_answers(client, sender, project):
    need = project.needs.create(slug="raeume-test", name_de="Räume", name_en="Rooms")
    client.force_login(sender)
    _send(client, f"/kontakt-aufnehmen/projekt/{project.slug}/", about=f"need:{need.pk}")
    sent = ContactRequest.objects.get()
    assert sent.about == need and sent.about_kind == "need"
    assert "Räume" in mail.outbox[0].body or "Rooms" in mail.outbox[0].body


def test_anonymous_visitors_are_sent_to_the_login_and_back(client, project):
    response = client.get(f"/kontakt-aufnehmen/projekt/{project.slug}/")
    assert response.status_code == 302
    assert response.url == f"/konto/login/?next=/kontakt-aufnehmen/projekt/{project.slug}/"
    page = client.get(f"/projekte/{project.slug}/").content.decode()
    assert f'href="/konto/login/?next=/kontakt-aufnehmen/projekt/{project.slug}/"' in page


def test_project_pages_show_the_contact_button_and_no_address(client, sender, project):
    project.contact_email = "team@repair-cafe.example"
    project.save()
    client.force_login(sender)
    page = client.get(f"/projekte/{project.slug}/").content.decode()
    assert "mailto:" not in page and "team@repair-cafe.example" not in page
    assert f'href="/kontakt-aufnehmen/projekt/{project.slug}/"' in page


def test_the_team_sees_no_contact_button_on_its_own_project(client, owner, project):
    client.force_login(owner)
    page = client.get(f"/projekte/{project.slug}/").content.decode()
    assert "/kontakt-aufnehmen/" not in page


def test_writing_to_oneself_is_refused(client, owner, project):
    client.force_login(owner)
    response = _send(client, f"/kontakt-aufnehmen/projekt/{project.slug}/")
    assert response.status_code == 200
    assert "an sich selbst" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_person_who_switched_contact_off_cannot_be_written_to(client, sender):
    linked = UserFactory()
    person = PersonFactory(user=linked, consent=True)
    client.force_login(linked)
    response = client.post("/konto/anfragen/einstellungen/", {})  # the box unticked
    assert response.status_code == 302
    assert ContactOptOut.objects.filter(person=person).exists()
    client.force_login(sender)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "/kontakt-aufnehmen/" not in page
    response = _send(client, f"/kontakt-aufnehmen/person/{person.slug}/")
    assert response.status_code == 200 and not ContactRequest.objects.exists()
    assert "nicht über die Plattform kontaktiert werden" in response.content.decode()
    # and on again
    client.force_login(linked)
    client.post("/konto/anfragen/einstellungen/", {"person": "on"})
    assert not ContactOptOut.objects.filter(person=person).exists()


def test_organisation_members_switch_contact_off_for_their_organisation(client, sender):
    member = UserFactory()
    organisation = OrganisationFactory(members=[member])
    client.force_login(member)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert 'href="/konto/anfragen/einstellungen/"' in page  # from the organisation's page
    client.post("/konto/anfragen/einstellungen/", {})
    assert ContactOptOut.objects.filter(organisation=organisation).exists()
    client.force_login(sender)
    assert "/kontakt-aufnehmen/" not in client.get(organisation.get_absolute_url()).content.decode()


def test_hidden_and_unpublished_addressees_do_not_exist_for_the_form(client, sender):
    client.force_login(sender)
    draft = ProjectFactory()
    hidden = OrganisationFactory(is_published=False, members=[UserFactory()])
    unconsented = PersonFactory()
    for path in [
        f"/kontakt-aufnehmen/projekt/{draft.slug}/",
        f"/kontakt-aufnehmen/organisation/{hidden.slug}/",
        f"/kontakt-aufnehmen/person/{unconsented.slug}/",
    ]:
        assert client.get(path).status_code == 404, path
        assert _send(client, path).status_code == 404, path


def test_bad_input_is_refused_with_the_text_kept(client, sender, project):
    client.force_login(sender)
    response = client.post(
        f"/kontakt-aufnehmen/projekt/{project.slug}/", {"subject": "", "message": "Hallo"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_subject"' in page and "Hallo" in page
    assert not ContactRequest.objects.exists() and not mail.outbox


def test_who_can_help_offers_contact_with_the_matching_offer(client, sender, project):
    from taxonomy.models import SupportCategory

    rooms = SupportCategory.objects.get(slug="raeume")
    project.needs.set([rooms])
    helper = OrganisationFactory(name="Saalverein", offers=[rooms], members=[UserFactory()])
    client.force_login(sender)
    page = client.get(f"/projekte/{project.slug}/").content.decode()
    link = f"/kontakt-aufnehmen/organisation/{helper.slug}/?about=offer:{rooms.pk}"
    assert f'href="{link}"' in page
    form = client.get(link).content.decode()
    assert f'<option value="offer:{rooms.pk}" selected>' in form
