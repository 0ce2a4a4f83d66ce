from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The main navigation. An entry appears once its page exists (its app is installed).
MAIN_NAVIGATION = [
    ("projects:list", _("Projects")),
    ("projects:best_practice", _("Best practice")),
    ("network:organisations", _("Network")),
    ("events:list", _("Events")),
    ("search", _("Search")),
]


def _section(url: str) -> str:
    """The section a path belongs to: its first segment after the language prefix."""
    prefix = "/en/" if url.startswith("/en/") else "/"
    first = url[len(prefix) :].split("/", 1)[0]
    return f"{prefix}{first}/" if first else prefix


def _navigation(path: str) -> list[dict]:
    """The entries, each with ``current``: "page" on the entry's own page, True anywhere
    else in its section (a project page is in "Projects", the people list in "Network")."""
    entries = []
    for name, label in MAIN_NAVIGATION:
        url = reverse(name)
        current = "page" if path == url else path.startswith(_section(url))
        entries.append({"url": url, "label": label, "current": current})
    return entries


def portal(request):
    current = get_language() or "de"
    other = "en" if current == "de" else "de"
    return {
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
        "main_navigation": _navigation(request.path),
        "search_url": next(
            (e["url"] for e in _navigation("") if e["url"].rstrip("/").endswith("suche")), ""
        ),
    }
