"""Thai calendar conventions: Buddhist-Era dates, Thai month names, fiscal years, Thai digits.

The Thai fiscal year (ปีงบประมาณ) runs 1 October to 30 September and is named by the B.E. year
in which it ends: 24 Nov 2026 is 24 พ.ย. 2569 and falls in ปีงบประมาณ 2570.
"""

from __future__ import annotations

from datetime import date, datetime

BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
EN_MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def be_year(ce_year: int) -> int:
    """The Buddhist-Era year of a Common-Era year (2026 -> 2569)."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """The Common-Era year of a Buddhist-Era year (2569 -> 2026)."""
    return be - BE_OFFSET


def fiscal_year(d: date | datetime) -> int:
    """The Thai fiscal year (B.E.) a day belongs to: October onwards counts to the next year."""
    return be_year(d.year) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """First and last day of a fiscal year given in B.E. (2570 -> 1 Oct 2026, 30 Sep 2027)."""
    end_ce = ce_year(fy_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def to_thai_digits(text: object) -> str:
    """Arabic digits to Thai digits (for printed official documents)."""
    return str(text).translate(_THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Thai digits back to Arabic digits (input typed with a Thai keyboard)."""
    return text.translate(_ARABIC_DIGITS)


def format_date(
    d: date | datetime | None, lang: str = "th", style: str = "short", thai_digits: bool = False
) -> str:
    """A day as people read it: ``24 พ.ย. 2569`` (short), ``24 พฤศจิกายน 2569`` (long).

    English: ``24 Nov 2026``. ``None`` gives an empty string.
    """
    if d is None:
        return ""
    if lang == "en":
        return f"{d.day} {EN_MONTHS_ABBR[d.month - 1]} {d.year}"
    months = THAI_MONTHS if style == "long" else THAI_MONTHS_ABBR
    text = f"{d.day} {months[d.month - 1]} {be_year(d.year)}"
    return to_thai_digits(text) if thai_digits else text


def format_datetime(dt: datetime | None, lang: str = "th") -> str:
    """A moment as ``24 พ.ย. 2569 09:05 น.`` (Thai) or ``24 Nov 2026 09:05`` (English)."""
    if dt is None:
        return ""
    suffix = " น." if lang == "th" else ""
    return f"{format_date(dt, lang)} {dt:%H:%M}{suffix}"


def format_fiscal_year(fy_be: int, lang: str = "th") -> str:
    """``ปีงบประมาณ 2570`` or ``FY 2570 (B.E.)``."""
    return f"ปีงบประมาณ {fy_be}" if lang == "th" else f"FY {fy_be} (B.E.)"


def format_month(year: int, month: int, lang: str = "th") -> str:
    """A month as ``พ.ย. 2569`` or ``Nov 2026``."""
    if lang == "en":
        return f"{EN_MONTHS_ABBR[month - 1]} {year}"
    return f"{THAI_MONTHS_ABBR[month - 1]} {be_year(year)}"


def parse_be_date(text: str) -> date:
    """Parse ``d/m/yyyy`` with a B.E. year (Thai digits allowed): ``24/11/2569`` -> 2026-11-24.

    Raises ``ValueError`` on anything else.
    """
    parts = to_arabic_digits(text.strip()).split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a d/m/yyyy date: {text!r}")
    day, month, year = (int(p) for p in parts)
    if year < 2400:
        raise ValueError(f"year {year} is not a Buddhist-Era year")
    return date(ce_year(year), month, day)
