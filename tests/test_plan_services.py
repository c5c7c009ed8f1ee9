"""The local development plan register on a real temporary database: editions and their numbered
additions/changes, the all-or-nothing Excel import, proposals citing a line, the dashboard share."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from core import audit
from core.actor import Actor
from core.errors import DomainError, Forbidden, ValidationError
from core.plan import queries, rules, services
from core.plan import repository as repo
from tests.conftest import FIXED_NOW, actor_of

NOW = FIXED_NOW
IT_HEAD = Actor(user_id=1, username="ithead", full_name="หัวหน้า", roles=frozenset({"it_head"}))
STAFF = Actor(user_id=2, username="staff", full_name="พนักงาน", roles=frozenset({"division_staff"}))


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["ยุทธศาสตร์", "แผนงาน", "ลำดับ", "โครงการ", "หน่วยงานรับผิดชอบ", "2568", "2569", "2570"]


def test_a_plan_covers_five_years_and_additions_are_numbered_per_kind(db):
    base = services.add_edition(db, IT_HEAD, NOW, kind="base", first_year=2566)
    first = services.add_edition(db, IT_HEAD, NOW, kind="addition", first_year=2566)
    second = services.add_edition(db, IT_HEAD, NOW, kind="addition", first_year=2566)
    change = services.add_edition(db, IT_HEAD, NOW, kind="change", first_year=2566)
    with db.read() as cur:
        labels = {e["id"]: e["label"] for e in queries.editions(cur)}
    assert labels[base] == "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)"
    assert labels[first].endswith("เพิ่มเติม ฉบับที่ 1")
    assert labels[second].endswith("เพิ่มเติม ฉบับที่ 2")
    assert labels[change].endswith("เปลี่ยนแปลง ฉบับที่ 1")
    with pytest.raises(DomainError) as again:
        services.add_edition(db, IT_HEAD, NOW, kind="base", first_year=2566)
    assert "มีแผนพัฒนาท้องถิ่น พ.ศ. 2566-2570 อยู่แล้ว" in again.value.message("th")
    with pytest.raises(DomainError) as orphan:
        services.add_edition(db, IT_HEAD, NOW, kind="addition", first_year=2571)
    assert "ยังไม่มีแผนพัฒนาท้องถิ่น พ.ศ. 2571-2575" in orphan.value.message("th")
    with pytest.raises(ValidationError):
        rules.check_years(2566, 2569)
    with pytest.raises(Forbidden):
        services.add_edition(db, STAFF, NOW, kind="base", first_year=2571)


def test_the_excel_import_takes_every_row_or_none_and_names_each_bad_row(db):
    edition = services.add_edition(db, IT_HEAD, NOW, kind="base", first_year=2566)
    bad = _xlsx(
        [
            HEADER,
            ["ที่ 1 บริหารจัดการ", "บริหารงานทั่วไป", "1", "ระบบสารบรรณ", "กองคลัง", "100,000", "-", ""],
            ["ที่ 1 บริหารจัดการ", "บริหารงานทั่วไป", "1", "ระบบซ้ำ", "FINANCE", "", "", ""],
            ["ที่ 2 คุณภาพชีวิต", "", "3", "ระบบสาธารณสุข", "กองไม่มีจริง", "สองแสน", "", ""],
        ]
    )
    with pytest.raises(services.PlanImportRejected) as refused:
        services.import_lines(db, IT_HEAD, NOW, edition, bad, "plan.xlsx")
    lines = refused.value.lines("th")
    assert (3, "ลำดับที่ 1 ซ้ำกับแถวที่ 2") in lines
    assert (4, "ไม่ได้กรอก แผนงาน") in lines
    assert (4, 'ไม่รู้จักหน่วยงาน "กองไม่มีจริง"') in lines
    assert (4, 'งบประมาณปี 2568 "สองแสน" ไม่ใช่จำนวนเงิน') in lines
    assert "พบปัญหา 4 รายการ" in refused.value.message("th")
    with db.read() as cur:
        assert repo.line_numbers(cur, edition) == set()  # nothing half-written
    good = _xlsx(
        [
            HEADER,
            ["ที่ 1 บริหารจัดการ", "บริหารงานทั่วไป", "1", "ระบบสารบรรณ", "กองคลัง", "100,000", "-", ""],
            ["ที่ 2 คุณภาพชีวิต", "สาธารณสุข", "2", "ระบบสาธารณสุข", "HEALTH", "", "250000", "250000"],
        ]
    )
    ids = services.import_lines(db, IT_HEAD, NOW, edition, good, "plan.xlsx")
    with db.read() as cur:
        frame = queries.register(cur, edition)
        budgets = cur.execute(
            "SELECT year, amount FROM plan_line_budgets WHERE line_id = ? ORDER BY year", [ids[1]]
        ).fetchall()
        logged = audit.search(cur, audit.AuditFilter(action="plan.lines.import"))
    assert list(frame["line_no"]) == ["1", "2"]
    assert budgets == [(2569, Decimal("250000.00")), (2570, Decimal("250000.00"))]
    assert len(logged) == 1
    with pytest.raises(services.PlanImportRejected) as taken:
        services.import_lines(db, IT_HEAD, NOW, edition, good, "plan.xlsx")
    assert (2, "ลำดับที่ 1 มีอยู่แล้วในแผนฉบับนี้") in taken.value.lines("th")


def test_a_plan_line_cited_by_a_second_proposal_is_refused_in_thai(demo_db):
    ithead = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        cited = cur.execute(
            "SELECT c.line_id, p.code FROM plan_citations c JOIN proposals p ON p.id = c.proposal_id"
            " WHERE c.status = 'cited' AND p.status <> 'rejected' LIMIT 1"
        ).fetchone()
        free_proposal = cur.execute(
            "SELECT id FROM proposals WHERE id NOT IN (SELECT proposal_id FROM plan_citations)"
            " AND status <> 'rejected' LIMIT 1"
        ).fetchone()[0]
        free_line = cur.execute(
            "SELECT id FROM plan_lines WHERE id NOT IN (SELECT line_id FROM plan_citations"
            " WHERE line_id IS NOT NULL) LIMIT 1"
        ).fetchone()[0]
    with pytest.raises(DomainError) as twice:
        services.cite_line(demo_db, ithead, NOW, free_proposal, cited[0])
    assert f"ถูกอ้างอิงโดยข้อเสนอ {cited[1]} แล้ว" in twice.value.message("th")
    services.cite_line(demo_db, ithead, NOW, free_proposal, free_line)
    with demo_db.read() as cur:
        shown = queries.citation_of(cur, free_proposal)
        logged = audit.search(cur, audit.AuditFilter(action="plan.cite", entity_id=str(free_proposal)))
    assert shown["status"] == "cited" and shown["text"].startswith("โครงการลำดับที่ ")
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570" in shown["text"]
    assert len(logged) == 1
    with pytest.raises(ValidationError):
        services.mark_not_in_plan(demo_db, ithead, NOW, free_proposal, "  ")


def test_the_director_sees_proposals_not_in_the_plan_on_the_home_page(demo_db):
    from core import areas

    ithead = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        proposal = cur.execute("SELECT id, code FROM proposals WHERE status = 'submitted' LIMIT 1").fetchone()
    services.mark_not_in_plan(demo_db, ithead, NOW, proposal[0], "ต้องเพิ่มเติมแผน ฉบับที่ 2")
    with demo_db.read() as cur:
        director = areas.my_work(cur, actor_of(demo_db, "director"), NOW, "th")
        officer = areas.my_work(cur, actor_of(demo_db, "itofficer"), NOW, "th")
    flagged = [i for i in director if i.area == "page.plan"]
    assert any(i.title.startswith(proposal[1]) and "ต้องเพิ่มเติมแผน ฉบับที่ 2" in i.detail for i in flagged)
    assert not [i for i in officer if i.area == "page.plan"]


def test_the_share_of_projects_from_the_plan_counts_projects_whose_proposal_cites_a_line(demo_db):
    with demo_db.read() as cur:
        share = queries.share_from_plan(cur, 2569)
        total = cur.execute(
            "SELECT count(*) FROM projects WHERE fiscal_year = 2569 AND status <> 'cancelled'"
        ).fetchone()[0]
    assert share["projects"] == total > 0
    assert 0 < share["from_plan"] <= total
    assert share["percent"] == round(share["from_plan"] * 100 / total, 2)
    assert rules.share_from_plan(0, 0) is None


def test_a_line_typed_in_by_hand_gets_the_same_checks_as_an_imported_row(db):
    edition = services.add_edition(db, IT_HEAD, NOW, kind="base", first_year=2566)
    line_id = services.add_line(
        db,
        IT_HEAD,
        NOW,
        edition,
        strategy="ที่ 1",
        programme="บริหารงานทั่วไป",
        line_no="7",
        title="ระบบสำรองข้อมูล",
        unit_code="PLANNING",
        budgets={2568: Decimal(90000)},
    )
    with db.read() as cur:
        line = repo.get_line(cur, line_id)
    assert rules.line_label(line) == (
        "โครงการลำดับที่ 7 ระบบสำรองข้อมูล ยุทธศาสตร์ที่ 1 แผนงานบริหารงานทั่วไป (แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570))"
    )
    with pytest.raises(services.PlanImportRejected) as again:
        services.add_line(
            db, IT_HEAD, NOW, edition, strategy="ที่ 1", programme="บริหารงานทั่วไป", line_no="7", title="ซ้ำ"
        )
    assert again.value.lines("th") == [(2, "ลำดับที่ 7 มีอยู่แล้วในแผนฉบับนี้")]
