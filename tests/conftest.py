"""Shared fixtures: temporary DuckDB files (empty or with demo data), actors, AppTest runs."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from core import areas, bootstrap, clock, demo, users
from core.db import Database

ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = datetime(2026, 11, 24, 10, 0)  # Tue 24 พ.ย. 2569, ปีงบประมาณ 2570

# One clock for the whole run: this process, the servers it starts and the demo generator all
# read FIXED_NOW ticking on from the start of the session, whatever the real date is.
os.environ[clock.ENVIRONMENT_VARIABLE] = clock.pinned(FIXED_NOW)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    """Cheap bcrypt for new hashes in tests (the demo hash keeps its real cost)."""
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def db(tmp_path) -> Database:
    """A migrated, empty database with the demo's organisation units only."""
    database = bootstrap.open_database(tmp_path / "empty.duckdb", demo=False)

    def units(cur):
        for order, (code, th, en, kind, phone) in enumerate(demo.UNITS):
            cur.execute(
                "INSERT INTO org_units (code, name_th, name_en, kind, phone, sort_order)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [code, th, en, kind, phone, order],
            )

    database.write(units)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A demo database built once per test session (closed, to be copied per test)."""
    path = tmp_path_factory.mktemp("demo") / "template.duckdb"
    database = bootstrap.open_database(path, demo=False)
    areas.seed_demo(database, now=FIXED_NOW, years=2, scale=1)
    database.close()
    return path


@pytest.fixture
def demo_db_path(demo_template, tmp_path) -> Path:
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_db_path) -> Database:
    database = bootstrap.open_database(demo_db_path, demo=False)
    yield database
    database.close()


def actor_of(database: Database, username: str):
    with database.read() as cur:
        return users.find_user(cur, username).as_actor()


@pytest.fixture
def app_env(demo_db_path, monkeypatch):
    """Environment for AppTest runs on a fresh copy of the demo database."""
    import streamlit as st

    monkeypatch.setenv("PATTANA_DB", str(demo_db_path))
    monkeypatch.setenv("PATTANA_DEMO", "0")
    monkeypatch.setenv("PATTANA_SCHEDULER", "0")
    monkeypatch.setenv("PATTANA_COOKIE_KEY", "test-cookie-key-" + "x" * 32)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield demo_db_path
    st.cache_resource.clear()
    st.cache_data.clear()


def file_ticket(
    title: str, description: str, *, system_id: int | None = None, reporter: str = "staff"
) -> int:
    """A problem filed by ``reporter`` at FIXED_NOW through the app's own database (AppTest
    runs), on ``system_id`` or the first system in service; returns the ticket id."""
    from core.tickets import services as tickets
    from ui.context import database

    db = database()
    if system_id is None:
        with db.read() as cur:
            system_id = cur.execute(
                "SELECT id FROM systems WHERE in_service_since IS NOT NULL ORDER BY id LIMIT 1"
            ).fetchone()[0]
    return tickets.report_ticket(
        db,
        actor_of(db, reporter),
        FIXED_NOW,
        system_id=system_id,
        ticket_type="problem",
        title=title,
        description=description,
    )


def new_app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)


def sign_in(at, username: str, password: str = demo.DEMO_PASSWORD):
    """Fill the sign-in form of a fresh AppTest and submit it."""
    at.run()
    fields = {t.label: t for t in at.text_input}
    fields["ชื่อผู้ใช้" if "ชื่อผู้ใช้" in fields else "Username"].input(username)
    fields["รหัสผ่าน" if "รหัสผ่าน" in fields else "Password"].input(password)
    at.button[0].click().run()
    return at


@pytest.fixture
def signed_in(app_env):
    """``signed_in("ithead")`` returns an AppTest signed in as that demo user."""

    def make(username: str):
        return sign_in(new_app(), username)

    return make


def goto(at, page_key: str):
    """Open a registered page by its URL path and run (AppTest's switch_page takes file paths,
    and our pages are callables registered under their own URL paths)."""
    matches = [
        h
        for h, info in at._registered_pages.items()
        if info.get("url_pathname") == page_key or (page_key == "home" and info.get("url_pathname") == "")
    ]
    if not matches:
        raise ValueError(f"page {page_key!r} is not registered for this user")
    at._page_hash = matches[0]
    return at.run()


def work_items(at) -> list[str]:
    """The items of the home page "งานของฉัน" as a person reads them (each item is one Markdown
    block; the escapes that keep typed text inert are dropped)."""
    import re

    bodies = [m.value for m in at.markdown if m.value.startswith("**")]
    return [re.sub(r"\\(.)", r"\1", body).replace("\u2060", "") for body in bodies]


def open_tab(at, key: str, label: str):
    """Open the tab ``label`` of a page's ``widgets.lazy_tabs(key=...)`` (only the open tab is
    drawn), as a click on it does, and run."""
    at.session_state[key] = label
    return at.run()


def click(at, label: str, index: int = 0):
    """Click the ``index``-th button (form submit buttons included) with this label, and run."""
    buttons = [b for b in at.button if b.label == label]
    if len(buttons) <= index:
        raise AssertionError(f"no button {label!r}; buttons: {[b.label for b in at.button]}")
    return buttons[index].click().run()


def cell_labels(column) -> list[str]:
    """A table column of coloured labels (``ui.components.table(coloured=...)``: one label per
    cell, drawn in its colour) as the labels' texts ("" for a cell without one)."""
    return [cell[0] if len(cell) else "" for cell in column]


def edit_table(at, key: str, edits: dict[int, dict[str, object]], submit: str):
    """Edit cells of the ``st.data_editor`` with ``key`` as a person does in its grid (``edits``:
    ``{row position: {column: value}}``), press the form's button ``submit`` and run. AppTest
    has no data editor element: the edits go as the widget's value (the JSON the browser sends)
    with the other widgets' values of this run."""
    import json

    (editor,) = [d for d in at.dataframe if d.proto.id.endswith(key)]
    buttons = [b for b in at.button if b.label == submit]
    if not buttons:
        raise AssertionError(f"no button {submit!r}; buttons: {[b.label for b in at.button]}")
    buttons[0].click()
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = editor.proto.id
    state.string_value = json.dumps(
        {
            "edited_rows": {str(row): cells for row, cells in edits.items()},
            "added_rows": [],
            "deleted_rows": [],
        }
    )
    return at._run(widget_state=states)
