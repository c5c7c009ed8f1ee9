"""Services of notifications: the outbox calls other areas make inside their own transaction,
the scheduler's scans (deadlines, closed surveys, disk, failed backup), and the user's verbs
(mark read, choose channels, link LINE).

**Outbox.** An area's service calls one ``on_<event>(cur, now, ...)`` inside the ``db.write`` of
the change: the notification rows (one per recipient, the in-app bell's record) and one
delivery row per outside channel the recipient chose (with its idempotency key) commit with
the change or not at all. Nothing is sent here: the dispatcher (``dispatcher.py``, on the
scheduler) delivers later, so a channel that is down never delays or undoes the change.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from core import audit, i18n, thaidate
from core.actor import Actor
from core.db import Database
from core.errors import NotFound, ValidationError
from core.notifications import queries, repository, rules
from core.permissions import require

IT_ROLES = ["it_officer", "it_head"]
LIVE_REFRESH_KEY = "notifications.refresh_seconds"
DEFAULT_REFRESH_SECONDS = 15
SCAN_BREACHES_BACK = timedelta(days=1)  # breaches older than this were surely seen already
SCAN_SURVEYS_BACK = timedelta(days=14)


def _configured_channel_names() -> set[str]:
    names = set()
    if os.environ.get("PATTANA_SMTP_HOST", "").strip():
        names.add("email")
    if os.environ.get("PATTANA_LINE_TOKEN", "").strip():
        names.add("line")
    return names


def _texts(kind: str, values: dict) -> dict[str, str]:
    return {
        f"{part}_{lang}": i18n.t(f"notify.{kind}.{part}", lang, **values)
        for part in ("subject", "body")
        for lang in ("th", "en")
    }


def notify(
    cur: duckdb.DuckDBPyConnection,
    *,
    now: datetime,
    kind: str,
    recipients: Iterable[int],
    values: dict,
    page: str,
    query: dict | None = None,
    event_key: str | None = None,
    exclude: Iterable[int] = (),
) -> list[int]:
    """Write the outbox rows of one event (within the caller's transaction): one notification
    per recipient (at most one per recipient and ``event_key``), one delivery per outside
    channel the recipient keeps on. Returns the notification ids."""
    spec = rules.kind_of(kind)
    skip = set(exclude)
    texts = _texts(kind, values)
    configured = _configured_channel_names()
    created: list[int] = []
    for recipient in dict.fromkeys(int(r) for r in recipients if r is not None):
        if recipient in skip or not repository.is_active(cur, recipient):
            continue
        if event_key and repository.event_already_notified(cur, recipient, event_key):
            continue
        nid = repository.insert_notification(
            cur,
            now=now,
            kind=kind,
            recipient_id=recipient,
            urgent=spec.urgent,
            texts=texts,
            page=page,
            query=query or {},
            event_key=event_key,
        )
        prefs = repository.prefs_of(cur, recipient)
        for channel in rules.CHANNELS:
            if channel not in configured:
                continue
            wanted = prefs.get((kind, channel), channel in spec.default_channels)
            if channel == "line" and repository.line_link_of(cur, recipient) is None:
                wanted = False
            if wanted:
                repository.insert_delivery(
                    cur,
                    notification_id=nid,
                    channel=channel,
                    key=rules.idempotency_key(nid, channel),
                    now=now,
                )
        created.append(nid)
    return created


# -- events from other areas (one call each, inside their transaction) ------------------------
def _ticket_values(cur, ticket_id: int) -> dict:
    row = queries.ticket_summary(cur, ticket_id)
    if row is None:
        raise NotFound("tickets.not_found")
    row["type_th"] = i18n.t(f"tickets.type.{row['type']}", "th")
    return row


def on_ticket_reported(cur: duckdb.DuckDBPyConnection, now: datetime, ticket_id: int) -> list[int]:
    """A new ticket: everyone of the IT queue (officers and the head)."""
    row = _ticket_values(cur, ticket_id)
    return notify(
        cur,
        now=now,
        kind="ticket_new",
        recipients=repository.users_with_roles(cur, IT_ROLES),
        values={
            "code": row["code"],
            "title": row["title"],
            "type": row["type_th"],
            "system": row["system_th"] or "-",
            "reporter": row["reporter_name"] or "",
        },
        page="tickets",
        query={"ticket": row["code"]},
        event_key=f"ticket_new:{ticket_id}",
        exclude=[row["recorded_by_id"]],
    )


def on_ticket_step(
    cur: duckdb.DuckDBPyConnection, now: datetime, ticket_id: int, actor: Actor, verb: str, note: str = ""
) -> list[int]:
    """The reporter replied (resumed a waiting ticket) or reopened it: the officer; when nobody
    is assigned, the IT queue. Other steps notify nobody."""
    row = _ticket_values(cur, ticket_id)
    if verb not in ("resume", "reopen") or actor.user_id != row["reporter_id"]:
        return []
    recipients = [row["assignee_id"]] if row["assignee_id"] else repository.users_with_roles(cur, IT_ROLES)
    return notify(
        cur,
        now=now,
        kind="ticket_reply",
        recipients=recipients,
        values={
            "code": row["code"],
            "title": row["title"],
            "reporter": row["reporter_name"] or "",
            "note": note or "-",
        },
        page="tickets",
        query={"ticket": row["code"]},
        exclude=[actor.user_id],
    )


def on_proposal_step(
    cur: duckdb.DuckDBPyConnection, now: datetime, proposal_id: int, action: str, actor: Actor
) -> list[int]:
    """Submitted: the director; proposed: the executive. Other steps notify nobody."""
    target = {
        "submit": ("proposal_submitted", "director"),
        "propose": ("proposal_proposed", "executive"),
    }.get(action)
    if target is None:
        return []
    kind, role = target
    row = queries.proposal_summary(cur, proposal_id)
    return notify(
        cur,
        now=now,
        kind=kind,
        recipients=repository.users_with_roles(cur, [role]),
        values={"code": row["code"], "title": row["title"], "actor": actor.full_name},
        page="proposals",
        query={"proposal": str(proposal_id)},
        exclude=[actor.user_id],
    )


def on_review_round_opened(cur: duckdb.DuckDBPyConnection, now: datetime, round_id: int) -> list[int]:
    """A new review round: each required reviewer."""
    row = queries.round_summary(cur, round_id)
    due = thaidate.format_date(row["due_at"], "th") if row["due_at"] else "-"
    return notify(
        cur,
        now=now,
        kind="review_round",
        recipients=row["reviewers"],
        values={
            "project": row["project_name"],
            "stage": row["stage_no"],
            "round": row["round_no"],
            "due": due,
        },
        page="reviews",
        query={"project": str(row["project_id"]), "gate": str(row["stage_no"])},
        event_key=f"review_round:{round_id}",
    )


def on_backup_failed(db: Database, now: datetime, detail: str) -> int:
    """A scheduled backup failed: the administrators (once an hour)."""

    def work(cur):
        return len(
            notify(
                cur,
                now=now,
                kind="backup_failed",
                recipients=repository.users_with_roles(cur, ["admin"]),
                values={"detail": detail[:300]},
                page="admin_health",
                event_key=f"backup_failed:{now.strftime('%Y-%m-%dT%H')}",
            )
        )

    return db.write(work)


# -- the user's verbs --------------------------------------------------------------------------
def mark_read(db: Database, actor: Actor, now: datetime, notification_id: int) -> None:
    def work(cur):
        if not repository.mark_read(cur, actor.user_id, int(notification_id), now):
            raise NotFound("notify.not_found")
        audit.record(
            cur,
            actor=actor.username,
            action="notify.read",
            entity="notification",
            entity_id=notification_id,
            at=now,
        )

    db.write(work)


def mark_all_read(db: Database, actor: Actor, now: datetime) -> int:
    def work(cur):
        n = repository.mark_all_read(cur, actor.user_id, now)
        audit.record(
            cur,
            actor=actor.username,
            action="notify.read_all",
            entity="notification",
            entity_id=None,
            at=now,
            detail={"count": n},
        )
        return n

    return db.write(work)


def save_prefs(db: Database, actor: Actor, now: datetime, choices: dict[tuple[str, str], bool]) -> None:
    """The user's outside channels per kind of event."""
    for kind, channel in choices:
        if kind not in rules.KINDS:
            raise ValidationError("notify.bad_kind", kind=kind)
        if channel not in rules.CHANNELS:
            raise ValidationError("notify.bad_channel", channel=channel)

    def work(cur):
        before = repository.prefs_of(cur, actor.user_id)
        changed = {f"{k}/{c}": bool(v) for (k, c), v in choices.items() if before.get((k, c)) != bool(v)}
        for (kind, channel), enabled in choices.items():
            repository.put_pref(cur, actor.user_id, kind, channel, bool(enabled))
        audit.record(
            cur,
            actor=actor.username,
            action="notify.prefs",
            entity="user",
            entity_id=actor.user_id,
            at=now,
            detail={"changed": changed},
        )

    db.write(work)


def new_link_code(db: Database, actor: Actor, now: datetime) -> str:
    """A one-time code the user sends to the LINE OA (earlier unused codes of theirs lapse)."""

    def work(cur):
        code = rules.new_link_code()
        while repository.code_exists(cur, code):
            code = rules.new_link_code()
        repository.insert_link_code(cur, code, actor.user_id, now, now + rules.LINK_CODE_TTL)
        audit.record(
            cur,
            actor=actor.username,
            action="notify.line_code",
            entity="user",
            entity_id=actor.user_id,
            at=now,
        )
        return code

    return db.write(work)


def unlink_line(db: Database, actor: Actor, now: datetime) -> bool:
    def work(cur):
        removed = repository.delete_line_link(cur, actor.user_id)
        audit.record(
            cur,
            actor=actor.username,
            action="notify.line_unlink",
            entity="user",
            entity_id=actor.user_id,
            at=now,
        )
        return removed

    return db.write(work)


def link_line(db: Database, now: datetime, *, code: str, line_user_id: str) -> int | None:
    """Link the LINE user who sent ``code`` to the code's owner; None if the code is unknown,
    used or expired (nothing changes)."""

    def work(cur):
        user_id = repository.usable_code(cur, code, now)
        if user_id is None:
            return None
        repository.use_code(cur, code, now)
        repository.put_line_link(cur, user_id, line_user_id, now)
        audit.record(
            cur, actor="line-webhook", action="notify.line_link", entity="user", entity_id=user_id, at=now
        )
        return user_id

    return db.write(work)


def import_line_inbox(db: Database, now: datetime, inbox: Path) -> int:
    """Apply the link requests the webhook wrote to ``inbox`` (one JSON file each); every file
    is removed once read, linked or not. Returns the links made."""
    linked = 0
    if not inbox.is_dir():
        return 0
    for path in sorted(inbox.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            code = rules.parse_link_code(str(data.get("text", "")))
            line_user = str(data.get("line_user_id", ""))
            if code and line_user and link_line(db, now, code=code, line_user_id=line_user) is not None:
                linked += 1
        except (OSError, ValueError):
            pass
        path.unlink(missing_ok=True)
    return linked


def requeue_dead(db: Database, actor: Actor, now: datetime) -> int:
    """Admin: put every dead delivery back in the queue with its attempts reset."""
    require(actor.roles, "backup.run")

    def work(cur):
        n = repository.requeue_dead(cur, now)
        audit.record(
            cur,
            actor=actor.username,
            action="notify.requeue",
            entity="notification_delivery",
            entity_id=None,
            at=now,
            detail={"count": n},
        )
        return n

    return db.write(work)


def refresh_seconds(cur: duckdb.DuckDBPyConnection) -> int:
    """How often the queues, "งานของฉัน" and the bell refresh themselves while open."""
    from core import settings

    try:
        return max(2, min(600, int(settings.get(cur, LIVE_REFRESH_KEY, DEFAULT_REFRESH_SECONDS))))
    except (TypeError, ValueError):
        return DEFAULT_REFRESH_SECONDS


def line_inbox(db_path: Path) -> Path:
    """Where the LINE webhook leaves link requests for the app's scheduler (beside the database)."""
    path = Path(db_path).resolve()
    return path.with_name(path.name + ".line-inbox")


def set_refresh_seconds(db: Database, actor: Actor, now: datetime, seconds: object) -> None:
    """IT head/admin: the refresh period of the live queues and the bell (2-600 s)."""
    from core import settings

    require(actor.roles, "settings.edit")
    try:
        value = int(seconds)
    except (TypeError, ValueError):
        value = -1
    if not 2 <= value <= 600:
        raise ValidationError("notify.refresh_invalid")
    db.write(lambda cur: settings.put(cur, LIVE_REFRESH_KEY, value, actor=actor, now=now))
