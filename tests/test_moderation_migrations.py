"""The migrations to one moderation of changes keep the changes that wait."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

NETWORK_BEFORE = [("network", "0007_consent_text_stray_backslash")]
NETWORK_AFTER = [("network", "0008_moderated_changes")]
PROJECTS_BEFORE = [("projects", "0008_transition_withdrawn")]
PROJECTS_AFTER = [("projects", "0009_moderated_changes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_waiting_proposals_and_pending_project_changes_survive_the_migration():
    old = _migrate([*NETWORK_BEFORE, *PROJECTS_BEFORE])
    Organisation = old.get_model("network", "Organisation")
    waiting = Organisation.objects.create(
        name="Wartet", slug="wartet", kind="verein", revision={"name": "Neu"}
    )
    calm = Organisation.objects.create(name="Ruhig", slug="ruhig", kind="verein")
    Project = old.get_model("projects", "Project")
    submitted = Project.objects.create(
        slug="eingereicht",
        title="Eingereicht",
        status="published",
        revision={"title": "Neu"},
        revision_state="submitted",
        submitted_at="2026-11-30T10:00:00+00:00",
    )
    drafted = Project.objects.create(
        slug="entwurf",
        title="Entwurf",
        status="published",
        revision={"title": "Halb"},
        revision_state="draft",
    )
    try:
        new = _migrate([*NETWORK_AFTER, *PROJECTS_AFTER])
        Organisation = new.get_model("network", "Organisation")
        assert Organisation.objects.get(pk=waiting.pk).revision_state == "submitted"
        assert Organisation.objects.get(pk=waiting.pk).revision == {"name": "Neu"}
        assert Organisation.objects.get(pk=calm.pk).revision_state == ""
        Project = new.get_model("projects", "Project")
        after = Project.objects.get(pk=submitted.pk)
        assert after.revision == {"title": "Neu"} and after.revision_state == "submitted"
        assert after.revision_submitted_at == after.submitted_at
        after = Project.objects.get(pk=drafted.pk)
        assert after.revision == {"title": "Halb"} and after.revision_state == "draft"
        assert after.revision_submitted_at is None
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
