"""Satisfaction surveys (IT, director, executive): the list, results, builder, import, posters."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from core import org
from core.numbers import fmt2, fmt2_columns
from core.organisation.profile import get_profile
from core.organisation.registers import system_label
from core.permissions import can
from core.surveys import importer, outputs, queries, rules, services, stats
from core.thaidate import fiscal_year
from ui import widgets
from ui.components import attempt, fmt_date, fmt_datetime, fy_label, guard, md, show_error, table, trm
from ui.context import database, language, now, recorded_read, records_version, tr
from ui.dates import be_date_input
from ui.registry import PageSpec

CREATE_GENERATION = "surveys_create_generation"  # moves on after each survey created: an empty form
YEAR_LIST_KEY = "surveys_year_list"  # the year's overview table, open or closed
RESULT_VIEW_KEY = "survey_results_view"  # which table of a survey's results is shown
RESULT_VIEWS = {
    "by_section": "surveys.view.by_section",
    "by_item": "surveys.view.by_item",
    "by_group": "surveys.view.by_group",
    "suggestions": "surveys.view.suggestions",
}
CREATED = "surveys_created"  # code and fiscal year of the survey the last run created, chosen on the next


def _fmt(value, digits: int = 2) -> str:
    return (
        fmt2(value, grouping=False)
        if digits == 2
        else ("-" if value is None or pd.isna(value) else f"{value:.{digits}f}")
    )


def _figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Means, S.D. and percentages with 2 decimals (4.00), "-" where there is none."""
    return fmt2_columns(
        frame,
        [tr(k) for k in ("surveys.col.mean", "surveys.col.sd", "surveys.col.pct_sat", "surveys.col.pct_top")],
        grouping=False,
    )


def _survey_list(frame: pd.DataFrame, today) -> pd.DataFrame:
    lang = language()
    frame = frame.assign(
        opens_on=pd.to_datetime(frame["opens_on"]).dt.date,
        closes_on=pd.to_datetime(frame["closes_on"]).dt.date,
    )
    shown = pd.DataFrame(
        {
            tr("surveys.col.code"): frame["code"],
            tr("surveys.col.title"): frame["title"],
            tr("surveys.col.system"): [outputs.subject_name(r, lang) for r in frame.to_dict("records")],
            tr("surveys.col.fy"): frame["fiscal_year"],
            tr("surveys.col.audience"): [tr(rules.audience_key(a)) for a in frame["audience"]],
            tr("surveys.col.period"): [
                f"{fmt_date(a)} - {fmt_date(b)}" for a, b in zip(frame["opens_on"], frame["closes_on"])
            ],
            tr("surveys.col.status"): [
                tr(rules.status_key(rules.status(a, b, today)))
                for a, b in zip(frame["opens_on"], frame["closes_on"])
            ],
            tr("surveys.col.responses"): frame["responses"],
            tr("surveys.col.target"): frame["target_count"],
            tr("surveys.col.processed"): [
                fmt_datetime(v) if not pd.isna(v) else "" for v in frame["processed_at"]
            ],
        }
    )
    return shown


# A survey's results are read once per state of the records and shared by the sessions (the
# page checks who may see which survey before it asks): a new answer or a purge moves the
# version and the next run reads them afresh.
@st.cache_resource(max_entries=32, show_spinner=False)
def _report(survey_id: int, version: int) -> services.SurveyReport:
    with database().read() as cur:
        return services.survey_report(cur, survey_id)


# What the page shows of a year's surveys and of one survey's results, built once per state of the
# records, language (and day, for a survey's status) and shared by the sessions: the tables
# were built from the records on every run of the page (issue 18).
@st.cache_resource(max_entries=32, show_spinner=False)
def _year_list(fy: int, version: int, lang: str, today) -> tuple[pd.DataFrame, pd.DataFrame]:
    with database().read() as cur:
        frame = queries.list_surveys(cur, fy)
    return frame, (frame if frame.empty else _survey_list(frame, today))


@st.cache_resource(max_entries=64, show_spinner=False)
def _result_tables(survey_id: int, version: int, lang: str) -> tuple[pd.DataFrame, ...]:
    report = _report(survey_id, version)
    res = report.results
    return (
        _figures(outputs.sections_frame(res, lang)),
        _figures(outputs.items_frame(res, lang)),
        outputs.groups_frame(res, lang),
        pd.DataFrame({tr("surveys.col.suggestion"): report.suggestions}),
    )


