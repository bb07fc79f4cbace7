"""The one helper every spreadsheet and CSV writer of rabta goes through: no cell a formula."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from rabta.core.spreadsheets import (
    FORMULA_STARTS,
    csv_cell,
    csv_row,
    text_mark_removed,
    xlsx_row,
)

HOSTILE = ["=cmd|' /C calc'!A0", "+92 52 1", "-1+1", "@SUM(1+1)", "\tx", "\rx", "-", "="]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_a_spreadsheet_would_run_gets_the_text_mark_and_loses_it_on_import(value):
    assert csv_cell(value) == "'" + value
    assert text_mark_removed(csv_cell(value)) == value


@pytest.mark.parametrize("value", ["-12.5", "-3", 7, -7, 2.5, "Sialkot", "", "'quoted", "a=b"])
def test_numbers_and_plain_texts_are_written_as_they_are(value):
    assert csv_cell(value) == value
    assert text_mark_removed(value) == value


def test_empty_is_an_empty_csv_cell():
    assert csv_row([None, "x"]) == ["", "x"]
    text = io.StringIO()
    csv.writer(text).writerow(csv_row(HOSTILE))
    assert not any(
        c.startswith(FORMULA_STARTS) for c in next(csv.reader(io.StringIO(text.getvalue())))
    )


@pytest.mark.parametrize("write_only", [False, True])
def test_an_xlsx_cell_is_text_not_a_formula(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("s") if write_only else workbook.active
    sheet.append(xlsx_row(sheet, [*HOSTILE, 3, None, "plain"]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())[0]
    # (XML reads a carriage return back as a line feed)
    assert [c.value for c in cells[: len(HOSTILE)]] == [v.replace("\r", "\n") for v in HOSTILE]
    assert all(c.data_type != "f" for c in cells)
    assert cells[len(HOSTILE)].value == 3
