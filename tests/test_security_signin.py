"""Sign-in throttling instead of lockout: the attacks of the probe, at the level an attacker
reaches (a real server over the websocket protocol, each client behind the trusted proxy), the
throttle rules, the admin screen that lifts a throttle, and the CLI that recovers an admin."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import audit, demo, users
from core.security import services as security
from core.security import throttle
from tests import security_server as srv
from tests.conftest import FIXED_NOW, click, goto

STRANGER = "203.0.113.66"


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    running = srv.start(demo_template, tmp_path_factory.mktemp("signin"))
    yield running
    running.stop()


def _attempt(server, username, password, client):
    """One sign-in as a new tab; a submit the server did not take as one (its first runs can
    renumber the form) is sent again, so every attempt counts."""

    async def go():
        async with srv.session(server, client=client) as tab:
            return await srv.sign_in(tab, username, password)

    for _ in range(3):
        page = srv.run_async(go())
        if srv.signed_in(page) or page.errors:
            return page
    return page


def test_a_strangers_wrong_passwords_do_not_keep_the_executive_out(server):
    for _ in range(8):
        page = _attempt(server, "executive", "guess-" + "x" * 4, STRANGER)
        assert not srv.signed_in(page)
    page = _attempt(server, "executive", demo.DEMO_PASSWORD, "198.51.100.20")
    assert page.exception is None
    assert srv.signed_in(page), page.errors


def test_the_guessing_client_must_wait_and_its_right_password_is_not_even_checked(server):
    for _ in range(throttle.PAIR_FREE + 3):  # the next try then waits 16 s
        _attempt(server, "director", "wrong-password", "203.0.113.77")
    page = _attempt(server, "director", demo.DEMO_PASSWORD, "203.0.113.77")
    assert not srv.signed_in(page)
    assert any("กรุณารอ" in e for e in page.errors), page.errors


def test_one_client_spraying_many_user_names_is_slowed_down_as_a_whole(server):
    sprayer = "203.0.113.88"
    for number in range(throttle.CLIENT_FREE):
        _attempt(server, f"nobody{number}", "wrong-password", sprayer)
    page = _attempt(server, "teacher", demo.DEMO_PASSWORD, sprayer)
    assert not srv.signed_in(page)
    assert any("กรุณารอ" in e for e in page.errors), page.errors


def test_delays_grow_and_stay_capped_and_the_per_name_slowdown_is_mild():
    pair = [throttle.delay_seconds("pair", n) for n in range(1, 30)]
    assert pair[: throttle.PAIR_FREE - 1] == [0] * (throttle.PAIR_FREE - 1)
    assert pair == sorted(pair) and pair[-1] == throttle.PAIR_MAX_SECONDS
    assert max(throttle.delay_seconds("client", n) for n in range(200)) == throttle.CLIENT_MAX_SECONDS
    assert max(throttle.delay_seconds("user", n) for n in range(10_000)) <= 30


def test_failures_from_many_clients_slow_the_real_user_by_half_a_minute_at_most(db):
    for number in range(300):
        security.sign_in_failed(db, "root", f"198.51.100.{number % 250}", FIXED_NOW)
    with db.read() as cur:
        assert security.sign_in_wait(cur, "root", "192.0.2.1", FIXED_NOW) <= throttle.USER_MAX_SECONDS
        assert (
            security.sign_in_wait(
                cur, "root", "192.0.2.1", FIXED_NOW + timedelta(seconds=throttle.USER_MAX_SECONDS)
            )
            == 0
        )


def test_a_success_clears_the_pair_and_old_failures_are_forgotten(db):
    users.create_first_admin(db, FIXED_NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    for _ in range(throttle.PAIR_FREE + 2):
        security.sign_in_failed(db, "root", "192.0.2.5", FIXED_NOW)
    later = FIXED_NOW + timedelta(hours=2)
    security.sign_in_failed(db, "root", "192.0.2.5", later)
    with db.read() as cur:
        assert security.sign_in_wait(cur, "root", "192.0.2.5", later) == 0  # count started afresh
    security.sign_in_succeeded(db, "root", "192.0.2.5", later, 1)
    with db.read() as cur:
        rows = security.throttles(cur)
    assert set(rows["scope"]) == {"client"}


def test_the_admin_sees_a_throttle_and_lifts_it_audited(signed_in):
    from ui.context import database

    db = database()
    for _ in range(throttle.PAIR_FREE):
        security.sign_in_failed(db, "staff2", "203.0.113.99", FIXED_NOW)
    at = signed_in("admin")
    goto(at, "admin_security")
    assert not at.exception
    shown = at.dataframe[0].value
    assert "staff2|203.0.113.99" in set(shown.iloc[:, 1])
    pair = next(o for o in at.selectbox[0].options if "staff2|203.0.113.99" in o)
    at.selectbox[0].select(pair)
    click(at, "ยกเลิกการชะลอ")
    assert not at.exception
    with db.read() as cur:
        keys = set(security.throttles(cur)["key"])
        entries = audit.search(cur, audit.AuditFilter(action="auth.throttle_clear"))
    assert "staff2|203.0.113.99" not in keys
    assert list(entries["actor"]) == ["admin"]


def test_the_cli_recovers_a_disabled_admin_who_forgot_the_password(tmp_path, monkeypatch):
    from core import bootstrap, cli

    path = tmp_path / "prod.duckdb"
    db = bootstrap.open_database(path, demo=False)
    users.create_first_admin(db, FIXED_NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    with db.read() as cur:
        root = users.find_user(cur, "root")
    db.write(lambda cur: cur.execute("UPDATE users SET active = FALSE WHERE id = ?", [root.id]))
    for _ in range(20):
        security.sign_in_failed(db, "root", "192.0.2.7", FIXED_NOW)
    db.close()
    monkeypatch.setenv("PATTANA_ADMIN_PASSWORD", "brand-new-pass")
    assert cli.main(["recover-admin", "--db", str(path), "--username", "root"]) == 0
    db = bootstrap.open_database(path, demo=False)
    with db.read() as cur:
        stored = cur.execute("SELECT password_hash FROM users WHERE username = 'root'").fetchone()[0]
        recovered = users.find_user(cur, "root")
        assert security.sign_in_wait(cur, "root", "192.0.2.8", FIXED_NOW) == 0  # its own throttles lifted
        actions = list(audit.search(cur, audit.AuditFilter(action="user.recover_admin"))["actor"])
    assert users.password_matches("brand-new-pass", stored)
    assert recovered.active and "admin" in recovered.roles
    assert actions == ["cli"]
    db.close()


def test_when_no_client_address_is_known_nobody_can_be_kept_out_longer_than_half_a_minute(db):
    from core.security.clientkey import LOCAL

    users.create_first_admin(db, FIXED_NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    for _ in range(200):
        security.sign_in_failed(db, "root", LOCAL, FIXED_NOW)
    with db.read() as cur:
        assert 0 < security.sign_in_wait(cur, "root", LOCAL, FIXED_NOW) <= throttle.USER_MAX_SECONDS
        assert security.sign_in_wait(cur, "root", LOCAL, FIXED_NOW + timedelta(seconds=31)) == 0
