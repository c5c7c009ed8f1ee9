"""The local development plan register: editions and their numbered additions/changes, the project
lines by strategy and programme with budgets per year, and the import of the planning unit's Excel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.permissions import can
from core.plan import queries, services
from core.thaidate import fiscal_year
from ui import widgets
from ui.components import attempt, fmt_date, guard, show_error, table
from ui.context import database, language, now, recorded_read, tr
from ui.dates import be_date_input
from ui.registry import PageSpec

FLASH_KEY = "plan_flash"
TAB_KEY = "plan_tab"  # the open tab's label, in the session


def _done(message: str) -> None:
    """Say it on the next run, after the lists above have been read again."""
    st.session_state[FLASH_KEY] = message
    st.rerun()


def _register(editions: list[dict]) -> None:
    labels = {e["id"]: e["label"] for e in editions}
    chosen = widgets.select_one(
        st,
        tr("plan.edition"),
        [None, *labels],
        key="plan_edition",
        format_func=lambda i: tr("plan.all_editions") if i is None else labels[i],
    )
    with recorded_read() as cur:
        frame = queries.register(cur, chosen, language())
    if frame.empty:
        st.caption(tr("plan.no_editions"))
        return
    table(
        frame.drop(columns=["id"]).rename(
            columns={
                "edition": tr("plan.edition"),
                "strategy": tr("plan.field.strategy"),
                "programme": tr("plan.field.programme"),
                "line_no": tr("plan.field.line_no"),
                "title": tr("plan.field.title"),
                "unit_th": tr("plan.field.unit"),
                "budgets": tr("plan.col.budgets"),
                "total": tr("plan.col.total"),
            }
        )
    )


def _add_edition(actor) -> None:
    with widgets.form(st, "plan_add_edition"):
        kind = st.radio(
            tr("plan.kind"),
            ["base", "addition", "change"],
            horizontal=True,
            format_func=lambda k: tr(f"plan.kind.{k}"),
        )
        first = st.number_input(
            tr("plan.first_year"), min_value=2500, max_value=2700, step=1, value=fiscal_year(now())
        )
        approved = be_date_input(tr("plan.approved_on"), None)
        go = st.form_submit_button(tr("plan.save"))
    if go and attempt(
        lambda: services.add_edition(
            database(), actor, now(), kind=kind, first_year=int(first), approved_on=approved
        )
    ):
        _done(tr("plan.saved"))


def _import(actor, editions: list[dict]) -> None:
    st.caption(tr("plan.import_help"))
    labels = {e["id"]: e["label"] for e in editions}
    with widgets.form(st, "plan_import"):
        edition = widgets.select_one(st, tr("plan.edition"), list(labels), format_func=labels.get)
        upload = widgets.file_input(st, tr("plan.import_file"), types=["xlsx", "csv"])
        go = st.form_submit_button(tr("plan.import_go"))
    if not go or upload is None or edition is None:
        return
    try:
        ids = services.import_lines(database(), actor, now(), int(edition), upload.getvalue(), upload.name)
    except services.PlanImportRejected as refused:
        st.error(refused.message(language()))
        table(pd.DataFrame(refused.lines(language()), columns=[tr("plan.problem_row"), tr("plan.problem")]))
        return
    except Exception as error:  # noqa: BLE001 - shown as a refusal or a reference, never a traceback
        show_error(error)
        return
    _done(tr("plan.imported", n=len(ids)))


def render() -> None:
    actor = guard("plan")
    st.title(tr("page.plan"))
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
    with recorded_read() as cur:
        editions = queries.editions(cur, language())
    if not editions:
        st.info(tr("plan.no_editions"))
    else:
        # The editions, a line each (a few lines: a grid for them was the page's second, issue 18).
        st.text(
            "\n".join(
                " · ".join(
                    filter(
                        None,
                        [
                            e["label"],
                            e["approved_on"] and tr("plan.approved_on_date", date=fmt_date(e["approved_on"])),
                            tr("plan.lines_n", n=e["lines"]),
                        ],
                    )
                )
                for e in editions
            )
        )
    if can(actor.roles, "plan.edit"):
        # only the open tab is drawn (the register's grid is not built behind the forms)
        tabs = widgets.lazy_tabs(
            st, [tr("plan.register"), tr("plan.add_edition"), tr("plan.import")], key=TAB_KEY
        )
        if tabs[0].open:
            with tabs[0]:
                _register(editions)
        if tabs[1].open:
            with tabs[1]:
                _add_edition(actor)
        if tabs[2].open:
            with tabs[2]:
                if editions:
                    _import(actor, editions)
                else:
                    st.caption(tr("plan.no_editions"))
    else:
        _register(editions)


PAGE = PageSpec(key="plan", icon=":material/account_tree:", render=render)
