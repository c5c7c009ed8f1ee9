"""The Buddhist-Era date input every date field of the app uses (instead of ``st.date_input``,
whose calendar shows Christian-Era years and English month names only).

``be_date_input`` draws one compact row of three selectors under the field's label, day / month
/ year: in Thai the month by its Thai name and the year in B.E. (``24`` ``พฤศจิกายน`` ``2569``);
in English the English month name and the C.E. year, as every English screen writes dates
(``24 Nov 2026``). It gives back a ``datetime.date``, or ``None`` for an optional field left
empty (its selectors then read วัน / เดือน / ปี พ.ศ.).

Every date field sits in an ``st.form``, where a selector does not rerun the page, so the day
list cannot follow the month picked: the rules of ``core.thaidate`` (``picked_date``) decide on
submit, and a day the month does not have (31 ก.พ.), a day outside the field's bounds, or, where
a working day is required (``working_day=True``), a holiday or a weekend (named, with the next
working day: ``core.calendar_store.working_day_refusal``) is refused in Thai under the field.
While a field shows a refusal, ``ui.components.attempt`` holds back every write of the page, so
the page's own submit code needs nothing more. Years outside the bounds are never offered (and
months and days neither when both bounds fall in one year or month); a default that must be a
working day rolls forward to the next one (``WorkCalendar.next_working_day``).
"""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.form_utils import current_form_id

from core import calendar_store, thaidate
from core.thaidate import DateRefusal
from core.workcalendar import WorkCalendar
from ui.components import hold_writes, md, release_writes
from ui.context import database, language, now, tr


def _calendar(day: date) -> WorkCalendar:
    with database().read() as cur:
        return calendar_store.calendar_around(cur, day)


def _day_of(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _position(options: list, wanted) -> int:
    return options.index(wanted) if wanted in options else 0


def be_date_input(
    label: str,
    value: date | datetime | None = None,
    *,
    min_value: date | None = None,
    max_value: date | None = None,
    key: str | None = None,
    working_day: bool = False,
    help: str | None = None,  # noqa: A002 - the name st.date_input uses
    optional: bool | None = None,
    where: DeltaGenerator | None = None,
) -> date | None:
    """A date field in B.E. with Thai month names (see the module docstring).

    ``value``: the default (``None``: an empty optional field); ``optional``: whether the field
    may be left empty (default: when ``value`` is ``None``); ``working_day``: refuse days the
    office is closed and roll the default forward to a working day; ``where``: the container
    or column to draw in (default: the current one); ``key``: the selectors' key prefix
    (default: the form's key and the label, unique per form).
    """
    lang = language()
    min_value, max_value = _day_of(min_value), _day_of(max_value)
    value = _day_of(value)
    optional = value is None if optional is None else optional
    if value is not None:
        if working_day:
            value = _calendar(value).next_working_day(value)
        value = thaidate.clip_date(value, min_value, max_value)
    years = list(thaidate.year_range(now().date(), min_value, max_value))
    months = thaidate.month_choices(min_value, max_value)
    days = thaidate.day_choices(min_value, max_value)
    if optional:
        years, months, days = [None, *years], [None, *months], [None, *days]
    elif value is None:
        value = thaidate.clip_date(now().date(), min_value, max_value)

    box = (where if where is not None else st).container(gap="xxsmall")
    base = key or f"be_date:{current_form_id(box)}:{label}"
    hints = [text for text in (help, tr("dates.working_day_help") if working_day else None) if text]
    box.markdown(f":small[{md(label)}]", help="\n\n".join(hints) or None)
    # fixed widths in a wrapping row: compact beside other fields, and in a narrow column the
    # year goes to the next line instead of the month's name being cut off
    row = box.container(horizontal=True, gap="xsmall", wrap=True)
    parts = (
        ("day", days, value.day if value else None, str, 72),
        ("month", months, value.month if value else None, lambda m: thaidate.month_name(m, lang), 124),
        ("year", years, value.year if value else None, lambda y: thaidate.year_label(y, lang), 92),
    )
    picked_day, picked_month, picked_year = (
        row.selectbox(
            f"{label} ({tr(f'dates.part.{part}')})",
            options,
            index=_position(options, current),
            format_func=lambda v, part=part, show=show: tr(f"dates.empty.{part}") if v is None else show(v),
            key=f"{base}.{part}",
            placeholder=tr(f"dates.empty.{part}"),
            label_visibility="collapsed",
            width=width,
        )
        for part, options, current, show, width in parts
    )
    try:
        picked = thaidate.picked_date(
            picked_day, picked_month, picked_year, min_value=min_value, max_value=max_value, optional=optional
        )
        if working_day and picked is not None:
            refusal = calendar_store.working_day_refusal(_calendar(picked), picked)
            if refusal is not None:
                raise refusal
    except DateRefusal as refusal:
        reason = refusal.message(lang, escape=md)
        box.error(reason)
        hold_writes(f"{base}.day", tr("dates.refused", field=md(label), reason=reason))
        return thaidate.nearest_date(picked_day, picked_month, picked_year, min_value, max_value)
    release_writes(f"{base}.day")
    return picked
