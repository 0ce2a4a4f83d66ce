"""A guest registers → confirms by the link → cancels → the first on the waitlist moves up.

axe-core checks every page and state on the way: open, confirmation, full, waitlist,
closed, cancelled; with and without JavaScript.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from tests.browser.conftest import assert_accessible, assert_accessible_without_js
from tests.events.factories import AgendaItemFactory, EventFactory, UserFactory
from tests.network.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def link_in_last_mail(to: str, pattern: str) -> str:
    message = [m for m in mail.outbox if m.to == [to]][-1]
    return re.search(rf"https?://[^/\s]+({pattern})", message.body).group(1)


@pytest.mark.parametrize("with_js", [True, False], ids=["js", "no-js"])
def test_guest_registers_confirms_cancels_and_the_waitlist_moves_up(request, with_js):
    page = request.getfixturevalue("page" if with_js else "page_without_js")
    check = assert_accessible if with_js else assert_accessible_without_js
    event = EventFactory(
        title="Dialogforum Zwickau",
        capacity=1,
        step_free_access=True,
        description="Ein Abend über **Nachbarschaft**.",
    )
    AgendaItemFactory(event=event, title="Impuls", speakers=[PersonFactory(consent=True)])

    # Open: the guest fills in the form.
    page.goto(event.get_absolute_url())
    check(page, context="event open")
    page.get_by_label("Name").fill("Gabi Gast")
    page.get_by_label("E-Mail-Adresse").fill("gabi@example.org")
    page.get_by_label("Bedarfe zur Barrierefreiheit").fill("Induktionsschleife")
    page.get_by_label("Nein, bitte fotografieren Sie mich nicht.").check()
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    assert "Fast geschafft" in page.content()
    check(page, context="after registering, check your email")
    assert Registration.objects.get().status == Registration.Status.PENDING

    # Confirm through the link in the mail.
    page.goto(
        link_in_last_mail("gabi@example.org", r"/veranstaltungen/anmeldung/[^/\s]+/bestaetigen/")
    )
    check(page, context="confirm page")
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    page.wait_for_url(re.compile(r".*/veranstaltungen/anmeldung/[^/]+/$"))
    assert "Ihre Anmeldung ist bestätigt" in page.content()
    check(page, context="confirmation")
    guest = Registration.objects.get(email="gabi@example.org")
    assert guest.status == Registration.Status.CONFIRMED

    # Full: somebody else joins the waitlist.
    page.goto(event.get_absolute_url())
    assert "ausgebucht" in page.content()
    check(page, context="event full")
    waiting = services.register_user(event=event, user=UserFactory(email="wartet@example.org"))
    page.goto(waiting.get_absolute_url())
    assert "Position 1" in page.content()
    check(page, context="waitlist")

    # The guest cancels through the link in the mail; the waiting person moves up.
    page.goto(link_in_last_mail("gabi@example.org", r"/veranstaltungen/anmeldung/[^/\s]+/"))
    page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    page.wait_for_url(re.compile(r".*/veranstaltungen/anmeldung/[^/]+/$"))
    assert "Ihre Anmeldung ist storniert" in page.content()
    check(page, context="cancelled registration")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["wartet@example.org"]][-1]
    assert "Ein Platz ist für Sie frei geworden" in promoted.subject


@pytest.mark.parametrize("with_js", [True, False], ids=["js", "no-js"])
def test_event_pages_in_every_state_are_accessible(request, with_js):
    page = request.getfixturevalue("page" if with_js else "page_without_js")
    check = assert_accessible if with_js else assert_accessible_without_js
    closed = EventFactory(
        title="Geschlossen", registration_closes_at=timezone.now() - timedelta(hours=1)
    )
    cancelled = EventFactory(title="Abgesagt", cancelled=True)
    past = EventFactory(title="Vorbei", past=True, documentation_summary="Viel gelernt.")
    services.save_event(event=past)
    for path, context in [
        ("/veranstaltungen/", "list upcoming"),
        ("/veranstaltungen/?zeit=vergangene", "list past"),
        ("/veranstaltungen/?q=nichts-passt", "list no results"),
        (closed.get_absolute_url(), "closed"),
        (cancelled.get_absolute_url(), "cancelled"),
        (past.get_absolute_url(), "past with documentation"),
        ("/en/veranstaltungen/", "list in English"),
        ("/suche/", "search form"),
        ("/suche/?q=Abgesagt", "search results"),
        ("/suche/?q=nichts-passt", "search without results"),
        ("/", "home with upcoming events"),
    ]:
        page.goto(path)
        check(page, context=context)
    assert "Diese Veranstaltung ist abgesagt." in page.goto(cancelled.get_absolute_url()).text()


def test_signed_in_user_registers_in_one_step_and_sees_it_in_the_account(page, live_server):
    from allauth.account.models import EmailAddress

    user = UserFactory(display_name="Nora Nutzerin", email="nora@example.org")
    user.set_password("Ein-gutes-Passwort-2026")
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    event = EventFactory(title="Forum Meißen")
    page.goto(f"/konto/login/?next={event.get_absolute_url()}")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort", exact=True).fill("Ein-gutes-Passwort-2026")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    assert "Nora Nutzerin" in page.content()
    page.get_by_label(
        "Ja, ich bin einverstanden, auf Fotos der Veranstaltung zu erscheinen."
    ).check()
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    assert "Sie sind angemeldet" in page.content()
    assert_accessible(page, context="registered user")
    page.goto("/konto/")
    assert "Forum Meißen" in page.locator("main").inner_text()  # the account home lists it
    page.get_by_role("navigation", name="Mein Konto").get_by_role(
        "link", name="Meine Anmeldungen"
    ).click()
    page.wait_for_url("**/veranstaltungen/meine-anmeldungen/")
    assert "Forum Meißen" in page.content()
    assert_accessible(page, context="my registrations")
