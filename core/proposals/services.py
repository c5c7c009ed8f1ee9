"""Verbs of steps 1-3: record and consider drivers, draft, submit, propose, decide proposals.

Each verb checks the actor's permission, validates, then runs ONE ``db.write`` whose work
changes the data, appends a ``proposal_events`` row where a proposal moves, and records the
audit entry. A step on a proposal re-reads it inside the transaction and checks the status it
starts from (and, when the page passes it, the revision the user was looking at), so a second
click or a second tab is refused and changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from core import audit
from core.actor import Actor
from core.calendar_store import calendar_around
from core.db import Database
from core.errors import DomainError, NotFound, ValidationError
from core.notifications import services as notifications
from core.organisation.profile import issue_memo_number
from core.permissions import require
from core.proposals import pdf, rules
from core.proposals import repository as repo
from core.proposals.rules import ProposalInput
from core.stages.services import open_project
from core.text import sanitize
from core.thaidate import fiscal_year


# -- step 1: drivers --------------------------------------------------------------------------
def record_driver(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    kind: str,
    unit_code: str | None,
    description: str,
    received_on: date | None,
    doc_no: str = "",
    doc_date: date | None = None,
) -> int:
    """Register a driver (need, problem, directive, strategy) as received from a unit."""
    require(actor.roles, "driver.record")
    values = rules.check_driver(kind, description, received_on, now.date(), doc_no, doc_date)

    def work(cur):
        if unit_code and not repo.unit_exists(cur, unit_code):
            raise ValidationError("proposals.unit_unknown")
        fy = fiscal_year(values["received_on"])
        code = repo.next_driver_code(cur, fy)
        driver_id = repo.insert_driver(
            cur, code=code, fy=fy, unit_code=unit_code or None, actor=actor.username, now=now, **values
        )
        audit.record(
            cur,
            actor=actor.username,
            action="driver.record",
            entity="driver",
            entity_id=driver_id,
            at=now,
            detail={"code": code, "kind": kind},
        )
        return driver_id

    return db.write(work)


def consider_driver(
    db: Database,
    actor: Actor,
    now: datetime,
    driver_id: int,
    *,
    decision: str,
    reason: str = "",
    merge_into: int | None = None,
) -> str:
    """The IT unit's consideration: accept as a proposal candidate, merge into another driver, or
    decline with a reason. Returns the new status; the working days it took are kept."""
    require(actor.roles, "driver.consider")

    def work(cur):
        driver = repo.get_driver(cur, driver_id)
        target_status = None
        if decision == "merge" and merge_into is not None and merge_into != driver_id:
            try:
                target_status = repo.get_driver(cur, merge_into)["status"]
            except NotFound:
                target_status = None
        status = rules.check_decision(
            driver["status"], decision, reason, driver_id, merge_into, target_status
        )
        if now.date() < driver["received_on"]:
            raise ValidationError("proposals.considered_before_received")
        calendar = calendar_around(cur, now)
        days = rules.days_taken(calendar, driver["received_on"], now)
        repo.record_consideration(
            cur,
            driver_id,
            status=status,
            reason=sanitize(reason).strip(),
            merge_into=merge_into if decision == "merge" else None,
            actor=actor.username,
            now=now,
            days=days,
            met=rules.met_within(calendar, driver["received_on"], rules.CONSIDER_DAYS, now),
        )
        audit.record(
            cur,
            actor=actor.username,
            action=f"driver.{decision}",
            entity="driver",
            entity_id=driver_id,
            at=now,
            detail={"status": status, "reason": reason, "merge_into": merge_into, "working_days": days},
        )
        return status

    return db.write(work)


# -- step 2: drafting -------------------------------------------------------------------------
def _check_references(cur, values: dict) -> None:
    if values["unit_code"] and not repo.unit_exists(cur, values["unit_code"]):
        raise ValidationError("proposals.unit_unknown")
    if values["responsible_user_id"] and not repo.user_exists(cur, values["responsible_user_id"]):
        raise ValidationError("proposals.responsible_unknown")
    unknown = set(values["driver_ids"]) - repo.existing_driver_ids(cur, values["driver_ids"])
    if unknown:
        raise ValidationError("proposals.driver_not_found")


def _draft_start(cur, values: dict, created_at: datetime) -> datetime:
    accepted = repo.earliest_acceptance(cur, values["driver_ids"])
    return min(created_at, accepted) if accepted else created_at


def create_proposal(db: Database, actor: Actor, now: datetime, proposal: ProposalInput) -> int:
    """Start a proposal as a draft (every part may still be empty except its title)."""
    require(actor.roles, "proposal.edit")
    values = rules.clean_input(proposal)

    def work(cur):
        _check_references(cur, values)
        fy = fiscal_year(now)
        code = repo.next_proposal_code(cur, fy)
        proposal_id = repo.insert_proposal(
            cur,
            code=code,
            fy=fy,
            values=values,
            actor=actor.username,
            now=now,
            draft_started_at=_draft_start(cur, values, now),
        )
        repo.insert_event(
            cur,
            proposal_id=proposal_id,
            version=1,
            action="create",
            from_status=None,
            to_status="draft",
            actor=actor.username,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="proposal.create",
            entity="proposal",
            entity_id=proposal_id,
            at=now,
            detail={"code": code, "title": values["title"]},
        )
        return proposal_id

    return db.write(work)


def _check_revision(row: dict, expected_revision: int | None) -> None:
    if expected_revision is not None and row["revision"] != expected_revision:
        raise DomainError("error.stale")


def save_draft(
    db: Database,
    actor: Actor,
    now: datetime,
    proposal_id: int,
    proposal: ProposalInput,
    expected_revision: int | None = None,
) -> None:
    """Save the parts of a draft or returned proposal; any other status is refused."""
    require(actor.roles, "proposal.edit")
    values = rules.clean_input(proposal)

    def work(cur):
        row = repo.get_proposal(cur, proposal_id)
        rules.check_editable(row["status"])
        _check_revision(row, expected_revision)
        _check_references(cur, values)
        repo.update_content(cur, proposal_id, values, now)
        if row["first_submitted_at"] is None:
            repo.set_draft_started_at(cur, proposal_id, _draft_start(cur, values, row["created_at"]))
        changed = [k for k, _o, _n in rules.diff(_comparable(row), _comparable(values))]
        audit.record(
            cur,
            actor=actor.username,
            action="proposal.edit",
            entity="proposal",
            entity_id=proposal_id,
            at=now,
            detail={"version": row["version"], "changed": changed},
        )

    db.write(work)


def _comparable(values: dict) -> dict:
    import json

    return json.loads(rules.snapshot(values))


# -- the approval chain -----------------------------------------------------------------------
def _step(
    db: Database,
    actor: Actor,
    now: datetime,
    proposal_id: int,
    action: str,
    comment: str,
    expected_revision: int | None,
) -> dict:
    step = rules.STEPS[action]
    require(actor.roles, step.permission)

    def work(cur):
        row = repo.get_proposal(cur, proposal_id)
        new_status = rules.transition(row["status"], action, actor.roles, comment)
        _check_revision(row, expected_revision)
        calendar = calendar_around(cur, now)
        extra: dict = {}
        if action == "submit":
            rules.check_submittable(row)
            repo.insert_version(
                cur,
                proposal_id=proposal_id,
                version=row["version"],
                snapshot_json=rules.snapshot(row),
                actor=actor.username,
                now=now,
            )
            extra["submitted_at"] = now
            if row["first_submitted_at"] is None:
                extra["first_submitted_at"] = now
                extra["draft_days"] = rules.days_taken(calendar, row["draft_started_at"], now)
                extra["draft_met"] = rules.met_within(
                    calendar, row["draft_started_at"], rules.DRAFT_DAYS, now
                )
        elif action == "propose":
            extra["proposed_at"] = now
            extra["propose_days"] = rules.days_taken(calendar, row["submitted_at"], now)
            extra["propose_met"] = rules.met_within(calendar, row["submitted_at"], rules.PROPOSE_DAYS, now)
        elif action in ("approve", "reject"):
            extra["decided_at"] = now
        if action == "approve":
            extra["project_id"] = open_project(
                cur,
                actor=actor,
                now=now,
                name=row["title"],
                proposal_id=proposal_id,
                unit_code=row["unit_code"],
                responsible_user_id=row["responsible_user_id"],
            )
        version = rules.version_after(action, row["version"])
        repo.set_status(cur, proposal_id, status=new_status, version=version, now=now, extra=extra)
        repo.insert_event(
            cur,
            proposal_id=proposal_id,
            version=row["version"],
            action=action,
            from_status=row["status"],
            to_status=new_status,
            actor=actor.username,
            now=now,
            comment=sanitize(comment).strip(),
        )
        audit.record(
            cur,
            actor=actor.username,
            action=f"proposal.{action}",
            entity="proposal",
            entity_id=proposal_id,
            at=now,
            detail={
                "from": row["status"],
                "to": new_status,
                "version": row["version"],
                "comment": sanitize(comment).strip(),
                "project_id": extra.get("project_id"),
            },
        )
        notifications.on_proposal_step(
            cur, now, proposal_id, action, actor
        )  # notifications outbox (issue 17)
        return {"status": new_status, "version": version, "project_id": extra.get("project_id")}

    return db.write(work)


def submit_proposal(db, actor, now, proposal_id, *, comment="", expected_revision=None) -> dict:
    """it_head sends a complete draft (or a revised returned proposal) to the director."""
    return _step(db, actor, now, proposal_id, "submit", comment, expected_revision)


def propose_proposal(db, actor, now, proposal_id, *, comment="", expected_revision=None) -> dict:
    """The director proposes a submitted proposal to the executive."""
    return _step(db, actor, now, proposal_id, "propose", comment, expected_revision)


def return_by_director(db, actor, now, proposal_id, *, reason, expected_revision=None) -> dict:
    return _step(db, actor, now, proposal_id, "return_by_director", reason, expected_revision)


def approve_proposal(db, actor, now, proposal_id, *, comment="", expected_revision=None) -> dict:
    """The executive approves: the project is created in the same transaction."""
    return _step(db, actor, now, proposal_id, "approve", comment, expected_revision)


def return_by_executive(db, actor, now, proposal_id, *, reason, expected_revision=None) -> dict:
    return _step(db, actor, now, proposal_id, "return_by_executive", reason, expected_revision)


def reject_proposal(db, actor, now, proposal_id, *, reason, expected_revision=None) -> dict:
    return _step(db, actor, now, proposal_id, "reject", reason, expected_revision)


def take_step(
    db, actor, now, proposal_id, action: str, *, comment: str = "", expected_revision: int | None = None
) -> dict:
    """Any step of the chain by its name (the page's buttons)."""
    if action not in rules.STEPS:
        raise DomainError("proposals.unknown_action", action=action)
    return _step(db, actor, now, proposal_id, action, comment, expected_revision)


def download_approval_memo(
    db: Database, actor: Actor, now: datetime, proposal_id: int, *, thai_digits: bool = False
) -> bytes:
    """The approval memo as downloaded: the first download issues the fiscal year's next running
    number for "ที่" (audited); every later download prints the same number and date."""
    with db.read() as cur:
        code = repo.get_proposal(cur, proposal_id)["code"]  # NotFound for an unknown id
    issue_memo_number(db, actor, now, pdf.MEMO_KIND, code)
    with db.read() as cur:
        return pdf.memo_pdf(cur, proposal_id, now.date(), thai_digits=thai_digits)
