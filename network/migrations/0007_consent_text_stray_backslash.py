"""Version 1 of the consent text loses the stray backslash it began with, in place.

Both bodies of version 1 began with ``\\`` and a line break (a Python escape slip in
``network/default_consent.py``), shown to people as a lone "\\" before "Ich willige ein …" /
"I agree …". This migration removes exactly that prefix from the texts that have it and
renders them again. Nothing else changes; texts staff wrote are left alone.

Why in place, and not as version 2:

- The consents people gave stay valid because what they agreed to is unchanged: every
  word, purpose, recipient and the right to withdraw are the same; the backslash was no
  part of the declaration. Their ``ConsentRecord`` rows keep pointing to version 1, which
  now reads exactly as the declaration they read, without the artefact.
- A new version means, by design, "ask everyone again": every public profile would be
  hidden until its person confirmed a text that differs from the old one by one stray
  character. Teaching the consent query that version 2 counts as version 1 would add a
  second rule to the one place that decides who is shown without consent – more risk
  where a mistake exposes someone.
- What was shown stays provable: the prefix removed is stated here, and the repository's
  history holds the earlier ``default_consent.py``.
"""

from django.db import migrations

STRAY_PREFIX = "\\\n"


def remove_stray_backslash(apps, schema_editor):
    from zukunftsplattform.markdown import render_markdown

    ConsentText = apps.get_model("network", "ConsentText")
    for text in ConsentText.objects.filter(version=1):
        changed = []
        for field in ["body_de", "body_en"]:
            body = getattr(text, field)
            if body.startswith(STRAY_PREFIX):
                setattr(text, field, body.removeprefix(STRAY_PREFIX))
                setattr(text, f"{field}_html", render_markdown(getattr(text, field)))
                changed += [field, f"{field}_html"]
        if changed:
            text.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("network", "0006_german_slugs")]

    operations = [migrations.RunPython(remove_stray_backslash, migrations.RunPython.noop)]
