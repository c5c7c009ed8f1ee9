"""Pure rules of the local development plan: editions, line numbers, budgets, import rows.

A 5-year plan covers five B.E. years; an addition (เพิ่มเติม) or a change (เปลี่ยนแปลง) of it is
numbered per kind (ฉบับที่ 1, 2, ...). Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.errors import ValidationError

PLAN_YEARS = 5
KINDS = ("base", "addition", "change")
KIND_TH = {"base": "แผนพัฒนาท้องถิ่น", "addition": "เพิ่มเติม", "change": "เปลี่ยนแปลง"}
KIND_EN = {"base": "Local development plan", "addition": "addition", "change": "change"}
MAX_TEXT = 500
LINE_NO = re.compile(r"^[0-9A-Za-z.\-/]{1,20}$")

# Import headers (Thai or English) -> field. Budget columns are the B.E. years themselves.
HEADERS = {
    "ยุทธศาสตร์": "strategy",
    "strategy": "strategy",
    "แผนงาน": "programme",
    "programme": "programme",
    "ลำดับ": "line_no",
    "ที่": "line_no",
    "no": "line_no",
    "line_no": "line_no",
    "โครงการ": "title",
    "project": "title",
    "title": "title",
    "หน่วยงานรับผิดชอบ": "unit",
    "หน่วยงานรับผิดชอบหลัก": "unit",
    "unit": "unit",
}
REQUIRED = ("strategy", "programme", "line_no", "title")
_YEAR_HEADER = re.compile(r"^(?:งบประมาณ\s*)?(?:ปี\s*)?(?:พ\.ศ\.\s*)?(25\d\d)$")


def check_years(first_year: int, last_year: int | None = None) -> tuple[int, int]:
    """A 5-year span of B.E. years (2566-2570)."""
    if not isinstance(first_year, int) or not 2500 <= first_year <= 2700:
        raise ValidationError("plan.bad_year", year=first_year)
    last = first_year + PLAN_YEARS - 1 if last_year is None else last_year
    if last != first_year + PLAN_YEARS - 1:
        raise ValidationError("plan.not_five_years", first=first_year, last=last)
    return first_year, last


def edition_label(kind: str, first_year: int, last_year: int, number: int, lang: str = "th") -> str:
    """``แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) เพิ่มเติม ฉบับที่ 2``."""
    if lang == "en":
        base = f"Local development plan ({first_year}-{last_year} B.E.)"
        return base if kind == "base" else f"{base}, {KIND_EN[kind]} no. {number}"
    base = f"แผนพัฒนาท้องถิ่น (พ.ศ. {first_year}-{last_year})"
    return base if kind == "base" else f"{base} {KIND_TH[kind]} ฉบับที่ {number}"


def line_label(line: dict, lang: str = "th") -> str:
    """How a citation reads: the project, its number and where it sits in the plan."""
    edition = edition_label(line["kind"], line["first_year"], line["last_year"], line["number"], lang)
    if lang == "en":
        return (
            f"project no. {line['line_no']} {line['title']} · strategy {line['strategy']} · "
            f"programme {line['programme']} · {edition}"
        )
    return (
        f"โครงการลำดับที่ {line['line_no']} {line['title']} ยุทธศาสตร์{line['strategy']} "
        f"แผนงาน{line['programme']} ({edition})"
    )


def amount_of(text: object) -> Decimal | None:
    """A budget cell: blank or '-' is no budget; '1,200,000' or '1200000.50' an amount."""
    raw = str(text if text is not None else "").replace(",", "").replace("บาท", "").strip()
    if raw in ("", "-", "–"):
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(raw) from None
    if value < 0 or not value.is_finite():
        raise ValueError(raw)
    return value.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ImportRow:
    row: int  # the spreadsheet row (header = 1)
    strategy: str
    programme: str
    line_no: str
    title: str
    unit: str
    budgets: dict[int, Decimal]


def map_headers(columns: list[str], years: range) -> tuple[dict[str, str], dict[int, str], list[str]]:
    """Fields and year columns found among ``columns``; the required fields missing."""
    fields: dict[str, str] = {}
    year_cols: dict[int, str] = {}
    for col in columns:
        name = str(col).strip()
        key = HEADERS.get(name.lower()) or HEADERS.get(name)
        if key and key not in fields:
            fields[key] = col
            continue
        match = _YEAR_HEADER.match(name.replace(" ", "") if name.startswith("งบ") else name)
        if match and int(match.group(1)) in years:
            year_cols[int(match.group(1))] = col
    missing = [f for f in REQUIRED if f not in fields]
    return fields, year_cols, missing


def parse_rows(
    records: list[dict], fields: dict[str, str], year_cols: dict[int, str], known_units: dict[str, str]
) -> tuple[list[ImportRow], list[tuple[int, str, dict]]]:
    """Every row checked; returns the good rows and ``(row, text key, values)`` for each bad one.

    ``known_units`` maps a unit's code and its Thai and English names to its code.
    """
    good: list[ImportRow] = []
    problems: list[tuple[int, str, dict]] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        row = index + 2
        value = {f: str(record.get(col) or "").strip() for f, col in fields.items()}
        if not any(value.values()) and not any(str(record.get(c) or "").strip() for c in year_cols.values()):
            continue  # a blank line
        bad = False
        for f in REQUIRED:
            if not value.get(f):
                problems.append((row, "plan.import.missing", {"field": f"plan.field.{f}"}))
                bad = True
        for f in ("strategy", "programme", "title"):
            if len(value.get(f, "")) > MAX_TEXT:
                problems.append((row, "plan.import.too_long", {"field": f"plan.field.{f}"}))
                bad = True
        line_no = value.get("line_no", "")
        if line_no and not LINE_NO.match(line_no):
            problems.append((row, "plan.import.bad_number", {"value": line_no[:30]}))
            bad = True
        elif line_no in seen:
            problems.append((row, "plan.import.duplicate_number", {"value": line_no, "other": seen[line_no]}))
            bad = True
        elif line_no:
            seen[line_no] = row
        unit = value.get("unit", "")
        unit_code = ""
        if unit:
            unit_code = known_units.get(unit) or known_units.get(unit.upper()) or ""
            if not unit_code:
                problems.append((row, "plan.import.unknown_unit", {"value": unit[:80]}))
                bad = True
        budgets: dict[int, Decimal] = {}
        for year, col in year_cols.items():
            try:
                amount = amount_of(record.get(col))
            except ValueError:
                problems.append(
                    (row, "plan.import.bad_amount", {"year": year, "value": str(record.get(col))[:30]})
                )
                bad = True
                continue
            if amount is not None:
                budgets[year] = amount
        if not bad:
            good.append(
                ImportRow(
                    row, value["strategy"], value["programme"], line_no, value["title"], unit_code, budgets
                )
            )
    return good, problems


def share_from_plan(total: int, from_plan: int) -> float | None:
    """Percent of projects carried out from the plan (None when there is no project)."""
    return None if total <= 0 else round(from_plan * 100.0 / total, 2)
