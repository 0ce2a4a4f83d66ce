"""The Atom feeds follow RFC 4287: what §4.1.1 (feed) and §4.1.2 (entry) require is there."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest

from tests.events.factories import EventFactory
from tests.projects.factories import ProjectFactory

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 §3.3 requires for atom:updated and atom:published.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def atom_problems(xml: bytes) -> list[str]:
    """What RFC 4287 §4.1.1/§4.1.2 require (MUST) and the feed lacks."""
    root = ET.fromstring(xml)  # noqa: S314 - our own feed
    if root.tag != f"{ATOM}feed":
        return [f"root element is {root.tag}, not atom:feed"]
    problems = []

    def check(element, where: str, *, author_given: bool) -> bool:
        for name in ["id", "title", "updated"]:
            found = element.findall(f"{ATOM}{name}")
            if len(found) != 1:
                problems.append(f"{where}: {len(found)} atom:{name}, exactly one required")
        if not urlparse(element.findtext(f"{ATOM}id") or "").scheme:
            problems.append(f"{where}: atom:id is not an IRI")
        for name in ["updated", "published"]:
            for moment in element.findall(f"{ATOM}{name}"):
                if not RFC3339.match(moment.text or ""):
                    problems.append(f"{where}: atom:{name} {moment.text!r} is not RFC 3339")
        authors = element.findall(f"{ATOM}author")
        if any(not author.findtext(f"{ATOM}name") for author in authors):
            problems.append(f"{where}: atom:author without atom:name")
        return bool(authors) or author_given

    entries = root.findall(f"{ATOM}entry")
    feed_has_author = check(root, "feed", author_given=False)
    alternates = [
        link.get("href")
        for link in root.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    ]
    if len(alternates) != len(set(alternates)):
        problems.append("feed: two alternate links to the same address")
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not check(entry, where, author_given=feed_has_author):
            problems.append(f"{where}: no atom:author, and the feed has none")
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        )
        if not has_alternate and entry.find(f"{ATOM}content") is None:
            problems.append(f"{where}: neither atom:content nor an alternate link")
    if not feed_has_author and not entries:
        problems.append("feed: no atom:author")
    return problems


def test_atom_check_finds_a_feed_without_author_and_entry_dates():
    xml = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:x</id><title>x</title>'
        b"<updated>2026-01-01T10:00:00+01:00</updated>"
        b'<entry><id>tag:y</id><title>y</title><link href="http://x/y"/></entry></feed>'
    )
    assert atom_problems(xml) == [
        "entry 1: 0 atom:updated, exactly one required",
        "entry 1: no atom:author, and the feed has none",
    ]


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("feed", ["/feeds/projekte/atom/", "/feeds/veranstaltungen/atom/"])
def test_atom_feed_follows_rfc_4287(client, db, feed, language):
    ProjectFactory(published=True, title="Nachbarschaftscafé")
    EventFactory(title="Dialogforum Leipzig")
    EventFactory(cancelled=True, title="Abgesagtes Forum")
    response = client.get(language + feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_problems(response.content) == []
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.findall(f"{ATOM}entry"), "the feed lists its entries"
    assert "Staatsministerium" in root.findtext(f"{ATOM}author/{ATOM}name")
