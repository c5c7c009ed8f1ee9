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
    # every tile's label and second line, and every page name in the menu, are read whole (long
    # Thai labels wrap, none ends in "..." at 1366 px); measured once the eighth tile is drawn
    page.locator('[data-testid="stMetricLabel"]').nth(7).wait_for()
    wait_for_app(page)
    cut = page.evaluate(
        """() => [...document.querySelectorAll(
                '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],'
                + '[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"],'
                + '[data-testid="stSidebarNavLink"] [data-testid="stMarkdownContainer"]')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
    )
    assert page.locator('[data-testid="stMetricLabel"]').count() == 8
    assert page.locator('[data-testid="stSidebarNavLink"]').count() > 10
    assert cut == []
    # the tiles of a row are as tall as each other, however many lines their labels take
    heights = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stMetric\"]')].map(e => e.getBoundingClientRect().height)"
    )
    assert max(heights[:4]) - min(heights[:4]) <= 1 and max(heights[4:]) - min(heights[4:]) <= 1, heights
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
