"""Review rounds, artifacts and signed verdicts on a real (temporary) DuckDB database."""

import hashlib
import io
from datetime import date, datetime, timedelta

import pytest

from core import areas, files, projects
from core.actor import Actor
from core.errors import DomainError, Forbidden, NotFound, ValidationError
from core.reviews import pdf as certificates
from core.reviews import queries, repository, rules, services
from core.reviews.demo import _screen_png
from core.reviews.services import ItemRemark, Upload
from core.stages import services as stage_services

NOW = datetime(2026, 11, 24, 10, 0)
DUE = date(2026, 11, 27)


def make_user(db, username, role, unit="FINANCE", full_name=None) -> Actor:
    def work(cur):
        user_id = cur.execute(
            "INSERT INTO users (username, full_name, position, unit_code, password_hash, created_at,"
            " updated_at) VALUES (?, ?, 'ตำแหน่ง', ?, 'x', ?, ?) RETURNING id",
            [username, full_name or f"นาย{username} ทดสอบ", unit, NOW, NOW],
        ).fetchone()[0]
        cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
        return user_id

    user_id = db.write(work)
    return Actor(
        user_id=user_id,
        username=username,
        full_name=full_name or username,
        roles=frozenset({role}),
        unit_code=unit,
    )


@pytest.fixture
def world(db):
    officer = make_user(db, "itofficer", "it_officer", "PLANNING")
    alice = make_user(db, "staff", "division_staff", "FINANCE", "นางมาลี จันทร์เพ็ญ")
    bob = make_user(db, "staff2", "division_staff", "ENGINEERING", "นายสุรเชษฐ์ พลอยงาม")
    carol = make_user(db, "teacher", "affiliated_unit", "SCHOOL1", "นายอนุชา พรหมวงศ์")
    outsider = make_user(db, "staff3", "division_staff", "HEALTH")
    executive = make_user(db, "executive", "executive", "OFFICE")

    def work(cur):
        pid = stage_services.open_project(
            cur,
            actor=officer,
            now=NOW,
            name="ระบบรับคำร้องออนไลน์ ระยะที่ 2",
            proposal_id=None,
            unit_code="OFFICE",
            responsible_user_id=officer.user_id,
        )
        projects.add_requirement(
            cur, actor=officer, now=NOW, project_id=pid, text="ประชาชนยื่นคำร้องผ่านโทรศัพท์มือถือได้"
        )
        projects.add_requirement(cur, actor=officer, now=NOW, project_id=pid, text="เจ้าหน้าที่ติดตามสถานะคำร้องได้")
        return pid

    project_id = db.write(work)
    return dict(
        db=db,
        officer=officer,
        alice=alice,
        bob=bob,
        carol=carol,
        outsider=outsider,
        executive=executive,
        project_id=project_id,
    )


def png(n=1) -> bytes:
    return _screen_png("form", n, f"test {n}")


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n" + b"0" * 200 + b"\n%%EOF\n"


def open_round(
    w, reviewers=("alice", "bob"), rule="all", uploads=None, links=(), stage_no=7, changes="", now=NOW
):
    return services.create_round(
        w["db"],
        w["officer"],
        now,
        project_id=w["project_id"],
        stage_no=stage_no,
        changes=changes,
        reviewer_ids=[w[r].user_id for r in reviewers],
        due_on=DUE,
        pass_rule=rule,
        uploads=uploads
        if uploads is not None
        else [Upload("form.png", png(1)), Upload("spec.pdf", pdf_bytes())],
        links=links,
    )


def current_hash(db, round_id):
    with db.read() as cur:
        return repository.get_round(cur, round_id)["content_hash"]


def sign(w, who, round_id, verdict="approve", comment="", at=NOW, seen=None, **kw):
    return services.sign_review(
        w["db"],
        w[who],
        at,
        round_id,
        verdict=verdict,
        comment=comment,
        seen_hash=seen or current_hash(w["db"], round_id),
        confirmed=True,
        **kw,
    )


def snapshot(db):
    """Row counts of every table the review sign-off writes, plus the audit log."""
    with db.read() as cur:
        return {
            t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "review_rounds",
                "review_reviewers",
                "review_artifacts",
                "review_verdicts",
                "review_item_comments",
                "attachments",
                "gate_signoffs",
                "audit_log",
            )
        }


