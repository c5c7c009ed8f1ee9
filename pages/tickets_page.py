"""Tickets (manual steps 13-16): report a problem or a new requirement, work the queues, follow a
ticket's SLA clocks and its timeline. Ticket text is shown with st.text / st.dataframe only."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from core import files, org
from core.organisation.registers import system_label
from core.permissions import can
from core.tickets import queries, rules, services
from ui import ticket_views, widgets
from ui.components import attempt, fmt_datetime, guard, table, trm
from ui.context import database, language, now, tr
from ui.live import live
from ui.registry import PageSpec

FLASH = "tickets_flash"
FLAG_COLOURS = {"breached": "#f8d7da", "near": "#ffe5b4", "paused": "#e2e3e5", "ok": "#d4edda"}
PICK = "tickets_pick"
QUEUE_TAB = "tickets_tab"  # the open tab of the queues and the report form
REPORT_GENERATION = "tickets_report_generation"  # moves on after each filed ticket: a fresh form


def _label(prefix: str):
    return lambda value: tr(f"{prefix}.{value}")


def working_time_text(left: timedelta) -> str:
    """Working time as people read it: minutes, hours and minutes, or 7-hour working days."""
    minutes = int(round(abs(left).total_seconds() / 60))
    if minutes >= 420:
        days, rest = divmod(minutes, 420)
        text = tr("tickets.days_hours", d=days, h=rest // 60)
    elif minutes >= 60:
        text = tr("tickets.hours_minutes", h=minutes // 60, m=minutes % 60)
    else:
        text = tr("tickets.minutes", n=minutes)
    return tr("tickets.overrun", time=text) if left < timedelta() else text


def _done(message: str, code: str | None = None) -> None:
    st.session_state[FLASH] = message
    if code:
        st.query_params["ticket"] = code
    st.rerun()


def _queue_table(rows: list[dict], kind: str, lang: str) -> None:
    if not rows:
        st.info(tr("tickets.empty_queue"))
        return
    people = tr("tickets.col.reporter") if kind in ("unassigned",) else tr("tickets.col.assignee")
    flag_col = tr("tickets.col.flag")
    frame = pd.DataFrame(
        {
            flag_col: [tr(f"tickets.flag.{r['flag']}") for r in rows],
            tr("tickets.col.code"): [r["code"] for r in rows],
            tr("tickets.col.title"): [r["title"] for r in rows],
            tr("tickets.col.clock"): [tr(f"tickets.clock.{r['clock'].name}") for r in rows],
            tr("tickets.col.left"): [
                "" if r["flag"] == "done" else working_time_text(r["left"]) for r in rows
            ],
            tr("tickets.col.due"): [
                fmt_datetime(r["clock"].due)
                if r["clock"].due
                else tr("tickets.due_unknown")
                if r["clock"].state == "paused"
                else ""
                for r in rows
            ],
            tr("tickets.col.status"): [tr(f"tickets.status.{r['status']}") for r in rows],
            people: [
                (r["reporter_name"] if kind == "unassigned" else r["assignee_name"]) or "" for r in rows
            ],
            tr("tickets.col.type"): [tr(f"tickets.type.{r['type']}") for r in rows],
            tr("tickets.col.system"): [
                (r["system_en"] if lang == "en" else r["system_th"]) or "" for r in rows
            ],
            tr("tickets.col.reported_at"): [fmt_datetime(r["reported_at"]) for r in rows],
        }
    )
    table(frame, coloured={flag_col: {tr(f"tickets.flag.{flag}"): c for flag, c in FLAG_COLOURS.items()}})


def _live_queue(actor, kind: str, lang: str) -> None:
    _queue_table(ticket_views.queue_rows(kind, actor), kind, lang)


def _report_form(actor, is_it: bool, lang: str) -> None:
    with database().read() as cur:
        systems = org.list_systems(cur)
        reporters = queries.reporters(cur) if is_it else []
    system_names = {s["id"]: system_label(s, lang) for s in systems}  # name · owner unit
    # The form's widgets are keyed by a generation that moves on after a ticket is filed, so the
    # next form starts empty (screenshots included) while a refused form keeps what was typed.
    n = st.session_state.setdefault(REPORT_GENERATION, 0)
    with widgets.form(st, f"report_ticket_{n}", clear_on_submit=False):
        system_id = widgets.select_one(
            st,
            tr("tickets.field.system"),
            list(system_names),
            index=None,
            format_func=system_names.get,
            key=f"ticket_new_system_{n}",
        )
        ticket_type = st.radio(
            tr("tickets.field.type"),
            rules.TYPES,
            horizontal=True,
            format_func=_label("tickets.type"),
            key=f"ticket_new_type_{n}",
        )
        title = st.text_input(
            tr("tickets.field.title"), max_chars=rules.MAX_TITLE, key=f"ticket_new_title_{n}"
        )
        description = st.text_area(
            tr("tickets.field.description"),
            max_chars=rules.MAX_DESCRIPTION,
            key=f"ticket_new_description_{n}",
        )
        cols = st.columns(2)
        channel = widgets.select_one(
            cols[0],
            tr("tickets.field.channel"),
            rules.CHANNELS,
            format_func=_label("tickets.channel"),
            key=f"ticket_new_channel_{n}",
        )
        urgency = widgets.select_one(
            cols[1],
            tr("tickets.field.urgency"),
            rules.URGENCIES,
            format_func=_label("tickets.urgency"),
            key=f"ticket_new_urgency_{n}",
        )
        reporter_id = None
        if is_it:
            names = {r["id"]: r["full_name"] for r in reporters}
            ids = [actor.user_id] + [i for i in names if i != actor.user_id]
            reporter_id = widgets.select_one(
                st,
                tr("tickets.field.reporter"),
                ids,
                format_func=lambda i: names.get(i, actor.full_name),
                key=f"ticket_new_reporter_{n}",
            )
        uploads = widgets.file_input(
            st,
            tr("tickets.field.screenshots"),
            types=["png", "jpg", "jpeg"],
            max_bytes=services.MAX_SCREENSHOT_BYTES,
            accept_multiple_files=True,
            help=tr("tickets.upload_limits", mb=5),
            key=f"ticket_new_screenshots_{n}",
        )
        submitted = st.form_submit_button(tr("tickets.report_submit"))
    if submitted:
        shots = [(u.name, u.getvalue()) for u in uploads or []]
        outcome = attempt(
            lambda: services.report_ticket(
                database(),
                actor,
                now(),
                system_id=system_id,
                ticket_type=ticket_type,
                title=title,
                description=description,
                channel=channel,
                urgency=urgency,
                screenshots=shots,
                reporter_id=reporter_id,
            )
        )
        if outcome:
            st.session_state[REPORT_GENERATION] = n + 1  # the next run shows an empty form
            with database().read() as cur:
                code = queries.get_ticket(cur, outcome.value)["code"]
            # Name every stored attachment: a file the uploader refused (too large, wrong type)
            # is then visibly missing, never silently dropped.
            attached = (
                trm("tickets.attached", n=len(shots), names=", ".join(name for name, _ in shots))
                if shots
                else tr("tickets.attached_none")
            )
            _done(f"{tr('tickets.reported', code=code)} · {attached}", code)  # our own code


def _clock_box(container, clock, lang: str) -> None:
    with container.container(border=True):
        st.markdown(f"**{tr(f'tickets.clock.{clock.name}')}** · {tr(f'tickets.state.{clock.state}')}")
        if clock.state in ("not_started", "cancelled"):
            return
        due = fmt_datetime(clock.due) if clock.due else tr("tickets.due_unknown")
        st.text(
            tr(
                "tickets.clock_line",
                due=due,
                elapsed=working_time_text(clock.elapsed),
                target=working_time_text(clock.target),
            )
        )


def _ticket_view(actor, ticket_id: int, is_it: bool, lang: str) -> None:
    moment = now()
    with database().read() as cur:
        ticket = queries.get_ticket(cur, ticket_id)
        if not is_it and ticket["reporter_id"] != actor.user_id:
            st.error(tr("app.no_access"))
            return
        analysis, resolution = services.clocks_of(cur, ticket, moment)
        events = queries.events_of(cur, ticket_id)
        attachments = files.list_for(cur, "ticket", ticket_id)
        images = [files.content_of(cur, a["id"])[1] for a in attachments]
        rating = queries.rating_of(cur, ticket_id)
        people = queries.it_people(cur)
    status = ticket["status"]
    st.subheader(f"{ticket['code']} · {tr(f'tickets.status.{status}')}")
    st.text(ticket["title"])
    system = ticket["system_en"] if lang == "en" else ticket["system_th"]
    st.text(
        " · ".join(
            [
                tr(f"tickets.type.{ticket['type']}"),
                system or "",
                tr(f"tickets.channel.{ticket['channel']}"),
                tr(f"tickets.urgency.{ticket['urgency']}"),
            ]
        )
    )
    st.text(
        f"{tr('tickets.field.reporter')}: {ticket['reporter_name'] or ''} · "
        f"{tr('tickets.field.assignee')}: {ticket['assignee_name'] or '-'} · {fmt_datetime(ticket['reported_at'])}"
    )
    if ticket["original_code"]:
        st.warning(trm("tickets.merged_into", code=ticket["original_code"]))
    st.text(ticket["description"])
    questions = [e["note"] for e in events if e["kind"] == "wait" and e["note"]]
    if status in rules.WAITING_STATUSES and questions:
        st.caption(tr("tickets.question"))
        st.text(questions[-1])
    if images:
        st.caption(tr("tickets.attachments"))
        st.image(images, width=320)

    st.markdown(f"**{tr('tickets.clocks')}**")
    cols = st.columns(2)
    _clock_box(cols[0], analysis, lang)
    _clock_box(cols[1], resolution, lang)

    st.markdown(f"**{tr('tickets.timeline')}**")
    table(
        pd.DataFrame(
            {
                tr("tickets.col.at"): [fmt_datetime(e["at_time"]) for e in events],
                tr("tickets.col.event"): [tr(f"tickets.verb.{e['kind']}") for e in events],
                tr("tickets.col.actor"): [e["actor_name"] or e["actor"] for e in events],
                tr("tickets.col.status"): [tr(f"tickets.status.{e['status_after']}") for e in events],
                tr("tickets.col.note"): [
                    " ".join(x for x in [e["assignee_name"] or "", e["related_code"] or "", e["note"]] if x)
                    for e in events
                ],
            }
        )
    )

    is_reporter = ticket["reporter_id"] == actor.user_id
    verbs = []
    if is_it:
        verbs = rules.allowed_verbs(status, rules.IT_VERBS)
    elif is_reporter:
        verbs = rules.allowed_verbs(status, rules.REPORTER_VERBS)
    if verbs:
        st.markdown(f"**{tr('tickets.actions')}**")
        with widgets.form(st, f"act_{ticket_id}", clear_on_submit=True):
            note = st.text_input(tr("tickets.field.note"), max_chars=rules.MAX_NOTE)
            buttons = st.columns(len(verbs))
            pressed = [
                verb
                for verb, col in zip(verbs, buttons)
                if col.form_submit_button(tr(f"tickets.verb.{verb}"))
            ]
        if pressed:
            outcome = attempt(lambda: services.act(database(), actor, now(), ticket_id, pressed[0], note))
            if outcome:
                _done(tr("tickets.done", status=tr(f"tickets.status.{outcome.value}")), ticket["code"])
    if can(actor.roles, "ticket.assign") and status in rules.ACTIVE_STATUSES:
        names = {p["id"]: p["full_name"] for p in people}
        with widgets.form(st, f"assign_{ticket_id}"):
            assignee = widgets.select_one(
                st, tr("tickets.field.assignee"), list(names), format_func=names.get
            )
            if st.form_submit_button(tr("tickets.verb.assign")):
                if attempt(lambda: services.assign(database(), actor, now(), ticket_id, assignee)):
                    _done(tr("tickets.assigned"), ticket["code"])
    if is_it and status in rules.OPEN_STATUSES:
        with st.expander(tr("tickets.verb.merge")), widgets.form(st, f"merge_{ticket_id}"):
            original = st.text_input(tr("tickets.field.original"), max_chars=20)
            if st.form_submit_button(tr("tickets.verb.merge")):
                if attempt(lambda: services.merge(database(), actor, now(), ticket_id, original)):
                    _done(tr("tickets.merged"), ticket["code"])
    if status == "closed" and is_reporter:
        if rating is not None:
            st.success(tr("tickets.your_rating", score=rating["score"]))
        else:
            with widgets.form(st, f"rate_{ticket_id}"):
                st.markdown(f"**{tr('tickets.rate')}**")
                score = st.radio(tr("tickets.field.score"), [5, 4, 3, 2, 1], horizontal=True)
                comment = st.text_input(tr("tickets.field.comment"), max_chars=rules.MAX_NOTE)
                if st.form_submit_button(tr("common.save")):
                    if attempt(
                        lambda: services.rate(database(), actor, now(), ticket_id, int(score), comment)
                    ):
                        _done(tr("tickets.rated"), ticket["code"])


def _picked() -> None:
    code = st.session_state.get(PICK)
    if code:
        st.query_params["ticket"] = code
    elif "ticket" in st.query_params:
        del st.query_params["ticket"]


def render() -> None:
    actor = guard("tickets")
    lang = language()
    st.title(tr("page.tickets"))
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))

    is_it = can(actor.roles, "ticket.work")
    queues = ["mine", "unassigned", "team", "reported"] if is_it else ["reported"]
    labels = [tr(f"tickets.queue.{q}") for q in queues]
    if can(actor.roles, "ticket.report"):
        labels.append(tr("tickets.report_new"))
    # Only the open tab is drawn: an officer's four queues were four tables on every run.
    tabs = widgets.lazy_tabs(st, labels, key=QUEUE_TAB)
    for tab, kind in zip(tabs, queues):
        if tab.open:
            with tab:
                live(_live_queue, actor, kind, lang)  # refreshes itself while open (issue 17)
    if can(actor.roles, "ticket.report") and tabs[-1].open:
        with tabs[-1]:
            _report_form(actor, is_it, lang)

    with database().read() as cur:
        visible = queries.recent_visible(cur, actor.user_id, is_it)
        wanted = st.query_params.get("ticket")
        wanted_id = queries.find_by_code(cur, wanted) if wanted else None
    options = {r["code"]: r["id"] for r in visible}
    if wanted and wanted_id is not None and wanted.upper() not in options:
        options = {wanted.upper(): wanted_id, **options}
    if wanted and wanted.upper() in options and st.session_state.get(PICK) != wanted.upper():
        st.session_state[PICK] = wanted.upper()
    titles = {r["code"]: r["title"] for r in visible}
    code = widgets.select_one(
        st,
        tr("tickets.open_ticket"),
        list(options),
        index=None,
        key=PICK,
        placeholder=tr("tickets.pick"),
        format_func=lambda c: f"{c} {titles.get(c, '')}".strip(),
        on_change=_picked,
    )
    if code:
        if st.query_params.get("ticket") != code:
            st.query_params["ticket"] = code
        st.divider()
        _ticket_view(actor, options[code], is_it, lang)


PAGE = PageSpec(key="tickets", icon=":material/support_agent:", render=render)
