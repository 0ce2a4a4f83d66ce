"""Ministry staff log in with their second factor, find the dashboard on the admin index,
choose a period and read the figures: axe finds nothing at desktop and phone width."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.moderation import MODERATION_GROUP, sync_moderation_group
from projects.models import Transition
from taxonomy.models import SupportCategory
from tests.browser.conftest import assert_accessible
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory, unused_totp_code
from tests.network.factories import OrganisationFactory
from tests.projects.factories import CallRoundFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "richtig-gutes-Passwort-1"
USED_CODES: set[str] = set()


@pytest.fixture
def staff(db):
    sync_moderation_group()
    user = UserFactory(email="lagebild@example.org", display_name="Lea Lagebild", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    round_ = CallRoundFactory(name="1. Aufruf", programme__name="ESF Plus")
    need = SupportCategory.objects.order_by("position").first()
    for n, region in enumerate(["dresden", "leipzig", "goerlitz"]):
        project = ProjectFactory(
            published=True,
            region=region,
            title=f"Nachbarschaftsprojekt {n}",
            funding_programme=round_.programme if n else None,
            call_round=round_ if n == 1 else None,
        )
        project.needs.set([need])
        Transition.objects.create(project=project, to_status=Transition.Step.SUBMITTED)
    OrganisationFactory(region="leipzig", offers=[need])
    event = EventFactory(title="Forum Weißwasser", start=timezone.now() - timedelta(days=3))
    RegistrationFactory.create_batch(3, event=event)
    return user, secret


def test_staff_read_the_dashboard_at_desktop_and_phone_width(page, staff):
    user, secret = staff
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/authenticate/**")
    page.get_by_label("Code").fill(unused_totp_code(secret, USED_CODES))
    page.locator("form").filter(has=page.get_by_label("Code")).get_by_role("button").first.click()
    page.wait_for_url("**/admin/")

    page.get_by_role("link", name="Zahlen und Entwicklungen").click()
    page.wait_for_url("**/admin/dashboard/")
    assert page.get_by_role("heading", name="Projekte nach Region").is_visible()
    table = page.get_by_role("table", name="Projekte nach Region")
    assert table.get_by_role("row", name="Leipzig 1").is_visible()
    assert page.get_by_role("img", name="Balkendiagramm: Projekte nach Region").is_visible()
    assert_accessible(page, context="dashboard 1280 px")

    page.get_by_label("Von").fill("2026-05-01")
    page.get_by_label("Bis").fill("2026-04-01")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert "„Bis“ darf nicht vor „Von“ liegen." in page.get_by_role("alert").inner_text()
    assert_accessible(page, context="dashboard with an error")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/dashboard/")
    assert page.get_by_role("table", name="Veranstaltungen: Anmeldungen und Teilnahme").is_visible()
    assert_accessible(page, context="dashboard 390 px")
    names = page.locator("#projects-by-region .insights-exports a").evaluate_all(
        "links => links.map((link) => link.textContent)"
    )
    assert names == ["CSV: Projekte nach Region", "XLSX: Projekte nach Region"]
    with page.expect_download() as download:
        page.locator("#projects-by-region").get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("projects-by-region_")
