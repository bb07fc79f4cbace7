"""Reading uploaded CSV and XLSX files as a stream of rows, whatever their encoding.

``open_table(path)`` returns a :class:`Table`: the header (normalised column names) and an
iterator of ``(line_number, values)`` that reads the file lazily (CSV through a text wrapper,
XLSX through openpyxl's read-only mode), so a 50,000-row file never sits in memory at once.
Problems with the file as a whole raise :class:`FileProblem` with a message for a person.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rabta.core.spreadsheets import text_mark_removed

# The encodings we detect or accept, with a label for the upload form.
ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1256": "Windows-1256 (Arabic script, Urdu)",
}
SAMPLE_BYTES = 256 * 1024


class FileProblem(Exception):
    """The file as a whole cannot be read: empty, wrong encoding, not a table…"""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    encoding: str = ""
    closer: Any = None

    def close(self) -> None:
        if self.closer is not None:
            self.closer.close()


def normalise_column(name: Any) -> str:
    text = "" if name is None else str(name)
    return text.replace("\ufeff", "").strip().lower().replace(" ", "_")


def _count(text: str, low: int, high: int) -> int:
    return sum(1 for char in text if low <= ord(char) <= high)


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) and UTF-16 by their marks; else UTF-8 if it decodes; else the
    single-byte code page whose letters make sense (Cyrillic for cp1251, Arabic for cp1256),
    confirmed by charset-normalizer: a file that reads better in another encoding (Shift-JIS,
    GBK, a Western code page…) is refused rather than imported as nonsense."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _looks_like_utf16(sample):
        return "utf-16-le"  # UTF-16 without a mark: every other byte of ASCII text is zero
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    for candidate in _code_pages(sample):
        if _reads_as(sample, candidate):
            return candidate
    raise FileProblem(
        _(
            "We could not tell the file's encoding. Save it as “CSV UTF-8” or choose its "
            "encoding on the form."
        )
    )


def _looks_like_utf16(sample: bytes) -> bool:
    return len(sample) >= 4 and sample[1::2][:50].count(0) > 20


def _code_pages(sample: bytes) -> list[str]:
    """cp1251 and/or cp1256 by the letters the bytes make, the likelier first; none fits: []."""
    as_cyrillic = sample.decode("cp1251", errors="replace")
    cyrillic = _count(as_cyrillic, 0x0410, 0x044F)
    lower = _count(as_cyrillic, 0x0430, 0x044F)
    arabic = _count(sample.decode("cp1256", errors="replace"), 0x0600, 0x06FF)
    # Russian text is mostly lower-case letters (or all capitals); Urdu bytes read as cp1251
    # mix both cases, since ل م ن و ی fall on lower-case and ا ب ت ر س on capital letters.
    # Short Russian names mix them too (ООО Ромашка, АО ТехноСталь, Москва): a mixed file is
    # tried as Urdu first, then as Russian, and charset-normalizer judges each.
    if cyrillic and not 0.1 < lower / cyrillic < 0.75:
        return ["cp1251"]
    return [page for page, count in (("cp1256", arabic), ("cp1251", cyrillic)) if count]


def _reads_as(sample: bytes, encoding: str) -> bool:
    """charset-normalizer finds ``encoding`` plausible, and no multi-byte encoding (Shift-JIS,
    GBK, Big5, EUC-KR…) reads the bytes as cleaner text."""
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    ours = from_bytes(sample, cp_isolation=[encoding]).best()
    if ours is None:
        return False
    best = from_bytes(sample).best()
    return not (
        best is not None
        and best.encoding != ours.encoding
        and is_multi_byte_encoding(best.encoding)
        and best.chaos < ours.chaos
    )


# Bytes that no text file holds (every control character but tab, line feed and carriage return).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
CONTROL_CHARACTERS = frozenset(CONTROL_BYTES.decode("ascii"))


def looks_binary(sample: bytes) -> bool:
    """More than one character in twenty is a control character: an image, an archive, a
    program… not a CSV file (a stray NUL in a cell is reported on its row instead)."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(sample):
        text = sample.decode("utf-16-le" if _looks_like_utf16(sample) else "utf-16", "replace")
        controls = sum(1 for char in text if char == "\ufffd" or char in CONTROL_CHARACTERS)
        return controls * 20 > len(text)
    return (len(sample) - len(sample.translate(None, CONTROL_BYTES))) * 20 > len(sample)


