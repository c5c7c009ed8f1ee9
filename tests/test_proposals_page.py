"""The proposals page per role, driven with AppTest on a copy of the demo database."""

from __future__ import annotations

import pytest

from core.proposals import repository as repo
from core.proposals import services
from core.proposals.rules import ProposalInput
from tests.conftest import actor_of, click, goto, work_items


def _db():
    from ui.context import database

    return database()


def _first(status: str, complete: bool = True) -> int:
    with _db().read() as cur:
        return cur.execute(
            "SELECT max(id) FROM proposals WHERE status = ? AND (NOT ? OR (targets <> ''"
            " AND responsible_user_id IS NOT NULL AND budget_kind IS NOT NULL))",
            [status, complete],
        ).fetchone()[0]


def _status(proposal_id: int) -> str:
    with _db().read() as cur:
        return repo.get_proposal(cur, proposal_id)["status"]


def _open(at, proposal_id: int):
    at.query_params["proposal"] = str(proposal_id)
    return goto(at, "proposals")


def test_the_list_shows_every_proposal_with_filters_and_an_excel_download(signed_in):
    at = goto(signed_in("director"), "proposals")
    assert not at.exception
    frame = at.dataframe[0].value
    assert {"เลขที่", "ชื่อโครงการ", "สถานะ", "ปีงบประมาณ", "หน่วยงาน", "อายุ (วัน)"} <= set(frame.columns)
    assert "อนุมัติแล้ว" in set(frame["สถานะ"])
    total = len(frame)
    at.selectbox[1].set_value("approved").run()
    assert 0 < len(at.dataframe[0].value) < total
    assert set(at.dataframe[0].value["สถานะ"]) == {"อนุมัติแล้ว"}


def test_the_it_head_submits_a_complete_draft(signed_in):
    draft = _first("draft")
    at = _open(signed_in("ithead"), draft)
    assert not at.exception
    click(at, "เสนอผู้อำนวยการกอง")
    assert not at.exception
    assert _status(draft) == "submitted"
    assert any("เสนอผู้อำนวยการกองแล้ว" in s.body for s in at.success)


def test_submitting_an_incomplete_draft_names_what_is_missing(signed_in):
    at = signed_in("ithead")
    db = _db()
    draft = services.create_proposal(
        db, actor_of(db, "ithead"), _now(), ProposalInput(title="ระบบที่ยังไม่ครบ", objectives="เพื่อทดสอบ")
    )
    _open(at, draft)
    click(at, "เสนอผู้อำนวยการกอง")
    assert any("เป้าหมาย, ขอบเขต, วงเงินงบประมาณ, ผู้รับผิดชอบโครงการ" in e.body for e in at.error)
    assert _status(draft) == "draft"


def test_a_negative_budget_typed_in_the_form_is_refused(signed_in):
    draft = _first("draft")
    at = _open(signed_in("ithead"), draft)
    box = next(t for t in at.text_input if t.label == "จำนวนเงิน (บาท)")
    box.input("-500")
    click(at, "บันทึกร่าง")
    assert any("ต้องไม่ติดลบ" in e.body for e in at.error)
    with _db().read() as cur:
        assert (
            repo.get_proposal(cur, draft)["budget_amount"] is None
            or repo.get_proposal(cur, draft)["budget_amount"] >= 0
        )


def test_the_director_proposes_a_submitted_proposal(signed_in):
    submitted = _first("submitted")
    at = _open(signed_in("director"), submitted)
    assert "บันทึกร่าง" not in [b.label for b in at.button]  # not editable any more
    click(at, "เสนอผู้บริหารพิจารณา")
    assert _status(submitted) == "proposed"


def test_the_executive_approves_and_the_project_appears(signed_in):
    proposed = _first("proposed", complete=False)
    at = _open(signed_in("executive"), proposed)
    click(at, "อนุมัติโครงการ")
    assert not at.exception
    with _db().read() as cur:
        row = repo.get_proposal(cur, proposed)
    assert row["status"] == "approved" and row["project_id"] is not None
    assert any("โครงการที่อนุมัติ" in s.body for s in at.success)


def test_the_executive_must_give_a_reason_to_reject(signed_in):
    proposed = _first("proposed", complete=False)
    at = _open(signed_in("executive"), proposed)
    click(at, "ไม่อนุมัติโครงการ")
    assert any("กรุณาระบุเหตุผล" in e.body for e in at.error)
    assert _status(proposed) == "proposed"


def test_the_director_sees_no_approve_button(signed_in):
    proposed = _first("proposed", complete=False)
    at = _open(signed_in("director"), proposed)
    assert "อนุมัติโครงการ" not in [b.label for b in at.button]


def test_an_it_officer_considers_a_driver_from_the_register(signed_in):
    with _db().read() as cur:
        pending = repo.pending_drivers(cur)
    assert pending
    at = signed_in("itofficer")
    at.query_params["view"] = "drivers"
    goto(at, "proposals")
    assert not at.exception
    assert any("พิจารณาภายใน 1 วันทำการ" in c.value for c in at.caption)
    click(at, "ยืนยัน")
    with _db().read() as cur:
        assert repo.get_driver(cur, pending[0]["id"])["status"] == "accepted"


def test_the_home_page_of_the_director_lists_proposals_to_propose(signed_in):
    at = signed_in("director")
    assert any("\nPR2570" in item for item in work_items(at))


def test_division_staff_cannot_open_the_page(signed_in):
    with pytest.raises(ValueError):
        goto(signed_in("staff"), "proposals")


def _now():
    from core.clock import now

    return now()


def test_the_work_plan_of_a_new_proposal_is_a_grid_of_tick_boxes_not_text_cells(signed_in):
    import json

    db = _db()
    draft = services.create_proposal(
        db, actor_of(db, "ithead"), _now(), ProposalInput(title="ระบบจองห้องประชุม")
    )
    at = _open(signed_in("ithead"), draft)
    assert not at.exception
    [editor] = [d for d in at.dataframe if d.proto.editing_mode]
    assert list(editor.value.columns)[:2] == ["กิจกรรม", "ต.ค."] and len(editor.value) == 0
    months = list(editor.value.columns)[1:]
    assert len(months) == 12 and all(editor.value[m].dtype == bool for m in months)
    columns = json.loads(editor.proto.columns)
    assert all(
        columns[m]["type_config"]["type"] == "checkbox" and columns[m]["default"] is False for m in months
    )
