"""KPI services on a real database: dashboard data from the contract, settings, obstacles,
home reminders and the executive report's PDF and workbook."""

import io
import unicodedata
from datetime import datetime

import pytest

from core import areas, audit
from core.errors import Forbidden, ValidationError
from core.kpi import report, services
from tests.conftest import FIXED_NOW, actor_of


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKD", raw).replace("\u200b", "")


def _n(text: str) -> str:
    return unicodedata.normalize("NFKD", text)


FY, LAST = 2570, 2569  # FIXED_NOW (24 Nov 2026) is in FY 2570; the demo holds FY 2569-2570


def _answers(cur, fy: int, system_ids: list[int] | None = None) -> list[int]:
    """Every raw answer score (1-5; "no opinion" left out) of the fiscal year's surveys."""
    rows = cur.execute(
        "SELECT s.system_id, a.score FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
        " WHERE s.fiscal_year = ? AND a.score > 0",
        [fy],
    ).fetchall()
    return [score for system_id, score in rows if system_ids is None or system_id in system_ids]


def _by_hand_percent(scores: list[int]) -> float:
    return sum(scores) / len(scores) / 5 * 100


def test_the_dashboard_figures_are_those_of_the_raw_demo_rows(demo_db):
    with demo_db.read() as cur:
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(FY))
        assert (
            cur.execute(
                "SELECT count(*) FROM surveys WHERE fiscal_year = ? AND purged_at IS NOT NULL", [FY]
            ).fetchone()[0]
            == 0
        )  # so the raw answers are all there
        scores = _answers(cur, FY)
        respondents = cur.execute(
            "SELECT count(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id"
            " WHERE s.fiscal_year = ?",
            [FY],
        ).fetchone()[0]
        system_id = cur.execute(
            "SELECT s.system_id FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
            " WHERE s.fiscal_year = ? AND s.system_id IS NOT NULL AND a.score > 0"
            " GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1",
            [FY],
        ).fetchone()[0]
        system_scores = _answers(cur, FY, [system_id])
        events = cur.execute(
            "SELECT ticket_id, status_after FROM ticket_events ORDER BY ticket_id, at_time, id"
        ).fetchall()
        ratings = [
            r[0]
            for r in cur.execute("SELECT score FROM ticket_ratings WHERE fiscal_year = ?", [FY]).fetchall()
        ]
        projects = cur.execute("SELECT count(*) FROM projects WHERE fiscal_year = ?", [FY]).fetchone()[0]
    assert scores and ratings and projects  # the demo has data for each figure this year
    assert board.has_data and board.target == 85.0  # the demo's target
    overall = board.overall.set_index("fiscal_year").loc[FY]
    assert overall["percent_satisfaction"] == pytest.approx(_by_hand_percent(scores))
    assert overall["answers"] == len(scores)
    assert overall["respondents"] == respondents
    one = board.by_system.set_index(["fiscal_year", "system_id"]).loc[(FY, system_id)]
    assert one["percent_satisfaction"] == pytest.approx(_by_hand_percent(system_scores))
    status = {}
    for ticket_id, status_after in events:  # the last event gives a ticket's status
        status[ticket_id] = status_after
    still_open = sum(1 for s in status.values() if s in ("new", "analysing", "in_progress", "waiting"))
    assert int(board.backlog["open"].sum()) == still_open
    rating = board.rating.set_index("fiscal_year").loc[FY]
    assert rating["ratings"] == len(ratings)
    assert rating["mean"] == pytest.approx(round(sum(ratings) / len(ratings), 2))
    assert len(board.portfolio) == projects


def test_the_unit_filter_narrows_satisfaction_to_that_units_systems(demo_db):
    with demo_db.read() as cur:
        systems = {s["id"]: s for s in services.repository.systems(cur)}
        answered = {
            r[0]
            for r in cur.execute(
                "SELECT DISTINCT s.system_id FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
                " WHERE s.fiscal_year = ? AND s.system_id IS NOT NULL",
                [FY],
            ).fetchall()
        }
        unit = systems[min(answered)]["owner_unit_code"]
        expected_ids = [i for i, s in systems.items() if s["owner_unit_code"] == unit]
        scores = _answers(cur, FY, expected_ids)
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(FY, unit_code=unit))
    assert board.system_ids == expected_ids
    row = board.overall.set_index("fiscal_year").loc[FY]
    assert row["percent_satisfaction"] == pytest.approx(_by_hand_percent(scores))
    assert "ticket_sla" in board.unfiltered
    assert set(board.portfolio["unit_code"]) <= {unit}


def test_a_fiscal_year_without_data_is_empty_not_an_error(demo_db):
    with demo_db.read() as cur:
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(2561))
    assert not board.has_data
    assert board.overall.empty and board.portfolio.empty


