"""What one can follow, found through the other apps' public APIs (public objects only)."""

from events.public import series_by_slug
from network.public import public_organisation_by_slug
from projects.public import published_project_by_slug

#: The word in the address (German) → the kind (``Follow``'s field).
KIND_IN_URL = {"projekt": "project", "organisation": "organisation", "reihe": "series"}
URL_OF_KIND = {kind: word for word, kind in KIND_IN_URL.items()}

_FINDERS = {
    "project": published_project_by_slug,
    "organisation": public_organisation_by_slug,
    "series": series_by_slug,
}
_KIND_OF_MODEL = {
    "projects.project": "project",
    "network.organisation": "organisation",
    "events.series": "series",
}


def public_target(kind: str, slug: str):
    """The public project, organisation or series of ``kind`` at ``slug``, or ``None``."""
    finder = _FINDERS.get(kind)
    return finder(slug) if finder else None


def kind_of(target) -> str:
    """``"project"``, ``"organisation"`` or ``"series"`` for an object one can follow."""
    return _KIND_OF_MODEL[target._meta.label_lower]


def name_of(target) -> str:
    return getattr(target, "title", None) or target.name
