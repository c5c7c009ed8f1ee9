"""Public survey protection behind a reverse proxy: the client key, the rate limit that a
rotating X-Forwarded-For no longer escapes (a real server over the websocket protocol), the
daily cap per survey, and nothing shown of a survey that is not public and open."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta

import duckdb
import pytest

from benchmarks import st_client
from benchmarks.load_survey import Server
from core import bootstrap
from core.actor import Actor
from core.errors import DomainError
from core.security.clientkey import LOCAL, client_key, parse_networks
from core.surveys import ratelimit, rules, services
from core.surveys import repository as repo
from tests import security_server as srv
from tests.conftest import FIXED_NOW, actor_of, goto, new_app
from ui.components import md

IT_HEAD = Actor(user_id=0, username="test", full_name="test", roles=frozenset({"it_head"}))


# -- the proxy-aware client key ---------------------------------------------------------------------
def test_a_direct_client_is_its_own_address_whatever_headers_it_writes():
    assert client_key("203.0.113.9", {"X-Forwarded-For": "1.1.1.1"}, ()) == "203.0.113.9"
    assert (
        client_key("203.0.113.9", {"X-Forwarded-For": "1.1.1.1"}, parse_networks("10.0.0.0/8"))
        == "203.0.113.9"
    )


def test_a_local_connection_without_configured_proxies_is_one_limited_client():
    assert client_key(None, {}, ()) == LOCAL
    # Streamlit's server already replaced the address of a local connection by the header's last entry
    assert client_key("5.6.7.8", {"X-Forwarded-For": "1.2.3.4, 5.6.7.8"}, ()) == LOCAL
    assert client_key("9.9.9.9", {"x-forwarded-for": "9.9.9.9"}, ()) == LOCAL


def test_behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client():
    local_proxy = parse_networks("127.0.0.1")
    assert client_key(None, {"X-Forwarded-For": "6.6.6.6, 203.0.113.5"}, local_proxy) == "203.0.113.5"
    chain = parse_networks("127.0.0.1, 10.0.0.0/8")
    assert (
        client_key("10.0.0.1", {"X-Forwarded-For": "6.6.6.6, 203.0.113.5, 10.0.0.2"}, chain) == "203.0.113.5"
    )
    assert client_key(None, {}, local_proxy) == LOCAL
    assert client_key(None, {"X-Forwarded-For": "[2001:db8::1]:443"}, local_proxy) == "2001:db8::1"
    assert client_key(None, {"X-Forwarded-For": "not-an-address"}, local_proxy).startswith("bad:")


def test_an_unknown_client_is_rate_limited_too():
    limiter = ratelimit.RateLimiter(2, 60)
    assert [limiter.allow(None, 0.0) for _ in range(3)] == [True, True, False]


# -- the attack of the probe: rotate X-Forwarded-For, send many answers ----------------------------------
def _open_public_code(cur) -> str:
    return cur.execute(
        "SELECT code FROM surveys WHERE audience = 'citizens' AND opens_on <= ? AND closes_on >= ?"
        " ORDER BY id LIMIT 1",
        [FIXED_NOW.date(), FIXED_NOW.date()],
    ).fetchone()[0]


@pytest.fixture(scope="module")
def untrusting_server(demo_template, tmp_path_factory):
    """A server with no proxy configured (the forwarded header is a client's own words), the
    minimum fill time off and 5 answers a minute per client."""
    folder = tmp_path_factory.mktemp("public")
    path = folder / "server.duckdb"
    shutil.copy(demo_template, path)
    db = bootstrap.open_database(path, demo=False)
    services.set_public_protection(db, IT_HEAD, FIXED_NOW, min_fill=0, per_minute=5)
    with db.read() as cur:
        code = _open_public_code(cur)
    db.close()
    server = Server(srv.PattanaAdapter({"PATTANA_TRUSTED_PROXIES": ""}), path)
    yield server, path, code
    server.stop()


async def _submit(server, code: str, forwarded: str, marker: str) -> st_client.Page:
    async with srv.session(
        server, client=forwarded, page_name="survey_public", query_string=f"code={code}"
    ) as tab:
        page = await srv.load(tab)
        states = [st_client.text(radio, "5 มากที่สุด") for radio in page.widgets("radio")]
        states.append(st_client.text(page.widget("ข้อเสนอแนะ"), marker))
        states.append(st_client.trigger(page.widget("ส่งแบบสอบถาม")))
        return await tab.run(states)


def test_a_script_rotating_x_forwarded_for_is_limited_like_one_client(untrusting_server):
    server, path, code = untrusting_server

    async def flood():
        return [await _submit(server, code, f"198.51.100.{n}", f"flood-{n}") for n in range(8)]

    pages = srv.run_async(flood())
    thanked = [p for p in pages if any("ขอบคุณ" in s for s in p.successes)]
    limited = [p for p in pages if any("ถี่เกินไป" in e for e in p.errors)]
    assert len(thanked) == 5 and len(limited) == 3
    server.stop()
    connection = duckdb.connect(str(path), read_only=True)
    try:
        stored = connection.execute(
            "SELECT count(*) FROM survey_responses WHERE suggestion LIKE 'flood-%'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert stored == 5


# -- the daily cap per survey ----------------------------------------------------------------------------
def test_a_survey_takes_at_most_its_daily_cap_of_public_answers(demo_db):
    services.set_public_protection(demo_db, IT_HEAD, FIXED_NOW, min_fill=0, per_minute=10, per_day=3)
    with demo_db.read() as cur:
        code = _open_public_code(cur)
        survey = repo.get_survey_by_code(cur, code)
        items = repo.sections_and_items(cur, survey["id"])
        already = cur.execute(
            "SELECT count(*) FROM survey_responses WHERE survey_id = ? AND channel = 'public'"
            " AND submitted_at >= ?",
            [survey["id"], date(2026, 11, 24)],
        ).fetchone()[0]
    answers = {item["id"]: 4 for item in items}
    stored = 0
    with pytest.raises(DomainError) as refused:
        for number in range(10):
            services.submit_public(
                demo_db,
                FIXED_NOW,
                code=code,
                submission_id=f"cap-test-{number:06d}",
                scores=answers,
                shown_at=FIXED_NOW - timedelta(minutes=1),
            )
            stored += 1
    assert refused.value.code == "surveys.daily_cap"
    assert stored == max(0, 3 - already)
    next_day = FIXED_NOW + timedelta(days=1)
    if rules.status(survey["opens_on"], survey["closes_on"], next_day.date()) == "open":
        assert services.submit_public(
            demo_db,
            next_day,
            code=code,
            submission_id="cap-test-next-day",
            scores=answers,
            shown_at=next_day - timedelta(minutes=1),
        ).stored


# -- nothing of a survey that is not public and open --------------------------------------------------
def _public(code: str):
    at = new_app()
    at.query_params["code"] = code
    at.run()
    return goto(at, "survey_public")


def _shown(at) -> list[str]:
    return [
        str(e.value if hasattr(e, "value") else e.body)
        for kind in ("title", "markdown", "error", "warning", "info", "caption")
        for e in at.get(kind)
    ]


@pytest.mark.parametrize("which", ["internal", "closed", "future"])
def test_an_anonymous_visitor_sees_nothing_of_a_survey_not_public_and_open(app_env, demo_db_path, which):
    db = bootstrap.open_database(demo_db_path, demo=False)
    today = FIXED_NOW.date()
    dates = {
        "internal": (today, today + timedelta(days=10)),
        "closed": (today - timedelta(days=40), today - timedelta(days=10)),
        "future": (today + timedelta(days=10), today + timedelta(days=40)),
    }[which]
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems ORDER BY id LIMIT 1").fetchone()[0]
    survey_id = services.create_survey(
        db,
        actor_of(db, "ithead"),
        FIXED_NOW,
        title="ลับเฉพาะบุคลากร ห้ามเผยแพร่",
        system_id=system_id,
        fiscal_year=2570,
        audience="staff" if which == "internal" else "citizens",
        opens_on=dates[0],
        closes_on=dates[1],
        sections=[("ด้านหนึ่ง", ["ข้อหนึ่ง"])],
    )
    with db.read() as cur:
        code = repo.get_survey(cur, survey_id)["code"]
    db.close()
    at = _public(code)
    unknown = _public("NO-SUCH-CODE-1")
    assert not at.exception
    assert not any("ลับเฉพาะ" in text for text in _shown(at))
    assert [r.label for r in at.radio] == []
    same = [e.body.replace(md(code), "X") for e in at.error]
    assert same and same == [e.body.replace(md("NO-SUCH-CODE-1"), "X") for e in unknown.error]


def test_codes_of_internal_surveys_are_random_not_counted(db):
    from core import users

    users.create_first_admin(db, FIXED_NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    codes = [rules.make_code("ETAX", None, 2570, n, "staff") for n in (1, 2, 3)]
    assert len(set(codes)) == 3
    assert all(re.fullmatch(r"ETAX-2570-[A-Z2-9]{10}", c) for c in codes)
    assert rules.make_code("ETAX", None, 2570, 2) == "ETAX-2570-2"  # public posters stay readable


def test_a_survey_closed_while_its_form_is_on_screen_refuses_the_answers_and_stores_none(app_env):
    from core.i18n import t
    from ui.context import database

    db = database()
    with db.read() as cur:
        code = _open_public_code(cur)
        survey = repo.get_survey_by_code(cur, code)
        before = repo.response_count(cur, survey["id"])
    at = _public(code)  # the form as read now (the page keeps it for a few seconds)
    services.update_survey(
        db,
        actor_of(db, "ithead"),
        FIXED_NOW,
        survey["id"],
        title=survey["title"],
        opens_on=FIXED_NOW.date() - timedelta(days=30),
        closes_on=FIXED_NOW.date() - timedelta(days=1),
        target_count=survey["target_count"],
        population=survey["population"],
        require_token=survey["require_token"],
        counter_name=survey["counter_name"] or "",
    )
    for radio in at.radio:
        if "_q" in (radio.key or ""):
            radio.set_value(5)
    next(b for b in at.button if b.label == "ส่งแบบสอบถาม").click().run()
    assert not at.exception
    assert [e.body for e in at.error] == [t("surveys.closed", "th")]
    assert not any("ขอบคุณ" in s.body for s in at.success)
    with db.read() as cur:
        assert repo.response_count(cur, survey["id"]) == before
