"""The free-text funding programme and call round become rows (projects 0012), and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0011_image_credits")]
AFTER = [("projects", "0012_structured_funding")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_free_text_becomes_one_row_per_programme_and_round():
    old = _migrate(BEFORE)
    Project = old.get_model("projects", "Project")

    def project(slug, programme, call_round="", **fields):
        return Project.objects.create(
            slug=slug, title=slug, funding_programme=programme, call_round=call_round, **fields
        )

    first = project("a", "ESF Plus – Modellvorhaben", "2. Aufruf 2025")
    same = project("b", "  esf plus –  Modellvorhaben ", "2. aufruf 2025")  # other spelling
    other = project("c", "Bürgerstiftung")
    none = project("d", "")
    orphan = project("e", "", "Sonderaufruf")  # a round without a programme
    pending = project(
        "f",
        "Bürgerstiftung",
        status="published",
        revision={"title": "f", "funding_programme": "Neues Programm", "call_round": "1. Runde"},
        revision_state="submitted",
    )
    try:
        new = _migrate(AFTER)
        Project = new.get_model("projects", "Project")
        FundingProgramme = new.get_model("projects", "FundingProgramme")
        CallRound = new.get_model("projects", "CallRound")
        assert sorted(FundingProgramme.objects.values_list("name", flat=True)) == [
            "Bürgerstiftung", "ESF Plus – Modellvorhaben", "Förderprogramm nicht angegeben",
            "Neues Programm",
        ]  # fmt: skip
        rows = {
            p.slug: p for p in Project.objects.select_related("funding_programme", "call_round")
        }
        assert rows["a"].funding_programme_id == rows["b"].funding_programme_id
        assert rows["a"].call_round_id == rows["b"].call_round_id
        assert rows["a"].call_round.name == "2. Aufruf 2025"  # the first spelling names it
        assert rows["c"].funding_programme.name == "Bürgerstiftung" and rows["c"].call_round is None
        assert rows["d"].funding_programme is None and rows["d"].call_round is None
        assert rows["e"].funding_programme.name == "Förderprogramm nicht angegeben"
        assert rows["e"].call_round.name == "Sonderaufruf"
        # The pending change names the new rows by key, as every relation in a revision.
        revision = rows["f"].revision
        assert revision["title"] == "f"
        assert (
            FundingProgramme.objects.get(pk=revision["funding_programme"]).name == "Neues Programm"
        )
        round_ = CallRound.objects.get(pk=revision["call_round"])
        assert round_.name == "1. Runde" and round_.programme_id == revision["funding_programme"]
        assert CallRound.objects.count() == 3

        back = _migrate(BEFORE)
        Project = back.get_model("projects", "Project")
        texts = {p.slug: (p.funding_programme, p.call_round) for p in Project.objects.all()}
        assert texts["a"] == texts["b"] == ("ESF Plus – Modellvorhaben", "2. Aufruf 2025")
        assert texts["d"] == ("", "")
        assert Project.objects.get(slug="f").revision["funding_programme"] == "Neues Programm"
    finally:
        for made in (first, same, other, none, orphan, pending):
            connection.cursor().execute("DELETE FROM projects_project WHERE id = %s", [made.pk])
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
