"""Answer a survey: signed-in staff answer the internal surveys open to them, once each."""

from __future__ import annotations

import streamlit as st

from core.surveys import queries, rules, services
from pages.survey_public import questionnaire
from ui import widgets
from ui.components import attempt, fmt_date, guard
from ui.context import database, now, recorded_read, tr
from ui.registry import PageSpec


def render() -> None:
    actor = guard("survey_answer")
    st.title(tr("page.survey_answer"))
    with recorded_read() as cur:
        surveys = [
            s
            for s in queries.open_internal_surveys(cur, now().date())
            if rules.can_answer(s["audience"], actor.roles)
        ]
        answered = queries.answered_survey_ids(cur, actor.user_id)
    if not surveys:
        st.info(tr("surveys.nothing_to_answer"))
        return
    st.caption(tr("surveys.answer_intro"))
    codes = [s["code"] for s in surveys]
    by_code = {s["code"]: s for s in surveys}
    wanted = str(st.query_params.get("survey", "") or "")

    def label(c: str) -> str:
        closes = tr("surveys.closes", date=fmt_date(by_code[c]["closes_on"]))
        return f"{by_code[c]['title']} · {closes}" + (
            f" · {tr('surveys.answered')}" if by_code[c]["id"] in answered else ""
        )

    code = widgets.select_one(
        st, tr("surveys.pick"), codes, index=codes.index(wanted) if wanted in codes else 0, format_func=label
    )
    survey = by_code[code]
    if survey["id"] in answered:
        st.success(tr("surveys.already_answered"))
        return
    key = f"survey_internal_{code}"
    form_state = st.session_state.setdefault(key, {"submission_id": rules.new_submission_id(), "done": False})
    if form_state["done"]:
        st.success(tr("surveys.internal_thanks"))
        return
    with recorded_read() as cur:
        items = queries.sections_and_items(cur, survey["id"])
    area = st.empty()
    with area.container(), widgets.form(st, f"{key}_form"):
        entered = questionnaire(items, survey["allow_no_opinion"], key, public=False)
        submitted = st.form_submit_button(tr("surveys.submit"), type="primary")
    if submitted:
        outcome = attempt(
            lambda: services.submit_internal(
                database(),
                actor,
                now(),
                survey_id=survey["id"],
                submission_id=form_state["submission_id"],
                **entered,
            )
        )
        if outcome:
            form_state["done"] = True
            area.empty()
            st.success(tr("surveys.internal_thanks"))


PAGE = PageSpec(key="survey_answer", icon=":material/rate_review:", render=render)
