"""Funding programme and call round: chosen from what staff maintain, shown and counted."""

import pytest

from projects import services
from projects.forms import ProjectForm
from tests.projects.factories import CallRoundFactory, FundingProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def form(**data):
    return ProjectForm(data={"title": "Dorfladen", "stage": "idee", **data})


def test_a_call_round_of_another_programme_is_refused_at_the_field():
    esf, other = FundingProgrammeFactory(name="ESF Plus"), FundingProgrammeFactory()
    round_ = CallRoundFactory(programme=other)
    bound = form(funding_programme=esf.pk, call_round=round_.pk)
    assert not bound.is_valid()
    assert "gehört zu „" in bound.errors["call_round"][0]


def test_a_call_round_alone_names_its_programme():
    round_ = CallRoundFactory()
    bound = form(call_round=round_.pk)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["funding_programme"] == round_.programme


def test_the_project_page_names_programme_and_round(client):
    round_ = CallRoundFactory(name="2. Aufruf 2025", programme__name="ESF Plus")
    project = ProjectFactory(published=True, funding_programme=round_.programme, call_round=round_)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "ESF Plus (2. Aufruf 2025)" in html


def test_a_pending_change_of_the_programme_shows_in_the_moderators_diff(moderator):
    old, new = FundingProgrammeFactory(name="Alt"), FundingProgrammeFactory(name="Neu")
    project = ProjectFactory(published=True, funding_programme=old)
    owner = project.memberships.get().user
    services.update_project(project=project, user=owner, data={"funding_programme": new})
    project.refresh_from_db()
    assert project.funding_programme == old  # the public sees the approved value
    [row] = services.revision_diff(project)
    assert (row["field"], row["before"], row["after"]) == ("funding_programme", "Alt", "Neu")