def test_opening_a_round_stores_its_files_with_their_hashes_and_the_set_hash(world):
    round_id = open_round(world, links=[("ระบบจำลอง", "https://proto.example/app")])
    with world["db"].read() as cur:
        rnd = repository.get_round(cur, round_id)
        arts = repository.artifacts(cur, round_id)
        stored = cur.execute(
            "SELECT sha256, content FROM attachments WHERE owner_kind = 'review_round' ORDER BY id"
        ).fetchall()
    assert (rnd["round_no"], rnd["status"], rnd["due_at"]) == (1, "open", datetime(2026, 11, 27, 16, 30))
    assert [a["kind"] for a in arts] == ["file", "file", "link"]
    assert [s for s, _ in stored] == [hashlib.sha256(bytes(c)).hexdigest() for _, c in stored]
    assert rnd["content_hash"] == rules.content_hash(a["sha256"] for a in arts)


def test_two_approvals_pass_the_gate_and_write_the_signoff_in_the_same_transaction(world):
    round_id = open_round(world)
    assert sign(world, "alice", round_id) == "open"
    with world["db"].read() as cur:
        assert repository.signoff(cur, world["project_id"], 7) is None
    assert sign(world, "bob", round_id, at=NOW + timedelta(hours=2)) == "passed"
    with world["db"].read() as cur:
        row = cur.execute("SELECT project_id, stage_no, round_id, passed_at FROM gate_signoffs").fetchall()
        actions = [r[0] for r in cur.execute("SELECT action FROM audit_log ORDER BY id").fetchall()]
    assert row == [(world["project_id"], 7, round_id, NOW + timedelta(hours=2))]
    assert actions[-3:] == ["review.sign", "review.round_passed", "review.gate_passed"]


def test_a_verdict_records_the_user_time_and_hash_of_exactly_the_artifacts_seen(world):
    round_id = open_round(world)
    seen = current_hash(world["db"], round_id)
    sign(world, "alice", round_id, at=NOW + timedelta(minutes=5))
    with world["db"].read() as cur:
        (row,) = repository.verdict_rows(cur, round_id)
    assert (row["reviewer_id"], row["signed_at"], row["content_hash"]) == (
        world["alice"].user_id,
        NOW + timedelta(minutes=5),
        seen,
    )


def test_a_request_for_changes_fails_the_round_and_round_two_then_passes(world):
    r1 = open_round(world)
    sign(world, "alice", r1)
    assert sign(world, "bob", r1, "changes", "ยังไม่มีช่องเบอร์โทรศัพท์") == "failed"
    with pytest.raises(ValidationError) as refused:
        open_round(world, now=NOW + timedelta(hours=1))  # round 2 must say what changed
    assert refused.value.code == "reviews.changes_required"
    r2 = open_round(
        world,
        uploads=[Upload("form-v2.png", png(2))],
        changes="เพิ่มช่องเบอร์โทรศัพท์",
        now=NOW + timedelta(hours=1),
    )
    sign(world, "alice", r2)
    assert sign(world, "bob", r2) == "passed"
    with world["db"].read() as cur:
        assert [r["round_no"] for r in repository.rounds_of(cur, world["project_id"], 7)] == [2, 1]
        assert repository.signoff(cur, world["project_id"], 7)["round_id"] == r2


def test_a_majority_round_passes_without_the_last_reviewer(world):
    round_id = open_round(world, reviewers=("alice", "bob", "carol"), rule="majority")
    sign(world, "alice", round_id)
    assert sign(world, "carol", round_id) == "passed"
    with pytest.raises(DomainError) as refused:
        sign(world, "bob", round_id)
    assert refused.value.code == "reviews.round_closed"


def test_an_added_artifact_voids_earlier_verdicts_and_the_reviewer_signs_again(world):
    round_id = open_round(world)
    old = current_hash(world["db"], round_id)
    sign(world, "alice", round_id)
    new = services.add_artifacts(
        world["db"], world["officer"], NOW, round_id, uploads=[Upload("list.png", png(3))]
    )
    assert new != old
    sign(world, "bob", round_id)  # bob approves the new set: alice's approval no longer counts
    with world["db"].read() as cur:
        assert repository.get_round(cur, round_id)["status"] == "open"
        assert [p["id"] for p in repository.pending_for(cur, world["alice"].user_id)] == [round_id]
    with pytest.raises(DomainError) as refused:
        sign(world, "alice", round_id, seen=old)  # signing what she saw before is refused
    assert refused.value.code == "reviews.artifacts_changed"
    assert sign(world, "alice", round_id) == "passed"


def test_withdrawing_an_artifact_also_voids_verdicts(world):
    round_id = open_round(world)
    sign(world, "alice", round_id)
    with world["db"].read() as cur:
        first = repository.artifacts(cur, round_id)[0]["id"]
    services.remove_artifact(world["db"], world["officer"], NOW, first)
    with world["db"].read() as cur:
        assert len(repository.artifacts(cur, round_id)) == 1
        assert world["alice"].user_id in rules.pending_reviewers(
            repository.reviewer_ids(cur, round_id),
            repository.verdicts(cur, round_id),
            repository.get_round(cur, round_id)["content_hash"],
        )
    with world["db"].read() as cur:
        last = repository.artifacts(cur, round_id)[0]["id"]
    with pytest.raises(ValidationError):
        services.remove_artifact(world["db"], world["officer"], NOW, last)


