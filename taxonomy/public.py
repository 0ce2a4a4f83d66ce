"""What other apps may use of the shared vocabulary: the terms, regions and SDGs, the form
field that lists terms, the seeding of the starter vocabulary (demo data, tests), and the map
of Saxony's districts (``taxonomy.maps``; drawn with ``{% load saxony_map %}``)."""

from taxonomy.forms import TermChoiceField
from taxonomy.maps import (
    MAP_VIEW,
    VIEW_PARAM,
    choropleth,
    count_by_region,
    locator,
    region_url,
    view_switch,
    wants_map,
    without_region,
)
from taxonomy.models import CITY_REGIONS, SDG, Region, SupportCategory, Synonym, TargetGroup, Topic
from taxonomy.vocabulary import ensure_synonyms, ensure_vocabulary

__all__ = [
    "CITY_REGIONS",
    "MAP_VIEW",
    "SDG",
    "VIEW_PARAM",
    "Region",
    "SupportCategory",
    "Synonym",
    "TargetGroup",
    "TermChoiceField",
    "Topic",
    "choropleth",
    "count_by_region",
    "ensure_synonyms",
    "ensure_vocabulary",
    "locator",
    "region_url",
    "view_switch",
    "wants_map",
    "without_region",
]
