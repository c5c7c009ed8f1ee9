"""Shared widgets: the access guard, running a service with its errors shown, tables, dates, and
the one rule for showing text we did not write (``md`` / ``trm``)."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import streamlit as st

from core import thaidate
from core.actor import Actor
from core.errors import DomainError, StorageError
from core.permissions import can_open_page
from ui.context import current_actor, language, tr

T = TypeVar("T")
log = logging.getLogger("pattana")


_AUTOLINK_START = re.compile(r"(?i)(https?|ftp|www|mailto|xmpp|@)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^])")


def md(text: object) -> str:
    """Text from a user, an import or the URL, made inert for every element that reads Markdown
    (st.markdown, st.error/info/..., st.caption, st.title, widget labels): every character with
    a meaning in Markdown, HTML or Streamlit's directives is backslash-escaped, so no link,
    image, emphasis, HTML, ``:colour[]`` or emoji short code can form, and an invisible word
    joiner keeps ``https://x.example``, ``www.x.example`` and ``a@b.example`` from becoming links."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    # The browser's Markdown renderer turns addresses into links after escapes are resolved
    # (GFM "autolink literals": http://, https://, www., name@host), so an invisible word joiner
    # goes inside each such start: the text reads the same and no link can form.
    return _AUTOLINK_START.sub("\\1\u2060", escaped)


def trm(key: str, **values: object) -> str:
    """``tr`` for Markdown elements: our text with its user-supplied values escaped by ``md``."""
    return tr(key, **{name: md(value) if isinstance(value, str) else value for name, value in values.items()})


def guard(page_key: str) -> Actor:
    """Check that a signed-in user may open ``page_key``; otherwise say so and stop the page.

    Every page calls this first, so a page reached by its URL without the entry file's
    navigation still enforces the permission matrix.
    """
    actor = current_actor()
    if actor is None:
        st.warning(tr("app.sign_in_first"))
        st.stop()
    if not can_open_page(actor.roles, page_key):
        st.error(tr("app.no_access"))
        st.stop()
    return actor


def show_error(error: Exception) -> None:
    """A domain refusal in the user's language; anything else as a reference, never a traceback."""
    if isinstance(error, StorageError):
        from core import clock, incidents

        reference = incidents.record(error, clock.now())  # path and raw error: log and health page only
        st.error(tr("app.storage_failed", message=incidents.public_message(error, language()), ref=reference))
        return
    if isinstance(error, DomainError):
        try:
            text = error.message(language(), escape=md)
        except TypeError:  # a subclass whose message takes no escaper formats our own texts only
            text = error.message(language())
        st.error(text)
        return
    reference = uuid.uuid4().hex[:8]
    log.exception("unexpected error, reference %s", reference)
    st.error(tr("app.unexpected_error", ref=reference))


@dataclass(frozen=True)
class Outcome:
    """What ``attempt`` gives back: whether the service succeeded, and its result."""

    ok: bool
    value: object = None

    def __bool__(self) -> bool:
        return self.ok


_HELD_WRITES = "_pattana_held_writes"


def hold_writes(widget_key: str, message: str) -> None:
    """A widget whose input cannot be taken (``ui.dates``: 31 ก.พ., a holiday where a working
    day is required) holds back every write of the page while it is on the page: ``attempt``
    shows ``message`` instead of running the service. Widgets in forms do not rerun the page,
    so this is how a refusal reaches the submit code of the form without that code knowing."""
    st.session_state.setdefault(_HELD_WRITES, {})[widget_key] = message


def release_writes(widget_key: str) -> None:
    """The widget's input can be taken again."""
    st.session_state.get(_HELD_WRITES, {}).pop(widget_key, None)


def _held_write() -> str | None:
    """The message of a widget holding back writes, if one is still on the page (Streamlit
    forgets a widget's key after a run that did not draw it, e.g. on another page)."""
    held = st.session_state.get(_HELD_WRITES, {})
    for widget_key in list(held):
        if widget_key not in st.session_state:
            del held[widget_key]
    return next(iter(held.values()), None)


def attempt(action: Callable[[], T], success: str | None = None) -> Outcome:
    """Run one service call; show ``success`` or the refusal in the user's language (or, while
    a field of the page holds back writes, that field's refusal: nothing runs)."""
    held = _held_write()
    if held is not None:
        st.error(held)
        return Outcome(False)
    try:
        value = action()
    except Exception as error:  # noqa: BLE001 - DomainError shown as such; others as a reference
        show_error(error)
        return Outcome(False)
    if success:
        st.success(success)
    return Outcome(True, value)


