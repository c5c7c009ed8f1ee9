"""Pure rules of the stage tracker (manual steps 4-12): order, time standards, plan, waivers.

No database here: functions take plain values, a ``WorkCalendar`` and ``today``.

Counting working days
---------------------
* Time spent on a stage is the number of working days in ``[start, end]``, both days counted
  (a validation meeting held and finished on one Monday took 1 working day).
* A **minimum** standard ("at least N days") is met when the time spent is at least N working
  days; a stage finished faster is *rushed* and needs a recorded reason (a waiver).
* A **deadline** standard ("within N days") starts its clock on the day the previous stage
  finished (for stage 4: the approval day) and falls due N working days later, the working
  calendar's convention (``add_working_days``: "within 1 day" of a Monday is Tuesday). A deadline
  stage not finished by then is overdue.
* One month of the manual is taken as **22 working days**: an average month has 30.4 days, i.e.
  21.7 weekdays; rounding up keeps "at least one month" from being undercounted in months with
  few holidays (months with Thai holidays have 19-21 working days, so 22 working days is about
  one calendar month and one or two days).

The plan
--------
When a project is created each stage gets a planned start and end: stage 4 starts on the first
working day after approval; each stage lasts its standard (a minimum stage N working days
including its first day, a deadline stage up to its deadline) and the next stage starts on the
following working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.errors import ValidationError
from core.workcalendar import WorkCalendar

STAGES: tuple[int, ...] = (4, 5, 6, 7, 8, 9, 10, 11, 12)
GATES: frozenset[int] = frozenset({7, 9})
FIRST, LAST = STAGES[0], STAGES[-1]
KINDS = ("deadline", "minimum")
WORKING_DAYS_PER_MONTH = 22
SETTINGS_KEY = "stages.time_standards"
DUE_SOON_WORKING_DAYS = 3
MAX_STANDARD_DAYS = 250


@dataclass(frozen=True)
class Standard:
    days: int
    kind: str  # "deadline" | "minimum"


DEFAULT_STANDARDS: dict[int, Standard] = {
    4: Standard(WORKING_DAYS_PER_MONTH, "minimum"),   # requirements survey: at least 1 month
    5: Standard(WORKING_DAYS_PER_MONTH, "minimum"),   # analysis and design: at least 1 month
    6: Standard(WORKING_DAYS_PER_MONTH, "minimum"),   # prototype: at least 1 month
    7: Standard(1, "minimum"),                        # prototype validation: at least 1 day
    8: Standard(WORKING_DAYS_PER_MONTH, "minimum"),   # development: at least 1 month
    9: Standard(1, "minimum"),                        # user testing: at least 1 day
    10: Standard(1, "minimum"),                       # installation: at least 1 day
    11: Standard(3, "deadline"),                      # manual 2 days + training 1 day
    12: Standard(1, "deadline"),                      # launch letter within 1 day
}


def stage_key(stage_no: int) -> str:
    """The text key of a stage's name (``stage.name.4`` ... ``stage.name.12``)."""
    return STAGE_NAME_KEYS[stage_no]


STAGE_NAME_KEYS = {n: f"stage.name.{n}" for n in STAGES}


def predecessor(stage_no: int) -> int | None:
    """The stage that must finish first (stages run in the manual's order)."""
    return None if stage_no == FIRST else stage_no - 1


def standards_from_setting(value: object) -> dict[int, Standard]:
    """Standards as stored (``{"4": {"days": 22, "kind": "minimum"}, ...}``) over the defaults."""
    result = dict(DEFAULT_STANDARDS)
    if isinstance(value, dict):
        for key, item in value.items():
            try:
                stage = int(key)
                if stage in result and isinstance(item, dict) and item.get("kind") in KINDS:
                    days = int(item["days"])
                    if 1 <= days <= MAX_STANDARD_DAYS:
                        result[stage] = Standard(days, item["kind"])
            except (TypeError, ValueError, KeyError):
                continue
    return result


def standards_to_setting(standards: dict[int, Standard]) -> dict:
    return {str(n): {"days": s.days, "kind": s.kind} for n, s in sorted(standards.items())}


def validate_standards(standards: dict[int, Standard]) -> dict[int, Standard]:
    """Every stage 4..12 with 1..250 working days and a known kind; else ``ValidationError``."""
    if set(standards) != set(STAGES):
        raise ValidationError("stage.standards_incomplete")
    for stage, std in standards.items():
        if std.kind not in KINDS:
            raise ValidationError("stage.standard_kind_invalid", stage=stage)
        if not isinstance(std.days, int) or not 1 <= std.days <= MAX_STANDARD_DAYS:
            raise ValidationError("stage.standard_days_invalid", stage=stage, maximum=MAX_STANDARD_DAYS)
    return dict(sorted(standards.items()))


