"""The town hall's wall clock: the one place Pattana learns the current time.

Pattana stores naive timestamps in Bangkok local time (Asia/Bangkok, UTC+7, no daylight saving),
which is what every user and every time standard of the manual means. Pure rules never call
``now()``; services receive the current time from their caller, pages call ``now()`` once per
run, and the scheduler once per job.

Tests (and demonstrations) set the clock with the environment variable ``PATTANA_CLOCK``:

- ``PATTANA_CLOCK=2026-09-30T16:25:00`` makes the clock read that instant when the process first
  asks, then tick on in real time;
- ``PATTANA_CLOCK=2026-09-30T16:25:00@1790000000.5`` anchors the instant to a real Unix time,
  so that every process given the same value (the test runner, the Streamlit server it starts,
  the demo generator) reads the same ticking clock.

:func:`pinned` builds such a value. Nothing else in Pattana may read the real date or time.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
ENVIRONMENT_VARIABLE = "PATTANA_CLOCK"


@lru_cache(maxsize=8)
def _anchor(spec: str) -> tuple[datetime, float]:
    instant, _, real = spec.strip().partition("@")
    return datetime.fromisoformat(instant).replace(tzinfo=None), float(real) if real else time.time()


def pinned(instant: datetime, real_time: float | None = None) -> str:
    """The ``PATTANA_CLOCK`` value that makes every process read ``instant`` now, ticking on."""
    return f"{instant.replace(microsecond=0).isoformat()}@{time.time() if real_time is None else real_time!r}"


def now() -> datetime:
    """The current Bangkok wall-clock time, naive, to the second."""
    spec = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if spec:
        instant, real = _anchor(spec)
        return (instant + timedelta(seconds=time.time() - real)).replace(microsecond=0)
    return datetime.now(BANGKOK).replace(tzinfo=None, microsecond=0)


def at_real_time(unix_time: float) -> datetime:
    """What this clock read (or will read) at a real Unix time, e.g. the expiry a library wrote
    into a cookie with the real time."""
    spec = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if spec:
        instant, real = _anchor(spec)
        return (instant + timedelta(seconds=unix_time - real)).replace(microsecond=0)
    return datetime.fromtimestamp(unix_time, BANGKOK).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return now().date()


def timedelta_days(days: float) -> timedelta:
    return timedelta(days=days)
