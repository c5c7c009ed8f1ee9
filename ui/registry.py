"""The pages of Pattana and how the navigation is built from the signed-in user's roles.

Every file in ``pages/`` only defines its page: a ``PAGE = PageSpec(...)`` whose ``render`` the
entry file registers with ``st.navigation`` (``pages.PAGES`` lists them). Running such a file as a script (Streamlit does,
for a URL under ``pages/`` on a fresh server) therefore shows nothing. Who may open a page is
``core.permissions.PAGE_ACCESS``; ``SECTIONS`` orders the sidebar's menu (Streamlit's own, drawn from ``st.navigation``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import streamlit as st

from core.permissions import PAGE_ACCESS, PUBLIC_PAGES, can_open_page

# Sidebar sections in order, each with the page keys it holds in order.
SECTIONS: list[tuple[str, list[str]]] = [
    ("nav.section.my", ["home", "notifications", "survey_answer", "account"]),
    ("nav.section.develop", ["proposals", "projects", "reviews"]),
    ("nav.section.service", ["tickets", "surveys", "privacy"]),
    ("nav.section.report", ["dashboard", "report", "trace"]),
    ("nav.section.assess", ["plan", "assessments", "lpa"]),
    (
        "nav.section.admin",
        ["settings", "organisation", "admin_users", "admin_security", "admin_audit", "admin_health"],
    ),
]


@dataclass(frozen=True)
class PageSpec:
    key: str  # also the URL path: /<key>
    icon: str  # a Material icon, e.g. ":material/home:"
    render: Callable[[], None]

    @property
    def title_key(self) -> str:
        return f"page.{self.key}"


def by_key(pages: Iterable[PageSpec]) -> dict[str, PageSpec]:
    """The pages by key; a page that ``core.permissions`` does not know is an error."""
    found: dict[str, PageSpec] = {}
    for spec in pages:
        if spec.key not in PAGE_ACCESS and spec.key not in PUBLIC_PAGES:
            raise RuntimeError(f"page {spec.key!r} is missing from core.permissions.PAGE_ACCESS")
        found[spec.key] = spec
    return found


_BUILT_KEY = "pattana_pages"


DEFAULT_PATH = "start"  # reserved by the default page, which Streamlit serves at "/"


def _st_page(spec: PageSpec, title: str) -> st.Page:
    page = st.Page(spec.render, title=title, icon=spec.icon, url_path=spec.key)
    st.session_state.setdefault(_BUILT_KEY, {})[spec.key] = page
    return page


def _default_pages(spec: PageSpec, title: str) -> list[st.Page]:
    """The default page, and a hidden copy of it at the page's own path. Streamlit serves the
    default page at "/" but still reserves its path, and answered a request for that path (a
    bookmark, a link, a reload of /home) with an English "Page not found": the default page
    reserves another path, and the copy answers the page's key."""
    page = st.Page(spec.render, title=title, icon=spec.icon, url_path=DEFAULT_PATH, default=True)
    st.session_state.setdefault(_BUILT_KEY, {})[spec.key] = page
    copy = st.Page(spec.render, title=title, icon=spec.icon, url_path=spec.key, visibility="hidden")
    return [page, copy]


def page_ref(key: str) -> st.Page | None:
    """The page registered on this run for ``key`` (for ``st.page_link`` / ``st.switch_page``);
    None if the user may not open it."""
    return st.session_state.get(_BUILT_KEY, {}).get(key)


def _sign_in_first(login: Callable[[], None]) -> Callable[[], None]:
    def page() -> None:
        login()

    return page


def navigation_for(
    pages: Iterable[PageSpec],
    roles: frozenset[str] | None,
    tr: Callable[[str], str],
    login: Callable[[], None],
) -> dict[str, list[st.Page]] | list[st.Page]:
    """The pages this user may open, by section; anonymous users get sign-in and public pages."""
    specs = by_key(pages)
    st.session_state[_BUILT_KEY] = {}
    public = [_st_page(specs[k], tr(f"page.{k}")) for k in sorted(PUBLIC_PAGES) if k in specs]
    if roles is None:
        login_page = st.Page(
            login, title=tr("page.login"), icon=":material/login:", url_path="login", default=True
        )
        # Every internal URL answers an anonymous visitor with the sign-in page (drawn before the
        # navigation), so a deep link such as /report shows the form instead of "Page not found"
        # and, once signed in, the same URL opens the page asked for.
        held = [
            st.Page(_sign_in_first(login), title=tr("page.login"), icon=":material/login:", url_path=key)
            for key in specs
            if key in PAGE_ACCESS
        ]
        return [login_page, *held, *public]
    sections: dict[str, list[st.Page]] = {}
    first = True
    for section_key, keys in SECTIONS:
        pages_here = []
        for key in keys:
            if key in specs and can_open_page(roles, key):
                title = tr(f"page.{key}")
                pages_here += _default_pages(specs[key], title) if first else [_st_page(specs[key], title)]
                first = False
        if pages_here:
            sections[tr(section_key)] = pages_here
    if public:
        sections[tr("nav.section.public")] = public
    return sections
