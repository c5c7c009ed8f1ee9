"""Settings (IT head, admin): each area's section, shown if the user's roles allow it."""

from __future__ import annotations

import importlib
import pkgutil

import streamlit as st

from core.permissions import can
from ui.components import guard
from ui.context import tr
from ui.registry import PageSpec


def _sections() -> list:
    import ui.settings_sections as package

    modules = [importlib.import_module(f"ui.settings_sections.{info.name}")
               for info in pkgutil.iter_modules(package.__path__)]
    return sorted(modules, key=lambda m: m.ORDER)


def render() -> None:
    actor = guard("settings")
    st.title(tr("page.settings"))
    sections = [m for m in _sections() if can(actor.roles, m.ACTION)]
    if not sections:
        st.info(tr("settings.nothing"))
        return
    tabs = st.tabs([tr(m.TITLE_KEY) for m in sections])
    for tab, module in zip(tabs, sections):
        with tab:
            module.render(actor)


PAGE = PageSpec(key="settings", icon=":material/settings:", render=render)
