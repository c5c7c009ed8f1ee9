"""Real-browser fixtures: a Pattana server on 127.0.0.1 and Playwright driving Debian's chromium.

``make test`` installs ``chromium`` and ``fonts-thai-tlwg`` with apt-get when missing
(Playwright's own browser download does not work on this machine). Screenshots are written to
``test-artifacts/screenshots/`` for people to look at.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from benchmarks.serving import CHROMIUM, LAUNCH_ARGS, StreamlitServer
from core import demo
from core.config import Config

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
COOKIE_NAME = Config.cookie_name


def _settle_after_goto() -> None:
    """A page load is one script run (the sign-in cookie component is no longer drawn on every
    run: ui/auth.py), but the sidebar's live parts and the first paint of widgets still land a
    moment after the run ends; every ``goto`` of these tests waits a little past it, so a click
    is never sent to a widget that is about to be redrawn."""
    from playwright.sync_api import Page

    if getattr(Page.goto, "_pattana_settles", False):
        return
    original = Page.goto

    def goto_and_settle(self, url, **kwargs):
        response = original(self, url, **kwargs)
        wait_for_app(self)
        self.wait_for_timeout(1200)
        wait_for_app(self)
        return response

    goto_and_settle._pattana_settles = True
    Page.goto = goto_and_settle


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class Server(StreamlitServer):
    """A Streamlit process serving Pattana on its own copy of the demo database."""

    def __init__(self, db_path: Path, extra_env: dict | None = None, address: str = "127.0.0.1"):
        self.db_path = db_path
        env = dict(
            os.environ,
            PATTANA_DB=str(db_path),
            PATTANA_DEMO="0",
            PATTANA_SCHEDULER="0",
            PATTANA_COOKIE_KEY="browser-test-cookie-key-" + "z" * 24,
            **(extra_env or {}),
        )
        super().__init__(ROOT / "serve.py", env=env, log_path=db_path.with_suffix(".log"), address=address)


@pytest.fixture
def fresh_server(demo_template, tmp_path):
    """A factory of new servers (no session has run the entry file yet)."""
    started: list[Server] = []

    def start(extra_env: dict | None = None) -> Server:
        path = tmp_path / f"server{len(started)}.duckdb"
        shutil.copy(demo_template, path)
        server = Server(path, extra_env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def live_server(demo_template, tmp_path_factory):
    """One server shared by the tests of a module."""
    path = tmp_path_factory.mktemp("live") / "live.duckdb"
    shutil.copy(demo_template, path)
    server = Server(path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    _settle_after_goto()
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run the tests with `make test`")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    """A phone-sized page (a citizen scanning a QR code)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="th-TH",
    )
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(tab, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def wait_for_app(tab) -> None:
    """Wait until Streamlit has finished running the script and drawn the page."""
    tab.wait_for_selector('[data-testid="stApp"]')
    tab.wait_for_function(
        """() => {
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            const running = status && /Running|Connecting/i.test(status.innerText);
            const skeleton = document.querySelector('[data-testid="stSkeleton"]');
            const stale = document.querySelector('[data-stale="true"]');
            return !running && !skeleton && !stale;
        }""",
        timeout=30_000,
    )
    tab.wait_for_timeout(400)


def sign_in(tab, base_url: str, username: str, password: str = demo.DEMO_PASSWORD, path: str = "") -> None:
    """Sign in through the form, as a person does; a click lost to a redraw is tried again."""
    tab.goto(f"{base_url}/{path}")
    for _attempt in range(3):
        tab.get_by_role("textbox", name="ชื่อผู้ใช้").fill(username)
        tab.get_by_role("textbox", name="รหัสผ่าน").fill(password)
        tab.get_by_role("button", name="เข้าสู่ระบบ").click()
        try:
            tab.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - retried, then reported by the last wait below
            wait_for_app(tab)
    tab.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=5_000)
    wait_for_app(tab)
    wait_for_sign_in_cookie(tab)


def work_item(tab, *texts: str):
    """The one item of the home page "งานของฉัน" that shows all these texts, found by its content
    (the order of the items follows due dates, so a position in the list means nothing)."""
    blocks = tab.locator('[class*="st-key-work_item_"]')
    for text in texts:
        blocks = blocks.filter(has_text=text)
    return blocks.first


def wait_for_sign_in_cookie(tab, timeout: float = 30, present: bool = True) -> None:
    """Wait until the browser holds the sign-in cookie (or, with ``present=False``, until it is
    gone): a deep link opened before it lands is answered with the sign-in form, as it would be
    for a person who is that fast."""
    deadline = time.monotonic() + timeout
    while any(c["name"] == COOKIE_NAME for c in tab.context.cookies()) != present:
        if time.monotonic() > deadline:
            raise AssertionError(f"the sign-in cookie is still {'missing' if present else 'there'}")
        tab.wait_for_timeout(100)


def download_by_click(tab, button, attempts: int = 3, timeout: float = 45_000):
    """Click a download button and return the Playwright download. A button whose file is made
    when it is clicked asks the server first; on a busy machine that click can land while the
    page is being redrawn and be lost, so a click that brings no download within ``timeout`` ms
    is made again (the last attempt's timeout error is raised)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        try:
            with tab.expect_download(timeout=timeout) as download:
                button.click()
            return download.value
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            wait_for_app(tab)


def wait_for_charts(tab) -> None:
    """Wait until every Altair chart on the page has drawn (Vega renders after the script)."""
    tab.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .every(chart => chart.querySelector('canvas, svg'))""",
        timeout=30_000,
    )


def heading(tab, text: str):
    """The page's title (h1) with this text."""
    return tab.locator("h1", has_text=text)


def sign_out(tab) -> None:
    tab.get_by_role("button", name="ออกจากระบบ").click()
    tab.get_by_role("textbox", name="ชื่อผู้ใช้").wait_for()
