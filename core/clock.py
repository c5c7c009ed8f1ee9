"""The town hall's wall clock.

Pattana stores naive timestamps in Bangkok local time (Asia/Bangkok, UTC+7, no daylight saving),
which is what every user and every time standard of the manual means. Pure rules never call
``now()``; services receive the current time from their caller, and pages call ``now()`` once
per run.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


def now() -> datetime:
    """The current Bangkok wall-clock time, naive, to the second."""
    return datetime.now(BANGKOK).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return now().date()


def timedelta_days(days: float):
    from datetime import timedelta

    return timedelta(days=days)
