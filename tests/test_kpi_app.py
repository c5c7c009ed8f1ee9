"""The dashboard, report, trace and KPI settings pages per role, driven with AppTest."""

import pytest
from streamlit.proto.Metric_pb2 import Metric

from core import bootstrap
from core.i18n import t
from pages.dashboard_page import LIST_KEY
from tests.conftest import click, file_ticket, goto, open_tab


def _texts(at) -> str:
    parts = [m.label + " " + str(m.value) for m in at.metric]
    parts += [e.body for e in at.info] + [e.body for e in at.warning] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [s.value for s in at.subheader] + [m.value for m in at.markdown]
    return "\n".join(parts)


FY, LAST = 2570, 2569  # FIXED_NOW is in FY 2570; the demo holds FY 2569-2570


def _by_hand(path) -> dict:
    """This year's satisfaction and the open tickets, computed from the demo's raw rows."""
    database = bootstrap.open_database(path, demo=False)
    try:
        with database.read() as cur:
            scores = [
                r[0]
                for r in cur.execute(
                    "SELECT a.score FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
                    " WHERE s.fiscal_year = ? AND a.score > 0",
                    [FY],
                ).fetchall()
            ]
            last = {}
            for ticket_id, status in cur.execute(
                "SELECT ticket_id, status_after FROM ticket_events ORDER BY ticket_id, at_time, id"
            ).fetchall():
                last[ticket_id] = status
    finally:
        database.close()
    return {
        "satisfaction": sum(scores) / len(scores) / 5 * 100,
        "open": sum(1 for s in last.values() if s in ("new", "analysing", "in_progress", "waiting")),
    }


def test_a_tile_that_describes_its_figure_draws_no_arrow_and_a_change_on_last_year_keeps_it(signed_in):
    at = goto(signed_in("executive"), "dashboard")
    assert not at.exception
    arrows = {m.label: m.proto.direction for m in at.metric}
    described = (
        "kpi.tile.backlog",
        "kpi.tile.projects",
        "kpi.tile.processing",
        "kpi.tile.proposals",
        "plan.share",
    )
    for key in described:
        assert arrows[t(key, "th")] == Metric.MetricDirection.NONE, key
    # the demo holds last year too: satisfaction against it is a change, drawn with its arrow
    assert arrows[t("kpi.tile.satisfaction", "th", fy=FY)] != Metric.MetricDirection.NONE


def test_the_executive_sees_this_years_figures_against_target(signed_in, app_env):
    expected = _by_hand(app_env)
    at = goto(signed_in("executive"), "dashboard")
    assert not at.exception
    assert "แดชบอร์ดตัวชี้วัด" in [t.value for t in at.title]
    metrics = {m.label: m for m in at.metric}
    assert metrics[f"ร้อยละความพึงพอใจ {FY}"].value == f"{expected['satisfaction']:.2f}%"
    target = metrics["เทียบเป้าหมาย (ร้อยละ 85.00)"]
    assert target.value == ("ผ่าน" if expected["satisfaction"] >= 85 else "ต่ำกว่า")
    assert f"{expected['satisfaction'] - 85:+.2f}" in target.delta
    assert metrics["เรื่องค้าง / เกินกำหนด"].value == f"{expected['open']:,}"
    assert len(at.metric) == 8  # seven tiles and the share of projects from the local development plan
    assert len(at.get("vega_lite_chart")) == 3  # the open section's charts only: satisfaction
    drawn = 3
    for section in ("kpi.section.service", "kpi.section.projects", "kpi.section.standards"):
        open_tab(at, "kpi_section", t(section, "th"))
        assert not at.exception
        drawn += len(at.get("vega_lite_chart"))
    assert drawn >= 6
    # read-only: no input of any kind beyond the three filters
    assert len(at.selectbox) == 3
    assert not at.number_input and not at.text_area and not at.text_input


def test_a_tiles_list_is_drawn_only_once_the_tile_is_picked_under_show_the_list(signed_in, app_env):
    expected = _by_hand(app_env)
    at = goto(signed_in("executive"), "dashboard")
    open_label, type_label = t("kpi.col.open", "th"), t("kpi.col.type", "th")
    (choices,) = [g for g in at.get("button_group") if g.proto.label == t("kpi.show_list", "th")]
    assert len(choices.proto.options) == 6
    assert not at.dataframe  # no list is built until one is picked
    at.session_state[LIST_KEY] = "backlog"  # as a click on "เรื่องค้าง" under "ดูรายการเบื้องหลังตัวเลข"
    at.run()
    assert not at.exception
    backlog = next(
        d.value for d in at.dataframe if open_label in d.value.columns and type_label in d.value.columns
    )
    assert int(backlog[open_label].astype(int).sum()) == expected["open"]


