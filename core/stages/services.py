"""Verbs of the stage tracker: each checks the permission, validates, then runs one audited write.

Every verb refuses to touch a project that is no longer active (live or cancelled), so a project
in service keeps the record of how it got there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

import duckdb

from core import audit, files, org, projects, settings
from core.actor import Actor
from core.calendar_store import calendar_around
from core.db import Database
from core.errors import DomainError, NotFound, ValidationError
from core.permissions import require
from core.stages import repository as repo
from core.stages import rules
from core.text import sanitize

OWNER_EVIDENCE = "stage"
OWNER_MANUAL = "stage_manual"
MAX_NOTES = 4000
_URL = re.compile(r"^https?://[^\s<>\"']{3,500}$", re.IGNORECASE)


def owner_id(project_id: int, stage_no: int) -> str:
    return f"{project_id}:{stage_no}"


# ----------------------------------------------------------------------------- creation
def open_project(
    cur: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    proposal_id: int | None,
    unit_code: str | None,
    responsible_user_id: int | None,
) -> int:
    """Open a project with its nine stages (steps 4-12) planned from the time standards, within
    the caller's transaction (the approval of a proposal calls this); returns its id."""
    project_id = projects.insert_project(
        cur,
        actor=actor,
        now=now,
        name=name,
        proposal_id=proposal_id,
        unit_code=unit_code,
        responsible_user_id=responsible_user_id,
    )
    create_stages(
        cur,
        actor=actor,
        now=now,
        project_id=project_id,
        approved_at=now,
        responsible_user_id=responsible_user_id,
    )
    return project_id


def close_gate(
    cur: duckdb.DuckDBPyConnection, *, project_id: int, stage_no: int, round_id: int | None, now: datetime
) -> None:
    """Finish a gate stage (7 or 9) by its sign-off, within the caller's transaction (the prototype
    review's passing round calls this; the caller audits). Refused when the gate already passed."""
    if stage_no not in rules.GATES:
        raise NotFound("stage.not_found", stage=stage_no)
    if repo.gate_signoff(cur, project_id, stage_no):
        raise DomainError("reviews.gate_already_passed")
    repo.insert_gate_signoff(cur, project_id, stage_no, round_id=round_id, passed_at=now)


def create_stages(
    cur: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    now: datetime,
    project_id: int,
    approved_at: datetime,
    responsible_user_id: int | None,
) -> None:
    """The nine stage rows of a new project, planned from the standards in force (within the
    caller's transaction; ``open_project`` calls this)."""
    stds = repo.standards(cur)
    cal = calendar_around(cur, approved_at)
    approved_on = approved_at.date()
    planned = rules.plan(cal, approved_on, stds)
    repo.insert_stage_rows(
        cur,
        project_id,
        planned,
        stds,
        responsible_user_id=responsible_user_id,
        now=now,
        by=actor.username,
        first_due=rules.due_date(cal, approved_on, stds[rules.FIRST]),
    )
    audit.record(
        cur,
        actor=actor.username,
        action="stage.plan",
        entity="project",
        entity_id=project_id,
        at=now,
        detail={str(n): [s.isoformat(), e.isoformat()] for n, (s, e) in planned.items()},
    )


# ----------------------------------------------------------------------------- helpers
def follow_calendar(cur: duckdb.DuckDBPyConnection, now: datetime) -> int:
    """Plan again, with the calendar as it is now, the planned start and end and the due day of
    every stage of the active projects (as ticket due times follow the calendar); projects in
    service or cancelled keep their record. Times already spent and rushed flags are recorded
    facts and stay. Returns how many stage rows changed (audited once when any did)."""
    changed = 0
    for project_id, approved_on in repo.active_projects_with_start(cur):
        try:
            rows = {r["stage_no"]: r for r in repo.stages_of(cur, project_id)}
        except NotFound:
            continue
        stds = {n: rules.standard_from_row(r) for n, r in rows.items()}
        cal = calendar_around(cur, approved_on, years_after=2)
        planned = rules.plan(cal, approved_on, stds)
        for n, row in rows.items():
            previous = rows.get(rules.predecessor(n) or 0)
            clock_start = approved_on if previous is None else _as_date(previous["end_on"])
            due = rules.due_date(cal, clock_start, stds[n]) if clock_start is not None else None
            new = (
                planned[n][0],
                planned[n][1],
                due if row["std_kind"] == "deadline" else _as_date(row["due_on"]),
            )
            old = (_as_date(row["planned_start"]), _as_date(row["planned_end"]), _as_date(row["due_on"]))
            if new != old:
                repo.set_planned_dates(cur, int(row["id"]), *new)
                changed += 1
    if changed:
        audit.record(
            cur,
            actor="system",
            action="stage.replan",
            entity="project",
            entity_id=None,
            at=now,
            detail={"stages": changed},
        )
    return changed


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _active_project(cur: duckdb.DuckDBPyConnection, project_id: int) -> dict:
    project = projects.get_project(cur, project_id)
    if project["status"] != "active":
        raise DomainError("stage.project_closed", project=project["code"])
    return project


