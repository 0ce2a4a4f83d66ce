from django.db import migrations


def create_vocabulary(apps, schema_editor):
    from taxonomy.vocabulary import ensure_vocabulary

    ensure_vocabulary(
        apps.get_model("taxonomy", "Topic"),
        apps.get_model("taxonomy", "TargetGroup"),
        apps.get_model("taxonomy", "SupportCategory"),
    )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(create_vocabulary, migrations.RunPython.noop)]
