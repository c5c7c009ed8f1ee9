"""Thai calendar conventions: Buddhist-Era dates, Thai month names, fiscal years, Thai digits.

The Thai fiscal year (ปีงบประมาณ) runs 1 October to 30 September and is named by the B.E. year
in which it ends: 24 Nov 2026 is 24 พ.ย. 2569 and falls in ปีงบประมาณ 2570.
"""

from __future__ import annotations

from datetime import date, datetime

from core.errors import ValidationError

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


# --- picking a day: the B.E. date input's rules ------------------------------------------------

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
THAI_WEEKDAYS = ("วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสบดี", "วันศุกร์", "วันเสาร์", "วันอาทิตย์")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

YEARS_BACK = 30
"""How many years before today a date field offers when it has no lower bound."""
YEARS_AHEAD = 10
"""How many years after today a date field offers when it has no upper bound."""


def is_leap_year(be: int) -> bool:
    """Whether the B.E. year ``be`` has a 29 February (2567 = 2024: yes; 2443 = 1900: no)."""
    year = ce_year(be)
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(month: int, be: int) -> int:
    """Days of ``month`` (1-12) in the B.E. year ``be``: ก.พ. 2569 has 28, ก.พ. 2571 has 29."""
    if month == 2:
        return 29 if is_leap_year(be) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_name(month: int, lang: str = "th", short: bool = False) -> str:
    """``พฤศจิกายน`` / ``พ.ย.`` in Thai, ``November`` / ``Nov`` in English."""
    if lang == "en":
        return (EN_MONTHS_ABBR if short else EN_MONTHS)[month - 1]
    return (THAI_MONTHS_ABBR if short else THAI_MONTHS)[month - 1]


def year_label(ce: int, lang: str = "th") -> str:
    """A year as people pick it: B.E. in Thai (``2569``), C.E. in English (``2026``), like
    ``format_date`` shows days in each language."""
    return str(ce) if lang == "en" else str(be_year(ce))


def weekday_name(d: date, lang: str = "th") -> str:
    return (EN_WEEKDAYS if lang == "en" else THAI_WEEKDAYS)[d.weekday()]


class DateRefusal(ValidationError):
    """A date someone picked that cannot be taken: an impossible day, one outside the field's
    range, or a day off where a working day is required.

    A ``ValidationError`` (message key and values) whose dates among the values
    are written in the reader's language (``24 พ.ย. 2569`` / ``24 Nov 2026``), ``month`` as the
    month's name and ``year`` (C.E.) as the year that language counts in.
    """

    def message(self, lang: str = "th", escape=None) -> str:
        from core.i18n import t

        values = {}
        for name, value in self.params.items():
            if isinstance(value, date):
                value = format_date(value, lang)
            elif name == "month" and isinstance(value, int):
                value = month_name(value, lang)
            elif name == "year" and isinstance(value, int):
                value = year_label(value, lang)
            elif name == "weekday" and isinstance(value, int):
                value = (EN_WEEKDAYS if lang == "en" else THAI_WEEKDAYS)[value]
            elif isinstance(value, str) and escape is not None:
                value = escape(value)
            values[name] = value
        return t(self.code, lang, **values)


def clip_date(value: date, min_value: date | None = None, max_value: date | None = None) -> date:
    """``value`` moved into ``[min_value, max_value]`` (either bound may be absent)."""
    if min_value is not None and value < min_value:
        value = min_value
    if max_value is not None and value > max_value:
        value = max_value
    return value


def year_range(today: date, min_value: date | None = None, max_value: date | None = None) -> range:
    """The C.E. years a date field offers: its bounds' years, else 30 years back and 10 ahead of
    ``today`` (a field whose bounds are reversed offers its lower bound's year only)."""
    first = min_value.year if min_value is not None else today.year - YEARS_BACK
    last = max_value.year if max_value is not None else today.year + YEARS_AHEAD
    if min_value is None and last < first:
        first = last - YEARS_BACK
    if max_value is None and last < first:
        last = first + YEARS_AHEAD
    return range(first, max(first, last) + 1)


def month_choices(min_value: date | None = None, max_value: date | None = None) -> list[int]:
    """Months a field offers: all twelve, or only those between the bounds when both fall in
    one year (a form cannot change the list when another selector changes)."""
    if min_value is not None and max_value is not None and min_value.year == max_value.year:
        return list(range(min_value.month, max(min_value.month, max_value.month) + 1))
    return list(range(1, 13))


def day_choices(min_value: date | None = None, max_value: date | None = None) -> list[int]:
    """Days a field offers: 1-31, or only those between the bounds when both fall in one month."""
    if (
        min_value is not None
        and max_value is not None
        and (min_value.year, min_value.month) == (max_value.year, max_value.month)
    ):
        return list(range(min_value.day, max(min_value.day, max_value.day) + 1))
    return list(range(1, 32))


def picked_date(
    day: int | None,
    month: int | None,
    year: int | None,
    *,
    min_value: date | None = None,
    max_value: date | None = None,
    optional: bool = False,
) -> date | None:
    """The day picked as day, month and C.E. year, or ``None`` when an optional field is left
    empty. Raises ``DateRefusal`` for a partly filled or empty required field
    (``dates.incomplete``), a day the month does not have (``dates.no_such_day``: 31 ก.พ.),
    and a day outside the bounds (``dates.before_min``, ``dates.after_max``)."""
    parts = (day, month, year)
    if all(p is None for p in parts) and optional:
        return None
    if any(p is None for p in parts):
        raise DateRefusal("dates.incomplete")
    days = days_in_month(month, be_year(year))
    if not 1 <= day <= days:
        raise DateRefusal("dates.no_such_day", day=day, month=month, year=year, days=days)
    value = date(year, month, day)
    if min_value is not None and value < min_value:
        raise DateRefusal("dates.before_min", min=min_value)
    if max_value is not None and value > max_value:
        raise DateRefusal("dates.after_max", max=max_value)
    return value


def nearest_date(
    day: int | None,
    month: int | None,
    year: int | None,
    min_value: date | None = None,
    max_value: date | None = None,
) -> date | None:
    """The real day nearest to a refused pick (31 ก.พ. -> the month's last day, then into the
    bounds), for a read-only filter that must go on showing something; ``None`` when a part is
    missing."""
    if day is None or month is None or year is None:
        return None
    value = date(year, month, min(day, days_in_month(month, be_year(year))))
    return clip_date(value, min_value, max_value)
