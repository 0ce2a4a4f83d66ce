import re
from html import unescape


def map_links(html: str) -> dict[str, str]:
    """The districts' links on a map: accessible name → address."""
    svg = html[html.index("<svg class=\"saxony-map__svg\"") : html.index("</svg>")]
    return {
        unescape(name): unescape(href)
        for href, name in re.findall(r'<a class="saxony-map__link[^"]*" href="([^"]+)" aria-label="([^"]+)"', svg)
    }