def _check_stage_no(stage_no: int) -> None:
    if stage_no not in rules.STAGES:
        raise NotFound("stage.not_found", stage=stage_no)


def _fill_due_dates(cur: duckdb.DuckDBPyConnection, project_id: int, now: datetime) -> None:
    """Give every deadline stage whose clock has started (its predecessor finished) a due day."""
    rows = repo.stages_of(cur, project_id)
    by_no = {r["stage_no"]: r for r in rows}
    cal = None
    for row in rows:
        previous = by_no.get(rules.predecessor(row["stage_no"]) or 0)
        if row["std_kind"] != "deadline" or row["due_on"] is not None or previous is None:
            continue
        if previous["end_on"] is None:
            continue
        cal = cal or calendar_around(cur, previous["end_on"])
        due = rules.due_date(cal, previous["end_on"], rules.standard_from_row(row))
        repo.set_due_on(cur, row["id"], due)


def _dates_of(row: dict | None) -> rules.StageDates | None:
    if row is None:
        return None
    return rules.StageDates(row["stage_no"], row["start_on"], row["end_on"])


# ----------------------------------------------------------------------------- dates
def record_dates(
    db: Database,
    actor: Actor,
    now: datetime,
    project_id: int,
    stage_no: int,
    *,
    actual_start: date | None,
    actual_end: date | None = None,
    waiver_reason: str | None = None,
) -> bool:
    """Record when a stage started and (optionally) finished; returns whether it was rushed.

    Refused: a start before the previous stage finished, an end before the start, dates in the
    future, finishing a gate by hand, finishing stage 11 without a training session and the
    manual, stage 12 (it finishes with the go-live), changing a stage after the next one started,
    a rushed stage without a waiver reason."""
    require(actor.roles, "stage.update")
    _check_stage_no(stage_no)
    reason = sanitize(waiver_reason).strip()
    if len(reason) > 1000:
        raise ValidationError("error.too_long", field="stage.field.waiver", maximum=1000)
    if stage_no == rules.LAST and actual_end is not None:
        raise ValidationError("stage.finish_by_go_live")

    def work(cur):
        project = _active_project(cur, project_id)
        _fill_due_dates(cur, project_id, now)
        rows = {r["stage_no"]: r for r in repo.stages_of(cur, project_id)}
        row = rows[stage_no]
        std = rules.standard_from_row(row)
        cal = calendar_around(cur, actual_start or now)
        rushed = rules.check_dates(
            stage_no,
            actual_start,
            actual_end,
            previous=_dates_of(rows.get(rules.predecessor(stage_no) or 0)),
            following=_dates_of(rows.get(stage_no + 1)),
            today=now.date(),
            std=std,
            cal=cal,
            waiver_reason=reason,
        )
        if stage_no == 11 and actual_end is not None:
            if not repo.training_of(cur, project_id):
                raise ValidationError("stage.training_missing")
            if not files.list_for(cur, OWNER_MANUAL, owner_id(project_id, 11)):
                raise ValidationError("stage.manual_missing")
        spent = rules.spent_working_days(cal, actual_start, actual_end) if actual_end else None
        repo.set_actual_dates(
            cur,
            row["id"],
            actual_start=actual_start,
            actual_end=actual_end,
            spent_days=spent,
            rushed=rushed,
            waiver_reason=reason if rushed else None,
            now=now,
            by=actor.username,
        )
        _fill_due_dates(cur, project_id, now)
        audit.record(
            cur,
            actor=actor.username,
            action="stage.dates",
            entity="project",
            entity_id=project_id,
            at=now,
            detail={
                "code": project["code"],
                "stage": stage_no,
                "start": actual_start,
                "end": actual_end,
                "rushed": rushed,
                "waiver": reason if rushed else None,
            },
        )
        return rushed

    return db.write(work)


