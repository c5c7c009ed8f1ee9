"""The town hall's working calendar as stored: local holiday additions, removals, half days.

``load_calendar(cur, years)`` builds a ``WorkCalendar`` from the ``holidays`` package plus the
rows of ``calendar_adjustments``; the IT head manages those rows (``add_adjustment``,
``remove_adjustment``), each change audited. SLA clocks are computed from the calendar on every
read; dates other areas store (the planned and due days of project stages) follow a change in
the same transaction, through the ``followers`` the caller passes (``core.areas.calendar_followers()``:
each area's ``FOLLOWS_CALENDAR``); so a holiday change moves due times at once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from functools import lru_cache

import duckdb

from core import audit, settings
from core.actor import Actor
from core.db import Database, rows_as_dicts
from core.errors import NotFound, ValidationError
from core.permissions import require
from core.thaidate import DateRefusal
from core.workcalendar import DEFAULT_OFFICE_HOURS, CalendarError, WorkCalendar, build_calendar

ADJUSTMENT_KINDS = ("closed", "open", "half_day")
OFFICE_HOURS_KEY = "calendar.office_hours"


def _hours_from_setting(value) -> tuple:
    """The stored office hours as ``((weekday, ((start, end), ...)), ...)``; None: the default."""
    if not value:
        return tuple(sorted(DEFAULT_OFFICE_HOURS.items()))
    return tuple(
        sorted(
            (int(day), tuple((time.fromisoformat(s), time.fromisoformat(e)) for s, e in periods))
            for day, periods in value.items()
        )
    )


def _stored_hours(cur: duckdb.DuckDBPyConnection):
    # fetchall: a half-read result would block the caller's next statement on this cursor
    rows = cur.execute("SELECT value_json FROM settings WHERE key = ?", [OFFICE_HOURS_KEY]).fetchall()
    return json.loads(rows[0][0]) if rows else None


def office_hours(cur: duckdb.DuckDBPyConnection) -> dict[int, tuple[tuple[time, time], ...]]:
    """Office periods per weekday (0 Monday .. 6 Sunday) as stored, else Mon-Fri 08:30-12:00, 13:00-16:30."""
    return dict(_hours_from_setting(_stored_hours(cur)))


def parse_periods(text: str) -> list[tuple[time, time]]:
    """``"08:30-12:00, 13:00-16:30"`` as periods; empty text: closed that day."""
    periods = []
    for part in [p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip()]:
        try:
            start, end = (time.fromisoformat(x.strip().replace(".", ":").zfill(5)) for x in part.split("-"))
        except ValueError as exc:
            raise ValidationError("calendar.hours_format", text=part) from exc
        periods.append((start, end))
    return periods


def format_periods(periods) -> str:
    return ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in periods)


def check_office_hours(hours: dict[int, list[tuple[time, time]]]) -> dict[int, tuple[tuple[time, time], ...]]:
    """Pure check: periods start before they end and do not overlap within a day; some day open."""
    clean: dict[int, tuple[tuple[time, time], ...]] = {}
    for day, periods in hours.items():
        if int(day) not in range(7):
            raise ValidationError("calendar.weekday_invalid")
        ordered = sorted((start, end) for start, end in periods)
        for start, end in ordered:
            if start >= end:
                raise ValidationError(
                    "calendar.hours_inverted", start=start.strftime("%H:%M"), end=end.strftime("%H:%M")
                )
        for (s1, e1), (s2, e2) in zip(ordered, ordered[1:]):
            if s2 < e1:
                raise ValidationError(
                    "calendar.hours_overlap", first=f"{s1:%H:%M}-{e1:%H:%M}", second=f"{s2:%H:%M}-{e2:%H:%M}"
                )
        if ordered:
            clean[int(day)] = tuple(ordered)
    if not clean:
        raise ValidationError("calendar.hours_none")
    return clean


def set_office_hours(
    db: Database, actor: Actor, now: datetime, hours: dict[int, list[tuple[time, time]]]
) -> None:
    """Store the office periods of each weekday (several a day, a Saturday counter allowed);
    audited with the old and new hours. SLA clocks and deadlines follow at once."""
    require(actor.roles, "calendar.edit")
    clean = check_office_hours(hours)
    value = {
        str(day): [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in periods]
        for day, periods in sorted(clean.items())
    }
    db.write(lambda cur: settings.put(cur, OFFICE_HOURS_KEY, value, actor=actor, now=now))


# A function ``(cur, now)`` that recomputes dates an area stores after a calendar change, within
# the change's transaction.
Follower = Callable[[duckdb.DuckDBPyConnection, datetime], object]


def list_adjustments(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute("SELECT * FROM calendar_adjustments ORDER BY day, id")
    return rows_as_dicts(cur)


def _adjustment_key(cur: duckdb.DuckDBPyConnection) -> tuple:
    return tuple(
        (r["day"], r["kind"], r["start_time"], r["end_time"], r["name"]) for r in list_adjustments(cur)
    )


@lru_cache(maxsize=32)
def _build(years: tuple[int, ...], adjustments: tuple, hours: tuple = ()) -> WorkCalendar:
    additions = [
        (day, name or "วันหยุดราชการเพิ่มเติม") for day, kind, _s, _e, name in adjustments if kind == "closed"
    ]
    removals = [day for day, kind, *_ in adjustments if kind == "open"]
    half_days = [(day, start, end) for day, kind, start, end, _n in adjustments if kind == "half_day"]
    return build_calendar(
        years,
        additions=additions,
        removals=removals,
        half_days=half_days,
        office_hours=dict(hours) if hours else DEFAULT_OFFICE_HOURS,
    )


# The last cursor's stored inputs, per thread: the home page's work list asks for the calendar
# seven times within one read (once per area), and each read cost 1.3 ms (issue 18). Holding the
# cursor keeps its identity from being reused by a later one; the adjustment writes forget it.
_last_read = threading.local()


def _stored_inputs(cur: duckdb.DuckDBPyConnection) -> tuple[tuple, object]:
    """The adjustments (as ``_adjustment_key``) and the stored office hours, in one statement,
    read once per cursor (a cursor is one unit of work)."""
    last = getattr(_last_read, "value", None)
    if last is not None and last[0] is cur:
        return last[1]
    inputs = _read_stored_inputs(cur)
    _last_read.value = (cur, inputs)
    return inputs


def _forget_stored_inputs() -> None:
    _last_read.value = None


def _read_stored_inputs(cur: duckdb.DuckDBPyConnection) -> tuple[tuple, object]:
    adjustments, hours = cur.execute(
        "SELECT (SELECT list({'day': day, 'kind': kind, 'start_time': start_time, 'end_time': end_time, 'name': name} ORDER BY day, id)"
        " FROM calendar_adjustments), (SELECT value_json FROM settings WHERE key = ?)",
        [OFFICE_HOURS_KEY],
    ).fetchall()[0]  # fetchall: a half-read result blocks the cursor
    key = tuple((a["day"], a["kind"], a["start_time"], a["end_time"], a["name"]) for a in adjustments or ())
    return key, json.loads(hours) if hours else None


def load_calendar(cur: duckdb.DuckDBPyConnection, years: range | list[int] | tuple[int, ...]) -> WorkCalendar:
    """The working calendar for the given C.E. years, with the local adjustments applied."""
    adjustments, hours = _stored_inputs(cur)
    return _build(tuple(sorted(set(years))), adjustments, _hours_from_setting(hours))


def calendar_around(
    cur: duckdb.DuckDBPyConnection, moment: date | datetime, *, years_before: int = 1, years_after: int = 1
) -> WorkCalendar:
    """A calendar covering the years around ``moment`` (enough for any clock in the manual)."""
    return load_calendar(cur, range(moment.year - years_before, moment.year + years_after + 1))


def calendar_covering(cur: duckdb.DuckDBPyConnection, days: Iterable[date | datetime]) -> WorkCalendar:
    """One calendar for a list of records: the years around every one of ``days`` (as
    ``calendar_around`` gives for each), read from the database once. ``days`` is not empty."""
    years = {year for day in days for year in range(day.year - 1, day.year + 2)}
    if not years:
        raise ValueError("calendar_covering needs at least one day")
    return load_calendar(cur, years)


def working_day_refusal(calendar: WorkCalendar, day: date) -> DateRefusal | None:
    """Why ``day`` cannot be taken where a working day is required (a review deadline), or
    ``None`` on a working day: a holiday by its name (``dates.holiday``), any other closed day by
    its weekday (``dates.day_off``); the refusal names the next working day to pick instead."""
    if calendar.is_working_day(day):
        return None
    following = calendar.next_working_day(day)
    name = calendar.closure_name(day)
    if name:
        return DateRefusal("dates.holiday", day=day, name=name, next=following)
    return DateRefusal("dates.day_off", day=day, weekday=day.weekday(), next=following)


def add_adjustment(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    day: date,
    kind: str,
    name: str,
    start_time: time | None = None,
    end_time: time | None = None,
    followers: Sequence[Follower] = (),
) -> int:
    """Add a local closure (``closed``), an opening of a listed holiday (``open``) or a half-day
    closure (``half_day`` with its closed period); checked against the rest before it is kept."""
    require(actor.roles, "calendar.edit")
    if kind not in ADJUSTMENT_KINDS:
        raise ValidationError("calendar.kind_invalid")
    label = (name or "").strip()
    if kind in ("closed", "half_day") and not label:
        raise ValidationError("calendar.name_required")
    if len(label) > 200:
        raise ValidationError("error.too_long", field="field.name", maximum=200)
    if kind == "half_day":
        if start_time is None or end_time is None:
            raise ValidationError("calendar.period_required")
    else:
        start_time = end_time = None

    def work(cur):
        proposed = _adjustment_key(cur) + ((day, kind, start_time, end_time, label),)
        try:
            _build((day.year,), proposed)
        except CalendarError as error:
            raise ValidationError(f"calendar.{error.code}") from error
        new_id = cur.execute(
            "INSERT INTO calendar_adjustments (day, kind, start_time, end_time, name, created_by,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [day, kind, start_time, end_time, label, actor.username, now],
        ).fetchone()[0]
        _forget_stored_inputs()  # the followers below read the calendar with the new day
        audit.record(
            cur,
            actor=actor.username,
            action="calendar.add",
            entity="calendar",
            entity_id=new_id,
            at=now,
            detail={"day": day, "kind": kind, "start": start_time, "end": end_time, "name": label},
        )
        for follow in followers:
            follow(cur, now)
        return new_id

    return db.write(work)


def remove_adjustment(
    db: Database, actor: Actor, now: datetime, adjustment_id: int, followers: Sequence[Follower] = ()
) -> None:
    require(actor.roles, "calendar.edit")

    def work(cur):
        cur.execute("SELECT * FROM calendar_adjustments WHERE id = ?", [adjustment_id])
        rows = rows_as_dicts(cur)
        if not rows:
            raise NotFound("calendar.not_found")
        cur.execute("DELETE FROM calendar_adjustments WHERE id = ?", [adjustment_id])
        _forget_stored_inputs()
        audit.record(
            cur,
            actor=actor.username,
            action="calendar.remove",
            entity="calendar",
            entity_id=adjustment_id,
            at=now,
            detail=rows[0],
        )
        for follow in followers:
            follow(cur, now)

    db.write(work)
