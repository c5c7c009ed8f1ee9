"""A citizen answers the public survey on a phone, double-clicks submit, and one response counts."""

import shutil
from datetime import timedelta

from playwright.sync_api import expect

from core import bootstrap, clock
from core.surveys import repository as repo
from core.surveys import services
from tests.browser.conftest import Server, heading, screenshot, sign_in, wait_for_app
from tests.conftest import actor_of


def _database_with_an_open_survey(demo_template, tmp_path):
    path = tmp_path / "survey.duckdb"
    shutil.copy(demo_template, path)
    db = bootstrap.open_database(path, demo=False)
    today = clock.now().date()
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems WHERE code = 'EQUEUE'").fetchone()[0]
    services.create_survey(
        db,
        actor_of(db, "itofficer"),
        clock.now(),
        title="แบบสอบถามความพึงพอใจระบบจองคิว",
        system_id=system_id,
        counter_name="ช่องบริการ 2 งานทะเบียนราษฎร",
        fiscal_year=2570,
        audience="citizens",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        code="QUEUE-PHONE",
        sections=[
            ("ด้านกระบวนการ/ขั้นตอน", ["ขั้นตอนการจองคิวเข้าใจง่าย", "ได้รับบริการตรงเวลาที่จอง"]),
            ("ด้านคุณภาพ/ผลการให้บริการ", ["ความพึงพอใจในภาพรวม"]),
        ],
    )
    db.close()
    return path


def test_a_citizen_answers_on_a_phone_and_a_double_click_stores_one_response(
    demo_template, tmp_path, phone, page
):
    path = _database_with_an_open_survey(demo_template, tmp_path)
    server = Server(path)
    try:
        # The QR link is the very first request of a freshly started server.
        phone.goto(f"{server.url}/survey_public?code=QUEUE-PHONE")
        wait_for_app(phone)
        heading(phone, "แบบสอบถามความพึงพอใจระบบจองคิว").wait_for()
        phone.get_by_role("button", name="ส่งแบบสอบถาม").wait_for()
        assert "Page not found" not in phone.inner_text("body")
        honeypot = phone.get_by_label("เว้นว่างไว้")
        honeypot.wait_for(state="attached")
        expect(honeypot).to_be_hidden()  # in the page for robots, not shown to people
        groups = phone.get_by_role("radiogroup").filter(has_text="มากที่สุด")
        assert groups.count() == 3
        for i, level in enumerate(["5 มากที่สุด", "4 มาก", "5 มากที่สุด"]):
            groups.nth(i).get_by_text(level, exact=True).click()
        phone.get_by_role("textbox", name="ข้อเสนอแนะ").fill("รอคิวไม่นาน ขอบคุณครับ โทร 081-234-5678")
        phone.wait_for_timeout(3200)  # the minimum fill time
        screenshot(phone, "survey-public-phone")
        phone.get_by_role("button", name="ส่งแบบสอบถาม").dblclick()
        phone.get_by_text("ขอบคุณที่ร่วมตอบแบบสอบถาม").first.wait_for()
        wait_for_app(phone)
        screenshot(phone, "survey-public-phone-thanks")

        sign_in(page, server.url, "itofficer")
        page.goto(f"{server.url}/surveys?survey=QUEUE-PHONE")
        wait_for_app(page)
        heading(page, "แบบสำรวจความพึงพอใจ").wait_for()
        metric = page.locator('[data-testid="stMetric"]').first
        assert metric.inner_text().splitlines()[-1].strip().startswith("1")
        page.get_by_text("รายด้าน", exact=True).first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot(page, "survey-results").with_name("survey-results-figures.png")))
        # the suggestions are one of the tables under the figures, the phone number masked
        page.locator('[data-testid="stButtonGroup"]').get_by_text("ข้อเสนอแนะ", exact=True).click()
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"] table td')]
                     .some(cell => cell.textContent.includes('รอคิวไม่นาน'))"""
        )
        wait_for_app(page)
        cells = page.locator('[data-testid="stDataFrame"] table td').all_inner_texts()
        assert not [c for c in cells if "081-234-5678" in c]
        page.locator('[data-testid="stButtonGroup"]').scroll_into_view_if_needed()
        screenshot(page, "survey-results-suggestions")
    finally:
        server.stop()
    db = bootstrap.open_database(path, demo=False)
    with db.read() as cur:
        survey = repo.get_survey_by_code(cur, "QUEUE-PHONE")
        assert repo.response_count(cur, survey["id"]) == 1
        assert repo.suggestions(cur, survey["id"]) == ["รอคิวไม่นาน ขอบคุณครับ โทร 081-234-5678"]
    db.close()
