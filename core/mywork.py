"""The home page "งานของฉัน": what waits for the signed-in user, gathered from every area.

Each area contributes one provider, ``provider(cur, actor, now, lang) -> list[WorkItem]``, named
``HOME`` in its ``area.py``; ``core.areas`` lists them. ``arrange`` orders the list by what needs
this person now: decisions waiting for them (``kind="approve"``), questions put to them
(``"answer"``), reviews to sign (``"sign"``), tickets near or past their service level
(``"breach"``), then the rest; within each, overdue first, then by due time. Items of one
``group`` (the internal surveys to answer) become one item that counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from core.actor import Actor
from core.i18n import t

# What needs the person first; any other kind follows these.
KIND_ORDER = ("approve", "answer", "sign", "breach")


@dataclass(frozen=True)
class WorkItem:
    area: str  # the text key of the area's heading, e.g. "page.proposals"
    title: str  # plain text (never rendered as HTML)
    detail: str = ""
    page: str = "home"  # page key to open
    query: dict = field(default_factory=dict)  # query parameters that select the record
    due: datetime | None = None
    overdue: bool = False
    kind: str = ""  # one of KIND_ORDER, or "" for the rest
    group: str = ""  # text key "{n} ..." under which items of a kind are counted as one item


Provider = Callable[[duckdb.DuckDBPyConnection, Actor, datetime, str], list[WorkItem]]


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _grouped(key: str, items: list[WorkItem], now: datetime, lang: str) -> WorkItem:
    """One item standing for ``items``: their count, the page they share (without a record), the
    earliest due time still ahead (or the earliest of all when every one has passed)."""
    dues = sorted(i.due for i in items if i.due is not None)
    ahead = [d for d in dues if d >= now]
    first = items[0]
    return WorkItem(
        area=first.area,
        title=t(key, lang, n=len(items)),
        page=first.page,
        due=(ahead or dues or [None])[0],
        overdue=any(i.overdue for i in items),
        kind=first.kind,
    )


def arrange(items: Iterable[WorkItem], now: datetime, lang: str) -> list[WorkItem]:
    """The work list in the order it is shown: by kind (``KIND_ORDER``, then the rest), overdue
    first, then by due time, then by title; two or more items of one group shown as one."""
    kept: list[WorkItem] = []
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        if item.group:
            groups.setdefault(item.group, []).append(item)
        else:
            kept.append(item)
    for key, members in groups.items():
        kept.extend(members if len(members) == 1 else [_grouped(key, members, now, lang)])
    return sorted(kept, key=lambda i: (_rank(i.kind), not i.overdue, i.due or datetime.max, i.title))


def gather(
    providers: Iterable[Provider], cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[WorkItem]:
    """The items of every provider, arranged (``arrange``)."""
    items: list[WorkItem] = []
    for provider in providers:
        items.extend(provider(cur, actor, now, lang))
    return arrange(items, now, lang)