def _results_tab(actor, survey: dict) -> None:
    lang = language()
    version = records_version()
    report = _report(survey["id"], version)
    with database().read() as cur:
        contacts = queries.contacts(cur, survey["id"]) if can(actor.roles, "survey.manage") else None
    res, ov = report.results, report.results.overall
    state = rules.status(survey["opens_on"], survey["closes_on"], now().date())
    cols = st.columns(4)
    target = f" / {survey['target_count']}" if survey.get("target_count") else ""
    cols[0].metric(tr("surveys.metric.respondents"), f"{res.respondents:,}{target}")
    cols[1].metric(tr("surveys.metric.mean"), _fmt(ov.mean))
    cols[2].metric(tr("surveys.metric.pct_sat"), _fmt(ov.percent_satisfaction))
    cols[3].metric(tr("surveys.metric.pct_top"), _fmt(ov.percent_top_two))
    if ov.n:
        st.caption(
            tr(
                "surveys.results_summary",
                n=res.respondents,
                mean=_fmt(ov.mean),
                sd=_fmt(ov.sd),
                level=tr(rules.level_key(ov.level)),
                pct=_fmt(ov.percent_satisfaction),
                top=_fmt(ov.percent_top_two),
            )
        )
    if survey["purged_at"] is not None:
        st.info(tr("surveys.purged_note", when=fmt_datetime(survey["purged_at"])))
    if survey["processed_at"] is not None:
        st.success(
            trm("surveys.processed_at", when=fmt_datetime(survey["processed_at"]), who=survey["processed_by"])
        )
    else:
        overdue = now() > report.due_at
        (st.error if overdue and state == "closed" else st.info)(
            tr("surveys.deadline", due=fmt_datetime(report.due_at))
        )
        if state == "closed" and can(actor.roles, "survey.manage"):
            if st.button(tr("surveys.mark_processed"), key=f"process_{survey['id']}"):
                if attempt(
                    lambda: services.mark_processed(database(), actor, now(), survey["id"]),
                    success=tr("surveys.marked_processed"),
                ):
                    st.rerun()
    if not ov.n:
        st.info(tr("surveys.no_answers"))
        return
    sections, items, groups, suggestions = _result_tables(survey["id"], version, lang)
    # One table at a time, chosen under the figures: four stacked tables with their headings
    # were four grids for the browser to draw on every load of the page (issue 18).
    shown = st.segmented_control(
        tr("surveys.view"),
        list(RESULT_VIEWS),
        default="by_section",
        format_func=lambda view: tr(RESULT_VIEWS[view]),
        key=f"{RESULT_VIEW_KEY}_{survey['id']}",
    )
    if shown in ("by_section", None):
        table(sections)
    elif shown == "by_item":
        table(items)
    if shown in ("by_section", "by_item", None):
        scheme_text = ", ".join(
            f"{rng} {tr(rules.level_key(lv))}" for lv, rng in zip(stats.LEVELS, stats.BAND_RANGES[res.scheme])
        )
        st.caption(tr("surveys.formula_note") + "  \n" + tr("surveys.scheme_note", scheme=scheme_text))
    elif shown == "by_group":
        st.caption(tr("surveys.by_group"))
        table(groups)
    elif shown == "suggestions":
        st.caption(tr("surveys.suggestions"))
        table(suggestions)
        if contacts is not None and not contacts.empty:
            listed = widgets.lazy_expander(st, tr("surveys.contacts"), key=f"survey_contacts_{survey['id']}")
            if listed.open:  # personal data on screen only when asked for, and no grid drawn before
                with listed:
                    table(contacts)
    # The files are built when a button is pressed (Streamlit calls ``data`` then), not on every
    # run of the page: building the PDF took most of a run.
    printed = now().date()
    row = st.container(horizontal=True)  # the two buttons side by side
    row.download_button(
        tr("common.download_excel"),
        lambda: outputs.workbook(survey, res, report.suggestions, lang),  # built when pressed
        file_name=outputs.file_name("results", survey["code"], printed, "xlsx"),
        key=f"xlsx_{survey['id']}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    row.download_button(
        tr("common.download_pdf"),
        lambda: outputs.report_pdf(survey, res, report.suggestions, printed=printed, lang=lang),
        file_name=outputs.file_name("report", survey["code"], printed, "pdf"),
        mime="application/pdf",
        key=f"pdf_{survey['id']}",
    )


def _sections_text(rows: list[dict]) -> str:
    lines, section = [], None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            lines.append(f"# {section}")
        lines.append(row["text"])
    return "\n".join(lines)


