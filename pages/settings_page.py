"""Settings (IT head, admin): each area's section, shown if the user's roles allow it."""

from __future__ import annotations

import streamlit as st

from core.permissions import can
from ui import widgets
from ui.components import guard
from ui.context import tr
from ui.registry import PageSpec
from ui.settings_sections import SECTIONS

SECTION_KEY = "settings_section"  # the open section's title, in the session


def _sections() -> list:
    return sorted(SECTIONS, key=lambda m: m.ORDER)


def render() -> None:
    actor = guard("settings")
    st.title(tr("page.settings"))
    sections = [m for m in _sections() if can(actor.roles, m.ACTION)]
    if not sections:
        st.info(tr("settings.nothing"))
        return
    tabs = widgets.lazy_tabs(st, [tr(m.TITLE_KEY) for m in sections], key=SECTION_KEY)
    for tab, module in zip(tabs, sections):
        if tab.open:  # only the open section is drawn (one section's forms, not eight)
            with tab:
                module.render(actor)


PAGE = PageSpec(key="settings", icon=":material/settings:", render=render)
