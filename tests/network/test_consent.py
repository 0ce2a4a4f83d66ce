"""People are not content: a profile is public only with consent to the text in force."""

import re
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from network import public, services
from network.consent import CONFIRM_MAX_AGE, make_confirm_token, make_withdraw_token
from network.models import ConsentRecord, ConsentState, ConsentText, Person
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(categories):
    project = ProjectFactory(published=True, title="Nachbarschaftstreff Pieschen")
    project.needs.set([categories["mentoring"]])
    return project


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Dorfbewegung Testhausen", slug="dorfbewegung")


def make_person(categories, organisation, *, consent):
    return PersonFactory(
        name="Wiebke Wunderlich",
        slug="wiebke-wunderlich",
        organisation=organisation,
        offers=[categories["mentoring"]],
        consent=consent,
    )


def where_visible(client, person, project) -> set[str]:
    """Every public place a person can appear; the names of those where they do."""
    seen = set()
    if client.get(f"/netzwerk/personen/{person.slug}/").status_code == 200:
        seen.add("detail")
    if person.name in client.get("/netzwerk/personen/").content.decode():
        seen.add("list")
    if person.name in client.get("/netzwerk/personen/", {"q": "Wunderlich"}).content.decode():
        seen.add("search")
    if person.name in client.get("/netzwerk/personen/", {"angebot": "mentoring"}).content.decode():
        seen.add("filter")
    if f"/netzwerk/personen/{person.slug}/" in client.get("/sitemap.xml").content.decode():
        seen.add("sitemap")
    if person.name in client.get("/netzwerk/organisationen/dorfbewegung/").content.decode():
        seen.add("organisation page")
    if person in public.people_that_can_help(project):
        seen.add("matches")
    if person.name in client.get(project.get_absolute_url()).content.decode():
        seen.add("project page")
    if person.name in client.get("/suche/", {"q": "Wunderlich"}).content.decode():
        seen.add("search across all")
    if person in public.people_with_consent():
        seen.add("people_with_consent")
    if person in public.search_people("Wunderlich"):
        seen.add("search_people")
    return seen


EVERYWHERE = {
    "detail",
    "list",
    "search",
    "filter",
    "sitemap",
    "organisation page",
    "matches",
    "project page",
    "search across all",
    "people_with_consent",
    "search_people",
}


def test_person_without_consent_is_nowhere_public(client, categories, organisation, project):
    person = make_person(categories, organisation, consent=False)
    assert where_visible(client, person, project) == set()


def test_person_with_consent_is_public_everywhere(client, categories, organisation, project):
    person = make_person(categories, organisation, consent=True)
    assert where_visible(client, person, project) == EVERYWHERE


def test_withdrawal_through_the_email_link_hides_the_profile_everywhere_at_once(
    client, categories, organisation, project, django_capture_on_commit_callbacks
):
    person = make_person(categories, organisation, consent=True)
    url = f"/netzwerk/einwilligung/{make_withdraw_token(person)}/widerrufen/"

    page = client.get(url)
    assert "Einwilligung widerrufen" in page.content.decode()
    assert where_visible(client, person, project) == EVERYWHERE  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert "nicht mehr öffentlich" in response.content.decode()
    assert where_visible(client, person, project) == set()
    record = person.consents.get()
    assert record.withdrawn_at is not None
    assert record.withdrawn_how == "Link in einer E-Mail"
    assert mail.outbox[-1].to == [person.email]
    assert "nicht mehr öffentlich" in mail.outbox[-1].subject


def test_a_new_consent_text_version_hides_old_consent_and_asks_again(
    client, categories, organisation, project, moderator, django_capture_on_commit_callbacks
):
    person = make_person(categories, organisation, consent=True)
    new = services.save_consent_text(
        text=ConsentText(
            purpose=ConsentText.Purpose.PUBLIC_PROFILE,
            title_de="Einwilligung (neu)",
            title_en="Consent (new)",
            body_de="Neu: auch auf **Veranstaltungsseiten**.",
            body_en="New: also on **event pages**.",
        ),
        by=moderator,
    )
    assert new.version == 2
    assert where_visible(client, person, project) == EVERYWHERE  # a draft changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        asked = services.publish_consent_text(text=new, by=moderator)

    assert asked == 1
    assert where_visible(client, person, project) == set()
    assert services.consent_state(person) == ConsentState.OUTDATED
    message = mail.outbox[-1]
    assert message.to == [person.email]
    assert "erneut" in message.subject
    confirm_path = re.search(r"https?://[^/\s]+(/netzwerk/einwilligung/[^\s]+/)\n", message.body)
    page = client.get(confirm_path.group(1)).content.decode()
    assert "Veranstaltungsseiten" in page and "Version 2" in page

    client.post(confirm_path.group(1), {"version": 2})
    assert where_visible(client, person, project) == EVERYWHERE
    assert person.consents.filter(text=new, withdrawn_at__isnull=True).exists()


