"""Home page "งานของฉัน": what waits for the signed-in user, from every area."""

from __future__ import annotations

import streamlit as st

from core import mywork
from core.permissions import role_label
from ui.components import fmt_datetime, guard
from ui.context import database, language, now, tr
from ui.live import live
from ui.registry import PageSpec, page_ref


def render() -> None:
    actor = guard("home")
    lang = language()
    st.title(tr("page.home"))
    st.write(tr("home.greeting", name=actor.full_name))
    st.caption(tr("home.roles", roles=", ".join(role_label(r, lang) for r in sorted(actor.roles))))
    live(_my_work, actor, lang)  # refreshes itself while open (issue 17)


def _my_work(actor, lang: str) -> None:
    with database().read() as cur:
        items = mywork.my_work(cur, actor, now(), lang)
    if not items:
        st.success(tr("home.nothing"))
        return
    st.subheader(tr("home.waiting", n=len(items)))
    for item in items:
        with st.container(border=True):
            cols = st.columns([6, 2, 1])
            cols[0].markdown(f"**{tr(item.area)}**")
            cols[0].text(item.title)
            if item.detail:
                cols[0].caption(item.detail.replace("\n", " "))
            due = tr("home.due", when=fmt_datetime(item.due)) if item.due is not None else ""
            if item.overdue:
                cols[1].error(f"{tr('home.overdue')} {due}".strip())
            elif due:
                cols[1].write(due)
            target = page_ref(item.page)
            if target is not None:
                cols[2].page_link(target, label=tr("home.open"), query_params=item.query or None)


PAGE = PageSpec(key="home", icon=":material/home:", render=render)
