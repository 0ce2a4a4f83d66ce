"""Follow a project and a series → choose the weekly digest → the digest lists what changed
and what matches, never what is unpublished → unsubscribe with one click (RFC 8058) and
through the confirmation page. axe on every page and state, at 390 and 1280 px; and the
same follow and unfollow without JavaScript."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from following import digest, services
from projects import services as project_services
from taxonomy.models import Region, SupportCategory
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.events.factories import EventFactory, SeriesFactory
from tests.factories import UserFactory, in_moderation, verified
from tests.network.factories import PersonFactory
from tests.projects.factories import ProjectFactory

PASSWORD = "richtig-gutes-Passwort-1"
EMAIL = "fritzi@example.org"


@pytest.fixture
def portal(db, monkeypatch):
    monkeypatch.setattr(digest, "DIGEST_FROM_HOUR", 0)  # Monday mornings aside
    follower = verified(UserFactory(email=EMAIL, display_name="Fritzi Folger"))
    moderator = in_moderation(verified(UserFactory(is_staff=True)))
    rooms = SupportCategory.objects.get(slug="raeume")
    PersonFactory(user=follower, offers=[rooms], consent=True)
    project = ProjectFactory(title="Nachbarschaftsgarten Pieschen")
    series = SeriesFactory(title="Sozial. Innovativ. Sächsisch.")
    needing = ProjectFactory(title="Jugendtreff sucht Räume", published=True)
    needing.needs.set([rooms])
    draft = ProjectFactory(title="Entwurf sucht Räume")
    draft.needs.set([rooms])
    return {"project": project, "series": series, "moderator": moderator}


def _log_in(page):
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()


def _publish(project, moderator):
    project_services.submit_project(project=project, user=project.memberships.get().user)
    project_services.publish_project(project=project, moderator=moderator)


def _focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("width", [390, 1280])
def test_follow_digest_and_unsubscribe(page, browser, live_server, portal, width):
    page.set_viewport_size({"width": width, "height": 900})
    project, series = portal["project"], portal["series"]
    _publish(project, portal["moderator"])

    # A visitor is asked to log in, and comes back to the project.
    page.goto(project.get_absolute_url())
    assert_accessible(page, context="project, visitor")
    page.get_by_role("link", name="Anmelden, um diesem Projekt zu folgen").click()
    page.wait_for_url("**/konto/login/?next=**")
    _log_in(page)
    page.wait_for_url(f"**{project.get_absolute_url()}")
    assert_accessible(page, context="project, signed in")

    # Follow (htmx): the button changes, keeps focus and the news is announced.
    button = page.locator(f"#follow-project-{project.pk}-button")
    button.focus()
    button.click()
    status = page.locator(f"#follow-project-{project.pk}-status")
    status.get_by_text("Sie folgen jetzt „Nachbarschaftsgarten Pieschen“.").wait_for()
    assert status.get_attribute("role") == "status"
    assert button.inner_text().strip() == "Nicht mehr folgen"
    assert _focused_id(page) == f"follow-project-{project.pk}-button"
    assert_accessible(page, context="project, following")

    page.goto(series.get_absolute_url())
    page.get_by_role("button", name="Folgen").click()
    page.get_by_text("Sie folgen jetzt „Sozial. Innovativ. Sächsisch.“.").wait_for()
    assert_accessible(page, context="series, following")

    # The digest is off until chosen: the account navigation leads there.
    page.goto("/konto/")
    page.get_by_role("link", name="Benachrichtigungen").click()
    page.wait_for_url("**/konto/benachrichtigungen/")
    assert_accessible(page, context="notifications")
    assert page.get_by_role("link", name="Nachbarschaftsgarten Pieschen").is_visible()
    assert not page.get_by_label("Wöchentlichen Überblick per E-Mail senden").is_checked()
    page.get_by_label("Wöchentlichen Überblick per E-Mail senden").check()
    page.get_by_label("Neue Veranstaltungen in dieser Region").select_option(Region.LEIPZIG)
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Gespeichert: Sie erhalten den Wochenüberblick.").wait_for()
    assert_accessible(page, context="notifications, saved")

    # This week: a new event in the series and one in Leipzig, a draft in each.
    EventFactory(title="Dialogforum Weißwasser", series=series)
    EventFactory(title="Entwurf in der Reihe", series=series, draft=True)
    EventFactory(title="Werkstatt in Leipzig", region=Region.LEIPZIG)
    mail.outbox.clear()
    call_command("send_digests")
    (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
    for text in ["Nachbarschaftsgarten Pieschen", "jetzt veröffentlicht", "Dialogforum Weißwasser",
                 "Werkstatt in Leipzig", "Jugendtreff sucht Räume"]:  # fmt: skip
        assert text in message.body, text
    for text in ["Entwurf in der Reihe", "Entwurf sucht Räume"]:
        assert text not in message.body and text not in message.alternatives[0][0]
    call_command("send_digests")
    assert len([m for m in mail.outbox if m.to == [EMAIL]]) == 1  # once a week

    # One click in the mail client (RFC 8058): a POST without session or form token.
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = urlparse(url).path
    mail_client = browser.new_context(base_url=live_server.url)
    response = mail_client.request.post(path, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    mail_client.close()
    follower = User.objects.get(email=EMAIL)
    assert not services.digest_setting(follower).weekly
    assert services.is_following(follower, project)

    # Switched on again, then off through the page the link opens.
    services.save_digest_setting(user=follower, weekly=True, region=Region.LEIPZIG)
    page.goto(path)
    assert_accessible(page, context="unsubscribe")
    page.get_by_role("button", name="Abbestellen").click()
    page.get_by_role("heading", name="Abbestellt").wait_for()
    assert_accessible(page, context="unsubscribed")
    assert not services.digest_setting(follower).weekly

    # Unfollow (htmx) on the project page: focus stays, the news is announced.
    page.goto(project.get_absolute_url())
    button = page.locator(f"#follow-project-{project.pk}-button")
    button.click()
    status.get_by_text("Sie folgen „Nachbarschaftsgarten Pieschen“ nicht mehr.").wait_for()
    assert _focused_id(page) == f"follow-project-{project.pk}-button"
    assert button.inner_text().strip() == "Folgen"
    assert_accessible(page, context="project, unfollowed")


def test_follow_and_unfollow_without_javascript(page_without_js, portal):
    page = page_without_js
    project = portal["project"]
    _publish(project, portal["moderator"])
    page.goto(f"/konto/login/?next={project.get_absolute_url()}")
    _log_in(page)
    page.wait_for_url(f"**{project.get_absolute_url()}")

    page.get_by_role("button", name="Folgen").click()
    page.wait_for_url(f"**{project.get_absolute_url()}")
    page.get_by_text("Sie folgen jetzt „Nachbarschaftsgarten Pieschen“.").wait_for()
    assert page.get_by_role("button", name="Nicht mehr folgen").is_visible()
    assert_accessible_without_js(page, context="project, following, no JS")

    page.get_by_role("link", name="Wochenüberblick und was Sie verfolgen").click()
    page.wait_for_url("**/konto/benachrichtigungen/")
    assert_accessible_without_js(page, context="notifications, no JS")
    unfollow = re.compile(r"^Nicht mehr folgen\s*: Nachbarschaftsgarten Pieschen$")
    page.get_by_role("button", name=unfollow).click()
    page.get_by_text("Sie folgen dem nicht mehr.").wait_for()
    assert page.get_by_text("Sie folgen noch nichts.").is_visible()
    assert_accessible_without_js(page, context="notifications, nothing followed, no JS")
