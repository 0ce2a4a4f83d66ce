"""Organisations people run themselves: proposing one, its first moderation, members with
roles, invitations, requests to join, leaving – through the pages, as a person uses them."""

import re

import pytest
from django.core import mail

from network import services
from network.lifecycle import Visibility, visibility_of
from network.models import JoinRequest, Organisation, OrganisationMembership
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ADMIN = OrganisationMembership.Role.ADMINISTRATOR
MEMBER = OrganisationMembership.Role.MEMBER


def _propose(client, founder, **extra):
    client.force_login(founder)
    return client.post(
        "/netzwerk/organisationen/neu/" + extra.pop("query", ""),
        {"name": "Tafel Zittau", "kind": "verein", "description": "Wir retten Essen.", **extra},
    )


def _role(organisation, user):
    return organisation.memberships.get(user=user).role


def test_a_signed_in_person_proposes_an_organisation_hidden_until_published(
    client, founder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _propose(client, founder)
    organisation = Organisation.objects.get(name="Tafel Zittau")
    assert response.status_code == 302 and response.url == organisation.get_absolute_url()
    assert visibility_of(organisation) == Visibility.PROPOSED
    assert _role(organisation, founder) == ADMIN
    # The moderators hear of it, with the link to the one review page.
    [moderators] = mail.outbox
    assert "Tafel Zittau" in moderators.subject
    assert f"/admin/network/organisation/{organisation.pk}/review/" in moderators.body
    assert organisation.activity.filter(action="organisation.propose_new", actor=founder).exists()
    # The founder sees the preview and is told it waits; nobody else finds it.
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "wartet auf die Moderation" in page
    assert "Tafel Zittau" not in client.get("/netzwerk/organisationen/").content.decode()
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert "Tafel Zittau" not in client.get("/netzwerk/organisationen/?q=Tafel").content.decode()
    assert "tafel-zittau" not in client.get("/sitemap.xml").content.decode()


def test_the_form_keeps_what_was_typed_and_names_the_missing_field(client, founder):
    response = _propose(client, founder, name="")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page and 'href="#id_name"' in page
    assert "Wir retten Essen." in page
    assert not Organisation.objects.exists()


def test_the_project_form_links_to_proposing_and_the_flow_returns_there(client, founder):
    from tests.projects.factories import ProjectFactory

    project = ProjectFactory(owner=founder, title="Suppenküche")
    client.force_login(founder)
    edit = f"/projekte/{project.slug}/bearbeiten/"
    form = client.get(edit).content.decode()
    assert f'href="/netzwerk/organisationen/neu/?next={edit}"' in form
    response = _propose(client, founder, query=f"?next={edit}")
    assert response.status_code == 302 and response.url == edit
    # A foreign address is not followed.
    response = _propose(client, founder, query="?next=https://example.com/", name="Anderer Verein")
    assert response.url == Organisation.objects.get(name="Anderer Verein").get_absolute_url()


def test_the_project_form_offers_only_published_organisations(client, founder):
    from tests.projects.factories import ProjectFactory

    OrganisationFactory(name="Sichtbarer Träger")
    services.propose_organisation(data={"name": "Wartender Träger", "kind": "verein"}, by=founder)
    project = ProjectFactory(owner=founder, title="Suppenküche")
    client.force_login(founder)
    form = client.get(f"/projekte/{project.slug}/bearbeiten/").content.decode()
    assert "Sichtbarer Träger" in form
    assert "Wartender Träger" not in form


def test_moderation_publishes_on_the_review_page_and_the_founder_is_told(
    client, founder, moderator, django_capture_on_commit_callbacks
):
    organisation = services.propose_organisation(
        data={"name": "Tafel Zittau", "kind": "verein"}, by=founder
    )
    log_in_with_second_factor(client, moderator)
    url = f"/admin/network/organisation/{organisation.pk}/review/"
    page = client.get(url).content.decode()
    assert "Organisation veröffentlichen" in page and "Organisation ablehnen" in page
    assert "Frieda Gründerin" in page
    # Declining needs a reason: the page says so and nothing changes.
    page = client.post(url, {"action": "decline"}).content.decode()
    assert "Bitte schreiben Sie eine Nachricht" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish", "message": ""})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert visibility_of(organisation) == Visibility.VISIBLE
    [told] = mail.outbox
    assert told.to == [founder.email] and "Netzwerkverzeichnis" in told.subject
    assert organisation.activity.filter(action="organisation.publish", actor=moderator).exists()
    client.logout()
    assert "Tafel Zittau" in client.get("/netzwerk/organisationen/").content.decode()


def test_a_declined_organisation_stays_hidden_and_the_reason_reaches_the_founder(
    client, founder, moderator, django_capture_on_commit_callbacks
):
    organisation = services.propose_organisation(
        data={"name": "Doppelt Verein", "kind": "verein"}, by=founder
    )
    log_in_with_second_factor(client, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/network/organisation/{organisation.pk}/review/",
            {"action": "decline", "message": "Ist schon eingetragen."},
        )
    organisation.refresh_from_db()
    assert visibility_of(organisation) == Visibility.DECLINED
    assert "Ist schon eingetragen." in mail.outbox[0].body
    client.force_login(founder)
    assert "abgelehnt" in client.get(organisation.get_absolute_url()).content.decode()
    assert (
        client.get(f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/").status_code == 403
    )


def test_the_founder_completes_a_waiting_organisation_directly(client, founder):
    organisation = services.propose_organisation(
        data={"name": "Tafel Zittau", "kind": "verein"}, by=founder
    )
    client.force_login(founder)
    response = client.post(
        f"/netzwerk/organisationen/{organisation.slug}/bearbeiten/",
        {"name": "Tafel Zittau e. V.", "kind": "verein", "place": "Zittau"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Tafel Zittau e. V." and organisation.place == "Zittau"
    assert organisation.revision == {}  # nothing public to protect: no change moderation


def _visible_with_admin(admin):
    organisation = OrganisationFactory(name="Tafel Zittau")
    OrganisationMembership.objects.create(organisation=organisation, user=admin, role=ADMIN)
    return organisation


def test_an_administrator_invites_a_colleague_who_accepts(
    client, founder, django_capture_on_commit_callbacks
):
    organisation = _visible_with_admin(founder)
    client.force_login(founder)
    members = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(members, {"action": "invite", "email": "Karl@Example.org"})
    assert response.status_code == 302
    [invitation_mail] = mail.outbox
    assert invitation_mail.to == ["karl@example.org"]
    path = re.search(
        r"https?://[^/\s]+(/netzwerk/organisationen/einladung/\S+/)", invitation_mail.body
    )
    assert "karl@example.org" in client.get(members).content.decode()  # open invitation
    karl = verified(UserFactory(email="karl@example.org", display_name="Karl Kollege"))
    client.force_login(karl)
    assert "Der Organisation beitreten" in client.get(path.group(1)).content.decode()
    response = client.post(path.group(1))
    assert response.url == members
    assert _role(organisation, karl) == MEMBER
    assert organisation.activity.filter(action="organisation.join", actor=karl).exists()
    # Used once: the link does not work again, not even for someone else.
    assert "abgelaufen oder wurde schon verwendet" in client.get(path.group(1)).content.decode()


def test_an_invitation_is_refused_for_another_address(client, founder, other_user):
    organisation = _visible_with_admin(founder)
    invitation = services.invite_to_organisation(
        organisation=organisation, inviter=founder, email="karl@example.org"
    )
    client.force_login(other_user)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "an eine andere E-Mail-Adresse" in response.content.decode()
    assert not organisation.members.filter(pk=other_user.pk).exists()


def test_a_join_request_is_accepted_and_both_sides_are_told(
    client, founder, other_user, django_capture_on_commit_callbacks
):
    organisation = _visible_with_admin(founder)
    client.force_login(other_user)
    detail = client.get(organisation.get_absolute_url()).content.decode()
    join = f"/netzwerk/organisationen/{organisation.slug}/beitreten/"
    assert f'href="{join}"' in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(join, {"message": "Ich leite die Ausgabe."})
    assert response.status_code == 302
    [to_admin] = mail.outbox
    assert to_admin.to == [founder.email] and "Ich leite die Ausgabe." in to_admin.body
    client.force_login(founder)
    members = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    page = client.get(members).content.decode()
    assert "Ich leite die Ausgabe." in page
    join_request = JoinRequest.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(members, {"action": "accept", "join_request": join_request.pk})
    assert _role(organisation, other_user) == MEMBER
    assert not JoinRequest.objects.exists()
    assert mail.outbox[0].to == [other_user.email]
    assert "Mitglied" in mail.outbox[0].subject
    assert organisation.activity.filter(action="organisation.join_accept", actor=founder).exists()


def test_a_declined_join_request_tells_the_person_and_adds_nobody(
    client, founder, other_user, django_capture_on_commit_callbacks
):
    organisation = _visible_with_admin(founder)
    join_request = services.request_to_join(organisation=organisation, user=other_user)
    client.force_login(founder)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/netzwerk/organisationen/{organisation.slug}/mitglieder/",
            {"action": "decline", "join_request": join_request.pk},
        )
    assert not organisation.members.filter(pk=other_user.pk).exists()
    assert "abgelehnt" in mail.outbox[0].body


def test_nobody_asks_to_join_an_organisation_that_is_not_public(client, founder, other_user):
    organisation = services.propose_organisation(
        data={"name": "Tafel Zittau", "kind": "verein"}, by=founder
    )
    client.force_login(other_user)
    response = client.post(f"/netzwerk/organisationen/{organisation.slug}/beitreten/")
    assert response.status_code == 404
    assert not JoinRequest.objects.exists()


def test_the_last_administrator_cannot_leave_or_step_down(client, founder, other_user):
    organisation = _visible_with_admin(founder)
    OrganisationMembership.objects.create(organisation=organisation, user=other_user, role=MEMBER)
    client.force_login(founder)
    leave = f"/netzwerk/organisationen/{organisation.slug}/austreten/"
    page = client.post(leave, {"confirm": "True"}).content.decode()
    assert "Sie sind die letzte Person, die diese Organisation verwaltet" in page
    assert 'id="error-summary"' in page
    assert _role(organisation, founder) == ADMIN
    own = organisation.memberships.get(user=founder)
    with pytest.raises(Exception, match="letzte"):
        services.set_member_role(membership=own, role=MEMBER, by=founder)
    # Promoting someone else first: then leaving works.
    members = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    other = organisation.memberships.get(user=other_user)
    client.post(members, {"action": "promote", "member": other.pk})
    assert _role(organisation, other_user) == ADMIN
    response = client.post(leave, {"confirm": "True"})
    assert response.status_code == 302
    assert not organisation.members.filter(pk=founder.pk).exists()
    assert organisation.activity.filter(action="organisation.leave", actor=founder).exists()
    assert organisation.activity.filter(action="organisation.role", actor=founder).exists()


def test_a_member_sees_the_members_but_changes_nothing(client, founder, other_user):
    organisation = _visible_with_admin(founder)
    OrganisationMembership.objects.create(organisation=organisation, user=other_user, role=MEMBER)
    client.force_login(other_user)
    members = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    page = client.get(members).content.decode()
    assert "Frieda Gründerin" in page
    assert "Kolleg*in einladen" not in page
    own = organisation.memberships.get(user=founder)
    assert client.post(members, {"action": "remove", "member": own.pk}).status_code == 403
    assert _role(organisation, founder) == ADMIN


def test_a_foreign_membership_cannot_be_changed_from_another_members_page(
    client, founder, other_user
):
    mine = _visible_with_admin(founder)
    theirs = OrganisationFactory(name="Andere")
    OrganisationMembership.objects.create(organisation=theirs, user=other_user, role=ADMIN)
    client.force_login(founder)
    foreign = theirs.memberships.get().pk
    response = client.post(
        f"/netzwerk/organisationen/{mine.slug}/mitglieder/",
        {"action": "remove", "member": foreign},
        follow=True,
    )
    assert "inzwischen geändert" in response.content.decode()
    assert theirs.memberships.filter(pk=foreign).exists()


def test_my_organisations_in_the_account(client, founder):
    organisation = services.propose_organisation(
        data={"name": "Tafel Zittau", "kind": "verein"}, by=founder
    )
    client.force_login(founder)
    page = client.get("/konto/").content.decode()
    assert "Meine Organisationen" in page
    assert "Tafel Zittau" in page and "Administrator*in" in page
    assert "Vorgeschlagen, wartet auf die Moderation" in page
    assert f'href="/netzwerk/organisationen/{organisation.slug}/mitglieder/"' in page
    assert 'href="/netzwerk/organisationen/neu/"' in page


def test_members_page_runs_a_constant_number_of_queries(
    client, founder, django_assert_max_num_queries
):
    organisation = _visible_with_admin(founder)
    client.force_login(founder)
    url = f"/netzwerk/organisationen/{organisation.slug}/mitglieder/"
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(5):
        OrganisationMembership.objects.create(
            organisation=organisation, user=UserFactory(), role=MEMBER
        )
        services.request_to_join(organisation=organisation, user=UserFactory())
        services.invite_to_organisation(
            organisation=organisation, inviter=founder, email=f"k{n}@example.org"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_after_logging_in_an_open_invitation_is_where_one_lands(client, founder):
    organisation = _visible_with_admin(founder)
    karl = verified(UserFactory(email="karl@example.org"))
    invitation = services.invite_to_organisation(
        organisation=organisation, inviter=founder, email=karl.email
    )
    response = client.post(
        "/konto/login/", {"login": karl.email, "password": "richtig-gutes-Passwort-1"}
    )
    assert response.status_code == 302 and response.url == invitation.get_absolute_url()
