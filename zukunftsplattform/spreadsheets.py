"""Values for spreadsheets (CSV, XLSX) that open as text, never as a formula."""

#: Spreadsheet programs run cells that start with one of these as formulas.
FORMULA_STARTS = {"=", "+", "-", "@", "\t", "\r"}


def defused(value) -> str:
    """``value`` as text, with a leading apostrophe where it would start a formula."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text
