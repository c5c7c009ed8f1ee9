"""Project stages (manual steps 4-12): portfolio, timelines, and each project's stages."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from core import files, org
from core.organisation.profile import get_profile
from core.permissions import can
from core.spreadsheets import workbook_bytes
from core.stages import pdf as stage_pdf
from core.stages import queries, rules, services
from core.thaidate import THAI_MONTHS_ABBR
from ui import stage_views, widgets
from ui.components import (
    attempt,
    fmt_date,
    fmt_datetime,
    fy_label,
    guard,
    table,
    trm,
)
from ui.context import database, language, now, tr
from ui.dates import be_date_input
from ui.registry import PageSpec, page_ref

COLORS = {"planned": "#b9c7d8", "actual": "#2e7d32", "overdue": "#d32f2f", "rushed": "#f9a825"}

_FLASH = "stage-flash"


def _act(action, success: str) -> None:
    """Run one service; on success keep the message and rerun so the page shows the new state."""
    if attempt(action):
        st.session_state[_FLASH] = success
        st.rerun()


def _tv(prefix: str, value: str) -> str:
    """The text of a key built from a prefix and a value (a status, a kind, a series)."""
    return tr(prefix + value)


def _axis_labels() -> str:
    """Vega expression printing a date axis as Thai month and B.E. year (or English)."""
    if language() == "en":
        return "timeFormat(datum.value, '%b %Y')"
    months = ",".join(f"'{m}'" for m in THAI_MONTHS_ABBR)
    return f"[{months}][month(datum.value)] + ' ' + (year(datum.value) + 543)"


def _stage_label(n: int) -> str:
    return f"{n}. {tr(rules.stage_key(n))}"


def _light(status: str, overdue: bool, behind_plan: bool) -> str:
    key = rules.traffic_light(live=status == "live", overdue=bool(overdue), behind_plan=bool(behind_plan))
    return _tv("stage.light.", key) if status != "cancelled" else tr("stage.project_status.cancelled")


# ----------------------------------------------------------------------------- portfolio
def _launch_letter(db, pid: int):
    """The launch letter's PDF, made when its download button is pressed (not on every run)."""

    def make() -> bytes:
        with db.read() as cur:
            return stage_pdf.launch_letter_pdf(cur, pid)

    return make


def _portfolio_frame(fys: list[int], unit: str | None, status: str | None) -> tuple[pd.DataFrame, dict]:
    shared = stage_views.portfolio(fys)
    frame, people = shared.frame, shared.people
    units = {u["code"]: (u["name_en"] if language() == "en" else u["name_th"]) for u in shared.units}
    if unit:
        frame = frame[frame["unit_code"] == unit]
    if status:
        frame = frame[frame["status"] == status]
    return frame.reset_index(drop=True), {"people": people, "units": units}


