"""The home page "งานของฉัน": what waits for the signed-in user, gathered from every area.

Each area contributes one provider, ``provider(cur, actor, now, lang) -> list[WorkItem]``, named
``HOME`` in its ``area.py``; ``core.areas`` lists them. Items are sorted overdue first, then by due time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from core.actor import Actor


@dataclass(frozen=True)
class WorkItem:
    area: str  # the text key of the area's heading, e.g. "page.proposals"
    title: str  # plain text (never rendered as HTML)
    detail: str = ""
    page: str = "home"  # page key to open
    query: dict = field(default_factory=dict)  # query parameters that select the record
    due: datetime | None = None
    overdue: bool = False


Provider = Callable[[duckdb.DuckDBPyConnection, Actor, datetime, str], list[WorkItem]]


def gather(
    providers: Iterable[Provider], cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[WorkItem]:
    """The items of every provider, overdue first, then by due time."""
    items: list[WorkItem] = []
    for provider in providers:
        items.extend(provider(cur, actor, now, lang))
    return sorted(items, key=lambda i: (not i.overdue, i.due or datetime.max, i.title))
