"""Thai working-time calendar: when the town hall is open, and office-time arithmetic on it.

Two clocks in Pattana count only office time:

* ticket SLA clocks (manual step 15/16): a problem must be analysed within 10 working minutes
  and fixed within 10 more; a new requirement must be analysed within 2 working hours and
  delivered within 15 working days;
* project stage time standards, counted in working days.

A :class:`WorkCalendar` knows the weekly office hours (several periods a day, by default
Mon-Fri 08:30-12:00 and 13:00-16:30, i.e. a 7-hour :data:`WORKING_DAY`), whole-day closures
(Thai public holidays from the ``holidays`` package plus local additions such as
cabinet-declared bridge days), half-day closures, and local removals from the holiday list.

Conventions
-----------
* All datetimes are **naive local wall-clock times in Asia/Bangkok** (Thailand has no daylight
  saving, so naive arithmetic is exact). Timezone-aware datetimes are rejected.
* An office period ``(start, end)`` is half-open: open at ``start``, closed at ``end``
  (``is_open`` is true at 08:30 and false at 12:00).
* Working time is always counted from the next opening: a ticket reported on Sunday evening
  starts its clock on Monday 08:30.
* ``add_working_time(start, d)`` is the earliest moment, at or after ``next_opening(start)``,
  by which ``d`` of office time has passed since ``start``. A deadline falling exactly at the
  end of a period is that end (11:50 + 10 min is 12:00, not 13:00); a zero duration gives
  ``next_opening(start)``. Hence ``working_time_between(s, add_working_time(s, d)) == d``.
* Working days: a day is a working day when it has any office hours left after closures
  (a half-day closure still leaves a working day). ``add_working_days(d, n)`` is the n-th working
  day after ``d``; ``working_days_between(d1, d2)`` counts working days in ``(d1, d2]``.
* Only the years a calendar was built for know their holidays: build it with every year a
  clock may reach (e.g. this year and next).

Which package holidays close the town hall
------------------------------------------
:func:`thai_public_holidays` takes the ``public`` and ``government`` categories of the
``holidays`` package (``government`` adds the Royal Ploughing Ceremony, a day off for
government offices) and drops two public-category days that do not close a town hall:

* Children's Day (วันเด็กแห่งชาติ): a Saturday celebration, not a day off;
* Labour Day (วันแรงงานแห่งชาติ) and its substitution day: a day off for the private sector only;
  government offices are open.

Substitution days (ชดเชย..., "in lieu") and cabinet bridge days the package knows are kept.
Bridge days declared after the package release are entered locally as *additions*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

import holidays

Period = tuple[time, time]
"""An interval of wall-clock time within one day, ``start < end``, half-open."""

DEFAULT_OFFICE_HOURS: Mapping[int, tuple[Period, ...]] = MappingProxyType(
    {
        weekday: ((time(8, 30), time(12, 0)), (time(13, 0), time(16, 30)))
        for weekday in range(5)  # Monday..Friday
    }
)

WORKING_DAY = timedelta(hours=7)
"""Office time in a full default day: 08:30-12:00 (3.5 h) + 13:00-16:30 (3.5 h)."""

_ONE_DAY = timedelta(days=1)

# English names (as returned with language="en_US", "(in lieu)" stripped) and Thai names
# (with the "ชดเชย" substitution prefix stripped) of package holidays a town hall stays open on.
_OPEN_HOLIDAYS_EN = frozenset({"National Children's Day", "National Labor Day", "National Labour Day"})
_OPEN_HOLIDAYS_TH = frozenset({"วันเด็กแห่งชาติ", "วันแรงงานแห่งชาติ"})
_IN_LIEU_SUFFIX = " (in lieu)"
_THAI_SUBSTITUTION_PREFIX = "ชดเชย"


class CalendarError(ValueError):
    """Invalid calendar data or argument.

    ``code`` is a stable identifier the UI can translate; ``str(error)`` is an English message.
    Codes: ``invalid_weekday``, ``invalid_date``, ``invalid_period``, ``inverted_period``, ``overlapping_periods``,
    ``no_office_hours``, ``duplicate_date``, ``missing_name``, ``added_and_removed``,
    ``negative_duration``, ``negative_days``, ``aware_datetime``.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _validated_periods(periods: Iterable[Period], where: str) -> tuple[Period, ...]:
    """Periods sorted by start; each must be ``start < end`` and none may overlap another."""
    checked = []
    for period in periods:
        try:
            start, end = period
        except (TypeError, ValueError):
            raise CalendarError("invalid_period", f"{where}: {period!r} is not a (start, end) pair") from None
        if not (isinstance(start, time) and isinstance(end, time)) or start.tzinfo or end.tzinfo:
            raise CalendarError(
                "invalid_period", f"{where}: {period!r} must be two naive datetime.time values"
            )
        if not start < end:
            raise CalendarError(
                "inverted_period", f"{where}: period {start:%H:%M}-{end:%H:%M} must start before it ends"
            )
        checked.append((start, end))
    checked.sort()
    for (_, earlier_end), (later_start, later_end) in zip(checked, checked[1:]):
        if later_start < earlier_end:
            raise CalendarError(
                "overlapping_periods",
                f"{where}: period {later_start:%H:%M}-{later_end:%H:%M} overlaps the one "
                f"ending at {earlier_end:%H:%M}",
            )
    return tuple(checked)


