"""The monthly snapshots of needs and offers: one set per month, whatever runs it."""

import pytest
from django.core.management import call_command

from insights.models import NeedsSnapshot
from insights.snapshots import take_snapshot
from network.statistics import needs_and_offers_table
from taxonomy.models import Region, SupportCategory
from tests.insights.conftest import at
from tests.network.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_snapshot_holds_the_overview_counts_per_region_and_category():
    need = SupportCategory.objects.order_by("position").first()
    ProjectFactory(published=True, region="dresden").needs.set([need])
    ProjectFactory(region="dresden").needs.set([need])  # a draft counts nowhere
    OrganisationFactory(region="leipzig", offers=[need])
    rows = take_snapshot(now=at("2026-03-15"))
    assert rows == (len(Region.values) + 1) * SupportCategory.objects.count()
    saxony = NeedsSnapshot.objects.get(month="2026-03-01", region="", category=need)
    assert (saxony.needed_by, saxony.organisations, saxony.people) == (1, 1, 0)
    assert not saxony.unmet
    dresden = NeedsSnapshot.objects.get(month="2026-03-01", region="dresden", category=need)
    assert dresden.needed_by == 1 and dresden.offered_by == 0 and dresden.unmet
    overview = next(r for r in needs_and_offers_table("dresden")["rows"] if r["category"] == need)
    assert overview["unmet"] is dresden.unmet  # the same rule as the public overview


def test_running_twice_in_a_month_keeps_one_set_with_the_last_count():
    need = SupportCategory.objects.order_by("position").first()
    take_snapshot(now=at("2026-03-01"))
    ProjectFactory(published=True, region="dresden").needs.set([need])
    take_snapshot(now=at("2026-03-31"))
    assert NeedsSnapshot.objects.filter(category=need, region="dresden").count() == 1
    assert NeedsSnapshot.objects.get(category=need, region="dresden").needed_by == 1
    take_snapshot(now=at("2026-04-01"))
    assert NeedsSnapshot.objects.filter(category=need, region="dresden").count() == 2


def test_the_command_takes_this_months_snapshot(capsys):
    call_command("snapshot_needs")
    call_command("snapshot_needs")
    assert NeedsSnapshot.objects.values("month").distinct().count() == 1
    assert "rows in this month's snapshot" in capsys.readouterr().out
