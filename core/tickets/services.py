"""Services of the ticket loop: report, work, wait, resolve, close, reopen, assign, merge, rate.

Each verb checks who may take it, validates, then runs ONE ``db.write`` that appends to
``ticket_events`` (append-only: never updated or deleted), rebuilds the ticket's row of the
``ticket_sla`` projection from its events, and records the audit entry.

The event log is the source of truth. ``ticket_sla`` is rebuilt from it: for one ticket on every
event it gets (:func:`rebuild_sla`), and for every ticket when the calendar or the targets change
(:func:`rebuild_all`, also run by :func:`ensure_sla_fresh` when the fingerprint of the calendar
adjustments and targets it was built with no longer matches).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import duckdb
import pandas as pd

from core import audit, calendar_store, files, org, settings
from core.actor import Actor
from core.db import Database
from core.errors import Forbidden, NotFound, ValidationError
from core.notifications import services as notifications
from core.permissions import can, require
from core.thaidate import fiscal_year
from core.tickets import repository, rules, sla
from core.workcalendar import WORKING_DAY, WorkCalendar

MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024
AUTO_CLOSE_KEY = "tickets.auto_close_days"

SLA_COLUMNS = [
    "ticket_id",
    "type",
    "system_id",
    "reporter_id",
    "reported_at",
    "fiscal_year",
    "status",
    "assignee_id",
    "merged_into",
    "last_event_at",
    "resolved_at",
    "closed_at",
    "analysis_state",
    "analysis_due",
    "analysis_stopped_at",
    "analysis_elapsed_s",
    "analysis_target_s",
    "resolution_state",
    "resolution_started_at",
    "resolution_due",
    "resolution_stopped_at",
    "resolution_elapsed_s",
    "resolution_target_s",
    "computed_at",
]


# -- settings ----------------------------------------------------------------------------------
def current_targets(cur: duckdb.DuckDBPyConnection) -> dict[str, sla.Targets]:
    return sla.targets_from_setting(settings.get(cur, sla.SETTING_KEY))


def auto_close_days(cur: duckdb.DuckDBPyConnection) -> int:
    value = settings.get(cur, AUTO_CLOSE_KEY, rules.DEFAULT_AUTO_CLOSE_DAYS)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return rules.DEFAULT_AUTO_CLOSE_DAYS


def calendar_for(cur: duckdb.DuckDBPyConnection, first_year: int, now: datetime) -> WorkCalendar:
    """The working calendar from ``first_year`` to the year after ``now``."""
    return _calendar_through(cur, first_year, now.year)


def _calendar_through(cur: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> WorkCalendar:
    return calendar_store.load_calendar(cur, range(min(first_year, last_year) - 1, last_year + 2))


# -- the projection ----------------------------------------------------------------------------
def _replay(
    ticket: tuple, events: list[tuple], targets: dict[str, sla.Targets], calendar, as_of: datetime
) -> tuple:
    ticket_id, kind, system_id, reporter_id, reported_at, fy = ticket
    status, assignee, merged_into, resolved_at, closed_at = "new", None, None, None, None
    for _at, event_kind, status_after, assignee_id, related in events:
        status = status_after
        if event_kind == "assign":
            assignee = assignee_id
        elif event_kind == "merge":
            merged_into = related
        elif event_kind == "resolve":
            resolved_at = _at
        elif event_kind in ("close", "auto_close"):
            closed_at = _at
        elif event_kind == "reopen":
            resolved_at = closed_at = None
    analysis, resolution = sla.ticket_clocks(
        reported_at, [sla.Event(e[0], e[1]) for e in events], targets[kind], calendar, as_of
    )
    last_event_at = events[-1][0] if events else reported_at
    return (
        ticket_id,
        kind,
        system_id,
        reporter_id,
        reported_at,
        fy,
        status,
        assignee,
        merged_into,
        last_event_at,
        resolved_at,
        closed_at,
        analysis.state,
        analysis.due,
        analysis.stopped_at,
        analysis.elapsed.total_seconds(),
        analysis.target.total_seconds(),
        resolution.state,
        resolution.started_at,
        resolution.due,
        resolution.stopped_at,
        resolution.elapsed.total_seconds(),
        resolution.target.total_seconds(),
        as_of,
    )


def sla_frame(
    tickets: list[tuple],
    events: dict[int, list[tuple]],
    targets: dict[str, sla.Targets],
    calendar: WorkCalendar,
    as_of: datetime,
) -> pd.DataFrame:
    """Rows of ``ticket_sla`` for these tickets (id, type, system, reporter, reported_at, fy) and
    their events (at, kind, status_after, assignee_id, related_ticket_id), in time order."""
    if tickets:
        first = min(t[4] for t in tickets).date()
        clock = sla.IndexedCalendar(calendar, first - timedelta(days=1), date(as_of.year + 1, 12, 31))
    else:
        clock = calendar
    rows = [_replay(t, events.get(t[0], []), targets, clock, as_of) for t in tickets]
    frame = pd.DataFrame(rows, columns=SLA_COLUMNS)
    for column in ("assignee_id", "merged_into"):
        frame[column] = frame[column].astype("Int64")
    return frame


def rebuild_sla(cur: duckdb.DuckDBPyConnection, now: datetime, ticket_ids: list[int] | None = None) -> int:
    """Rebuild ``ticket_sla`` rows from the event log (all tickets when ``ticket_ids`` is None),
    within the caller's transaction; returns the number of rows written."""
    if ticket_ids is not None and not ticket_ids:
        return 0
    tickets, events = repository.sla_sources(cur, ticket_ids)
    first_year = min((t[4].year for t in tickets), default=now.year)
    frame = sla_frame(tickets, events, current_targets(cur), calendar_for(cur, first_year, now), now)
    repository.replace_sla_rows(cur, frame, ticket_ids)
    return len(frame)


