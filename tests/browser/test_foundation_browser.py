"""Sign-in, roles and the pages/ hole, in a real browser."""

import pytest

from core import demo
from core.permissions import PAGE_ACCESS
from tests.browser.conftest import (
    heading,
    screenshot,
    sign_in,
    sign_out,
    wait_for_app,
    wait_for_sign_in_cookie,
)

INTERNAL_TEXT = ["ผู้ใช้และสิทธิ์", "บันทึกการใช้งาน", "งานของฉัน", "ออกจากระบบ", "นายณัฐวุฒิ"]


def test_an_anonymous_first_visit_to_every_internal_page_shows_no_internal_content(fresh_server, browser):
    server = fresh_server()
    context = browser.new_context()
    tab = context.new_page()
    urls = [f"/{key}" for key in sorted(PAGE_ACCESS)]
    urls += [f"/{key}_page" for key in sorted(PAGE_ACCESS)]  # the files themselves, run by name
    for url in urls:
        tab.goto(server.url + url)
        wait_for_app(tab)
        body = tab.inner_text("body")
        for text in INTERNAL_TEXT:
            assert text not in body, f"{url} shows {text!r}"
    screenshot(tab, "anonymous-admin-users-file")
    context.close()


@pytest.mark.parametrize(
    "username",
    [
        u[0]
        for u in demo.USERS
        if u[0] in ("admin", "executive", "director", "ithead", "itofficer", "staff", "teacher")
    ],
)
def test_each_role_signs_in_and_sees_my_work_in_thai(live_server, page, username):
    sign_in(page, live_server.url, username)
    wait_for_app(page)
    body = page.inner_text("body")
    assert "งานของฉัน" in body
    assert "ออกจากระบบ" in body
    screenshot(page, f"home-{username}")


def test_after_signing_out_a_reload_shows_the_sign_in_form(live_server, page):
    sign_in(page, live_server.url, "ithead")
    wait_for_app(page)
    sign_out(page)
    wait_for_sign_in_cookie(page, present=False)  # the cookie component deletes the cookie
    page.reload()
    wait_for_app(page)
    page.get_by_role("textbox", name="ชื่อผู้ใช้").wait_for()
    assert "ออกจากระบบ" not in page.inner_text("body")


def test_a_signed_in_reload_keeps_the_session_through_the_cookie(live_server, page):
    sign_in(page, live_server.url, "director")
    wait_for_app(page)
    wait_for_sign_in_cookie(page)
    page.reload()
    wait_for_app(page)
    heading(page, "งานของฉัน").wait_for()


def test_a_deep_link_opens_the_page_after_sign_in(live_server, page):
    sign_in(page, live_server.url, "admin")
    wait_for_app(page)
    wait_for_sign_in_cookie(page)
    page.goto(live_server.url + "/admin_audit")
    wait_for_app(page)
    heading(page, "บันทึกการใช้งาน").wait_for()
    screenshot(page, "admin-audit")