def test_published_consent_text_cannot_be_changed(moderator):
    text = ConsentText.objects.get(version=1)
    text.body_de = "Stillschweigend geändert"
    with pytest.raises(ValidationError, match="kann nicht geändert werden"):
        services.save_consent_text(text=text, by=moderator)
    text.refresh_from_db()
    assert text.body_de != "Stillschweigend geändert"


def test_a_version_in_force_cannot_be_put_in_force_again(moderator):
    with pytest.raises(ValidationError, match="bereits in Kraft"):
        services.publish_consent_text(text=ConsentText.objects.get(version=1), by=moderator)
    assert not mail.outbox


def test_consent_is_neither_asked_without_an_address_nor_without_a_text(moderator):
    without_address = PersonFactory(email="")
    with pytest.raises(ValidationError, match="keine E-Mail-Adresse"):
        services.request_consent(person=without_address, by=moderator)
    person = PersonFactory()
    ConsentText.objects.all().delete()  # an operator removed every version
    with pytest.raises(ValidationError, match="kein Einwilligungstext in Kraft"):
        services.request_consent(person=person, by=moderator)
    with pytest.raises(ValidationError, match="kein Einwilligungstext in Kraft"):
        services.give_consent(person=person, how=ConsentRecord.How.ACCOUNT)
    assert not mail.outbox and not Person.objects.public().exists()


