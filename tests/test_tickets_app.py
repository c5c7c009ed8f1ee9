"""The tickets page driven with AppTest: queues with their clocks, reporting, working a ticket."""

from core.tickets import repository
from tests.conftest import click, goto


def _open(at, code):
    at.selectbox(key="tickets_pick").set_value(code).run()
    return at


def test_the_it_officer_sees_the_queues_sorted_with_breached_tickets_first(signed_in):
    at = goto(signed_in("itofficer"), "tickets")
    assert not at.exception
    assert "แจ้งปัญหา/ความต้องการ" in [t.value for t in at.title]
    team = at.dataframe[2].value
    flags = list(team["สถานะเวลา"])
    assert flags[0] == "🔴 เกินเวลา"
    assert "🟠 ใกล้ครบกำหนด" in flags and "⏸️ หยุดนับเวลา" in flags
    assert flags.index("🟠 ใกล้ครบกำหนด") < flags.index("🟢 ปกติ")
    assert "พิมพ์ใบเสร็จไม่ได้" in list(team["เรื่อง"])


def test_staff_see_only_their_own_tickets_and_the_report_form(signed_in):
    at = goto(signed_in("staff"), "tickets")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["เรื่องที่ฉันแจ้ง", "แจ้งปัญหา/ความต้องการใหม่"]
    mine = at.dataframe[0].value
    assert len(mine) >= 3
    assert set(mine["เรื่อง"]) >= {"QR code ชำระเงินไม่แสดง", "ขอให้ส่งออกข้อมูลเป็น Excel"}
