"""The pages the whole-site checks visit: the browser crawl (axe-core) and v.Nu share it."""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urlparse

# Every page a signed-in person opens under their account (both languages: prefix "/en").
ACCOUNT_PAGES = [
    "/konto/",
    "/konto/email/",
    "/konto/password/change/",
    "/konto/2fa/",
    "/konto/2fa/totp/activate/",
    "/konto/2fa/recovery-codes/generate/",
    "/konto/2fa/webauthn/",
    "/konto/2fa/webauthn/add/",
    "/konto/daten/",
    "/konto/loeschen/",
    "/konto/reauthenticate/",
    "/projekte/meine/",
    "/projekte/neu/",
    "/netzwerk/organisationen/neu/",
    "/veranstaltungen/meine-anmeldungen/",
    "/konto/anfragen/",
    "/konto/anfragen/einstellungen/",
    "/konto/benachrichtigungen/",
]

# States of a page that only a GET parameter reaches (the crawl keeps paths, not queries):
# the project and event lists as a map of Saxony's districts.
VIEW_STATES = ["/projekte/?ansicht=karte", "/veranstaltungen/?ansicht=karte&zeit=alle"]

NOT_PUBLIC = ("/konto/", "/en/konto/", "/admin/", "/media/", "/static/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/"):
            self.hrefs.append(href)


# Detail pages, and the pages only they link to (the report form), visited for one of each.
DETAIL = re.compile(
    r"^(/en)?/(projekte|netzwerk/organisationen|netzwerk/personen|veranstaltungen)/[^/]+/$"
)
LINKED_FROM_DETAILS = ("/melden/", "/en/melden/")


def public_paths(get_text: Callable[[str], str]) -> list[str]:
    """Everything the sitemap lists, plus whatever the home page and footer link to, plus
    what one detail page of each kind (and language) links to that nothing else does, plus
    the ``VIEW_STATES`` in both languages.

    ``get_text(path)`` returns the body an anonymous visitor gets for ``path``.
    """
    sitemap = get_text("/sitemap.xml")
    paths = {urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    links = _Links()
    links.feed(get_text("/"))
    paths.update(p for p in (urlparse(h).path for h in links.hrefs) if not p.startswith(NOT_PUBLIC))
    firsts: dict[tuple, str] = {}
    for path in sorted(paths):
        if match := DETAIL.match(path):
            firsts.setdefault(match.groups(), path)
    for path in firsts.values():
        detail = _Links()
        detail.feed(get_text(path))
        paths.update(
            p for p in (urlparse(h).path for h in detail.hrefs) if p.startswith(LINKED_FROM_DETAILS)
        )
    paths.update(prefix + state for state in VIEW_STATES for prefix in ["", "/en"])
    return sorted(paths)
