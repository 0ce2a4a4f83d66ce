"""The ministry's dashboard: the figures a member of staff reads, in the table and in the
exports, for a seeded platform whose counts are known."""

import io

import pytest
from openpyxl import load_workbook

from insights.models import NeedsSnapshot
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.insights.conftest import PERIOD, at, column, csv_rows, step, tables
from tests.projects.factories import FundingProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db
URL = "/admin/dashboard/"


def test_projects_per_month_count_submissions_publications_and_best_practice(
    ministry_client, seeded
):
    table = tables(ministry_client.get(URL, PERIOD))["projects-per-month"]
    assert table[0] == ["Monat", "Eingereicht", "Veröffentlicht", "Gute Praxis"]
    assert [row[0] for row in table[1:]] == [
        "Januar 2026", "Februar 2026", "März 2026", "April 2026", "Mai 2026", "Juni 2026",
    ]  # fmt: skip
    assert column(table, "Eingereicht")["Februar 2026"] == "3"
    assert column(table, "Eingereicht")["März 2026"] == "1"  # submitted again
    assert column(table, "Veröffentlicht") == {
        "Januar 2026": "0", "Februar 2026": "2", "März 2026": "0", "April 2026": "1",
        "Mai 2026": "0", "Juni 2026": "0",
    }  # fmt: skip
    assert column(table, "Gute Praxis")["März 2026"] == "1"


def test_breakdowns_count_projects_published_in_the_period(ministry_client, seeded):
    found = tables(ministry_client.get(URL, PERIOD))
    region = column(found["projects-by-region"], "Projekte")
    assert region["Dresden"] == "2"  # not the one published in 2025
    assert region["Leipzig"] == "1"
    assert region["Chemnitz"] == "0"
    assert column(found["projects-by-stage"], "Projekte")["Idee"] == "1"
    programmes = column(found["projects-by-funding-programme"], "Projekte")
    assert programmes == {"=Bürgerstiftung": "1", "ESF Plus": "1", "Kein Förderprogramm": "1"}
    rounds = column(found["projects-by-call-round"], "Projekte")
    assert rounds == {"ESF Plus – 1. Aufruf": "1", "Keine Förderrunde": "2"}
    assert "1" in column(found["projects-by-topic"], "Projekte").values()


def test_needs_and_offers_come_from_the_monthly_snapshots(ministry_client, seeded):
    found = tables(ministry_client.get(URL, PERIOD))
    saxony = found["needs-over-time"]
    assert saxony[0] == ["Monat", "Bedarfe", "Angebote", "Ungedeckte Bedarfe"]
    assert saxony[1:] == [["März 2026", "2", "2", "0"], ["April 2026", "3", "2", "0"]]
    dresden = tables(ministry_client.get(URL, {**PERIOD, "region": "dresden"}))["needs-over-time"]
    assert dresden[1:] == [["März 2026", "1", "1", "1"], ["April 2026", "2", "1", "1"]]
    by_region = found["needs-by-region"]
    assert ["Dresden", "2", "1"] in by_region and ["Leipzig", "1", "1"] in by_region
    unmet = column(found["unmet-needs"], "Ungedeckte Bedarfe")
    assert unmet["Dresden"] == "1" and unmet["Leipzig"] == "0"


def test_events_show_counts_only(ministry_client, seeded):
    response = ministry_client.get(URL, PERIOD)
    table = tables(response)["events"]
    assert table[0] == [
        "Veranstaltung", "Anmeldungen", "Teilgenommen", "Warteliste", "Abgesagt", "Bedarfe zur Barrierefreiheit",
    ]  # fmt: skip
    assert table[1:] == [["Forum Weißwasser (10.03.2026)", "5", "1", "1", "1", "1"]]
    html = response.content.decode()
    assert "Gebärdensprache" not in html and "Gast " not in html and "@example.org" not in html


def test_network_growth_per_month(ministry_client, seeded):
    table = tables(ministry_client.get(URL, PERIOD))["network-growth"]
    assert column(table, "Organisationen")["März 2026"] == "1"
    assert column(table, "Personen")["März 2026"] == "1"
    assert column(table, "Folgen")["April 2026"] == "1"
    assert column(table, "Kontakte")["Mai 2026"] == "1"


