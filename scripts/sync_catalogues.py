"""After `makemessages`: mirror msgids into the English catalogue, report German gaps.

An English msgstr that differs from its msgid is kept: it is a chosen wording.

German translations are written in locale/de/LC_MESSAGES/django.po itself;
tests/test_i18n.py fails while any of them is missing or fuzzy.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogue_dirs() -> list[Path]:
    """locale/ and each app's locale/ (not the virtualenv's)."""
    return sorted(
        path.parent.parent.parent
        for path in ROOT.glob("**/locale/de/LC_MESSAGES/django.po")
        if not path.is_relative_to(ROOT / ".venv")
    )


def main() -> int:
    return max([sync(locale_dir) for locale_dir in catalogue_dirs()] or [0])


def sync(locale_dir: Path) -> int:
    en_path = locale_dir / "en/LC_MESSAGES/django.po"
    if not en_path.exists():
        return 0
    en = polib.pofile(str(en_path))
    for entry in en:
        if entry.translated() and "fuzzy" not in entry.flags:
            continue  # an English wording someone chose (e.g. allauth's "Security Keys")
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    en.metadata.update({"Language": "en", "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    if str(en) != en_path.read_text(encoding="utf-8"):
        en.save()  # only when something changed, so an unchanged catalogue keeps its time

    de = polib.pofile(str(locale_dir / "de/LC_MESSAGES/django.po"))
    gaps = de.untranslated_entries() + de.fuzzy_entries()
    for entry in gaps:
        print(
            f"{locale_dir.relative_to(ROOT)}: German translation missing or fuzzy: {entry.msgid!r}"
        )
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
