"""A prototype goes through a failed and a passed review round in a real browser."""

import shutil

from core import bootstrap, clock, projects
from core.reviews.demo import _screen_png
from core.stages import services as stage_services
from tests.browser.conftest import (
    SHOTS,
    Server,
    download_by_click,
    screenshot,
    sign_in,
    wait_for_app,
    wait_for_sign_in_cookie,
    work_item,
)
from tests.conftest import actor_of

STAFF = "นางมาลี จันทร์เพ็ญ"
STAFF2 = "นายสุรเชษฐ์ พลอยงาม"
PROJECT_NAME = "ระบบจองคิวรับบริการ ระยะที่ 2"


def _project(path) -> int:
    db = bootstrap.open_database(path, demo=False)
    officer = actor_of(db, "itofficer")
    now = clock.now()

    def work(cur):
        pid = stage_services.open_project(
            cur,
            actor=officer,
            now=now,
            name=PROJECT_NAME,
            proposal_id=None,
            unit_code="OFFICE",
            responsible_user_id=officer.user_id,
        )
        projects.add_requirement(cur, actor=officer, now=now, project_id=pid, text="ประชาชนจองคิวผ่าน LINE ได้")
        return pid

    pid = db.write(work)
    db.close()
    return pid


def _as(browser, server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    context.set_default_timeout(90_000)  # generous: the test machine may be busy
    tab = context.new_page()
    sign_in(tab, server.url, username)
    wait_for_sign_in_cookie(tab)  # a deep link before the cookie lands shows the sign-in form
    return context, tab


def _open_reviews(tab, server, pid):
    """Open the reviews page of the project by its deep link (retried: on a loaded machine the
    sign-in cookie may land after the first request)."""
    title = tab.locator("h1", has_text="ตรวจรับระบบจำลอง")
    for _attempt in range(3):
        tab.goto(f"{server.url}/reviews?project={pid}&gate=7")
        wait_for_app(tab)
        try:
            title.wait_for(timeout=15_000)
            return
        except Exception:  # noqa: BLE001 - retried, then the last wait raises
            tab.wait_for_timeout(1000)
    title.wait_for()


def _open_round(browser, server, pid, round_no, png, changes=""):
    context, tab = _as(browser, server, "itofficer")
    _open_reviews(tab, server, pid)
    form = tab.locator('[data-testid="stForm"]').first
    if changes:
        form.get_by_label("สิ่งที่เปลี่ยนแปลงจากรอบก่อน").fill(changes)
    chooser = form.locator('[data-testid="stMultiSelect"]')
    for name in (STAFF, STAFF2):
        chooser.locator("input").click()
        tab.get_by_role("option", name=name).first.click()
        chooser.get_by_text(name).wait_for()  # the chosen reviewer shows as a tag
        tab.keyboard.press("Escape")
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": f"queue-form-r{round_no}.png", "mimeType": "image/png", "buffer": png}]
    )
    form.get_by_text(f"queue-form-r{round_no}.png").wait_for()
    tab.keyboard.press("Escape")
    form.get_by_role("button", name="เปิดรอบการตรวจ").click()
    tab.get_by_text("เปิดรอบการตรวจแล้ว").wait_for()
    wait_for_app(tab)
    screenshot(tab, f"reviews-officer-round{round_no}")
    context.close()


def _sign(browser, server, username, verdict, comment, expect, shot=None):
    context, tab = _as(browser, server, username)
    # the pending review is on the home page and its link opens the round
    item = work_item(tab, "ตรวจระบบจำลอง: PJ", PROJECT_NAME)
    item.wait_for()
    item.get_by_role("link", name="เปิด").click()
    wait_for_app(tab)
    form = tab.locator('[data-testid="stForm"]').first
    form.wait_for()
    form.get_by_text(verdict, exact=True).click()
    if comment:
        form.get_by_label("ความเห็นทั่วไป").fill(comment)
    form.get_by_text("ข้าพเจ้าได้ตรวจไฟล์").click()
    form.get_by_role("button", name="ลงนาม").click()
    tab.get_by_text(expect).wait_for()
    wait_for_app(tab)
    if shot:
        screenshot(tab, shot)
    return context, tab


def test_two_reviewers_fail_round_one_then_pass_round_two_and_the_gate_is_signed(
    demo_template, tmp_path, browser
):
    path = tmp_path / "reviews.duckdb"
    shutil.copy(demo_template, path)
    pid = _project(path)
    server = Server(path)
    try:
        _open_round(browser, server, pid, 1, _screen_png("form", 1, "round 1"))
        context, _ = _sign(browser, server, "staff", "เห็นชอบ", "", "บันทึกการลงนามแล้ว")
        context.close()
        context, _ = _sign(
            browser,
            server,
            "staff2",
            "ขอให้แก้ไข",
            "ยังไม่มีช่องเบอร์โทรศัพท์ผู้จอง",
            "รอบนี้ไม่ผ่าน",
            shot="reviews-staff2-requests-changes",
        )
        context.close()

        _open_round(
            browser,
            server,
            pid,
            2,
            _screen_png("form", 2, "round 2"),
            changes="เพิ่มช่องเบอร์โทรศัพท์ผู้จองตามความเห็นรอบที่ 1",
        )
        context, _ = _sign(
            browser, server, "staff2", "เห็นชอบ", "ครบถ้วนแล้ว", "บันทึกการลงนามแล้ว", shot="reviews-staff2-round2"
        )
        context.close()
        context, tab = _sign(browser, server, "staff", "เห็นชอบ", "", "ขั้นตอนนี้ผ่านการรับรอง")
        _open_reviews(tab, server, pid)  # a fresh load, from the top of the page
        tab.get_by_text("ผ่านการรับรองแล้ว").wait_for()
        tab.get_by_text("คุณลงนามรอบนี้แล้ว").first.wait_for()
        screenshot(tab, "reviews-gate-passed")
        download = download_by_click(tab, tab.get_by_role("button", name="ดาวน์โหลดหนังสือรับรองผลการตรวจ (PDF)"))
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS.parent / "reviews-certificate.pdf"
        download.save_as(str(target))
        assert target.read_bytes().startswith(b"%PDF-")
        context.close()
    finally:
        server.stop()

    db = bootstrap.open_database(path, demo=False)
    try:
        with db.read() as cur:
            rows = cur.execute(
                "SELECT g.stage_no, r.round_no, r.status FROM gate_signoffs g"
                " JOIN review_rounds r ON r.id = g.round_id WHERE g.project_id = ?",
                [pid],
            ).fetchall()
            statuses = cur.execute(
                "SELECT round_no, status FROM review_rounds WHERE project_id = ? ORDER BY round_no", [pid]
            ).fetchall()
    finally:
        db.close()
    assert rows == [(7, 2, "passed")]
    assert statuses == [(1, "failed"), (2, "passed")]
