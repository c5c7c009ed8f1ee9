"""Executive report (step 19): the yearly สรุปรายงานผลการดำเนินงาน as a PDF and an Excel workbook
in one click, with the problems and obstacles the IT head enters for the year."""

from __future__ import annotations

import streamlit as st

from core.kpi import queries, report, services
from core.permissions import can
from ui import kpi_views, widgets
from ui.components import attempt, fmt_datetime, fy_label, guard, table
from ui.context import database, language, now, tr
from ui.registry import PageSpec

_FILES_KEY = "kpi_report_files"


def render() -> None:
    actor = guard("report")
    lang = language()
    moment = now()
    st.title(tr("page.report"))
    with database().read() as cur:
        years = services.fiscal_year_options(cur, moment)
    wanted = st.query_params.get("fy")
    default = (
        int(wanted) if wanted and wanted.isdigit() and int(wanted) in years else years[min(1, len(years) - 1)]
    )
    fy = widgets.select_one(
        st, tr("report.pick_year"), years, index=years.index(default), format_func=fy_label, key="report_fy"
    )
    st.subheader(f"{tr('report.title')} {fy_label(fy)}")

    with database().read() as cur:
        target = services.get_target(cur)
        entry = queries.latest_obstacles(cur, fy)
        last_run = queries.last_report_run(cur, fy)
    # the headline figures: the dashboard's view of the whole town for this year (ui.kpi_views)
    content = report.preview_of(kpi_views.dashboard_view(services.Filters(fy), lang, target).board, lang)
    if content.missing:
        st.warning(tr("report.missing", areas=", ".join(content.missing_labels())))
    else:
        st.success(tr("report.complete"))
    st.markdown(f"**{tr('report.preview')}**")
    table(content.summary)
    st.caption(
        tr("report.last_run", who=last_run["produced_by"], when=fmt_datetime(last_run["produced_at"]))
        if last_run
        else tr("report.never_run")
    )

    st.markdown(f"**{tr('report.obstacles')}**")
    if entry:
        st.text(entry["text"])
        st.caption(tr("report.obstacles_by", who=entry["entered_by"], when=fmt_datetime(entry["entered_at"])))
    else:
        st.caption(tr("report.obstacles_none"))
    if can(actor.roles, "report.obstacles.edit"):
        with widgets.form(st, f"obstacles_{fy}"):
            text = st.text_area(
                tr("kpi.field.obstacles"), value=entry["text"] if entry else "", max_chars=5000, height=160
            )
            if st.form_submit_button(tr("common.save")):
                attempt(
                    lambda: services.save_obstacles(database(), actor, now(), fy, text),
                    success=tr("report.obstacles_saved"),
                )

    if st.button(tr("report.produce"), type="primary", key="report_produce"):
        outcome = attempt(
            lambda: report.produce(database(), actor, now(), fy, lang), success=tr("report.produced")
        )
        if outcome:
            st.session_state[_FILES_KEY] = outcome.value
    files = st.session_state.get(_FILES_KEY)
    if files is not None and files.fiscal_year == fy:
        cols = st.columns(2)
        cols[0].download_button(
            tr("common.download_pdf"),
            files.pdf,
            file_name=report.file_name(fy, moment.date()),
            mime="application/pdf",
            key="report_pdf",
        )
        cols[1].download_button(
            tr("common.download_excel"),
            files.xlsx,
            file_name=report.file_name(fy, moment.date(), "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="report_xlsx",
        )


PAGE = PageSpec(key="report", icon=":material/summarize:", render=render)
