"""What other apps may use of the shared vocabulary: the terms, regions and SDGs, the form
field that lists terms, and the seeding of the starter vocabulary (demo data, tests)."""

from taxonomy.forms import TermChoiceField
from taxonomy.models import CITY_REGIONS, SDG, Region, SupportCategory, Synonym, TargetGroup, Topic
from taxonomy.vocabulary import ensure_synonyms, ensure_vocabulary

__all__ = [
    "CITY_REGIONS",
    "SDG",
    "Region",
    "SupportCategory",
    "Synonym",
    "TargetGroup",
    "TermChoiceField",
    "Topic",
    "ensure_synonyms",
    "ensure_vocabulary",
]
