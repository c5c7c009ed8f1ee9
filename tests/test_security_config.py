"""Hardening by configuration and small leaks: the Streamlit options (checked against the
installed Streamlit), a foreign Host refused by the real server, tables whose CSV export carries
no live formula, an oversized screenshot reported by name with nothing stored, and log lines
that cannot be forged."""

from __future__ import annotations

import io
import logging
import socket
import tomllib

import pytest

from core.errors import ValidationError
from core.security import logsafe
from tests import security_server as srv
from tests.conftest import FIXED_NOW, ROOT, actor_of, goto

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_config_names_options_the_installed_streamlit_knows_and_turns_protection_on():
    from streamlit import config

    options = config._config_options_template
    for section, values in CONFIG.items():
        for name in values:
            assert f"{section}.{name}" in options, f"{section}.{name} is not a Streamlit 1.67 option"
    server = CONFIG["server"]
    assert server["allowedHosts"] and "*" not in server["allowedHosts"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert CONFIG["client"]["showErrorDetails"] == "none"


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    running = srv.start(demo_template, tmp_path_factory.mktemp("config"))
    yield running
    running.stop()


def _upgrade(server, host: str) -> str:
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(200).decode("latin-1").split("\r\n", 1)[0]


def test_a_foreign_host_name_cannot_open_the_app_dns_rebinding(server):
    assert " 101 " in _upgrade(server, f"127.0.0.1:{server.port}")
    assert " 101 " not in _upgrade(server, "evil.example")


def test_table_cells_that_would_run_as_formulas_are_exported_inert(signed_in):
    from core.tickets import services as tickets
    from ui.context import database

    db = database()
    staff = actor_of(db, "staff")
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems WHERE active ORDER BY id LIMIT 1").fetchone()[0]
    tickets.report_ticket(
        db,
        staff,
        FIXED_NOW,
        system_id=system_id,
        ticket_type="problem",
        title="=cmd|' /C calc'!A0",
        description="สูตรอันตราย",
        channel="app",
        urgency="normal",
    )
    at = signed_in("staff")
    goto(at, "tickets")
    assert not at.exception
    cells = {str(v) for frame in at.dataframe for v in frame.value.astype(str).to_numpy().ravel()}
    assert "'=cmd|' /C calc'!A0" in cells
    assert "=cmd|' /C calc'!A0" not in cells


def test_an_oversized_screenshot_is_refused_by_name_and_nothing_is_stored(demo_db):
    from core.tickets import services as tickets

    staff = actor_of(demo_db, "staff")
    with demo_db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems WHERE active ORDER BY id LIMIT 1").fetchone()[0]
        before = cur.execute("SELECT count(*) FROM tickets").fetchone()[0]
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        tickets.report_ticket(
            demo_db,
            staff,
            FIXED_NOW,
            system_id=system_id,
            ticket_type="problem",
            title="จอค้าง",
            description="แนบรูปใหญ่",
            channel="app",
            urgency="normal",
            screenshots=[("หน้าจอ.png", png)],
        )
    assert "หน้าจอ.png" in refused.value.message("th")
    with demo_db.read() as cur:
        assert cur.execute("SELECT count(*) FROM tickets").fetchone()[0] == before


def test_control_bytes_in_log_messages_are_written_escaped():
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    logger = logging.getLogger("pattana.test-logsafe")
    logger.addHandler(handler)
    logsafe.install(logger)
    try:
        logger.warning("unknown code %s", "X\n2026-11-24 INFO admin signed in\x1b[2J")
    finally:
        logger.removeHandler(handler)
    written = buffer.getvalue()
    assert written.count("\n") == 1 and "\x1b" not in written
    assert "\\n2026-11-24" in written and "\\x1b[2J" in written


def test_the_app_installs_the_log_filter():
    assert "logsafe.install()" in (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
