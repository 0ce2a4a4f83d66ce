"""The licence of the open data: Datenlizenz Deutschland – Namensnennung – Version 2.0.

Chosen over CC BY 4.0 (both are open, both ask only for attribution, and each is
compatible with the other) because it is the licence German public bodies publish their
data under and the one GovData recommends: the dcat-ap.de licence vocabulary names it,
and a harvester reads it without a mapping. The reasons are on ``/daten/`` too.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Licence:
    identifier: str  # as in the dcat-ap.de licence vocabulary (and SPDX, upper case)
    uri: str  # dcat-ap.de licence URI (dct:license)
    title: str
    url: str  # the licence text
    attribution: str  # what re-users name as the source (dcatde:licenseAttributionByText)

    def package(self) -> dict[str, Any]:
        """The licence in a Frictionless Data Package."""
        return {"name": self.identifier, "path": self.url, "title": self.title}


LICENCE = Licence(
    identifier="dl-by-de/2.0",
    uri="http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    title="Datenlizenz Deutschland – Namensnennung – Version 2.0",
    url="https://www.govdata.de/dl-de/by-2-0",
    attribution=(
        "Zukunftsplattform für soziale Innovationen, Sächsisches Staatsministerium für "
        "Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt"
    ),
)
