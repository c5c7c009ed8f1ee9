"""An IT officer records the day the survey results went to the executive on the LPA page,
picking it in the B.E. date input (day / Thai month / B.E. year): 31 กันยายน is refused in Thai
and nothing is saved; 15 กันยายน 2569 is saved and listed as "15 ก.ย. 2569"."""

from __future__ import annotations

from tests.browser.conftest import heading, screenshot, sign_in, wait_for_app

DETAIL = "เสนอผลการสำรวจต่อปลัดเทศบาลในที่ประชุมประจำเดือน"


def _pick(tab, form, part: str, option: str) -> None:
    """Open the selector of the date field's ``part``, type the option's text as a person looking
    for it would (the list shows a few options at a time), and click it."""
    box = form.get_by_role("combobox", name=f"วันที่ ({part})", exact=True)
    box.click()
    box.fill(option)
    tab.get_by_role("option", name=option, exact=True).click()
    tab.wait_for_function(
        "([name, want]) => document.querySelector(`input[aria-label='${name}']`).value === want",
        arg=[f"วันที่ ({part})", option],
    )


def _save(tab, form, expect: str) -> None:
    """Press save and wait for ``expect``; the "บันทึกหลักฐาน" box stays open over a refusal,
    so the message is read where it was typed. A click Streamlit dropped is repeated."""
    for attempt in range(3):
        form.get_by_role("button", name="บันทึก", exact=True).click()
        wait_for_app(tab)
        try:
            tab.get_by_text(expect).first.wait_for(timeout=20_000)
            break
        except Exception:  # noqa: BLE001 - retried, then the last wait raises
            wait_for_app(tab)
            if attempt == 2:
                tab.get_by_text(expect).first.wait_for()


def _shot(tab, form, name: str) -> None:
    form.scroll_into_view_if_needed()
    screenshot(tab, name)


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
    shown = [
        form.get_by_role("combobox", name=f"วันที่ ({part})", exact=True).input_value()
        for part in ("วัน", "เดือน", "ปี พ.ศ.")
    ]
    assert shown == ["24", "พฤศจิกายน", "2569"]
    _shot(page, form, "be-date-lpa-form")

    form.get_by_role("textbox", name="รายละเอียด", exact=True).fill(DETAIL)
    _pick(page, form, "วัน", "31")
    _pick(page, form, "เดือน", "กันยายน")
    year = form.get_by_role("combobox", name="วันที่ (ปี พ.ศ.)", exact=True)
    year.click()
    year.fill("25")
    page.get_by_role("option", name="2569", exact=True).wait_for()
    years = page.get_by_role("option").all_inner_texts()
    assert "2570" not in years  # no year after today's is offered
    page.get_by_role("option", name="2569", exact=True).click()
    _shot(page, form, "be-date-lpa-picked-31-september")
    _save(page, form, "ไม่มีวันที่ 31 กันยายน 2569 ในปฏิทิน (กันยายน 2569 มี 30 วัน)")
    page.get_by_text("ยังไม่ได้บันทึก: วันที่").first.wait_for()
    assert form.is_visible()  # the box did not close on the refusal
    wait_for_app(page)
    _shot(page, form, "be-date-lpa-31-september-refused")
    assert page.get_by_text(DETAIL).count() == 0

    _pick(page, form, "วัน", "15")
    _save(page, form, "บันทึกแล้ว")
    saved = page.get_by_text(f"15 ก.ย. 2569 {DETAIL}").first
    saved.wait_for()
    wait_for_app(page)
    saved.scroll_into_view_if_needed()
    screenshot(page, "be-date-lpa-saved")
    body = page.inner_text("body")
    assert "ไม่มีวันที่ 31" not in body
