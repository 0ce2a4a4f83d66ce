"""A map of Saxony's 13 districts, drawn by the portal itself as SVG (no tiles, no other origin).

The boundaries are the BKG's VG250 districts (``data/sachsen_kreise.geojson``, licence in
``data/NOTICE.txt``), projected once per process: equirectangular, longitudes shortened by the
cosine of Saxony's middle latitude, coordinates rounded to whole units of a 1000 units wide
drawing. Pages get a :class:`SaxonyMap` from :func:`choropleth` (a figure per district,
coloured in a few classes, each district a link) or :func:`locator` (one district marked)
and show it with ``{% saxony_map map %}`` (``taxonomy/templatetags/saxony_map.py``).
"""

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import Count, QuerySet

from taxonomy.models import Region

DATA_FILE = Path(__file__).resolve().parent / "data" / "sachsen_kreise.geojson"
#: The year the boundaries were obtained from the BKG, for the source note.
DATA_YEAR = 2020
SOURCE_URL = "https://www.bkg.bund.de"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"

#: Amtlicher Gemeindeschlüssel (district level) → the portal's region.
AGS_REGIONS: dict[str, Region] = {
    "14511": Region.CHEMNITZ,
    "14521": Region.ERZGEBIRGSKREIS,
    "14522": Region.MITTELSACHSEN,
    "14523": Region.VOGTLANDKREIS,
    "14524": Region.ZWICKAU,
    "14612": Region.DRESDEN,
    "14625": Region.BAUTZEN,
    "14626": Region.GOERLITZ,
    "14627": Region.MEISSEN,
    "14628": Region.SAECHSISCHE_SCHWEIZ,
    "14713": Region.LEIPZIG,
    "14729": Region.LANDKREIS_LEIPZIG,
    "14730": Region.NORDSACHSEN,
}

WIDTH = 1000
MARGIN = 8
#: At most this many colour classes above zero (the palette in taxonomy/static/taxonomy/map.css).
LEVELS = 4


@dataclass(frozen=True)
class District:
    region: Region
    ags: str
    path: str  # SVG path data in the drawing's units
    label_x: int
    label_y: int


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    districts: tuple[District, ...]


def _features() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["features"]


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [ring for polygon in polygons for ring in polygon]