def _subtract_periods(periods: tuple[Period, ...], closures: tuple[Period, ...]) -> tuple[Period, ...]:
    remaining = list(periods)
    for closed_start, closed_end in closures:
        pieces = []
        for start, end in remaining:
            if closed_end <= start or end <= closed_start:
                pieces.append((start, end))
                continue
            if start < closed_start:
                pieces.append((start, closed_start))
            if closed_end < end:
                pieces.append((closed_end, end))
        remaining = pieces
    return tuple(remaining)


def _validated_days(days: Iterable[date], where: str) -> None:
    for day in days:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise CalendarError("invalid_date", f"{where}: {day!r} must be a datetime.date (not a datetime)")


def _require_naive(*moments: datetime) -> None:
    for moment in moments:
        if moment.tzinfo is not None:
            raise CalendarError(
                "aware_datetime",
                f"{moment.isoformat()} is timezone-aware; use naive Asia/Bangkok wall-clock time",
            )


@dataclass(frozen=True)
class WorkCalendar:
    """Office hours and closures of one office; immutable, safe to share and cache.

    * ``office_hours``: weekday (0=Monday .. 6=Sunday) -> periods; a missing weekday is closed.
    * ``closed_days``: date -> name of a whole-day closure (public holiday or local addition).
    * ``partial_closures``: date -> periods closed that day (half-day closures).
    * ``opened_days``: dates struck off ``closed_days`` locally: such a day keeps its normal
      office hours although ``closed_days`` still names it (so the UI can show "holiday X,
      open by local decision"). It never opens a weekday that has no office hours.

    A whole-day closure wins over a partial closure on the same date. Periods are validated:
    ``start < end`` and no overlap within a day, else :class:`CalendarError`.
    """

    office_hours: Mapping[int, tuple[Period, ...]] = field(default_factory=lambda: DEFAULT_OFFICE_HOURS)
    closed_days: Mapping[date, str] = field(default_factory=dict)
    partial_closures: Mapping[date, tuple[Period, ...]] = field(default_factory=dict)
    opened_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        hours = {}
        for weekday, periods in self.office_hours.items():
            if weekday not in range(7):
                raise CalendarError(
                    "invalid_weekday", f"weekday {weekday!r} must be 0 (Monday) to 6 (Sunday)"
                )
            hours[weekday] = _validated_periods(periods, f"office hours of weekday {weekday}")
        if not any(hours.values()):
            raise CalendarError("no_office_hours", "the office must be open at least one period a week")
        _validated_days(self.closed_days, "closed days")
        _validated_days(self.partial_closures, "partial closures")
        _validated_days(self.opened_days, "opened days")
        partial = {
            day: _validated_periods(periods, f"closure on {day.isoformat()}")
            for day, periods in self.partial_closures.items()
        }
        object.__setattr__(self, "office_hours", MappingProxyType(dict(sorted(hours.items()))))
        object.__setattr__(self, "closed_days", MappingProxyType(dict(sorted(self.closed_days.items()))))
        object.__setattr__(self, "partial_closures", MappingProxyType(dict(sorted(partial.items()))))
        object.__setattr__(self, "opened_days", frozenset(self.opened_days))

    def __hash__(self) -> int:
        return hash(
            (
                tuple(self.office_hours.items()),
                tuple(self.closed_days.items()),
                tuple(self.partial_closures.items()),
                self.opened_days,
            )
        )

    # --- days -------------------------------------------------------------------------------

    def closure_name(self, day: date) -> str | None:
        """Name of the whole-day closure on ``day``, or ``None`` when it is not closed all day."""
        if day in self.opened_days:
            return None
        return self.closed_days.get(day)

    def open_periods(self, day: date) -> tuple[Period, ...]:
        """Office periods of ``day`` after whole-day and partial closures, in order."""
        if self.closure_name(day) is not None:
            return ()
        periods = self.office_hours.get(day.weekday(), ())
        closures = self.partial_closures.get(day)
        return _subtract_periods(periods, closures) if closures else periods

    def closing_time(self, day: date) -> time:
        """When the office closes on ``day``: the end of its last open period; on a closed day
        the end of that weekday's regular hours, else the latest closing of the week."""
        periods = self.open_periods(day) or self.office_hours.get(day.weekday(), ())
        if periods:
            return periods[-1][1]
        return max(p[-1][1] for p in self.office_hours.values() if p)

    def end_of_day(self, day: date) -> datetime:
        """A deadline "by the end of ``day``" as a moment: the calendar's closing time that day."""
        return datetime.combine(day, self.closing_time(day))

    def is_working_day(self, day: date) -> bool:
        """True when ``day`` has any office hours left after closures."""
        return bool(self.open_periods(day))

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it (a
        default that must be a working day, such as a review deadline, rolls forward to it).

        Beyond the years the calendar was built for only weekends close; a calendar that opens
        no day in ten years raises ``no_office_hours``.
        """
        for offset in range(3660):
            candidate = day + offset * _ONE_DAY
            if self.is_working_day(candidate):
                return candidate
        raise CalendarError("no_office_hours", f"no working day in the ten years from {day.isoformat()}")

    def working_day_length(self, day: date) -> timedelta:
        """Office time on ``day`` (7 h on a normal weekday, 3.5 h on a half day, 0 when closed)."""
        return sum((_span(start, end) for start, end in self.open_periods(day)), timedelta())

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (``day`` itself when ``n`` is 0).

        Used for stage time standards: a stage started on Monday with a 1-day standard is due
        on Tuesday if Tuesday is a working day. Raises on negative ``n``.
        """
        if n < 0:
            raise CalendarError("negative_days", f"cannot add a negative number of working days ({n})")
        while n > 0:
            day += _ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in ``(first, last]``; negative (minus those in ``(last, first]``) if ``last < first``.

        ``working_days_between(d, add_working_days(d, n)) == n``.
        """
        if last < first:
            return -self.working_days_between(last, first)
        count = 0
        day = first + _ONE_DAY
        while day <= last:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count

    # --- moments ----------------------------------------------------------------------------

    def _open_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        return [
            (datetime.combine(day, start), datetime.combine(day, end))
            for start, end in self.open_periods(day)
        ]

    def is_open(self, moment: datetime) -> bool:
        """True when the office is open at ``moment`` (open at a period's start, closed at its end)."""
        _require_naive(moment)
        return any(start <= moment < end for start, end in self._open_intervals(moment.date()))

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` itself when open, else the start of the next open period."""
        _require_naive(moment)
        day = moment.date()
        while True:
            for start, end in self._open_intervals(day):
                if moment < end:
                    return max(start, moment)
            day += _ONE_DAY

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment ``duration`` of office time after ``start`` (see module conventions).

        Counts from ``next_opening(start)``; a deadline landing on a period end is that end;
        zero gives ``next_opening(start)``. Walks day by day, so 15 working days cost about
        three weeks of iterations. Raises on a negative duration.
        """
        _require_naive(start)
        if duration < timedelta():
            raise CalendarError("negative_duration", f"cannot add a negative working time ({duration})")
        remaining = duration
        day = start.date()
        while True:
            for period_start, period_end in self._open_intervals(day):
                if period_end <= start:
                    continue
                counted_from = max(period_start, start)
                available = period_end - counted_from
                if remaining <= available:
                    return counted_from + remaining
                remaining -= available
            day += _ONE_DAY

    def working_time_between(self, begin: datetime, end: datetime) -> timedelta:
        """Office time in ``[begin, end)``; zero when ``end <= begin``."""
        _require_naive(begin, end)
        total = timedelta()
        if end <= begin:
            return total
        day = begin.date()
        while day <= end.date():
            for period_start, period_end in self._open_intervals(day):
                overlap = min(period_end, end) - max(period_start, begin)
                if overlap > timedelta():
                    total += overlap
            day += _ONE_DAY
        return total


def _span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


def working_days_to_duration(days: int | float, working_day: timedelta = WORKING_DAY) -> timedelta:
    """Working time of ``days`` full working days, for SLA targets given in days.

    "Delivered within 15 working days" becomes ``15 * 7 h`` of office time, so a requirement
    submitted on Monday 10:00 is due at 10:00 on the 15th working day after (later by any
    half-day closures in between). For a date-only deadline use ``add_working_days`` instead.
    """
    if days < 0:
        raise CalendarError("negative_days", f"cannot convert a negative number of working days ({days})")
    return days * working_day


# --- package holidays -------------------------------------------------------------------------


def _keeps_office_open(english_name: str | None, thai_name: str) -> bool:
    if english_name is not None and english_name.removesuffix(_IN_LIEU_SUFFIX) in _OPEN_HOLIDAYS_EN:
        return True
    return thai_name.removeprefix(_THAI_SUBSTITUTION_PREFIX) in _OPEN_HOLIDAYS_TH


def thai_public_holidays(years: int | Iterable[int]) -> dict[date, str]:
    """Days the town hall is closed per the ``holidays`` package: date -> Thai name, sorted.

    Public and government categories, minus Children's Day and Labour Day (and Labour Day's
    substitution day); see the module docstring. For 2026 (holidays 0.108): 23 public days
    + 1 government day (Royal Ploughing Ceremony) - Children's Day - Labour Day = 22 closed days. Several holidays on one date keep their names
    joined by ``"; "``, as the package does.
    """
    years = [years] if isinstance(years, int) else sorted(set(years))
    categories = ("public", "government")
    thai = holidays.country_holidays("TH", years=years, language="th", categories=categories)
    english = holidays.country_holidays("TH", years=years, language="en_US", categories=categories)
    closed = {}
    for day in sorted(thai):
        thai_names = thai.get_list(day)
        english_names = english.get_list(day)
        if len(english_names) != len(thai_names):  # cannot pair names: judge by Thai name alone
            english_names = [None] * len(thai_names)
        kept = [th for en, th in zip(english_names, thai_names) if not _keeps_office_open(en, th)]
        if kept:
            closed[day] = "; ".join(kept)
    return closed


def build_calendar(
    years: int | Iterable[int],
    additions: Iterable[tuple[date, str]] = (),
    removals: Iterable[date] = (),
    half_days: Iterable[tuple[date, time, time]] = (),
    office_hours: Mapping[int, tuple[Period, ...]] = DEFAULT_OFFICE_HOURS,
) -> WorkCalendar:
    """The office calendar: package holidays for ``years`` with the unit's local entries.

    * ``additions`` (date, name): extra whole-day closures, e.g. a cabinet bridge day; a name
      given for a package holiday replaces the package name. The same date twice is an error
      (``duplicate_date``); so is a blank name (``missing_name``).
    * ``removals``: package holidays the office is open on anyway, kept as ``opened_days``.
      Removing a date that is not a package holiday is ignored (the package may have dropped
      it in an update), but adding and removing the same date is an error (``added_and_removed``).
    * ``half_days`` (date, start, end): closed periods on that date; several per date allowed.
    """
    closed = thai_public_holidays(years)
    added: dict[date, str] = {}
    for day, name in additions:
        if day in added:
            raise CalendarError("duplicate_date", f"{day.isoformat()} is added twice")
        if not name or not name.strip():
            raise CalendarError("missing_name", f"the closure on {day.isoformat()} needs a name")
        added[day] = name.strip()
    removed = set(removals)
    conflicting = sorted(removed & added.keys())
    if conflicting:
        raise CalendarError("added_and_removed", f"{conflicting[0].isoformat()} is both added and removed")
    partial: dict[date, list[Period]] = {}
    for day, start, end in half_days:
        partial.setdefault(day, []).append((start, end))
    closed.update(added)
    return WorkCalendar(
        office_hours=office_hours,
        closed_days=closed,
        partial_closures={day: tuple(periods) for day, periods in partial.items()},
        opened_days=frozenset(removed & closed.keys()),
    )


# --- pausable SLA clocks ----------------------------------------------------------------------

Pause = tuple[datetime, datetime | None]
"""A pause of an SLA clock; an end of ``None`` means still paused."""


def _merged_pauses(pauses: Iterable[Pause]) -> list[tuple[datetime, datetime | None]]:
    """Pauses sorted and merged where they overlap or touch, so overlaps count once."""
    merged: list[list] = []
    for begin, end in sorted(pauses, key=lambda pause: pause[0]):
        _require_naive(begin)
        if end is not None:
            _require_naive(end)
        if end is not None and end < begin:
            raise CalendarError(
                "inverted_period", f"pause {begin.isoformat()} - {end.isoformat()} ends before it begins"
            )
        if merged and (merged[-1][1] is None or begin <= merged[-1][1]):
            if merged[-1][1] is not None and (end is None or end > merged[-1][1]):
                merged[-1][1] = end
            continue
        merged.append([begin, end])
    return [(begin, end) for begin, end in merged]


def elapsed_with_pauses(
    calendar: WorkCalendar, start: datetime, end: datetime, pauses: Iterable[Pause] = ()
) -> timedelta:
    """Office time from ``start`` to ``end`` outside pauses (a pause still open runs to ``end``)."""
    elapsed = calendar.working_time_between(start, end)
    for begin, pause_end in _merged_pauses(pauses):
        pause_end = end if pause_end is None else min(pause_end, end)
        elapsed -= calendar.working_time_between(max(begin, start), pause_end)
    return elapsed


def due_with_pauses(
    calendar: WorkCalendar, start: datetime, target: timedelta, pauses: Iterable[Pause] = ()
) -> datetime | None:
    """When a clock started at ``start`` reaches ``target`` of office time outside pauses.

    ``None`` while the clock is paused by an open pause (end ``None``) before reaching the
    target: the deadline is unknown until work resumes. Pausing never shortens a deadline: the
    result is never earlier than without the pauses.
    """
    remaining = target
    if remaining < timedelta():
        raise CalendarError("negative_duration", f"an SLA target cannot be negative ({target})")
    cursor = start
    for begin, end in _merged_pauses(pauses):
        if end is not None and end <= cursor:
            continue
        if begin > cursor:
            reached = calendar.add_working_time(cursor, remaining)
            if reached <= begin:
                return reached
            remaining -= calendar.working_time_between(cursor, begin)
        if end is None:
            return None
        cursor = end
    return calendar.add_working_time(cursor, remaining)
