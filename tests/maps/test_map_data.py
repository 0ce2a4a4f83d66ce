"""The boundary data shipped with the portal and how the map draws it."""

import json
import re

from django.conf import settings

from taxonomy import maps
from taxonomy.models import Region


def test_data_file_has_exactly_the_13_saxon_districts_mapped_to_all_regions():
    features = json.loads(maps.DATA_FILE.read_text(encoding="utf-8"))["features"]
    codes = [feature["properties"]["AGS"] for feature in features]
    assert len(codes) == 13 == len(set(codes))
    assert all(code.startswith("14") for code in codes)
    assert set(codes) == set(maps.AGS_REGIONS)
    assert set(maps.AGS_REGIONS.values()) == set(Region)
    kinds = [feature["properties"]["BEZ"] for feature in features]
    assert kinds.count("Kreisfreie Stadt") == 3 and kinds.count("Landkreis") == 10
    # Only what the map needs of the BKG's attributes.
    assert {key for f in features for key in f["properties"]} == {
        "AGS",
        "GEN",
        "BEZ",
        "WSK",
        "label_point",
    }


def test_data_file_names_match_the_regions():
    features = json.loads(maps.DATA_FILE.read_text(encoding="utf-8"))["features"]
    for feature in features:
        region = maps.AGS_REGIONS[feature["properties"]["AGS"]]
        assert feature["properties"]["GEN"] in region.label


def test_notice_carries_the_licence_and_the_year_of_the_source_note():
    notice = (maps.DATA_FILE.parent / "NOTICE.txt").read_text(encoding="utf-8")
    assert f"© GeoBasis-DE / BKG {maps.DATA_YEAR}, dl-de/by-2-0 (Daten verändert)" in notice
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in notice
    assert "https://www.govdata.de/dl-de/by-2-0" in notice


def test_drawing_is_projected_once_with_whole_coordinates_inside_the_drawing():
    drawing = maps.drawing()
    assert maps.drawing() is drawing  # cached for the process
    assert drawing.width == 1000 and 600 < drawing.height < 900
    for district in drawing.districts:
        numbers = [int(n) for n in re.findall(r"-?\d+(?:\.\d+)?", district.path)]
        assert all(0 <= n <= drawing.width for n in numbers[0::2])
        assert all(0 <= n <= drawing.height for n in numbers[1::2])
        assert 0 < district.label_x < drawing.width and 0 < district.label_y < drawing.height


def test_level_bounds_split_the_figures_into_at_most_four_classes():
    assert maps.level_bounds(0) == []
    assert maps.level_bounds(3) == [(1, 1), (2, 2), (3, 3)]
    assert maps.level_bounds(9) == [(1, 3), (4, 5), (6, 7), (8, 9)]
    assert maps.level_bounds(100)[-1] == (76, 100)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_map_colours_keep_outlines_and_figures_readable():
    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text(encoding="utf-8")
    stroke = re.search(r"\.saxony-map__area \{ stroke: (#\w{6})", css).group(1)
    fills = {
        0: re.search(r"\.saxony-map__area \{[^}]*fill: (#\w{6})", css).group(1),
        **{
            int(level): colour
            for level, colour in re.findall(r"\.saxony-map__area--(\d) \{ fill: (#\w{6})", css)
        },
    }
    assert sorted(fills) == list(range(maps.LEVELS + 1))
    light_text = set(re.findall(r"\.saxony-map__figure--(\d) \{ fill: #ffffff", css))
    assert _contrast(stroke, "#ffffff") >= 3  # a district against the page
    for level, fill in fills.items():
        assert _contrast(stroke, fill) >= 3, level  # the border between two districts
        text = "#ffffff" if str(level) in light_text else "#1a1a1a"
        assert _contrast(text, fill) >= 4.5, level  # the figure on it
