"""A real Pattana server for the security tests, driven over Streamlit's websocket protocol.

The server runs the entry file on a copy of the demo database and trusts forwarded headers from
127.0.0.1 (as behind a reverse proxy on the same machine), so a test speaks for several
clients by sending the header a proxy would add. ``client(...)`` opens a session.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from benchmarks import st_client
from benchmarks.load_survey import Server, run_async

COOKIE_KEY = "security-test-cookie-key-" + "s" * 24
COOKIE_NAME = "pattana_auth"


class PattanaAdapter:
    app = "serve.py"

    def __init__(self, extra_env: dict[str, str] | None = None):
        self.extra_env = extra_env or {}

    def server_env(self, db_path: Path) -> dict[str, str]:
        return {
            "PATTANA_DB": str(db_path),
            "PATTANA_DEMO": "0",
            "PATTANA_SCHEDULER": "0",
            "PATTANA_COOKIE_KEY": COOKIE_KEY,
            "PATTANA_TRUSTED_PROXIES": "127.0.0.1",
            **self.extra_env,
        }


def start(template: Path, directory: Path, **extra_env: str) -> Server:
    path = directory / "server.duckdb"
    shutil.copy(template, path)
    return Server(PattanaAdapter(extra_env), path)


def session(
    server: Server,
    *,
    client: str | None = None,
    cookie: str | None = None,
    page_name: str = "",
    query_string: str = "",
) -> st_client.StSession:
    headers = {}
    if client:
        headers["X-Forwarded-For"] = client
    if cookie is not None:
        headers["Cookie"] = f"{COOKIE_NAME}={cookie}"
    return st_client.StSession(
        server.url, page_name=page_name, query_string=query_string, timeout=60, headers=headers
    )


async def load(tab: st_client.StSession) -> st_client.Page:
    """A page load as a browser does it: the first run, then the run the page's navigation and
    cookie component cause (widget ids are those of the second)."""
    await tab.run()
    return await tab.run()


async def sign_in(tab: st_client.StSession, username: str, password: str) -> st_client.Page:
    """Fill and submit the sign-in form; a submit the server did not take (the page's first
    runs can renumber the form) is sent again with the form as it now is."""
    page = await load(tab)
    for _ in range(3):
        after = await tab.run(
            [
                st_client.text(page.widget("ชื่อผู้ใช้"), username),
                st_client.text(page.widget("รหัสผ่าน"), password),
                st_client.trigger(page.widget("เข้าสู่ระบบ", "button")),
            ]
        )
        if signed_in(after) or after.errors:
            return after
        page = after
    return after


def headings(page: st_client.Page) -> list[str]:
    return [e.proto.body for e in page.elements if e.kind == "heading"]


def signed_in(page: st_client.Page) -> bool:
    return "งานของฉัน" in headings(page) or any(w.label == "ออกจากระบบ" for w in page.widgets())


_COOKIE_WRITE = re.compile(
    r'encodeURIComponent\(("(?:[^"\\]|\\.)*")\) \+ \'=\' \+ encodeURIComponent\(("(?:[^"\\]|\\.)*")\)'
)


def cookie_in_script(body: str) -> tuple[str, str] | None:
    """The (name, value) a cookie script of ``ui.auth.cookie_script`` stores; None for other HTML."""
    found = _COOKIE_WRITE.search(body)
    return (json.loads(found.group(1)), json.loads(found.group(2))) if found else None


def cookie_set_by(page: st_client.Page) -> str | None:
    """The sign-in cookie the server told the browser to store (the script ``ui.auth`` writes
    into the page after a sign-in)."""
    for element in page.elements:
        if element.kind == "html":
            written = cookie_in_script(element.proto.body)
            if written and written[0] == COOKIE_NAME:
                return written[1]
    return None


__all__ = [
    "cookie_in_script",
    "cookie_set_by",
    "headings",
    "run_async",
    "session",
    "sign_in",
    "signed_in",
    "start",
]
