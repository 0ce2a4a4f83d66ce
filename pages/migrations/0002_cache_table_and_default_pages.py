from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache (default without REDIS_URL) backs allauth's rate limits.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def create_default_pages(apps, schema_editor):
    from pages.default_content import ensure_default_pages

    ensure_default_pages(apps.get_model("pages", "ContentPage"))


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
        migrations.RunPython(create_default_pages, migrations.RunPython.noop),
    ]
