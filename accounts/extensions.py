"""Places where other apps add to the account pages without accounts importing them.

What a signed-in person owns lives in other apps (projects, event registrations, the
network profile). Each app registers, in its ``AppConfig.ready()``, an entry for the
account navigation and a section for the account home (``/konto/``), as they already
register their part of the data export (``accounts.personal_data``).

The other places to register are re-exported here, so apps meet accounts only in this
module and ``accounts/public.py``: their part of the data export
(``register_personal_data``, ``register_personal_files``), a note shown before deleting an
account (``register_deletion_note``) and where to go after logging in
(``register_login_destination``), and what the activity records on the admin pages call
their actions (``register_labels``).

A home section is a callable ``(request) -> dict | None`` returning
``{"template": ..., "context": {...}}``; ``None`` leaves the section out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from accounts.adapter import register_login_destination
from accounts.audit import register_labels
from accounts.personal_data import register as register_personal_data
from accounts.personal_data import register_files as register_personal_files
from accounts.services import register_deletion_note

__all__ = [
    "register_deletion_note",
    "register_home_section",
    "register_labels",
    "register_login_destination",
    "register_nav_entry",
    "register_personal_data",
    "register_personal_files",
]


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    order: int


NAV_ENTRIES: list[NavEntry] = []
HOME_SECTIONS: list[tuple[int, Callable]] = []


def register_nav_entry(url_name: str, label, *, order: int) -> None:
    """Add a page to the account navigation; ``order`` places it (lower first)."""
    entry = NavEntry(url_name, label, order)
    if entry not in NAV_ENTRIES:
        NAV_ENTRIES.append(entry)
        NAV_ENTRIES.sort(key=lambda e: e.order)


def register_home_section(section, *, order: int) -> None:
    """Add a section to the account home; ``order`` places it (lower first)."""
    if all(registered is not section for _, registered in HOME_SECTIONS):
        HOME_SECTIONS.append((order, section))
        HOME_SECTIONS.sort(key=lambda pair: pair[0])


def navigation(request) -> list[dict]:
    """The account navigation for this request: ``url``, ``label`` and ``current``.

    ``current`` is ``"page"`` on the entry's own page and ``"true"`` on a page beneath it
    (e.g. the two-factor entry while activating TOTP): the longest matching address wins,
    so the passkeys page below ``/konto/2fa/`` marks passkeys, not two-factor.
    """
    entries: list[dict[str, Any]] = [
        {"url": reverse(e.url_name), "label": e.label, "current": None} for e in NAV_ENTRIES
    ]
    path = request.path
    exact = next((entry for entry in entries if entry["url"] == path), None)
    if exact:
        exact["current"] = "page"
        return entries
    home = reverse("accounts:overview")
    beneath = [e for e in entries if e["url"] != home and path.startswith(e["url"])]
    if beneath:
        max(beneath, key=lambda e: len(e["url"]))["current"] = "true"
    return entries


def home_sections(request) -> list[dict]:
    return [s for s in (section(request) for _, section in HOME_SECTIONS) if s]