def test_csv_and_xlsx_hold_the_figures_of_the_table(ministry_client, seeded):
    page = tables(ministry_client.get(URL, PERIOD))
    for slug in [
        "projects-per-month",
        "projects-by-funding-programme",
        "events",
        "needs-over-time",
    ]:
        rows = csv_rows(ministry_client.get(f"{URL}{slug}.csv", PERIOD))
        expected = [
            [cell if not cell.startswith("=") else "'" + cell for cell in row] for row in page[slug]
        ]
        assert rows == expected, slug
        response = ministry_client.get(f"{URL}{slug}.xlsx", PERIOD)
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "2026-01-01_2026-06-30" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [
            [("" if v is None else str(v)) for v in row]
            for row in sheet.iter_rows(min_row=4, values_only=True)
        ]
        assert cells == expected, slug
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_all_figures_download_as_one_workbook(ministry_client, seeded):
    response = ministry_client.get(f"{URL}alle.xlsx", PERIOD)
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 12
    assert workbook["events"]["A1"].value == "Veranstaltungen: Anmeldungen und Teilnahme"


def test_unknown_figure_or_format_is_not_found(ministry_client, seeded):
    assert ministry_client.get(f"{URL}nichts.csv").status_code == 404
    assert ministry_client.get(f"{URL}alle.csv").status_code == 404


def test_the_period_defaults_to_twelve_months_and_takes_a_first_snapshot(ministry_client):
    assert not NeedsSnapshot.objects.exists()
    response = ministry_client.get(URL)
    assert response.status_code == 200
    assert len(tables(response)["projects-per-month"]) == 13  # heading and 12 months
    assert NeedsSnapshot.objects.exists()  # so the trends have a current point
    html = response.content.decode()
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert 'scope="col"' in html and 'scope="row"' in html and "<caption id=" in html
    assert "style=" not in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"von": "2026-05-01", "bis": "2026-04-01"}, "bis", "„Bis“ darf nicht vor „Von“ liegen."),
        ({"von": "2010-01-01"}, "von", "ab 2020"),
        ({"von": "2021-01-01", "bis": "2031-01-01"}, "bis", "höchstens 120 Monate"),
        ({"von": "morgen"}, "von", "Bitte ein gültiges Datum eingeben."),
        ({"region": "atlantis"}, "region", "keine gültige Auswahl"),
    ],
)
def test_a_wrong_period_is_told_at_the_field_and_shows_no_figures(
    ministry_client, params, field, message
):
    response = ministry_client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and f'href="#id_{field}"' in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "insights-figure" not in html
    export = ministry_client.get(f"{URL}events.csv", params)
    assert export["Content-Type"].startswith("text/html") and message in export.content.decode()


def test_the_admin_index_links_to_the_dashboard(ministry_client, client, moderator):
    assert 'href="/admin/dashboard/"' in ministry_client.get("/admin/").content.decode()


def test_staff_without_the_permission_are_refused(client, db):
    staff = verified(UserFactory(is_staff=True))
    log_in_with_second_factor(client, staff)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}events.csv").status_code == 403
    assert 'href="/admin/dashboard/"' not in client.get("/admin/").content.decode()


def test_anonymous_visitors_and_innovators_never_see_it(client, user):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(user)
    assert client.get(URL, follow=True).status_code == 403
    assert client.get(f"{URL}events.xlsx", follow=True).status_code == 403


def test_moderators_see_it(client, moderator):
    log_in_with_second_factor(client, moderator)
    assert client.get(URL).status_code == 200


def test_the_dashboard_reads_a_fixed_number_of_queries(
    ministry_client, seeded, django_assert_num_queries
):
    ministry_client.get(URL, PERIOD)  # this month's snapshot exists from now on
    with django_assert_num_queries(QUERIES):
        ministry_client.get(URL, PERIOD)
    for n in range(5):
        made = ProjectFactory(published=True, funding_programme=FundingProgrammeFactory())
        step(made, "submitted", "2026-02-11")
        event = EventFactory(start=at(f"2026-05-1{n}", 10), end=at(f"2026-05-1{n}", 16))
        RegistrationFactory.create_batch(3, event=event)
    with django_assert_num_queries(QUERIES):
        ministry_client.get(URL, PERIOD)


QUERIES = 21  # session, user, permissions and 16 for the figures, however many rows
