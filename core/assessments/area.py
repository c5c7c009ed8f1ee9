"""The assessments area as core.areas lists it: its demo seeder (ITA evidence, publications, LPA
records); it has no home-page items."""

from __future__ import annotations

import duckdb

from core import demo as demo_core
from core.assessments import demo as demo_assessments


def seed_assessments(cur: duckdb.DuckDBPyConnection, ctx: demo_core.DemoContext) -> None:
    demo_assessments.seed(cur, ctx)


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = None
SEED = seed_assessments