def binary_problem() -> FileProblem:
    return FileProblem(
        _(
            "This is not a CSV file: it holds binary data (an image, an archive or a program). "
            "Upload a .csv or .xlsx file."
        )
    )


class _Lines:
    """The text's lines for the CSV reader, keeping those of the row being read: when the file
    ends inside a quoted value, they tell on which line the quote was opened."""

    def __init__(self, text: IO[str]):
        self.text = text
        self.count = 0  # lines read so far
        self.row: list[str] = []  # the lines of the row being read
        self.row_start = 1
        self.quotechar = _Dialect.quotechar

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.text)
        self.count += 1
        self.row.append(line)
        return line

    def next_row(self) -> None:
        self.row = []
        self.row_start = self.count + 1

    def unclosed_quote(self, quotechar: str) -> int | None:
        """The line on which a quote of the current row opens and is never closed, if any."""
        inside, opened = False, None
        for number, line in enumerate(self.row, start=self.row_start):
            for char in line:
                if char == quotechar:
                    inside = not inside  # "" inside a quoted value toggles twice
                    if inside:
                        opened = number
        return opened if inside else None


def _unclosed_quote_problem(line: int) -> FileProblem:
    return FileProblem(
        _(
            'Line %(line)d opens a quoted value (") that is never closed, so the rest '
            "of the file would be read as one cell. Close or remove that quote and upload the "
            "file again."
        )
        % {"line": line}
    )


def _stray_quote_problem(line: int) -> FileProblem:
    return FileProblem(
        _(
            'Line %(line)d: a quote (") closes a quoted value in its middle, as in "Acme "Ltd", '
            "so its columns cannot be told apart. Inside a quoted value write a quote twice "
            '("Acme ""Ltd""") or remove it, and upload the file again.'
        )
        % {"line": line}
    )


class _Dialect(csv.excel):
    """RFC 4180 as spreadsheets write it: a quote inside a quoted value is doubled, and any other
    quote that ends a value before its delimiter is an error (``strict``), never glued to the
    value or read as the start of the next column."""

    strict = True


# What the CSV module says when a closing quote is followed by something else than a delimiter,
# and when a value is longer than its limit (131,072 characters).
_STRAY_QUOTE = "expected after"
_TOO_LONG = "field larger than field limit"


def _csv_rows(reader, encoding: str, lines: _Lines) -> Iterator[tuple[int, list[Any]]]:
    line = 1
    try:
        for values in reader:
            line = reader.line_num
            opened = lines.unclosed_quote(lines.quotechar)
            if opened is not None:
                raise _unclosed_quote_problem(opened)
            lines.next_row()
            if any(value.strip() for value in values):
                yield line, [text_mark_removed(value) for value in values]
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The file is not valid %(encoding)s text after line %(line)d. Save it as “CSV "
                "UTF-8” or choose its encoding on the form."
            )
            % {"encoding": ENCODINGS.get(encoding, encoding), "line": line}
        ) from error
    except csv.Error as error:
        raise _csv_problem(error, lines, line + 1) from error


def _csv_problem(error: csv.Error, lines: _Lines, line: int) -> FileProblem:
    if _STRAY_QUOTE in str(error):
        return _stray_quote_problem(lines.count)
    opened = lines.unclosed_quote(lines.quotechar)
    if opened is not None:  # the file ended, or the value outgrew the CSV module's size limit
        return _unclosed_quote_problem(opened)
    if _TOO_LONG in str(error):  # a closed value, but longer than any cell we read
        return FileProblem(
            _("Line %(line)d holds a value of more than %(max)s characters; shorten it.")
            % {
                "line": lines.count,
                "max": number_format(csv.field_size_limit(), force_grouping=True),
            }
        )
    return FileProblem(
        _("Line %(line)d is not valid CSV: %(reason)s") % {"line": line, "reason": error}
    )


