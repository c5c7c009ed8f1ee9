"""The dashboard, report, trace and KPI settings pages per role, driven with AppTest."""

import pytest

from tests import kpi_fakes as fx
from tests.conftest import click, goto


def _texts(at) -> str:
    parts = [m.label + " " + str(m.value) for m in at.metric]
    parts += [e.body for e in at.info] + [e.body for e in at.warning] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [s.value for s in at.subheader] + [m.value for m in at.markdown]
    return "\n".join(parts)


def test_without_any_area_the_executive_sees_not_available_tiles(signed_in, monkeypatch):
    fx.remove(monkeypatch)
    at = goto(signed_in("executive"), "dashboard")
    assert not at.exception
    assert "แดชบอร์ดตัวชี้วัด" in [t.value for t in at.title]
    assert len(at.metric) == 7 and all(m.value == "—" for m in at.metric)
    text = _texts(at)
    assert "ยังไม่มีข้อมูลส่วนนี้" in text and "แบบสำรวจความพึงพอใจ" in text
    assert "ไม่มีข้อมูลของปีงบประมาณ 2570" in text


def test_the_executive_sees_this_years_figures_against_target_and_last_year(signed_in, monkeypatch):
    fx.install(monkeypatch)
    at = goto(signed_in("executive"), "dashboard")
    assert not at.exception
    metrics = {m.label: m for m in at.metric}
    satisfaction = metrics["ร้อยละความพึงพอใจ 2570"]
    assert satisfaction.value == "75.00%"
    assert "-5.00" in satisfaction.delta
    target = metrics["เทียบเป้าหมาย (ร้อยละ 85.00)"]
    assert target.value == "ต่ำกว่า" and "-10.00" in target.delta
    assert metrics["ดำเนินการทันมาตรฐานเวลา (ขั้นตอน 15-16)"].value == "75.00%"
    assert metrics["เรื่องค้าง / เกินกำหนด"].value == "8"
    assert metrics["โครงการที่ล่าช้า"].value == "2"
    assert metrics["ประมวลผลแบบสำรวจทันใน 2 วัน"].value == "50.00%"
    assert metrics["ข้อเสนอโครงการทันมาตรฐานเวลา"].value == "70.00%"
    assert len(at.get("vega_lite_chart")) >= 6
    # read-only: no input of any kind beyond the three filters
    assert len(at.selectbox) == 3
    assert not at.number_input and not at.text_area and not at.text_input


def test_choosing_an_empty_fiscal_year_shows_the_empty_state(signed_in, monkeypatch):
    fx.install(monkeypatch)
    at = goto(signed_in("director"), "dashboard")
    years = at.selectbox(key="kpi_fy").options
    oldest = int(years[-1].split()[-1])
    assert oldest < fx.LAST  # the fixture has data for 2569-2570 only
    at.selectbox(key="kpi_fy").set_value(oldest).run()
    assert not at.exception
    assert any("ไม่มีข้อมูลของ" in i.body for i in at.info)
    assert not at.get("vega_lite_chart")


def test_the_executive_cannot_edit_the_report_or_open_settings(signed_in, monkeypatch):
    fx.install(monkeypatch)
    at = goto(signed_in("executive"), "report")
    assert not at.exception
    assert not at.text_area and not at.number_input
    with pytest.raises(ValueError):
        goto(at, "settings")


def test_the_it_head_sets_the_target_in_settings_and_a_bad_one_is_refused(signed_in, monkeypatch):
    fx.install(monkeypatch)
    at = goto(signed_in("ithead"), "settings")
    box = at.number_input(key="kpi_target_value")
    box.set_value(120.0)
    click(at, "บันทึก", index=[b.label for b in at.button].count("บันทึก") - 1)
    assert any("0 ถึง 100" in e.body for e in at.error)
    at.number_input(key="kpi_target_value").set_value(90.0)
    click(at, "บันทึก", index=[b.label for b in at.button].count("บันทึก") - 1)
    assert any("บันทึกเป้าหมายแล้ว" in s.body for s in at.success)
    goto(at, "dashboard")
    assert "เทียบเป้าหมาย (ร้อยละ 90.00)" in [m.label for m in at.metric]


def test_the_it_head_enters_obstacles_and_produces_the_report(signed_in, monkeypatch):
    fx.install(monkeypatch)
    at = goto(signed_in("ithead"), "report")
    assert not at.exception
    at.text_area[0].input("ผู้ใช้บางกองยังไม่คุ้นเคยกับระบบ")
    click(at, "บันทึก")
    assert any("บันทึกปัญหาและอุปสรรคแล้ว" in s.body for s in at.success)
    click(at, "จัดทำรายงาน (PDF และ Excel)")
    assert not at.exception
    assert any("จัดทำรายงานแล้ว" in s.body for s in at.success)


def test_a_report_with_missing_areas_says_so_on_screen(signed_in, monkeypatch):
    fx.remove(monkeypatch)
    at = goto(signed_in("director"), "report")
    assert not at.exception
    assert any("ยังขาดข้อมูลส่วน" in w.body and "ติดตามขั้นตอนโครงการ" in w.body for w in at.warning)


def test_the_trace_page_follows_a_system_back_to_its_records(signed_in, monkeypatch):
    fx.install(monkeypatch)
    at = goto(signed_in("itofficer"), "trace")
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "ปัญหา/ความต้องการที่แจ้ง" in subheaders and "แบบสำรวจความพึงพอใจ" in subheaders
    assert len(at.dataframe) >= 2


def test_the_trace_page_without_areas_says_what_is_not_available(signed_in, monkeypatch):
    fx.remove(monkeypatch)
    at = goto(signed_in("executive"), "trace")
    assert not at.exception
    assert sum("ยังไม่มีข้อมูลส่วนนี้" in c.value for c in at.caption) == 2
