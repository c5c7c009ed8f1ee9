"""The dispatcher: delivers the outbox's e-mail and LINE deliveries, at least once.

One round (:func:`dispatch_once`):

1. **claim** (one transaction): up to ``batch`` deliveries that are due, or whose claim by a
   dispatcher that died is older than the lease, become ``sending`` with the attempt counted;
2. **send** each, outside any transaction, with its idempotency key on the message;
3. **record** each outcome in its own transaction: ``sent``, or back to ``pending`` with a
   growing delay (``rules.retry_delay``), or ``dead`` after ``rules.MAX_ATTEMPTS`` (a dead
   letter, shown on the health page).

A dispatcher killed between 2 and 3 leaves the delivery ``sending``; after the lease it is sent
again with the same key: LINE accepts a retry key once (409 for the repeats), an e-mail repeats
its ``Message-ID``. Non-urgent kinds wait for office hours (``core.workcalendar``); breaches,
failed backups and a full disk go at any hour.

:class:`NotificationJob` is what the scheduler runs every few seconds: the LINE link inbox, the
scans for deadlines, closed surveys and the disk (once a minute), then a dispatch round.
``python -m core.notifications.dispatcher --db FILE`` runs rounds from the command line (while
the app is stopped: DuckDB lets one process open the file).
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from core import audit
from core.clock import now as clock_now
from core.db import Database
from core.notifications import channels as channel_mod
from core.notifications import repository, rules, services

log = logging.getLogger("pattana.notifications")


@dataclass
class RoundResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    dead: int = 0
    deferred: int = 0
    errors: list[str] = field(default_factory=list)


def _office_state(db: Database, now: datetime) -> tuple[bool, datetime]:
    from core.calendar_store import calendar_around

    with db.read() as cur:
        calendar = calendar_around(cur, now)
    is_open = calendar.is_open(now)
    return is_open, (now if is_open else calendar.next_opening(now))


def _message(row: dict, at: datetime) -> channel_mod.Message:
    import json

    link = rules.item_link(channel_mod.base_url(), row["page"], json.loads(row["query_json"] or "{}"))
    return channel_mod.Message(
        key=row["idem_key"],
        subject=row["subject_th"],
        text=rules.message_text(row["subject_th"], row["body_th"], link),
        email=row["email"] if row["active"] else None,
        line_user_id=row["line_user_id"] if row["active"] else None,
        at=at,
    )


def dispatch_once(
    db: Database,
    now: datetime,
    *,
    channels: dict | None = None,
    batch: int = 50,
    lease: timedelta = rules.LEASE,
    clock: Callable[[], datetime] | None = None,
) -> RoundResult:
    """Claim, send and record one batch; returns what happened. ``clock`` gives the time of
    each outcome (defaults to ``now``)."""
    channels = channel_mod.configured_channels() if channels is None else channels
    result = RoundResult()
    if not channels:
        return result
    office_open, opens_at = _office_state(db, now)
    claimed = db.write(lambda cur: repository.claim(cur, now, now - lease, batch, list(channels)))
    result.claimed = len(claimed)
    for row in claimed:
        if not rules.may_send_now(row["urgent"], office_open):
            db.write(lambda cur, i=row["id"]: repository.defer(cur, i, opens_at))
            result.deferred += 1
            continue
        channel = channels.get(row["channel"])
        error, address = None, None
        try:
            if channel is None:
                raise channel_mod.ChannelError("channel not configured")
            address = channel.send(_message(row, now))
        except channel_mod.ChannelError as failure:
            error = str(failure)
        at = clock() if clock else now
        if error is None:
            db.write(lambda cur, i=row["id"], a=address, t=at: repository.mark_sent(cur, i, t, a))
            result.sent += 1
            continue
        status, next_at = rules.after_failure(row["attempts"], at)
        target = row["email"] if row["channel"] == "email" else row["line_user_id"]

        def record(cur, i=row["id"], s=status, n=next_at, e=error, a=target, k=row["idem_key"], t=at):
            repository.mark_failed(cur, i, status=s, next_at=n, error=e, address=a)
            if s == "dead":
                audit.record(
                    cur,
                    actor="system",
                    action="notify.dead",
                    entity="notification_delivery",
                    entity_id=i,
                    at=t,
                    detail={"key": k, "error": e},
                )

        db.write(record)
        result.failed += 1
        result.dead += status == "dead"
        result.errors.append(error)
    return result


class NotificationJob:
    """The scheduler's notification job for one database (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        *,
        scan_every: float = 60.0,
        channels: dict | None = None,
        scan: Callable[[Database, datetime], object] | None = None,
    ):
        self.db = db
        self.scan = scan  # what the scheduler watches for (core.reliability.watch.scan)
        self.scan_every = scan_every
        self.channels = channels
        self._last_scan: float | None = None
        self.last_error: Exception | None = None
        self.last_round: RoundResult | None = None

    def tick(self, now: datetime) -> RoundResult | None:
        try:
            services.import_line_inbox(self.db, now, services.line_inbox(self.db.path))
            if self.scan is not None and (
                self._last_scan is None or time.monotonic() - self._last_scan >= self.scan_every
            ):
                self.scan(self.db, now)
                self._last_scan = time.monotonic()
            self.last_round = dispatch_once(self.db, now, channels=self.channels)
            self.last_error = None
            return self.last_round
        except Exception as error:  # noqa: BLE001 - the scheduler thread must live on
            log.error("notification job failed: %s", error)
            self.last_error = error
            return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Deliver Pattana's pending notifications.")
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--loop", type=float, default=0.0, help="seconds between rounds (0: one round)")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument(
        "--lease-seconds",
        type=float,
        default=rules.LEASE.total_seconds(),
        help="take over deliveries claimed longer ago than this",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    db = Database(args.db)
    try:
        while True:
            result = dispatch_once(
                db,
                clock_now(),
                batch=args.batch,
                lease=timedelta(seconds=args.lease_seconds),
                clock=clock_now,
            )
            print(
                f"claimed={result.claimed} sent={result.sent} failed={result.failed}"
                f" dead={result.dead} deferred={result.deferred}",
                flush=True,
            )
            if args.loop <= 0:
                break
            if result.claimed == 0:
                time.sleep(args.loop)
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
