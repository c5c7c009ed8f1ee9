"""The project stages page driven with AppTest: portfolio, timelines, a project's stages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from core import bootstrap, clock
from tests.conftest import cell_labels, click, edit_table, goto
from tests.test_stages_support import add_demo_projects, make_project, officer_id
from ui.settings_sections.stage_standards import EDITOR_KEY


@pytest.fixture
def with_projects(app_env):
    """The AppTest demo database plus ten projects moved along by the stage seeder."""
    return add_demo_projects(app_env, clock.now(), count=10)


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.text]
    parts += [e.value for e in at.error] + [e.value for e in at.warning] + [e.value for e in at.info]
    parts += [e.value for e in at.success] + [h.value for h in at.header] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_the_portfolio_lists_every_project_with_its_signal_and_an_excel_export(signed_in, with_projects):
    at = goto(signed_in("ithead"), "projects")
    assert not at.exception
    frame = at.dataframe[0].value
    shown = frame.data if hasattr(frame, "data") else frame
    from ui.context import database

    with database().read() as cur:
        projects = cur.execute("SELECT count(*) FROM projects").fetchone()[0]
    assert projects >= 10 and len(shown) == projects
    assert {"สัญญาณ", "ขั้นตอนปัจจุบัน", "จำนวนวันในขั้นตอน", "ผู้รับผิดชอบ"} <= set(shown.columns)
    assert "เปิดใช้งานแล้ว" in cell_labels(shown["สัญญาณ"])
    assert at.get("download_button")


def test_the_portfolio_counts_the_days_in_a_stage_afresh_when_the_day_changes(
    signed_in, with_projects, monkeypatch
):
    def days_in_stage(at):
        frame = at.dataframe[0].value
        shown = frame.data if hasattr(frame, "data") else frame
        return dict(zip(shown["รหัส"], shown["จำนวนวันในขั้นตอน"]))

    at = goto(signed_in("ithead"), "projects")
    today = days_in_stage(at)
    counted = {code: days for code, days in today.items() if pd.notna(days)}  # the active projects
    assert counted
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, clock.pinned(clock.now() + timedelta(days=1)))
    tomorrow = days_in_stage(goto(signed_in("director"), "projects"))
    assert {code: tomorrow[code] for code in counted} == {code: days + 1 for code, days in counted.items()}


def test_the_timeline_view_draws_an_altair_gantt(signed_in, with_projects):
    at = goto(signed_in("director"), "projects")
    at.radio(key="stage-view").set_value("timeline").run()
    assert not at.exception
    assert at.get("vega_lite_chart")


def test_a_project_link_opens_its_stages_and_a_gate_waits_for_sign_off(signed_in, app_env):
    database = bootstrap.open_database(app_env, demo=False)
    pid = make_project(database, datetime(2026, 1, 5, 10, 0), responsible=officer_id(database))
    database.close()
    at = signed_in("itofficer")
    at.query_params["project"] = str(pid)
    at = goto(at, "projects")
    assert not at.exception
    assert "ระบบบริหารงานสารบรรณ" in _texts(at)
    assert at.get("vega_lite_chart")
    assert [b.label for b in at.button].count("บันทึกเสร็จสิ้น") == 1
    at = click(at, "บันทึกวันเริ่ม")
    assert "บันทึกวันที่แล้ว" in _texts(at)
    at = click(at, "บันทึกเสร็จสิ้น")  # finished the same day: rushed without a reason
    assert "กรุณาระบุเหตุผล" in _texts(at)


def test_the_executive_sees_the_stages_but_no_form(signed_in, app_env):
    database = bootstrap.open_database(app_env, demo=False)
    pid = make_project(database, datetime(2026, 1, 5, 10, 0))
    database.close()
    at = signed_in("executive")
    at.query_params["project"] = str(pid)
    at = goto(at, "projects")
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "บันทึกเสร็จสิ้น" not in labels and "บันทึกวันเริ่ม" not in labels


def test_the_it_head_edits_the_time_standards_in_settings(signed_in, app_env):
    at = goto(signed_in("ithead"), "settings")
    assert not at.exception
    at = edit_table(at, EDITOR_KEY, {0: {"amount": 30, "unit": "วันทำการ"}}, "บันทึก")  # stage 4's row
    assert not at.exception
    assert "บันทึกมาตรฐานเวลาแล้ว" in _texts(at)
    from core import settings

    database = bootstrap.open_database(app_env, demo=False)
    with database.read() as cur:
        assert settings.get(cur, "stages.time_standards")["4"] == {
            "days": 30,
            "kind": "minimum",
            "unit": "days",
        }
    database.close()


def test_a_cleared_amount_in_the_standards_table_is_refused_with_its_stage_and_nothing_is_saved(
    signed_in, app_env
):
    from core import settings

    database = bootstrap.open_database(app_env, demo=False)
    with database.read() as cur:
        before = settings.get(cur, "stages.time_standards")
    database.close()
    at = goto(signed_in("ithead"), "settings")
    at = edit_table(at, EDITOR_KEY, {2: {"amount": None}, 3: {"amount": 5}}, "บันทึก")  # stages 6 and 7
    assert not at.exception
    assert "มาตรฐานเวลาของขั้นที่ 6 ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง" in _texts(at)
    database = bootstrap.open_database(app_env, demo=False)
    with database.read() as cur:
        assert settings.get(cur, "stages.time_standards") == before
    database.close()
