"""Settings of the surveys area: the band scheme, the public form's protection, and (for the
administrator) the PDPA retention period of raw answers with the purge."""

from __future__ import annotations

import streamlit as st

from core.permissions import can
from core.surveys import queries, rules, services, stats
from ui import widgets
from ui.components import attempt
from ui.context import database, now, tr

ORDER = 60
TITLE_KEY = "surveys.settings.title"
ACTION = "settings.edit"


def render(actor) -> None:
    with database().read() as cur:
        scheme = services.band_scheme(cur)
        min_fill = services.min_fill_seconds(cur)
        per_minute = services.rate_per_minute(cur)
        per_day = services.daily_cap(cur)
        days = services.retention_days(cur)
        due = queries.purgeable(cur, rules.purge_cutoff(now(), days))
    schemes = list(stats.BAND_SCHEMES)
    with widgets.form(st, "surveys_settings"):
        chosen = st.radio(
            tr("surveys.settings.scheme"),
            schemes,
            index=schemes.index(scheme),
            format_func=lambda s: tr(rules.scheme_key(s)),
        )
        cols = st.columns(3)
        fill = cols[0].number_input(
            tr("surveys.settings.min_fill"), min_value=0.0, max_value=120.0, value=float(min_fill), step=1.0
        )
        rate = cols[1].number_input(
            tr("surveys.settings.rate"), min_value=1, max_value=1000, value=int(per_minute)
        )
        cap = cols[2].number_input(
            tr("surveys.settings.daily_cap"), min_value=1, max_value=1_000_000, value=int(per_day)
        )
        if st.form_submit_button(tr("common.save")):

            def save():
                services.set_band_scheme(database(), actor, now(), chosen)
                services.set_public_protection(
                    database(), actor, now(), min_fill=fill, per_minute=int(rate), per_day=int(cap)
                )

            attempt(save, success=tr("surveys.settings.saved"))
    if not can(actor.roles, "retention.edit"):
        st.caption(tr("surveys.settings.retention_admin"))
        return
    with widgets.form(st, "surveys_retention"):
        value = st.number_input(
            tr("surveys.settings.retention"),
            min_value=rules.MIN_RETENTION_DAYS,
            max_value=3650,
            value=int(days),
        )
        if st.form_submit_button(tr("common.save")):
            attempt(
                lambda: services.set_retention_days(database(), actor, now(), int(value)),
                success=tr("surveys.settings.saved"),
            )
    if due:
        st.caption(tr("surveys.settings.purge_preview", codes=", ".join(s["code"] for s in due)))
        if st.button(tr("surveys.settings.purge"), key="surveys_purge"):
            outcome = attempt(lambda: services.purge_expired(database(), actor, now()))
            if outcome:
                st.success(tr("surveys.settings.purged", n=len(outcome.value)))
    else:
        st.caption(tr("surveys.settings.purge_none"))
