"""Sessions revocable on the server: a stolen cookie dies with a password change, open tabs end
at their next click, the server's own issue time counts, and a malformed cookie is no cookie.
Driven as an attacker would (a real server over the websocket protocol, cookies in the request
headers), plus AppTest for logout-everywhere and an admin's reset."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt
import pytest

from benchmarks import st_client
from core import demo, users
from core.security import services as security
from tests import security_server as srv
from tests.conftest import FIXED_NOW, actor_of, click, goto, new_app, sign_in


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    running = srv.start(demo_template, tmp_path_factory.mktemp("sessions"))
    yield running
    running.stop()


def test_a_stolen_cookie_and_an_open_tab_end_when_the_owner_changes_the_password(server):
    async def scenario():
        async with srv.session(server, client="198.51.100.31", page_name="account") as owner:
            page = await srv.sign_in(owner, "staff3", demo.DEMO_PASSWORD)
            assert srv.signed_in(page)
            stolen = srv.cookie_set_by(page)
            assert stolen
            async with srv.session(server, client="203.0.113.50", cookie=stolen) as thief:
                assert srv.signed_in(await thief.run())  # the cookie works, as cookies do
                changed = await owner.run(
                    [
                        st_client.text(page.widget("รหัสผ่านเดิม"), demo.DEMO_PASSWORD),
                        st_client.text(page.widget("รหัสผ่านใหม่"), "a-new-secret-1"),
                        st_client.text(page.widget("ยืนยันรหัสผ่านใหม่"), "a-new-secret-1"),
                        st_client.trigger(page.widget("บันทึก", "button")),
                    ]
                )
                assert any("เปลี่ยนรหัสผ่านแล้ว" in s for s in changed.successes), changed.errors
                after = await thief.run()  # the thief's next click
                assert not srv.signed_in(after)
            async with srv.session(server, client="203.0.113.50", cookie=stolen) as again:
                fresh = await again.run()
                assert not srv.signed_in(fresh)
                assert fresh.exception is None

    srv.run_async(scenario())


def test_a_new_tab_with_the_cookie_opens_signed_in_as_its_user_without_the_sign_in_form(server):
    async def scenario():
        async with srv.session(server, client="198.51.100.32") as first:
            cookie = srv.cookie_set_by(await srv.sign_in(first, "director", demo.DEMO_PASSWORD))
        assert cookie
        async with srv.session(server, client="198.51.100.32", cookie=cookie, page_name="account") as tab:
            opened = await tab.run()
            again = await tab.run()  # the next click: still signed in, from the tab's own session
        return opened, again

    opened, again = srv.run_async(scenario())
    for page in (opened, again):
        assert page.exception is None and not page.errors
        assert srv.signed_in(page)
        assert not [w for w in page.widgets("text_input") if w.label in ("ชื่อผู้ใช้", "รหัสผ่าน")]
    name = next(u[1] for u in demo.USERS if u[0] == "director")
    assert any(name in e.proto.body for e in opened.elements if e.kind == "markdown")
    assert "เข้าสู่ระบบ" not in srv.headings(opened)


def _unsigned(header: dict, claims: dict) -> str:
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(claims)}."


MALFORMED = {
    "garbage": "not-a-token",
    "alg none": _unsigned({"alg": "none", "typ": "JWT"}, {"username": "admin", "exp_date": 4e9}),
    "other key": jwt.encode(
        {"username": "admin", "exp_date": 4e9}, "someone-elses-key-" + "k" * 20, algorithm="HS256"
    ),
    "right key, no session": jwt.encode(
        {"username": "admin", "exp_date": 4e9}, srv.COOKIE_KEY, algorithm="HS256"
    ),
    "right key, invented session": jwt.encode(
        {"username": "admin", "sid": "x" * 43, "exp_date": 4e9}, srv.COOKIE_KEY, algorithm="HS256"
    ),
    "wrong types": jwt.encode(
        {"username": ["admin"], "sid": 7, "exp_date": "soon"}, srv.COOKIE_KEY, algorithm="HS256"
    ),
    "huge": "e" * 3000,
    "percent-encoded bytes": '%E0%B8%97%00%ff"\\x',
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_cookie_is_treated_as_none_and_the_sign_in_form_shows(server, name):
    async def visit():
        async with srv.session(server, cookie=MALFORMED[name]) as tab:
            return await tab.run()

    page = srv.run_async(visit())
    assert page.exception is None
    assert not page.errors, page.errors
    assert not srv.signed_in(page)
    assert [w.label for w in page.widgets("text_input")] == ["ชื่อผู้ใช้", "รหัสผ่าน"]


def test_the_server_records_when_a_session_ends_whatever_the_cookie_claims(db):
    users.create_first_admin(db, FIXED_NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    sid = security.sign_in_succeeded(db, "root", "192.0.2.1", FIXED_NOW, 1)
    forged = jwt.encode({"username": "root", "sid": sid, "exp_date": 9e9}, "k" * 40, algorithm="HS256")
    assert security.decode_cookie(forged, "k" * 40)["sid"] == sid
    with db.read() as cur:
        assert security.session_username(cur, sid, FIXED_NOW + timedelta(hours=23)) == "root"
        assert security.session_username(cur, sid, FIXED_NOW + timedelta(days=1, minutes=1)) is None
        stored = cur.execute("SELECT sid_hash FROM user_sessions").fetchall()
    assert stored and sid not in {row[0] for row in stored}  # only a hash is kept


def test_logout_everywhere_ends_my_other_tabs_at_their_next_click(app_env):
    other = sign_in(new_app(), "itofficer")
    mine = sign_in(new_app(), "itofficer")
    goto(mine, "account")
    click(mine, "ออกจากระบบทุกเครื่อง")
    other.run()
    assert "งานของฉัน" not in [t.value for t in other.title]
    assert any("สิ้นสุด" in e.body for e in other.error)


def test_an_admins_password_reset_ends_the_users_open_session(app_env):
    from ui.context import database

    open_tab = sign_in(new_app(), "teacher")
    assert "งานของฉัน" in [t.value for t in open_tab.title]
    db = database()
    users.reset_password(
        db,
        actor_of(db, "admin"),
        FIXED_NOW + timedelta(days=1),
        actor_of(db, "teacher").user_id,
        "reset-by-admin-1",
    )
    open_tab.run()
    assert "งานของฉัน" not in [t.value for t in open_tab.title]


def test_an_admin_signs_a_user_out_everywhere_from_the_security_screen(app_env):
    from core import audit
    from ui.context import database

    lost_phone = sign_in(new_app(), "director")
    admin = sign_in(new_app(), "admin")
    goto(admin, "admin_security")
    assert not admin.exception
    [who] = [s for s in admin.selectbox if s.label == "ผู้ใช้ที่จะให้ออกจากระบบทุกเครื่อง"]
    who.select("director")
    click(admin, "ให้ออกจากระบบทุกเครื่อง")
    assert not admin.exception
    lost_phone.run()
    assert "งานของฉัน" not in [t.value for t in lost_phone.title]
    with database().read() as cur:
        entries = audit.search(cur, audit.AuditFilter(action="auth.sessions_end"))
    assert list(entries["entity_id"]) == ["director"] and list(entries["actor"]) == ["admin"]