def test_staff_created_person_gets_a_confirmation_link_and_consent_needs_a_post(
    client, categories, organisation, project, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = services.create_person(
            data={
                "name": "Wiebke Wunderlich",
                "email": "wiebke@example.org",
                "organisation": organisation,
                "offers": [categories["mentoring"]],
            },
            by=moderator,
            ask_for_consent=True,
        )
    assert where_visible(client, person, project) == set()
    assert services.consent_state(person) == ConsentState.REQUESTED
    message = mail.outbox[-1]
    assert message.to == ["wiebke@example.org"]
    links = re.findall(r"https?://[^/\s]+(/netzwerk/einwilligung/\S+/)", message.body)
    confirm, withdraw = links[0], links[1]
    assert withdraw.endswith("/widerrufen/")
    html = message.alternatives[0][0]
    assert confirm in html and withdraw in html

    page = client.get(confirm)
    assert "Ich stimme zu" in page.content.decode()
    assert (
        not ConsentRecord.objects.exists()
    )  # a link scanner following the link consents to nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm, {"version": 1})
    assert response.status_code == 302
    assert response["Location"] == "/netzwerk/personen/wiebke-wunderlich/"
    record = ConsentRecord.objects.get()
    assert (record.person, record.text.version, record.how, record.email) == (
        person,
        1,
        ConsentRecord.How.EMAIL_LINK,
        "wiebke@example.org",
    )
    assert record.given_at <= timezone.now()
    assert where_visible(client, person, project) == EVERYWHERE
    receipt = mail.outbox[-1]
    assert "jetzt öffentlich" in receipt.subject
    assert "/widerrufen/" in receipt.body  # a withdrawal link in every mail to the person


def test_consent_request_is_sent_in_the_persons_language(django_capture_on_commit_callbacks):
    person = PersonFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_consent(person=person)
    assert mail.outbox[-1].subject == "[Zukunftsplattform] May we show your profile in the network?"
    assert "withdraw your consent" in mail.outbox[-1].body


def test_confirming_a_version_that_is_no_longer_in_force_records_nothing(client):
    person = PersonFactory()
    response = client.post(f"/netzwerk/einwilligung/{make_confirm_token(person)}/", {"version": 7})
    assert response.status_code == 302
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("kind", ["forged", "changed email", "expired"])
def test_broken_confirmation_links_show_a_helpful_404(client, kind, monkeypatch):
    person = PersonFactory()
    if kind == "forged":
        token = make_confirm_token(person)[:-3] + "abc"
    elif kind == "changed email":
        token = make_confirm_token(person)
        Person.objects.filter(pk=person.pk).update(email="neu@example.org")
    else:
        with monkeypatch.context() as patch:
            past = time.time() - CONFIRM_MAX_AGE.total_seconds() - 60
            patch.setattr(time, "time", lambda: past)
            token = make_confirm_token(person)
    response = client.post(f"/netzwerk/einwilligung/{token}/", {"version": 1})
    assert response.status_code == 404
    assert "Dieser Link funktioniert nicht" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_links_without_a_text_in_force_or_to_a_deleted_profile_show_a_helpful_404(client):
    person = PersonFactory()
    confirm = f"/netzwerk/einwilligung/{make_confirm_token(person)}/"
    withdraw = f"/netzwerk/einwilligung/{make_withdraw_token(person)}/widerrufen/"
    ConsentText.objects.all().delete()  # an operator removed every version
    assert client.get(confirm).status_code == 404
    person.delete()
    response = client.get(withdraw)
    assert response.status_code == 404
    assert "Dieser Link funktioniert nicht" in response.content.decode()


def test_account_buttons_give_and_withdraw_consent_for_ones_own_profile(
    client, linked_user, django_capture_on_commit_callbacks
):
    person = PersonFactory(user=linked_user, name="Karla Konto")
    client.force_login(linked_user)
    page = client.get("/konto/").content.decode()
    assert "Mein Profil im Netzwerk" in page and "nicht öffentlich" in page

    client.post("/netzwerk/einwilligung/konto/", {"action": "give"})
    assert public.is_public_person(person)
    assert person.consents.get().how == ConsentRecord.How.ACCOUNT
    assert "Einwilligung widerrufen" in client.get("/konto/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/netzwerk/einwilligung/konto/", {"action": "withdraw"})
    assert response.status_code == 302
    assert not public.is_public_person(person)
    assert client.get(f"/netzwerk/personen/{person.slug}/").status_code == 200  # own preview
    client.logout()
    assert client.get(f"/netzwerk/personen/{person.slug}/").status_code == 404


def test_account_consent_needs_a_linked_profile(client, other_user):
    client.force_login(other_user)
    assert client.post("/netzwerk/einwilligung/konto/", {"action": "give"}).status_code == 404
    page = client.get("/konto/").content.decode()
    # Without a profile the account offers to create one, and no consent buttons.
    assert 'href="/netzwerk/expertenprofil-anlegen/"' in page
    assert 'action="/netzwerk/einwilligung/konto/"' not in page


def test_data_export_contains_profile_consents_and_memberships(client, linked_user):
    person = PersonFactory(user=linked_user, name="Karla Konto", consent=True)
    organisation = OrganisationFactory(name="Verein Beispiel", members=[linked_user])
    client.force_login(linked_user)
    response = client.get("/konto/daten/export.json")
    data = response.json()["network"]
    assert data["person_profile"]["name"] == "Karla Konto"
    assert data["person_profile"]["email"] == person.email
    assert data["person_profile"]["consents"][0]["how"] == "email_link"
    membership = organisation.memberships.get()
    assert data["organisation_memberships"] == [
        {
            "name": "Verein Beispiel",
            "address": organisation.get_absolute_url(),
            "role": "administrator",
            "since": membership.created_at.isoformat(),
        }
    ]


def test_deleting_the_account_deletes_the_own_profile(linked_user):
    person = PersonFactory(user=linked_user, consent=True)
    linked_user.delete()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not ConsentRecord.objects.exists()


def test_withdrawal_removes_a_speaker_from_event_pages_at_once(client):
    from events.public import events_for_person
    from pages import demo as pages_demo

    pages_demo.load()
    speaker = next(p for p in public.people_with_consent() if events_for_person(p).exists())
    event = events_for_person(speaker).first()
    event_url = f"/veranstaltungen/{event.slug}/"
    assert speaker.name in client.get(event_url).content.decode()

    client.post(f"/netzwerk/einwilligung/{make_withdraw_token(speaker)}/widerrufen/")

    assert speaker.name not in client.get(event_url).content.decode()
    assert client.get(speaker.get_absolute_url()).status_code == 404


def test_consent_text_people_agree_to_starts_with_the_declaration(client):
    """It began with a stray backslash (issue 12)."""
    text = services.current_consent_text()
    for body, html in [(text.body_de, text.body_de_html), (text.body_en, text.body_en_html)]:
        assert body.startswith(("Ich willige ein", "I agree"))
        assert html.startswith("<p>Ich willige ein") or html.startswith("<p>I agree")
        assert "\\" not in body + html


def test_correcting_the_stray_backslash_keeps_the_consents_given_to_version_1(
    client, categories, organisation
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("network.migrations.0007_consent_text_stray_backslash")
    faulty = ConsentText.objects.get(version=1)
    ConsentText.objects.filter(pk=faulty.pk).update(  # as every installation had it
        body_de="\\\n" + faulty.body_de,
        body_en="\\\n" + faulty.body_en,
        body_de_html="<p>\\\n" + faulty.body_de_html.removeprefix("<p>"),
    )
    person = make_person(categories, organisation, consent=True)

    migration.remove_stray_backslash(apps, None)

    text = ConsentText.objects.get(pk=faulty.pk)
    assert text.body_de.startswith("Ich willige ein") and text.body_en.startswith("I agree")
    assert "\\" not in text.body_de_html + text.body_en_html
    assert ConsentText.objects.count() == 1  # no new version that would ask everyone again
    assert person.consents.get().text == text
    assert Person.objects.public().filter(pk=person.pk).exists()
    assert (
        "Wiebke Wunderlich" in client.get("/netzwerk/personen/wiebke-wunderlich/").content.decode()
    )
