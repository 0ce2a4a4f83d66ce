"""Experts add themselves: create a profile with consent, the moderation publishes or
declines it, the person edits and withdraws it like any linked profile."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import ActivityLog
from network import services
from network.models import ConsentRecord, ConsentText, Person
from network.services import current_consent_text
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import PersonFactory
from zukunftsplattform.lifecycle import TransitionError

pytestmark = pytest.mark.django_db

URL = "/netzwerk/expertenprofil-anlegen/"


def form_data(**overrides):
    text = current_consent_text()
    return {
        "kind": "mentor",
        "name": "Greta Gründerin",
        "role": "Mentorin für Sozialunternehmen",
        "affiliation": "Freiberuflich",
        "region": "leipzig",
        "bio": "Ich begleite **Gründungen** seit zehn Jahren.",
        "version": text.version,
        "consent": "on",
        **overrides,
    }


def propose(user, **data):
    values = {"name": "Greta Gründerin", "kind": "mentor", "role": "Mentorin", **data}
    return services.propose_own_profile(user=user, data=values, text=current_consent_text())


def test_proposing_a_profile_records_consent_and_waits_for_the_moderation(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = propose(user)
    assert person.user == user and person.email == user.email
    assert person.moderation_status == Person.Moderation.PROPOSED and person.proposed_at
    [record] = ConsentRecord.objects.filter(person=person)
    assert record.how == ConsentRecord.How.ACCOUNT and record.text == current_consent_text()
    assert record.withdrawn_at is None
    assert not Person.objects.public().filter(pk=person.pk).exists()
    moderators, receipt = mail.outbox
    assert moderators.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert f"/admin/network/person/{person.pk}/review/" in moderators.body
    assert receipt.to == [user.email] and "/widerrufen/" in receipt.body
    assert "öffentlich" not in receipt.subject  # not public yet: no "now public" receipt
    actions = set(ActivityLog.objects.filter(object_id=person.pk).values_list("action", flat=True))
    assert {"person.create", "person.consent", "person.propose"} <= actions


def test_one_account_has_one_profile(user):
    propose(user)
    with pytest.raises(ValidationError):
        propose(user, name="Noch eine")
    assert Person.objects.filter(user=user).count() == 1


def test_consent_to_an_outdated_text_is_refused(user):
    old = current_consent_text()
    old.pk = None
    old.version, old.published_at = old.version + 1, old.published_at
    old.save()  # a newer version is in force now
    with pytest.raises(ValidationError):
        services.propose_own_profile(
            user=user, data={"name": "Greta"}, text=type(old).objects.get(version=1)
        )
    assert not Person.objects.filter(user=user).exists()


def test_publishing_makes_the_profile_public_and_tells_the_person(
    user, moderator, django_capture_on_commit_callbacks
):
    person = propose(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_profile(person=person, action="publish", by=moderator)
    assert Person.objects.public().filter(pk=person.pk).exists()
    [message] = mail.outbox
    assert message.to == [user.email] and person.get_absolute_url() in message.body
    entry = ActivityLog.objects.get(object_id=person.pk, action="person.publish")
    assert entry.actor == moderator


def test_declining_needs_a_reason_which_the_person_reads(
    user, moderator, django_capture_on_commit_callbacks
):
    person = propose(user)
    with pytest.raises(TransitionError):
        services.decide_profile(person=person, action="decline", by=moderator, message=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_profile(
            person=person, action="decline", by=moderator, message="Bitte mehr zur Expertise."
        )
    person.refresh_from_db()
    assert person.moderation_status == Person.Moderation.DECLINED
    assert "Bitte mehr zur Expertise." in mail.outbox[0].body
    assert not Person.objects.public().filter(pk=person.pk).exists()
    # Deciding twice is refused: the table has no step from a declined profile.
    with pytest.raises(TransitionError):
        services.decide_profile(person=person, action="publish", by=moderator)


def test_a_declined_profile_goes_back_to_the_moderation_when_changed(
    client, user, moderator, django_capture_on_commit_callbacks
):
    person = propose(user)
    services.decide_profile(person=person, action="decline", by=moderator, message="Zu knapp.")
    client.force_login(user)
    edit = client.get(f"/netzwerk/personen/{person.slug}/bearbeiten/").content.decode()
    assert "Zu knapp." in edit and "geht das Profil erneut an die Redaktion" in edit
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/netzwerk/personen/{person.slug}/bearbeiten/",
            {"name": "Greta Gründerin", "kind": "mentor", "bio": "Ausführlicher."},
            follow=True,
        )
    assert "erneut an die Redaktion gesendet" in response.content.decode()
    person.refresh_from_db()
    assert person.moderation_status == Person.Moderation.PROPOSED and person.bio == "Ausführlicher."
    assert [settings.STAFF_NOTIFICATION_EMAIL] in [m.to for m in mail.outbox]


# --- The page ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_and_back(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next={URL}"


def test_the_form_shows_the_consent_text_and_a_required_checkbox(client, user):
    client.force_login(user)
    page = client.get(URL).content.decode()
    text = current_consent_text()
    assert text.title_de in page
    assert 'type="checkbox" name="consent"' in page and "required" in page
    assert f'name="version" value="{text.version}"' in page
    for kind in ("Expert*in", "Mentor*in", "Referent*in"):
        assert kind in page


def test_without_consent_nothing_is_stored_and_the_form_keeps_what_was_typed(client, user):
    client.force_login(user)
    response = client.post(URL, form_data(consent=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_consent"' in page  # the error summary links to the checkbox
    assert "Bitte stimmen Sie dem Einwilligungstext zu" in page
    assert 'value="Mentorin für Sozialunternehmen"' in page
    assert not Person.objects.filter(user=user).exists()


def test_a_changed_text_meanwhile_must_be_read_again(client, user):
    client.force_login(user)
    response = client.post(URL, form_data(version=current_consent_text().version + 7))
    assert "Bitte lesen Sie ihn noch einmal" in response.content.decode()
    assert not Person.objects.filter(user=user).exists()


def test_creating_a_profile_sends_the_person_to_their_account(client, user):
    client.force_login(user)
    response = client.post(URL, form_data(), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/konto/"
    assert "an die Redaktion gesendet" in page
    assert "Ihr Profil wartet auf die Redaktion" in page
    person = Person.objects.get(user=user)
    assert person.kind == "mentor" and person.bio_html.startswith("<p>Ich begleite <strong>")
    # Only the person (and the moderation) see it: a preview that says why.
    preview = client.get(person.get_absolute_url()).content.decode()
    assert "die Redaktion sieht es sich zuerst an" in preview
    client.logout()
    assert client.get(person.get_absolute_url()).status_code == 404


def test_who_has_a_profile_is_sent_to_edit_it(client, user):
    person = PersonFactory(user=user)
    client.force_login(user)
    response = client.get(URL)
    assert response["Location"] == f"/netzwerk/personen/{person.slug}/bearbeiten/"
    assert client.post(URL, form_data())["Location"] == response["Location"]
    assert Person.objects.filter(user=user).count() == 1


def test_account_home_and_directory_link_to_the_form(client, user):
    link = f'href="{URL}"'
    assert link in client.get("/netzwerk/personen/").content.decode()  # anonymous: via login
    client.force_login(user)
    assert link in client.get("/konto/").content.decode()
    assert link in client.get("/netzwerk/personen/").content.decode()
    PersonFactory(user=user)
    assert link not in client.get("/konto/").content.decode()
    assert link not in client.get("/netzwerk/personen/").content.decode()


# --- The admin ---------------------------------------------------------------------------


def test_moderators_decide_on_the_review_page(client, user, moderator):
    person = propose(user, bio="Lange Erfahrung mit Dorfläden.")
    log_in_with_second_factor(client, moderator)
    listing = client.get("/admin/network/person/?moderation_status__exact=proposed")
    assert f"/admin/network/person/{person.pk}/review/" in listing.content.decode()
    page = client.get(f"/admin/network/person/{person.pk}/review/").content.decode()
    assert "Lange Erfahrung mit Dorfläden." in page and "Mentor*in" in page
    assert 'value="publish"' in page and 'value="decline"' in page
    refused = client.post(f"/admin/network/person/{person.pk}/review/", {"action": "decline"})
    assert refused.status_code == 200 and "Bitte schreiben Sie eine Nachricht" in (
        refused.content.decode()
    )
    done = client.post(f"/admin/network/person/{person.pk}/review/", {"action": "publish"})
    assert done.status_code == 302
    assert Person.objects.public().filter(pk=person.pk).exists()
    again = client.get(f"/admin/network/person/{person.pk}/review/").content.decode()
    assert 'value="publish"' not in again


def test_people_without_moderation_rights_cannot_decide(client, user):
    person = propose(user)
    staff = verified(UserFactory(is_staff=True))
    log_in_with_second_factor(client, staff)
    assert client.get(f"/admin/network/person/{person.pk}/review/").status_code == 403
    assert (
        client.post(f"/admin/network/person/{person.pk}/review/", {"action": "publish"}).status_code
        == 403
    )
    person.refresh_from_db()
    assert person.moderation_status == Person.Moderation.PROPOSED


def test_posted_moderation_or_account_fields_have_no_effect(client, user, other_user):
    client.force_login(user)
    client.post(
        URL,
        form_data(
            moderation_status="published",
            moderator_message="Sieht gut aus.",
            slug="gekaperte-adresse",
            user=other_user.pk,
            email="fremd@example.org",
            proposed_at="2020-01-01T10:00",
        ),
    )
    person = Person.objects.get(user=user)
    assert person.moderation_status == Person.Moderation.PROPOSED
    assert person.moderator_message == "" and person.slug == "greta-gruenderin"
    assert person.email == user.email
    assert not Person.objects.filter(user=other_user).exists()
    assert not Person.objects.public().filter(pk=person.pk).exists()


def test_the_form_is_rate_limited_per_client(client, user, one_rate_limit_window):
    # network.views.expert_profile_create: ratelimit_post("network-expert-profile", 10, 3600)
    client.force_login(user)
    answers = [client.post(URL, {}).status_code for _ in range(11)]
    assert answers == [200] * 10 + [429]
    assert client.get(URL).status_code == 200  # reading the form is never limited


def test_without_a_consent_text_in_force_there_is_no_form_to_fill(client, user):
    ConsentText.objects.update(published_at=None)  # only a draft: nothing one could agree to
    client.force_login(user)
    assert client.get(URL).status_code == 404
    assert not Person.objects.exists()


def test_consent_in_the_account_waits_for_the_moderation_and_says_so(client, user):
    person = propose(user)
    services.withdraw_consent(person=person, how="test")
    client.force_login(user)
    response = client.post("/netzwerk/einwilligung/konto/", {"action": "give"}, follow=True)
    assert "sobald die Redaktion es veröffentlicht hat" in response.content.decode()
    assert not Person.objects.public().exists()


def test_consent_in_the_account_without_a_button_changes_nothing(client, user):
    person = propose(user)
    client.force_login(user)
    response = client.post("/netzwerk/einwilligung/konto/", {}, follow=True)
    assert "Es wurde nichts geändert" in response.content.decode()
    assert person.consents.count() == 1
