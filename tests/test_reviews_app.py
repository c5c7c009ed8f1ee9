"""The reviews page driven with AppTest: reviewers sign, refusals show in Thai, the officer's view."""

from datetime import timedelta

import pytest

from core import bootstrap, clock, projects
from core.reviews import queries, repository, services
from core.reviews.demo import _screen_png
from core.stages import services as stage_services
from pages.reviews_page import CHECKLIST_KEY
from tests.conftest import actor_of, click, edit_table, goto, work_items

NOW = clock.now()


@pytest.fixture
def review_round(app_env):
    """A project with two requirements and an open round 1 for staff and staff2."""
    db = bootstrap.open_database(app_env, demo=False)
    officer = actor_of(db, "itofficer")

    def work(cur):
        pid = stage_services.open_project(
            cur,
            actor=officer,
            now=NOW,
            name="ระบบจองคิวรับบริการ ระยะที่ 2",
            proposal_id=None,
            unit_code="OFFICE",
            responsible_user_id=officer.user_id,
        )
        projects.add_requirement(cur, actor=officer, now=NOW, project_id=pid, text="จองคิวผ่าน LINE ได้")
        return pid

    project_id = db.write(work)
    round_id = _open_round(db, project_id, 1, links=[("ระบบจำลอง", "https://proto.example/queue")])
    db.close()
    return {"project_id": project_id, "round_id": round_id, "path": app_env}


def _open_round(db, project_id: int, round_no: int, *, changes: str = "", links=()) -> int:
    """The IT officer opens a round of gate 7 for staff and staff2, with one screen picture."""
    return services.create_round(
        db,
        actor_of(db, "itofficer"),
        NOW,
        project_id=project_id,
        stage_no=7,
        changes=changes,
        reviewer_ids=[actor_of(db, "staff").user_id, actor_of(db, "staff2").user_id],
        due_on=(NOW + timedelta(days=3)).date(),
        pass_rule="all",
        uploads=[services.Upload(f"queue-form-{round_no}.png", _screen_png("form", round_no, "queue"))],
        links=list(links),
    )


def open_reviews(at, info):
    at.query_params["project"] = str(info["project_id"])
    at.query_params["gate"] = "7"
    return goto(at, "reviews")


def verdicts(info):
    from ui.context import database

    with database().read() as cur:
        return [(r["username"], r["verdict"]) for r in repository.verdict_rows(cur, info["round_id"])]


def item_remarks(info):
    from ui.context import database

    with database().read() as cur:
        return queries.item_comments(cur, info["round_id"])


def sign_form(at, verdict_label, comment="", confirm=True, checklist=None):
    """Fill the sign form and press "ลงนาม"; ``checklist``: the requirements table's edits by row
    (``{0: {"ok": True, "note": "..."}}``)."""
    radios = [r for r in at.radio if r.label == "ผลการตรวจ"]
    radios[0].set_value({"เห็นชอบ": "approve", "ขอให้แก้ไข": "changes", "ไม่รับรอง": "reject"}[verdict_label])
    [a for a in at.text_area if a.label == "ความเห็นทั่วไป"][0].input(comment)
    if confirm:
        [c for c in at.checkbox if c.label.startswith("ข้าพเจ้าได้ตรวจ")][0].check()
    if checklist:
        (grid,) = [d for d in at.dataframe if CHECKLIST_KEY in d.proto.id]
        return edit_table(at, grid.proto.id, checklist, "ลงนาม")
    return click(at, "ลงนาม")


def test_a_pending_review_shows_on_the_reviewers_home_page(signed_in, review_round):
    at = signed_in("staff")
    assert not at.exception
    assert any("ตรวจระบบจำลอง" in t and "ระบบจองคิวรับบริการ" in t for t in work_items(at))


def test_a_reviewer_sees_the_artifacts_and_the_rule_in_plain_thai_and_signs(signed_in, review_round):
    at = open_reviews(signed_in("staff"), review_round)
    assert not at.exception
    assert at.get("image"), "the PNG artifact is shown inline"
    body = " ".join(m.value for m in at.markdown)
    assert "ผ่านเมื่อผู้ตรวจทุกคนที่กำหนดให้ความเห็นชอบ" in body
    from ui.context import database

    with database().read() as cur:
        content_hash = repository.get_round(cur, review_round["round_id"])["content_hash"]
    assert content_hash in [x.value for x in at.text]  # plain text: no code block on the page
    assert not at.code
    at = sign_form(at, "เห็นชอบ", "ใช้งานได้", checklist={0: {"ok": True, "note": "จองผ่าน LINE ได้ทันที"}})
    assert not at.exception
    assert any("บันทึกการลงนามแล้ว" in s.value for s in at.success)
    assert verdicts(review_round) == [("staff", "approve")]
    (item,) = item_remarks(review_round)  # the requirement's row of the table, kept with the signature
    assert (item["requirement_code"], item["ok"], item["comment"]) == ("R1", True, "จองผ่าน LINE ได้ทันที")
    assert any("คุณลงนามรอบนี้แล้ว" in i.value for i in at.info)


