"""Filling the B.E. date input (ui/dates.py) in AppTests: a date field is three selectors, day /
month / year, labelled "<field> (วัน)", "<field> (เดือน)", "<field> (ปี พ.ศ.)" (their values are the
day, the month number and the C.E. year; the screen shows the Thai month and the B.E. year)."""

from __future__ import annotations

from datetime import date

PARTS = ("วัน", "เดือน", "ปี พ.ศ.")


def date_field(at, label: str, index: int = 0) -> list:
    """The day, month and year selectors of the ``index``-th date field with this label."""
    found = []
    for part in PARTS:
        matches = [s for s in at.selectbox if s.label == f"{label} ({part})"]
        assert len(matches) > index, f"no date field {label!r} on the page"
        found.append(matches[index])
    return found


def set_date(
    at, label: str, day: int | None, month: int | None = None, year: int | None = None, index: int = 0
):
    """Pick a day (a ``date``, or day, month and C.E. year separately, which may make an
    impossible day such as 31 February); ``None`` leaves an optional field empty. Does not run."""
    if isinstance(day, date):
        day, month, year = day.day, day.month, day.year
    for selector, value in zip(date_field(at, label, index), (day, month, year)):
        selector.set_value(value)
    return at


def shown_date(at, label: str, index: int = 0) -> str:
    """What the field shows, as a person reads it: "24 พฤศจิกายน 2569"."""
    day, month, year = date_field(at, label, index)
    return " ".join(s.format_func(s.value) for s in (day, month, year))
