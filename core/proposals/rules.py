"""Pure rules of drivers and proposals (manual steps 1-3): no database, no clock.

The approval chain is a small state machine::

    draft ──submit (it_head)──▶ submitted ──propose (director)──▶ proposed ──approve (executive)──▶ approved
      ▲                            │ return (director, reason)        │ return (executive, reason)
      └────── returned ◀───────────┴──────────────────────────────────┘
                  (edited, then submitted again as a new version)      │ reject (executive, reason)
                                                                       ▼
                                                                    rejected

``transition(status, action, roles, comment)`` is the only way to a new status; it refuses a
wrong role (``Forbidden``), a step that does not start from the current status
(``DomainError("proposals.wrong_state")``: a second approval, a skipped step) and a return or
rejection without a reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from core.errors import DomainError, Forbidden, ValidationError
from core.permissions import can
from core.text import sanitize

# -- vocabularies -----------------------------------------------------------------------------
DRIVER_KINDS = ("need", "problem", "directive", "strategy")
DRIVER_STATUSES = ("pending", "accepted", "merged", "declined")
DRIVER_DECISIONS = ("accept", "merge", "decline")

STATUSES = ("draft", "submitted", "proposed", "approved", "returned", "rejected")
EDITABLE = frozenset({"draft", "returned"})
FINAL = frozenset({"approved", "rejected"})


@dataclass(frozen=True)
class Step:
    action: str
    sources: frozenset[str]
    target: str
    permission: str
    needs_reason: bool = False


STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("submit", frozenset({"draft", "returned"}), "submitted", "proposal.submit"),
        Step("propose", frozenset({"submitted"}), "proposed", "proposal.propose"),
        Step("return_by_director", frozenset({"submitted"}), "returned", "proposal.return_by_director", True),
        Step("approve", frozenset({"proposed"}), "approved", "proposal.approve"),
        Step(
            "return_by_executive", frozenset({"proposed"}), "returned", "proposal.return_by_executive", True
        ),
        Step("reject", frozenset({"proposed"}), "rejected", "proposal.reject", True),
    )
}

# Time standards of the manual (working days).
CONSIDER_DAYS = 1  # step 1: a driver considered within 1 day of its receipt
DRAFT_DAYS = 15  # step 2: the proposal drafted within 15 days
PROPOSE_DAYS = 1  # step 3: proposed to the executive within 1 day of its submission

# Fiscal-year order of months (ต.ค. ... ก.ย.).
FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)

MAX_TITLE = 300
MAX_TEXT = 5000
MAX_REASON = 2000
MAX_BUDGET = Decimal("999999999999.99")

# The parts of a proposal (manual section 6), in the order they print; each has a text key
# "proposals.field.<name>".
PARTS = (
    "title",
    "unit_code",
    "rationale",
    "objectives",
    "targets",
    "scope",
    "budget",
    "duration",
    "indicators",
    "personnel",
    "plan",
    "responsible",
    "drivers",
)
REQUIRED_TO_SUBMIT = ("objectives", "targets", "scope", "budget", "responsible")


def field_key(name: str) -> str:
    return f"proposals.field.{name}"


# -- the approval chain -----------------------------------------------------------------------
def transition(status: str, action: str, roles: Iterable[str], comment: str = "") -> str:
    """The status after ``action``; refuses a wrong role, a wrong state or a missing reason."""
    step = STEPS.get(action)
    if step is None:
        raise DomainError("proposals.unknown_action", action=action)
    if not can(roles, step.permission):
        raise Forbidden("error.forbidden", action=step.permission)
    if status not in step.sources:
        raise DomainError("proposals.wrong_state", status=status_key(status), action=action_key(action))
    if step.needs_reason and not (comment or "").strip():
        raise ValidationError("proposals.reason_required")
    if len(comment or "") > MAX_REASON:
        raise ValidationError("error.too_long", field="proposals.comment", maximum=MAX_REASON)
    return step.target


def allowed_actions(status: str, roles: Iterable[str]) -> list[str]:
    """The steps these roles may take on a proposal in ``status`` (buttons to show)."""
    roles = list(roles)
    return [s.action for s in STEPS.values() if status in s.sources and can(roles, s.permission)]


def check_editable(status: str) -> None:
    if status not in EDITABLE:
        raise DomainError("proposals.not_editable", status=status_key(status))


def status_key(status: str) -> str:
    return f"proposals.status.{status}"


def action_key(action: str) -> str:
    return f"proposals.action.{action}"


def version_after(action: str, version: int) -> int:
    """A returned proposal is revised as the next version; other steps keep the number."""
    return version + 1 if STEPS[action].target == "returned" else version


# -- drivers ----------------------------------------------------------------------------------
def clean_text(value: object, name: str, *, required: bool = False, maximum: int = MAX_TEXT) -> str:
    text = sanitize(value).strip()
    if required and not text:
        raise ValidationError("error.required", field=field_key(name))
    if len(text) > maximum:
        raise ValidationError("error.too_long", field=field_key(name), maximum=maximum)
    return text


def check_driver(
    kind: str,
    description: str,
    received_on: date | None,
    today: date,
    doc_no: str = "",
    doc_date: date | None = None,
) -> dict:
    """A new driver's values, cleaned; refuses an unknown kind, no description, a future date."""
    if kind not in DRIVER_KINDS:
        raise ValidationError("proposals.driver_kind_invalid")
    text = clean_text(description, "description", required=True)
    if received_on is None:
        raise ValidationError("error.required", field=field_key("received_on"))
    if isinstance(received_on, datetime) or (doc_date is not None and isinstance(doc_date, datetime)):
        raise ValidationError("proposals.date_invalid")
    if received_on > today:
        raise ValidationError("proposals.received_in_future")
    if doc_date is not None and doc_date > received_on:
        raise ValidationError("proposals.doc_after_received")
    return {
        "kind": kind,
        "description": text,
        "received_on": received_on,
        "doc_no": clean_text(doc_no, "doc_no", maximum=100),
        "doc_date": doc_date,
    }