@cache
def drawing() -> Drawing:
    """The districts as SVG paths, computed once per process."""
    features = _features()
    points = [point for f in features for ring in _rings(f["geometry"]) for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((south + north) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * shrink)

    def project(lon: float, lat: float) -> tuple[int, int]:
        return (
            round(MARGIN + (lon - west) * shrink * scale),
            round(MARGIN + (north - lat) * scale),
        )

    districts = []
    for feature in features:
        parts = []
        for ring in _rings(feature["geometry"]):
            projected: list[tuple[int, int]] = []
            for lon, lat in ring:
                point = project(lon, lat)
                if not projected or projected[-1] != point:
                    projected.append(point)
            if len(projected) > 3:
                first, *rest = projected[:-1] if projected[0] == projected[-1] else projected
                parts.append(
                    f"M{first[0]} {first[1]}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z"
                )
        label_x, label_y = project(*feature["properties"]["label_point"])
        districts.append(
            District(
                region=AGS_REGIONS[feature["properties"]["AGS"]],
                ags=feature["properties"]["AGS"],
                path="".join(parts),
                label_x=label_x,
                label_y=label_y,
            )
        )
    height = round(2 * MARGIN + (north - south) * scale)
    return Drawing(width=WIDTH, height=height, districts=tuple(districts))


@dataclass(frozen=True)
class Area:
    """One district as a page shows it."""

    district: District
    label: str  # the district's name
    figure: int | None
    level: int  # colour class: 0 … LEVELS
    url: str
    name: str  # accessible name: district and figure
    marked: bool = False


@dataclass(frozen=True)
class LegendEntry:
    level: int
    text: str  # e.g. "1–2"


@dataclass(frozen=True)
class SaxonyMap:
    id: str  # unique on the page: prefixes the SVG's ids
    title: str
    width: int
    height: int
    areas: tuple[Area, ...]
    legend: tuple[LegendEntry, ...]
    figure_label: str = ""  # table column heading, e.g. "Projects"
    unplaced: int = 0  # counted rows without a region (not on the map)
    decorative: bool = False  # a locator: hidden from assistive technology, text beside it


def level_bounds(largest: int) -> list[tuple[int, int]]:
    """The ranges of the colour classes above zero: one per value up to LEVELS, else LEVELS
    ranges of about equal width, e.g. 9 → 1–3, 4–5, 6–7, 8–9."""
    if largest <= 0:
        return []
    if largest <= LEVELS:
        return [(value, value) for value in range(1, largest + 1)]
    uppers = [math.ceil(largest * step / LEVELS) for step in range(1, LEVELS + 1)]
    lowers = [1, *(upper + 1 for upper in uppers[:-1])]
    return list(zip(lowers, uppers, strict=True))


def _level(figure: int, bounds: list[tuple[int, int]]) -> int:
    for level, (low, high) in enumerate(bounds, start=1):
        if low <= figure <= high:
            return level
    return 0


def choropleth(
    *,
    id: str,
    title: str,
    figures: Mapping[str, int],
    url: Callable[[str], str],
    name: Callable[[str, int], str],
    figure_label: str,
    marked: str = "",
) -> SaxonyMap:
    """A map with a figure per district (regions missing from ``figures`` count 0).

    ``url(region)`` is where a district's link leads (the list filtered to it), ``name(label,
    figure)`` its accessible name, e.g. "Dresden: 4 projects".
    """
    bounds = level_bounds(max([0, *(figures.get(region, 0) for region in Region.values)]))
    areas = []
    for district in drawing().districts:
        figure = figures.get(district.region, 0)
        label = district.region.label
        areas.append(
            Area(
                district=district,
                label=label,
                figure=figure,
                level=_level(figure, bounds),
                url=url(district.region),
                name=name(label, figure),
                marked=district.region == marked,
            )
        )
    legend = [LegendEntry(0, "0")] + [
        LegendEntry(level, str(low) if low == high else f"{low}–{high}")
        for level, (low, high) in enumerate(bounds, start=1)
    ]
    return SaxonyMap(
        id=id,
        title=title,
        width=drawing().width,
        height=drawing().height,
        areas=tuple(sorted(areas, key=lambda area: area.district.region.label)),
        legend=tuple(legend),
        figure_label=figure_label,
        unplaced=figures.get("", 0),
    )


def locator(region: str, *, title: str) -> SaxonyMap | None:
    """A small map with one district marked (a project's region), or ``None`` without one."""
    if region not in Region.values:
        return None
    areas = tuple(
        Area(
            district=district,
            label=district.region.label,
            figure=None,
            level=0,
            url="",
            name=district.region.label,
            marked=district.region == region,
        )
        for district in drawing().districts
    )
    return SaxonyMap(
        id="locator",
        title=title,
        width=drawing().width,
        height=drawing().height,
        areas=areas,
        legend=(),
        decorative=True,
    )


def count_by_region(queryset: QuerySet) -> dict[str, int]:
    """How many rows of ``queryset`` lie in each region (``""``: in none): one aggregate query.

    The rows are taken by primary key, so whatever ``queryset`` annotates or orders by
    (search rank, card data) stays out of the grouping.
    """
    rows = (
        queryset.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
        .order_by()
        .values_list("region")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


# --- The "list / map" switch of a list page ---------------------------------------------------

#: The GET parameter of the switch (``?ansicht=karte``); without it a list shows its cards.
VIEW_PARAM = "ansicht"
MAP_VIEW = "karte"
_NOT_KEPT = ("seite", VIEW_PARAM)  # a map has no pages; the switch sets the view itself


def wants_map(request) -> bool:
    return request.GET.get(VIEW_PARAM) == MAP_VIEW


def _query(params) -> str:
    return f"?{params.urlencode()}" if params else "?"


def view_switch(request) -> dict[str, str | bool]:
    """The links of the switch, keeping the current filters: ``list_url`` and ``map_url``
    (query strings for the page's own address), and ``is_map``."""
    params = request.GET.copy()
    for name in _NOT_KEPT:
        params.pop(name, None)
    as_map = params.copy()
    as_map[VIEW_PARAM] = MAP_VIEW
    return {"list_url": _query(params), "map_url": _query(as_map), "is_map": wants_map(request)}


def without_region(request):
    """The current filters without the region, the view and the page: a map counts every
    district under the same filters."""
    params = request.GET.copy()
    for name in (*_NOT_KEPT, "region"):
        params.pop(name, None)
    return params


def region_url(base: str, request) -> Callable[[str], str]:
    """``url(region)`` for :func:`choropleth`: the list at ``base`` with the current filters
    and that region (as a list, not as a map)."""
    kept = without_region(request)

    def url(region: str) -> str:
        params = kept.copy()
        params["region"] = region
        return f"{base}?{params.urlencode()}"

    return url
