"""Home page "งานของฉัน": what waits for the signed-in user, from every area."""

from __future__ import annotations

import streamlit as st

from core.organisation import checklist
from core.permissions import can, role_label
from ui import work_views
from ui.components import fmt_datetime, guard, md, trm
from ui.context import database, language, tr
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


WORK_ITEM_KEY = "work_item"  # each item's box: CSS class st-key-work_item_<n>


def _my_work(actor, lang: str) -> None:
    items = work_views.my_work(actor, lang)
    if not items:
        st.success(tr("home.nothing"))
        return
    st.subheader(tr("home.waiting", n=len(items)))
    for number, item in enumerate(items):
        # One box per item: its text in one Markdown block (the title and detail escaped) and the
        # link beside it. The list is long for busy people and every element costs the browser
        # time on each load (issue 18), so an item is three elements, not a grid of ten.
        with st.container(
            border=True,
            horizontal=True,
            wrap=False,  # the link stays beside a long title
            vertical_alignment="center",
            key=f"{WORK_ITEM_KEY}_{number}",
        ):
            st.markdown(_item_text(item), width="stretch")
            target = page_ref(item.page)
            if target is not None:
                st.page_link(target, label=tr("home.open"), query_params=item.query or None)


def _item_text(item) -> str:
    """An item as Markdown: its area, kind and due time on the first line, the title (as typed,
    escaped), the detail (escaped) in italics."""
    heading = f"**{tr(item.area)}**"
    if item.kind:
        heading += f" · {tr(f'home.kind.{item.kind}')}"
    due = tr("home.due", when=fmt_datetime(item.due)) if item.due is not None else ""
    if item.overdue:
        heading += f" · :red-badge[{tr('home.overdue')} {due}".rstrip() + "]"
    elif due:
        heading += f" · {due}"
    lines = [heading, md(item.title)]
    if item.detail:
        lines.append(f"*{md(' '.join(item.detail.split()))}*")
    return "  \n".join(lines)


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
