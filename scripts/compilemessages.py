"""Compile locale/*/LC_MESSAGES/django.po to .mo without GNU gettext (pure Python, polib).

A fresh machine has Python and make, not msgfmt; the compiled files are also committed.
Every catalogue is compiled every time (polib's output is deterministic, so an unchanged
catalogue gives the same bytes): file times after a git checkout say nothing reliable.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if not path.is_relative_to(ROOT / ".venv") and not path.is_relative_to(ROOT / ".tools")
)

for po_path in CATALOGUES:
    mo_path = po_path.with_suffix(".mo")
    before = mo_path.read_bytes() if mo_path.exists() else None
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    if mo_path.read_bytes() != before:
        print(f"compiled {mo_path.relative_to(ROOT)}")
