"""The serving heartbeat and scheduled backups: one daemon thread per process and database.

``start_scheduler(db)`` (idempotent per database file) starts a thread that, every
``tick_seconds``:

- rewrites ``<db>.serving`` (process id, host, time): the restore refuses to run while this
  marker is fresh and its process alive, on top of DuckDB's own file lock;
- takes a backup when the newest complete one is older than the configured interval
  (setting ``reliability.backup_interval_hours``), keeping the newest N;
- runs the tickets' upkeep (``core.tickets.services.upkeep``: SLA rebuild after a calendar or
  target change, auto-close of resolved tickets left unanswered) every ``UPKEEP_SECONDS``.
- once a day, the PDPA retention purge (``core.reliability.retention.run_retention``): raw survey
  answers past their retention period, and backups older than the retention window.

``Scheduler.tick()`` does one round and is what tests call, with the clock injected.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from core.clock import now as clock_now
from core.db import Database
from core.errors import DomainError

log = logging.getLogger("pattana.scheduler")

HEARTBEAT_SECONDS = 20
FRESH_SECONDS = 90
UPKEEP_SECONDS = 60


def marker_path(db_path: str | Path) -> Path:
    path = Path(db_path).resolve()
    return path.with_name(path.name + ".serving")


def write_heartbeat(db_path: str | Path, now: datetime) -> Path:
    marker = marker_path(db_path)
    partial = marker.with_name(marker.name + ".tmp")
    partial.write_text(
        # "wall": the writer's own Unix time, so freshness is judged by one clock (the file's
        # mtime comes from the kernel, which a moved process clock does not move)
        json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "at": now.isoformat(), "wall": time.time()}
        ),
        encoding="utf-8",
    )
    os.replace(partial, marker)
    return marker


def remove_heartbeat(db_path: str | Path) -> None:
    marker = marker_path(db_path)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        if data.get("pid") == os.getpid():
            marker.unlink()
    except (OSError, ValueError):
        pass


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serving_age(db_path: str | Path, *, wall: Callable[[], float] = time.time) -> float | None:
    """Seconds since the serving marker was written, or None if there is no live marker (no
    file, older than ``FRESH_SECONDS``, or written on this host by a process that is gone)."""
    marker = marker_path(db_path)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        written = data.get("wall") if isinstance(data.get("wall"), (int, float)) else marker.stat().st_mtime
        age = wall() - written
    except (OSError, ValueError, AttributeError):
        return None
    if age > FRESH_SECONDS:
        return None
    if (
        data.get("host") == socket.gethostname()
        and isinstance(data.get("pid"), int)
        and not _process_alive(data["pid"])
    ):
        return None
    return max(0.0, age)


class Scheduler:
    """Heartbeat and scheduled backups for one open database."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], datetime] = clock_now,
        tick_seconds: float = HEARTBEAT_SECONDS,
        root: Path | None = None,
        heartbeat: bool = True,
        first_backup_after: float = 60.0,
    ):
        self.db = db
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.root = root
        self.heartbeat = heartbeat
        self.first_backup_after = first_backup_after
        self.last_error: DomainError | Exception | None = None
        self.last_error_at: datetime | None = None
        self.backups_taken = 0
        self.upkeep_at: datetime | None = None  # the tickets' upkeep, last run
        self.retention_ran_on = None  # the day the PDPA retention job last ran
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def due(self, now: datetime) -> bool:
        from core.reliability import backup

        root = self.root or backup.backup_root(self.db.path)
        _keep, hours = backup.backup_policy(self.db)
        last = backup.last_complete_backup(root, self.db.path.name)
        return last is None or last.created_at is None or now - last.created_at >= timedelta(hours=hours)

    def tick(self, *, backups_allowed: bool = True) -> bool:
        """One round: heartbeat, then a backup if one is due. True if a backup was taken."""
        from core.reliability import backup

        now = self.clock()
        if self.heartbeat:
            try:
                write_heartbeat(self.db.path, now)
            except OSError as error:
                log.warning("cannot write the serving marker: %s", error)
        self.tickets_upkeep(now)
        if not backups_allowed:
            return False
        self.retention(now)
        try:
            if not self.due(now):
                return False
            backup.take_backup(self.db, now, by="system", reason="schedule", root=self.root)
        except Exception as error:  # noqa: BLE001 - the thread must live on; the health page shows it
            log.error("scheduled backup failed: %s", error)
            self.last_error, self.last_error_at = error, now
            self._notify_backup_failed(now, error)
            return False
        self.last_error = None
        self.backups_taken += 1
        return True

    def tickets_upkeep(self, now: datetime) -> list[int]:
        """The tickets' background work, at most every ``UPKEEP_SECONDS`` of the clock; the ids
        of the tickets closed (an error is logged, and the next round tries again)."""
        from core.tickets import services as tickets

        if self.upkeep_at is not None and (now - self.upkeep_at).total_seconds() < UPKEEP_SECONDS:
            return []
        self.upkeep_at = now
        try:
            closed = tickets.upkeep(self.db, now)
        except Exception as error:  # noqa: BLE001 - the thread must live on
            log.error("tickets upkeep failed: %s", error)
            return []
        if closed:
            log.info("tickets closed automatically: %s", closed)
        return closed

    def retention(self, now: datetime) -> dict | None:
        """The PDPA retention job, once per day (a failure is logged and retried next tick)."""
        if self.retention_ran_on == now.date():
            return None
        from core.reliability import retention as pdpa

        try:
            outcome = pdpa.run_retention(self.db, now, root=self.root)
        except Exception as error:  # noqa: BLE001 - the thread must live on
            log.error("retention purge failed: %s", error)
            return None
        self.retention_ran_on = now.date()
        return outcome

    def _run(self) -> None:
        started = time.monotonic()
        while not self._stop.is_set():
            # The first backup waits a little so that a starting app settles first.
            self.tick(backups_allowed=time.monotonic() - started >= self.first_backup_after)
            self._stop.wait(self.tick_seconds)

    def start(self) -> Scheduler:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pattana-scheduler", daemon=True)
            self._thread.start()
            self._start_notifications()
            atexit.register(self.stop)
        return self

    # -- notifications job (issue 17) ---------------------------------------------------------
    # Its own short loop (PATTANA_NOTIFY_SECONDS, default 3 s) so that a message leaves seconds
    # after the change, while the heartbeat and backups keep their slower tick.
    notification_job = None

    def _start_notifications(self) -> None:
        from core.notifications.dispatcher import NotificationJob
        from core.reliability.watch import scan

        try:
            period = float(os.environ.get("PATTANA_NOTIFY_SECONDS", "3"))
        except ValueError:
            period = 3.0
        self.notification_job = NotificationJob(self.db, scan=scan)

        def loop() -> None:
            while not self._stop.is_set():
                self.notification_job.tick(self.clock())
                self._stop.wait(period)

        self._notify_thread = threading.Thread(target=loop, name="pattana-notifications", daemon=True)
        self._notify_thread.start()

    def _stop_notifications(self) -> None:
        thread = getattr(self, "_notify_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=60)  # a round in progress finishes before the database closes

    def _notify_backup_failed(self, now: datetime, error: Exception) -> None:
        from core.notifications.services import on_backup_failed

        try:
            detail = error.message("th") if isinstance(error, DomainError) else str(error)
            on_backup_failed(self.db, now, detail)
        except Exception as failure:  # noqa: BLE001 - e.g. the disk is full: the health page still shows it
            log.error("could not record the backup failure notification: %s", failure)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._stop_notifications()  # issue 17
        if self.heartbeat:
            remove_heartbeat(self.db.path)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


_SCHEDULERS: dict[Path, Scheduler] = {}
_LOCK = threading.Lock()


def start_scheduler(db: Database, **options) -> Scheduler:
    """Start (once per process and database file) the heartbeat and backup thread.

    ``PATTANA_SCHEDULER=0`` (for test runs of the app) returns a scheduler that is not started.
    """
    key = db.path.resolve()
    if os.environ.get("PATTANA_SCHEDULER", "1").strip() == "0":
        return Scheduler(db, **options)
    with _LOCK:
        scheduler = _SCHEDULERS.get(key)
        if scheduler is None or scheduler.db is not db or not scheduler.running:
            if scheduler is not None:
                scheduler.stop()
            scheduler = Scheduler(db, **options).start()
            _SCHEDULERS[key] = scheduler
        return scheduler


def scheduler_for(db: Database) -> Scheduler | None:
    return _SCHEDULERS.get(db.path.resolve())


def stop_scheduler(db: Database) -> None:
    with _LOCK:
        scheduler = _SCHEDULERS.pop(db.path.resolve(), None)
    if scheduler is not None:
        scheduler.stop()
