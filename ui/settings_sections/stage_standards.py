"""Settings: the time standards of project stages 4-12 (IT head), in working days or calendar months."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.stages import queries, rules, services
from ui import widgets
from ui.components import attempt
from ui.context import database, now, tr

ORDER = 30
TITLE_KEY = "stage.settings.title"
ACTION = "stage.time_standards.edit"
EDITOR_KEY = "stage_standards_table"


def render(actor) -> None:
    st.caption(tr("stage.settings.help"))
    with database().read() as cur:
        current = queries.standards(cur)
    # One table with a row per stage: a row of columns with a number box and two choice boxes
    # per stage was 81 elements on the section's page (issue 18). The choices are held as their
    # Thai names (a screen reader reads the cells' values, not what the grid paints).
    kinds = {tr(f"stage.kind.{k}"): k for k in rules.KINDS}
    units = {tr(f"stage.unit.{u}"): u for u in rules.UNITS}
    shown = pd.DataFrame(
        {
            "stage": [f"{n}. {tr(rules.stage_key(n))}" for n in rules.STAGES],
            "amount": [current[n].days for n in rules.STAGES],
            "kind": [tr(f"stage.kind.{current[n].kind}") for n in rules.STAGES],
            "unit": [tr(f"stage.unit.{current[n].unit}") for n in rules.STAGES],
        },
        index=list(rules.STAGES),
    )
    with widgets.form(st, "stage-standards"):
        edited = st.data_editor(
            shown,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=EDITOR_KEY,
            column_config={
                "stage": st.column_config.TextColumn(tr("stage.settings.col.stage"), disabled=True),
                "amount": st.column_config.NumberColumn(
                    tr("stage.settings.col.amount"),
                    min_value=0,
                    max_value=rules.MAX_STANDARD_DAYS,
                    step=1,
                    required=True,
                ),
                "kind": st.column_config.SelectboxColumn(
                    tr("stage.settings.col.kind"),
                    options=list(kinds),
                    required=True,
                ),
                "unit": st.column_config.SelectboxColumn(
                    tr("stage.settings.col.unit"),
                    options=list(units),
                    required=True,
                ),
            },
        )
        if st.form_submit_button(tr("common.save")):
            standards = {
                int(n): rules.Standard(_amount(row["amount"]), kinds.get(row["kind"]), units.get(row["unit"]))
                for n, row in edited.iterrows()
            }
            attempt(
                lambda: services.save_standards(database(), actor, now(), standards),
                success=tr("stage.settings.saved"),
            )


def _amount(value) -> int:
    """A cleared cell is no amount: 0, which the rules refuse with the stage's number."""
    return 0 if pd.isna(value) else int(value)
