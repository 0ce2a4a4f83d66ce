"""Extract Saxony's 13 districts from a BKG VG250 district layer (VG250_KRS) as GeoJSON.

    ogr2ogr -f GeoJSON -t_srs CRS84 -simplify 200 krs.geojson VG250_KRS.shp
    .venv/bin/python scripts/update_sachsen_kreise.py krs.geojson

Keeps only the features whose AGS starts with "14" (Saxony), only the properties the map
needs (AGS, GEN, BEZ, WSK), coordinates rounded to 5 decimals (about 1 m), and adds a point
for each district's label (the interior point farthest from its border, on a coarse grid).
Writes ``taxonomy/data/sachsen_kreise.geojson``; update the year in its NOTICE and in
``taxonomy.maps.DATA_YEAR`` to the year the data was obtained.
"""

import itertools
import json
import math
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "sachsen_kreise.geojson"
KEPT = ("AGS", "GEN", "BEZ", "WSK")


def _rings(geometry) -> list[list[list[float]]]:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [ring for polygon in polygons for ring in polygon]


def _inside(x, y, rings) -> bool:
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _distance(x, y, rings) -> float:
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if dx == dy == 0 else ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)
            t = max(0.0, min(1.0, t))
            best = min(best, math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
    return best


def label_point(geometry) -> list[float]:
    """The grid point inside the district farthest from its border (in scaled degrees)."""
    rings = _rings(geometry)
    scale = math.cos(math.radians(51))  # a degree of longitude is shorter than one of latitude
    scaled = [[[lon * scale, lat] for lon, lat in ring] for ring in rings]
    xs = [p[0] for ring in scaled for p in ring]
    ys = [p[1] for ring in scaled for p in ring]
    steps = 40
    best, point = -1.0, (xs[0], ys[0])
    for i in range(1, steps):
        for j in range(1, steps):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            if _inside(x, y, scaled):
                distance = _distance(x, y, scaled)
                if distance > best:
                    best, point = distance, (x, y)
    return [round(point[0] / scale, 5), round(point[1], 5)]


def _round(value):
    if isinstance(value, float):
        return round(value, 5)
    return [_round(item) for item in value]


def main(source: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    features = []
    for feature in sorted(data["features"], key=lambda f: f["properties"]["AGS"]):
        properties = feature["properties"]
        if not str(properties["AGS"]).startswith("14"):
            continue
        geometry = {
            "type": feature["geometry"]["type"],
            "coordinates": _round(feature["geometry"]["coordinates"]),
        }
        kept = {key: properties[key] for key in KEPT}
        kept["label_point"] = label_point(geometry)
        features.append({"type": "Feature", "properties": kept, "geometry": geometry})
    collection = {
        "type": "FeatureCollection",
        "name": "VG250_KRS Sachsen",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    head = json.dumps({k: v for k, v in collection.items() if k != "features"}, ensure_ascii=False)
    TARGET.write_text(head[:-1] + ',"features":[\n' + lines + "\n]}\n", encoding="utf-8")
    print(f"{len(features)} districts written to {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1])
