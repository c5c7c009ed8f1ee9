"""The home page's work list ("งานของฉัน") of one user, shared by that user's runs until
something changes (issue 18).

Every page of Pattana starts at the home page after sign-in, and its work list asks every area
what waits (about twenty queries, 40 ms), on every load and on every refresh of the live list.
The list is kept per user (by every field of the actor, so a change of roles is a new list), per
language, by the database's count of committed writes (a new ticket, a signature or an answer
shows on the next run) and by the minute of the clock: what moves with the clock alone (an item
falling overdue) is at most a minute old. When the minute has passed and nothing was recorded,
the list is made again from the same statements' results (``core.db.RecordedReads``, kept per
state of the records): only a read that takes the time as a parameter goes to the database, and
what the time changes (overdue, near a deadline) is worked out afresh. ``PATTANA_WORK_CACHE=0``
reads everything on every run.
"""

from __future__ import annotations

import os

import streamlit as st

from core import areas
from core.actor import Actor
from core.mywork import WorkItem
from ui.context import database, now, recorded_read, records_version

CACHE_ON = os.environ.get("PATTANA_WORK_CACHE", "1") != "0"
PERIOD_SECONDS = 60


@st.cache_resource(ttl=2 * PERIOD_SECONDS, max_entries=512, show_spinner=False)
def _cached_work(
    _actor: Actor,
    who: tuple,
    lang: str,
    records: int,
    clock_period: int,
) -> tuple[WorkItem, ...]:
    # Only ``_actor`` and ``lang`` are read; the rest is the key (see the module's docstring).
    return _read_work(_actor, lang)


def _read_work(actor: Actor, lang: str) -> tuple[WorkItem, ...]:
    if not CACHE_ON:
        with database().read() as cur:
            return tuple(areas.my_work(cur, actor, now(), lang))
    with recorded_read() as reads:
        return tuple(areas.my_work(reads, actor, now(), lang))


def _every_field(actor: Actor) -> tuple:
    return (
        actor.user_id,
        actor.username,
        actor.full_name,
        tuple(sorted(actor.roles)),
        actor.unit_code,
        actor.position,
    )


def my_work(actor: Actor, lang: str) -> tuple[WorkItem, ...]:
    """What waits for ``actor`` (see the module's docstring)."""
    if not CACHE_ON:
        return _read_work(actor, lang)
    return _cached_work(
        actor,
        _every_field(actor),
        lang,
        records_version(),
        int(now().timestamp()) // PERIOD_SECONDS,
    )