def test_the_it_head_sets_the_target_and_it_is_audited(demo_db):
    head = actor_of(demo_db, "ithead")
    assert services.set_target(demo_db, head, FIXED_NOW, "90") == 90.0
    with demo_db.read() as cur:
        assert services.get_target(cur) == 90.0
        entries = audit.search(
            cur, audit.AuditFilter(action="settings.change", entity_id=services.TARGET_KEY)
        )
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
        assert not [
            i
            for i in areas.my_work(cur, actor_of(demo_db, "executive"), FIXED_NOW, "th")
            if i.page == "report"
        ]
    assert any("2569" in t and "ปัญหาและอุปสรรค" in t for t in titles)
    assert any("2569" in t and "รายงานผลการดำเนินงาน" in t for t in titles)
    services.save_obstacles(demo_db, head, FIXED_NOW, 2569, "งบประมาณจำกัด")
    report.produce(demo_db, head, FIXED_NOW, 2569)
    with demo_db.read() as cur:
        assert not [i for i in areas.my_work(cur, head, FIXED_NOW, "th") if i.page == "report"]


def test_the_report_pdf_has_the_memo_figures_tables_and_obstacles(demo_db):
    head = actor_of(demo_db, "ithead")
    services.save_obstacles(demo_db, head, FIXED_NOW, FY, "เครื่องแม่ข่ายเก่า ควรจัดซื้อทดแทน")
    files = report.produce(demo_db, head, FIXED_NOW, FY)
    with demo_db.read() as cur:
        percent = _by_hand_percent(_answers(cur, FY))
    text = _text(files.pdf)
    for expected in [
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "เรียน",
        "ปลัดเทศบาลเมืองวารินชำราบ",
        "ผ่านผู้อำนวยการกองวิชาการและแผนงาน",
        "นายธนกร บุญมา",
        "สรุปรายงานผลการดำเนินงาน",
        "ปีงบประมาณ 2570",
        "24 พฤศจิกายน 2569",
        f"{percent:.2f}",
        "ร้อยละความพึงพอใจ",
        "เครื่องแม่ข่ายเก่า",
        "ปัญหาและอุปสรรค",
    ]:  # the cover memo prints in the official 16 pt, so its lines may wrap between any two words
        assert "".join(_n(expected).split()) in "".join(text.split()), expected
    assert files.missing == []
    with demo_db.read() as cur:
        assert services.repository.last_report_run(cur, FY)["produced_by"] == "ithead"


def test_a_report_of_a_year_without_data_says_which_parts_are_missing(demo_db):
    files = report.produce(demo_db, actor_of(demo_db, "executive"), FIXED_NOW, 2561)
    assert files.missing == ["proposals", "stages", "tickets", "surveys"]
    text = _text(files.pdf)
    assert _n("ส่วนที่ยังไม่มีข้อมูล") in text
    for label in ["ข้อเสนอโครงการ", "ติดตามขั้นตอนโครงการ", "แจ้งปัญหา/ความต้องการ"]:
        assert _n(label) in text, label


@pytest.mark.parametrize("fy", [FY, 2561])
def test_the_report_pages_preview_shows_what_the_report_will_hold(demo_db, fy):
    with demo_db.read() as cur:
        shown = report.preview(cur, FIXED_NOW, fy)
        content = report.build(cur, FIXED_NOW, fy)
    assert shown.missing == content.missing
    assert shown.missing_labels() == content.missing_labels()
    assert shown.summary.equals(content.summary)
    assert len(shown.summary) == 9


def test_the_workbook_holds_the_same_tables(demo_db):
    from openpyxl import load_workbook

    files = report.produce(demo_db, actor_of(demo_db, "director"), FIXED_NOW, FY)
    book = load_workbook(io.BytesIO(files.xlsx))
    assert "สรุป" in book.sheetnames and "ปัญหาและอุปสรรค" in book.sheetnames
    assert len(book.sheetnames) >= 8
    with demo_db.read() as cur:
        percent = _by_hand_percent(_answers(cur, FY))
    values = [c for row in book["สรุป"].iter_rows(values_only=True) for c in row]
    assert any(
        isinstance(v, str) and f"{percent:.2f}" in v or v == pytest.approx(percent, abs=0.005)
        for v in values
        if v is not None
    )


def test_trace_links_a_system_to_its_tickets_surveys_and_proposal(demo_db):
    from core.kpi import trace
    from core.stages import services as stage_services

    head = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        proposal_id, title = cur.execute("SELECT id, title FROM proposals ORDER BY id LIMIT 1").fetchone()
        tickets = [
            r[0]
            for r in cur.execute(
                "SELECT code FROM tickets WHERE system_id = 1 ORDER BY reported_at DESC, id DESC"
            ).fetchall()
        ]
        surveys = sorted(r[0] for r in cur.execute("SELECT code FROM surveys WHERE system_id = 1").fetchall())

    def link(cur):
        project_id = stage_services.open_project(
            cur,
            actor=head,
            now=FIXED_NOW,
            name="ระบบรับคำร้อง",
            proposal_id=proposal_id,
            unit_code="OFFICE",
            responsible_user_id=None,
        )
        cur.execute("UPDATE projects SET system_id = 1 WHERE id = ?", [project_id])
        cur.execute("UPDATE systems SET project_id = NULL WHERE id = 1")
        cur.execute("UPDATE projects SET system_id = NULL WHERE system_id = 1 AND id <> ?", [project_id])
        return project_id

    project_id = demo_db.write(link)
    with demo_db.read() as cur:
        found = trace.trace_system(cur, 1)
    assert tickets and surveys  # the demo's first system has both
    assert found.project["id"] == project_id
    assert found.proposal["title"] == title
    assert list(found.tickets["code"]) == tickets
    assert sorted(found.surveys["code"]) == surveys
