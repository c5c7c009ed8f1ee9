""" "งานของฉัน" ordered by what needs the person now, and the public survey's first screen on a
phone, in a real browser on the demo town."""

from __future__ import annotations

import duckdb

from tests.browser.conftest import SHOTS, heading, screenshot, sign_in, wait_for_app, work_item
from tests.conftest import FIXED_NOW

KIND_LABELS = ["รอการพิจารณาของคุณ", "รอคำตอบจากคุณ", "รอคุณลงนามผลการตรวจ", "ใกล้หรือเกินเวลามาตรฐาน"]


def _items(tab) -> list[str]:
    """The texts of the work items, top to bottom (each item holds one "เปิด" link)."""
    heading(tab, "งานของฉัน").wait_for()
    tab.get_by_text("รอดำเนินการ").first.wait_for()
    items = tab.locator('[data-testid="stMain"] [class*="st-key-work_item_"]')
    blocks = [items.nth(n).inner_text() for n in range(items.count())]
    assert all("เปิด" in text for text in blocks)  # each item holds its "เปิด" link
    return blocks


def _ranks(items: list[str]) -> list[int]:
    return [
        next((k for k, label in enumerate(KIND_LABELS) if label in text), len(KIND_LABELS)) for text in items
    ]


def test_the_executive_sees_the_approval_first_and_the_surveys_as_one_item(live_server, page):
    sign_in(page, live_server.url, "executive")
    wait_for_app(page)
    items = _items(page)
    screenshot(page, "worklist-home-executive")
    assert items and "รอการพิจารณาของคุณ" in items[0] and "ข้อเสนอโครงการรอการอนุมัติ" in items[0]
    assert _ranks(items) == sorted(_ranks(items))
    assert len(items) < 15
    surveys = [text for text in items if "ตอบแบบสำรวจ" in text]
    assert len(surveys) == 1 and "เรื่อง" in surveys[0]
    work_item(page, "ตอบแบบสำรวจ", "เรื่อง").wait_for()


def test_an_officer_sees_what_needs_them_first_and_the_rest_after(live_server, page):
    sign_in(page, live_server.url, "itofficer")
    wait_for_app(page)
    items = _items(page)
    screenshot(page, "worklist-home-itofficer")
    assert items
    assert _ranks(items) == sorted(_ranks(items))
    assert len([text for text in items if "ตอบแบบสำรวจ" in text]) <= 1


def test_on_a_phone_the_public_survey_opens_with_the_first_question_on_the_first_screen(
    live_server, phone, demo_template
):
    with duckdb.connect(str(demo_template), read_only=True) as con:  # the server's copy holds the same
        (code,) = con.execute(
            "SELECT code FROM surveys WHERE audience = 'citizens' AND opens_on <= ? AND closes_on >= ?"
            " ORDER BY code LIMIT 1",
            [FIXED_NOW.date(), FIXED_NOW.date()],
        ).fetchone()
    phone.goto(f"{live_server.url}/survey_public?code={code}")
    wait_for_app(phone)
    first = phone.get_by_text("1.1 ", exact=False).first
    first.wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(
        path=str(SHOTS / "worklist-survey-public-phone-first-screen.png")
    )  # the first screen only
    box = first.bounding_box()
    options = phone.get_by_text("5 มากที่สุด").first.bounding_box()
    assert box is not None and options is not None
    assert box["y"] + box["height"] <= 844 and options["y"] + options["height"] <= 844
