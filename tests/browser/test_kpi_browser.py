"""The KPI dashboard in a real browser, as the executive sees it."""

from tests.browser.conftest import heading, screenshot, sign_in, wait_for_app, wait_for_charts


def test_the_executive_opens_the_dashboard_and_it_reads_in_thai(live_server, page):
    sign_in(page, live_server.url, "executive")
    page.get_by_role("link", name="แดชบอร์ดตัวชี้วัด").click()
    wait_for_app(page)
    heading(page, "แดชบอร์ดตัวชี้วัด").wait_for()
    wait_for_charts(page)
    body = page.inner_text("body")
    assert "ร้อยละความพึงพอใจ" in body
    assert "Page not found" not in body
    assert "ปีงบประมาณ" in body
    # each figure either shows a value or says its area is not available yet; never an error
    assert "Traceback" not in body and "เกิดข้อผิดพลาด" not in body
    screenshot(page, "kpi-dashboard-executive")


def test_the_executive_picks_a_tile_and_reads_the_records_behind_it(live_server, page):
    sign_in(page, live_server.url, "executive")
    page.get_by_role("link", name="แดชบอร์ดตัวชี้วัด").click()
    heading(page, "แดชบอร์ดตัวชี้วัด").wait_for()
    wait_for_app(page)
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # no list until one is picked
    page.get_by_text("เรื่องค้าง", exact=True).click()  # the tile's name under "show the list"
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    wait_for_app(page)
    assert page.get_by_role("link", name="เปิดหน้า แจ้งปัญหา/ความต้องการ").count() == 0  # not the executive's page
    screenshot(page, "kpi-dashboard-backlog-list")
