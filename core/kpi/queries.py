"""Reads of the kpi screens: what the pages show, as plain rows or DataFrames (values only as
``?`` parameters). Reads that the services also need live in ``repository.py`` and are named here."""

from __future__ import annotations

from core.kpi.repository import (  # noqa: F401 - the screens read these too
    last_report_run,
    latest_obstacles,
)
