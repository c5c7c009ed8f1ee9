"""Pattana's entry file: page config, sign-in, navigation built from the user's roles, sidebar.

Served by ``serve.py`` (``make run``; see the README's quick start), which runs this script for
every session; AppTest runs it directly.
"""

from __future__ import annotations

import logging
from urllib.parse import urlparse

import streamlit as st

from core import thaidate
from core.permissions import PUBLIC_PAGES, role_label
from core.security import logsafe
from pages import PAGES
from ui import auth, live, registry, widgets
from ui.components import language_switch, show_error, trm
from ui.context import current_actor, database, language, now, one_look_up_per_run, tr

logging.basicConfig(level=logging.INFO)
logsafe.install()  # control bytes in log messages are written escaped

st.set_page_config(page_title="Pattana · พัฒนา", page_icon=":material/handyman:", layout="wide")


def _requested_page() -> str:
    url = st.context.url or ""
    return urlparse(url).path.rstrip("/").rsplit("/", 1)[-1]


def _login_page() -> None:
    """What an anonymous visitor sees under the sign-in form."""
    st.info(tr("login.intro"))
    language_switch(st)


def _sidebar(actor, pages) -> None:
    with st.sidebar:
        live.bell(actor.user_id)  # notifications bell (issue 17)
        today = now().date()
        # One element for the app's name, the user, the roles and the day (every page draws it;
        # issue 18): lines broken by Markdown's two trailing spaces; the name is escaped (trm).
        lines = [
            f"**{tr('app.name')}**",
            trm("app.signed_in_as", name=actor.full_name),
            ", ".join(role_label(r, language()) for r in sorted(actor.roles)),
            tr(
                "app.today",
                date=thaidate.format_date(today, language()),
                fy=thaidate.format_fiscal_year(thaidate.fiscal_year(today), language()),
            ),
        ]
        st.caption("  \n".join(lines))
        language_switch()


def main() -> None:
    database()
    language()
    widgets.thai_chrome()  # Thai in place of the texts Streamlit draws itself (sign-in form included)
    # A public survey link is /survey_public?code=...; right after a server restart the first
    # rerun's URL can arrive without its page path, so the survey code also marks it.
    on_public_page = (
        _requested_page() in PUBLIC_PAGES or "code" in st.query_params
    ) and not st.session_state.get("authentication_status")
    signed_in = auth.authenticate(show_login_form=not on_public_page)
    actor = current_actor() if signed_in else None
    pages = registry.navigation_for(PAGES, actor.roles if actor else None, tr, _login_page)
    # The menu is Streamlit's own, every page of the role listed (expanded: no English "View N
    # more"). It is one part of the page's frame: drawn as page links, one element each, it cost
    # every page 30-45 ms in the browser (issue 18). A visitor who is not signed in gets none.
    navigation = st.navigation(pages, position="sidebar" if actor else "hidden", expanded=True)
    if actor:
        _sidebar(actor, pages)
    navigation.run()


try:
    with one_look_up_per_run():
        main()
except Exception as error:  # noqa: BLE001 - never a traceback on screen (st.stop/rerun are BaseException)
    show_error(error)
