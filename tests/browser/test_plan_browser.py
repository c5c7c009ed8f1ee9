"""An anonymous visitor opens the town's publications page on a phone (the link on the town's
website), sees the FY 2569 documents by round with their dates and the replaced version, and
downloads one; the FY 2570 6-month round has not ended on the pinned day, so nothing of it shows."""

from __future__ import annotations

import re

from tests.browser.conftest import download_by_click, heading, screenshot, sign_in, wait_for_app


def _check_publications(phone) -> None:
    heading(phone, "การเปิดเผยข้อมูลสาธารณะ").wait_for()
    for text in (
        "รอบ 12 เดือน (ทั้งปีงบประมาณ)",
        "รอบ 6 เดือน (1 ต.ค. - 31 มี.ค.)",
        "ถูกแทนที่ด้วยฉบับที่ 2 เมื่อ 22 ต.ค. 2569",
    ):
        phone.get_by_text(text).first.wait_for()
    wait_for_app(phone)
    body = phone.inner_text("body")
    assert "Page not found" not in body
    assert "รหัสผ่าน" not in body  # no sign-in form for a visitor
    assert "รอบ 6 เดือน (1 ต.ค. - 31 มี.ค.)" in body
    assert "O17 รายงานผลการสำรวจความพึงพอใจการให้บริการ" in body
    assert "ถูกแทนที่ด้วยฉบับที่ 2 เมื่อ 22 ต.ค. 2569" in body
    assert "ฉบับที่ 1 · เผยแพร่ 15 ต.ค. 2569" in body  # FY 2569 is shown, not the asked 2570


def test_an_anonymous_visitor_reads_and_downloads_the_publications_on_a_phone(fresh_server, phone):
    server = fresh_server()
    # the website's link is the very first request of a freshly started server
    phone.goto(f"{server.url}/publications?fy=2570")
    wait_for_app(phone)
    _check_publications(phone)
    screenshot(phone, "publications-public-phone")
    button = phone.get_by_role("button", name="ดาวน์โหลด O16 v1")
    button.first.scroll_into_view_if_needed()
    download = download_by_click(phone, button.first)
    path = download.path()
    assert download.suggested_filename.startswith("O16-2569-")
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # once the entry file has run (the sign-in page), the same link still works without an account
    phone.goto(f"{server.url}/")
    wait_for_app(phone)
    phone.goto(f"{server.url}/publications")
    wait_for_app(phone)
    _check_publications(phone)
    screenshot(phone, "publications-public-phone-again")


def test_the_executive_reads_the_lpa_check_with_its_evidence(fresh_server, page):
    server = fresh_server()
    sign_in(page, server.url, "executive")
    page.goto(f"{server.url}/lpa")
    heading(page, "ตรวจสอบตัวชี้วัด LPA ความพึงพอใจ").wait_for()
    page.get_by_text("ผ่าน 6 จาก 6 องค์ประกอบ").wait_for()
    page.get_by_text("ผลความพึงพอใจไม่น้อยกว่าร้อยละ 70: ผ่าน").wait_for()
    wait_for_app(page)
    body = page.inner_text("body")
    assert "เสนอผลการสำรวจรอบ 12 เดือนต่อปลัดเทศบาล" in body and "/ 70" in body
    assert "O17 รายงานผลการสำรวจความพึงพอใจการให้บริการ" in body
    screenshot(page, "lpa-check-executive")


def test_the_it_head_reads_the_plan_register_and_the_evidence_of_a_round(fresh_server, page):
    server = fresh_server()
    sign_in(page, server.url, "ithead")
    page.goto(f"{server.url}/plan")
    heading(page, "แผนพัฒนาท้องถิ่น").wait_for()
    page.get_by_role("tab", name="นำเข้าจาก Excel ของงานแผน").wait_for()
    wait_for_app(page)
    screenshot(page, "plan-register-ithead")
    page.goto(f"{server.url}/assessments")
    heading(page, "หลักฐานการประเมิน ITA").wait_for()
    page.get_by_role("button", name=re.compile(r"ดาวน์โหลด O17 .* \(PDF\)")).wait_for()
    wait_for_app(page)
    download = download_by_click(
        page, page.get_by_role("button", name=re.compile(r"ดาวน์โหลด O16 .* \(PDF\)"))
    )
    assert download.suggested_filename == "O16-2569-12m.pdf"
    screenshot(page, "assessments-evidence-ithead")
