"""Streamlit's input widgets with Thai in place of Streamlit's own English (issue 16).

Streamlit draws some texts itself: "Choose an option", "No options to select", "Select all",
"No results", "Press Enter to submit form", the file uploader's "Upload" and "200MB per file".
Every page asks for these widgets here, so the replacement is made once:

- ``select_one`` / ``select_many``: a Thai placeholder (or "ไม่มีตัวเลือก" for an empty list), no
  "Select all" row, and no typing in short lists (typing only filters, and a miss says
  "No results"); long lists keep filtering by substring, which suits Thai.
- ``form``: no "Press Enter to submit form" hint (and Enter does not send a half-filled form).
- ``file_input``: Streamlit 1.67 has no parameter for the uploader's texts, so the size limit the
  server enforces goes to the widget (``max_upload_size``) and is said in a Thai caption with the
  accepted kinds of file, and ``thai_chrome`` hides the English hint and relabels the button with
  constant CSS (no user text).

Each takes the container first (``st``, a column, the sidebar), so ``cols[0].selectbox(`` reads
``select_one(cols[0], ``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.context import tr

SHORT_LIST = 12  # up to this many options the list is read, not searched


def _sized(options):
    """The options as given (a list, a dict, a Series...), or as a list when they have no length."""
    return options if hasattr(options, "__len__") else list(options)


def _placeholder(options, key: str) -> str:
    return tr("widget.no_options") if len(options) == 0 else tr(key)


def select_one(where, label: str, options, *args, **kwargs):
    """``where.selectbox`` with Thai texts."""
    options = _sized(options)
    kwargs.setdefault("placeholder", _placeholder(options, "widget.choose_one"))
    if not kwargs.get("accept_new_options"):
        kwargs.setdefault("filter_mode", None if len(options) <= SHORT_LIST else "contains")
    return where.selectbox(label, options, *args, **kwargs)


def select_many(where, label: str, options, *args, **kwargs):
    """``where.multiselect`` with Thai texts and no "Select all" row."""
    options = _sized(options)
    kwargs.setdefault("placeholder", _placeholder(options, "widget.choose_many"))
    kwargs.setdefault("select_all", False)
    if not kwargs.get("accept_new_options"):
        kwargs.setdefault("filter_mode", None if len(options) <= SHORT_LIST else "contains")
    return where.multiselect(label, options, *args, **kwargs)


def form(where, key: str, **kwargs):
    """``where.form`` without Streamlit's English "Press Enter to submit form" hint."""
    kwargs.setdefault("enter_to_submit", False)
    return where.form(key, **kwargs)


def file_input(where, label: str, *, types: Sequence[str], max_bytes: int | None = None, **kwargs):
    """``where.file_uploader`` with its real size limit and a Thai line saying it and the kinds
    of file accepted (the widget's own English hint is hidden by ``thai_chrome``)."""
    limit_mb = (
        max(1, (max_bytes or 0) // (1024 * 1024)) if max_bytes else st.get_option("server.maxUploadSize")
    )
    value = where.file_uploader(label, type=list(types), max_upload_size=limit_mb, **kwargs)
    kinds = ", ".join(sorted({t.lstrip(".").upper().replace("JPEG", "JPG") for t in types}))
    where.caption(tr("widget.upload_limits", mb=limit_mb, kinds=kinds))
    return value


def lazy_tabs(where, labels: Sequence[str], *, key: str):
    """``where.tabs`` that draws only the open tab: a click on another tab reruns the page and
    draws that one (Streamlit's ``on_change="rerun"``; each tab's ``.open`` says which). A page
    with many tabs drew them all on every run, the hidden ones included (issue 18). The open tab
    is kept in the session under ``key`` (tests open one by setting it to the tab's label)."""
    return where.tabs(list(labels), key=key, on_change="rerun")


def lazy_expander(where, label: str, *, key: str):
    """``where.expander`` whose content is drawn only while it is open (opening it reruns the
    page; ``.open`` says whether it is): a list behind "show the list" is not built, sent and
    laid out on every run while nobody looks at it (issue 18)."""
    return where.expander(label, key=key, on_change="rerun")


def thai_chrome() -> None:
    """Constant CSS for the texts Streamlit draws that no parameter changes: the file uploader's
    English hint ("20MB per file • PNG") is hidden (``file_input`` says it in a caption) and its
    "Upload" button reads the catalogue's word instead; the sign-in form shows no "Press Enter to
    submit form"; the element of the sign-in cookie's script takes no room; a tile's label (st.metric)
    and a page name in the menu wrap onto a second line instead of being cut with "...". Called once
    per run by the entry file."""
    button = tr("widget.upload_button").replace("\\", "").replace('"', "")
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] {display: none}'
        # the sign-in form is streamlit-authenticator's (no enter_to_submit): Enter still signs in,
        # only the English "Press Enter to submit form" under its boxes is hidden
        '[data-testid="stForm"]:has(input[type="password"]) [data-testid="InputInstructions"] {display: none}'
        '[data-testid="stFileUploaderDropzone"] button,'
        '[data-testid="stFileUploaderDropzone"] button *:not([data-testid="stIconMaterial"]) {font-size: 0 !important}'
        f'[data-testid="stFileUploaderDropzone"] button::after {{content: "{button}"; font-size: 0.875rem}}'
        # a tile's label and its second line wrap instead of ending in "..." (Thai labels are long)
        '[data-testid="stMetricLabel"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] .stMarkdownEllipsis p,'
        '[data-testid="stMetricDelta"] .stMarkdownEllipsis, [data-testid="stMetricDelta"] .stMarkdownEllipsis p,'
        # and so does a long page name in the menu
        '[data-testid="stSidebarNavLink"] span[label], [data-testid="stSidebarNavLink"] .stMarkdownEllipsis,'
        '[data-testid="stSidebarNavLink"] .stMarkdownEllipsis p'
        " {white-space: normal !important; overflow: visible !important; text-overflow: clip !important}"
        # the one-line script that stores the sign-in cookie (ui.auth.cookie_script) takes no room
        '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {display: none}'
        "</style>"
    )
