"""Pure rules of the stage tracker (manual steps 4-12): order, time standards, plan, waivers.

No database here: functions take plain values, a ``WorkCalendar`` and ``today``.

Counting working days
---------------------
* Time spent on a stage is the number of working days in ``[start, end]``, both days counted
  (a validation meeting held and finished on one Monday took 1 working day).
* A **minimum** standard is judged as a minimum, in the manual's own terms:
  "at least N days" is met when the time spent is at least N working days; "at least N months"
  is met when the stage lasted N calendar months: the day after its end is on or after the same
  day N months after its start (``dateutil.relativedelta``: 1-31 October is one month, 31 January
  to 27 February is one month, since 31 January + 1 month = 28 February). A stage finished
  faster is *rushed* and needs a recorded reason (a waiver). A minimum stage is never "late":
  the dashboard shows it as "not rushed" or "waived", and "on time" only for deadline stages.
* A **deadline** standard ("within N days") starts its clock on the day the previous stage
  finished (for stage 4: the approval day) and falls due N working days later, the working
  calendar's convention (``add_working_days``: "within 1 day" of a Monday is Tuesday). A deadline
  stage not finished by then is overdue.
* Standards stored before months existed said "22 working days" for "at least 1 month"; such a
  stored value (22 days, minimum, no unit) is read as 1 month.

The plan
--------
When a project is created each stage gets a planned start and end: stage 4 starts on the first
working day after approval; each stage lasts its standard (a minimum stage N working days
including its first day, a deadline stage up to its deadline) and the next stage starts on the
following working day. A month stage lasts its calendar months: it ends on the first working
day on or after the day before the same day N months later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from core.errors import ValidationError
from core.thaidate import format_date
from core.workcalendar import WorkCalendar

STAGES: tuple[int, ...] = (4, 5, 6, 7, 8, 9, 10, 11, 12)
GATES: frozenset[int] = frozenset({7, 9})
FIRST, LAST = STAGES[0], STAGES[-1]
KINDS = ("deadline", "minimum")
UNITS = ("days", "months")  # working days | calendar months (months only for minimums)
LEGACY_DAYS_PER_MONTH = 22  # how "1 month" was stored before months existed
SETTINGS_KEY = "stages.time_standards"
DUE_SOON_WORKING_DAYS = 3
MAX_STANDARD_DAYS = 250
MAX_STANDARD_MONTHS = 12


@dataclass(frozen=True)
class Standard:
    days: int  # how many units (working days, or calendar months)
    kind: str  # "deadline" | "minimum"
    unit: str = "days"  # "days" (working days) | "months" (calendar months)


DEFAULT_STANDARDS: dict[int, Standard] = {
    4: Standard(1, "minimum", "months"),  # requirements survey: at least 1 month
    5: Standard(1, "minimum", "months"),  # analysis and design: at least 1 month
    6: Standard(1, "minimum", "months"),  # prototype: at least 1 month
    7: Standard(1, "minimum"),  # prototype validation: at least 1 day
    8: Standard(1, "minimum", "months"),  # development: at least 1 month
    9: Standard(1, "minimum"),  # user testing: at least 1 day
    10: Standard(1, "minimum"),  # installation: at least 1 day
    11: Standard(3, "deadline"),  # manual 2 days + training 1 day
    12: Standard(1, "deadline"),  # launch letter within 1 day
}


def stage_key(stage_no: int) -> str:
    """The text key of a stage's name (``stage.name.4`` ... ``stage.name.12``)."""
    return STAGE_NAME_KEYS[stage_no]


STAGE_NAME_KEYS = {n: f"stage.name.{n}" for n in STAGES}


def predecessor(stage_no: int) -> int | None:
    """The stage that must finish first (stages run in the manual's order)."""
    return None if stage_no == FIRST else stage_no - 1


def standards_from_setting(value: object) -> dict[int, Standard]:
    """Standards as stored (``{"4": {"days": 1, "kind": "minimum", "unit": "months"}, ...}``)
    over the defaults; a legacy ``{"days": 22, "kind": "minimum"}`` (no unit) is 1 month."""
    result = dict(DEFAULT_STANDARDS)
    if isinstance(value, dict):
        for key, item in value.items():
            try:
                stage = int(key)
                if stage in result and isinstance(item, dict) and item.get("kind") in KINDS:
                    days, unit = int(item["days"]), item.get("unit")
                    if unit is None and item["kind"] == "minimum" and days == LEGACY_DAYS_PER_MONTH:
                        days, unit = 1, "months"
                    std = Standard(days, item["kind"], unit or "days")
                    if _standard_problem(std) is None:
                        result[stage] = std
            except (TypeError, ValueError, KeyError):
                continue
    return result


