"""Each figure as CSV (semicolons, UTF-8 with BOM, as the registrations export) and XLSX."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from insights.figures import Figure, Period
from zukunftsplattform.spreadsheets import defused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(name: str, period: Period, extension: str) -> str:
    return f"{name}_{period.start:%Y-%m-%d}_{period.end:%Y-%m-%d}.{extension}"


def table(figure: Figure) -> list[list]:
    """The figure's table: the heading row, then one row per label."""
    return [
        [figure.row_heading, *figure.columns],
        *([label, *values] for label, values in figure.rows),
    ]


def csv_response(figure: Figure, period: Period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(figure.slug, period, "csv")}"'
    )
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 umlauts correctly
    writer = csv.writer(response, delimiter=";")
    for row in table(figure):
        writer.writerow([value if isinstance(value, int) else defused(value) for value in row])
    return response


def xlsx_response(figures: list[Figure], period: Period, *, name: str) -> HttpResponse:
    """One sheet per figure: its title, what it counts, then its table."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet every new workbook has
    used: set[str] = set()
    for figure in figures:
        sheet = workbook.create_sheet(_sheet_title(figure.slug, used))
        for row in [[figure.title], [figure.description], [], *table(figure)]:
            # Text stays text: openpyxl would store "=…" as a formula.
            sheet.append([value if isinstance(value, int) else defused(value) for value in row])
        sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, period, "xlsx")}"'
    return response


def _sheet_title(slug: str, used: set[str]) -> str:
    """Sheet names are at most 31 characters and unique."""
    title, number = slug[:31], 2
    while title in used:
        title, number = f"{slug[:28]}-{number}", number + 1
    used.add(title)
    return title
