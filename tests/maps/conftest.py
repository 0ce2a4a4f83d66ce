import re
from html import unescape


def map_links(html: str) -> dict[str, str]:
    """The districts' links on a map: accessible name → address."""
    start = html.index('<svg class="saxony-map__svg"')
    svg = html[start : html.index("</svg>", start)]
    return {
        unescape(name): unescape(href)
        for href, name in re.findall(
            r'<a class="saxony-map__link[^"]*" href="([^"]+)" aria-label="([^"]+)"', svg
        )
    }
