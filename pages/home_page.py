"""Home page "งานของฉัน": what waits for the signed-in user, from every area."""

from __future__ import annotations

import streamlit as st

from core import areas
from core.organisation import checklist
from core.permissions import can, role_label
from ui.components import fmt_datetime, guard, md, trm
from ui.context import database, language, now, tr
from ui.live import live
from ui.registry import PageSpec, page_ref


def render() -> None:
    actor = guard("home")
    lang = language()
    st.title(tr("page.home"))
    st.write(trm("home.greeting", name=actor.full_name))
    st.caption(tr("home.roles", roles=", ".join(role_label(r, lang) for r in sorted(actor.roles))))
    if can(actor.roles, "org.profile.edit"):
        _first_run_checklist()
    live(_my_work, actor, lang)  # refreshes itself while open (issue 17)


def _my_work(actor, lang: str) -> None:
    with database().read() as cur:
        items = areas.my_work(cur, actor, now(), lang)
    if not items:
        st.success(tr("home.nothing"))
        return
    st.subheader(tr("home.waiting", n=len(items)))
    for item in items:
        with st.container(border=True):
            cols = st.columns([6, 2, 1])
            kind = f" · {tr(f'home.kind.{item.kind}')}" if item.kind else ""
            cols[0].markdown(f"**{tr(item.area)}**{kind}")
            cols[0].text(item.title)
            if item.detail:
                cols[0].caption(md(item.detail.replace("\n", " ")))
            due = tr("home.due", when=fmt_datetime(item.due)) if item.due is not None else ""
            if item.overdue:
                cols[1].error(f"{tr('home.overdue')} {due}".strip())
            elif due:
                cols[1].write(due)
            target = page_ref(item.page)
            if target is not None:
                cols[2].page_link(target, label=tr("home.open"), query_params=item.query or None)


def _first_run_checklist() -> None:
    """The set-up steps of a new database, each ticked by the data itself; hidden once all done."""
    with database().read() as cur:
        steps = checklist.steps(cur)
    if all(step.done for step in steps):
        return
    with st.container(border=True):
        st.subheader(tr("org.check.title", done=sum(s.done for s in steps), total=len(steps)))
        st.caption(tr("org.check.help"))
        for number, step in enumerate(steps, start=1):
            cols = st.columns([1, 8, 2])
            cols[0].markdown(
                ":green[:material/check_circle:]" if step.done else ":gray[:material/radio_button_unchecked:]"
            )
            cols[1].text(f"{number}. {tr(f'org.check.{step.key}')}")
            cols[1].caption(tr("org.check.done" if step.done else "org.check.todo"))
            target = page_ref(step.page)
            if target is not None:
                cols[2].page_link(target, label=tr("home.open"))


PAGE = PageSpec(key="home", icon=":material/home:", render=render)
