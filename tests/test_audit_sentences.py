"""The audit log read as sentences (issue 16): who did what to which record, in Thai or English."""

import re
from pathlib import Path

from core import audit, audit_sentences, i18n
from core.audit_sentences import describe
from core.proposals import rules as proposal_rules
from core.tickets import rules as ticket_rules
from tests.conftest import FIXED_NOW

CORE = Path(__file__).resolve().parents[1] / "core"


def test_an_approval_reads_as_a_thai_sentence_with_the_person_and_the_proposal_code():
    row = {
        "actor": "ithead",
        "actor_name": "นายธนกร บุญมา",
        "action": "proposal.approve",
        "entity": "proposal",
        "entity_id": "27",
        "record_code": "PR2570-019",
    }
    assert describe(row) == "นายธนกร บุญมา อนุมัติโครงการ ข้อเสนอ PR2570-019"
    assert describe(row, "en") == "นายธนกร บุญมา: Approve proposal PR2570-019"


def test_a_ticket_step_uses_the_ticket_verbs_and_a_record_without_code_shows_its_number():
    row = {
        "actor": "itofficer",
        "actor_name": None,
        "action": "ticket.assign",
        "entity": "ticket",
        "entity_id": "5",
    }
    assert describe(row) == "itofficer มอบหมายผู้รับผิดชอบ เรื่องแจ้ง #5"


def test_the_system_acting_on_the_database_names_neither_a_user_nor_a_record():
    row = {
        "actor": "system",
        "action": "demo.seed",
        "entity": "database",
        "entity_id": None,
        "record_code": float("nan"),
    }
    assert describe(row) == "ระบบ สร้างข้อมูลตัวอย่าง"


def test_an_unknown_action_still_reads_as_thai_without_its_code():
    sentence = describe(
        {
            "actor": "admin",
            "actor_name": "นายณัฐวุฒิ",
            "action": "future.thing",
            "entity": "user",
            "entity_id": "3",
        }
    )
    assert sentence == "นายณัฐวุฒิ บันทึกการเปลี่ยนแปลง ผู้ใช้ #3"
    assert "future" not in sentence


def test_every_action_a_service_records_has_a_sentence_of_its_own():
    """Every action code written in core/ (literal, or built from a workflow's steps) has its verb."""
    literal = {
        code
        for path in CORE.rglob("*.py")
        for code in re.findall(r'action="([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8"))
    }
    built = (
        {f"proposal.{step}" for step in proposal_rules.STEPS}
        | {f"ticket.{verb}" for verb in ticket_rules.TRANSITIONS}
        | {f"driver.{decision}" for decision in proposal_rules.DRIVER_DECISIONS}
        | {"review.round_passed", "review.round_failed"}
    )
    assert len(literal) > 50
    generic = i18n.t("audit.do.other")
    assert sorted(a for a in literal | built if audit_sentences.action_text(a) == generic) == []
    assert (
        sorted(
            a
            for a in literal | built
            if audit_sentences.action_text(a, "en") == i18n.t("audit.do.other", "en")
        )
        == []
    )


def test_the_search_gives_each_entry_its_actors_full_name_and_its_records_code(demo_db):
    with demo_db.read() as cur:
        proposal_id, code = cur.execute("SELECT id, code FROM proposals ORDER BY id LIMIT 1").fetchone()
    demo_db.write(
        lambda cur: audit.record(
            cur,
            actor="ithead",
            action="proposal.approve",
            entity="proposal",
            entity_id=proposal_id,
            at=FIXED_NOW,
        )
    )
    with demo_db.read() as cur:
        entry = audit.search(cur, audit.AuditFilter(action="proposal.approve", limit=5)).iloc[0]
    assert entry["record_code"] == code
    assert entry["actor_name"] == "นายธนกร บุญมา"
    assert describe(entry.to_dict()) == f"นายธนกร บุญมา อนุมัติโครงการ ข้อเสนอ {code}"


def test_a_person_acting_on_their_own_account_is_not_named_twice():
    row = {
        "actor": "ithead",
        "actor_name": "นายธนกร บุญมา",
        "action": "auth.login",
        "entity": "user",
        "entity_id": "ithead",
    }
    assert describe(row) == "นายธนกร บุญมา เข้าสู่ระบบ"
