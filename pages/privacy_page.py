"""Data-subject requests (IT, PDPA): find a citizen's contact by phone, export it, erase it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.surveys import privacy
from ui import widgets
from ui.components import attempt, fmt_datetime, guard, table
from ui.context import database, now, tr
from ui.registry import PageSpec


def render() -> None:
    actor = guard("privacy")
    st.title(tr("page.privacy"))
    st.caption(tr("privacy.intro"))
    with widgets.form(st, "privacy_find"):
        phone = st.text_input(tr("privacy.phone"), max_chars=40)
        action = st.radio(
            tr("privacy.action"),
            ["find", "export", "erase"],
            horizontal=True,
            format_func=lambda a: tr(
                {"find": "privacy.find", "export": "privacy.export", "erase": "privacy.erase"}[a]
            ),
        )
        confirm = st.checkbox(tr("privacy.erase_confirm"))
        pressed = st.form_submit_button(tr("privacy.go"), type="primary")
    if not pressed:
        return
    if action == "find":
        outcome = attempt(lambda: privacy.find_contacts(database(), actor, now(), phone))
        if outcome:
            found = outcome.value
            if found.empty:
                st.text(tr("privacy.none_found"))
            else:
                table(
                    pd.DataFrame(
                        {
                            tr("privacy.col.survey"): found["survey_code"] + " " + found["survey_title"],
                            tr("privacy.col.when"): [fmt_datetime(v) for v in found["submitted_at"]],
                            tr("privacy.col.name"): found["contact_name"],
                            tr("privacy.col.phone"): found["contact_phone"],
                        }
                    )
                )
    elif action == "export":
        outcome = attempt(lambda: privacy.export_contacts(database(), actor, now(), phone))
        if outcome:
            st.download_button(
                tr("common.download_excel"),
                outcome.value,
                file_name="contact.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
    elif not confirm:
        st.error(tr("privacy.erase_needs_confirm"))
    else:
        outcome = attempt(lambda: privacy.erase_contacts(database(), actor, now(), phone))
        if outcome:
            st.success(tr("privacy.erased", n=outcome.value))


PAGE = PageSpec(key="privacy", icon=":material/privacy_tip:", render=render)
