"""The whole chain in a real browser: the IT head drafts and submits a proposal, the director
proposes it, the executive approves it and the project appears."""

from __future__ import annotations

import re

from tests.browser.conftest import heading, screenshot, sign_in, wait_for_app, wait_for_sign_in_cookie

TITLE = "ระบบทดสอบจองห้องประชุมผ่านเบราว์เซอร์"


def _click(tab, name: str) -> None:
    tab.get_by_role("button", name=name, exact=True).click()
    wait_for_app(tab)


def _new_tab(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    context.set_default_timeout(90_000)  # a loaded CI machine is slow; the steps still must happen
    return context, context.new_page()


def test_a_proposal_goes_from_draft_to_approved_project_through_three_users(live_server, browser, page):
    base = live_server.url
    page.set_default_timeout(90_000)
    # 1. the IT head drafts the proposal and submits it
    sign_in(page, base, "ithead")
    wait_for_sign_in_cookie(page)  # let the sign-in cookie land before leaving the page
    page.goto(f"{base}/proposals?view=new")
    wait_for_app(page)
    heading(page, "ข้อเสนอโครงการ").wait_for()
    page.get_by_role("textbox", name="ชื่อโครงการ", exact=True).fill(TITLE)
    _click(page, "สร้างร่างโครงการ")
    page.get_by_text("สร้างร่างโครงการแล้ว").wait_for()
    proposal_id = re.search(r"proposal=(\d+)", page.url).group(1)
    page.get_by_label("วัตถุประสงค์", exact=True).fill("เพื่อให้จองห้องประชุมได้ทุกที่ทุกเวลา")
    page.get_by_label("เป้าหมาย", exact=True).fill("บุคลากรทุกกอง 300 คน")
    page.get_by_label("ขอบเขต", exact=True).fill("จองห้อง ยกเลิก และดูตารางห้องประชุม")
    page.get_by_text("มีงบประมาณ", exact=True).click()
    page.get_by_role("textbox", name="จำนวนเงิน (บาท)", exact=True).fill("85000")
    page.get_by_role("combobox", name=re.compile("ผู้รับผิดชอบโครงการ")).click()
    page.keyboard.type("ธนกร")
    page.keyboard.press("Enter")
    _click(page, "บันทึกร่าง")
    page.get_by_text("บันทึกร่างแล้ว").wait_for()
    screenshot(page, "proposals-1-ithead-draft")
    _click(page, "เสนอผู้อำนวยการกอง")
    page.get_by_text("เสนอผู้อำนวยการกองแล้ว", exact=True).first.wait_for()

    # 2. the director proposes it to the executive (a browser session of their own)
    director_context, page = _new_tab(browser)
    sign_in(page, base, "director")
    wait_for_sign_in_cookie(page)
    page.goto(f"{base}/proposals?proposal={proposal_id}")
    wait_for_app(page)
    page.get_by_text(TITLE).first.wait_for()
    screenshot(page, "proposals-2-director")
    _click(page, "เสนอผู้บริหารพิจารณา")
    page.get_by_text("เสนอผู้บริหารแล้ว", exact=True).first.wait_for()
    director_context.close()

    # 3. the executive approves it: the project exists
    executive_context, page = _new_tab(browser)
    sign_in(page, base, "executive")
    body = page.inner_text("body")
    assert TITLE in body  # waiting on the executive's home page
    wait_for_sign_in_cookie(page)
    page.goto(f"{base}/proposals?proposal={proposal_id}")
    wait_for_app(page)
    page.get_by_label("ความเห็น/เหตุผล").fill("อนุมัติ ให้ดำเนินการตามแผน")
    _click(page, "อนุมัติโครงการ")
    page.get_by_text("อนุมัติแล้ว สร้างโครงการเรียบร้อย").wait_for()
    page.get_by_text(re.compile(r"โครงการที่อนุมัติ: PJ2570-\d{3}")).wait_for()
    assert page.get_by_role("button", name="อนุมัติโครงการ", exact=True).count() == 0
    screenshot(page, "proposals-3-executive-approved")
    executive_context.close()