def standards_to_setting(standards: dict[int, Standard]) -> dict:
    return {str(n): {"days": s.days, "kind": s.kind, "unit": s.unit} for n, s in sorted(standards.items())}


def standard_from_row(row: dict) -> Standard:
    """The standard a stage row was planned with (``std_days``, ``std_kind``, ``std_unit``)."""
    return Standard(int(row["std_days"]), row["std_kind"], row.get("std_unit") or "days")


def _standard_problem(std: Standard) -> str | None:
    if std.kind not in KINDS:
        return "stage.standard_kind_invalid"
    if std.unit not in UNITS or (std.unit == "months" and std.kind != "minimum"):
        return "stage.standard_unit_invalid"
    maximum = MAX_STANDARD_MONTHS if std.unit == "months" else MAX_STANDARD_DAYS
    if isinstance(std.days, bool) or not isinstance(std.days, int) or not 1 <= std.days <= maximum:
        return "stage.standard_days_invalid"
    return None


def validate_standards(standards: dict[int, Standard]) -> dict[int, Standard]:
    """Every stage 4..12 with 1..250 working days (or 1..12 months, minimums only) and a known
    kind; else ``ValidationError`` (zero or negative included)."""
    if set(standards) != set(STAGES):
        raise ValidationError("stage.standards_incomplete")
    for stage, std in standards.items():
        problem = _standard_problem(std)
        if problem:
            raise ValidationError(
                problem,
                stage=stage,
                maximum=MAX_STANDARD_MONTHS if std.unit == "months" else MAX_STANDARD_DAYS,
            )
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


def minimum_reached_on(cal: WorkCalendar, start: date, std: Standard) -> date:
    """The first end day at which a minimum stage started on ``start`` is no longer rushed."""
    if std.unit == "months":
        return start + relativedelta(months=std.days) - timedelta(days=1)
    return cal.add_working_days(first_working_day_on_or_after(cal, start), std.days - 1)


def is_rushed(cal: WorkCalendar, start: date, end: date, std: Standard) -> bool:
    """A minimum stage finished before it lasted its standard: fewer working days than N, or
    (months) the day after its end before the same day N months after its start."""
    if std.kind != "minimum":
        return False
    if std.unit == "months":
        return end + timedelta(days=1) < start + relativedelta(months=std.days)
    return spent_working_days(cal, start, end) < std.days


def adherence(kind: str, *, finished: bool, rushed: bool, waived: bool, overdue: bool) -> str | None:
    """How a finished stage is judged, by the kind of its standard: a minimum stage is
    ``not_rushed`` or ``waived`` (rushed with a reason) or ``rushed``; a deadline stage is
    ``on_time`` or ``late``. None while it is not finished."""
    if not finished:
        return None
    if kind == "minimum":
        return "waived" if rushed and waived else ("rushed" if rushed else "not_rushed")
    return "late" if overdue else "on_time"


def is_overdue(due: date | None, end: date | None, today: date) -> bool:
    """A deadline stage finished after its due day, or still open after it."""
    if due is None:
        return False
    return (end if end is not None else today) > due


def plan(
    cal: WorkCalendar, approved_on: date, standards: dict[int, Standard]
) -> dict[int, tuple[date, date]]:
    """Planned (start, end) of each stage for a project approved on ``approved_on``."""
    result: dict[int, tuple[date, date]] = {}
    start = cal.add_working_days(approved_on, 1)
    for stage in STAGES:
        std = standards[stage]
        if std.kind == "minimum" and std.unit == "months":
            end = first_working_day_on_or_after(cal, minimum_reached_on(cal, start, std))
        elif std.kind == "minimum":
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


def check_dates(
    stage_no: int,
    new_start: date | None,
    new_end: date | None,
    *,
    previous: StageDates | None,
    following: StageDates | None,
    today: date,
    std: Standard,
    cal: WorkCalendar,
    waiver_reason: str | None,
) -> bool:
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
            raise ValidationError(
                "stage.start_before_previous_end", stage=stage_no, previous=previous.stage_no
            )
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
        if std.unit == "months":
            raise ValidationError(
                "stage.waiver_required_months",
                stage=stage_no,
                months=std.days,
                reached=format_date(minimum_reached_on(cal, new_start, std), "th", "long"),
            )
        raise ValidationError(
            "stage.waiver_required",
            stage=stage_no,
            days=std.days,
            spent=spent_working_days(cal, new_start, new_end),
        )
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
