"""A ticket queue's records, shared by the sessions until something is recorded (issue 18).

The tickets page shows one queue and refreshes it every few seconds while it is open (a live
region, step 13: a new ticket must reach an officer within minutes). A queue's tickets, their
events, the time standards and the calendar change only when something is recorded; the clocks
move with the time. So the records are read once per state of the records (the database's count
of committed writes) and the clocks are computed on every run from them
(``services.with_clocks``): each run read four statements afresh (10 ms on the demo data).
"""

from __future__ import annotations

import streamlit as st

from core.actor import Actor
from core.tickets import services
from ui.context import database, now, records_version


@st.cache_resource(max_entries=256, show_spinner=False)
def _queue_records(kind: str, user_id: int, through_year: int, records: int) -> services.QueueRecords:
    # ``records`` is only the key (see the module's docstring).
    with database().read() as cur:
        return services.queue_records(cur, kind, user_id, through_year)


def queue_rows(kind: str, actor: Actor) -> list[dict]:
    """The queue ``kind`` of ``actor`` with its clocks now (``services.queue_rows``)."""
    moment = now()
    records = _queue_records(kind, actor.user_id, moment.year, records_version())
    return services.with_clocks(records, kind, moment)