def _parse_sections(text: str) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            sections.append((line.lstrip("#").strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            sections.append(("", [line]))
    return sections


def _builder_tab(actor, survey: dict | None) -> None:
    lang = language()
    with recorded_read() as cur:
        systems = org.list_systems(cur)
    st.subheader(tr("surveys.sample_size"))
    population = st.number_input(
        tr("surveys.field.population"), min_value=1, value=10_000, step=100, key="sample_population"
    )
    st.caption(tr("surveys.sample_help"))
    st.write(
        tr(
            "surveys.sample_result",
            yamane=stats.yamane(int(population)),
            km=stats.krejcie_morgan(int(population)),
        )
    )
    st.subheader(tr("surveys.create"))
    system_ids = [None] + [s["id"] for s in systems]
    names = {s["id"]: system_label(s, lang) for s in systems}  # name · owner unit
    kinds = {s["id"]: s["kind"] for s in systems}
    today = now().date()
    # The form's id moves on after a survey is created, so its (unkeyed) fields start empty again.
    with widgets.form(st, f"survey_create_{st.session_state.get(CREATE_GENERATION, 0)}"):
        system_id = widgets.select_one(
            st,
            tr("surveys.field.system"),
            system_ids,
            format_func=lambda i: names.get(i) or tr("surveys.field.no_system"),
        )
        counter = st.text_input(tr("surveys.field.counter"), max_chars=200)
        title = st.text_input(tr("surveys.field.title"), max_chars=300)
        cols = st.columns(3)
        fy = cols[0].number_input(
            tr("common.fiscal_year"), min_value=2500, max_value=2700, value=fiscal_year(today)
        )
        opens_on = be_date_input(tr("surveys.field.opens_on"), today, where=cols[1])
        closes_on = be_date_input(tr("surveys.field.closes_on"), today + timedelta(days=30), where=cols[2])
        cols = st.columns(2)
        audience = widgets.select_one(
            cols[0],
            tr("surveys.field.audience"),
            list(rules.AUDIENCES),
            format_func=lambda a: tr(rules.audience_key(a)),
        )
        template = widgets.select_one(
            cols[1],
            tr("surveys.field.template"),
            ["auto", "eservice", "internal"],
            format_func=lambda k: "-" if k == "auto" else tr(rules.template_key(k)),
        )
        cols = st.columns(2)
        population_value = cols[0].number_input(
            tr("surveys.field.population"), min_value=0, value=0, step=100
        )
        target = cols[1].number_input(tr("surveys.field.target"), min_value=0, value=0, step=10)
        allow_no_opinion = st.checkbox(tr("surveys.field.allow_no_opinion"), value=True)
        require_token = st.checkbox(tr("surveys.field.require_token"), value=False)
        if st.form_submit_button(tr("surveys.create_submit")):
            chosen = None if template == "auto" else template
            if chosen is None:
                chosen = "eservice" if kinds.get(system_id, "eservice") == "eservice" else "internal"
            outcome = attempt(
                lambda: services.create_survey(
                    database(),
                    actor,
                    now(),
                    title=title,
                    system_id=system_id,
                    counter_name=counter,
                    fiscal_year=int(fy),
                    audience=audience,
                    opens_on=opens_on,
                    closes_on=closes_on,
                    allow_no_opinion=allow_no_opinion,
                    require_token=require_token,
                    population=int(population_value) or None,
                    target_count=int(target) or None,
                    template=chosen,
                )
            )
            if outcome:
                with database().read() as cur:
                    created = queries.get_survey(cur, outcome.value)
                # Run again so the list and the picker above already hold the new survey, chosen.
                st.session_state[CREATE_GENERATION] = st.session_state.get(CREATE_GENERATION, 0) + 1
                st.session_state[CREATED] = {"code": created["code"], "fy": int(created["fiscal_year"])}
                st.query_params["survey"] = created["code"]
                st.rerun()
    if survey is None:
        return
    st.subheader(f"{tr('surveys.edit')}: {survey['code']}")
    with widgets.form(st, f"survey_edit_{survey['id']}"):
        title = st.text_input(tr("surveys.field.title"), value=survey["title"], max_chars=300)
        counter = st.text_input(
            tr("surveys.field.counter"), value=survey["counter_name"] or "", max_chars=200
        )
        cols = st.columns(2)
        opens_on = be_date_input(tr("surveys.field.opens_on"), survey["opens_on"], where=cols[0])
        closes_on = be_date_input(tr("surveys.field.closes_on"), survey["closes_on"], where=cols[1])
        cols = st.columns(2)
        population_value = cols[0].number_input(
            tr("surveys.field.population"), min_value=0, value=int(survey["population"] or 0), step=100
        )
        target = cols[1].number_input(
            tr("surveys.field.target"), min_value=0, value=int(survey["target_count"] or 0), step=10
        )
        require_token = st.checkbox(tr("surveys.field.require_token"), value=bool(survey["require_token"]))
        if st.form_submit_button(tr("common.save")):
            attempt(
                lambda: services.update_survey(
                    database(),
                    actor,
                    now(),
                    survey["id"],
                    title=title,
                    opens_on=opens_on,
                    closes_on=closes_on,
                    target_count=int(target) or None,
                    population=int(population_value) or None,
                    require_token=require_token,
                    counter_name=counter,
                ),
                success=tr("surveys.saved"),
            )
    with recorded_read() as cur:
        rows = queries.sections_and_items(cur, survey["id"])
        answered = queries.response_count(cur, survey["id"]) > 0
    st.subheader(tr("surveys.edit_items"))
    if answered:
        st.info(tr("surveys.items_locked_note"))
        st.text(_sections_text(rows))
        return
    with widgets.form(st, f"survey_items_{survey['id']}"):
        text = st.text_area(
            tr("surveys.field.items"), value=_sections_text(rows), height=360, help=tr("surveys.items_help")
        )
        if st.form_submit_button(tr("common.save")):
            attempt(
                lambda: services.set_items(database(), actor, now(), survey["id"], _parse_sections(text)),
                success=tr("surveys.items_saved"),
            )


def _import_tab(actor, survey: dict) -> None:
    lang = language()
    with st.expander(tr("surveys.import_format"), expanded=False):
        st.markdown(importer.__doc__)  # our own documentation, not user data
    with recorded_read() as cur:
        rows = queries.sections_and_items(cur, survey["id"])
    st.caption(tr("surveys.import_example"))
    st.code(
        ",".join([f"Q{r['position']}" for r in rows] + list(rules.DEMOGRAPHIC_FIELDS) + ["suggestion"]),
        language=None,
    )
    with widgets.form(st, f"survey_import_{survey['id']}", clear_on_submit=True):
        upload = widgets.file_input(st, tr("surveys.import_file"), types=["csv", "xlsx"])
        submitted = st.form_submit_button(tr("surveys.import_submit"))
    if submitted and upload is not None:
        try:
            n = services.import_responses(
                database(), actor, now(), survey["id"], filename=upload.name, content=upload.getvalue()
            )
        except importer.ImportRejected as error:
            st.error(error.message(lang, escape=md))
            problems = error.lines(lang)
            table(
                pd.DataFrame(
                    {
                        tr("surveys.col.line"): [p[0] for p in problems],
                        tr("surveys.col.problem"): [p[1] for p in problems],
                    }
                )
            )
        except Exception as error:  # noqa: BLE001 - shown as a refusal or a reference
            show_error(error)
        else:
            st.success(tr("surveys.import_done", n=n))


def _base_url() -> str:
    """The profile's public address (empty until the administrator sets it)."""
    with recorded_read() as cur:
        return get_profile(cur).public_base_url


def _posters(survey: dict, url: str, lang: str, org_name: str) -> None:
    st.caption(tr("surveys.public_link"))
    st.code(url, language=None)
    poster = _poster_png(survey, url, lang, org_name)  # shown below: built once
    cols = st.columns(2)
    cols[0].download_button(
        tr("surveys.poster_png"),
        poster,
        file_name=outputs.file_name("poster", survey["code"], now().date(), "png"),
        mime="image/png",
        key=f"ppng_{survey['id']}",
    )
    cols[1].download_button(
        tr("surveys.poster_pdf"),
        lambda: outputs.poster_pdf(survey, url, lang, org_name),  # built when pressed
        file_name=outputs.file_name("poster", survey["code"], now().date(), "pdf"),
        mime="application/pdf",
        key=f"ppdf_{survey['id']}",
    )
    st.image(poster, width=320)


# The poster image is drawn on every run of the page (its tab is built even when not shown):
# the same survey, address, language and town give the same picture.
_poster_png = st.cache_data(max_entries=16, show_spinner=False)(outputs.poster_png)


def _posters_tab(actor, survey: dict) -> None:
    lang = language()
    if survey["audience"] != "citizens":
        st.info(tr("surveys.internal_note"))
    base = st.text_input(tr("surveys.base_url"), value=_base_url(), key=f"base_{survey['id']}")
    with recorded_read() as cur:
        org_name = get_profile(cur).name_th
    problem = outputs.poster_address_problem(base)
    if problem:  # never a poster pointing at this machine or nowhere
        st.warning(tr(problem))
    else:
        _posters(survey, outputs.public_url(base, survey["code"]), lang, org_name)
    st.subheader(tr("surveys.tokens"))
    if can(actor.roles, "survey.manage"):
        with widgets.form(st, f"tokens_{survey['id']}"):
            count = st.number_input(tr("surveys.token_count"), min_value=1, max_value=500, value=20)
            if st.form_submit_button(tr("surveys.issue_tokens")):
                outcome = attempt(
                    lambda: services.issue_tokens(database(), actor, now(), survey["id"], int(count))
                )
                if outcome:
                    st.success(tr("surveys.tokens_issued", n=len(outcome.value)))
    with database().read() as cur:
        tokens = queries.tokens_of(cur, survey["id"])
    if not tokens.empty:
        table(
            pd.DataFrame(
                {
                    tr("surveys.col.token"): tokens["token"],
                    tr("surveys.public_link"): [
                        outputs.public_url(base, survey["code"], tok) for tok in tokens["token"]
                    ],
                    tr("surveys.col.created_at"): tokens["created_at"].map(fmt_datetime),
                    tr("surveys.col.used_at"): [
                        fmt_datetime(v) if not pd.isna(v) else "" for v in tokens["used_at"]
                    ],
                }
            )
        )


TAB_KEY = "surveys_tab"  # the open tab's label, in the session


def render() -> None:
    actor = guard("surveys")
    st.title(tr("page.surveys"))
    with database().read() as cur:
        years = queries.fiscal_years(cur)
    current = fiscal_year(now().date())
    years = sorted(set(years) | {current}, reverse=True)
    created = st.session_state.pop(CREATED, None) or {}
    if created:
        st.success(tr("surveys.created", code=created["code"]))
        if created["fy"] in years:
            st.session_state["surveys_fy"] = created["fy"]
    fy = widgets.select_one(st, tr("common.fiscal_year"), years, format_func=fy_label, key="surveys_fy")
    frame, shown = _year_list(fy, records_version(), language(), now().date())
    if frame.empty:
        st.info(tr("surveys.none_yet"))
        survey = None
    else:
        # The year's overview (status, answers, processing of every survey) is drawn when opened:
        # a grid of ten columns of Thai text was 70 ms of the browser's work on every load, and
        # the picker below lists the same surveys (issue 18).
        overview = widgets.lazy_expander(st, tr("surveys.year_list", n=len(frame)), key=YEAR_LIST_KEY)
        if overview.open:
            with overview:
                table(shown)
        codes = list(frame["code"])
        wanted = str(st.query_params.get("survey", "") or "")
        with database().read() as cur:
            if wanted and wanted not in codes:
                try:
                    codes.insert(0, queries.get_survey_by_code(cur, wanted)["code"])
                except Exception:  # noqa: BLE001 - an unknown code in the URL is ignored
                    pass
        titles = dict(zip(frame["code"], frame["title"]))
        if created.get("code") in codes:
            st.session_state["surveys_pick"] = created["code"]
        code = widgets.select_one(
            st,
            tr("surveys.pick"),
            codes,
            index=codes.index(wanted) if wanted in codes else 0,
            format_func=lambda c: f"{c} · {titles.get(c, '')}",
            key="surveys_pick",
        )
        with database().read() as cur:
            survey = queries.get_survey_by_code(cur, code)
    names = [tr("surveys.tab.results"), tr("surveys.tab.builder")]
    manage = can(actor.roles, "survey.manage")
    if manage:
        names += [tr("surveys.tab.import"), tr("surveys.tab.posters")]
    tabs = widgets.lazy_tabs(st, names, key=TAB_KEY)  # only the open tab is drawn
    if tabs[0].open:
        with tabs[0]:
            if survey is not None:
                _results_tab(actor, survey)
    if tabs[1].open:
        with tabs[1]:
            if manage:
                _builder_tab(actor, survey)
            else:
                st.info(tr("error.forbidden"))
    if manage and survey is not None:
        if tabs[2].open:
            with tabs[2]:
                _import_tab(actor, survey)
        if tabs[3].open:
            with tabs[3]:
                _posters_tab(actor, survey)


PAGE = PageSpec(key="surveys", icon=":material/insert_chart:", render=render)
