"""What bounds abuse (limits, the report link, blocking, retention) and the request's state
as recipient and sender see it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from accounts.models import ActivityLog
from contact import services
from contact.lifecycle import RECIPIENT, REQUEST
from contact.models import BlockedSender, ContactReport, ContactRequest
from contact.tokens import make_report_token
from tests.contact.factories import ContactRequestFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory
from zukunftsplattform.lifecycle import TransitionError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_rate_limit_window")]


@pytest.fixture
def owner(db):
    return verified(UserFactory(email="olga@example.org"))


@pytest.fixture
def project(owner):
    return ProjectFactory(owner=owner, published=True, title="Repair-Café Pirna")


def _post(client, path, capture, n=0):
    with capture(execute=True):
        return client.post(path, {"subject": f"Frage {n}", "message": "Hallo"})


# --- State ------------------------------------------------------------------------------


def test_the_recipient_marks_the_request_and_the_sender_sees_it(client, owner, project):
    sender = UserFactory()
    request = ContactRequestFactory(sender=sender, project=project, recipients=[owner])
    client.force_login(owner)
    page = client.get(f"/konto/anfragen/{request.pk}/").content.decode()
    assert "Als beantwortet markieren" in page and "Ablehnen" in page
    response = client.post(f"/konto/anfragen/{request.pk}/status/", {"action": "answer"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered" and request.status_changed_at
    client.force_login(sender)
    listing = client.get("/konto/anfragen/").content.decode()
    assert "Beantwortet" in listing and request.subject in listing
    page = client.get(f"/konto/anfragen/{request.pk}/").content.decode()
    assert "als beantwortet markiert" in page and "Als beantwortet markieren" not in page
    # The sender cannot mark it.
    client.post(f"/konto/anfragen/{request.pk}/status/", {"action": "decline"})
    request.refresh_from_db()
    assert request.status == "answered"


@pytest.mark.parametrize("role", ["sender", "recipient", "other", "anonymous"])
def test_who_sees_a_request(client, owner, project, role):
    sender = UserFactory()
    request = ContactRequestFactory(sender=sender, project=project, recipients=[owner])
    users = {"sender": sender, "recipient": owner, "other": UserFactory(), "anonymous": None}
    if users[role]:
        client.force_login(users[role])
    response = client.get(f"/konto/anfragen/{request.pk}/")
    expected = {"sender": 200, "recipient": 200, "other": 404, "anonymous": 302}[role]
    assert response.status_code == expected
    response = client.post(f"/konto/anfragen/{request.pk}/status/", {"action": "answer"})
    assert response.status_code == {"other": 404}.get(role, 302)
    request.refresh_from_db()
    assert request.status == ("answered" if role == "recipient" else "open")


@pytest.mark.parametrize("state", list(REQUEST.states))
@pytest.mark.parametrize("action", REQUEST.actions)
@pytest.mark.parametrize("is_recipient", [True, False])
def test_the_table_is_what_the_service_enforces(owner, project, state, action, is_recipient):
    request = ContactRequestFactory(project=project, recipients=[owner], status=state)
    user = owner if is_recipient else request.sender
    allowed = REQUEST.allows(action, state, {RECIPIENT} if is_recipient else set())
    if allowed:
        services.take_step(request=request, user=user, action=action)
        request.refresh_from_db()
        assert request.status == REQUEST.step(action, state, roles=RECIPIENT).target
    else:
        with pytest.raises((PermissionDenied, TransitionError)):
            services.take_step(request=request, user=user, action=action)
        request.refresh_from_db()
        assert request.status == state


def test_a_forged_step_changes_nothing(client, owner, project):
    request = ContactRequestFactory(project=project, recipients=[owner])
    client.force_login(owner)
    response = client.post(
        f"/konto/anfragen/{request.pk}/status/", {"action": "delete"}, follow=True
    )
    assert "Es wurde nichts geändert" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"


# --- Rate limits ------------------------------------------------------------------------


def test_a_sender_is_limited_per_day(client, settings, django_capture_on_commit_callbacks):
    settings.CONTACT_SENDER_LIMIT_PER_DAY = 3
    sender = UserFactory()
    client.force_login(sender)
    projects = [ProjectFactory(published=True) for _ in range(4)]
    for n, project in enumerate(projects[:3]):
        path = f"/kontakt-aufnehmen/projekt/{project.slug}/"
        assert _post(client, path, django_capture_on_commit_callbacks, n).status_code == 302
    path = f"/kontakt-aufnehmen/projekt/{projects[3].slug}/"
    response = _post(client, path, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    page = response.content.decode()
    assert "heute schon viele Nachrichten gesendet" in page and "Frage 0" in page
    assert ContactRequest.objects.count() == 3 and len(mail.outbox) == 3


def test_a_recipient_is_limited_per_day(
    client, settings, project, django_capture_on_commit_callbacks
):
    settings.CONTACT_RECIPIENT_LIMIT_PER_DAY = 2
    path = f"/kontakt-aufnehmen/projekt/{project.slug}/"
    for n in range(2):
        client.force_login(UserFactory())
        assert _post(client, path, django_capture_on_commit_callbacks, n).status_code == 302
    client.force_login(UserFactory())
    response = _post(client, path, django_capture_on_commit_callbacks)
    assert "hat heute schon viele Nachrichten erhalten" in response.content.decode()
    assert ContactRequest.objects.count() == 2


# --- Report link, blocking ---------------------------------------------------------------


def test_the_report_link_in_the_mail_works_without_login(
    client, project, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(display_name="Sepp Spam"))
    _post(client, f"/kontakt-aufnehmen/projekt/{project.slug}/", django_capture_on_commit_callbacks)
    client.logout()
    link = re.search(r"https?://\S+/kontakt-aufnehmen/melden/\S+/", mail.outbox[0].body).group()
    path = link[link.index("/kontakt-aufnehmen/") :]
    page = client.get(path).content.decode()
    assert "Nachricht melden" in page and "Frage 0" in page
    response = client.post(path, {"reason": "Werbung"})
    assert response.status_code == 200 and "Vielen Dank" in response.content.decode()
    report = ContactReport.objects.get()
    assert report.reason == "Werbung" and report.request.subject == "Frage 0"
    assert ActivityLog.objects.filter(action="contact.report").exists()


def test_a_forged_report_link_is_refused(client, project, owner):
    request = ContactRequestFactory(project=project, recipients=[owner])
    token = make_report_token(request, owner.email)
    assert client.get(f"/kontakt-aufnehmen/melden/{token}x/").status_code == 404
    request.delete()  # deleted after the retention period: the link no longer works
    assert client.post(f"/kontakt-aufnehmen/melden/{token}/").status_code == 404
    assert not ContactReport.objects.exists()


def test_staff_see_the_report_and_block_the_sender(client, owner, project, superuser):
    spammer = UserFactory(email="spam@example.org")
    request = ContactRequestFactory(
        sender=spammer, project=project, recipients=[owner], message="Kaufen Sie jetzt!"
    )
    report = services.report_request(request=request, address=owner.email, reason="Spam")
    log_in_with_second_factor(client, superuser)
    page = client.get(f"/admin/contact/contactreport/{report.pk}/change/").content.decode()
    assert "Kaufen Sie jetzt!" in page and "spam@example.org" in page
    response = client.post(
        "/admin/contact/contactreport/",
        {"action": "block_senders", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302
    assert BlockedSender.objects.filter(user=spammer).exists()
    report.refresh_from_db()
    assert report.resolution == "blocked" and report.resolved_at
    assert ActivityLog.objects.filter(action="contact.block_sender", object_id=spammer.pk).exists()
    # A blocked sender cannot send.
    client.force_login(spammer)
    other = ProjectFactory(published=True)
    page = client.get(f"/kontakt-aufnehmen/projekt/{other.slug}/").content.decode()
    assert "keine Nachrichten mehr" in page and "<textarea" not in page
    with pytest.raises(services.ContactRefused):
        services.send_request(sender=spammer, obj=other, subject="S", message="M")
    # Staff unblock through the action, which is recorded too.
    block = BlockedSender.objects.get()
    log_in_with_second_factor(client, superuser)
    client.post(
        "/admin/contact/blockedsender/", {"action": "unblock", "_selected_action": [block.pk]}
    )
    assert not BlockedSender.objects.exists()
    assert ActivityLog.objects.filter(action="contact.unblock_sender").exists()


def test_staff_dismiss_a_report(client, owner, project, superuser):
    request = ContactRequestFactory(project=project, recipients=[owner])
    report = services.report_request(request=request, address=owner.email)
    log_in_with_second_factor(client, superuser)
    client.post(
        "/admin/contact/contactreport/", {"action": "dismiss", "_selected_action": [report.pk]}
    )
    report.refresh_from_db()
    assert report.resolution == "dismissed"
    assert not BlockedSender.objects.exists()


@pytest.fixture
def superuser(db):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = verified(UserFactory(is_staff=True, is_superuser=True))
    TOTP.activate(user, generate_totp_secret())
    return user


# --- Retention ----------------------------------------------------------------------------


def test_messages_are_deleted_after_the_retention_period(owner, project, settings):
    settings.CONTACT_RETENTION_DAYS = 180
    now = timezone.now()
    old = ContactRequestFactory(project=project, recipients=[owner])
    young = ContactRequestFactory(project=project, recipients=[owner])
    reported = ContactRequestFactory(project=project, recipients=[owner])
    decided = ContactRequestFactory(project=project, recipients=[owner])
    ContactRequest.objects.filter(pk__in=[old.pk, reported.pk, decided.pk]).update(
        created_at=now - timedelta(days=181)
    )
    ContactRequest.objects.filter(pk=young.pk).update(created_at=now - timedelta(days=179))
    services.report_request(request=reported, address=owner.email)
    report = services.report_request(request=decided, address=owner.email)
    services.dismiss_report(report=report, actor=None)

    call_command("delete_old_contact_messages")

    # The reported message waits for the decision; the others older than 180 days go.
    assert set(ContactRequest.objects.values_list("pk", flat=True)) == {young.pk, reported.pk}
    assert services.delete_expired_requests() == 0  # idempotent


# --- Export and deletion ----------------------------------------------------------------


def test_the_export_holds_messages_sent_and_received(client, owner, project):
    sender = UserFactory(email="sven@example.org", display_name="Sven")
    ContactRequestFactory(
        sender=sender, project=project, recipients=[owner], subject="Gesendet-7731"
    )
    client.force_login(owner)
    export = client.get("/konto/daten/export.json").json()["contact_requests"]
    (received,) = export["received"]
    assert received["subject"] == "Gesendet-7731" and received["from"] == "Sven"
    assert "from_email" not in received  # not shared
    client.force_login(sender)
    export = client.get("/konto/daten/export.json").json()["contact_requests"]
    assert export["sent"][0]["subject"] == "Gesendet-7731"
    assert export["sent"][0]["to"] == "Repair-Café Pirna"


def test_deleting_an_account_deletes_its_messages(owner, project):
    sender = UserFactory()
    person_user = UserFactory()
    person = PersonFactory(user=person_user, consent=True)
    sent = ContactRequestFactory(sender=sender, project=project, recipients=[owner])
    to_person = ContactRequestFactory(person=person, recipients=[person_user])
    member = UserFactory()
    organisation = OrganisationFactory(members=[person_user, member])
    to_team = ContactRequestFactory(organisation=organisation, recipients=[person_user, member])

    sender.delete()
    assert not ContactRequest.objects.filter(pk=sent.pk).exists()
    person_user.delete()
    # What only they received goes; what their organisation received stays for the others.
    assert not ContactRequest.objects.filter(pk=to_person.pk).exists()
    assert list(ContactRequest.objects.get(pk=to_team.pk).recipients.all()) == [member]
