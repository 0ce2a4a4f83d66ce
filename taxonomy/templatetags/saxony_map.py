"""``{% saxony_map map %}``: draws a :class:`taxonomy.maps.SaxonyMap` (SVG, legend, table,
source note)."""

from django import template

from taxonomy.maps import DATA_YEAR, LICENCE_URL, SOURCE_URL

register = template.Library()


@register.inclusion_tag("taxonomy/saxony_map.html")
def saxony_map(map):
    return {
        "map": map,
        "data_year": DATA_YEAR,
        "source_url": SOURCE_URL,
        "licence_url": LICENCE_URL,
    }