def test_an_empty_request_for_changes_is_refused_in_thai_and_nothing_is_recorded(signed_in, review_round):
    at = open_reviews(signed_in("staff2"), review_round)
    at = sign_form(at, "ขอให้แก้ไข", "")
    assert any("กรุณาระบุความเห็นว่าต้องแก้ไขอะไร" in e.value for e in at.error)
    assert verdicts(review_round) == []


def test_signing_without_the_confirmation_is_refused(signed_in, review_round):
    at = open_reviews(signed_in("staff2"), review_round)
    at = sign_form(at, "เห็นชอบ", "", confirm=False)
    assert any("กรุณาติ๊กยืนยันก่อนลงนาม" in e.value for e in at.error)
    assert verdicts(review_round) == []


def test_a_request_for_changes_fails_the_round_and_the_officer_sees_it(signed_in, review_round):
    at = open_reviews(signed_in("staff2"), review_round)
    at = sign_form(at, "ขอให้แก้ไข", "ต้องเพิ่มช่องเบอร์โทรศัพท์")
    assert any("รอบนี้ไม่ผ่าน" in s.value for s in at.success)
    officer = open_reviews(signed_in("itofficer"), review_round)
    assert not officer.exception
    assert any(e.label.startswith("รอบที่ 1 · ไม่ผ่าน") for e in officer.expander)
    assert any(e.label == "เปิดรอบการตรวจที่ 2" for e in officer.expander)
    frame = officer.dataframe[0].value
    assert "ต้องเพิ่มช่องเบอร์โทรศัพท์" in set(frame.iloc[:, 3])


def test_a_user_who_is_not_a_reviewer_sees_no_rounds(signed_in, review_round):
    at = goto(signed_in("staff3"), "reviews")
    assert not at.exception
    assert any("คุณยังไม่ได้รับมอบหมายให้ตรวจระบบใด" in i.value for i in at.info)


def test_a_passed_gate_offers_its_certificate(signed_in, review_round):
    from ui.context import database

    at = open_reviews(signed_in("staff"), review_round)
    sign_form(at, "เห็นชอบ")
    db = database()
    with db.read() as cur:
        seen = repository.get_round(cur, review_round["round_id"])["content_hash"]
    services.sign_review(
        db,
        actor_of(db, "staff2"),
        clock.now(),
        review_round["round_id"],
        verdict="approve",
        comment="",
        seen_hash=seen,
        confirmed=True,
    )
    at.run()
    assert any("ผ่านการรับรองแล้ว" in s.value for s in at.success)
    assert [b for b in at.get("download_button") if "หนังสือรับรอง" in b.proto.label]


def test_an_earlier_round_is_drawn_only_when_opened_and_its_files_are_read_only_when_downloaded(
    signed_in, review_round, monkeypatch
):
    from ui.context import database

    at = open_reviews(signed_in("staff2"), review_round)
    sign_form(at, "ขอให้แก้ไข", "ต้องเพิ่มช่องเบอร์โทรศัพท์")
    _open_round(database(), review_round["project_id"], 2, changes="เพิ่มช่องเบอร์โทรศัพท์")
    read = []
    content = services.artifact_content
    monkeypatch.setattr(services, "artifact_content", lambda *a: read.append(a[2]) or content(*a))

    at = open_reviews(signed_in("itofficer"), review_round)
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any(label.startswith("รอบที่ 2") for label in labels)
    assert any(label.startswith("รอบที่ 1 · ไม่ผ่าน") for label in labels)
    # round 2 is open and drawn (its picture read to be shown); round 1's comments are not drawn
    assert len(read) == 1
    assert not any("ต้องเพิ่มช่องเบอร์โทรศัพท์" in set(frame.value.iloc[:, 3]) for frame in at.dataframe)

    at.session_state[f"review_round_{review_round['round_id']}"] = True  # a click on round 1
    at.run()
    assert not at.exception
    assert len(set(read)) == 2  # round 1's picture too, now shown
    assert any("ต้องเพิ่มช่องเบอร์โทรศัพท์" in set(frame.value.iloc[:, 3]) for frame in at.dataframe)
