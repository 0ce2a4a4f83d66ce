"""Slugs keep German letters (Meißen → meissen); old slugs are remembered and redirect.

See zukunftsplattform/slugs.py: the trigger records every later change of a slug, and
this migration gives the projects whose slug lost its umlauts or ß the proper one.
"""

from django.db import migrations

from zukunftsplattform.slugs import remember_previous_slugs, reslug_lost_letters


def reslug(apps, schema_editor):
    reslug_lost_letters(apps.get_model("projects", "Project"), "title")


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_previous_slugs")]

    operations = [
        remember_previous_slugs("projects_project"),
        migrations.RunPython(reslug, migrations.RunPython.noop),
    ]
