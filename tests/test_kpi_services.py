"""KPI services on a real database: dashboard data from the contract, settings, obstacles,
home reminders and the executive report's PDF and workbook."""

import io
import unicodedata
from datetime import datetime

import pytest

from core import areas, audit
from core.errors import Forbidden, ValidationError
from core.kpi import report, services, sources
from tests import kpi_fakes as fx
from tests.conftest import FIXED_NOW, actor_of


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKD", raw).replace("\u200b", "")


def _n(text: str) -> str:
    return unicodedata.normalize("NFKD", text)


def test_missing_areas_give_no_figures_and_are_named(demo_db, monkeypatch):
    fx.remove(monkeypatch)
    assert sources.missing_areas() == ["proposals", "stages", "tickets", "surveys"]
    with demo_db.read() as cur:
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(fx.FY))
    assert board.all_missing and not board.has_data
    assert board.overall is None and board.sla is None and board.portfolio is None
    assert board.standards is None


def test_each_figure_appears_as_soon_as_its_area_exists(demo_db, monkeypatch):
    fx.remove(monkeypatch)
    fx.install(monkeypatch, ["tickets"])
    with demo_db.read() as cur:
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(fx.FY))
    assert board.missing == ["proposals", "stages", "surveys"]
    assert board.sla is not None and board.overall is None
    assert board.has_data


def test_the_dashboard_reads_every_contract_figure(demo_db, monkeypatch):
    fx.install(monkeypatch)
    with demo_db.read() as cur:
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(fx.FY))
    assert board.missing == [] and board.has_data
    assert board.target == 85.0  # the demo's target
    assert board.overall.set_index("fiscal_year").loc[fx.FY, "percent_satisfaction"] == 75.0
    assert len(board.portfolio) == 5


def test_the_unit_filter_narrows_satisfaction_to_that_units_systems(demo_db, monkeypatch):
    fx.install(monkeypatch)
    with demo_db.read() as cur:
        systems = {s["id"]: s for s in services.repository.systems(cur)}
        unit = systems[2]["owner_unit_code"]
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(fx.FY, unit_code=unit))
    expected_ids = [i for i, s in systems.items() if s["owner_unit_code"] == unit]
    assert board.system_ids == expected_ids
    row = board.overall.set_index("fiscal_year").loc[fx.FY]
    if 1 in expected_ids:   # both systems of the fixture belong to the unit
        assert row["percent_satisfaction"] == pytest.approx(75.0)
    else:                   # system 2 alone: 3.5 / 5 = 70 %
        assert row["percent_satisfaction"] == pytest.approx(70.0)
    assert "ticket_sla" in board.unfiltered
    assert set(board.portfolio["unit_code"]) <= {unit}


def test_a_fiscal_year_without_data_is_empty_not_an_error(demo_db, monkeypatch):
    fx.install(monkeypatch)
    with demo_db.read() as cur:
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(2561))
    assert not board.has_data


def test_the_it_head_sets_the_target_and_it_is_audited(demo_db):
    head = actor_of(demo_db, "ithead")
    assert services.set_target(demo_db, head, FIXED_NOW, "90") == 90.0
    with demo_db.read() as cur:
        assert services.get_target(cur) == 90.0
        entries = audit.search(cur, audit.AuditFilter(action="settings.change", entity_id=services.TARGET_KEY))
    assert '"new": 90.0' in entries["detail_json"].iloc[0]


@pytest.mark.parametrize("value", [101, -1, "ร้อย"])
def test_a_target_outside_0_100_is_refused_and_nothing_changes(demo_db, value):
    with pytest.raises(ValidationError):
        services.set_target(demo_db, actor_of(demo_db, "ithead"), FIXED_NOW, value)
    with demo_db.read() as cur:
        assert services.get_target(cur) == 85.0


@pytest.mark.parametrize("username", ["executive", "director", "itofficer"])
def test_only_the_it_head_may_set_the_target_or_the_obstacles(demo_db, username):
    who = actor_of(demo_db, username)
    with pytest.raises(Forbidden):
        services.set_target(demo_db, who, FIXED_NOW, 80)
    with pytest.raises(Forbidden):
        services.save_obstacles(demo_db, who, FIXED_NOW, 2569, "ปัญหา")


def test_the_newest_obstacles_entry_is_in_force_and_each_is_audited(demo_db):
    head = actor_of(demo_db, "ithead")
    services.save_obstacles(demo_db, head, FIXED_NOW, 2569, "  ข้อแรก  ")
    services.save_obstacles(demo_db, head, datetime(2026, 11, 25, 9), 2569, "ข้อสอง")
    with demo_db.read() as cur:
        assert services.repository.latest_obstacles(cur, 2569)["text"] == "ข้อสอง"
        assert len(audit.search(cur, audit.AuditFilter(action="report.obstacles.edit"))) == 2
    with pytest.raises(ValidationError):
        services.save_obstacles(demo_db, head, FIXED_NOW, 2569, "   ")


