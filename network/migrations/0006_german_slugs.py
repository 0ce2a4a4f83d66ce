"""Slugs keep German letters (Görlitz → goerlitz); old slugs are remembered and redirect.

See zukunftsplattform/slugs.py: the trigger records every later change of a slug, and
this migration gives the organisations and people whose slug lost its umlauts or ß the
proper one.
"""

from django.db import migrations

from zukunftsplattform.slugs import remember_previous_slugs, reslug_lost_letters


def reslug(apps, schema_editor):
    reslug_lost_letters(apps.get_model("network", "Organisation"), "name")
    reslug_lost_letters(apps.get_model("network", "Person"), "name")


class Migration(migrations.Migration):
    dependencies = [("network", "0005_previous_slugs_german_order")]

    operations = [
        remember_previous_slugs("network_organisation"),
        remember_previous_slugs("network_person"),
        migrations.RunPython(reslug, migrations.RunPython.noop),
    ]