def assign(
    db: Database,
    actor: Actor,
    now: datetime,
    project_id: int,
    stage_no: int,
    *,
    responsible_user_id: int | None,
    notes: str,
) -> None:
    """Set a stage's responsible officer and its notes."""
    require(actor.roles, "stage.update")
    _check_stage_no(stage_no)
    text = sanitize(notes).strip()
    if len(text) > MAX_NOTES:
        raise ValidationError("error.too_long", field="stage.field.notes", maximum=MAX_NOTES)

    def work(cur):
        _active_project(cur, project_id)
        if responsible_user_id is not None and responsible_user_id not in {
            o["id"] for o in repo.officers(cur)
        }:
            raise ValidationError("stage.officer_unknown")
        row = repo.stage_row(cur, project_id, stage_no)
        repo.set_assignment(
            cur, row["id"], responsible_user_id=responsible_user_id, notes=text, now=now, by=actor.username
        )
        audit.record(
            cur,
            actor=actor.username,
            action="stage.assign",
            entity="project",
            entity_id=project_id,
            at=now,
            detail={"stage": stage_no, "responsible_user_id": responsible_user_id},
        )

    db.write(work)


def add_file(
    db: Database,
    actor: Actor,
    now: datetime,
    project_id: int,
    stage_no: int,
    *,
    filename: str,
    content: bytes,
    manual: bool = False,
) -> int:
    """Attach an evidence file to a stage (``manual=True``: the user manual of stage 11)."""
    require(actor.roles, "stage.update")
    _check_stage_no(stage_no)
    if manual and stage_no != 11:
        raise ValidationError("stage.manual_only_stage_11")
    checked = files.check_upload(
        filename, content, allowed=files.DOCUMENTS if manual else files.IMAGES_AND_DOCUMENTS
    )

    def work(cur):
        _active_project(cur, project_id)
        attachment_id = files.store(
            cur,
            checked,
            owner_kind=OWNER_MANUAL if manual else OWNER_EVIDENCE,
            owner_id=owner_id(project_id, stage_no),
            actor=actor,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="stage.file",
            entity="project",
            entity_id=project_id,
            at=now,
            detail={"stage": stage_no, "file": checked.filename, "sha256": checked.sha256, "manual": manual},
        )
        return attachment_id

    return db.write(work)


def add_link(
    db: Database, actor: Actor, now: datetime, project_id: int, stage_no: int, *, url: str, label: str = ""
) -> int:
    """Attach a link (a shared folder, a design board, a demo server) to a stage."""
    require(actor.roles, "stage.update")
    _check_stage_no(stage_no)
    clean = (url or "").strip()
    if not _URL.match(clean):
        raise ValidationError("stage.link_invalid")
    text = sanitize(label, multiline=False).strip()[:200]

    def work(cur):
        _active_project(cur, project_id)
        new_id = repo.insert_link(
            cur, project_id, stage_no, url=clean, label=text, now=now, by=actor.username
        )
        audit.record(
            cur,
            actor=actor.username,
            action="stage.link",
            entity="project",
            entity_id=project_id,
            at=now,
            detail={"stage": stage_no, "url": clean},
        )
        return new_id

    return db.write(work)


def add_requirement(db: Database, actor: Actor, now: datetime, project_id: int, text: str) -> int:
    """Record one requirement of the requirements survey (stage 4, while it is open)."""
    require(actor.roles, "stage.update")

    def work(cur):
        _active_project(cur, project_id)
        if repo.stage_row(cur, project_id, 4)["end_on"] is not None:
            raise ValidationError("stage.requirements_closed")
        return projects.add_requirement(cur, actor=actor, now=now, project_id=project_id, text=text)

    return db.write(work)


def add_training(
    db: Database,
    actor: Actor,
    now: datetime,
    project_id: int,
    *,
    held_on: date,
    hours: float,
    unit_codes: Iterable[str],
    attendees: int,
) -> int:
    """Record one training session of stage 11 (date, hours, units trained, attendees)."""
    require(actor.roles, "stage.update")
    codes = sorted({c for c in unit_codes if c})
    if held_on is None or held_on > now.date():
        raise ValidationError("stage.training_date_invalid")
    if not (0 < float(hours) <= 24):
        raise ValidationError("stage.training_hours_invalid")
    if not (0 < int(attendees) <= 10000):
        raise ValidationError("stage.training_attendees_invalid")
    if not codes:
        raise ValidationError("stage.training_units_required")

    def work(cur):
        _active_project(cur, project_id)
        known = {u["code"] for u in org.list_units(cur)}
        if not set(codes) <= known:
            raise ValidationError("stage.unit_unknown")
        row = repo.stage_row(cur, project_id, 11)
        if row["start_on"] is None:
            raise ValidationError("stage.not_started", stage=11)
        new_id = repo.insert_training(
            cur,
            project_id,
            held_on=held_on,
            hours=float(hours),
            unit_codes=codes,
            attendees=int(attendees),
            now=now,
            by=actor.username,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="stage.training",
            entity="project",
            entity_id=project_id,
            at=now,
            detail={"held_on": held_on, "hours": float(hours), "units": codes, "attendees": int(attendees)},
        )
        return new_id

    return db.write(work)


