"""The tickets page driven with AppTest: queues with their clocks, reporting, working a ticket."""

import pytest

from tests.conftest import FIXED_NOW, cell_labels, click, file_ticket, goto, open_tab


@pytest.fixture(autouse=True)
def demo_time(monkeypatch):
    """The pages read the time the demo data was made for, so the clocks shown are known."""
    monkeypatch.setattr("core.clock.now", lambda: FIXED_NOW)


def _open(at, code):
    at.selectbox(key="tickets_pick").set_value(code).run()
    return at


def test_the_it_officer_sees_the_queues_sorted_with_breached_tickets_first(signed_in):
    at = goto(signed_in("itofficer"), "tickets")
    assert not at.exception
    assert "แจ้งปัญหา/ความต้องการ" in [t.value for t in at.title]
    assert len(at.dataframe) == 1  # only the open tab, "my tickets", is drawn
    open_tab(at, "tickets_tab", "เรื่องทั้งหมดของทีม")
    team = at.dataframe[0].value
    flags = cell_labels(team["สถานะเวลา"])
    assert flags[0] == "เกินเวลา"
    assert "ใกล้ครบกำหนด" in flags and "หยุดนับเวลา" in flags
    assert flags.index("ใกล้ครบกำหนด") < flags.index("ปกติ")
    assert "พิมพ์ใบเสร็จไม่ได้" in list(team["เรื่อง"])


def test_a_ticket_filed_while_the_queue_is_open_shows_at_its_next_refresh(signed_in):
    from core.i18n import t

    unassigned = t("tickets.queue.unassigned", "th")
    at = open_tab(goto(signed_in("itofficer"), "tickets"), "tickets_tab", unassigned)
    before = list(at.dataframe[0].value["เรื่อง"])
    file_ticket("สแกนเนอร์ชั้นสามไม่ทำงาน", "เปิดเครื่องแล้วไฟไม่ติด")
    after = list(at.run().dataframe[0].value["เรื่อง"])
    assert "สแกนเนอร์ชั้นสามไม่ทำงาน" not in before
    assert after.count("สแกนเนอร์ชั้นสามไม่ทำงาน") == 1 and len(after) == len(before) + 1


def test_staff_see_only_their_own_tickets_and_the_report_form(signed_in):
    at = goto(signed_in("staff"), "tickets")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["เรื่องที่ฉันแจ้ง", "แจ้งปัญหา/ความต้องการใหม่"]
    mine = at.dataframe[0].value
    assert len(mine) >= 3
    assert set(mine["เรื่อง"]) >= {"QR code ชำระเงินไม่แสดง", "ขอให้ส่งออกข้อมูลเป็น Excel"}


def _code_of(title):
    from ui.context import database

    with database().read() as cur:
        return cur.execute(
            "SELECT code FROM tickets WHERE title = ? ORDER BY reported_at DESC LIMIT 1", [title]
        ).fetchone()[0]


def test_the_ticket_page_shows_the_clocks_and_timeline_and_takes_a_step(signed_in):
    at = goto(signed_in("itofficer"), "tickets")
    code = _code_of("พิมพ์ใบเสร็จไม่ได้")
    _open(at, code)
    assert not at.exception
    texts = [t.value for t in at.text]
    assert "พิมพ์ใบเสร็จไม่ได้" in texts
    timeline = at.dataframe[-1].value
    assert list(timeline["เหตุการณ์"])[:3] == ["แจ้งเรื่อง", "มอบหมายผู้รับผิดชอบ", "เริ่มวิเคราะห์"]
    click(at, "วิเคราะห์เสร็จ เริ่มแก้ไข")
    assert not at.exception
    assert any("กำลังแก้ไข/พัฒนา" in s.value for s in at.success)
    assert list(at.dataframe[-1].value["เหตุการณ์"])[-1] == "วิเคราะห์เสร็จ เริ่มแก้ไข"


def test_staff_can_open_only_the_tickets_they_reported(signed_in):
    at = goto(signed_in("staff"), "tickets")
    options = at.selectbox(key="tickets_pick").options
    assert options and all(o.startswith("TK") for o in options)
    from ui.context import database

    with database().read() as cur:
        mine = {
            r[0]
            for r in cur.execute(
                "SELECT t.code FROM tickets t JOIN users u ON u.id = t.reporter_id WHERE u.username = 'staff'"
            ).fetchall()
        }
    assert {o.split(" ")[0] for o in options} <= mine


def test_staff_report_a_ticket_and_a_missing_description_is_refused(signed_in):
    at = goto(signed_in("staff"), "tickets")
    open_tab(at, "tickets_tab", "แจ้งปัญหา/ความต้องการใหม่")  # the report form is drawn once opened
    from ui.context import database

    with database().read() as cur:
        etax = cur.execute("SELECT id FROM systems WHERE code = 'ETAX'").fetchone()[0]
    [system] = [s for s in at.selectbox if s.label == "ระบบที่เกี่ยวข้อง"]
    system.set_value(etax)
    [title] = [t for t in at.text_input if t.label == "เรื่อง"]
    title.input("ระบบค้าง")
    click(at, "ส่งเรื่อง")
    assert any("รายละเอียด" in e.value for e in at.error)
    at.text_area[0].input("เปิดหน้ารายงานแล้วค้าง")
    click(at, "ส่งเรื่อง")
    assert not at.exception
    assert any("รับเรื่อง TK2570-" in s.value for s in at.success)


def _ticket_count():
    from ui.context import database

    with database().read() as cur:
        return cur.execute("SELECT count(*) FROM tickets").fetchone()[0]


def test_the_report_form_is_empty_after_a_ticket_is_filed_and_a_second_click_files_nothing(signed_in):
    at = goto(signed_in("staff"), "tickets")
    open_tab(at, "tickets_tab", "แจ้งปัญหา/ความต้องการใหม่")  # the report form is drawn once opened
    from ui.context import database

    with database().read() as cur:
        etax = cur.execute("SELECT id FROM systems WHERE code = 'ETAX'").fetchone()[0]
    at.selectbox(key="ticket_new_system_0").set_value(etax)
    at.text_input(key="ticket_new_title_0").input("")
    at.text_area(key="ticket_new_description_0").input("เปิดหน้ารายงานแล้วค้าง")
    click(at, "ส่งเรื่อง")
    # no title: refused with a Thai message, and what was typed stays
    assert [e.value for e in at.error] == ["กรุณากรอกเรื่องที่แจ้ง (สรุปปัญหาหรือความต้องการสั้น ๆ)"]
    assert at.text_area(key="ticket_new_description_0").value == "เปิดหน้ารายงานแล้วค้าง"
    before = _ticket_count()
    at.text_input(key="ticket_new_title_0").input("รายงานค้าง")
    click(at, "ส่งเรื่อง")
    assert not at.exception
    assert any("รับเรื่อง TK2570-" in s.value for s in at.success)
    assert _ticket_count() == before + 1
    # a fresh form: every field empty (the screenshots uploader is keyed the same way)
    assert at.selectbox(key="ticket_new_system_1").value is None
    assert at.text_input(key="ticket_new_title_1").value == ""
    assert at.text_area(key="ticket_new_description_1").value == ""
    assert not [w for w in at.text_input if w.key == "ticket_new_title_0"]
    click(at, "ส่งเรื่อง")
    assert _ticket_count() == before + 1
    assert at.error