def sla_fingerprint(cur: duckdb.DuckDBPyConnection) -> str:
    """What the projection depends on besides the events: calendar adjustments and targets."""
    adjustments = [
        (str(r["day"]), r["kind"], str(r["start_time"]), str(r["end_time"]), r["name"])
        for r in calendar_store.list_adjustments(cur)
    ]
    payload = json.dumps([adjustments, sla.targets_to_setting(current_targets(cur))], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def rebuild_all(cur: duckdb.DuckDBPyConnection, now: datetime) -> int:
    """Rebuild every ticket's SLA row (calendar or targets changed), within the transaction."""
    count = rebuild_sla(cur, now)
    repository.store_sla_fingerprint(cur, sla_fingerprint(cur), now)
    return count


def sla_is_fresh(cur: duckdb.DuckDBPyConnection) -> bool:
    stored = repository.stored_sla_fingerprint(cur)
    if stored is None:
        return not repository.has_tickets(cur)
    return stored == sla_fingerprint(cur)


def ensure_sla_fresh(db: Database, now: datetime) -> bool:
    """Rebuild the projection if the calendar or targets changed since it was built; True if rebuilt."""
    with db.read() as cur:
        if sla_is_fresh(cur):
            return False

    def work(cur):
        if sla_is_fresh(cur):
            return False
        count = rebuild_all(cur, now)
        audit.record(
            cur,
            actor="system",
            action="ticket.sla_rebuild",
            entity="ticket_sla",
            entity_id=None,
            at=now,
            detail={"tickets": count},
        )
        return True

    return db.write(work)


# -- live clocks ------------------------------------------------------------------------------
def clocks_of(cur: duckdb.DuckDBPyConnection, ticket: dict, now: datetime) -> tuple[sla.Clock, sla.Clock]:
    """The two clocks of one ticket, computed now from its events and the current calendar."""
    events = repository.sla_events(cur, [ticket["id"]])[ticket["id"]]
    calendar = calendar_for(cur, ticket["reported_at"].year, now)
    return sla.ticket_clocks(
        ticket["reported_at"], events, current_targets(cur)[ticket["type"]], calendar, now
    )


@dataclass(frozen=True)
class QueueRecords:
    """What a queue's clocks are computed from, read from the records alone: its tickets, their
    events, the time standards and the working calendar up to the year after ``through_year``.
    Nothing in it moves with the clock (``with_clocks`` adds the clocks at a given time)."""

    rows: tuple[dict, ...]
    events: dict[int, list]
    targets: dict[str, sla.Targets]
    calendar: WorkCalendar | None
    through_year: int


def queue_records(cur: duckdb.DuckDBPyConnection, kind: str, user_id: int, through_year: int) -> QueueRecords:
    """A queue's tickets and what their clocks need (see ``QueueRecords``)."""
    rows = tuple(repository.queue(cur, kind, user_id))
    if not rows:
        return QueueRecords((), {}, {}, None, through_year)
    events = repository.sla_events(cur, [r["id"] for r in rows])
    calendar = _calendar_through(cur, min(r["reported_at"] for r in rows).year, through_year)
    return QueueRecords(rows, events, current_targets(cur), calendar, through_year)


def with_clocks(records: QueueRecords, kind: str, now: datetime) -> list[dict]:
    """The queue's tickets at ``now`` with their live clocks, sorted by working time left (least
    first): each row (a new dict; ``records`` is not changed) gains ``clock`` (the active one),
    ``left`` (working time left, negative when overrun) and ``flag`` (``breached``, ``near``,
    ``paused``, ``ok``, ``done``). ``now`` falls in ``records.through_year``."""
    calendar = records.calendar
    rows = []
    for record in records.rows:
        row = dict(record)
        analysis, resolution = sla.ticket_clocks(
            row["reported_at"], records.events[row["id"]], records.targets[row["type"]], calendar, now
        )
        clock = sla.active_clock(analysis, resolution)
        row["analysis"], row["resolution"], row["clock"] = analysis, resolution, clock
        row["left"] = sla.working_time_left(calendar, clock, now)
        row["flag"] = sla.row_flag(row["status"], clock)
        rows.append(row)
    if kind != "reported":
        rows.sort(key=lambda r: (r["flag"] == "done", r["left"]))
    return rows


def queue_rows(cur: duckdb.DuckDBPyConnection, kind: str, actor: Actor, now: datetime) -> list[dict]:
    """A queue's tickets with their live clocks at ``now`` (``with_clocks`` of ``queue_records``)."""
    return with_clocks(queue_records(cur, kind, actor.user_id, now.year), kind, now)


# -- verbs ---------------------------------------------------------------------------------------
def _append(
    cur,
    ticket_id: int,
    now: datetime,
    kind: str,
    actor: str,
    status_after: str,
    *,
    assignee_id: int | None = None,
    related: int | None = None,
    note: str = "",
) -> None:
    repository.insert_event(
        cur, ticket_id, now, kind, actor, status_after, assignee_id=assignee_id, related=related, note=note
    )


def _next_code(cur, fy: int) -> str:
    return f"TK{fy}-{repository.next_number(cur, fy):05d}"


def report_ticket(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    system_id: int | None,
    ticket_type: str,
    title: str,
    description: str,
    channel: str = "app",
    urgency: str = "normal",
    screenshots: list[tuple[str, bytes]] = (),
    reporter_id: int | None = None,
) -> int:
    """Record a new ticket (step 14). Staff report their own; IT may record one on behalf of a
    reporter (``reporter_id``) received by phone, walk-in, LINE or letter. Returns the ticket id."""
    require(actor.roles, "ticket.report")
    fields = rules.clean_intake(
        system_id=system_id,
        ticket_type=ticket_type,
        title=title,
        description=description,
        channel=channel,
        urgency=urgency,
    )
    if reporter_id is not None and reporter_id != actor.user_id:
        if not can(actor.roles, "ticket.work"):
            raise Forbidden("tickets.only_it_on_behalf")
    if len(screenshots) > rules.MAX_ATTACHMENTS:
        raise ValidationError("tickets.too_many_files", maximum=rules.MAX_ATTACHMENTS)
    checked = [
        files.check_upload(name, content, allowed=files.IMAGES, max_bytes=MAX_SCREENSHOT_BYTES)
        for name, content in screenshots
    ]

    def work(cur):
        systems = {s["id"] for s in org.list_systems(cur)}
        if fields["system_id"] not in systems:
            raise ValidationError("tickets.system_not_in_service")
        reporter = actor.user_id if reporter_id is None else int(reporter_id)
        reporter_row = repository.active_user(cur, reporter)
        if reporter_row is None:
            raise NotFound("user.not_found")
        earlier = repository.recent_reports_by(cur, reporter, now - rules.DUPLICATE_WINDOW)
        same = rules.is_duplicate_report(fields, earlier, now)
        if same is not None:
            raise ValidationError("tickets.duplicate_report", ticket=same["code"])
        fy = fiscal_year(now)
        code = _next_code(cur, fy)
        ticket_id = repository.insert_ticket(
            cur,
            code=code,
            fields=fields,
            reporter_id=reporter,
            reporter_unit_code=reporter_row["unit_code"],
            recorded_by_id=actor.user_id,
            reported_at=now,
            fiscal_year=fy,
        )
        _append(cur, ticket_id, now, "report", actor.username, "new")
        for item in checked:
            files.store(cur, item, owner_kind="ticket", owner_id=ticket_id, actor=actor, now=now)
        rebuild_sla(cur, now, [ticket_id])
        audit.record(
            cur,
            actor=actor.username,
            action="ticket.report",
            entity="ticket",
            entity_id=ticket_id,
            at=now,
            detail={
                "code": code,
                "type": fields["type"],
                "system_id": fields["system_id"],
                "channel": fields["channel"],
                "reporter_id": reporter,
                "screenshots": len(checked),
            },
        )
        notifications.on_ticket_reported(cur, now, ticket_id)  # notifications outbox (issue 17)
        return ticket_id

    return db.write(work)


def _check_actor(actor: Actor, verb: str, ticket: dict) -> None:
    role = rules.VERB_ROLE[verb]
    if role == "it":
        require(actor.roles, "ticket.work")
    elif role == "assign":
        require(actor.roles, "ticket.assign")
    elif role == "reporter_or_it":
        is_reporter = actor.user_id == ticket["reporter_id"] and can(actor.roles, "ticket.report")
        if not (is_reporter or can(actor.roles, "ticket.work")):
            raise Forbidden("tickets.only_reporter_or_it")
    else:
        raise Forbidden("error.forbidden", action=verb)


def act(db: Database, actor: Actor, now: datetime, ticket_id: int, verb: str, note: str = "") -> str:
    """Take a workflow step (``start_analysis``, ``finish_analysis``, ``wait``, ``resume``,
    ``resolve``, ``close``, ``reopen``); returns the new status."""
    if verb not in rules.TRANSITIONS or verb in ("assign", "merge", "auto_close"):
        raise ValidationError("tickets.unknown_action", action=verb)
    text = rules.clean_note(note)

    def work(cur):
        ticket = repository.get_ticket(cur, ticket_id)
        _check_actor(actor, verb, ticket)
        status, assignee = repository.current_state(cur, ticket_id)
        after = rules.next_status(status, verb)
        if (
            verb in ("start_analysis", "finish_analysis")
            and assignee is None
            and can(actor.roles, "ticket.assign")
        ):
            # whoever starts the work on an unassigned ticket takes it
            _append(cur, ticket_id, now, "assign", actor.username, status, assignee_id=actor.user_id)
        _append(cur, ticket_id, now, verb, actor.username, after, note=text)
        rebuild_sla(cur, now, [ticket_id])
        audit.record(
            cur,
            actor=actor.username,
            action=f"ticket.{verb}",
            entity="ticket",
            entity_id=ticket_id,
            at=now,
            detail={"from": status, "to": after, "note": text},
        )
        notifications.on_ticket_step(
            cur, now, ticket_id, actor, verb, text
        )  # notifications outbox (issue 17)
        return after

    return db.write(work)


def assign(
    db: Database, actor: Actor, now: datetime, ticket_id: int, assignee_id: int, note: str = ""
) -> None:
    """Assign the ticket to an IT officer (or the IT head)."""
    require(actor.roles, "ticket.assign")
    text = rules.clean_note(note)

    def work(cur):
        repository.get_ticket(cur, ticket_id)
        status, current = repository.current_state(cur, ticket_id)
        rules.next_status(status, "assign")
        if assignee_id not in {p["id"] for p in repository.it_people(cur)}:
            raise ValidationError("tickets.assignee_not_it")
        if current == assignee_id:
            raise ValidationError("tickets.already_assigned")
        _append(cur, ticket_id, now, "assign", actor.username, status, assignee_id=assignee_id, note=text)
        rebuild_sla(cur, now, [ticket_id])
        audit.record(
            cur,
            actor=actor.username,
            action="ticket.assign",
            entity="ticket",
            entity_id=ticket_id,
            at=now,
            detail={"from": current, "to": assignee_id},
        )

    db.write(work)


def merge(
    db: Database, actor: Actor, now: datetime, ticket_id: int, original_code: str, note: str = ""
) -> None:
    """Mark the ticket as a duplicate of ``original_code``; it stops and points to the original."""
    require(actor.roles, "ticket.work")
    text = rules.clean_note(note)

    def work(cur):
        repository.get_ticket(cur, ticket_id)
        original_id = repository.find_by_code(cur, original_code)
        if original_id is None:
            raise NotFound("tickets.original_not_found", code=(original_code or "").strip())
        if original_id == ticket_id:
            raise ValidationError("tickets.merge_into_itself")
        original_status, _ = repository.current_state(cur, original_id)
        if original_status == "merged":
            raise ValidationError("tickets.merge_into_merged")
        status, _ = repository.current_state(cur, ticket_id)
        after = rules.next_status(status, "merge")
        _append(cur, ticket_id, now, "merge", actor.username, after, related=original_id, note=text)
        rebuild_sla(cur, now, [ticket_id])
        audit.record(
            cur,
            actor=actor.username,
            action="ticket.merge",
            entity="ticket",
            entity_id=ticket_id,
            at=now,
            detail={"original_id": original_id},
        )

    db.write(work)


def rate(db: Database, actor: Actor, now: datetime, ticket_id: int, score: int, comment: str = "") -> None:
    """The reporter rates the fix of a closed ticket, once (1-5 and a comment)."""
    require(actor.roles, "ticket.report")
    score, text = rules.check_rating(score, comment)

    def work(cur):
        ticket = repository.get_ticket(cur, ticket_id)
        if ticket["reporter_id"] != actor.user_id:
            raise Forbidden("tickets.only_reporter_rates")
        status, _ = repository.current_state(cur, ticket_id)
        if status != "closed":
            raise ValidationError("tickets.rate_after_closure")
        if repository.rating_of(cur, ticket_id) is not None:
            raise ValidationError("tickets.already_rated")
        repository.insert_rating(
            cur, ticket_id, score=score, comment=text, by=actor.username, at=now, fiscal_year=fiscal_year(now)
        )
        audit.record(
            cur,
            actor=actor.username,
            action="ticket.rate",
            entity="ticket",
            entity_id=ticket_id,
            at=now,
            detail={"score": score},
        )

    db.write(work)


def close_confirmed_or_stale(db: Database, now: datetime) -> list[int]:
    """Close resolved tickets the reporter left unanswered for ``auto_close_days`` working days.

    Idempotent (a closed ticket is no longer a candidate); appends an ``auto_close`` event by
    ``system`` at the moment the waiting period ended (never after ``now``). Run in the
    background by the scheduler (:func:`upkeep`). Returns the ids closed."""

    def due_ids(cur) -> list[tuple[int, datetime]]:
        candidates = repository.stale_resolved(cur)
        if not candidates:
            return []
        calendar = calendar_for(cur, min(r[1] for r in candidates).year, now)
        days = auto_close_days(cur)
        found = []
        for ticket_id, resolved_at in candidates:
            closes_at = calendar.add_working_time(resolved_at, days * WORKING_DAY)
            if closes_at <= now:
                found.append((ticket_id, closes_at))
        return found

    with db.read() as cur:
        if not due_ids(cur):
            return []

    def work(cur):
        closed = []
        for ticket_id, closes_at in due_ids(cur):
            status, _ = repository.current_state(cur, ticket_id)
            if status != "resolved":
                continue
            _append(
                cur,
                ticket_id,
                closes_at,
                "auto_close",
                "system",
                "closed",
                note=f"auto:{auto_close_days(cur)}",
            )
            audit.record(
                cur,
                actor="system",
                action="ticket.auto_close",
                entity="ticket",
                entity_id=ticket_id,
                at=now,
                detail={"closed_at": closes_at},
            )
            closed.append(ticket_id)
        rebuild_sla(cur, now, closed)
        return closed

    return db.write(work)


# -- settings services --------------------------------------------------------------------------
def save_targets(
    db: Database,
    actor: Actor,
    now: datetime,
    minutes: dict[str, tuple[float, float]],
    auto_close: int | None = None,
) -> None:
    """Store new SLA targets (working minutes) and the auto-close delay; audited; every ticket's
    SLA row is rebuilt with them."""
    require(actor.roles, "sla.targets.edit")
    targets = sla.check_targets(minutes)
    if auto_close is not None and not (1 <= int(auto_close) <= 60):
        raise ValidationError("tickets.auto_close_invalid")

    def work(cur):
        settings.put(cur, sla.SETTING_KEY, sla.targets_to_setting(targets), actor=actor, now=now)
        if auto_close is not None:
            settings.put(cur, AUTO_CLOSE_KEY, int(auto_close), actor=actor, now=now)
        rebuild_all(cur, now)

    db.write(work)


def upkeep(db: Database, now: datetime) -> list[int]:
    """The tickets area's background work, run by the scheduler (never by opening a page):
    rebuild the SLA projection if the calendar or targets changed since it was built, then
    close the resolved tickets whose reporter did not answer in time. Returns the ids closed."""
    ensure_sla_fresh(db, now)
    return close_confirmed_or_stale(db, now)


def add_calendar_day(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    day: date,
    kind: str,
    name: str,
    start_time: time | None = None,
    end_time: time | None = None,
    followers: Sequence[calendar_store.Follower] = (),
) -> int:
    """Add a local holiday, opening or half day (``core.calendar_store``; the dates other areas
    store follow through ``followers``), then rebuild the SLA rows."""
    new_id = calendar_store.add_adjustment(
        db,
        actor,
        now,
        day=day,
        kind=kind,
        name=name,
        start_time=start_time,
        end_time=end_time,
        followers=followers,
    )
    ensure_sla_fresh(db, now)
    return new_id


def remove_calendar_day(
    db: Database,
    actor: Actor,
    now: datetime,
    adjustment_id: int,
    followers: Sequence[calendar_store.Follower] = (),
) -> None:
    calendar_store.remove_adjustment(db, actor, now, adjustment_id, followers=followers)
    ensure_sla_fresh(db, now)


def set_office_hours(db: Database, actor: Actor, now: datetime, hours: dict) -> None:
    """Store the office periods per weekday (``core.calendar_store``), then rebuild the SLA rows."""
    calendar_store.set_office_hours(db, actor, now, hours)
    ensure_sla_fresh(db, now)