# ----------------------------------------------------------------------------- go-live
def go_live(
    db: Database,
    actor: Actor,
    now: datetime,
    project_id: int,
    *,
    go_live_on: date,
    reference_no: str,
    system_code: str,
    system_name_th: str,
    system_name_en: str = "",
    system_kind: str = "internal",
    signer_name: str,
    signer_position: str,
) -> int:
    """Stage 12: issue the launch letter announcing ``go_live_on`` and put the system in service.

    Needs stages 4-11 finished (gates signed off). In one transaction: the letter is recorded
    (its PDF is rendered from the record), stage 12 finishes today, the system joins the register
    (in service from the go-live day), and the project becomes live. Returns the system's id."""
    require(actor.roles, "project.go_live")
    if go_live_on is None or go_live_on < now.date():
        raise ValidationError("stage.go_live_in_past")
    for value, field in (
        (reference_no, "stage.field.reference_no"),
        (signer_name, "stage.field.signer_name"),
        (signer_position, "stage.field.signer_position"),
        (system_code, "stage.field.system_code"),
        (system_name_th, "stage.field.system_name"),
    ):
        if not (value or "").strip():
            raise ValidationError("error.required", field=field)
    if not re.fullmatch(r"[A-Z0-9_-]{2,20}", system_code.strip()):
        raise ValidationError("stage.system_code_invalid")

    def work(cur):
        project = _active_project(cur, project_id)
        _fill_due_dates(cur, project_id, now)
        rows = {r["stage_no"]: r for r in repo.stages_of(cur, project_id)}
        unfinished = [n for n in rules.STAGES[:-1] if rows[n]["end_on"] is None]
        if unfinished:
            raise ValidationError("stage.go_live_needs_stages", stages=", ".join(map(str, unfinished)))
        today = now.date()
        last = rows[rules.LAST]
        start = last["actual_start"] or max(today, rows[11]["end_on"])
        system_id = org.register_system(
            cur,
            actor=actor,
            now=now,
            code=system_code.strip(),
            name_th=system_name_th.strip(),
            name_en=(system_name_en or system_name_th).strip(),
            kind=system_kind,
            owner_unit_code=project["unit_code"],
            description=project["name"],
            in_service_since=go_live_on,
            project_id=project_id,
        )
        cal = calendar_around(cur, today)
        repo.finish_last_stage(
            cur,
            last["id"],
            start=start,
            end=today,
            spent_days=rules.spent_working_days(cal, start, today),
            now=now,
            by=actor.username,
        )
        repo.insert_launch_letter(
            cur,
            project_id,
            reference_no=reference_no.strip(),
            letter_date=today,
            go_live_on=go_live_on,
            system_id=system_id,
            signer_name=signer_name.strip(),
            signer_position=signer_position.strip(),
            now=now,
            by=actor.username,
        )
        projects.set_live(cur, project_id, system_id)
        audit.record(
            cur,
            actor=actor.username,
            action="project.go_live",
            entity="project",
            entity_id=project_id,
            at=now,
            detail={
                "code": project["code"],
                "system_id": system_id,
                "go_live_on": go_live_on,
                "reference_no": reference_no.strip(),
            },
        )
        return system_id

    return db.write(work)


# ----------------------------------------------------------------------------- settings
def save_standards(db: Database, actor: Actor, now: datetime, standards: dict[int, rules.Standard]) -> None:
    """Store the time standards (IT head); new projects are planned with them, audited."""
    require(actor.roles, "stage.time_standards.edit")
    clean = rules.validate_standards(standards)

    def work(cur):
        settings.put(cur, rules.SETTINGS_KEY, rules.standards_to_setting(clean), actor=actor, now=now)

    db.write(work)