def test_the_it_head_is_reminded_of_last_years_report_and_obstacles_until_done(demo_db):
    head = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        titles = [i.title for i in areas.my_work(cur, head, FIXED_NOW, "th") if i.page == "report"]
        assert not [i for i in areas.my_work(cur, actor_of(demo_db, "executive"), FIXED_NOW, "th")
                    if i.page == "report"]
    assert any("2569" in t and "ปัญหาและอุปสรรค" in t for t in titles)
    assert any("2569" in t and "รายงานผลการดำเนินงาน" in t for t in titles)
    services.save_obstacles(demo_db, head, FIXED_NOW, 2569, "งบประมาณจำกัด")
    report.produce(demo_db, head, FIXED_NOW, 2569)
    with demo_db.read() as cur:
        assert not [i for i in areas.my_work(cur, head, FIXED_NOW, "th") if i.page == "report"]


def test_the_report_pdf_has_the_memo_figures_tables_and_obstacles(demo_db, monkeypatch):
    fx.install(monkeypatch)
    head = actor_of(demo_db, "ithead")
    services.save_obstacles(demo_db, head, FIXED_NOW, fx.FY, "เครื่องแม่ข่ายเก่า ควรจัดซื้อทดแทน")
    files = report.produce(demo_db, head, FIXED_NOW, fx.FY)
    text = _text(files.pdf)
    for expected in ["บันทึกข้อความ", "ส่วนราชการ", "เรียน", "ปลัดเทศบาลเมืองวารินชำราบ",
                     "ผ่านผู้อำนวยการกองวิชาการและแผนงาน", "นายธนกร บุญมา",
                     "สรุปรายงานผลการดำเนินงาน", "ปีงบประมาณ 2570", "24 พฤศจิกายน 2569",
                     "75.00", "ร้อยละความพึงพอใจ", "เครื่องแม่ข่ายเก่า", "ปัญหาและอุปสรรค",
                     "กระบวนการ/ขั้นตอน"]:
        assert _n(expected) in text, expected
    assert files.missing == []
    with demo_db.read() as cur:
        assert services.repository.last_report_run(cur, fx.FY)["produced_by"] == "ithead"


def test_a_report_with_missing_areas_says_which_parts_are_missing(demo_db, monkeypatch):
    fx.remove(monkeypatch)
    fx.install(monkeypatch, ["surveys"])
    files = report.produce(demo_db, actor_of(demo_db, "executive"), FIXED_NOW, fx.FY)
    assert files.missing == ["proposals", "stages", "tickets"]
    text = _text(files.pdf)
    assert _n("ส่วนที่ยังไม่มีข้อมูล") in text
    for label in ["ข้อเสนอโครงการ", "ติดตามขั้นตอนโครงการ", "แจ้งปัญหา/ความต้องการ"]:
        assert _n(label) in text, label


def test_the_workbook_holds_the_same_tables(demo_db, monkeypatch):
    from openpyxl import load_workbook

    fx.install(monkeypatch)
    files = report.produce(demo_db, actor_of(demo_db, "director"), FIXED_NOW, fx.FY)
    book = load_workbook(io.BytesIO(files.xlsx))
    assert "สรุป" in book.sheetnames and "ปัญหาและอุปสรรค" in book.sheetnames
    assert len(book.sheetnames) >= 8
    values = [c for row in book["ความพึงพอใจรายระบบ"].iter_rows(values_only=True) for c in row]
    assert 90.0 in values and 70.0 in values


def test_trace_links_a_system_to_its_tickets_surveys_and_proposal(demo_db, monkeypatch):
    from core.kpi import trace
    from core.stages import services as stage_services

    fx.install(monkeypatch)
    head = actor_of(demo_db, "ithead")

    def link(cur):
        project_id = stage_services.open_project(cur, actor=head, now=FIXED_NOW, name="ระบบรับคำร้อง",
                                                 proposal_id=3, unit_code="OFFICE", responsible_user_id=None)
        cur.execute("UPDATE projects SET system_id = 1 WHERE id = ?", [project_id])
        return project_id

    project_id = demo_db.write(link)
    with demo_db.read() as cur:
        found = trace.trace_system(cur, 1)
    assert found.project["id"] == project_id
    assert found.proposal["title"] == "ข้อเสนอโครงการระบบรับคำร้อง"
    assert list(found.tickets["code"]) == ["TK2570-0001"]
    assert list(found.surveys["code"]) == ["SV2570-01"]