def test_checklist_remarks_are_kept_per_requirement(world):
    round_id = open_round(world)
    with world["db"].read() as cur:
        reqs = projects.list_requirements(cur, world["project_id"])
    sign(
        world,
        "alice",
        round_id,
        items=[ItemRemark(reqs[0]["id"], True, "ใช้งานบนมือถือได้ดี"), ItemRemark(reqs[1]["id"], None, "")],
    )
    with world["db"].read() as cur:
        items = queries.item_comments(cur, round_id)
    assert [(i["requirement_code"], i["ok"], i["comment"]) for i in items] == [("R1", True, "ใช้งานบนมือถือได้ดี")]


def test_a_verdict_after_the_due_time_is_flagged_late(world):
    round_id = open_round(world)
    sign(world, "alice", round_id, at=datetime(2026, 11, 27, 16, 31))
    with world["db"].read() as cur:
        assert repository.verdict_rows(cur, round_id)[0]["late"] is True


def test_pending_reviews_show_on_the_reviewers_home_page_and_late_ones_are_overdue(world):
    round_id = open_round(world)
    with world["db"].read() as cur:
        items = areas.my_work(cur, world["bob"], datetime(2026, 11, 28, 9, 0), "th")
        none_for_outsider = areas.my_work(cur, world["outsider"], NOW, "th")
    (item,) = [i for i in items if i.page == "reviews"]
    assert item.overdue and item.query == {"project": str(world["project_id"]), "gate": "7"}
    assert "ตรวจระบบจำลอง" in item.title
    assert none_for_outsider == []
    sign(world, "bob", round_id)
    with world["db"].read() as cur:
        assert areas.my_work(cur, world["bob"], NOW, "th") == []


def test_the_officer_is_told_to_open_a_new_round_after_a_failed_one(world):
    r1 = open_round(world)
    sign(world, "bob", r1, "reject", "ไม่ตรงกับขั้นตอนงานของกอง")
    with world["db"].read() as cur:
        items = areas.my_work(cur, world["officer"], NOW, "th")
    assert [i.title for i in items if i.page == "reviews"] == [
        "เปิดรอบใหม่ (ตรวจระบบจำลอง): PJ2570-001 ระบบรับคำร้องออนไลน์ ระยะที่ 2"
    ]


# -- bad input: refused, clear message, nothing changed -----------------------------------------
def refused_without_change(w, action, code, error=DomainError):
    before = snapshot(w["db"])
    with pytest.raises(error) as refused:
        action()
    assert refused.value.code == code
    assert refused.value.message("th") != code  # a Thai text exists for it
    assert snapshot(w["db"]) == before


def test_an_upload_too_large_is_refused_and_nothing_is_stored(world, monkeypatch):
    monkeypatch.setattr(rules, "MAX_UPLOAD_BYTES", 1000)
    refused_without_change(
        world,
        lambda: open_round(world, uploads=[Upload("a.png", png(1)), Upload("big.pdf", pdf_bytes() * 10)]),
        "file.too_large",
        ValidationError,
    )


@pytest.mark.parametrize(
    "name,content",
    [("virus.exe", b"MZ" + b"0" * 100), ("fake.png", b"MZ" + b"0" * 100), ("notes.txt", b"hello")],
)
def test_a_forbidden_or_disguised_file_is_refused_and_nothing_is_stored(world, name, content):
    refused_without_change(
        world,
        lambda: open_round(world, uploads=[Upload("ok.png", png(1)), Upload(name, content)]),
        "file.content_mismatch" if name == "fake.png" else "file.type_not_allowed",
        ValidationError,
    )


def test_a_failure_while_storing_the_second_file_leaves_nothing_half_stored(world, monkeypatch):
    real_store = files.store
    calls = []

    def failing_store(cur, checked, **kw):
        calls.append(checked.filename)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_store(cur, checked, **kw)

    monkeypatch.setattr(files, "store", failing_store)
    before = snapshot(world["db"])
    with pytest.raises(OSError):
        open_round(world)
    assert calls == ["form.png", "spec.pdf"]
    assert snapshot(world["db"]) == before


def test_a_verdict_on_a_closed_round_is_refused(world):
    round_id = open_round(world)
    sign(world, "bob", round_id, "changes", "แก้ไขหน้าจอ")
    refused_without_change(world, lambda: sign(world, "alice", round_id), "reviews.round_closed")


