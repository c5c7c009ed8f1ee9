"""PDPA done by the system: the retention purge on the scheduler, old backups deleted, a restore
that never brings purged answers back, owner-only files, masking of contact details in Thai and
Arabic digits, e-mail and LINE IDs, and the data-subject request screen for IT."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest

from core import audit, bootstrap
from core.reliability import backup
from core.reliability.restore import restore
from core.reliability.scheduler import Scheduler
from core.surveys import privacy, rules
from core.surveys import repository as repo
from core.surveys import services as survey_services
from core.surveys.stats import mask_personal
from tests.conftest import FIXED_NOW, actor_of, click, goto

NOW = FIXED_NOW


def _short_retention(db, days: int = 60) -> None:
    survey_services.set_retention_days(db, actor_of(db, "admin"), NOW, days)


def _purgeable(db, days: int = 60) -> list[str]:
    with db.read() as cur:
        return [s["code"] for s in repo.purgeable(cur, rules.purge_cutoff(NOW, days))]


def _raw_answers_of(db, codes: list[str]) -> int:
    with db.read() as cur:
        return cur.execute(
            "SELECT count(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id"
            " WHERE s.code IN (SELECT unnest(?::VARCHAR[]))",
            [codes],
        ).fetchone()[0]


def test_the_scheduler_runs_the_retention_purge_by_itself_once_a_day(demo_db, tmp_path):
    _short_retention(demo_db)
    due = _purgeable(demo_db)
    assert due and _raw_answers_of(demo_db, due) > 0
    scheduler = Scheduler(demo_db, clock=lambda: NOW, root=tmp_path / "backups", heartbeat=False)
    scheduler.tick()
    assert _purgeable(demo_db) == [] and _raw_answers_of(demo_db, due) == 0
    with demo_db.read() as cur:
        purges = audit.search(cur, audit.AuditFilter(action="survey.purge"))
    assert set(purges["actor"]) == {"system"}
    assert scheduler.retention(NOW) is None  # not twice on one day


def test_backups_older_than_the_retention_window_are_deleted(demo_db, tmp_path):
    _short_retention(demo_db)
    root = tmp_path / "backups"
    old = backup.take_backup(demo_db, NOW - timedelta(days=61), root=root, keep=20)
    recent = backup.take_backup(demo_db, NOW - timedelta(days=1), root=root, keep=20)
    Scheduler(demo_db, clock=lambda: NOW, root=root, heartbeat=False).tick()
    names = [b.name for b in backup.list_backups(root, demo_db.path.name)]
    assert old.name not in names and recent.name in names


def test_a_restore_never_brings_purged_answers_back(demo_db_path, tmp_path):
    db = bootstrap.open_database(demo_db_path, demo=False)
    _short_retention(db)
    due = _purgeable(db)
    taken = backup.take_backup(db, NOW, root=tmp_path / "backups")  # still holds the answers
    survey_services.purge_expired(db, actor_of(db, "admin"), NOW)
    assert _raw_answers_of(db, due) == 0
    db.close()
    restore(demo_db_path, taken.path, NOW + timedelta(minutes=5))
    db = bootstrap.open_database(demo_db_path, demo=False)
    try:
        assert _raw_answers_of(db, due) == 0
        assert _purgeable(db) == []
    finally:
        db.close()


def test_the_database_and_its_backups_are_readable_by_the_owner_only(tmp_path):
    import os

    os.umask(0o022)  # a typical server default
    db = bootstrap.open_database(tmp_path / "data" / "pattana.duckdb", demo=False)
    taken = backup.take_backup(db, NOW, root=backup.backup_root(db.path))
    try:
        assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(taken.path.stat().st_mode) == 0o700
        assert {stat.S_IMODE(p.stat().st_mode) for p in taken.path.iterdir()} == {0o600}
    finally:
        db.close()


@pytest.mark.parametrize(
    "text, hidden",
    [
        ("โทร ๐๘๑-๒๓๔-๕๖๗๘ ครับ", "๕๖๗๘"),
        ("โทร 081-234-5678 ครับ", "5678"),
        ("+66 81 234 5678", "5678"),
        ("บัตร ๑ ๓๔๐๑ ๐๐๑๒๓ ๔๕ ๖", "๐๐๑๒๓"),
        ("ติดต่อ somchai.k@gmail.com ได้", "somchai"),
        ("ไลน์ somchai_99 นะคะ", "somchai_99"),
        ("LINE ID: warin.shop", "warin.shop"),
        ("แอดไลน์ @warinshop", "warinshop"),
    ],
)
def test_contact_details_are_masked_in_thai_and_arabic_digits_email_and_line(text, hidden):
    assert hidden not in mask_personal(text)


def test_ordinary_text_is_not_masked():
    assert mask_personal("ปี 2569 บริการดีมาก 5 ดาว") == "ปี 2569 บริการดีมาก 5 ดาว"


def _citizen_with_contact(db, phone: str, suggestion: str = "โทรกลับ 081-234-5678 ได้ค่ะ") -> None:
    with db.read() as cur:
        code = cur.execute(
            "SELECT code FROM surveys WHERE audience = 'citizens' AND opens_on <= ? AND closes_on >= ?"
            " ORDER BY id LIMIT 1",
            [NOW.date(), NOW.date()],
        ).fetchone()[0]
        items = repo.sections_and_items(cur, repo.get_survey_by_code(cur, code)["id"])
    survey_services.submit_public(
        db,
        NOW,
        code=code,
        submission_id="dsr-test-submission-1",
        scores={i["id"]: 5 for i in items},
        suggestion=suggestion,
        wants_contact=True,
        contact_name="นางมาลี ใจดี",
        contact_phone=phone,
        shown_at=NOW - timedelta(minutes=3),
    )


def test_it_finds_a_citizens_contact_typed_in_thai_digits_and_erases_it_audited(signed_in):
    from ui.context import database

    db = database()
    _citizen_with_contact(db, "081-234-5678")
    at = signed_in("itofficer")
    goto(at, "privacy")
    assert not at.exception
    at.text_input[0].input("๐๘๑ ๒๓๔ ๕๖๗๘")
    click(at, "ดำเนินการ")
    assert "นางมาลี ใจดี" in set(at.dataframe[0].value.iloc[:, 2])
    at.radio[0].set_value("erase")
    at.checkbox[0].check()
    click(at, "ดำเนินการ")
    assert any("ลบข้อมูลติดต่อแล้ว 1" in s.body for s in at.success), [e.body for e in at.error]
    with db.read() as cur:
        left = cur.execute(
            "SELECT contact_name, contact_phone, suggestion FROM survey_responses"
            " WHERE submission_id = 'dsr-test-submission-1'"
        ).fetchone()
        actions = list(audit.search(cur, audit.AuditFilter(actor="itofficer"))["action"])
    assert left[0] is None and left[1] is None and "5678" not in left[2]
    assert "privacy.search" in actions and "privacy.erase" in actions


def test_the_export_holds_the_contact_and_staff_outside_it_cannot_ask(demo_db):
    _citizen_with_contact(demo_db, "+66 81 234 5678")
    data = privacy.export_contacts(demo_db, actor_of(demo_db, "ithead"), NOW, "0812345678")
    assert data.startswith(b"PK")
    from core.errors import Forbidden

    with pytest.raises(Forbidden):
        privacy.find_contacts(demo_db, actor_of(demo_db, "staff"), NOW, "0812345678")


def test_the_daily_job_forgets_idle_throttles_and_old_sessions(demo_db, tmp_path):
    from core.security import services as security

    security.sign_in_failed(demo_db, "staff", "203.0.113.5", NOW - timedelta(days=2))
    sid = security.sign_in_succeeded(demo_db, "staff", "203.0.113.6", NOW - timedelta(days=40), 1)
    security.sign_in_failed(demo_db, "staff", "203.0.113.7", NOW)
    Scheduler(demo_db, clock=lambda: NOW, root=tmp_path / "backups", heartbeat=False).tick()
    with demo_db.read() as cur:
        clients = set(security.throttles(cur)["key"])
        sessions = cur.execute("SELECT count(*) FROM user_sessions").fetchone()[0]
    assert "203.0.113.5" not in clients and "203.0.113.7" in clients
    assert sessions == 0 and sid
