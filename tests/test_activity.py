"""Every staff and moderation action leaves an activity record (who, when, what, before and
after) in the database, shown newest first on the object's admin page, and a JSON log line.
"""

import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import audit
from accounts.models import ActivityLog
from accounts.moderation import MODERATION_GROUP
from network import services as network_services
from network.models import Organisation, Person
from projects import services as project_services
from projects.models import ProjectMembership
from taxonomy.models import Topic
from tests.events.factories import EventFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    user = verified(UserFactory(is_staff=True, display_name="Mona Moderatorin"))
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


@pytest.fixture
def staff_client(client, moderator):
    return log_in_with_second_factor(client, moderator)


def organisation_form(organisation, **changes) -> dict:
    """What the admin's change form posts for ``organisation``, with ``changes``."""
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "is_published": "on" if organisation.is_published else "",
        "is_platform_partner": "on" if organisation.is_platform_partner else "",
        "description": organisation.description,
        "region": organisation.region,
        "place": organisation.place,
        "website": organisation.website,
        "logo_alt": organisation.logo_alt,
        "topics": [t.pk for t in organisation.topics.all()],
        "offers": [o.pk for o in organisation.offers.all()],
        "members": ",".join(str(u.pk) for u in organisation.members.all()),
        "_continue": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def activity_section(page: str) -> str:
    """The activity table of an admin change page."""
    match = re.search(r'<table class="activity-history">.*?</table>', page, re.S)
    assert match, "no activity section on the page"
    return match.group(0)


def rows(section: str) -> list[str]:
    """Each record's row as text, newest first."""
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>")[1], re.S)
    ]


def test_admin_change_of_an_organisation_shows_actor_time_and_before_after(staff_client, moderator):
    organisation = OrganisationFactory(name="Tafel Pirna", place="Pirna")
    url = f"/admin/network/organisation/{organisation.pk}/change/"
    response = staff_client.post(url, organisation_form(organisation, place="Heidenau"))
    assert response.status_code == 302, response.content.decode()[:2000]

    organisation.refresh_from_db()
    assert organisation.place == "Heidenau"
    entry = ActivityLog.objects.get(action="organisation.update", object_id=organisation.pk)
    assert entry.actor == moderator
    assert entry.data["changes"] == {"place": {"before": "Pirna", "after": "Heidenau"}}

    page = staff_client.get(url).content.decode()
    (newest,) = rows(activity_section(page))
    assert "Mona Moderatorin" in newest
    assert "Profil geändert" in newest
    assert "Ort: Pirna → Heidenau" in newest
    when = timezone.localtime(entry.at).strftime("%d.%m.%Y %H:%M")
    assert when in newest
    assert f'datetime="{timezone.localtime(entry.at).isoformat()}"' in page


def test_hiding_an_organisation_in_the_admin_is_a_recorded_step(staff_client, moderator, client):
    organisation = OrganisationFactory(name="Nachbarschaftshilfe Zittau")
    public = f"/netzwerk/organisationen/{organisation.slug}/"
    assert client.get(public).status_code == 200
    url = f"/admin/network/organisation/{organisation.pk}/change/"
    staff_client.post(url, organisation_form(organisation, is_published=""))

    organisation.refresh_from_db()
    assert not organisation.is_published
    entry = ActivityLog.objects.get(action="organisation.hide")
    assert entry.actor == moderator
    assert entry.data["changes"] == {"is_published": {"before": True, "after": False}}
    # Saving without any change of the profile records the hiding alone.
    assert not ActivityLog.objects.filter(action="organisation.update").exclude(data={}).exists()
    newest = rows(activity_section(staff_client.get(url).content.decode()))[0]
    assert "Von den öffentlichen Seiten genommen" in newest and "Mona Moderatorin" in newest


def test_admin_action_hide_and_show_shows_up_on_the_organisations_admin_page(
    staff_client, moderator
):
    organisation = OrganisationFactory(name="Kulturbahnhof Löbau")
    changelist = "/admin/network/organisation/"
    staff_client.post(changelist, {"action": "hide_selected", "_selected_action": organisation.pk})
    organisation.refresh_from_db()
    assert not organisation.is_published
    staff_client.post(changelist, {"action": "show_selected", "_selected_action": organisation.pk})
    organisation.refresh_from_db()
    assert organisation.is_published

    page = staff_client.get(f"/admin/network/organisation/{organisation.pk}/change/")
    shown, hidden = rows(activity_section(page.content.decode()))
    assert "Wieder auf den öffentlichen Seiten" in shown and "Mona Moderatorin" in shown
    assert "Von den öffentlichen Seiten genommen" in hidden
    assert "Im Verzeichnis sichtbar: ja → nein" in hidden


