"""Excel workbooks out (``workbook_bytes``) and uploaded tables in (``read_table``).

Out: one sheet per DataFrame, bold filled frozen header, fitted column widths (Thai combining
marks take no width), real Excel dates, optional title and note lines. Text is never turned
into a formula: a text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage
return) is stored as a plain string with Excel's quote prefix, so a value typed by a user such
as ``=HYPERLINK(...)`` stays inert when the file is opened. Characters a workbook cannot hold
(control characters, lone surrogates) are dropped and over-long text is cut at Excel's limit.

In: ``.csv`` (UTF-8 with or without BOM, falling back to cp874 / TIS-620) or ``.xlsx``, every
column as text. Problems raise ``SpreadsheetError`` whose ``code`` is one of
``"unsupported_type"``, ``"unreadable"``, ``"empty"``.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from datetime import date, datetime, time
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.numbers import fmt2

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Excel (not LibreOffice) shows B.E. years with this format; offered for callers who want it.
BE_DATE_FORMAT = "[$-th-TH,107]d/m/yyyy"

HEADER_FILL = PatternFill("solid", start_color="DCE6F0", end_color="DCE6F0")
MAX_COLUMN_WIDTH = 60
_FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """An uploaded table that cannot be used. ``code``: unsupported_type, unreadable, empty."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- writing
def sanitize_sheet_name(name: object, taken: set[str] | None = None) -> str:
    """A legal, unused Excel sheet name: no ``[]:*?/\\``, no leading/trailing apostrophe,
    at most 31 characters, not empty, unique (case-insensitively) among ``taken``."""
    text = "".join(ch for ch in str(name) if ch.isprintable())
    text = _FORBIDDEN_SHEET_CHARS.sub("_", text)
    text = text.strip().strip("'").strip()[:31].rstrip().rstrip("'").rstrip() or "Sheet"
    taken_lower = {t.lower() for t in (taken or set())}
    candidate, n = text, 2
    while candidate.lower() in taken_lower or candidate.lower() == "history":
        suffix = f" ({n})"
        candidate = text[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def display_width(text: str) -> int:
    """Columns of screen a string takes: Thai marks and other combining characters take none,
    wide (CJK) characters two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes)) else False
    except (TypeError, ValueError):
        return False


def _cell_value(value: Any) -> Any:
    """A DataFrame value as openpyxl should store it (``None`` for missing)."""
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall-clock time
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, str):
        return _cell_text(value)
    if isinstance(value, (int, float, bool, date, datetime, time)):
        return value
    return _cell_text(str(value))


EXCEL_CELL_MAX = 32_767
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _cell_text(text: str) -> str:
    """Any stored text as a cell can hold it: characters XML cannot carry (control characters,
    lone surrogates) are dropped and the text is cut at Excel's 32,767 characters, so one odd
    answer never breaks a whole workbook."""
    return _NOT_IN_XML.sub("", text)[:EXCEL_CELL_MAX]


def _write_value(ws, row: int, col: int, value: Any):
    """Write one value; text is always text, dates get a date format."""
    value = _cell_value(value)
    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell
    cell.value = value
    if isinstance(value, str):
        # openpyxl marks a string starting with "=" as a formula: undo that for every text.
        cell.data_type = "s"
        if value.startswith(_FORMULA_PREFIXES):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT if value.time() != time(0) else DATE_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _shown(value: Any) -> str:
    value = _cell_value(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "00/00/0000 00:00" if value.time() != time(0) else "00/00/0000"
    if isinstance(value, date):
        return "00/00/0000"
    if isinstance(value, float):
        return fmt2(value)
    return str(value)


def workbook_bytes(
    sheets: dict[str, pd.DataFrame],
    title: str | None = None,
    notes: dict[str, list[str]] | None = None,
    *,
    notes_position: str = "below",
    index: bool = False,
) -> bytes:
    """An .xlsx file with one sheet per DataFrame.

    ``title`` goes in bold on the first row of every sheet (the table starts two rows below).
    ``notes`` maps a sheet's given name to lines written under the table (``notes_position=
    "below"``, leaving one empty row) or between title and table (``"above"``). ``index=True``
    writes the DataFrame index as the first column.
    """
    if notes_position not in ("above", "below"):
        raise ValueError("notes_position must be 'above' or 'below'")
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    notes = notes or {}
    if not sheets:
        sheets = {"Sheet": pd.DataFrame()}
    for given_name, df in sheets.items():
        name = sanitize_sheet_name(given_name, taken)
        taken.add(name)
        ws = wb.create_sheet(name)
        if index:
            df = df.reset_index()
        columns = [str(c) for c in df.columns]
        sheet_notes = [str(n) for n in notes.get(given_name, [])]
        widths = [display_width(c) for c in columns]

        row = 1
        if title:
            cell = _write_value(ws, row, 1, title)
            cell.font = Font(bold=True, size=14)
            row += 2
        if sheet_notes and notes_position == "above":
            for line in sheet_notes:
                _write_value(ws, row, 1, line).font = Font(italic=True)
                row += 1
            row += 1

        header_row = row
        for c, name_ in enumerate(columns, start=1):
            cell = _write_value(ws, header_row, c, name_)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=False)
        for values in df.itertuples(index=False, name=None):
            row += 1
            for c, value in enumerate(values, start=1):
                _write_value(ws, row, c, value)
                if c <= len(widths) and row - header_row <= 1000:
                    widths[c - 1] = max(widths[c - 1], display_width(_shown(value)))
        if columns:
            ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(row, header_row)}"
        for c, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(max(w + 2, 8), MAX_COLUMN_WIDTH)

        if sheet_notes and notes_position == "below":
            row += 2
            for line in sheet_notes:
                _write_value(ws, row, 1, line).font = Font(italic=True)
                row += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- reading
def _decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        "unreadable", "อ่านไฟล์ CSV ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620 (CSV is neither UTF-8 nor TIS-620/cp874)"
    )


def _unique_headers(raw: list[Any]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(raw):
        name = _text(h).strip() or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _text(value: Any) -> str:
    """An Excel value as the text a person typed: 12.0 -> "12", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _read_csv(data: bytes) -> pd.DataFrame:
    text = _decode_csv(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SpreadsheetError("unreadable", f"อ่านไฟล์ CSV ไม่ได้ (bad CSV: {exc})") from exc
    return _frame(rows)


def _read_xlsx(data: bytes) -> pd.DataFrame:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SpreadsheetError("unreadable", f"อ่านไฟล์ Excel ไม่ได้ (bad .xlsx: {exc})") from exc
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        rows = [list(r) for r in ws.iter_rows(values_only=True)] if ws is not None else []
    except Exception as exc:  # corrupt sheet XML inside a valid zip
        raise SpreadsheetError("unreadable", f"อ่านไฟล์ Excel ไม่ได้ (bad sheet: {exc})") from exc
    finally:
        wb.close()
    return _frame(rows)


def _frame(rows: list[list[Any]]) -> pd.DataFrame:
    """First non-empty row is the header; empty rows and empty unnamed columns go."""
    rows = [r for r in rows if any(_text(v).strip() for v in r)]
    if not rows:
        raise SpreadsheetError("empty", "ไฟล์ว่าง ไม่มีข้อมูล (the file holds no table)")
    header, body = rows[0], rows[1:]
    width = max(len(r) for r in rows)
    header = list(header) + [None] * (width - len(header))
    body = [[_text(v) for v in r] + [""] * (width - len(r)) for r in body]
    keep = [i for i in range(width) if _text(header[i]).strip() or any(r[i].strip() for r in body)]
    headers = _unique_headers([header[i] for i in keep])
    if not body:
        raise SpreadsheetError("empty", "มีแต่หัวตาราง ไม่มีข้อมูล (header row only, no data)")
    frame = pd.DataFrame([[r[i] for i in keep] for r in body], columns=headers, dtype=object)
    return frame.astype(str)


def read_table(file_bytes: bytes, filename: str) -> pd.DataFrame:
    """An uploaded .csv or .xlsx as a DataFrame of strings (missing cells are ``""``).

    CSV: UTF-8 (BOM optional), else cp874/TIS-620. Excel: the first sheet, values (not
    formulas), whole-number floats as ``"12"``, dates as ``"2026-11-24"``.
    """
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in ("csv", "xlsx"):
        raise SpreadsheetError(
            "unsupported_type", f"รองรับเฉพาะไฟล์ .csv และ .xlsx (unsupported file type: {filename})"
        )
    if not file_bytes or not file_bytes.strip():
        raise SpreadsheetError("empty", "ไฟล์ว่าง (empty file)")
    return _read_csv(file_bytes) if ext == "csv" else _read_xlsx(file_bytes)
