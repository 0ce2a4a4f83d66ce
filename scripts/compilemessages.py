"""Compile locale/*/LC_MESSAGES/django.po to .mo without GNU gettext (pure Python, polib).

A fresh machine has Python and make, not msgfmt; the compiled files are also committed.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if not path.is_relative_to(ROOT / ".venv")
)

for po_path in CATALOGUES:
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        print(f"compiled {mo_path.relative_to(ROOT)}")