def _portfolio(frame: pd.DataFrame, names: dict) -> None:
    if frame.empty:
        st.info(tr("stage.timeline_empty"))
        return
    # One pass over plain values (a row-wise DataFrame.apply built a Series per project).
    lights = [
        _light(*row)
        for row in zip(frame["status"].tolist(), frame["overdue"].tolist(), frame["behind_plan"].tolist())
    ]
    st.caption(
        tr(
            "stage.summary",
            n=len(frame),
            red=int(frame["overdue"].sum()),
            amber=int((frame["behind_plan"] & ~frame["overdue"]).sum()),
            live=int((frame["status"] == "live").sum()),
        )
    )
    shown = pd.DataFrame(
        {
            tr("stage.col.light"): lights,
            tr("stage.col.code"): frame["code"],
            tr("stage.col.name"): frame["name"],
            tr("stage.col.fy"): frame["fiscal_year"].astype(int),
            tr("stage.col.unit"): frame["unit_code"].map(lambda c: names["units"].get(c, c or "")),
            tr("stage.col.current"): frame["current_stage"].map(
                lambda n: "" if pd.isna(n) else _stage_label(int(n))
            ),
            tr("stage.col.days"): frame["days_in_stage"],
            tr("stage.col.responsible"): frame["responsible_user_id"].map(
                lambda i: "" if pd.isna(i) else names["people"].get(int(i), "")
            ),
            tr("stage.col.rushed"): frame["rushed_stages"].astype(int),
            tr("stage.col.status"): frame["status"].map(lambda s: _tv("stage.project_status.", s)),
        }
    )
    light_col = tr("stage.col.light")
    colors = {
        _tv("stage.light.", k): c
        for k, c in {"live": "#d6e4f5", "red": "#f8d0d0", "amber": "#fbe7b5", "green": "#d4edda"}.items()
    }
    table(shown, coloured={light_col: colors})
    export_name = tr("stage.export_name")
    st.download_button(
        tr("common.download_excel"),
        lambda: workbook_bytes({export_name: shown}, title=export_name),  # built when pressed
        file_name="portfolio.xlsx",
        key="portfolio-xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _portfolio_timeline(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info(tr("stage.timeline_empty"))
        return
    today = now().date()
    with database().read() as cur:
        stages = queries.timeline_frame(cur, [int(i) for i in frame["project_id"]])
    overdue = dict(zip(frame["project_id"], frame["overdue"]))
    rows = []
    for pid, group in stages.groupby("project_id"):
        label = f"{group['code'].iloc[0]} {group['name'].iloc[0]}"[:60]
        rows.append(
            {
                "project": label,
                "series": tr("stage.series.planned"),
                "start": group["planned_start"].min(),
                "end": group["planned_end"].max() + timedelta(days=1),
            }
        )
        started = group["start_on"].dropna()
        if not started.empty:
            ended = group["end_on"].isna().sum() == 0
            end = group["end_on"].max() + timedelta(days=1) if ended else today
            rows.append(
                {
                    "project": label,
                    "series": tr("stage.series.overdue") if overdue.get(pid) else tr("stage.series.actual"),
                    "start": started.min(),
                    "end": end,
                }
            )
    _gantt(pd.DataFrame(rows), "project", today, height=max(160, 34 * len(frame)))


def _gantt(data: pd.DataFrame, y: str, today: date, height: int) -> None:
    data = data.copy()
    data["start"] = pd.to_datetime(data["start"])
    data["end"] = pd.to_datetime(data["end"])
    data["start_text"] = data["start"].map(lambda d: fmt_date(d.date()))
    data["end_text"] = (data["end"] - pd.Timedelta(days=1)).map(lambda d: fmt_date(d.date()))
    domain = [_tv("stage.series.", k) for k in COLORS]
    axis = alt.Axis(title=None, labelExpr=_axis_labels(), tickCount="month", labelAngle=0)
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("start:T", axis=axis),
            x2="end:T",
            y=alt.Y(f"{y}:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("series:N", sort=domain),
            color=alt.Color(
                "series:N",
                title=tr("stage.col.series"),
                scale=alt.Scale(domain=domain, range=list(COLORS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip(f"{y}:N", title=tr("stage.col.stage")),
                alt.Tooltip("series:N", title=tr("stage.col.series")),
                alt.Tooltip("start_text:N", title=tr("stage.col.start")),
                alt.Tooltip("end_text:N", title=tr("stage.col.end")),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"today": [pd.Timestamp(today)], "label": [tr("stage.today")]}))
        .mark_rule(color="#1565c0", strokeDash=[4, 3], size=2)
        .encode(x="today:T")
    )
    st.altair_chart((bars + rule).properties(height=height), width="stretch")


# ----------------------------------------------------------------------------- one project
def _project_gantt(project: dict, stages: list[dict]) -> None:
    today = now().date()
    rows = []
    for s in stages:
        label = _stage_label(s["stage_no"])
        rows.append(
            {
                "stage": label,
                "series": tr("stage.series.planned"),
                "start": s["planned_start"],
                "end": s["planned_end"] + timedelta(days=1),
            }
        )
        if s["start_on"] is not None:
            end = (
                s["end_on"] + timedelta(days=1)
                if s["end_on"]
                else max(today, s["start_on"] + timedelta(days=1))
            )
            overdue = (
                rules.is_overdue(s["due_on"], s["end_on"], today) if s["std_kind"] == "deadline" else False
            )
            series = "overdue" if overdue else ("rushed" if s["rushed"] else "actual")
            rows.append(
                {"stage": label, "series": _tv("stage.series.", series), "start": s["start_on"], "end": end}
            )
    st.subheader(tr("stage.gantt_title", code=project["code"]))
    _gantt(pd.DataFrame(rows), "stage", today, height=380)


def _stage_status(s: dict, previous: dict | None) -> str:
    status = rules.stage_status(s["stage_no"], s["start_on"], s["end_on"])
    if (
        status == "not_started"
        and s["stage_no"] in rules.GATES
        and previous is not None
        and previous["end_on"] is not None
    ):
        status = "waiting_signoff"
    return status


def _stage_facts(s: dict, status: str) -> None:
    today = now().date()
    std_text = tr(
        "stage.standard_text_months" if s.get("std_unit") == "months" else "stage.standard_text",
        kind=_tv("stage.kind.", s["std_kind"]),
        days=s["std_days"],
    )
    st.caption(
        f"{tr('stage.col.standard')}: {std_text} · "
        + tr("stage.planned_range", start=fmt_date(s["planned_start"]), end=fmt_date(s["planned_end"]))
    )
    line = [_tv("stage.status.", status)]
    if s["start_on"]:
        line.append(tr("stage.actual_range", start=fmt_date(s["start_on"]), end=fmt_date(s["end_on"]) or "…"))
    if s["due_on"] and s["std_kind"] == "deadline":
        line.append(tr("stage.due_text", date=fmt_date(s["due_on"])))
    if s["responsible_name"]:
        line.append(f"{tr('stage.field.responsible')}: {s['responsible_name']}")
    st.text(" · ".join(line))
    if s["std_kind"] == "deadline" and rules.is_overdue(s["due_on"], s["end_on"], today):
        st.error(tr("stage.overdue_text"))
    if s["rushed"]:
        st.warning(trm("stage.rushed_text", spent=s["spent_days"], reason=s["waiver_reason"] or ""))
    if s["notes"]:
        st.text(s["notes"])


def _evidence(cur, pid: int, n: int) -> None:
    attached = files.list_for(cur, services.OWNER_EVIDENCE, services.owner_id(pid, n))
    if n == 11:
        attached += files.list_for(cur, services.OWNER_MANUAL, services.owner_id(pid, n))
    if attached:
        st.caption(tr("stage.files"))
        table(
            pd.DataFrame(
                [
                    {
                        tr("stage.field.file"): a["filename"],
                        "KB": round(a["size_bytes"] / 1024, 1),
                        tr("stage.col.start"): fmt_datetime(a["uploaded_at"]),
                    }
                    for a in attached
                ]
            )
        )
    links = queries.links_of(cur, pid, n)
    if links:
        st.caption(tr("stage.links"))
        table(
            pd.DataFrame(
                [{tr("stage.field.url"): x["url"], tr("stage.field.label"): x["label"]} for x in links]
            ),
            column_config={tr("stage.field.url"): st.column_config.LinkColumn()},
        )


def _dates_form(actor, project, s, previous) -> None:
    pid, n = project["id"], s["stage_no"]
    today = now().date()
    suggested = s["start_on"] or (previous["end_on"] if previous and previous["end_on"] else today)
    with widgets.form(st, f"dates-{pid}-{n}"):
        cols = st.columns(2)
        start = be_date_input(
            tr("stage.field.actual_start"), min(suggested, today), max_value=today, where=cols[0]
        )
        end = None
        if n not in rules.GATES and n != rules.LAST:
            end = be_date_input(tr("stage.field.actual_end"), today, max_value=today, where=cols[1])
            waiver = st.text_area(tr("stage.field.waiver"), max_chars=1000)
        else:
            waiver = ""
        buttons = st.columns(2)
        do_start = buttons[0].form_submit_button(tr("stage.save_start"))
        do_finish = end is not None and buttons[1].form_submit_button(tr("stage.save_finish"), type="primary")
    if do_start or do_finish:
        _act(
            lambda: services.record_dates(
                database(),
                actor,
                now(),
                pid,
                n,
                actual_start=start,
                actual_end=end if do_finish else None,
                waiver_reason=waiver,
            ),
            tr("stage.saved_dates"),
        )


def _assign_form(actor, project, s, officers) -> None:
    pid, n = project["id"], s["stage_no"]
    ids = [None] + [o["id"] for o in officers]
    labels = {o["id"]: o["full_name"] for o in officers}
    with widgets.form(st, f"assign-{pid}-{n}"):
        who = widgets.select_one(
            st,
            tr("stage.field.responsible"),
            ids,
            index=ids.index(s["responsible_user_id"]) if s["responsible_user_id"] in ids else 0,
            format_func=lambda i: "-" if i is None else labels[i],
        )
        notes = st.text_area(tr("stage.field.notes"), value=s["notes"] or "", max_chars=services.MAX_NOTES)
        if st.form_submit_button(tr("stage.save_assign")):
            _act(
                lambda: services.assign(
                    database(), actor, now(), pid, n, responsible_user_id=who, notes=notes
                ),
                tr("stage.saved"),
            )


def _evidence_forms(actor, project, s) -> None:
    pid, n = project["id"], s["stage_no"]
    cols = st.columns(2)
    with widgets.form(cols[0], f"file-{pid}-{n}", clear_on_submit=True):
        upload = widgets.file_input(
            st,
            tr("stage.field.file"),
            types=sorted(e.lstrip(".") for e in files.IMAGES_AND_DOCUMENTS),
            max_bytes=files.MAX_UPLOAD_BYTES,
        )
        if st.form_submit_button(tr("stage.upload")):
            if upload is None:
                st.error(tr("stage.no_file_chosen"))
            else:
                _act(
                    lambda: services.add_file(
                        database(), actor, now(), pid, n, filename=upload.name, content=upload.getvalue()
                    ),
                    tr("stage.uploaded"),
                )
    with widgets.form(cols[1], f"link-{pid}-{n}", clear_on_submit=True):
        url = st.text_input(tr("stage.field.url"), placeholder="https://")
        label = st.text_input(tr("stage.field.label"))
        if st.form_submit_button(tr("stage.add_link")):
            _act(
                lambda: services.add_link(database(), actor, now(), pid, n, url=url, label=label),
                tr("stage.link_added"),
            )


def _requirements(actor, project, editable: bool) -> None:
    pid = project["id"]
    with database().read() as cur:
        items = queries.list_requirements(cur, pid)
    st.caption(tr("stage.requirements"))
    if items:
        table(
            pd.DataFrame(
                [{tr("stage.col.code"): r["code"], tr("stage.field.requirement"): r["text"]} for r in items]
            )
        )
    if editable:
        with widgets.form(st, f"req-{pid}", clear_on_submit=True):
            text = st.text_area(tr("stage.field.requirement"), max_chars=1000)
            if st.form_submit_button(tr("stage.add_requirement")):
                _act(
                    lambda: services.add_requirement(database(), actor, now(), pid, text),
                    tr("stage.requirement_added"),
                )


def _training(actor, project, editable: bool) -> None:
    pid = project["id"]
    with database().read() as cur:
        sessions = queries.training_of(cur, pid)
        units = org.list_units(cur)
    names = {u["code"]: (u["name_en"] if language() == "en" else u["name_th"]) for u in units}
    st.caption(tr("stage.training"))
    if sessions:
        table(
            pd.DataFrame(
                [
                    {
                        tr("stage.field.held_on"): fmt_date(x["held_on"]),
                        tr("stage.field.hours"): x["hours"],
                        tr("stage.field.units"): ", ".join(
                            names.get(c, c) for c in x["unit_codes"].split(",")
                        ),
                        tr("stage.field.attendees"): x["attendees"],
                    }
                    for x in sessions
                ]
            )
        )
    if not editable:
        return
    cols = st.columns(2)
    with widgets.form(cols[0], f"training-{pid}", clear_on_submit=True):
        held = be_date_input(tr("stage.field.held_on"), now().date(), max_value=now().date())
        hours = st.number_input(tr("stage.field.hours"), min_value=0.5, max_value=24.0, value=3.0, step=0.5)
        chosen = widgets.select_many(st, tr("stage.field.units"), list(names), format_func=lambda c: names[c])
        attendees = st.number_input(
            tr("stage.field.attendees"), min_value=1, max_value=10000, value=10, step=1
        )
        if st.form_submit_button(tr("stage.add_training")):
            _act(
                lambda: services.add_training(
                    database(),
                    actor,
                    now(),
                    pid,
                    held_on=held,
                    hours=hours,
                    unit_codes=chosen,
                    attendees=int(attendees),
                ),
                tr("stage.training_added"),
            )
    with widgets.form(cols[1], f"manual-{pid}", clear_on_submit=True):
        upload = widgets.file_input(
            st, tr("stage.field.manual_file"), types=["pdf", "docx"], max_bytes=files.MAX_UPLOAD_BYTES
        )
        if st.form_submit_button(tr("stage.upload_manual")):
            if upload is None:
                st.error(tr("stage.no_file_chosen"))
            else:
                _act(
                    lambda: services.add_file(
                        database(),
                        actor,
                        now(),
                        pid,
                        11,
                        filename=upload.name,
                        content=upload.getvalue(),
                        manual=True,
                    ),
                    tr("stage.uploaded"),
                )


def _go_live_form(actor, project) -> None:
    pid = project["id"]
    st.caption(tr("stage.go_live_help"))
    with database().read() as cur:
        profile = get_profile(cur)
    reference_prefix = profile.memo_reference()
    signatory = profile.signatory("unit_head")  # who signs the division's memos, from the profile
    with widgets.form(st, f"golive-{pid}"):
        cols = st.columns(2)
        go_live_on = be_date_input(
            tr("stage.field.go_live_on"),
            now().date() + timedelta(days=7),
            min_value=now().date(),
            where=cols[0],
        )
        reference = cols[1].text_input(tr("stage.field.reference_no"), value=reference_prefix)
        code = cols[0].text_input(tr("stage.field.system_code"), value=project["code"].replace("PJ", "SYS"))
        kind = widgets.select_one(
            cols[1],
            tr("stage.field.system_kind"),
            ["internal", "eservice"],
            format_func=lambda k: _tv("stage.kind.", k),
        )
        name_th = st.text_input(tr("stage.field.system_name"), value=project["name"])
        name_en = st.text_input(tr("stage.field.system_name_en"))
        signer = cols[0].text_input(tr("stage.field.signer_name"), value=signatory.name)
        position = cols[1].text_area(
            tr("stage.field.signer_position"), height=80, value="\n".join(signatory.position_lines())
        )  # a line each
        if st.form_submit_button(tr("stage.go_live"), type="primary"):
            _act(
                lambda: services.go_live(
                    database(),
                    actor,
                    now(),
                    pid,
                    go_live_on=go_live_on,
                    reference_no=reference,
                    system_code=code.strip().upper(),
                    system_name_th=name_th,
                    system_name_en=name_en,
                    system_kind=kind,
                    signer_name=signer,
                    signer_position=position,
                ),
                tr("stage.went_live"),
            )


def _project_detail(actor, project_ids: list[int], labels: dict[int, str]) -> None:
    if not project_ids:
        st.info(tr("stage.timeline_empty"))
        return
    wanted = st.query_params.get("project")
    index = 0
    if wanted and wanted.isdigit() and int(wanted) in project_ids:
        index = project_ids.index(int(wanted))
    pid = widgets.select_one(
        st,
        tr("stage.pick_project"),
        project_ids,
        index=index,
        format_func=lambda i: labels[i],
        key="stage-project",
    )
    with database().read() as cur:
        project = queries.project_with_names(cur, pid)
        stages = queries.stages_of(cur, pid)
        officers = queries.officers(cur)
        letter = queries.letter_of(cur, pid)
    unit = project["unit_en"] if language() == "en" else project["unit_th"]
    st.header(trm("stage.project_header", code=project["code"], name=project["name"]))
    st.caption(
        trm(
            "stage.project_meta",
            fy=fy_label(project["fiscal_year"]),
            unit=unit or "-",
            person=project["responsible_name"] or "-",
        )
    )
    if project["status"] == "live":
        st.success(
            trm(
                "stage.live_info",
                system=project["system_name_th"] or "",
                date=fmt_date(letter["go_live_on"]) if letter else "",
            )
        )
    _project_gantt(project, stages)
    editable = project["status"] == "active" and can(actor.roles, "stage.update")
    if project["status"] == "active" and not editable:
        st.caption(tr("stage.readonly"))
    current = rules.current_stage({s["stage_no"]: s["end_on"] for s in stages})
    opened = current if current is not None else rules.LAST  # a live project shows its launch letter
    previous = None
    for s in stages:
        n = s["stage_no"]
        status = _stage_status(s, previous)
        icon = {
            "done": ":material/check_circle:",
            "waiting_signoff": ":material/hourglass_top:",
            "in_progress": ":material/play_circle:",
            "not_started": ":material/radio_button_unchecked:",
        }[status]
        with st.expander(
            f"{_stage_label(n)} · {_tv('stage.status.', status)}", expanded=n == opened, icon=icon
        ):
            _stage_facts(s, status)
            if n in rules.GATES:
                if s["end_on"] is not None:
                    st.success(tr("stage.signed_off", when=fmt_datetime(s["signed_off_at"])))
                else:
                    st.info(tr("stage.waiting_signoff_info"))
                    reviews = page_ref("reviews")
                    if reviews is not None:
                        st.page_link(
                            reviews,
                            label=tr("stage.open_reviews"),
                            icon=":material/fact_check:",
                            query_params={"project": str(pid), "gate": str(n)},
                        )
            with database().read() as cur:
                _evidence(cur, pid, n)
            if n == 4:
                _requirements(actor, project, editable and s["end_on"] is None)
            if n == 11:
                _training(actor, project, editable and s["start_on"] is not None and s["end_on"] is None)
            if n == rules.LAST and letter is not None:
                st.download_button(
                    tr("stage.download_letter"),
                    _launch_letter(database(), pid),  # built when pressed
                    file_name=stage_pdf.launch_file_name(project["code"], now().date()),
                    mime="application/pdf",
                    key=f"letter-{pid}",
                )
            if editable:
                if n == current and n != rules.LAST:
                    _dates_form(actor, project, s, previous)
                if n == current == rules.LAST and can(actor.roles, "project.go_live"):
                    _go_live_form(actor, project)
                if s["end_on"] is None or n == current:
                    _assign_form(actor, project, s, officers)
                _evidence_forms(actor, project, s)
        previous = s


# ----------------------------------------------------------------------------- page
def render() -> None:
    actor = guard("projects")
    st.title(tr("page.projects"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    with database().read() as cur:
        years = queries.fiscal_years(cur)
        units = org.list_units(cur)
    if not years:
        st.info(tr("stage.no_projects"))
        return
    unit_names = {u["code"]: (u["name_en"] if language() == "en" else u["name_th"]) for u in units}
    cols = st.columns(3)
    fys = widgets.select_many(
        cols[0], tr("common.fiscal_year"), years, default=years[:2], format_func=fy_label, key="stage-fy"
    )
    unit = widgets.select_one(
        cols[1],
        tr("common.unit"),
        [None, *unit_names],
        key="stage-unit",
        format_func=lambda c: tr("common.all") if c is None else unit_names[c],
    )
    status = widgets.select_one(
        cols[2],
        tr("stage.filter.status"),
        [None, "active", "live", "cancelled"],
        key="stage-status",
        format_func=lambda s: tr("common.all") if s is None else _tv("stage.project_status.", s),
    )
    frame, names = _portfolio_frame(fys or years, unit, status)
    wanted = st.query_params.get("project")
    views = ["portfolio", "timeline", "project"]
    view = st.radio(
        tr("stage.view"),
        views,
        horizontal=True,
        key="stage-view",
        label_visibility="collapsed",
        index=2 if wanted else 0,
        format_func=lambda v: _tv("stage.tab.", v),
    )
    if view == "portfolio":
        _portfolio(frame, names)
    elif view == "timeline":
        _portfolio_timeline(frame)
    else:
        with database().read() as cur:
            every = queries.list_projects(cur)
        labels = {p["id"]: f"{p['code']} {p['name']}" for p in every}
        ids = [int(i) for i in frame["project_id"]]
        if wanted and wanted.isdigit() and int(wanted) in labels and int(wanted) not in ids:
            ids.insert(0, int(wanted))
        _project_detail(actor, ids, labels)


PAGE = PageSpec(key="projects", icon=":material/timeline:", render=render)
