"""After `makemessages`: mirror msgids into the English catalogue, report German gaps.

German translations are written in locale/de/LC_MESSAGES/django.po itself;
tests/test_i18n.py fails while any of them is missing or fuzzy.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    en = polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))
    for entry in en:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    en.metadata.update({"Language": "en", "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    en.save()

    de = polib.pofile(str(ROOT / "locale/de/LC_MESSAGES/django.po"))
    gaps = de.untranslated_entries() + de.fuzzy_entries()
    for entry in gaps:
        print(f"German translation missing or fuzzy: {entry.msgid!r}")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
