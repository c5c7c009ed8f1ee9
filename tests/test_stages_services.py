"""Stage tracker services on a real (temporary) database: plan at creation, dates, gates via
sign-offs, waivers, files, training, go-live with the launch letter, standards, KPI, home page."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from core import areas, users
from core.errors import DomainError, Forbidden, ValidationError
from core.stages import kpi, queries, rules, services
from core.stages import pdf as letters
from core.stages import repository as repo
from tests.test_stages_support import PDF, make_project, sign_off

APPROVED = datetime(2026, 1, 5, 10, 0)  # Monday 5 Jan 2026, fiscal year 2569
NOW = datetime(2026, 11, 24, 10, 0)


@pytest.fixture
def people(db):
    """An IT officer, the IT head and an executive."""

    def work(cur):
        made = {}
        for username, role in (("officer", "it_officer"), ("head", "it_head"), ("boss", "executive")):
            user_id = cur.execute(
                "INSERT INTO users (username, full_name, password_hash, created_at, updated_at)"
                " VALUES (?, ?, 'x', ?, ?) RETURNING id",
                [username, f"คุณ {username}", NOW, NOW],
            ).fetchone()[0]
            cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
            made[username] = user_id
        return made

    db.write(work)
    with db.read() as cur:
        return {u: users.find_user(cur, u).as_actor() for u in ("officer", "head", "boss")}


def _stages(db, pid):
    with db.read() as cur:
        return {r["stage_no"]: r for r in repo.stages_of(cur, pid)}


def _walk_to(db, actor, pid, last_stage, day=date(2026, 2, 2)):
    """Finish stages 4..last_stage one month each (gates signed off), starting ``day``."""
    for stage in range(4, last_stage + 1):
        end = day + timedelta(days=40)
        if stage in rules.GATES:
            sign_off(db, pid, stage, datetime.combine(day + timedelta(days=1), datetime.min.time()))
            day = day + timedelta(days=1)
            continue
        if stage == 11:
            services.record_dates(db, actor, NOW, pid, 11, actual_start=day)
            services.add_training(
                db, actor, NOW, pid, held_on=day, hours=3, unit_codes=["FINANCE"], attendees=12
            )
            services.add_file(db, actor, NOW, pid, 11, filename="manual.pdf", content=PDF, manual=True)
            end = day + timedelta(days=2)
        services.record_dates(
            db, actor, NOW, pid, stage, actual_start=day, actual_end=end, waiver_reason="เร่งด่วน"
        )
        day = end


def test_creating_a_project_plans_its_nine_stages_in_working_days(db, people):
    pid = make_project(db, APPROVED, responsible=people["officer"].user_id)
    stages = _stages(db, pid)
    assert list(stages) == list(rules.STAGES)
    assert stages[4]["planned_start"] == date(2026, 1, 6)
    assert (stages[4]["std_days"], stages[4]["std_kind"], stages[4]["std_unit"]) == (1, "minimum", "months")
    assert all(s["responsible_user_id"] == people["officer"].user_id for s in stages.values())
    assert all(s["start_on"] is None and s["end_on"] is None for s in stages.values())


def test_a_stage_cannot_finish_before_the_one_it_depends_on_and_nothing_changes(db, people):
    pid = make_project(db, APPROVED)
    with pytest.raises(ValidationError) as error:
        services.record_dates(
            db, people["officer"], NOW, pid, 5, actual_start=date(2026, 2, 2), actual_end=date(2026, 3, 20)
        )
    assert error.value.code == "stage.previous_not_finished"
    assert _stages(db, pid)[5]["start_on"] is None


def test_an_end_before_the_start_is_refused(db, people):
    pid = make_project(db, APPROVED)
    with pytest.raises(ValidationError) as error:
        services.record_dates(
            db, people["officer"], NOW, pid, 4, actual_start=date(2026, 3, 2), actual_end=date(2026, 2, 27)
        )
    assert error.value.code == "stage.end_before_start"
    assert _stages(db, pid)[4]["start_on"] is None


def test_a_gate_never_closes_by_hand_and_closes_exactly_when_its_sign_off_exists(db, people):
    pid = make_project(db, APPROVED)
    _walk_to(db, people["officer"], pid, 6)
    with pytest.raises(ValidationError) as error:
        services.record_dates(
            db, people["officer"], NOW, pid, 7, actual_start=date(2026, 6, 1), actual_end=date(2026, 6, 2)
        )
    assert error.value.code == "stage.gate_needs_signoff"
    with pytest.raises(ValidationError):
        services.record_dates(db, people["officer"], NOW, pid, 8, actual_start=date(2026, 6, 3))
    assert _stages(db, pid)[7]["end_on"] is None
    sign_off(db, pid, 7, datetime(2026, 6, 5, 14, 0))
    assert _stages(db, pid)[7]["end_on"] == date(2026, 6, 5)
    services.record_dates(db, people["officer"], NOW, pid, 8, actual_start=date(2026, 6, 8))
    assert _stages(db, pid)[8]["start_on"] == date(2026, 6, 8)


def test_a_rushed_stage_needs_a_waiver_which_is_kept_for_reports(db, people):
    pid = make_project(db, APPROVED)
    with pytest.raises(ValidationError) as error:
        services.record_dates(
            db, people["officer"], NOW, pid, 4, actual_start=date(2026, 2, 2), actual_end=date(2026, 2, 13)
        )
    assert error.value.code == "stage.waiver_required_months"
    assert (
        services.record_dates(
            db,
            people["officer"],
            NOW,
            pid,
            4,
            actual_start=date(2026, 2, 2),
            actual_end=date(2026, 2, 13),
            waiver_reason="ใช้ผลสำรวจเดิม",
        )
        is True
    )
    row = _stages(db, pid)[4]
    assert row["rushed"] and row["waiver_reason"] == "ใช้ผลสำรวจเดิม" and row["spent_days"] == 10
    with db.read() as cur:
        frame = kpi.portfolio(cur, [2569], NOW)
    assert frame.loc[0, "rushed_stages"] == 1


def test_files_of_a_type_or_size_not_allowed_are_refused(db, people):
    pid = make_project(db, APPROVED)
    with pytest.raises(ValidationError) as error:
        services.add_file(db, people["officer"], NOW, pid, 4, filename="virus.exe", content=b"MZ...")
    assert error.value.code == "file.type_not_allowed"
    with pytest.raises(ValidationError) as error:
        services.add_file(
            db,
            people["officer"],
            NOW,
            pid,
            4,
            filename="big.pdf",
            content=b"%PDF-" + b"0" * (11 * 1024 * 1024),
        )
    assert error.value.code == "file.too_large"
    with pytest.raises(ValidationError):
        services.add_file(db, people["officer"], NOW, pid, 4, filename="fake.pdf", content=b"not a pdf")
    services.add_file(db, people["officer"], NOW, pid, 4, filename="survey.pdf", content=PDF)
    with db.read() as cur:
        assert cur.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1


def test_links_must_be_web_addresses(db, people):
    pid = make_project(db, APPROVED)
    with pytest.raises(ValidationError):
        services.add_link(db, people["officer"], NOW, pid, 5, url="javascript:alert(1)")
    services.add_link(
        db, people["officer"], NOW, pid, 5, url="https://drive.example.go.th/design", label="แบบระบบ"
    )
    with db.read() as cur:
        assert [x["label"] for x in queries.links_of(cur, pid, 5)] == ["แบบระบบ"]


def test_requirements_are_recorded_while_the_survey_is_open(db, people):
    pid = make_project(db, APPROVED)
    services.add_requirement(db, people["officer"], NOW, pid, "พิมพ์ใบเสร็จได้")
    _walk_to(db, people["officer"], pid, 4)
    with pytest.raises(ValidationError):
        services.add_requirement(db, people["officer"], NOW, pid, "อีกข้อหนึ่ง")


def test_stage_eleven_needs_training_and_the_manual_before_it_finishes(db, people):
    pid = make_project(db, APPROVED)
    _walk_to(db, people["officer"], pid, 10)
    start = _stages(db, pid)[10]["end_on"]
    services.record_dates(db, people["officer"], NOW, pid, 11, actual_start=start)
    with pytest.raises(ValidationError) as error:
        services.record_dates(db, people["officer"], NOW, pid, 11, actual_start=start, actual_end=start)
    assert error.value.code == "stage.training_missing"
    services.add_training(
        db,
        people["officer"],
        NOW,
        pid,
        held_on=start,
        hours=3,
        unit_codes=["FINANCE", "HEALTH"],
        attendees=20,
    )
    with pytest.raises(ValidationError) as error:
        services.record_dates(db, people["officer"], NOW, pid, 11, actual_start=start, actual_end=start)
    assert error.value.code == "stage.manual_missing"
    with pytest.raises(ValidationError):
        services.add_file(
            db,
            people["officer"],
            NOW,
            pid,
            11,
            filename="manual.png",
            content=b"\x89PNG\r\n\x1a\n...",
            manual=True,
        )


def test_a_deadline_stage_past_its_deadline_is_overdue_in_the_portfolio(db, people):
    pid = make_project(db, APPROVED)
    _walk_to(db, people["officer"], pid, 10)
    end10 = _stages(db, pid)[10]["end_on"]
    stage11 = _stages(db, pid)[11]
    assert stage11["due_on"] is not None and stage11["due_on"] > end10
    with db.read() as cur:
        frame = kpi.portfolio(cur, [2569], NOW)
        adherence = kpi.stage_adherence(cur, [2569], NOW)
    row = frame.iloc[0]
    assert row["current_stage"] == 11 and bool(row["overdue"])
    assert row["days_in_stage"] == (NOW.date() - end10).days
    a11 = adherence[adherence["stage_no"] == 11].iloc[0]
    assert (a11["finished"], a11["overdue"]) == (0, 1)
    a4 = adherence[adherence["stage_no"] == 4].iloc[0]
    assert a4["finished"] == 1 and a4["rushed"] == 0


def test_go_live_issues_the_letter_registers_the_system_and_freezes_the_project(db, people):
    pid = make_project(db, APPROVED, unit="FINANCE")
    with pytest.raises(ValidationError) as error:
        services.go_live(
            db,
            people["officer"],
            NOW,
            pid,
            go_live_on=date(2026, 12, 1),
            reference_no="อบ 52705/1",
            system_code="WASTE",
            system_name_th="ระบบค่าขยะ",
            signer_name="ก",
            signer_position="ข",
        )
    assert error.value.code == "stage.go_live_needs_stages"
    _walk_to(db, people["officer"], pid, 11, day=date(2026, 2, 2))
    system_id = services.go_live(
        db,
        people["officer"],
        NOW,
        pid,
        go_live_on=date(2026, 12, 1),
        reference_no="อบ 52705/99",
        system_code="WASTE",
        system_name_th="ระบบค่าขยะ",
        signer_name="นางสาวกาญจนา ทองดี",
        signer_position="ผู้อำนวยการกองวิชาการและแผนงาน",
    )
    with db.read() as cur:
        project = cur.execute("SELECT status, system_id FROM projects WHERE id = ?", [pid]).fetchone()
        system = cur.execute(
            "SELECT code, in_service_since, owner_unit_code, project_id FROM systems WHERE id = ?",
            [system_id],
        ).fetchone()
        pdf = letters.launch_letter_pdf(cur, pid)
        frame = kpi.portfolio(cur, [2569], NOW)
    assert project == ("live", system_id)
    assert system == ("WASTE", date(2026, 12, 1), "FINANCE", pid)
    assert _stages(db, pid)[12]["end_on"] == NOW.date()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "บันทึกข้อความ" in text and "52705/99" in text
    assert (
        frame.loc[0, "status"] == "live"
        and frame.loc[0, "current_stage"] is None
        or str(frame.loc[0, "current_stage"]) in ("<NA>", "nan", "None")
    )
    with pytest.raises(DomainError) as error:
        services.assign(db, people["officer"], NOW, pid, 12, responsible_user_id=None, notes="แก้")
    assert error.value.code == "stage.project_closed"


def test_only_it_may_update_stages_and_only_the_it_head_edits_standards(db, people):
    pid = make_project(db, APPROVED)
    with pytest.raises(Forbidden):
        services.record_dates(db, people["boss"], NOW, pid, 4, actual_start=date(2026, 2, 2))
    with pytest.raises(Forbidden):
        services.save_standards(db, people["officer"], NOW, dict(rules.DEFAULT_STANDARDS))
    new = dict(rules.DEFAULT_STANDARDS)
    new[4] = rules.Standard(30, "minimum")
    services.save_standards(db, people["head"], NOW, new)
    later = make_project(db, APPROVED + timedelta(days=1))
    assert _stages(db, later)[4]["std_days"] == 30
    assert _stages(db, pid)[4]["std_days"] == 1 and _stages(db, pid)[4]["std_unit"] == "months"
    with db.read() as cur:
        assert (
            cur.execute("SELECT count(*) FROM audit_log WHERE action = 'settings.change'").fetchone()[0] == 1
        )


def test_the_home_page_lists_my_stages_due_soon_or_overdue(db, people):
    officer = people["officer"]
    due_soon = make_project(db, NOW - timedelta(days=30), responsible=officer.user_id)
    far = make_project(db, NOW - timedelta(days=1), responsible=officer.user_id)
    with db.read() as cur:
        items = [i for i in areas.my_work(cur, officer, NOW, "th") if i.area == "page.projects"]
        others = [i for i in areas.my_work(cur, people["head"], NOW, "th") if i.area == "page.projects"]
    assert [i.query["project"] for i in items] == [str(due_soon)]
    assert str(far) not in [i.query["project"] for i in items]
    assert others == []


def test_the_demo_seeder_moves_projects_along_with_signed_gates_waivers_and_live_systems(db, tmp_path):
    from core import bootstrap
    from tests.test_stages_support import add_demo_projects

    path = tmp_path / "demo.duckdb"
    database = bootstrap.open_database(path, demo=False)
    areas.seed_demo(database, now=NOW, years=2)
    database.close()
    add_demo_projects(path, NOW, count=14, seed=3)
    database = bootstrap.open_database(path, demo=False)
    with database.read() as cur:
        frame = kpi.portfolio(cur, [2569, 2570], NOW)
        gates_ok = cur.execute(
            "SELECT count(*) FROM project_stages s WHERE s.stage_no IN (7, 9) AND s.actual_end IS NOT NULL"
        ).fetchone()[0]
        live_systems = cur.execute(
            "SELECT count(*) FROM systems WHERE project_id IS NOT NULL AND in_service_since IS NOT NULL"
        ).fetchone()[0]
        orphan = cur.execute(
            "SELECT count(*) FROM stage_state a JOIN stage_state b ON a.project_id = b.project_id"
            " AND b.stage_no = a.stage_no + 1 WHERE b.start_on IS NOT NULL AND"
            " (a.end_on IS NULL OR b.start_on < a.end_on)"
        ).fetchone()[0]
    database.close()
    assert (frame["status"] == "live").sum() >= 3
    assert live_systems == (frame["status"] == "live").sum()
    assert (frame["status"] == "active").sum() >= 3
    assert gates_ok == 0
    assert orphan == 0