def fmt_date(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    return thaidate.format_date(value, language())


def fmt_datetime(value) -> str:
    if value is None or value is pd.NaT:
        return ""
    return thaidate.format_datetime(value, language())


def fy_label(fy: int) -> str:
    return thaidate.format_fiscal_year(fy, language())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d[\d,]*(\.\d+)?%?)?")  # "-", "-12", "+3.5%": no formula


def csv_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula (``=cmd|...``, ``+``, ``-``, ``@``)
    gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


EMPTY_CELL = "-"  # what a table shows where a value is missing (None, NaN, NaT)


def table(frame: pd.DataFrame, *, coloured: Mapping[str, Mapping[str, str]] | None = None, **kwargs) -> None:
    """A read-only table (text cells are never interpreted as HTML or Markdown by st.dataframe).

    The table's toolbar lets anyone download it as CSV, and Streamlit writes that file without
    neutralising formulas, so text cells that would start a formula are shown (and exported)
    with a leading apostrophe.

    ``coloured``: ``{column: {label: colour}}``, a column of status labels (a ticket's SLA flag,
    a project's signal) shown as labels of their colour. A pandas Styler did this by painting
    cells, and a styled table cost its page 10-15 ms per run to build (issue 18)."""
    kwargs.setdefault("placeholder", EMPTY_CELL)  # a missing value reads "-", not Streamlit's "None"
    if coloured:
        frame, config = _coloured_labels(frame, coloured)
        kwargs["column_config"] = {**config, **(kwargs.get("column_config") or {})}
    st.dataframe(_inert(frame), hide_index=True, width="stretch", **kwargs)


NEUTRAL_LABEL = "#f0f2f6"  # a label whose colour is not given


def _coloured_labels(frame: pd.DataFrame, coloured: Mapping[str, Mapping[str, str]]):
    """The frame with each coloured column's label as a one-label list, and the column settings
    that draw those labels in their colours (Streamlit's read-only multiselect column)."""
    shown = frame.copy()
    config = {}
    for column, palette in coloured.items():
        labels = [v if isinstance(v, str) else "" for v in shown[column].tolist()]
        others = sorted({v for v in labels if v and v not in palette})
        shown[column] = [[v] if v else [] for v in labels]
        config[column] = st.column_config.MultiselectColumn(
            column,
            options=[*palette, *others],
            color=[*palette.values(), *([NEUTRAL_LABEL] * len(others))],
        )
    return shown, config


def _inert(frame):
    """``frame`` (a DataFrame or a pandas Styler) with formula-like text cells neutralised."""
    from pandas.io.formats.style import Styler

    data = frame.data if isinstance(frame, Styler) else frame
    risky = [position for position in range(data.shape[1]) if _may_hold_formulas(data.iloc[:, position])]
    if not risky:  # the common case: nothing to change, nothing copied
        return frame
    shown = data.copy()
    for position in risky:
        shown.isetitem(position, shown.iloc[:, position].map(csv_safe))
    if isinstance(frame, Styler):
        frame.data = shown
        return frame
    return shown


def _may_hold_formulas(values: pd.Series) -> bool:
    """A text column with a cell that starts like a formula (one pass over plain values:
    ``Series.map`` on Arrow-backed text cost a page of five tables 15 ms; issue 18)."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return False
    return any(csv_safe(v) is not v for v in values.tolist())


# Each language named in itself: the button reads in the language it switches to.
LANGUAGE_NAMES = {"th": "ภาษาไทย", "en": "English"}


def _switch_language(code: str) -> None:
    from ui.context import LANG_KEY

    st.session_state[LANG_KEY] = code


def language_switch(container=None) -> None:
    """A button to the other language: "English" on a Thai page, "ภาษาไทย" on an English one;
    the choice lives in the session. (A button, not a two-choice radio: it is drawn on every page,
    and the radio's code was the only radio most pages loaded; issue 18.)"""
    other = "en" if language() == "th" else "th"
    (container or st.sidebar).button(
        LANGUAGE_NAMES[other],
        key="pattana_lang_switch",
        on_click=_switch_language,
        args=(other,),
    )
