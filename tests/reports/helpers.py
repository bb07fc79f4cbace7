"""Building upload files for import tests."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def csv_file(
    rows: list[list[str]], *, encoding: str = "utf-8", name: str = "data.csv"
) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list], *, name: str = "data.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