def test_admin_created_organisation_goes_through_the_service(staff_client, moderator):
    topic = Topic.objects.first()
    response = staff_client.post(
        "/admin/network/organisation/add/",
        {
            "name": "Bürgerstiftung Görlitz",
            "kind": Organisation.Kind.ASSOCIATION,
            "is_published": "on",
            "description": "Wir **fördern** Ideen.",
            "topics": [topic.pk],
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(name="Bürgerstiftung Görlitz")
    assert organisation.slug == "buergerstiftung-goerlitz"
    # What the service does and a bare save() did not: Markdown rendered, search indexed.
    assert "<strong>fördern</strong>" in organisation.description_html
    assert "Bürgerstiftung" in organisation.search_text
    entry = ActivityLog.objects.get(action="organisation.create")
    assert entry.actor == moderator and entry.object_id == organisation.pk
    assert entry.data["changes"]["topics"] == {"before": None, "after": [topic.name]}


def test_admin_change_of_a_person_records_contact_address_without_its_value(
    staff_client, moderator
):
    person = PersonFactory(name="Ilse Ilgen", email="ilse@example.org", role="Mentorin")
    url = f"/admin/network/person/{person.pk}/change/"
    data = {
        "name": person.name,
        "slug": person.slug,
        "role": "Mentorin für Vereine",
        "email": "ilse.neu@example.org",
        "language": person.language,
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
        "_continue": "1",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert (person.role, person.email) == ("Mentorin für Vereine", "ilse.neu@example.org")
    entry = ActivityLog.objects.get(action="person.update")
    assert entry.data["changes"]["role"] == {"before": "Mentorin", "after": "Mentorin für Vereine"}
    assert entry.data["changes"]["email"] == {"changed": True}
    assert "ilse" not in str(entry.data)
    newest = rows(activity_section(staff_client.get(url).content.decode()))[0]
    assert "E-Mail-Adresse (nicht öffentlich): geändert (Wert nicht gespeichert)" in newest


def test_review_decision_in_the_admin_writes_a_record(staff_client, moderator):
    member = verified(UserFactory())
    organisation = OrganisationFactory(name="Stadtteilladen", members=[member])
    network_services.propose_organisation_change(
        organisation=organisation,
        data={"name": "Stadtteilladen Plauen", "kind": organisation.kind},
        by=member,
    )
    staff_client.post(
        f"/admin/network/organisation/{organisation.pk}/review/",
        {"action": "reject", "message": "Bitte mit Quelle."},
    )
    entry = ActivityLog.objects.get(action="organisation.reject")
    assert entry.actor == moderator and entry.data["message"] == "Bitte mit Quelle."
    page = staff_client.get(f"/admin/network/organisation/{organisation.pk}/change/")
    rejected, proposed = rows(activity_section(page.content.decode()))[:2]
    assert "Vorgeschlagene Änderungen abgelehnt" in rejected and "Bitte mit Quelle." in rejected
    assert "Änderungen von einem Mitglied vorgeschlagen" in proposed


def test_project_decision_in_the_admin_is_recorded_on_the_project(staff_client, moderator):
    project = ProjectFactory(status="submitted")
    staff_client.post(
        f"/admin/projects/project/{project.pk}/moderate/",
        {"action": "request_changes", "message": "Bitte die Wirkung beschreiben."},
    )
    entry = ActivityLog.objects.get(object_id=project.pk, action="project.changes_requested")
    assert entry.actor == moderator
    assert (entry.data["from"], entry.data["to"]) == ("submitted", "changes_requested")
    page = staff_client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    newest = rows(activity_section(page))[0]
    assert "Änderungen erbeten" in newest and "Bitte die Wirkung beschreiben." in newest
    assert "Von: Zur Prüfung eingereicht" in newest


def test_event_admin_actions_are_recorded_on_the_event(staff_client, moderator):
    event = EventFactory(status="draft", title="Forum Weißwasser")
    staff_client.post("/admin/events/event/", {"action": "publish", "_selected_action": event.pk})
    entry = ActivityLog.objects.get(action="event.publish")
    assert entry.actor == moderator
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert "Veranstaltung veröffentlicht" in rows(activity_section(page))[0]


def test_record_writes_the_database_row_and_the_json_log_line(moderator, caplog):
    organisation = OrganisationFactory()
    with caplog.at_level(logging.INFO, logger="zukunftsplattform.audit"):
        network_services.set_organisation_visibility(
            organisation=organisation, published=False, by=moderator
        )
    line = next(r for r in caplog.records if getattr(r, "action", None) == "organisation.hide")
    assert line.actor == moderator.pk and line.organisation == organisation.pk
    assert ActivityLog.objects.filter(action="organisation.hide", actor=moderator).count() == 1
    # Nothing changes, nothing is recorded.
    assert not network_services.set_organisation_visibility(
        organisation=organisation, published=False, by=moderator
    )
    assert ActivityLog.objects.filter(action="organisation.hide").count() == 1


def test_moderators_message_stays_out_of_the_log_line(moderator, caplog):
    project = ProjectFactory(status="submitted")
    with caplog.at_level(logging.INFO, logger="zukunftsplattform.audit"):
        project_services.reject_project(
            project=project, moderator=moderator, reason="Geheim-Begründung-4711"
        )
    assert "Geheim-Begründung-4711" not in caplog.text
    assert ActivityLog.objects.get(action="project.rejected").data["message"] == (
        "Geheim-Begründung-4711"
    )


def test_activity_section_has_a_constant_query_count(
    staff_client, moderator, django_assert_num_queries
):
    organisation = OrganisationFactory()
    url = f"/admin/network/organisation/{organisation.pk}/change/"
    network_services.set_organisation_visibility(
        organisation=organisation, published=False, by=moderator
    )
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    others = [UserFactory() for _ in range(5)]
    for number in range(24):
        network_services.set_organisation_visibility(
            organisation=organisation, published=number % 2 == 0, by=others[number % 5]
        )
    with django_assert_num_queries(len(one)):
        page = staff_client.get(url).content.decode()
    assert len(rows(activity_section(page))) == 25


def test_organisation_admin_change_page_query_count(
    staff_client, moderator, django_assert_num_queries
):
    organisation = OrganisationFactory(members=[UserFactory(), UserFactory()])
    for published in (False, True, False):
        network_services.set_organisation_visibility(
            organisation=organisation, published=published, by=moderator
        )
    url = f"/admin/network/organisation/{organisation.pk}/change/"
    staff_client.get(url)  # content types and the session are cached after the first page
    with django_assert_num_queries(12):
        staff_client.get(url)


def test_ownership_handed_over_on_account_deletion_is_recorded_without_the_name():
    leaving = verified(UserFactory(display_name="Paul Weggegangen"))
    successor = verified(UserFactory(display_name="Rita Nachfolgerin"))
    project = ProjectFactory(owner=leaving)
    ProjectMembership.objects.create(project=project, user=successor, role="editor")
    leaving.delete()

    assert project.memberships.get().user == successor
    assert project.memberships.get().role == ProjectMembership.Role.OWNER
    entry = ActivityLog.objects.get(action="project.ownership")
    assert entry.actor is None and entry.data["new_owner"] == successor.pk
    assert "Paul" not in str(entry.data) and "Paul" not in entry.object_repr
    (shown,) = [e for e in audit.activity_of(project) if e.action == "project.ownership"]
    assert dict(shown.details)["Neue*r Eigentümer*in"] == "Rita Nachfolgerin"
    assert dict(shown.details)["Bisherige*r Eigentümer*in"] == "gelöschtes Konto"


def test_records_about_a_profile_go_with_it():
    person = PersonFactory()
    network_services.request_consent(person=person)
    assert ActivityLog.objects.filter(object_id=person.pk, action="person.consent_request")
    Person.objects.get(pk=person.pk).delete()
    assert not ActivityLog.objects.filter(
        content_type__model="person", object_id=person.pk
    ).exists()


def test_plain_admin_edit_of_a_content_page_is_recorded_with_before_and_after(staff_client):
    from pages.models import ContentPage

    superuser = verified(UserFactory(is_staff=True, is_superuser=True, display_name="Ada Admin"))
    log_in_with_second_factor(staff_client, superuser)
    page = ContentPage.objects.get(slug="impressum")
    url = f"/admin/pages/contentpage/{page.pk}/change/"
    data = {
        "slug": page.slug,
        "needs_legal_review": "on" if page.needs_legal_review else "",
        "title_de": "Impressum (neu)",
        "body_de": page.body_de,
        "title_en": page.title_en,
        "body_en": page.body_en,
        "_continue": "1",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ActivityLog.objects.get(action="admin.change", object_id=page.pk)
    assert entry.actor == superuser
    assert entry.data["changes"]["title_de"] == {
        "before": page.title_de,
        "after": "Impressum (neu)",
    }
    newest = rows(activity_section(staff_client.get(url).content.decode()))[0]
    assert "In der Verwaltung geändert" in newest and "Ada Admin" in newest
    assert f"{page.title_de} → Impressum (neu)" in newest


def test_staff_changes_to_an_account_go_with_the_account(staff_client):
    superuser = verified(UserFactory(is_staff=True, is_superuser=True))
    log_in_with_second_factor(staff_client, superuser)
    person = verified(UserFactory(display_name="Vera Vorher"))
    url = f"/admin/accounts/user/{person.pk}/change/"
    data = {
        "email": person.email,
        "display_name": "Vera Nachher",
        "language": person.language,
        "is_active": "on",
        "date_joined_0": timezone.localtime(person.date_joined).strftime("%d.%m.%Y"),
        "date_joined_1": timezone.localtime(person.date_joined).strftime("%H:%M:%S"),
        "_continue": "1",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = ActivityLog.objects.get(action="admin.change", object_id=person.pk)
    assert entry.data["changes"]["display_name"] == {
        "before": "Vera Vorher",
        "after": "Vera Nachher",
    }
    assert "password" not in str(entry.data)
    person.delete()
    assert not ActivityLog.objects.filter(pk=entry.pk).exists()


def test_staff_cancelling_a_registration_is_recorded_on_the_event_without_a_name(
    staff_client, moderator
):
    from events import services as event_services

    event = EventFactory(title="Forum Leipzig")
    guest = verified(UserFactory(display_name="Gerd Gast"))
    registration = event_services.register_user(event=event, user=guest)
    staff_client.post(
        "/admin/events/registration/",
        {"action": "cancel_registrations", "_selected_action": registration.pk},
    )
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    entry = ActivityLog.objects.get(action="event.registration_cancel")
    assert entry.actor == moderator and entry.object_id == event.pk
    assert "Gerd" not in str(entry.data)
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert "Anmeldung von der Moderation storniert" in rows(activity_section(page))[0]


def test_merge_shows_the_merged_organisations_on_the_kept_ones_page(staff_client, moderator):
    keep = OrganisationFactory(name="Behalten")
    duplicates = [OrganisationFactory(name=n, slug=n.lower()) for n in ("Dublette", "Kopie")]
    network_services.merge_organisations(keep=keep, duplicates=duplicates, by=moderator)
    page = staff_client.get(f"/admin/network/organisation/{keep.pk}/change/").content.decode()
    (newest,) = rows(activity_section(page))
    assert "Zusammengeführte Organisationen: Dublette (dublette), Kopie (kopie)" in newest


def test_records_of_a_field_that_no_longer_exists_show_its_name(staff_client, moderator):
    """A record written by an older release keeps what it said, under the field's name."""
    organisation = OrganisationFactory()
    audit.record(
        "organisation.update",
        organisation,
        actor=moderator,
        changes={"fax": {"before": "0351 123", "after": "0351 456"}},
    )
    url = f"/admin/network/organisation/{organisation.pk}/change/"
    (newest,) = rows(activity_section(staff_client.get(url).content.decode()))
    assert "fax: 0351 123 → 0351 456" in newest


def test_django_history_page_names_the_staff_member(staff_client, moderator):
    organisation = OrganisationFactory(name="Tafel Riesa", place="Riesa")
    url = f"/admin/network/organisation/{organisation.pk}/"
    staff_client.post(f"{url}change/", organisation_form(organisation, place="Gröditz"))
    page = staff_client.get(f"{url}history/").content.decode()
    assert f"{moderator.email} (Mona Moderatorin)" in page
