"""One small chart module for every figure: horizontal bars, grouped bars, lines over months.

``draw(figure)`` returns the geometry (pixels in the SVG's own coordinates) that
``insights/includes/chart.html`` writes as SVG. Meaning never rests on colour alone: every
bar carries its number (and, grouped, its column's name), every line its own marker shape
and dash, named in the legend; the table beside the chart holds the same figures.
"""

import math

from insights.figures import BAR, GROUPED, LINE, Figure

WIDTH = 640
LABEL_WIDTH = 230  # bar charts: row labels left of the bars
BAR_MAX = 330
ROW = 30
BAR_HEIGHT = 18
GROUP_BAR = 16
LABEL_CHARS = 34
#: Line charts: the plot area.
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_HEIGHT = 56, 620, 20, 200
MARKERS = ["circle", "square", "triangle", "diamond"]


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """A label that fits beside the bars; the table and the bar's title keep it whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_maximum(value: int) -> int:
    """A round top for the value axis: 1, 2, 5 × a power of ten, at least ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def _bars(figure: Figure) -> dict:
    largest = max([1, *(values[0] for _label, values in figure.rows)])
    rows = []
    for index, (label, values) in enumerate(figure.rows):
        width = round(BAR_MAX * values[0] / largest)
        rows.append(
            {
                "label": label,
                "short": shorten(label),
                "value": values[0],
                "y": index * ROW,
                "text_y": index * ROW + BAR_HEIGHT - 4,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {"rows": rows, "height": len(rows) * ROW + 4, "bar_x": LABEL_WIDTH}


def _grouped(figure: Figure) -> dict:
    largest = max([1, *(v for _label, values in figure.rows for v in values)])
    series = len(figure.columns)
    group_height = 22 + series * (GROUP_BAR + 4) + 10
    groups = []
    for index, (label, values) in enumerate(figure.rows):
        top = index * group_height
        bars = []
        for position, (column, value) in enumerate(zip(figure.columns, values, strict=True)):
            width = round(BAR_MAX * value / largest)
            y = top + 22 + position * (GROUP_BAR + 4)
            bars.append(
                {
                    "series": position,
                    "column": column,
                    "value": value,
                    "y": y,
                    "text_y": y + GROUP_BAR - 3,
                    "width": width,
                    "value_x": LABEL_WIDTH + width + 6,
                }
            )
        groups.append({"label": label, "short": shorten(label, 70), "y": top + 15, "bars": bars})
    return {
        "groups": groups,
        "height": len(figure.rows) * group_height + 4,
        "bar_x": LABEL_WIDTH,
        "column_x": LABEL_WIDTH - 8,
    }


def _short_month(label: str) -> str:
    """“September 2026” → “Sep 26”: six of them fit under the plot (the table has them whole)."""
    parts = label.split()
    return f"{parts[0][:3]} {parts[-1][-2:]}" if len(parts) == 2 else label


def _shape(marker: str, x: float, y: float) -> str:
    """The points of a polygon marker (triangle, diamond, square) around (x, y); a circle
    is drawn from its centre."""
    corners = {
        "triangle": [(0, -5), (5, 4), (-5, 4)],
        "diamond": [(0, -5), (5, 0), (0, 5), (-5, 0)],
        "square": [(-4, -4), (4, -4), (4, 4), (-4, 4)],
    }.get(marker, [])
    return " ".join(f"{round(x + dx, 1)},{round(y + dy, 1)}" for dx, dy in corners)


def _lines(figure: Figure) -> dict:
    top = nice_maximum(max([0, *(v for _label, values in figure.rows for v in values)]))
    count = len(figure.rows)
    step = (PLOT_RIGHT - PLOT_LEFT) / max(1, count - 1)

    def x(index: int) -> float:
        return round(PLOT_LEFT + (index * step if count > 1 else (PLOT_RIGHT - PLOT_LEFT) / 2), 1)

    def y(value: int) -> float:
        return round(PLOT_TOP + PLOT_HEIGHT * (1 - value / top), 1)

    every = max(1, math.ceil(count / 6))  # at most six month labels fit beside each other
    legend_y = PLOT_TOP + PLOT_HEIGHT + 52
    series = []
    for position, column in enumerate(figure.columns):
        marker = MARKERS[position % len(MARKERS)]
        points = [
            {
                "x": x(i),
                "y": y(values[position]),
                "value": values[position],
                "label": label,
                "shape": _shape(marker, x(i), y(values[position])),
            }
            for i, (label, values) in enumerate(figure.rows)
        ]
        series.append(
            {
                "index": position,
                "column": column,
                "marker": marker,
                "legend_shape": _shape(
                    marker, PLOT_LEFT + (position % 3) * 190 + 14, legend_y + (position // 3) * 22
                ),
                "points": points,
                "path": " ".join(f"{p['x']},{p['y']}" for p in points),
                "legend_x": PLOT_LEFT + (position % 3) * 190,
                "legend_y": legend_y + (position // 3) * 22,
            }
        )
    return {
        "series": series,
        "ticks": [{"value": v, "y": y(v)} for v in sorted({0, top // 2, top})],
        "months": [
            {"label": _short_month(label), "x": x(i)}
            for i, (label, _values) in enumerate(figure.rows)
            if i % every == 0
        ],
        "left": PLOT_LEFT,
        "right": PLOT_RIGHT,
        "bottom": PLOT_TOP + PLOT_HEIGHT,
        "month_y": PLOT_TOP + PLOT_HEIGHT + 18,
        "height": legend_y + ((len(series) - 1) // 3) * 22 + 16,
    }


def draw(figure: Figure) -> dict:
    geometry = {BAR: _bars, GROUPED: _grouped, LINE: _lines}[figure.kind](figure)
    return {"kind": figure.kind, "width": WIDTH, **geometry}