def open_csv(stream: IO[bytes], encoding: str = "") -> Table:
    sample = stream.read(SAMPLE_BYTES)
    if not sample.strip():
        raise FileProblem(_("The file is empty."))
    if looks_binary(sample):
        raise binary_problem()
    encoding = encoding or detect_encoding(sample)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        first = text.read(4096)
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The file is not valid %(encoding)s text. Save it as “CSV UTF-8” or choose its "
                "encoding on the form."
            )
            % {"encoding": ENCODINGS.get(encoding, encoding)}
        ) from error
    try:
        delimiter = csv.Sniffer().sniff(first.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    text.seek(0)
    lines = _Lines(text)
    reader = csv.reader(lines, _Dialect, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration as error:
        raise FileProblem(_("The file is empty.")) from error
    except UnicodeDecodeError as error:
        raise FileProblem(_("The file's first line cannot be read.")) from error
    except csv.Error as error:
        raise _csv_problem(error, lines, 1) from error
    lines.next_row()
    rows = _csv_rows(reader, encoding, lines)
    return Table([normalise_column(c) for c in header], rows, encoding, text)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text_mark_removed(value)


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[Any]]]:
    for line, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if any(value not in (None, "") for value in values):
            yield line, [_xlsx_value(value) for value in values]


# An .xlsx is a zip of XML parts; their unpacked sizes are read from the archive before openpyxl
# opens it. openpyxl keeps the shared strings (every distinct text of the workbook) in memory: a
# 244 KB file whose sharedStrings.xml unpacks to 88 MB held 614 MB of the worker for 67 s. A real
# workbook of the largest allowed upload unpacks to far less than these.
MAX_XLSX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024


def _check_unpacked_size(path: str | Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # openpyxl says it is no workbook
    shared = sum(p.file_size for p in parts if p.filename.lower().endswith("sharedstrings.xml"))
    if shared > MAX_XLSX_SHARED_STRINGS_BYTES or (
        sum(p.file_size for p in parts) > MAX_XLSX_UNPACKED_BYTES
    ):
        raise FileProblem(
            _(
                "This workbook unpacks to far more text than its rows need (a damaged or "
                "hostile file): save it again from Excel, or split it into smaller files."
            )
        )


def open_xlsx(path: str | Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_unpacked_size(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise FileProblem(_("The file is not an Excel workbook (.xlsx).")) from error
    except Exception as error:  # zipfile.BadZipFile and friends
        raise FileProblem(_("The file is not an Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    header_row = next(sheet.iter_rows(max_row=1, values_only=True), None) if sheet else None
    if not header_row or not any(value not in (None, "") for value in header_row):
        workbook.close()
        raise FileProblem(_("The file is empty."))
    header = [normalise_column(c) for c in header_row]
    while header and not header[-1]:
        header.pop()
    return Table(header, _xlsx_rows(sheet), "", workbook)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Files that are certainly no table: PDF, images, old Excel (OLE2), other archives, programs.
BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
    b"\xd0\xcf\x11\xe0",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
)


def table_type(file) -> str | None:
    """``text/csv`` or the XLSX type, from the file's bytes (never its name); None for anything
    else: another archive, an image, a PDF, a program, binary data."""
    from rabta.core.files import is_xlsx as is_workbook

    file.seek(0)
    head = file.read(SAMPLE_BYTES)
    file.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return XLSX_TYPE if is_workbook(file) else None
    if head.startswith(BINARY_SIGNATURES) or looks_binary(head):
        return None
    return "text/csv"  # a stray NUL in a cell is reported on its row (imports._Pass.has_nul)


def is_xlsx(name: str, head: bytes) -> bool:
    return name.lower().endswith(".xlsx") or head.startswith(b"PK\x03\x04")


def open_table(path: str | Path, *, name: str = "", encoding: str = "") -> Table:
    path = Path(path)
    with path.open("rb") as probe:
        head = probe.read(4)
    if is_xlsx(name or path.name, head):
        return open_xlsx(path)
    stream = path.open("rb")
    try:
        return open_csv(stream, encoding)
    except BaseException:
        stream.close()
        raise
