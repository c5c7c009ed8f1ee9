"""Safe defaults at go-live: the demo stays on this machine, production takes its settings from
the environment, and a storage failure reads as a Thai sentence with a reference number."""

import subprocess
from pathlib import Path

import pytest

from core import bootstrap, demo, incidents, users
from core.config import is_loopback
from tests.conftest import FIXED_NOW, new_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "address, loopback",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.1.1", True),
        (None, False),
        ("", False),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine(address, loopback):
    assert is_loopback(address) is loopback


def _make(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60
    )


def test_make_run_listens_on_the_loopback_address_only():
    out = _make("run").stdout
    assert "--server.address 127.0.0.1" in out and "0.0.0.0" not in out


def test_make_serve_binds_where_the_admin_says_without_demo_data():
    out = _make("serve", "ADDRESS=0.0.0.0").stdout
    assert "PATTANA_DEMO=0" in out and "--server.address 0.0.0.0" in out


# the refusals come before anything runs: the virtualenv is not (re)built for them
MAKE_SERVE = ["make", "--old-file=.venv/.installed", "serve"]


def test_make_serve_refuses_to_start_without_a_database_or_a_cookie_key(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PATTANA_")}
    run = subprocess.run(MAKE_SERVE, cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode != 0 and "PATTANA_DB" in run.stdout + run.stderr
    db_file = tmp_path / "town.duckdb"
    db_file.write_bytes(b"")
    env["PATTANA_DB"] = str(db_file)
    run = subprocess.run(MAKE_SERVE, cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode != 0 and "PATTANA_COOKIE_KEY" in run.stdout + run.stderr


def test_demo_data_is_refused_on_a_network_address(app_env, monkeypatch):
    import ui.context

    monkeypatch.setattr(ui.context, "_serving_address", lambda: "0.0.0.0")
    at = new_app().run()
    assert not at.exception
    assert any("ข้อมูลตัวอย่าง" in e.body and "127.0.0.1" in e.body for e in at.error)
    assert not at.text_input  # no sign-in form


def test_a_real_database_is_served_on_a_network_address(tmp_path, monkeypatch):
    import streamlit as st

    import ui.context

    path = tmp_path / "town.duckdb"
    db = bootstrap.open_database(path, demo=False)
    users.create_first_admin(db, FIXED_NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    with db.read() as cur:
        assert not demo.has_demo_data(cur)
    db.close()
    monkeypatch.setenv("PATTANA_DB", str(path))
    monkeypatch.setenv("PATTANA_DEMO", "0")
    monkeypatch.setenv("PATTANA_SCHEDULER", "0")
    monkeypatch.setenv("PATTANA_COOKIE_KEY", "k" * 40)
    monkeypatch.setattr(ui.context, "_serving_address", lambda: "0.0.0.0")
    st.cache_resource.clear()
    at = new_app().run()
    st.cache_resource.clear()
    assert not at.exception and not at.error
    assert any(t.label == "ชื่อผู้ใช้" for t in at.text_input)


def test_a_broken_database_shows_a_sentence_and_a_reference_and_keeps_the_path_for_the_admin(
    tmp_path, monkeypatch
):
    import streamlit as st

    broken = tmp_path / "secret-location" / "broken.duckdb"
    broken.parent.mkdir()
    broken.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("PATTANA_DB", str(broken))
    monkeypatch.setenv("PATTANA_COOKIE_KEY", "k" * 40)
    st.cache_resource.clear()
    at = new_app().run()
    st.cache_resource.clear()
    message = at.error[0].body
    assert "ไม่สามารถเปิดฐานข้อมูลได้" in message and "รหัสอ้างอิง" in message
    assert "secret-location" not in message and "duckdb" not in message.lower()
    reference = message.rsplit("รหัสอ้างอิง", 1)[1].strip(" )")
    kept = next(i for i in incidents.recent() if i.reference == reference)
    assert "secret-location" in kept.detail["path"]


def test_no_production_module_names_the_demo_town_or_its_unit_codes():
    names = ["วาริน", "ชำราบ", "Warin", "warinchamrap", "52705", "อุบลราชธานี"]
    names += [f'"{code}"' for code, *_ in demo.UNITS] + [f"'{code}'" for code, *_ in demo.UNITS]
    files = [
        ROOT / "streamlit_app.py",
        *ROOT.glob("core/**/*.py"),
        *ROOT.glob("ui/**/*.py"),
        *ROOT.glob("pages/*.py"),
    ]
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        if path.name != "demo.py"
        for name in names
        if name in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_survey_poster_names_the_profiles_town():
    import io
    from datetime import date

    from pypdf import PdfReader

    from core.surveys import outputs

    survey = {
        "title": "ความพึงพอใจต่อบริการชำระภาษี",
        "counter_name": "จุดบริการชั้น 1",
        "closes_on": date(2026, 12, 31),
        "system_name_th": "ระบบจัดเก็บภาษีท้องถิ่น",
        "code": "SV2570-001",
    }
    pdf = outputs.poster_pdf(
        survey, "https://pattana.example.go.th/survey_public?code=SV2570-001", org_name="เทศบาลตำบลหนองบัวแดง"
    )
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\u200b", "").split())
    assert "เทศบาลตําบลหนองบัวแดง" in text or "เทศบาลตำบลหนองบัวแดง" in text
    assert outputs.poster_png(
        survey, "https://x.example/survey_public?code=1", org_name="เทศบาลตำบลหนองบัวแดง"
    )
