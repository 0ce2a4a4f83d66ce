"""Slugs keep German letters (Weißwasser → weisswasser); old slugs are remembered and redirect.

See zukunftsplattform/slugs.py: the trigger records every later change of a slug, and
this migration gives the series and events whose slug lost its umlauts the proper one.
"""

from django.db import migrations

from zukunftsplattform.slugs import remember_previous_slugs, reslug_lost_letters

# As in events.models: paths under /veranstaltungen/ that an event's slug must not take.
RESERVED_SLUGS = {"reihe", "anmeldung", "meine-anmeldungen", "kalender.ics"}


def reslug(apps, schema_editor):
    reslug_lost_letters(apps.get_model("events", "Series"), "title")
    reslug_lost_letters(apps.get_model("events", "Event"), "title", reserved=RESERVED_SLUGS)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_previous_slugs_german_order")]

    operations = [
        remember_previous_slugs("events_series"),
        remember_previous_slugs("events_event"),
        migrations.RunPython(reslug, migrations.RunPython.noop),
    ]
