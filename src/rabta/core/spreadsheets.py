"""Cells of every spreadsheet and CSV file rabta writes: what people typed is never a formula.

A spreadsheet program runs a cell that starts with = + - @ (or a tab or carriage return) as a
formula: a participant's name "=HYPERLINK(…)" or a city "=cmd|' /C calc'!A0" would run on the
organiser's machine when they open an export or a schedule. So every writer passes its cells
through here:

- CSV (``csv_row``): such a text starts with an apostrophe, the mark Excel and LibreOffice read
  as "this is text"; the importers take it off again (``text_mark_removed``), so exports still
  round-trip. A negative number written as text ("-12.5", a trend's change) stays a number: it
  is no formula.
- XLSX (``xlsx_row``): a text is a text cell; openpyxl would otherwise write one starting with
  = as a formula (<f>). A text cell is never run, whatever it starts with.

Pure Python (no Django): the scheduling engine writes its workbooks through it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?")


def csv_cell(value: Any) -> Any:
    """A value for ``csv.writer``: None is empty, a text a spreadsheet would run gets ``'``."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _NEGATIVE_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


def xlsx_cell(sheet, value: Any) -> Any:
    """A value for ``sheet.append`` (a normal or a write-only openpyxl sheet): a text starting
    with = is a text cell, not a formula; anything else is itself."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_row(sheet, values: Iterable[Any]) -> list[Any]:
    return [xlsx_cell(sheet, value) for value in values]


def text_mark_removed(value: Any) -> Any:
    """'=… → =…: the apostrophe ``csv_cell`` puts before a text is no part of the value."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value