def check_decision(
    status: str, decision: str, reason: str, driver_id: int, merge_into: int | None, target_status: str | None
) -> str:
    """The driver's new status after the IT unit's consideration."""
    if status != "pending":
        raise DomainError("proposals.driver_already_considered", status=f"proposals.driver_status.{status}")
    if decision not in DRIVER_DECISIONS:
        raise ValidationError("proposals.decision_invalid")
    if decision == "decline" and not (reason or "").strip():
        raise ValidationError("proposals.reason_required")
    if len(reason or "") > MAX_REASON:
        raise ValidationError("error.too_long", field="proposals.comment", maximum=MAX_REASON)
    if decision == "merge":
        if merge_into is None or merge_into == driver_id:
            raise ValidationError("proposals.merge_target_required")
        if target_status is None:
            raise ValidationError("proposals.merge_target_required")
        if target_status == "merged" or target_status == "declined":
            raise ValidationError("proposals.merge_target_invalid")
    return {"accept": "accepted", "merge": "merged", "decline": "declined"}[decision]


# -- proposal content -------------------------------------------------------------------------
@dataclass
class ProposalInput:
    """What the proposal form sends. ``budget_amount`` may be text as typed (checked here)."""

    title: str
    unit_code: str | None = None
    rationale: str = ""
    objectives: str = ""
    targets: str = ""
    scope: str = ""
    budget_kind: str | None = None  # "amount", "none" (explicitly no budget) or None (not yet)
    budget_amount: object = None
    start_date: date | None = None
    end_date: date | None = None
    indicators: str = ""
    personnel: str = ""
    responsible_user_id: int | None = None
    driver_ids: tuple[int, ...] = ()
    plan: list[dict] = field(default_factory=list)  # [{"activity": str, "months": [int, ...]}]


def parse_budget(kind: str | None, amount: object) -> tuple[str | None, Decimal | None]:
    """``(kind, amount)`` cleaned: an amount must be a number >= 0 with at most 2 decimals."""
    if kind is None or kind == "":
        text = "" if amount is None else str(amount).strip()
        if not text:
            return None, None
        kind = "amount"
    if kind == "none":
        return "none", None
    if kind != "amount":
        raise ValidationError("proposals.budget_invalid")
    if isinstance(amount, bool):
        raise ValidationError("proposals.budget_not_number")
    if isinstance(amount, (int, float, Decimal)):
        text = str(amount)
    else:
        text = ("" if amount is None else str(amount)).strip().replace(",", "").replace("บาท", "").strip()
    if not text:
        raise ValidationError("proposals.budget_amount_required")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError("proposals.budget_not_number") from None
    if not value.is_finite():
        raise ValidationError("proposals.budget_not_number")
    if value < 0:
        raise ValidationError("proposals.budget_negative")
    if value > MAX_BUDGET:
        raise ValidationError("proposals.budget_too_large")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError("proposals.budget_decimals")
    return "amount", value.quantize(Decimal("0.01"))


def clean_plan(rows: Iterable[dict]) -> list[dict]:
    """Action-plan rows with an activity; months as sorted fiscal-order lists of 1..12."""
    out = []
    for row in rows or []:
        activity = sanitize(row.get("activity")).strip()
        months = [int(m) for m in (row.get("months") or [])]
        if not activity:
            if months:
                raise ValidationError("proposals.plan_activity_required")
            continue
        if len(activity) > 500:
            raise ValidationError("error.too_long", field=field_key("plan"), maximum=500)
        if any(m not in range(1, 13) for m in months):
            raise ValidationError("proposals.plan_month_invalid")
        months = sorted(set(months), key=FISCAL_MONTHS.index)
        out.append({"activity": activity, "months": months})
    if len(out) > 100:
        raise ValidationError("proposals.plan_too_long")
    return out


