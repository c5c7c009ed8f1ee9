"""One project walks from stage 4 to go-live in a real browser (gates signed off by inserting
``gate_signoffs`` rows while the server is stopped, as the prototype review would)."""

from __future__ import annotations

import shutil
from datetime import timedelta

from core import bootstrap, clock
from core.i18n import t
from core.stages import rules
from tests.browser.conftest import (
    Server,
    screenshot,
    sign_in,
    wait_for_app,
    wait_for_charts,
    wait_for_sign_in_cookie,
)
from tests.test_stages_support import PDF, add_demo_projects, make_project, officer_id, sign_off

NAME = "ระบบจองคิวฉีดวัคซีนพิษสุนัขบ้า"


def _open(browser, server, pid):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    sign_in(tab, server.url, "itofficer")
    wait_for_sign_in_cookie(tab)
    for _attempt in range(3):  # a deep link right after sign-in may land on the default page
        tab.goto(f"{server.url}/projects?project={pid}")
        wait_for_app(tab)
        try:
            tab.get_by_role("heading", name=NAME).first.wait_for(timeout=10_000)
        except Exception:  # noqa: BLE001
            continue
        # a fresh session may show Streamlit's "Page not found" notice over the right page
        tab.wait_for_timeout(500)
        if tab.get_by_role("dialog").count():
            tab.keyboard.press("Escape")
            tab.get_by_role("dialog").wait_for(state="detached")
        break
    return context, tab


def _done(tab, stage: int):
    """Wait until the stage's expander reads "done"."""
    label = f"{stage}. {t(rules.stage_key(stage))} · เสร็จแล้ว"
    tab.locator('[data-testid="stExpander"] summary', has_text=label).wait_for()


def _settle(tab):
    tab.wait_for_timeout(600)
    wait_for_app(tab)


def _finish_current_stage(tab, stage: int):
    # every stage here finishes on the day it starts: a reason is given (kept only when rushed)
    tab.get_by_label("เหตุผลที่ใช้เวลาน้อยกว่ามาตรฐาน").fill("ผู้บริหารสั่งการให้เร่งรัดเพื่อให้ทันฤดูกาลรณรงค์ฉีดวัคซีน")
    tab.get_by_role("button", name="บันทึกเสร็จสิ้น").click()
    try:
        _done(tab, stage)
    except Exception:
        screenshot(tab, f"stages-failed-at-{stage}")
        raise
    _settle(tab)


def _restart_with_signoff(server, pid, stage):
    path = server.db_path
    server.stop()
    database = bootstrap.open_database(path, demo=False)
    sign_off(database, pid, stage, clock.now())
    database.close()
    return Server(path)


def test_a_project_walks_from_the_requirements_survey_to_go_live(demo_template, tmp_path, browser):
    path = tmp_path / "walk.duckdb"
    shutil.copy(demo_template, path)
    add_demo_projects(path, clock.now(), count=8)
    database = bootstrap.open_database(path, demo=False)
    pid = make_project(
        database, clock.now() - timedelta(days=2), name=NAME, unit="HEALTH", responsible=officer_id(database)
    )
    database.close()
    server = Server(path)
    try:
        context, tab = _open(browser, server, pid)
        # stage 4: a requirement, then the survey finishes (rushed, with a reason)
        tab.get_by_label("ความต้องการ", exact=True).fill("ประชาชนจองคิวฉีดวัคซีนให้สัตว์เลี้ยงผ่าน LINE ได้")
        tab.get_by_role("button", name="เพิ่มความต้องการ").click()
        tab.get_by_text("เพิ่มความต้องการแล้ว").wait_for()
        _settle(tab)
        for stage in (4, 5, 6):
            _finish_current_stage(tab, stage)
        body = tab.inner_text("body")
        assert "รอการลงนามรับรอง" in body
        assert tab.get_by_role("button", name="บันทึกเสร็จสิ้น").count() == 0  # no way to close a gate by hand
        screenshot(tab, "stages-gate-7-waiting")
        context.close()

        server = _restart_with_signoff(server, pid, 7)
        context, tab = _open(browser, server, pid)
        _finish_current_stage(tab, 8)
        context.close()

        server = _restart_with_signoff(server, pid, 9)
        context, tab = _open(browser, server, pid)
        _finish_current_stage(tab, 10)
        # stage 11: start, a training session, the manual, finish
        tab.get_by_role("button", name="บันทึกวันเริ่ม").click()
        tab.locator(
            '[data-testid="stExpander"] summary', has_text="11. จัดทำคู่มือและฝึกอบรม · กำลังดำเนินการ"
        ).wait_for()
        _settle(tab)
        units = tab.get_by_label("หน่วยงานที่เข้าอบรม")
        units.click()
        tab.get_by_role("option", name="กองสาธารณสุขและสิ่งแวดล้อม").click()
        tab.keyboard.press("Escape")
        tab.get_by_label("จำนวนผู้เข้าอบรม (คน)").fill("24")
        tab.get_by_role("button", name="บันทึกการอบรม").click()
        tab.get_by_text("บันทึกการอบรมแล้ว").wait_for()
        _settle(tab)
        tab.locator('[data-testid="stForm"]').filter(has_text="ไฟล์คู่มือผู้ใช้งาน").locator(
            'input[type="file"]'
        ).set_input_files(files=[{"name": "คู่มือผู้ใช้งาน.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        _settle(tab)
        tab.get_by_role("button", name="แนบคู่มือ").click()
        tab.get_by_text("แนบไฟล์แล้ว").wait_for()
        _settle(tab)
        _finish_current_stage(tab, 11)
        # stage 12: the launch letter and go-live
        tab.get_by_label("ชื่อผู้ลงนาม").fill("นางสาวกาญจนา ทองดี")
        tab.get_by_role("button", name="ออกหนังสือแจ้งเปิดใช้งานและเปิดใช้งานระบบ").click()
        tab.get_by_text("ออกหนังสือแจ้งและเปิดใช้งานระบบแล้ว").wait_for()
        _settle(tab)
        tab.reload()
        wait_for_app(tab)
        tab.get_by_text("เปิดใช้งานแล้ว:").first.wait_for()
        tab.get_by_role("button", name="ดาวน์โหลดหนังสือแจ้งเปิดใช้งาน (PDF)").wait_for()
        wait_for_charts(tab)
        screenshot(tab, "stages-project-gantt-live")
        # the portfolio and its timeline
        tab.goto(f"{server.url}/projects")
        wait_for_app(tab)
        tab.get_by_text("ดาวน์โหลด Excel").wait_for()
        wait_for_app(tab)
        screenshot(tab, "stages-portfolio")
        tab.get_by_text("ไทม์ไลน์โครงการทั้งหมด").click()
        _settle(tab)
        tab.locator('[data-testid="stVegaLiteChart"]').wait_for()
        wait_for_charts(tab)
        screenshot(tab, "stages-portfolio-timeline")
        context.close()
        database = None
    finally:
        server.stop()
    database = bootstrap.open_database(path, demo=False)
    with database.read() as cur:
        status, system_id = cur.execute(
            "SELECT status, system_id FROM projects WHERE id = ?", [pid]
        ).fetchone()
        in_service = cur.execute("SELECT in_service_since FROM systems WHERE id = ?", [system_id]).fetchone()[
            0
        ]
    database.close()
    assert status == "live" and in_service == clock.today() + timedelta(days=7)  # the form's default