def test_a_second_verdict_is_refused(world):
    round_id = open_round(world, reviewers=("alice", "bob", "carol"))
    sign(world, "alice", round_id)
    refused_without_change(
        world, lambda: sign(world, "alice", round_id, "changes", "เปลี่ยนใจ"), "reviews.already_signed"
    )


def test_a_verdict_by_someone_not_required_is_refused(world):
    round_id = open_round(world)
    refused_without_change(
        world, lambda: sign(world, "outsider", round_id), "reviews.not_required", Forbidden
    )


def test_signing_for_someone_else_is_refused(world):
    round_id = open_round(world)
    refused_without_change(
        world,
        lambda: sign(world, "alice", round_id, reviewer_id=world["bob"].user_id),
        "reviews.not_for_others",
        Forbidden,
    )


def test_an_empty_request_for_changes_is_refused(world):
    round_id = open_round(world)
    refused_without_change(
        world,
        lambda: sign(world, "bob", round_id, "changes", "  "),
        "reviews.comment_required",
        ValidationError,
    )


def test_signing_without_ticking_the_confirmation_is_refused(world):
    round_id = open_round(world)
    refused_without_change(
        world,
        lambda: services.sign_review(
            world["db"],
            world["alice"],
            NOW,
            round_id,
            verdict="approve",
            comment="",
            seen_hash=current_hash(world["db"], round_id),
            confirmed=False,
        ),
        "reviews.confirm_required",
        ValidationError,
    )


def test_only_it_opens_rounds_and_an_executive_cannot_sign(world):
    refused_without_change(
        world,
        lambda: services.create_round(
            world["db"],
            world["alice"],
            NOW,
            project_id=world["project_id"],
            stage_no=7,
            changes="",
            reviewer_ids=[world["bob"].user_id],
            due_on=DUE,
            pass_rule="all",
            uploads=[Upload("a.png", png())],
        ),
        "error.forbidden",
        Forbidden,
    )
    round_id = open_round(world)
    refused_without_change(world, lambda: sign(world, "executive", round_id), "error.forbidden", Forbidden)


def test_a_second_open_round_and_a_round_after_the_gate_passed_are_refused(world):
    round_id = open_round(world)
    refused_without_change(world, lambda: open_round(world, changes="x"), "reviews.round_already_open")
    sign(world, "alice", round_id)
    sign(world, "bob", round_id)
    refused_without_change(world, lambda: open_round(world, changes="x"), "reviews.gate_already_passed")
    refused_without_change(
        world,
        lambda: services.add_artifacts(
            world["db"], world["officer"], NOW, round_id, uploads=[Upload("x.png", png(5))]
        ),
        "reviews.round_closed",
    )


def test_reviewers_must_be_active_users_allowed_to_review(world):
    refused_without_change(
        world,
        lambda: open_round(world, reviewers=("alice", "executive")),
        "reviews.reviewer_not_eligible",
        ValidationError,
    )


def test_an_unknown_round_is_not_found(world):
    with pytest.raises(NotFound):
        sign(world, "alice", 999, seen="x")


# -- certificate -------------------------------------------------------------------------------
def test_the_certificate_of_a_passed_gate_lists_the_round_artifacts_reviewers_and_verdicts(world):
    import unicodedata

    from pypdf import PdfReader

    r1 = open_round(world)
    sign(world, "bob", r1, "changes", "ยังไม่มีช่องเบอร์โทรศัพท์")
    r2 = open_round(
        world,
        uploads=[Upload("form-v2.png", png(2)), Upload("spec.pdf", pdf_bytes())],
        changes="เพิ่มช่องเบอร์โทรศัพท์",
        now=NOW + timedelta(hours=1),
    )
    sign(world, "alice", r2, comment="ครบถ้วน")
    sign(world, "bob", r2, at=datetime(2026, 11, 28, 9, 0))
    with world["db"].read() as cur:
        with pytest.raises(DomainError):
            certificates.certificate_pdf(cur, r1)
        pdf = certificates.certificate_pdf(cur, r2)
        artifact_hash = repository.artifacts(cur, r2)[0]["sha256"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    squeeze = lambda s: "".join(unicodedata.normalize("NFKC", s.replace("\u200b", "")).split())  # noqa: E731
    text = squeeze(text)
    for expected in (
        "PJ2570-001",
        "รอบที่ 2",
        "form-v2.png",
        artifact_hash[:16],
        "นางมาลี จันทร์เพ็ญ",
        "นายสุรเชษฐ์ พลอยงาม",
        "เห็นชอบ",
        "ลงนามหลังกำหนด",
        "ยังไม่มีช่องเบอร์โทรศัพท์",
    ):
        assert squeeze(expected) in text, expected
