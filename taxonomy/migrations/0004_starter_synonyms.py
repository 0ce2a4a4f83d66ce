from django.db import migrations


def create_synonyms(apps, schema_editor):
    from taxonomy.vocabulary import ensure_synonyms

    ensure_synonyms(apps.get_model("taxonomy", "Synonym"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_synonyms")]

    operations = [migrations.RunPython(create_synonyms, migrations.RunPython.noop)]
