"""The order of "งานของฉัน": what needs the person now comes first; survey invitations count as one."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.mywork import WorkItem, arrange

NOW = datetime(2026, 11, 24, 10, 0)
GROUP = "surveys.home.answer_many"


def item(
    title: str, kind: str = "", due_in_days: float | None = None, overdue: bool = False, **more
) -> WorkItem:
    due = NOW + timedelta(days=due_in_days) if due_in_days is not None else None
    return WorkItem(area="page.home", title=title, due=due, overdue=overdue, kind=kind, **more)


def survey(title: str, code: str, closes_in_days: float) -> WorkItem:
    return WorkItem(
        area="page.survey_answer",
        title=f"ตอบแบบสำรวจความพึงพอใจ: {title}",
        page="survey_answer",
        query={"survey": code},
        due=NOW + timedelta(days=closes_in_days),
        group=GROUP,
    )


def test_approvals_come_before_questions_reviews_breaches_and_the_rest_even_if_the_rest_is_overdue():
    items = [
        item("stage late", due_in_days=-3, overdue=True),
        item("ticket near breach", kind="breach", due_in_days=0.1),
        item("review to sign", kind="sign", due_in_days=2),
        item("question from IT", kind="answer"),
        item("proposal to approve", kind="approve", due_in_days=10),
        item("survey to process", due_in_days=1),
    ]
    titles = [i.title for i in arrange(items, NOW, "th")]
    assert titles == [
        "proposal to approve",
        "question from IT",
        "review to sign",
        "ticket near breach",
        "stage late",
        "survey to process",
    ]


def test_within_a_kind_overdue_comes_first_then_the_nearest_due_then_items_without_a_due_time():
    items = [
        item("no due", kind="approve"),
        item("due later", kind="approve", due_in_days=5),
        item("due sooner", kind="approve", due_in_days=1),
        item("overdue", kind="approve", due_in_days=-1, overdue=True),
    ]
    assert [i.title for i in arrange(items, NOW, "th")] == ["overdue", "due sooner", "due later", "no due"]


def test_many_survey_invitations_become_one_item_counting_them_and_opening_the_surveys_page():
    surveys = [survey(f"บริการ {n}", f"SV-{n}", closes_in_days=n + 1) for n in range(28)]
    surveys.append(survey("บริการ 0", "SV-same-title", closes_in_days=40))  # same title as SV-0
    arranged = arrange([item("proposal", kind="approve"), *surveys], NOW, "th")
    assert [i.title for i in arranged] == ["proposal", "ตอบแบบสำรวจ 29 เรื่อง"]
    grouped = arranged[1]
    assert grouped.page == "survey_answer" and grouped.query == {}
    assert grouped.due == NOW + timedelta(days=1)  # the first one to close
    assert not grouped.overdue
    assert arrange(surveys, NOW, "en")[0].title == "Answer 29 surveys"


def test_a_single_survey_invitation_stays_itself_and_links_to_its_survey():
    (only,) = arrange([survey("บริการงานทะเบียน", "SV-1", closes_in_days=3)], NOW, "th")
    assert only.title == "ตอบแบบสำรวจความพึงพอใจ: บริการงานทะเบียน"
    assert only.query == {"survey": "SV-1"}


def test_an_empty_list_stays_empty():
    assert arrange([], NOW, "th") == []


def test_in_the_demo_town_the_executive_sees_the_approvals_first_and_the_surveys_as_one_item(demo_db):
    from core import areas
    from tests.conftest import FIXED_NOW, actor_of

    for username in ("executive", "itofficer", "director", "ithead", "staff"):
        with demo_db.read() as cur:
            items = areas.my_work(cur, actor_of(demo_db, username), FIXED_NOW, "th")
        kinds = [i.kind for i in items]
        ranks = [("approve", "answer", "sign", "breach", "").index(k) for k in kinds]
        assert ranks == sorted(ranks), username
        assert len([i for i in items if i.page == "survey_answer"]) <= 1, username
        if username == "executive":
            assert items[0].kind == "approve" and items[0].page == "proposals"
            assert len(items) < 15
            assert any(i.title.startswith("ตอบแบบสำรวจ ") and i.title.endswith(" เรื่อง") for i in items)
        if username == "staff":  # IT's question to this reporter comes before anything else
            assert items[0].kind == "answer" and items[0].detail == "เจ้าหน้าที่ขอข้อมูลเพิ่มเติมจากคุณ"
