"""The heap a server process keeps for its whole life is frozen once the database is open, so the
full garbage collection Streamlit runs after every script run traverses only what runs create
(issue 18). Checked in a fresh interpreter: freezing changes the process it runs in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import gc, types
from ui import context
from core import workcalendar
context._open_database({path!r}, False)
workcalendar.thai_public_holidays(2027)  # a page's first calendar, after start-up
loose = [o.__name__ for o in gc.get_objects() if isinstance(o, types.ModuleType)]
print(len(loose), sum(name.startswith("holidays") for name in loose), gc.get_freeze_count())
"""


def test_the_holidays_packages_modules_are_frozen_with_the_startup_heap_not_left_to_every_runs_collection(
    demo_db_path,
):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PATTANA_SCHEDULER="0", PATTANA_DEMO="0")
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE.format(path=str(demo_db_path))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    loose_modules, loose_holiday_modules, frozen = map(int, probe.stdout.split()[-3:])
    assert frozen > 100_000  # the start-up heap: pandas, duckdb, streamlit, every page
    assert loose_holiday_modules == 0
    assert loose_modules < 20
