"""The dashboard's figures: what each counts, as a table (rows × columns) a chart draws.

Every figure is built from the apps' ``public.py`` (counts only, never a person) and from
the monthly snapshots, for one ``Period``. The page, the CSV and the XLSX all show the
same ``Figure``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from contact.public import contact_requests_per_month
from events.public import registration_counts
from following.public import follows_per_month
from insights.snapshots import snapshots_between
from network.public import network_counts_per_month
from projects.public import project_breakdowns, project_counts_per_month
from taxonomy.public import Region
from zukunftsplattform.months import months_between

BAR, GROUPED, LINE = "bar", "grouped", "line"


@dataclass
class Period:
    start: date
    end: date
    region: str = ""  # for the needs and offers over time; blank: all of Saxony
    # What several figures read (the breakdowns, the snapshots) is read once per period.
    _read: dict = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: str, read: Callable):
        if key not in self._read:
            self._read[key] = read()
        return self._read[key]

    @property
    def months(self) -> list[date]:
        return months_between(self.start, self.end)


@dataclass
class Figure:
    slug: str
    title: str
    description: str
    kind: str  # BAR (one column), GROUPED (several columns per row), LINE (rows are months)
    row_heading: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    empty: str = ""  # said instead of the chart when there is nothing to count

    @property
    def is_empty(self) -> bool:
        return not self.rows


def month_label(month: date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _monthly(period: Period, series: list[dict]) -> list[tuple[str, list[int]]]:
    return [(month_label(m), [counts.get(m, 0) for counts in series]) for m in period.months]


def projects_per_month(period: Period) -> Figure:
    counts = project_counts_per_month(start=period.start, end=period.end)
    return Figure(
        "projects-per-month",
        str(_("Projects per month")),
        str(
            _(
                "Projects submitted for review (first or again), first published, and marked "
                "as best practice in each month."
            )
        ),
        LINE,
        str(_("Month")),
        [str(_("Submitted")), str(_("Published")), str(_("Best practice"))],
        _monthly(period, [counts["submitted"], counts["published"], counts["best_practice"]]),
    )


BREAKDOWNS = {
    "region": (_("Projects by region"), _("Region")),
    "stage": (_("Projects by stage"), _("Stage")),
    "topic": (_("Projects by topic"), _("Topic")),
    "target_group": (_("Projects by target group"), _("Target group")),
    "funding_programme": (_("Projects by funding programme"), _("Funding programme")),
    "call_round": (_("Projects by call round"), _("Call round")),
}


def _breakdown(dimension: str) -> Callable[[Period], Figure]:
    title, heading = BREAKDOWNS[dimension]

    def build(period: Period) -> Figure:
        counts = period.once(
            "breakdowns", lambda: project_breakdowns(start=period.start, end=period.end)
        )[dimension]
        return Figure(
            "projects-by-" + dimension.replace("_", "-"),
            str(title),
            str(
                _(
                    "Published projects first published in the period. A project with "
                    "several topics or target groups counts under each."
                )
            ),
            BAR,
            str(heading),
            [str(_("Projects"))],
            [(label, [n]) for label, n in counts],
        )

    return build


def _snapshot_totals(period: Period):
    """{(month, region): [needs, offers, unmet categories]} from the snapshots."""
    return period.once("snapshots", lambda: _read_snapshots(period))


def _read_snapshots(period: Period):
    totals: dict[tuple[date, str], list[int]] = {}
    for snapshot in snapshots_between(period.start, period.end):
        row = totals.setdefault((snapshot.month, snapshot.region), [0, 0, 0])
        row[0] += snapshot.needed_by
        row[1] += snapshot.offered_by
        row[2] += int(snapshot.unmet)
    return totals


NEEDS_COLUMNS = (_("Needs"), _("Offers"), _("Unmet needs"))
NEEDS_NOTE = _(
    "Needs: how often published projects name a support category; offers: how often "
    "visible organisations and public people offer one; unmet: categories needed there "
    "that nobody there offers. From the monthly snapshots (the last count of each month)."
)


def needs_over_time(period: Period) -> Figure:
    totals = _snapshot_totals(period)
    where = Region(period.region).label if period.region else str(_("all of Saxony"))
    return Figure(
        "needs-over-time",
        str(_("Needs and offers over time, %(where)s") % {"where": where}),
        str(NEEDS_NOTE),
        LINE,
        str(_("Month")),
        [str(c) for c in NEEDS_COLUMNS],
        [
            (month_label(m), totals[(m, period.region)])
            for m in period.months
            if (m, period.region) in totals
        ],
        empty=str(_("No snapshot was taken in this period.")),
    )


def _latest(period: Period):
    totals = _snapshot_totals(period)
    latest = max((month for month, _region in totals), default=None)
    return latest, {region: values for (month, region), values in totals.items() if month == latest}


def needs_by_region(period: Period) -> Figure:
    latest, by_region = _latest(period)
    title = _("Needs and offers by region")
    return Figure(
        "needs-by-region",
        str(title) + (f", {month_label(latest)}" if latest else ""),
        str(NEEDS_NOTE) + " " + str(_("The last snapshot of the period.")),
        GROUPED,
        str(_("Region")),
        [str(NEEDS_COLUMNS[0]), str(NEEDS_COLUMNS[1])],
        [
            (str(label), by_region[value][:2])
            for value, label in Region.choices
            if value in by_region
        ],
        empty=str(_("No snapshot was taken in this period.")),
    )


def unmet_needs(period: Period) -> Figure:
    latest, by_region = _latest(period)
    return Figure(
        "unmet-needs",
        str(_("Unmet needs by region")) + (f", {month_label(latest)}" if latest else ""),
        str(
            _(
                "Support categories that published projects in the region need and that no "
                "visible organisation and no public person there offers (last snapshot of "
                "the period)."
            )
        ),
        BAR,
        str(_("Region")),
        [str(NEEDS_COLUMNS[2])],
        [
            (str(label), [by_region[value][2]])
            for value, label in Region.choices
            if value in by_region
        ],
        empty=str(_("No snapshot was taken in this period.")),
    )


def events(period: Period) -> Figure:
    columns = ["signed_up", "attended", "waitlist", "cancelled", "accessibility"]
    return Figure(
        "events",
        str(_("Events: registrations and attendance")),
        str(
            _(
                "Per event starting in the period (counts only): registrations with a "
                "confirmed address, attended, ever on the waitlist (demand beyond the seats), "
                "cancelled, and accessibility needs stated. Stated needs are deleted with a "
                "registration's personal data some time after the event."
            )
        ),
        GROUPED,
        str(_("Event")),
        [
            str(_("Registrations")),
            str(_("Attended")),
            str(_("Waitlist")),
            str(_("Cancelled")),
            str(_("Accessibility needs")),
        ],
        [
            (
                f"{row['title']} ({formats.date_format(row['start'], 'SHORT_DATE_FORMAT')})",
                [row[c] for c in columns],
            )
            for row in registration_counts(start=period.start, end=period.end)
        ],
        empty=str(_("No event in this period.")),
    )


def network_growth(period: Period) -> Figure:
    network = network_counts_per_month(start=period.start, end=period.end)
    return Figure(
        "network-growth",
        str(_("Network growth")),
        str(
            _(
                "Added in each month: visible organisations, public people profiles, follows "
                "(still followed) and messages sent through the platform (kept for a limited "
                "time, so older months show fewer)."
            )
        ),
        LINE,
        str(_("Month")),
        [str(_("Organisations")), str(_("People")), str(_("Follows")), str(_("Contacts"))],
        _monthly(
            period,
            [
                network["organisations"],
                network["people"],
                follows_per_month(start=period.start, end=period.end),
                contact_requests_per_month(start=period.start, end=period.end),
            ],
        ),
    )


#: Every figure in the order of the page, by its address (the exports' name).
FIGURES: dict[str, Callable[[Period], Figure]] = {
    "projects-per-month": projects_per_month,
    **{"projects-by-" + d.replace("_", "-"): _breakdown(d) for d in BREAKDOWNS},
    "needs-over-time": needs_over_time,
    "needs-by-region": needs_by_region,
    "unmet-needs": unmet_needs,
    "events": events,
    "network-growth": network_growth,
}


def all_figures(period: Period) -> list[Figure]:
    return [build(period) for build in FIGURES.values()]