# ----------------------------------------------------------------------------- working days
def first_working_day_on_or_after(cal: WorkCalendar, day: date) -> date:
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def spent_working_days(cal: WorkCalendar, start: date, end: date) -> int:
    """Working days in ``[start, end]`` (both counted); 0 when ``end < start``."""
    if end < start:
        return 0
    return cal.working_days_between(start - timedelta(days=1), end)


def due_date(cal: WorkCalendar, clock_start: date, std: Standard) -> date | None:
    """When a deadline stage falls due, its clock started on ``clock_start``; None for minimums."""
    if std.kind != "deadline":
        return None
    return cal.add_working_days(clock_start, std.days)


def is_rushed(cal: WorkCalendar, start: date, end: date, std: Standard) -> bool:
    """A minimum stage finished in fewer working days than its standard."""
    return std.kind == "minimum" and spent_working_days(cal, start, end) < std.days


def is_overdue(due: date | None, end: date | None, today: date) -> bool:
    """A deadline stage finished after its due day, or still open after it."""
    if due is None:
        return False
    return (end if end is not None else today) > due


def plan(cal: WorkCalendar, approved_on: date, standards: dict[int, Standard]) -> dict[int, tuple[date, date]]:
    """Planned (start, end) of each stage for a project approved on ``approved_on``."""
    result: dict[int, tuple[date, date]] = {}
    start = cal.add_working_days(approved_on, 1)
    for stage in STAGES:
        std = standards[stage]
        if std.kind == "minimum":
            end = cal.add_working_days(start, std.days - 1)
        else:
            end = cal.add_working_days(start, std.days)
        result[stage] = (start, end)
        start = cal.add_working_days(end, 1)
    return result


# ----------------------------------------------------------------------------- recording dates
@dataclass(frozen=True)
class StageDates:
    """What the rules need to know about one stage to judge new dates."""

    stage_no: int
    start: date | None
    end: date | None


def check_dates(stage_no: int, new_start: date | None, new_end: date | None, *,
                previous: StageDates | None, following: StageDates | None, today: date,
                std: Standard, cal: WorkCalendar, waiver_reason: str | None) -> bool:
    """Refuse dates that break the manual's order; return whether the stage is rushed.

    * a start is needed, not in the future; an end not before the start, not in the future;
    * a stage starts only once the one before finished, and not before that day;
    * a gate stage (7, 9) is never finished by hand: only its sign-off closes it;
    * once the next stage has started, this stage's dates stay as they are;
    * a minimum stage finished faster than its standard needs a waiver reason.
    """
    if new_start is None:
        raise ValidationError("stage.start_required")
    if new_start > today:
        raise ValidationError("stage.date_in_future")
    if new_end is not None and stage_no in GATES:
        raise ValidationError("stage.gate_needs_signoff", stage=stage_no)
    if previous is not None:
        if previous.end is None:
            raise ValidationError("stage.previous_not_finished", stage=stage_no, previous=previous.stage_no)
        if new_start < previous.end:
            raise ValidationError("stage.start_before_previous_end", stage=stage_no, previous=previous.stage_no)
    if following is not None and following.start is not None:
        raise ValidationError("stage.next_already_started", stage=stage_no, next=following.stage_no)
    if new_end is None:
        return False
    if new_end < new_start:
        raise ValidationError("stage.end_before_start")
    if new_end > today:
        raise ValidationError("stage.date_in_future")
    rushed = is_rushed(cal, new_start, new_end, std)
    if rushed and not (waiver_reason or "").strip():
        raise ValidationError("stage.waiver_required", stage=stage_no, days=std.days,
                              spent=spent_working_days(cal, new_start, new_end))
    return rushed


def current_stage(ends: dict[int, date | None]) -> int | None:
    """The first stage not finished (None when every stage is finished)."""
    for stage in STAGES:
        if ends.get(stage) is None:
            return stage
    return None


def traffic_light(*, live: bool, overdue: bool, behind_plan: bool) -> str:
    """``live`` (in service), ``red`` (a deadline missed), ``amber`` (behind the plan), ``green``."""
    if live:
        return "live"
    if overdue:
        return "red"
    if behind_plan:
        return "amber"
    return "green"


def stage_status(stage_no: int, start: date | None, end: date | None) -> str:
    """``done``, ``waiting_signoff`` (a started gate), ``in_progress`` or ``not_started``."""
    if end is not None:
        return "done"
    if start is None:
        return "not_started"
    return "waiting_signoff" if stage_no in GATES else "in_progress"