def clean_input(inp: ProposalInput) -> dict:
    """Every part checked (a draft may be incomplete but never wrong); returns column values."""
    kind, amount = parse_budget(inp.budget_kind, inp.budget_amount)
    for name in ("start_date", "end_date"):
        value = getattr(inp, name)
        if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
            raise ValidationError("proposals.date_invalid")
    if inp.start_date and inp.end_date and inp.end_date < inp.start_date:
        raise ValidationError("proposals.end_before_start")
    return {
        "title": clean_text(inp.title, "title", required=True, maximum=MAX_TITLE),
        "unit_code": inp.unit_code or None,
        "rationale": clean_text(inp.rationale, "rationale"),
        "objectives": clean_text(inp.objectives, "objectives"),
        "targets": clean_text(inp.targets, "targets"),
        "scope": clean_text(inp.scope, "scope"),
        "budget_kind": kind,
        "budget_amount": amount,
        "start_date": inp.start_date,
        "end_date": inp.end_date,
        "indicators": clean_text(inp.indicators, "indicators"),
        "personnel": clean_text(inp.personnel, "personnel"),
        "responsible_user_id": int(inp.responsible_user_id) if inp.responsible_user_id else None,
        "driver_ids": sorted({int(d) for d in inp.driver_ids}),
        "plan": clean_plan(inp.plan),
    }


class IncompleteProposal(ValidationError):
    """A proposal missing parts the manual requires before it may be submitted; the message
    names every missing part in the reader's language."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("proposals.incomplete", missing=", ".join(missing))
        self.fields = list(missing)

    def message(self, lang: str = "th", escape=None) -> str:  # our own field names: nothing to escape
        from core.i18n import t

        return t(self.code, lang, missing=", ".join(t(field_key(m), lang) for m in self.fields))


def missing_parts(values: dict) -> list[str]:
    """The parts required by step 2's quality standard that ``values`` lacks, in order."""
    missing = []
    for name in ("objectives", "targets", "scope"):
        if not (values.get(name) or "").strip():
            missing.append(name)
    if values.get("budget_kind") not in ("amount", "none") or (
        values.get("budget_kind") == "amount" and values.get("budget_amount") is None
    ):
        missing.append("budget")
    if not values.get("responsible_user_id"):
        missing.append("responsible")
    return missing


def check_submittable(values: dict) -> None:
    missing = missing_parts(values)
    if missing:
        raise IncompleteProposal(missing)


# -- versions ---------------------------------------------------------------------------------
SNAPSHOT_FIELDS = (
    "title",
    "unit_code",
    "rationale",
    "objectives",
    "targets",
    "scope",
    "budget_kind",
    "budget_amount",
    "start_date",
    "end_date",
    "indicators",
    "personnel",
    "responsible_user_id",
    "driver_ids",
    "plan",
)


def snapshot(values: dict) -> str:
    """A version's parts as JSON (dates ISO, amounts as text)."""

    def plain(v):
        if isinstance(v, (date, datetime)):
            return v.isoformat()
        if isinstance(v, Decimal):
            return f"{v:.2f}"
        return v

    return json.dumps({k: plain(values.get(k)) for k in SNAPSHOT_FIELDS}, ensure_ascii=False, sort_keys=True)


def diff(old: dict, new: dict) -> list[tuple[str, object, object]]:
    """Field-by-field changes between two snapshots: ``[(field, old value, new value), ...]``."""
    return [(k, old.get(k), new.get(k)) for k in SNAPSHOT_FIELDS if old.get(k) != new.get(k)]


# -- time standards ---------------------------------------------------------------------------
def deadline(calendar, start: date, days: int) -> datetime:
    """End of the ``days``-th working day after ``start`` (the moment a standard is missed)."""
    return calendar.end_of_day(calendar.add_working_days(start, days))


def days_taken(calendar, start: datetime | date, end: datetime | date) -> int:
    """Working days from ``start`` to ``end`` (0 on the same day)."""
    s = start.date() if isinstance(start, datetime) else start
    e = end.date() if isinstance(end, datetime) else end
    return max(0, calendar.working_days_between(s, e))


def met(days: int | None, standard: int) -> bool | None:
    """Legacy day count (kept for rows measured before ``standard_met``); not used for new ones."""
    return None if days is None else days <= standard


def standard_met(done_at: datetime, due_at: datetime) -> bool:
    """The one rule of every proposal time standard (steps 1-3), used by the service that records
    the step, the page and the KPI alike: met when the step was done at or before the due moment
    (16:30 of the N-th working day, ``deadline``). 16:29 is in time, 16:31 is not; a Friday
    evening, a weekend or a holiday after the due moment is late."""
    return done_at <= due_at


def met_within(calendar, start: datetime | date, days: int, done_at: datetime) -> bool:
    """``standard_met`` for a step whose clock started on ``start`` with a standard of ``days``."""
    start_day = start.date() if isinstance(start, datetime) else start
    return standard_met(done_at, deadline(calendar, start_day, days))
