"""Funding programme and call round become rows staff maintain (issue 15).

Today's free text is turned into ``FundingProgramme``/``CallRound`` rows, one per distinct
text (compared without case and extra spaces; the first project's spelling names the
row), in the projects and in their pending changes (``revision``). A call round given
without a programme goes to the programme "Förderprogramm nicht angegeben", which staff can
rename. Backwards, the names are written back as text.
"""

import django.db.models.deletion
from django.db import migrations, models

from zukunftsplattform.pagecache import change_trigger

UNNAMED_PROGRAMME = "Förderprogramm nicht angegeben"


def tidy(text) -> str:
    return " ".join(str(text or "").split())


class Rows:
    """get-or-create by normalised name, remembering what it made."""

    def __init__(self, apps):
        self.programme_model = apps.get_model("projects", "FundingProgramme")
        self.round_model = apps.get_model("projects", "CallRound")
        self.programmes = {p.name.casefold(): p for p in self.programme_model.objects.all()}
        self.rounds = {
            (r.programme_id, r.name.casefold()): r for r in self.round_model.objects.all()
        }

    def programme(self, text):
        name = tidy(text)
        if not name:
            return None
        if name.casefold() not in self.programmes:
            self.programmes[name.casefold()] = self.programme_model.objects.create(name=name)
        return self.programmes[name.casefold()]

    def call_round(self, programme, text):
        name = tidy(text)
        if not name:
            return None
        programme = programme or self.programme(UNNAMED_PROGRAMME)
        key = (programme.pk, name.casefold())
        if key not in self.rounds:
            self.rounds[key] = self.round_model.objects.create(programme=programme, name=name)
        return self.rounds[key]


def to_rows(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    rows = Rows(apps)
    for project in Project.objects.order_by("pk"):
        programme = rows.programme(project.funding_programme)
        call_round = rows.call_round(programme, project.call_round)
        project.funding_programme_ref = programme or (call_round.programme if call_round else None)
        project.call_round_ref = call_round
        revision = dict(project.revision or {})
        if "funding_programme" in revision or "call_round" in revision:
            # A pending change holds the texts too; it becomes primary keys like any relation.
            proposed = rows.programme(revision.get("funding_programme", project.funding_programme))
            proposed_round = rows.call_round(proposed, revision.get("call_round", project.call_round))
            if proposed is None and proposed_round is not None:
                proposed = proposed_round.programme
            if "funding_programme" in revision:
                revision["funding_programme"] = proposed.pk if proposed else None
            if "call_round" in revision:
                revision["call_round"] = proposed_round.pk if proposed_round else None
            project.revision = revision
        project.save(update_fields=["funding_programme_ref", "call_round_ref", "revision"])
    # The columns are dropped next, in the same transaction: PostgreSQL refuses to alter a
    # table with foreign-key checks still pending, so run them now.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def to_text(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    CallRound = apps.get_model("projects", "CallRound")
    programmes = dict(FundingProgramme.objects.values_list("pk", "name"))
    rounds = dict(CallRound.objects.values_list("pk", "name"))
    for project in Project.objects.order_by("pk"):
        project.funding_programme = programmes.get(project.funding_programme_ref_id, "")
        project.call_round = rounds.get(project.call_round_ref_id, "")
        revision = dict(project.revision or {})
        if "funding_programme" in revision:
            revision["funding_programme"] = programmes.get(revision["funding_programme"], "")
        if "call_round" in revision:
            revision["call_round"] = rounds.get(revision["call_round"], "")
        project.revision = revision
        project.save(update_fields=["funding_programme", "call_round", "revision"])
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0004_change_triggers'),
        ('projects', '0011_image_credits'),
    ]

    operations = [
        migrations.CreateModel(
            name='FundingProgramme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
            ],
            options={
                'verbose_name': 'funding programme',
                'verbose_name_plural': 'funding programmes',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='CallRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='call_rounds', to='projects.fundingprogramme', verbose_name='funding programme')),
            ],
            options={
                'verbose_name': 'call round',
                'verbose_name_plural': 'call rounds',
                'ordering': ['programme__name', 'name'],
                'constraints': [models.UniqueConstraint(fields=('programme', 'name'), name='one_call_round_name')],
            },
        ),
        migrations.AddField(
            model_name='project',
            name='funding_programme_ref',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='projects.fundingprogramme', verbose_name='funding programme'),
        ),
        migrations.AddField(
            model_name='project',
            name='call_round_ref',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='projects.callround', verbose_name='call round'),
        ),
        migrations.RunPython(to_rows, to_text),
        migrations.RemoveField(model_name='project', name='funding_programme'),
        migrations.RemoveField(model_name='project', name='call_round'),
        migrations.RenameField(model_name='project', old_name='funding_programme_ref', new_name='funding_programme'),
        migrations.RenameField(model_name='project', old_name='call_round_ref', new_name='call_round'),
        # Programmes and rounds are named on public project pages.
        change_trigger('projects_fundingprogramme'),
        change_trigger('projects_callround'),
    ]
