"""Settings: the working calendar (local holidays, openings and half days; the year's closed days).

Changes go through ``core.calendar_store`` (audited); the tickets' SLA rows are rebuilt after."""

from __future__ import annotations

from datetime import date, time, timedelta

import pandas as pd
import streamlit as st

from core import areas, calendar_store
from core.thaidate import be_year
from core.tickets import services
from ui import widgets
from ui.components import attempt, fmt_date, table
from ui.context import database, now, tr
from ui.dates import be_date_input

ORDER = 40
TITLE_KEY = "tickets.settings.calendar"
ACTION = "calendar.edit"


def render(actor) -> None:
    st.caption(tr("tickets.calendar.help"))
    with database().read() as cur:
        adjustments = calendar_store.list_adjustments(cur)
    st.markdown(f"**{tr('tickets.calendar.local')}**")
    if adjustments:
        table(
            pd.DataFrame(
                {
                    "id": [a["id"] for a in adjustments],
                    tr("tickets.calendar.day"): [fmt_date(a["day"]) for a in adjustments],
                    tr("tickets.calendar.kind"): [
                        tr(f"tickets.calendar.kind.{a['kind']}") for a in adjustments
                    ],
                    tr("tickets.calendar.name"): [a["name"] for a in adjustments],
                    tr("tickets.calendar.start"): [
                        a["start_time"].strftime("%H:%M") if a["start_time"] else "" for a in adjustments
                    ],
                    tr("tickets.calendar.end"): [
                        a["end_time"].strftime("%H:%M") if a["end_time"] else "" for a in adjustments
                    ],
                }
            )
        )
    else:
        st.info(tr("common.none"))

    with widgets.form(st, "calendar_add"):
        st.markdown(f"**{tr('tickets.calendar.add')}**")
        cols = st.columns(3)
        day = be_date_input(tr("tickets.calendar.day"), now().date(), where=cols[0])
        kind = widgets.select_one(
            cols[1],
            tr("tickets.calendar.kind"),
            calendar_store.ADJUSTMENT_KINDS,
            format_func=lambda k: tr(f"tickets.calendar.kind.{k}"),
        )
        name = cols[2].text_input(tr("tickets.calendar.name"), max_chars=200)
        cols = st.columns(2)
        start = cols[0].time_input(
            tr("tickets.calendar.start"), value=time(13, 0), step=timedelta(minutes=30)
        )
        end = cols[1].time_input(tr("tickets.calendar.end"), value=time(16, 30), step=timedelta(minutes=30))
        if st.form_submit_button(tr("tickets.calendar.add")):
            attempt(
                lambda: services.add_calendar_day(
                    database(),
                    actor,
                    now(),
                    day=day,
                    kind=kind,
                    name=name,
                    start_time=start,
                    end_time=end,
                    followers=areas.calendar_followers(),
                ),
                success=tr("tickets.calendar.added"),
            )

    if adjustments:
        with widgets.form(st, "calendar_remove"):
            kinds = {k: tr(f"tickets.calendar.kind.{k}") for k in calendar_store.ADJUSTMENT_KINDS}
            labels = {
                a["id"]: f"{fmt_date(a['day'])} · {kinds[a['kind']]} · {a['name']}" for a in adjustments
            }
            chosen = widgets.select_one(
                st, tr("tickets.calendar.remove"), list(labels), format_func=labels.get
            )
            if st.form_submit_button(tr("tickets.calendar.remove")):
                attempt(
                    lambda: services.remove_calendar_day(
                        database(), actor, now(), chosen, followers=areas.calendar_followers()
                    ),
                    success=tr("tickets.calendar.removed"),
                )

    this_year = now().year
    year = widgets.select_one(
        st,
        tr("tickets.calendar.year"),
        [this_year - 1, this_year, this_year + 1],
        index=1,
        format_func=lambda y: f"พ.ศ. {be_year(y)}",
        key="calendar_year",
    )
    with database().read() as cur:
        calendar = calendar_store.load_calendar(cur, [year])
    rows = []
    day = date(year, 1, 1)
    while day.year == year:
        name = calendar.closed_days.get(day)
        partial = calendar.partial_closures.get(day)
        if day.weekday() < 5 and (name or partial):
            hours = " ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in calendar.open_periods(day))
            rows.append((fmt_date(day), name or tr("tickets.calendar.kind.half_day"), hours or "-"))
        day += timedelta(days=1)
    closed = sum(1 for r in rows if r[2] == "-")
    st.markdown(f"**{tr('tickets.calendar.closed_days', year=be_year(year), n=closed)}**")
    table(
        pd.DataFrame(
            rows,
            columns=[
                tr("tickets.calendar.col.day"),
                tr("tickets.calendar.col.name"),
                tr("tickets.calendar.col.hours"),
            ],
        )
    )
    _office_hours(actor)


def _office_hours(actor) -> None:
    """Office periods per weekday (several a day; a Saturday counter allowed)."""
    st.markdown(f"**{tr('calendar.hours_title')}**")
    st.caption(tr("calendar.hours_help"))
    with database().read() as cur:
        current = calendar_store.office_hours(cur)
    with widgets.form(st, "office_hours"):
        texts = {
            day: st.text_input(
                tr(f"calendar.weekday.{day}"),
                value=calendar_store.format_periods(current.get(day, ())),
                key=f"office_hours_{day}",
            )
            for day in range(7)
        }
        if st.form_submit_button(tr("common.save")):

            def save() -> None:
                hours = {day: calendar_store.parse_periods(text) for day, text in texts.items()}
                services.set_office_hours(database(), actor, now(), hours)

            attempt(save, success=tr("calendar.hours_saved"))
