"""The B.E. date input on real pages (AppTest): a review deadline that must be a working day
(its default rolled off the weekend, a holiday refused by name, nothing created until fixed),
the LPA evidence date picked in B.E. and 31 February refused, English months with C.E. years,
and a refusal that does not follow the user to another page."""

from __future__ import annotations

from datetime import date

import pytest

from core import bootstrap, clock
from core.reviews import repository
from core.stages import services as stage_services
from pages.plan_page import TAB_KEY as PLAN_TAB_KEY
from tests.conftest import FIXED_NOW, actor_of, click, goto, open_tab
from tests.date_fields import date_field, set_date, shown_date

DUE = "ตรวจให้เสร็จภายในวันที่"


@pytest.fixture
def gate_without_round(app_env):
    """A project at gate 7 (prototype review) with no round yet."""
    db = bootstrap.open_database(app_env, demo=False)
    officer = actor_of(db, "itofficer")
    project_id = db.write(
        lambda cur: stage_services.open_project(
            cur,
            actor=officer,
            now=clock.now(),
            name="ระบบจองห้องประชุม",
            proposal_id=None,
            unit_code="OFFICE",
            responsible_user_id=officer.user_id,
        )
    )
    reviewer = actor_of(db, "staff").user_id
    db.close()
    return {"project_id": project_id, "reviewer": reviewer}


def open_new_round(at, gate):
    at.query_params["project"] = str(gate["project_id"])
    at.query_params["gate"] = "7"
    return goto(at, "reviews")


def rounds(gate):
    from ui.context import database

    with database().read() as cur:
        return repository.rounds_of(cur, gate["project_id"], 7)


def test_the_review_deadline_defaults_to_the_next_working_day_not_a_sunday(signed_in, gate_without_round):
    at = open_new_round(signed_in("itofficer"), gate_without_round)
    assert not at.exception
    # today + 5 days is Sunday 29 พ.ย. 2569: the form offers Monday 30 พ.ย. 2569
    assert shown_date(at, DUE) == "30 พฤศจิกายน 2569"
    day, month, year = date_field(at, DUE)
    assert "กุมภาพันธ์" in month.options and "2569" in year.options and "2026" not in year.options


def test_a_holiday_deadline_is_refused_by_name_and_no_round_is_opened_until_a_working_day_is_picked(
    signed_in, gate_without_round
):
    at = open_new_round(signed_in("itofficer"), gate_without_round)
    next(m for m in at.multiselect if m.label.startswith("ผู้ตรวจ")).set_value([gate_without_round["reviewer"]])
    next(a for a in at.text_area if a.label.startswith("ลิงก์ระบบจำลอง")).input(
        "ต้นแบบ | https://proto.example/room"
    )
    set_date(at, DUE, date(2026, 12, 10))  # วันรัฐธรรมนูญ
    click(at, "เปิดรอบการตรวจ")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "10 ธ.ค. 2569 เป็นวันหยุดราชการ (วันรัฐธรรมนูญ)" in errors
    assert "วันทำการถัดไปคือ 11 ธ.ค. 2569" in errors
    assert "ยังไม่ได้บันทึก: ตรวจให้เสร็จภายในวันที่" in errors
    assert rounds(gate_without_round) == []

    set_date(at, DUE, date(2026, 12, 11))
    click(at, "เปิดรอบการตรวจ")
    assert not at.exception and not at.error
    [opened] = rounds(gate_without_round)
    assert opened["due_at"].date() == date(2026, 12, 11)


def test_the_lpa_date_is_picked_in_b_e_and_a_day_november_lacks_or_a_future_day_is_refused(signed_in):
    at = goto(signed_in("itofficer"), "lpa")
    at.selectbox(key="lpa_fy").set_value(2570).run()
    assert shown_date(at, "วันที่") == "24 พฤศจิกายน 2569"
    year = date_field(at, "วันที่")[2]
    assert year.options[-1] == "2569"  # the evidence of a day to come cannot be recorded: no later year
    next(t for t in at.text_input if t.label == "รายละเอียด").input("เสนอผลต่อปลัดเทศบาล")
    set_date(at, "วันที่", 31, 11, 2026)
    click(at, "บันทึก")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "ไม่มีวันที่ 31 พฤศจิกายน 2569 ในปฏิทิน (พฤศจิกายน 2569 มี 30 วัน)" in errors
    assert "ยังไม่ได้บันทึก: วันที่" in errors
    assert "บันทึกแล้ว" not in [s.value for s in at.success]

    set_date(at, "วันที่", date(2026, 11, 30))
    click(at, "บันทึก")
    assert "วันที่ต้องไม่เกิน 24 พ.ย. 2569" in " ".join(e.value for e in at.error)
    assert "บันทึกแล้ว" not in [s.value for s in at.success]

    set_date(at, "วันที่", date(2026, 10, 31))
    click(at, "บันทึก")
    assert not at.exception
    assert "บันทึกแล้ว" in [s.value for s in at.success]
    assert "31 ต.ค. 2569 เสนอผลต่อปลัดเทศบาล" in " ".join(
        x.value for x in [*at.text, *at.markdown, *at.caption]
    )


def test_a_refused_date_does_not_hold_back_a_save_on_another_page(signed_in):
    at = goto(signed_in("ithead"), "lpa")
    set_date(at, "วันที่", 31, 4, 2026)
    click(at, "บันทึก")
    assert any("ไม่มีวันที่ 31 เมษายน 2569" in e.value for e in at.error)
    at = goto(at, "plan")
    at = open_tab(at, PLAN_TAB_KEY, "เพิ่มแผน / เพิ่มเติม / เปลี่ยนแปลง")
    assert shown_date(at, "วันที่ประกาศใช้") == "วัน เดือน ปี พ.ศ."  # optional and empty
    next(n for n in at.number_input if n.label == "ปีแรกของแผน (พ.ศ.)").set_value(2575)  # a new base plan
    set_date(at, "วันที่ประกาศใช้", date(2026, 9, 15))
    click(at, "บันทึก")
    assert not at.exception
    assert not [e.value for e in at.error]
    assert any("บันทึกแล้ว" in s.value for s in at.success)
    assert [e["approved_on"] for e in plan_editions() if e["first_year"] == 2575] == [date(2026, 9, 15)]


def plan_editions():
    from core.plan import queries
    from ui.context import database

    with database().read() as cur:
        return queries.editions(cur)


def test_english_shows_english_months_and_c_e_years(signed_in):
    at = signed_in("itofficer")
    at.session_state["pattana_lang"] = "en"
    at = goto(at, "lpa")
    assert not at.exception
    day, month, year = (
        next(s for s in at.selectbox if s.label == f"Date ({part})") for part in ("day", "month", "year")
    )
    assert month.options[10] == "November" and "2026" in year.options and "2569" not in year.options
    assert " ".join(s.options[s.index] for s in (day, month, year)) == f"{FIXED_NOW.day} November 2026"
