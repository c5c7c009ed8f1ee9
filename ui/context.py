"""Per-process and per-run context: the database, the language, the signed-in actor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

import streamlit as st

from core import bootstrap, clock, config, i18n
from core.actor import Actor
from core.db import Database, RecordedReads
from core.errors import StorageError
from core.users import find_user

LANG_KEY = "pattana_lang"


@st.cache_resource(show_spinner=False)
def _open_database(path: str, demo: bool) -> Database:
    from core.reliability import install_guards, start_scheduler

    db = bootstrap.open_database(path, demo=demo)
    install_guards(db)  # refuse writes with a message when the disk is nearly full
    start_scheduler(db)  # the serving heartbeat and scheduled backups (PATTANA_SCHEDULER=0: off)
    _freeze_startup_heap()
    return db


def _freeze_startup_heap() -> None:
    """Streamlit runs a full garbage collection after every script run; with pandas, pyarrow,
    duckdb, altair and every page imported, traversing that long-lived heap was most of a
    citizen's submit (measured: 130 ms a submit, 56 ms without the collection). The entry file
    imports every page before it opens the database; freezing what exists at start-up
    (``gc.freeze``) leaves the per-run collection only the objects a run creates.

    The ``holidays`` package imports its country modules (about 280) on the first calendar a
    page builds, after start-up: left out of the freeze, they were half of what every later
    run's collection traversed (7.6 ms a run, issue 18). The Thai calendar is built once here,
    before the freeze."""
    import gc

    from core import workcalendar

    workcalendar.thai_public_holidays(clock.now().year)
    gc.collect()
    gc.freeze()


@st.cache_resource(show_spinner=False)
def settings() -> config.Config:
    return config.load()


def database() -> Database:
    """The process's one Database (opened, migrated and, for a new demo file, seeded once).
    Within one run of the entry file it is looked up once: a page asks for it ten times, and each
    look-up through Streamlit's caches cost about half a millisecond (issue 18)."""
    memo = _RUN.get()
    if memo is not None and "database" in memo:
        return memo["database"]
    db = _checked_database()
    if memo is not None:
        memo["database"] = db
    return db


def _checked_database() -> Database:
    cfg = settings()
    try:
        db = _open_database(str(cfg.db_path), cfg.demo)
    except StorageError as error:
        from core import incidents

        reference = incidents.record(error, clock.now())  # path and raw error: log and health page only
        st.error(
            i18n.t(
                "app.storage_unavailable",
                language(),
                message=incidents.public_message(error, language()),
                ref=reference,
            )
        )
        _hide_page_list()
        st.stop()
        raise  # unreachable: st.stop() raises
    if _demo_on_network(str(cfg.db_path), _serving_address()):
        st.error(i18n.t("app.demo_on_network", language()))
        _hide_page_list()
        st.stop()
    return db


def records_version() -> int:
    """A number that moves whenever a record may have changed (the database's count of committed
    writes): a cache keyed by it holds a read until something is recorded, and no longer."""
    return database().committed_writes


@st.cache_resource(max_entries=1, show_spinner=False)
def _kept_reads(records: int) -> dict:
    # The statements' results for the current state of the records only (``records`` is only the
    # key): what a purge of personal data deletes is not kept past the purge.
    return {}


@contextmanager
def recorded_read() -> Iterator[RecordedReads]:
    """A read of recorded data whose statements are answered from memory while nothing is
    recorded (``core.db.RecordedReads``, shared by the sessions). Only for what changes by a
    recorded write: sign-in sessions, throttles and their audit rows do not move the records'
    count, and files on disk are not statements (issue 18)."""
    with database().read() as cur:
        yield RecordedReads(cur, _kept_reads(records_version()))


def _hide_page_list() -> None:
    """Stopping before ``st.navigation`` leaves Streamlit's file list of pages/ in the sidebar;
    a refusal shows the message only (constant CSS, no user text)."""
    st.markdown(
        "<style>[data-testid='stSidebarNav'], [data-testid='stSidebar'] {display: none}</style>",
        unsafe_allow_html=True,
    )


def _serving_address() -> str | None:
    """The address the server listens on; loopback when no browser session is served (AppTest
    runs have no URL)."""
    if not st.context.url:
        return "127.0.0.1"
    return st.get_option("server.address")


@st.cache_resource(show_spinner=False)
def _demo_on_network(path: str, address: str | None) -> bool:
    """Demo data (whose passwords the README prints) served beyond this machine: refused."""
    if config.is_loopback(address):
        return False
    return bootstrap.has_demo_data(_open_database(path, settings().demo))


def language() -> str:
    chosen = st.session_state.get(LANG_KEY)  # one look-up: every text on every page asks
    if chosen is None:
        requested = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
        chosen = requested if requested in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        st.session_state[LANG_KEY] = chosen
    return chosen


def tr(key: str, **values: object) -> str:
    """The text for ``key`` in the session's language."""
    return i18n.t(key, language(), **values)


def now() -> datetime:
    return clock.now()


def signed_in_username() -> str | None:
    if st.session_state.get("authentication_status") and st.session_state.get("username"):
        return st.session_state["username"]
    return None


# What one run of the entry file looked up once and shares (the database; the signed-in user,
# which the sign-in check, the navigation and the page's own guard all ask for); unset outside a
# run, e.g. in a fragment's own rerun, which looks everything up afresh.
_RUN: ContextVar[dict | None] = ContextVar("pattana_run", default=None)


@contextmanager
def one_look_up_per_run() -> Iterator[None]:
    """Around the entry file's run: the database and the user are looked up once."""
    token = _RUN.set({"actors": {}})
    try:
        yield
    finally:
        _RUN.reset(token)


def current_actor() -> Actor | None:
    """The signed-in user as the database holds them now (new roles apply at once, a disabled
    user is signed out at their next click)."""
    username = signed_in_username()
    if username is None:
        return None
    memo = _RUN.get()
    known = memo["actors"] if memo is not None else None
    if known is not None and username in known:
        return known[username]
    actor = _actor_of(username, records_version())
    if known is not None:
        known[username] = actor
    return actor


# A user is read once per state of the records: roles, units and the disabling of an account are
# all recorded writes, which move the version (a sign-in's own writes do not, and change none of
# what an actor holds). Each read cost a run 2-3 ms (issue 18).
@st.cache_resource(max_entries=512, show_spinner=False)
def _actor_of(username: str, version: int) -> Actor | None:
    with database().read() as cur:
        user = find_user(cur, username)
    return user.as_actor() if user is not None and user.active else None
