"""A page opened by its own URL finds the server at once (ui/web.py, serve.py; issue 18).

Without the hint Streamlit's page first asked ``/<page>/_stcore/health``, got a 404 and waited
100 ms before trying the right address, on every load of a page by URL (a link in an e-mail or
a LINE message, a bookmark, a reload). These tests watch the requests a real chromium makes.
"""

from __future__ import annotations

import os
import shutil

from benchmarks.serving import StreamlitServer
from tests.browser.conftest import ROOT, sign_in, wait_for_app


def _health_requests(page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "_stcore/health" in request.url else None)
    return asked


def test_a_page_opened_by_its_url_asks_the_server_at_its_root_and_nowhere_else(live_server, page):
    sign_in(page, live_server.url, "itofficer")
    asked = _health_requests(page)
    page.goto(f"{live_server.url}/tickets")
    page.locator("h1", has_text="แจ้งปัญหา/ความต้องการ").wait_for()
    assert asked and all(url == f"{live_server.url}/_stcore/health" for url in asked), asked


def test_a_server_under_a_base_path_is_found_there(demo_template, tmp_path, page):
    db_path = tmp_path / "based.duckdb"
    shutil.copy(demo_template, db_path)
    env = dict(
        os.environ,
        PATTANA_DB=str(db_path),
        PATTANA_DEMO="0",
        PATTANA_SCHEDULER="0",
        PATTANA_COOKIE_KEY="browser-test-cookie-key-" + "b" * 24,
    )
    server = StreamlitServer(
        ROOT / "serve.py",
        env=env,
        log_path=db_path.with_suffix(".log"),
        base_path="pattana",
    )
    try:
        asked = _health_requests(page)
        page.goto(f"{server.url}/pattana/tickets")  # anonymous: the sign-in form, at that URL
        page.get_by_role("button", name="เข้าสู่ระบบ").wait_for()
        wait_for_app(page)
        assert asked and all(url == f"{server.url}/pattana/_stcore/health" for url in asked), asked
    finally:
        server.stop()
