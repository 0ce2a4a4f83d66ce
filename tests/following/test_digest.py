"""The weekly digest: what it lists, what it never lists, once a week, and how one leaves it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from following import digest, services
from following.models import DigestDelivery
from tests.factories import UserFactory, verified

BERLIN = ZoneInfo("Europe/Berlin")


def _send(django_capture_on_commit_callbacks, now=None):
    with django_capture_on_commit_callbacks(execute=True):
        return digest.send_digests(now=now)


def _digest_of(address):
    mails = [m for m in mail.outbox if m.to == [address] and "Wochenüberblick" in m.subject]
    assert len(mails) == 1, [m.subject for m in mail.outbox if m.to == [address]]
    return mails[0]


def test_digest_lists_what_changed_and_what_matches(
    week, follower, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")

    message = _digest_of(follower.email)
    body, html = message.body, message.alternatives[0][0]
    assert message.subject == "[Zukunftsplattform] Ihr Wochenüberblick"
    for text in [body, html]:
        assert "Nachbarschaftsgarten Pieschen" in text  # followed project, just published
        assert "Bürgerstiftung Dresden" in text  # followed organisation, profile changed
        assert "Dialogforum Weißwasser" in text  # new event in the followed series
        assert "Werkstatt in Leipzig" in text  # new event in the chosen region
        assert "Jugendtreff sucht Räume" in text  # needs what the follower offers
        assert "Mentoring für Gründende" in text  # offers what the follower needs
        assert "Projekte, die brauchen, was Sie anbieten" in text
    assert "https://testserver" + week.followed.get_absolute_url() in body
    assert f'href="https://testserver{week.region_event.get_absolute_url()}"' in html


def test_digest_never_lists_what_is_not_public(week, follower, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    _send(django_capture_on_commit_callbacks, now=week.now)

    message = _digest_of(follower.email)
    for text in [message.body, message.alternatives[0][0]]:
        for hidden in [
            "Archiviertes Projekt",  # followed, then archived
            "Versteckter Verein",  # followed, then hidden by the moderation
            "Geheim",
            "Entwurf in der Reihe",  # a draft event of the followed series
            "Leipziger Entwurf",  # a draft event in the region
            "Entwurf sucht Räume",  # a draft project that needs what the follower offers
            "Eigenes Projekt",  # the follower's own project
            "Chemnitzer Abend",  # another region
        ]:
            assert hidden not in text


def test_digest_goes_out_once_a_week(week, follower, django_capture_on_commit_callbacks):
    assert _send(django_capture_on_commit_callbacks, now=week.now) == 1
    assert _send(django_capture_on_commit_callbacks, now=week.now) == 0

    delivery = DigestDelivery.objects.get(user=follower)
    assert delivery.mailed and delivery.week == digest.week_of(week.now)
    assert delivery.items["projects"] == 1 and delivery.items["region_events"] == 1


def test_digest_is_off_until_chosen(week, follower, other_user, django_capture_on_commit_callbacks):
    services.follow(user=other_user, target=week.followed)
    mail.outbox.clear()
    _send(django_capture_on_commit_callbacks, now=week.now)

    assert not [m for m in mail.outbox if m.to == [other_user.email]]


def test_nothing_new_sends_nothing_but_the_week_is_done(db, django_capture_on_commit_callbacks):
    quiet = verified(UserFactory())
    services.save_digest_setting(user=quiet, weekly=True, region="")

    assert _send(django_capture_on_commit_callbacks) == 0
    assert not mail.outbox
    assert DigestDelivery.objects.get(user=quiet).mailed is False


def test_digest_waits_for_monday_morning(db, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(digest, "DIGEST_FROM_HOUR", 7)
    reader = verified(UserFactory())
    services.save_digest_setting(user=reader, weekly=True, region="")

    _send(django_capture_on_commit_callbacks, now=datetime(2026, 11, 30, 6, 30, tzinfo=BERLIN))
    assert not DigestDelivery.objects.exists()
    _send(django_capture_on_commit_callbacks, now=datetime(2026, 11, 30, 7, 0, tzinfo=BERLIN))
    assert DigestDelivery.objects.get().week.isoformat() == "2026-11-30"


def test_digest_carries_one_click_unsubscribe(
    week, follower, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _send(django_capture_on_commit_callbacks, now=week.now)
    message = _digest_of(follower.email)

    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.startswith("<https://") and header.endswith(">")
    url = header[1:-1]
    assert url in message.body
    # RFC 8058: a POST with this body, no session, no form token.
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not services.digest_setting(follower).weekly
    assert services.is_following(follower, week.followed)  # what one follows stays


def test_unsubscribe_page_asks_first(week, follower, client):
    url = f"/benachrichtigungen/abbestellen/{services.unsubscribe_token(follower)}/"

    page = client.get(url)
    assert page.status_code == 200 and "fritzi@example.org" in page.text
    assert 'method="post"' in page.text and "csrfmiddlewaretoken" not in page.text
    assert services.digest_setting(follower).weekly  # a GET (a mail scanner) changes nothing

    done = client.post(url)
    assert done.status_code == 200 and "keine Wochenüberblicke mehr" in done.text
    assert not services.digest_setting(follower).weekly


@pytest.mark.parametrize("token", ["gefaelscht", "1:abc"])
def test_forged_unsubscribe_link_is_not_found(db, client, token):
    assert client.get(f"/benachrichtigungen/abbestellen/{token}/").status_code == 404
    assert client.post(f"/benachrichtigungen/abbestellen/{token}/").status_code == 404
