"""The two SLA clocks of a ticket (manual steps 15 and 16), computed from its event log only.

* **analysis**: from the report to "analysis done" (event ``finish_analysis``); paused while IT
  waits for the reporter during the analysis (``wait`` .. ``resume`` before the analysis is
  done). A report outside office hours counts from the next opening.
* **resolution**: starts when the analysis is done; paused while the ticket waits for the
  reporter (``wait`` .. ``resume`` after the analysis is done) and between a ``resolve`` and a
  ``reopen``; stops at the last ``resolve``.

A wait pauses only the clock running at that moment (see ``core.tickets.rules``). A queue row
shows the clock running now and that clock's own state (:func:`row_flag`), never the state of
the other clock beside its time.

Targets per type (settings key ``tickets.sla_targets``, in working minutes): a problem 10 + 10
working minutes; a new requirement 2 working hours + 15 working days, where "15 working days" is
``15 x WORKING_DAY`` (7 h) of office time (``core.workcalendar.working_days_to_duration``), so a
requirement whose analysis is done on Monday 10:00 is due at 10:00 on the 15th working day after,
later by any half-day closure in between.

Nothing here is stored: :func:`ticket_clocks` takes the events, the targets, the calendar and
``now``; a calendar change therefore moves every due time computed afterwards. ``ticket_sla`` in
the database is only a rebuilt copy of these results (see ``services.rebuild_sla``).

:class:`IndexedCalendar` gives the same answers as a ``WorkCalendar`` (checked by tests) with
constant-time arithmetic over a range of days, for rebuilding 100,000 tickets at once.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.errors import ValidationError
from core.workcalendar import WORKING_DAY, WorkCalendar, due_with_pauses, elapsed_with_pauses

NEAR_BREACH_SHARE = 0.2  # less than 20 % of the target left: highlighted


@dataclass(frozen=True)
class Targets:
    analysis: timedelta
    resolution: timedelta


DEFAULT_TARGETS: dict[str, Targets] = {
    "problem": Targets(timedelta(minutes=10), timedelta(minutes=10)),
    "requirement": Targets(timedelta(hours=2), 15 * WORKING_DAY),
}
SETTING_KEY = "tickets.sla_targets"
MAX_TARGET_MINUTES = 60 * 7 * 120  # 120 working days


def targets_to_setting(targets: Mapping[str, Targets]) -> dict:
    return {
        kind: {
            "analysis_minutes": t.analysis.total_seconds() / 60,
            "resolution_minutes": t.resolution.total_seconds() / 60,
        }
        for kind, t in targets.items()
    }


def targets_from_setting(value: object) -> dict[str, Targets]:
    """Targets from the stored setting; anything missing or unreadable takes the default."""
    result = dict(DEFAULT_TARGETS)
    if isinstance(value, dict):
        for kind in DEFAULT_TARGETS:
            entry = value.get(kind)
            try:
                result[kind] = Targets(
                    timedelta(minutes=float(entry["analysis_minutes"])),
                    timedelta(minutes=float(entry["resolution_minutes"])),
                )
            except (TypeError, KeyError, ValueError):
                continue
    return result


def check_targets(minutes: Mapping[str, tuple[float, float]]) -> dict[str, Targets]:
    """Targets typed in settings: type -> (analysis minutes, resolution minutes), each > 0."""
    checked = {}
    for kind in DEFAULT_TARGETS:
        if kind not in minutes:
            raise ValidationError("tickets.target_missing", type=f"tickets.type.{kind}")
        analysis, resolution = minutes[kind]
        for value in (analysis, resolution):
            if value is None or not (0 < float(value) <= MAX_TARGET_MINUTES):
                raise ValidationError("tickets.target_invalid", maximum=MAX_TARGET_MINUTES)
        checked[kind] = Targets(timedelta(minutes=float(analysis)), timedelta(minutes=float(resolution)))
    return checked


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str


@dataclass(frozen=True)
class Clock:
    """One SLA clock as of ``now``.

    ``state``: ``not_started`` (resolution before the analysis is done), ``running``, ``paused``,
    ``met``, ``breached`` or ``cancelled`` (the ticket was merged into another before the clock
    stopped). ``due`` is None while paused (unknown until work resumes) or not started.
    ``elapsed`` is the working time counted (to the stop, or to ``now``).
    """

    name: str
    state: str
    target: timedelta
    started_at: datetime | None
    due: datetime | None
    stopped_at: datetime | None
    elapsed: timedelta

    @property
    def remaining(self) -> timedelta:
        """Working time left (negative: the overrun)."""
        return self.target - self.elapsed

    @property
    def near_breach(self) -> bool:
        return self.state in ("running", "paused") and self.remaining < self.target * NEAR_BREACH_SHARE

    @property
    def decided(self) -> bool:
        return self.state in ("met", "breached")


def _state(stopped: bool, elapsed: timedelta, target: timedelta, paused: bool, cancelled: bool) -> str:
    if stopped:
        return "met" if elapsed <= target else "breached"
    if cancelled:
        return "cancelled"
    if elapsed > target:
        return "breached"
    return "paused" if paused else "running"


def ticket_clocks(
    reported_at: datetime, events: Iterable[Event], targets: Targets, calendar: WorkCalendar, now: datetime
) -> tuple[Clock, Clock]:
    """The analysis and resolution clocks of one ticket from its events (in time order)."""
    analysis_done: datetime | None = None
    merged = False
    pauses: list[tuple[datetime, datetime | None]] = []
    open_pause: datetime | None = None
    analysis_pauses: list[tuple[datetime, datetime | None]] = []
    analysis_open_pause: datetime | None = None
    resolution_stop: datetime | None = None
    for event in sorted(events, key=lambda e: e.at):
        kind = event.kind
        if kind == "finish_analysis" and analysis_done is None:
            if analysis_open_pause is not None:  # finished straight from waiting (not a usual path)
                analysis_pauses.append((analysis_open_pause, event.at))
                analysis_open_pause = None
            analysis_done = event.at
        elif analysis_done is None:
            if kind == "merge":
                merged = True
            elif kind == "wait" and analysis_open_pause is None:
                analysis_open_pause = event.at
            elif kind == "resume" and analysis_open_pause is not None:
                analysis_pauses.append((analysis_open_pause, event.at))
                analysis_open_pause = None
            continue
        elif kind == "wait" and open_pause is None and resolution_stop is None:
            open_pause = event.at
        elif kind == "resume" and open_pause is not None:
            pauses.append((open_pause, event.at))
            open_pause = None
        elif kind == "resolve" and resolution_stop is None:
            if open_pause is not None:  # resolved straight from waiting (not a usual path)
                pauses.append((open_pause, event.at))
                open_pause = None
            resolution_stop = event.at
        elif kind == "reopen" and resolution_stop is not None:
            pauses.append((resolution_stop, event.at))
            resolution_stop = None
        elif kind == "merge":
            merged = True

    # analysis
    a_end = analysis_done if analysis_done is not None else now
    a_all = analysis_pauses + ([(analysis_open_pause, None)] if analysis_open_pause is not None else [])
    if a_all:
        a_elapsed = max(elapsed_with_pauses(calendar, reported_at, a_end, a_all), timedelta())
        a_due = due_with_pauses(calendar, reported_at, targets.analysis, a_all)
    else:
        a_elapsed = calendar.working_time_between(reported_at, a_end)
        a_due = calendar.add_working_time(reported_at, targets.analysis)
    analysis = Clock(
        "analysis",
        _state(
            analysis_done is not None, a_elapsed, targets.analysis, analysis_open_pause is not None, merged
        ),
        targets.analysis,
        reported_at,
        a_due,
        analysis_done,
        a_elapsed,
    )

    # resolution
    if analysis_done is None:
        resolution = Clock(
            "resolution",
            "cancelled" if merged else "not_started",
            targets.resolution,
            None,
            None,
            None,
            timedelta(),
        )
        return analysis, resolution
    all_pauses = pauses + ([(open_pause, None)] if open_pause is not None else [])
    r_end = resolution_stop if resolution_stop is not None else now
    r_elapsed = max(elapsed_with_pauses(calendar, analysis_done, r_end, all_pauses), timedelta())
    due = due_with_pauses(calendar, analysis_done, targets.resolution, all_pauses)
    resolution = Clock(
        "resolution",
        _state(resolution_stop is not None, r_elapsed, targets.resolution, open_pause is not None, merged),
        targets.resolution,
        analysis_done,
        due,
        resolution_stop,
        r_elapsed,
    )
    return analysis, resolution


def active_clock(analysis: Clock, resolution: Clock) -> Clock:
    """The clock that matters now: the analysis until it stops, then the resolution."""
    return analysis if analysis.stopped_at is None and analysis.state != "cancelled" else resolution


def row_flag(status: str, clock: Clock) -> str:
    """What a queue row shows beside the clock running now (``active_clock``): ``done`` for a
    ticket resolved or closed, else that clock's own state: ``breached``, ``paused``, ``near``
    (less than 20 % left) or ``ok``. The other clock never colours the row."""
    if status in ("resolved", "closed", "merged"):
        return "done"
    if clock.state == "breached":
        return "breached"
    if clock.state == "paused":
        return "paused"
    if clock.near_breach:
        return "near"
    return "ok"


def working_time_left(calendar: WorkCalendar, clock: Clock, now: datetime) -> timedelta:
    """Working time from ``now`` to the due time (negative: overrun), or the frozen remainder
    of a paused clock."""
    if clock.state == "paused" or clock.due is None or clock.stopped_at is not None:
        return clock.remaining
    if now <= clock.due:
        return calendar.working_time_between(now, clock.due)
    return -calendar.working_time_between(clock.due, now)


class IndexedCalendar:
    """A ``WorkCalendar`` with its office time indexed over ``[first, last]`` days.

    Each moment has a position: the office time from the start of ``first`` to it. Working time
    between two moments is the difference of their positions; adding working time finds the
    earliest moment at the position reached. Moments outside the range are handed to the
    calendar itself, so results never differ from ``calendar``'s.
    """

    def __init__(self, calendar: WorkCalendar, first: date, last: date):
        self.calendar = calendar
        self.first = first
        self.last = last
        self._days: list[date] = []
        self._intervals: list[list[tuple[datetime, datetime]]] = []
        self._start: list[timedelta] = []  # position at the start of each day
        self._end: list[timedelta] = []  # position at the end of each day
        position = timedelta()
        day = first
        while day <= last:
            intervals = calendar._open_intervals(day)
            self._days.append(day)
            self._intervals.append(intervals)
            self._start.append(position)
            position += sum((end - start for start, end in intervals), timedelta())
            self._end.append(position)
            day += timedelta(days=1)

    def _covers(self, *moments: datetime) -> bool:
        return all(self.first <= m.date() <= self.last for m in moments)

    def _position(self, moment: datetime) -> timedelta:
        index = (moment.date() - self.first).days
        position = self._start[index]
        for start, end in self._intervals[index]:
            if moment <= start:
                break
            position += min(moment, end) - start
        return position

    def working_time_between(self, begin: datetime, end: datetime) -> timedelta:
        if end <= begin:
            return timedelta()
        if not self._covers(begin, end):
            return self.calendar.working_time_between(begin, end)
        return self._position(end) - self._position(begin)

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        if duration <= timedelta() or not self._covers(start):
            return self.calendar.add_working_time(start, duration)
        target = self._position(start) + duration
        index = bisect.bisect_left(self._end, target)
        if index >= len(self._days):
            return self.calendar.add_working_time(start, duration)
        position = self._start[index]
        for begin, end in self._intervals[index]:
            length = end - begin
            if position + length >= target:
                return begin + (target - position)
            position += length
        raise AssertionError("unreachable: the day's end position covers the target")

    def next_opening(self, moment: datetime) -> datetime:
        return self.calendar.next_opening(moment)
