"""The plan register page, the plan citation on a proposal, the trace page and the dashboard tile,
per role, driven with AppTest on the demo data."""

from __future__ import annotations

import pytest

from pages.plan_page import TAB_KEY
from tests.conftest import click, goto, open_tab


def _texts(at) -> str:
    """Every text shown, as read (Markdown escapes of user values taken out)."""
    parts = [t.value for t in at.title] + [c.value for c in at.caption] + [x.value for x in at.text]
    parts += [m.value for m in at.markdown] + [e.body for e in at.error] + [e.body for e in at.success]
    parts += [w.body for w in at.warning] + [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(parts).replace("\\", "").replace("\u2060", "")


def _editions(at) -> list[str]:
    """The plan's editions as the page lists them, a line each: the label before its details."""
    (listed,) = [x.value for x in at.text if "โครงการ" in x.value]
    return [line.split(" · ")[0] for line in listed.splitlines()]


@pytest.mark.parametrize("username", ["ithead", "director", "executive"])
def test_the_plan_page_lists_the_editions_and_lines_for_management(signed_in, username):
    at = goto(signed_in(username), "plan")
    assert not at.exception
    assert "แผนพัฒนาท้องถิ่น" in [t.value for t in at.title]
    editions = _editions(at)
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)" in editions
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) เพิ่มเติม ฉบับที่ 1" in editions
    editing = username != "executive"
    assert bool(at.tabs) == editing


@pytest.mark.parametrize("username", ["staff", "teacher", "admin"])
def test_staff_cannot_open_the_plan_page(signed_in, username):
    with pytest.raises(ValueError):
        goto(signed_in(username), "plan")


def test_a_new_addition_is_numbered_after_the_last_one(signed_in):
    at = goto(signed_in("director"), "plan")
    at = open_tab(at, TAB_KEY, "เพิ่มแผน / เพิ่มเติม / เปลี่ยนแปลง")
    at.radio[0].set_value("addition")
    at.number_input[0].set_value(2566)
    click(at, "บันทึก")
    assert not at.exception
    assert "บันทึกแล้ว" in _texts(at)
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) เพิ่มเติม ฉบับที่ 2" in _editions(at)


def test_the_it_head_cites_a_plan_line_on_a_proposal_and_a_line_cited_twice_is_refused(signed_in, app_env):
    from core.db import Database

    database = Database(app_env)
    with database.read() as cur:
        free = cur.execute(
            "SELECT id FROM proposals WHERE status <> 'rejected' AND id NOT IN"
            " (SELECT proposal_id FROM plan_citations) LIMIT 1"
        ).fetchone()
        cited = cur.execute(
            "SELECT c.line_id, p.code FROM plan_citations c JOIN proposals p ON p.id = c.proposal_id"
            " WHERE c.status = 'cited' LIMIT 1"
        ).fetchone()
    database.close()
    at = signed_in("ithead")
    at.query_params["proposal"] = str(free[0])
    at = goto(at, "proposals")
    assert not at.exception
    assert "ยังไม่ได้ระบุโครงการในแผนพัฒนาท้องถิ่น" in _texts(at)
    pick = next(s for s in at.selectbox if s.label == "โครงการในแผน")
    pick.set_value(cited[0])
    click(at, "อ้างอิงโครงการในแผน")
    assert f"ถูกอ้างอิงโดยข้อเสนอ {cited[1]} แล้ว" in _texts(at)


def test_the_trace_page_shows_the_plan_line_a_proposal_cites(signed_in, app_env):
    from core.db import Database

    database = Database(app_env)
    with database.read() as cur:
        system_id, line_no = cur.execute(
            "SELECT s.id, l.line_no FROM systems s JOIN projects j ON j.id = s.project_id"
            " JOIN proposals p ON p.project_id = j.id JOIN plan_citations c ON c.proposal_id = p.id"
            " JOIN plan_lines l ON l.id = c.line_id LIMIT 1"
        ).fetchone()
    database.close()
    at = signed_in("executive")
    at.query_params["system"] = str(system_id)
    at = goto(at, "trace")
    assert not at.exception
    assert f"อ้างอิงแผน: โครงการลำดับที่ {line_no} " in _texts(at)


def test_the_dashboard_shows_the_share_of_projects_from_the_plan(signed_in):
    at = goto(signed_in("executive"), "dashboard")
    assert not at.exception
    metric = next(m for m in at.metric if m.label == "โครงการที่ดำเนินการตามแผนพัฒนาท้องถิ่น")
    assert metric.value.endswith("%") and "โครงการ" in metric.delta
