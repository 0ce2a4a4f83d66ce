"""Version 1 of the consent text for public profiles, in force from the start.

Without a text in force nobody could be public; staff write later versions in the admin.
"""

from django.db import migrations


def create_first_version(apps, schema_editor):
    from network.default_consent import ensure_consent_text

    ensure_consent_text(apps.get_model("network", "ConsentText"))


class Migration(migrations.Migration):
    dependencies = [("network", "0002_directory_consent_search")]

    operations = [migrations.RunPython(create_first_version, migrations.RunPython.noop)]
