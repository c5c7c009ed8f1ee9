"""Steps 1-3 on a real DuckDB file: drivers, drafts, the approval chain, projects, KPI, PDFs."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from core import audit
from core.actor import Actor
from core.areas import my_work
from core.errors import DomainError, Forbidden, ValidationError
from core.proposals import kpi, pdf, queries, rules, services
from core.proposals import repository as repo
from core.proposals.rules import ProposalInput
from tests.conftest import actor_of

NOW = datetime(2026, 11, 24, 10, 0)  # Tuesday


def norm(text: str) -> str:
    return unicodedata.normalize("NFKD", text).replace("\u200b", "")


def pdf_text(data: bytes) -> str:
    return norm("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture
def people(db):
    def work(cur):
        for username, role in (
            ("ithead", "it_head"),
            ("itofficer", "it_officer"),
            ("director", "director"),
            ("executive", "executive"),
            ("staff", "division_staff"),
        ):
            cur.execute(
                "INSERT INTO users (username, full_name, position, unit_code, password_hash,"
                " created_at, updated_at) VALUES (?, ?, ?, 'PLANNING', 'x', ?, ?)",
                [
                    username,
                    {"director": "นางสาวกาญจนา ทองดี"}.get(username, f"นาย {username}"),
                    {"director": "ผู้อำนวยการกองวิชาการและแผนงาน"}.get(username, "ตำแหน่ง"),
                    NOW,
                    NOW,
                ],
            )
            uid = cur.execute("SELECT id FROM users WHERE username = ?", [username]).fetchone()[0]
            cur.execute("INSERT INTO user_roles VALUES (?, ?)", [uid, role])

    db.write(work)
    return {name: actor_of(db, name) for name in ("ithead", "itofficer", "director", "executive", "staff")}


def complete(people, **changes) -> ProposalInput:
    values = dict(
        title="ระบบจองคิวออนไลน์",
        unit_code="OFFICE",
        rationale="ประชาชนรอคิวนาน",
        objectives="เพื่อลดเวลารอคิว",
        targets="ผู้รับบริการ 5,000 คนต่อปี",
        scope="จองคิวผ่านเว็บและ LINE",
        budget_kind="amount",
        budget_amount="250,000",
        start_date=date(2027, 1, 4),
        end_date=date(2027, 9, 30),
        indicators="ความพึงพอใจไม่น้อยกว่าร้อยละ 80",
        personnel="นักวิชาการคอมพิวเตอร์ 2 คน",
        responsible_user_id=people["ithead"].user_id,
        plan=[
            {"activity": "สำรวจความต้องการ", "months": [1, 2]},
            {"activity": "พัฒนาระบบ", "months": [3, 4, 5]},
        ],
    )
    values.update(changes)
    return ProposalInput(**values)


def snapshot_of(db, proposal_id):
    with db.read() as cur:
        return (
            repo.get_proposal(cur, proposal_id),
            cur.execute(
                "SELECT count(*) FROM proposal_events WHERE proposal_id = ?", [proposal_id]
            ).fetchone()[0],
            cur.execute("SELECT count(*) FROM audit_log").fetchone()[0],
            cur.execute("SELECT count(*) FROM projects").fetchone()[0],
        )


def through_to_proposed(db, people, when=NOW) -> int:
    pid = services.create_proposal(db, people["ithead"], when, complete(people))
    services.submit_proposal(db, people["ithead"], when, pid)
    services.propose_proposal(db, people["director"], when + timedelta(hours=2), pid)
    return pid


def test_the_whole_chain_creates_the_project_linked_to_the_proposal(db, people):
    pid = through_to_proposed(db, people)
    result = services.approve_proposal(db, people["executive"], NOW + timedelta(days=1), pid, comment="อนุมัติ")
    with db.read() as cur:
        row = repo.get_proposal(cur, pid)
        project = cur.execute(
            "SELECT name, proposal_id, unit_code, responsible_user_id FROM projects WHERE id = ?",
            [result["project_id"]],
        ).fetchone()
        events = repo.events(cur, pid)
        logged = audit.search(cur, audit.AuditFilter(entity="proposal", entity_id=str(pid)))
    assert row["status"] == "approved" and row["project_id"] == result["project_id"]
    assert project == ("ระบบจองคิวออนไลน์", pid, "OFFICE", people["ithead"].user_id)
    assert list(events["action"]) == ["create", "submit", "propose", "approve"]
    assert list(events["actor"]) == ["ithead", "ithead", "director", "executive"]
    assert events["comment"].iloc[-1] == "อนุมัติ"
    assert {"proposal.submit", "proposal.propose", "proposal.approve"} <= set(logged["action"])


def test_approving_twice_is_refused_and_changes_nothing(db, people):
    pid = through_to_proposed(db, people)
    with db.read() as cur:
        revision = repo.get_proposal(cur, pid)["revision"]
    services.approve_proposal(db, people["executive"], NOW, pid, expected_revision=revision)
    before = snapshot_of(db, pid)
    with pytest.raises(DomainError) as error:  # the second tab, with the same page state
        services.approve_proposal(db, people["executive"], NOW, pid, expected_revision=revision)
    assert error.value.code == "proposals.wrong_state"
    assert snapshot_of(db, pid) == before


def test_a_stale_page_cannot_take_a_step(db, people):
    pid = services.create_proposal(db, people["ithead"], NOW, complete(people))
    with db.read() as cur:
        revision = repo.get_proposal(cur, pid)["revision"]
    services.save_draft(db, people["ithead"], NOW, pid, complete(people, targets="ใหม่"))
    with pytest.raises(DomainError) as error:
        services.submit_proposal(db, people["ithead"], NOW, pid, expected_revision=revision)
    assert error.value.code == "error.stale"


@pytest.mark.parametrize(
    "who,action",
    [
        ("director", "approve"),
        ("ithead", "approve"),
        ("staff", "approve"),
        ("itofficer", "submit"),
        ("executive", "propose"),
    ],
)
def test_the_wrong_role_is_forbidden_and_nothing_changes(db, people, who, action):
    pid = (
        through_to_proposed(db, people)
        if action == "approve"
        else services.create_proposal(db, people["ithead"], NOW, complete(people))
    )
    if action == "propose":
        services.submit_proposal(db, people["ithead"], NOW, pid)
    before = snapshot_of(db, pid)
    with pytest.raises(Forbidden):
        services.take_step(db, people[who], NOW, pid, action)
    assert snapshot_of(db, pid) == before


def test_submitting_an_incomplete_proposal_names_the_missing_parts_and_changes_nothing(db, people):
    pid = services.create_proposal(db, people["ithead"], NOW, ProposalInput(title="ระบบใหม่", objectives="x"))
    before = snapshot_of(db, pid)
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(db, people["ithead"], NOW, pid)
    assert "เป้าหมาย, ขอบเขต, วงเงินงบประมาณ, ผู้รับผิดชอบโครงการ" in error.value.message("th")
    assert snapshot_of(db, pid) == before


@pytest.mark.parametrize(
    "changes,code",
    [
        ({"budget_amount": "-1"}, "proposals.budget_negative"),
        ({"budget_amount": "สองแสน"}, "proposals.budget_not_number"),
        ({"end_date": date(2026, 12, 1)}, "proposals.end_before_start"),
        ({"title": " "}, "error.required"),
    ],
)
def test_bad_drafts_are_refused_and_the_saved_draft_stays(db, people, changes, code):
    pid = services.create_proposal(db, people["ithead"], NOW, complete(people))
    before = snapshot_of(db, pid)
    with pytest.raises(ValidationError) as error:
        services.save_draft(db, people["ithead"], NOW, pid, complete(people, **changes))
    assert error.value.code == code
    assert snapshot_of(db, pid) == before


def test_a_submitted_proposal_cannot_be_edited(db, people):
    pid = services.create_proposal(db, people["ithead"], NOW, complete(people))
    services.submit_proposal(db, people["ithead"], NOW, pid)
    with pytest.raises(DomainError) as error:
        services.save_draft(db, people["ithead"], NOW, pid, complete(people, targets="แอบแก้"))
    assert error.value.code == "proposals.not_editable"


def test_a_returned_proposal_is_resubmitted_as_version_two_with_a_field_diff(db, people):
    pid = services.create_proposal(db, people["ithead"], NOW, complete(people))
    services.submit_proposal(db, people["ithead"], NOW, pid)
    services.return_by_director(db, people["director"], NOW, pid, reason="ขอเป้าหมายเชิงปริมาณ")
    services.save_draft(
        db,
        people["ithead"],
        NOW,
        pid,
        complete(people, targets="ผู้รับบริการ 8,000 คนต่อปี", budget_amount="300000"),
    )
    services.submit_proposal(db, people["ithead"], NOW + timedelta(days=1), pid)
    with db.read() as cur:
        versions = repo.versions(cur, pid)
        row = repo.get_proposal(cur, pid)
    assert [v["version"] for v in versions] == [1, 2] and row["version"] == 2
    assert rules.diff(versions[0]["snapshot"], versions[1]["snapshot"]) == [
        ("targets", "ผู้รับบริการ 5,000 คนต่อปี", "ผู้รับบริการ 8,000 คนต่อปี"),
        ("budget_amount", "250000.00", "300000.00"),
    ]
    assert row["draft_days"] == 0  # the drafting clock counts to the first submission


def test_the_propose_time_standard_counts_working_days(db, people):
    friday = datetime(2026, 11, 27, 15, 0)
    pid = services.create_proposal(db, people["ithead"], friday, complete(people))
    services.submit_proposal(db, people["ithead"], friday, pid)
    services.propose_proposal(db, people["director"], datetime(2026, 11, 30, 9, 0), pid)  # Monday
    with db.read() as cur:
        assert repo.get_proposal(cur, pid)["propose_days"] == 1


def test_drivers_are_recorded_considered_and_timed_in_working_days(db, people):
    it = people["itofficer"]
    first = services.record_driver(
        db,
        it,
        NOW,
        kind="problem",
        unit_code="FINANCE",
        doc_no="อบ 52305/120",
        doc_date=date(2026, 11, 19),
        description="ผู้เสียภาษีรอนาน",
        received_on=date(2026, 11, 20),
    )  # Friday
    second = services.record_driver(
        db,
        it,
        NOW,
        kind="need",
        unit_code="FINANCE",
        description="ต้องการชำระภาษีออนไลน์",
        received_on=date(2026, 11, 23),
    )
    assert services.consider_driver(db, it, NOW, first, decision="accept") == "accepted"
    assert services.consider_driver(db, it, NOW, second, decision="merge", merge_into=first) == "merged"
    with db.read() as cur:
        frame = queries.list_drivers(cur).set_index("id")
    assert frame.loc[first, "consider_days"] == 2 and not frame.loc[first, "on_time"]  # Fri -> Tue
    assert frame.loc[second, "consider_days"] == 1 and frame.loc[second, "on_time"]
    assert frame.loc[first, "code"] == "DR2570-001"
    with pytest.raises(DomainError):
        services.consider_driver(db, it, NOW, first, decision="decline", reason="ซ้ำ")
    with pytest.raises(ValidationError):
        services.record_driver(
            db, it, NOW, kind="need", unit_code=None, description="x", received_on=date(2026, 11, 25)
        )
    with pytest.raises(Forbidden):
        services.record_driver(
            db,
            people["staff"],
            NOW,
            kind="need",
            unit_code=None,
            description="x",
            received_on=date(2026, 11, 24),
        )


def test_the_drafting_clock_starts_when_the_driver_was_accepted(db, people):
    it = people["ithead"]
    driver = services.record_driver(
        db, it, NOW, kind="need", unit_code="OFFICE", description="คิว", received_on=date(2026, 11, 2)
    )
    services.consider_driver(db, it, datetime(2026, 11, 2, 14, 0), driver, decision="accept")
    pid = services.create_proposal(db, it, NOW, complete(people, driver_ids=(driver,)))
    services.submit_proposal(db, it, NOW, pid)
    with db.read() as cur:
        assert repo.get_proposal(cur, pid)["draft_days"] == 16  # 2 Nov -> 24 Nov 2026: 16 working days


def test_time_standards_kpi_matches_hand_counts(db, people):
    it = people["ithead"]
    a = services.record_driver(
        db, it, NOW, kind="need", unit_code=None, description="a", received_on=date(2026, 11, 23)
    )
    b = services.record_driver(
        db, it, NOW, kind="need", unit_code=None, description="b", received_on=date(2026, 11, 19)
    )
    services.record_driver(
        db, it, NOW, kind="need", unit_code=None, description="c", received_on=date(2026, 11, 24)
    )
    services.consider_driver(db, it, NOW, a, decision="accept")  # 1 day: met
    services.consider_driver(db, it, NOW, b, decision="decline", reason="ไม่ใช่งานพัฒนา")  # 3 days: missed
    p1 = through_to_proposed(db, people)  # same day: met, met
    p2 = services.create_proposal(db, it, NOW, complete(people))
    services.submit_proposal(db, it, NOW, p2)
    services.propose_proposal(db, people["director"], datetime(2026, 11, 26, 9), p2)  # 2 days: missed
    with db.read() as cur:
        frame = kpi.time_standards(cur, [2569, 2570])
    rows = {(r.fiscal_year, r.step): (r.total, r.met) for r in frame.itertuples()}
    assert list(frame.columns) == ["fiscal_year", "step", "total", "met", "percent_met"]
    assert rows == {
        (2569, 1): (0, 0),
        (2569, 2): (0, 0),
        (2569, 3): (0, 0),
        (2570, 1): (2, 1),
        (2570, 2): (2, 2),
        (2570, 3): (2, 1),
    }
    assert frame.set_index(["fiscal_year", "step"]).loc[(2570, 3), "percent_met"] == 50.0
    del p1


def test_trace_of_project_leads_back_to_the_drivers(db, people):
    it = people["ithead"]
    driver = services.record_driver(
        db,
        it,
        NOW,
        kind="directive",
        unit_code="OFFICE",
        doc_no="อบ 52305/9",
        doc_date=date(2026, 11, 20),
        description="ข้อสั่งการ",
        received_on=date(2026, 11, 23),
    )
    services.consider_driver(db, it, NOW, driver, decision="accept")
    pid = services.create_proposal(db, it, NOW, complete(people, driver_ids=(driver,)))
    services.submit_proposal(db, it, NOW, pid)
    services.propose_proposal(db, people["director"], NOW, pid)
    project_id = services.approve_proposal(db, people["executive"], NOW, pid)["project_id"]
    with db.read() as cur:
        trace = kpi.trace_of_project(cur, project_id)
        nothing = kpi.trace_of_project(cur, 9999)
    assert trace["proposal_id"] == pid and trace["status"] == "approved" and trace["approved_at"] == NOW
    assert [(d["code"], d["kind"], d["unit_code"], d["doc_no"], d["doc_date"]) for d in trace["drivers"]] == [
        ("DR2570-001", "directive", "OFFICE", "อบ 52305/9", date(2026, 11, 20))
    ]
    assert nothing["proposal_id"] is None and nothing["drivers"] == []


def test_home_page_lists_each_role_its_waiting_steps_with_overdue_flags(db, people):
    it = people["ithead"]
    old = datetime(2026, 10, 1, 10, 0)
    draft = services.create_proposal(db, it, old, complete(people, title="ร่างเก่า"))
    waiting = services.create_proposal(db, it, NOW, complete(people, title="รอผอ."))
    services.submit_proposal(db, it, NOW, waiting)
    services.record_driver(
        db,
        people["itofficer"],
        NOW,
        kind="need",
        unit_code=None,
        description="ใหม่",
        received_on=date(2026, 11, 19),
    )
    mine = lambda who: [i for i in my_work_of(db, people[who]) if i.area == "page.proposals"]  # noqa: E731
    ithead_items = mine("ithead")
    assert [i.title for i in ithead_items if "ร่างเก่า" in i.title][0]
    assert next(i for i in ithead_items if "ร่างเก่า" in i.title).overdue
    assert any(i.query.get("view") == "drivers" and i.overdue for i in ithead_items)
    director_items = mine("director")
    assert [i.query for i in director_items] == [{"proposal": str(waiting)}]
    assert not director_items[0].overdue
    assert mine("executive") == [] and mine("staff") == []
    del draft


def my_work_of(db, actor):
    with db.read() as cur:
        return my_work(cur, actor, NOW, "th")


def _town_profile(db, **signer):
    from core.organisation.profile import Profile, Signatory, save_profile

    admin = Actor(user_id=0, username="admin", full_name="ผู้ดูแล", roles=frozenset({"admin"}))
    save_profile(
        db,
        admin,
        NOW,
        Profile(
            name_th="เทศบาลตำบลหนองบัวแดง",
            name_en="Nong Bua Daeng",
            kind="subdistrict",
            province="ชัยภูมิ",
            issuing_unit="กองยุทธศาสตร์และงบประมาณ",
            it_unit="งานเทคโนโลยีสารสนเทศ",
            memo_prefix="ชย 73901",
            phone="0 4487 1111",
            addressee="นายกเทศมนตรีตำบลหนองบัวแดง",
            addressee_via="",
            signatories={"unit_head": Signatory(**signer)} if signer else {},
        ),
    )


def test_the_memo_pdf_reads_as_a_thai_government_memo_of_the_profiles_town(db, people):
    _town_profile(
        db,
        name="นายสมชาย ใจดี",
        position="นักวิเคราะห์นโยบายและแผนชำนาญการ",
        acting="รักษาราชการแทน",
        acting_for="ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",
    )
    pid = through_to_proposed(db, people)
    with db.read() as cur:
        text = pdf_text(pdf.memo_pdf(cur, pid, date(2026, 11, 24)))
        thai = pdf_text(pdf.memo_pdf(cur, pid, date(2026, 11, 24), thai_digits=True))
    for expected in (
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "กองยุทธศาสตร์และงบประมาณ",
        "เทศบาลตำบลหนองบัวแดง",
        "0 4487 1111",
        "ชย 73901/",
        "24 พฤศจิกายน 2569",
        "ขออนุมัติโครงการระบบจองคิวออนไลน์",
        "เรียน",
        "นายกเทศมนตรีตำบลหนองบัวแดง",
        "250,000.00 บาท",
        "สองแสนห้าหมื่นบาทถ้วน",
        "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
        "(นายสมชาย ใจดี)",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "รักษาราชการแทนผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",
    ):
        assert "".join(norm(expected).split()) in "".join(text.split()), expected  # lines may wrap anywhere
    for absent in ("วาริน", "วิชาการและแผนงาน", "วช "):
        assert absent not in text
    assert norm("ชย ๗๓๙๐๑/") in thai and norm("๒๔ พฤศจิกายน ๒๕๖๙") in thai


def test_the_memo_is_signed_by_the_proposing_director_when_the_profile_names_no_signatory(db, people):
    _town_profile(db)
    pid = through_to_proposed(db, people)
    with db.read() as cur:
        text = pdf_text(pdf.memo_pdf(cur, pid, date(2026, 11, 24)))
    assert "(นางสาวกาญจนา ทองดี)" in text and norm("ผู้อำนวยการกองวิชาการและแผนงาน") in text


def test_the_memo_prints_the_profiles_garuda_emblem_once_uploaded(db, people):
    from PIL import Image

    from core.organisation.profile import set_emblem

    _town_profile(db)
    pid = through_to_proposed(db, people)
    with db.read() as cur:
        before = PdfReader(io.BytesIO(pdf.memo_pdf(cur, pid, date(2026, 11, 24)))).pages[0].images
    buf = io.BytesIO()
    Image.new("RGB", (120, 130), "black").save(buf, format="PNG")
    admin = Actor(user_id=0, username="admin", full_name="ผู้ดูแล", roles=frozenset({"admin"}))
    set_emblem(db, admin, NOW, "garuda.png", buf.getvalue())
    with db.read() as cur:
        after = PdfReader(io.BytesIO(pdf.memo_pdf(cur, pid, date(2026, 11, 24)))).pages[0].images
    assert len(before) == 0 and len(after) == 1


def test_an_issued_memo_number_is_printed_after_the_prefix(db, people):
    from core.organisation.profile import issue_memo_number, set_next_memo_number

    _town_profile(db)
    admin = Actor(user_id=0, username="admin", full_name="ผู้ดูแล", roles=frozenset({"admin"}))
    set_next_memo_number(db, admin, NOW, 2570, 123)
    pid = through_to_proposed(db, people)
    with db.read() as cur:
        code = repo.get_proposal(cur, pid)["code"]
    assert issue_memo_number(db, people["director"], NOW, pdf.MEMO_KIND, code) == "ชย 73901/123"
    assert issue_memo_number(db, people["director"], NOW, pdf.MEMO_KIND, code) == "ชย 73901/123"
    with db.read() as cur:
        assert "ชย 73901/123" in pdf_text(pdf.memo_pdf(cur, pid, date(2026, 11, 24)))


def test_the_proposal_pdf_holds_every_part_of_section_6(db, people):
    pid = services.create_proposal(db, people["ithead"], NOW, complete(people))
    with db.read() as cur:
        text = pdf_text(pdf.proposal_pdf(cur, pid))
    for expected in (
        "โครงการระบบจองคิวออนไลน์",
        "1. หลักการและเหตุผล",
        "ประชาชนรอคิวนาน",
        "2. วัตถุประสงค์",
        "3. เป้าหมาย",
        "4. ขอบเขตการดำเนินงาน",
        "5. วงเงินงบประมาณ",
        "250,000.00",
        "6. ระยะเวลาดำเนินการ",
        "4 มกราคม 2570",
        "7. ตัวชี้วัด",
        "8. บุคลากร",
        "9. แผนปฏิบัติงาน",
        "สำรวจความต้องการ",
        "ม.ค.",
        "10. ผู้รับผิดชอบโครงการ",
        "นาย ithead",
    ):
        assert norm(expected) in text, expected


def test_baht_text_reads_amounts_as_written_on_official_papers():
    assert pdf.baht_text(250000) == "สองแสนห้าหมื่นบาทถ้วน"
    assert pdf.baht_text(121) == "หนึ่งร้อยยี่สิบเอ็ดบาทถ้วน"
    assert pdf.baht_text("1500.50") == "หนึ่งพันห้าร้อยบาทห้าสิบสตางค์"
    assert pdf.baht_text(11_000_000) == "สิบเอ็ดล้านบาทถ้วน"


def test_the_demo_has_every_state_and_its_approved_proposals_are_projects(demo_db):
    with demo_db.read() as cur:
        states = {
            r[0]
            for r in cur.execute("SELECT DISTINCT status FROM proposals WHERE fiscal_year = 2570").fetchall()
        }
        orphans = cur.execute(
            "SELECT count(*) FROM proposals p LEFT JOIN projects j ON j.id = p.project_id"
            " WHERE p.status = 'approved' AND (j.id IS NULL OR j.proposal_id <> p.id)"
        ).fetchone()[0]
        future = cur.execute("SELECT count(*) FROM proposal_events WHERE at_time > ?", [NOW]).fetchone()[0]
        years = {r[0] for r in cur.execute("SELECT DISTINCT fiscal_year FROM proposals").fetchall()}
        json.loads(cur.execute("SELECT snapshot_json FROM proposal_versions LIMIT 1").fetchone()[0])
    assert {"draft", "submitted", "proposed", "returned", "approved"} <= states
    assert orphans == 0 and future == 0 and years == {2569, 2570}
