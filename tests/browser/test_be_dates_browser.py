"""An IT officer records the day the survey results went to the executive on the LPA page,
picking it in the B.E. date input (day / Thai month / B.E. year): 31 กันยายน is refused in Thai
and nothing is saved; 15 กันยายน 2569 is saved and listed as "15 ก.ย. 2569"."""

from __future__ import annotations

from tests.browser.conftest import heading, screenshot, sign_in, wait_for_app

DETAIL = "เสนอผลการสำรวจต่อปลัดเทศบาลในที่ประชุมประจำเดือน"


def _pick(tab, form, part: str, option: str) -> None:
    """Open the selector of the date field's ``part`` and click the option by its text."""
    form.get_by_role("combobox", name=f"วันที่ ({part})", exact=True).click()
    tab.get_by_role("option", name=option, exact=True).click()
    form.get_by_role("combobox", name=f"วันที่ ({part})", exact=True).wait_for()


def _save(tab, form, expect: str) -> None:
    """Press save and wait for ``expect`` (pressed again if Streamlit dropped the click)."""
    for attempt in range(3):
        form.get_by_role("button", name="บันทึก", exact=True).click()
        try:
            tab.get_by_text(expect).first.wait_for(timeout=20_000)
            return
        except Exception:  # noqa: BLE001 - retried, then the last wait raises
            wait_for_app(tab)
            if attempt == 2:
                tab.get_by_text(expect).first.wait_for()


def test_an_officer_picks_a_b_e_date_on_the_lpa_form_and_sees_it_saved_in_b_e(fresh_server, page):
    server = fresh_server()
    sign_in(page, server.url, "itofficer")
    page.goto(f"{server.url}/lpa")
    heading(page, "ตรวจสอบตัวชี้วัด LPA").wait_for()
    page.get_by_text("บันทึกหลักฐาน", exact=True).click()
    form = page.locator('[data-testid="stForm"]').filter(has_text="รายละเอียด")
    form.get_by_role("combobox", name="วันที่ (เดือน)", exact=True).wait_for()
    wait_for_app(page)
    # the field opens on today, in B.E. with the Thai month's name
    form_text = form.inner_text()
    assert "พฤศจิกายน" in form_text and "2569" in form_text and "2026" not in form_text

    form.get_by_role("textbox", name="รายละเอียด", exact=True).fill(DETAIL)
    _pick(page, form, "วัน", "31")
    _pick(page, form, "เดือน", "กันยายน")
    page.get_by_role("combobox", name="วันที่ (ปี พ.ศ.)", exact=True).click()
    years = page.get_by_role("option").all_inner_texts()
    assert "2569" in years and "2570" not in years  # no year after today's is offered
    page.get_by_role("option", name="2569", exact=True).click()
    screenshot(page, "be-date-lpa-picked-31-september")
    _save(page, form, "ไม่มีวันที่ 31 กันยายน 2569 ในปฏิทิน (กันยายน 2569 มี 30 วัน)")
    page.get_by_text("ยังไม่ได้บันทึก: วันที่").first.wait_for()
    wait_for_app(page)
    screenshot(page, "be-date-lpa-31-september-refused")
    assert page.get_by_text(DETAIL).count() == 0

    _pick(page, form, "วัน", "15")
    _save(page, form, "บันทึกแล้ว")
    page.get_by_text(f"15 ก.ย. 2569 {DETAIL}").first.wait_for()
    wait_for_app(page)
    screenshot(page, "be-date-lpa-saved")
    body = page.inner_text("body")
    assert "ไม่มีวันที่ 31" not in body
