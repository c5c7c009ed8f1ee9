"""The ITA evidence page, the LPA check and the public publications page, per role, with AppTest
on the demo data (pinned clock: 24 Nov 2569, so the FY 2570 6-month round has not ended)."""

from __future__ import annotations

import pytest

from core.i18n import t
from pages.assessments_page import TAB_KEY
from tests.conftest import ROOT, click, goto, open_tab


def _texts(at) -> str:
    parts = [t.value for t in at.title] + [c.value for c in at.caption] + [x.value for x in at.text]
    parts += [e.body for e in at.error] + [e.body for e in at.success] + [e.body for e in at.info]
    parts += [s.value for s in at.subheader] + [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(parts)


def _public_app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(ROOT / "pages" / "publications.py"), default_timeout=60)


def test_an_anonymous_visitor_sees_fy_2569_with_both_rounds_and_the_replaced_version(app_env):
    at = _public_app().run()
    assert not at.exception
    text = _texts(at)
    assert "การเปิดเผยข้อมูลสาธารณะ" in text
    assert "รอบ 12 เดือน (ทั้งปีงบประมาณ)" in text and "รอบ 6 เดือน (1 ต.ค. - 31 มี.ค.)" in text
    assert "O17 รายงานผลการสำรวจความพึงพอใจการให้บริการ" in text
    assert "ถูกแทนที่ด้วยฉบับที่ 2 เมื่อ 22 ต.ค. 2569" in text
    assert "ฉบับที่ 1 · เผยแพร่ 15 ต.ค. 2569" in text
    assert any(b.proto.label.startswith("ดาวน์โหลด O16") for b in at.get("download_button"))
    # FY 2570 has nothing: its 6-month round has not ended on the pinned day
    assert [o for o in at.selectbox(key="publications_fy").options if "2570" in o] == []


@pytest.mark.parametrize("username", ["ithead", "itofficer", "director", "executive"])
def test_the_evidence_page_opens_for_it_and_management(signed_in, username):
    at = goto(signed_in(username), "assessments")
    assert not at.exception
    assert "หลักฐานการประเมิน ITA" in [t.value for t in at.title]
    labels = [tab.label for tab in at.tabs]
    assert ("รหัสตัวชี้วัดของปี" in labels) == (username in ("ithead", "itofficer"))
    assert len(at.get("download_button")) >= 5


@pytest.mark.parametrize("username", ["staff", "teacher", "admin"])
def test_staff_and_admin_cannot_open_the_evidence_or_lpa_pages(signed_in, username):
    at = signed_in(username)
    for key in ("assessments", "lpa"):
        with pytest.raises(ValueError):
            goto(at, key)


def test_publishing_the_unfinished_6_month_round_of_fy_2570_is_refused(signed_in):
    at = goto(signed_in("ithead"), "assessments")
    at.selectbox(key="assess_fy").set_value(2570)
    at.radio(key="assess_round").set_value("6m").run()
    assert "รอบนี้ยังไม่สิ้นสุด" in _texts(at)
    at = open_tab(at, TAB_KEY, t("assess.tab.publish", "th"))
    click(at, "เผยแพร่")
    assert not at.exception
    assert "ยังเผยแพร่ไม่ได้: รอบ 6 เดือน (1 ต.ค. - 31 มี.ค.) ของปีงบประมาณ 2570 ยังไม่สิ้นสุด" in _texts(at)


def test_the_it_head_republishes_and_withdraws_with_a_reason(signed_in):
    at = open_tab(goto(signed_in("ithead"), "assessments"), TAB_KEY, t("assess.tab.publish", "th"))
    click(at, "เผยแพร่")
    assert not at.exception and "เผยแพร่แล้ว" in _texts(at)
    click(at, "ถอนการเผยแพร่")
    assert "กรุณาระบุเหตุผลที่ถอนการเผยแพร่" in _texts(at)
    reason = next(t for t in at.text_input if t.label == "เหตุผล")
    reason.input("เอกสารผิดฉบับ")
    click(at, "ถอนการเผยแพร่")
    assert "ถอนการเผยแพร่แล้ว" in _texts(at)


def test_the_director_sees_publications_but_cannot_publish(signed_in):
    at = open_tab(goto(signed_in("director"), "assessments"), TAB_KEY, t("assess.tab.publish", "th"))
    assert not [b for b in at.button if b.label == "เผยแพร่"]
    assert any("O17" in d.value.to_string() for d in at.dataframe)


@pytest.mark.parametrize("username", ["executive", "director", "ithead", "itofficer"])
def test_the_lpa_check_shows_each_element_with_its_evidence(signed_in, username):
    at = goto(signed_in(username), "lpa")
    assert not at.exception
    text = _texts(at)
    assert "ผ่าน 6 จาก 6 องค์ประกอบ" in text
    assert "ผลความพึงพอใจไม่น้อยกว่าร้อยละ 70: ผ่าน" in text
    assert "ปลัดเทศบาล" in text and "/ 70" in text and "O17" in text
    assert bool([e for e in at.expander if e.label == "บันทึกหลักฐาน"]) == (username in ("ithead", "itofficer"))


def test_the_lpa_check_of_a_year_without_evidence_says_not_met(signed_in):
    at = goto(signed_in("executive"), "lpa")
    at.selectbox(key="lpa_fy").set_value(2567).run()
    assert not at.exception
    assert "ผ่าน 0 จาก 6 องค์ประกอบ" in _texts(at)
    assert "ไม่มีหลักฐาน" in _texts(at)


def test_an_it_officer_records_the_date_results_were_presented_and_the_check_counts_it(signed_in):
    at = goto(signed_in("itofficer"), "lpa")
    at.selectbox(key="lpa_fy").set_value(2570).run()
    assert "ประมวลผลและเสนอผลต่อผู้บริหาร: ยังไม่ผ่าน" in "\n".join(e.body for e in at.error)
    next(t for t in at.text_input if t.label == "รายละเอียด").input("เสนอผลรอบเดือนตุลาคมต่อปลัดเทศบาล")
    click(at, "บันทึก")
    assert not at.exception
    assert "บันทึกแล้ว" in _texts(at)
    assert "ประมวลผลและเสนอผลต่อผู้บริหาร: ผ่าน" in "\n".join(e.body for e in at.success)
    assert "24 พ.ย. 2569 เสนอผลรอบเดือนตุลาคมต่อปลัดเทศบาล" in _texts(at)


def test_a_bad_e_service_link_is_refused_and_a_good_one_saved(signed_in):
    at = goto(signed_in("itofficer"), "assessments")
    assert not [t for t in at.text_input if t.label == "ลิงก์"]  # only the open tab is drawn
    at = open_tab(at, TAB_KEY, t("assess.tab.links", "th"))
    link = next(t for t in at.text_input if t.label == "ลิงก์")
    link.input("javascript:alert(1)")
    click(at, "บันทึกลิงก์")
    assert "ลิงก์ต้องขึ้นต้นด้วย https://" in _texts(at)
    link = next(t for t in at.text_input if t.label == "ลิงก์")
    link.input("https://example.go.th/service")
    click(at, "บันทึกลิงก์")
    assert "บันทึกลิงก์แล้ว" in _texts(at)
    assert any("https://example.go.th/service" in d.value.to_string() for d in at.dataframe)