def test_choosing_an_empty_fiscal_year_shows_the_empty_state(signed_in):
    at = goto(signed_in("director"), "dashboard")
    years = at.selectbox(key="kpi_fy").options
    oldest = int(years[-1].split()[-1])
    assert oldest < LAST  # the demo has data for 2569-2570 only
    at.selectbox(key="kpi_fy").set_value(oldest).run()
    assert not at.exception
    assert any("ไม่มีข้อมูลของ" in i.body for i in at.info)
    assert not at.get("vega_lite_chart")


def test_the_executive_cannot_edit_the_report_or_open_settings(signed_in):
    at = goto(signed_in("executive"), "report")
    assert not at.exception
    assert not at.text_area and not at.number_input
    with pytest.raises(ValueError):
        goto(at, "settings")


def _save_target(at):
    """Press the save button of the KPI target's form (every settings section has a "บันทึก")."""
    next(b for b in at.button if b.label == "บันทึก" and b.form_id == "kpi_target").click().run()


def test_the_it_head_sets_the_target_in_settings_and_a_bad_one_is_refused(signed_in):
    at = goto(signed_in("ithead"), "dashboard")  # the dashboard's view of the old target is kept
    assert "เทียบเป้าหมาย (ร้อยละ 85.00)" in [m.label for m in at.metric]
    at = goto(at, "settings")
    open_tab(at, "settings_section", t("kpi.settings.title", "th"))
    box = at.number_input(key="kpi_target_value")
    box.set_value(120.0)
    _save_target(at)
    assert any("0 ถึง 100" in e.body for e in at.error)
    at.number_input(key="kpi_target_value").set_value(90.0)
    _save_target(at)
    assert any("บันทึกเป้าหมายแล้ว" in s.body for s in at.success)
    goto(at, "dashboard")
    assert "เทียบเป้าหมาย (ร้อยละ 90.00)" in [m.label for m in at.metric]


def test_the_it_head_enters_obstacles_and_produces_the_report(signed_in):
    at = goto(signed_in("ithead"), "report")
    assert not at.exception
    at.text_area[0].input("ผู้ใช้บางกองยังไม่คุ้นเคยกับระบบ")
    click(at, "บันทึก")
    assert any("บันทึกปัญหาและอุปสรรคแล้ว" in s.body for s in at.success)
    click(at, "จัดทำรายงาน (PDF และ Excel)")
    assert not at.exception
    assert any("จัดทำรายงานแล้ว" in s.body for s in at.success)


def test_a_report_of_a_year_without_data_says_so_on_screen(signed_in):
    at = goto(signed_in("director"), "report")
    oldest = at.selectbox(key="report_fy").options[-1]
    at.selectbox(key="report_fy").set_value(int(oldest.split()[-1])).run()
    assert not at.exception
    assert any("ยังขาดข้อมูลส่วน" in w.body and "ติดตามขั้นตอนโครงการ" in w.body for w in at.warning)


def test_the_trace_page_follows_a_system_back_to_its_records(signed_in):
    at = goto(signed_in("itofficer"), "trace")
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "ปัญหา/ความต้องการที่แจ้ง" in subheaders and "แบบสำรวจความพึงพอใจ" in subheaders
    assert len(at.dataframe) >= 2


def test_the_trace_page_shows_a_ticket_filed_after_it_was_first_opened(signed_in):
    at = signed_in("itofficer")
    at = goto(at, "trace")
    system_id = at.selectbox(key="trace_system").value
    reported = t("kpi.col.reported_at", "th")

    def tickets_table(page):
        return next(d.value for d in page.dataframe if reported in d.value.columns)

    before = tickets_table(at)
    assert "ระบบช้ามากหลังเที่ยง" not in before.to_string()
    file_ticket("ระบบช้ามากหลังเที่ยง", "ช้าทุกวัน", system_id=system_id)
    at = goto(signed_in("ithead"), "trace")  # another person, another session
    assert not at.exception
    assert at.selectbox(key="trace_system").value == system_id
    after = tickets_table(at)
    assert len(after) == len(before) + 1
    assert "ระบบช้ามากหลังเที่ยง" in after.to_string()


def test_the_trace_page_shows_the_proposal_a_system_came_from_as_text(signed_in):
    from core import org
    from core.kpi import trace
    from ui.context import database

    with database().read() as cur:
        found = [trace.trace_system(cur, s["id"]) for s in org.list_systems(cur)]
    system_id, proposal = next((f.system["id"], f.proposal) for f in found if f.proposal)
    at = signed_in("itofficer")
    at.query_params["system"] = str(system_id)
    at = goto(at, "trace")
    assert not at.exception
    shown = "\n".join(x.value for x in at.text)
    assert f"{proposal['code']} · {proposal['title']}" in shown
    assert t(f"proposals.status.{proposal['status']}", "th") in shown
