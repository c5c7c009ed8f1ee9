"""Registers the assessments area: its demo seeder (ITA evidence, publications, LPA records)."""

from __future__ import annotations

import duckdb

from core import demo as demo_core
from core.assessments import demo as demo_assessments


@demo_core.register("assessments")
def seed_assessments(cur: duckdb.DuckDBPyConnection, ctx: demo_core.DemoContext) -> None:
    demo_assessments.seed(cur, ctx)
