"""The assessors' evidence on a real temporary database: the rounds of a fiscal year at their
boundaries, the item mapping per year, publishing (never in place) and withdrawing, and the LPA
citizen-feedback check on the demo data."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core import audit
from core.assessments import queries, rules, services
from core.assessments import repository as repo
from core.errors import DomainError, Forbidden, ValidationError
from tests.conftest import FIXED_NOW, actor_of


@pytest.mark.parametrize(
    "day, fiscal_year, round_, ended",
    [
        (date(2027, 3, 31), 2570, "6m", False),  # the last day of the 6-month round
        (date(2027, 4, 1), 2570, "6m", True),  # the day after
        (date(2027, 9, 30), 2570, "12m", False),  # the last day of the fiscal year
        (date(2027, 10, 1), 2570, "12m", True),  # the first day of the next one
        (date(2026, 11, 24), 2570, "6m", False),  # the pinned test day
        (date(2026, 11, 24), 2569, "12m", True),
    ],
)
def test_a_round_ends_after_its_last_day(day, fiscal_year, round_, ended):
    assert rules.round_ended(fiscal_year, round_, day) is ended


def test_the_rounds_of_a_fiscal_year_and_the_days_in_them():
    assert rules.round_bounds(2570, "6m") == (date(2026, 10, 1), date(2027, 3, 31))
    assert rules.round_bounds(2570, "12m") == (date(2026, 10, 1), date(2027, 9, 30))
    assert [
        rules.round_of(d) for d in (date(2026, 10, 1), date(2027, 3, 31), date(2027, 4, 1), date(2027, 9, 30))
    ] == ["6m", "6m", "12m", "12m"]
    with pytest.raises(ValidationError):
        rules.round_bounds(2570, "3m")


def _monthly_total(ev) -> int:
    return ev.tables[0][2][-1][-1]  # the "total" cell of the monthly table


def _add_ticket(database, at: datetime, code: str) -> None:
    database.write(
        lambda cur: cur.execute(
            "INSERT INTO tickets (code, system_id, type, title, description, channel, urgency, reporter_id,"
            " recorded_by_id, reported_at, fiscal_year) SELECT ?, min(id), 'problem', 'ทดสอบ', 'ทดสอบ', 'phone',"
            " 'normal', 1, 1, ?, 2569 FROM systems",
            [code, at],
        )
    )


def test_tickets_of_31_march_count_in_the_6_month_round_and_of_1_april_only_in_the_12_month_round(demo_db):
    today = date(2026, 11, 24)

    def totals():
        with demo_db.read() as cur:
            return (
                _monthly_total(queries.evidence(cur, "service_stats", 2569, "6m", today)),
                _monthly_total(queries.evidence(cur, "service_stats", 2569, "12m", today)),
                _monthly_total(queries.evidence(cur, "service_stats", 2570, "6m", today)),
            )

    six, year, next_year = totals()
    _add_ticket(demo_db, datetime(2026, 3, 31, 23, 30), "T-BOUNDARY-1")
    assert totals() == (six + 1, year + 1, next_year)
    _add_ticket(demo_db, datetime(2026, 4, 1, 0, 10), "T-BOUNDARY-2")
    assert totals() == (six + 1, year + 2, next_year)
    _add_ticket(demo_db, datetime(2026, 9, 30, 23, 59), "T-BOUNDARY-3")
    assert totals() == (six + 1, year + 3, next_year)
    _add_ticket(demo_db, datetime(2026, 10, 1, 0, 1), "T-BOUNDARY-4")
    assert totals() == (six + 1, year + 3, next_year + 1)
    with demo_db.read() as cur:
        ev = queries.evidence(cur, "service_stats", 2569, "6m", today)
    assert ev.end == date(2026, 3, 31)
    assert ev.tables[0][2][0][0] == "ต.ค. 2568" and ev.tables[0][2][-2][0] == "มี.ค. 2569"


def test_publishing_a_round_that_has_not_ended_is_refused_in_thai(demo_db):
    ithead = actor_of(demo_db, "ithead")
    with pytest.raises(DomainError) as refused:
        services.publish(demo_db, ithead, FIXED_NOW, 2570, "6m", "O16")
    message = refused.value.message("th")
    assert "ยังไม่สิ้นสุด" in message and "31 มี.ค. 2570" in message
    # the day after the round ends it goes through
    with demo_db.read() as cur:
        assert 2570 not in queries.publication_years(cur)
    new_id = services.publish(demo_db, ithead, datetime(2027, 4, 1, 9, 0), 2570, "6m", "O16")
    with demo_db.read() as cur:
        shown = queries.publications(cur, public=True, fiscal_year=2570)
        assert queries.publication_years(cur)[0] == 2570
    assert list(shown["id"]) == [new_id] and list(shown["round"]) == ["6m"]
    with pytest.raises(DomainError):
        services.publish(demo_db, ithead, datetime(2027, 3, 31, 23, 59), 2570, "6m", "O17")


def test_a_new_publication_is_a_new_version_and_the_old_stays_listed_as_replaced(demo_db):
    ithead = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        before = repo.current_publication(cur, 2569, "12m", "O16")
        old_bytes = repo.publication_content(cur, before["id"], public=True)[1]
    new_id = services.publish(demo_db, ithead, FIXED_NOW, 2569, "12m", "O16")
    with demo_db.read() as cur:
        old = repo.get_publication(cur, before["id"])
        new = repo.get_publication(cur, new_id)
        listed = queries.publications(cur, public=True, fiscal_year=2569)
        still = repo.publication_content(cur, before["id"], public=True)[1]
        logged = audit.search(cur, audit.AuditFilter(action="assess.publish", entity_id=str(new_id)))
    assert (old["status"], old["replaced_by"]) == ("replaced", new_id)
    assert (new["status"], new["version"]) == ("published", before["version"] + 1)
    assert still == old_bytes  # never changed in place
    o16 = listed[(listed["item_code"] == "O16") & (listed["round"] == "12m")]
    assert sorted(o16["status"]) == ["published", "replaced"]
    assert len(logged) == 1
    with pytest.raises(DomainError) as replaced:
        services.withdraw(demo_db, ithead, FIXED_NOW, before["id"], "ผิด")
    assert "ถูกแทนที่ด้วยฉบับใหม่แล้ว" in replaced.value.message("th")


def test_withdrawing_needs_a_reason_is_audited_and_hides_the_document_from_the_public(demo_db):
    ithead = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        target = repo.current_publication(cur, 2569, "12m", "O18")
    with pytest.raises(ValidationError) as no_reason:
        services.withdraw(demo_db, ithead, FIXED_NOW, target["id"], "  ")
    assert "เหตุผล" in no_reason.value.message("th")
    with pytest.raises(Forbidden):
        services.withdraw(demo_db, actor_of(demo_db, "itofficer"), FIXED_NOW, target["id"], "ลิงก์ผิด")
    services.withdraw(demo_db, ithead, FIXED_NOW, target["id"], "ลิงก์ระบบจองคิวผิด")
    with demo_db.read() as cur:
        public = queries.publications(cur, public=True, fiscal_year=2569)
        internal = queries.publications(cur, public=False, fiscal_year=2569)
        logged = audit.search(cur, audit.AuditFilter(action="assess.withdraw"))
    assert target["id"] not in set(public["id"]) and target["id"] in set(internal["id"])
    assert len(logged) == 1
    with pytest.raises(DomainError) as again:
        services.withdraw(demo_db, ithead, FIXED_NOW, target["id"], "ซ้ำ")
    assert "ถูกถอนการเผยแพร่ไปแล้ว" in again.value.message("th")


def test_the_item_numbers_of_a_year_are_editable_and_checked(db):
    it = actor_of_roles("it_officer")
    with db.read() as cur:
        default, is_default = queries.items_of_year(cur, 2571)
    assert is_default and [i["item_code"] for i in default][:2] == ["O11", "O12"]
    services.save_items(
        db,
        it,
        FIXED_NOW,
        2571,
        [
            {"item_code": "o20", "doc_kind": "service_stats", "title": "ข้อมูลเชิงสถิติการให้บริการ"},
            {"item_code": "O21", "doc_kind": "satisfaction", "title": "ผลสำรวจความพึงพอใจ"},
        ],
    )
    with db.read() as cur:
        saved, is_default = queries.items_of_year(cur, 2571)
    assert not is_default and [i["item_code"] for i in saved] == ["O20", "O21"]
    with pytest.raises(ValidationError) as twice:
        services.save_items(
            db,
            it,
            FIXED_NOW,
            2571,
            [
                {"item_code": "O20", "doc_kind": "service_stats", "title": "ก"},
                {"item_code": "O20", "doc_kind": "satisfaction", "title": "ข"},
            ],
        )
    assert "ซ้ำ" in twice.value.message("th")
    with pytest.raises(ValidationError):
        services.save_items(db, it, FIXED_NOW, 2571, [{"item_code": "O20", "doc_kind": "nope", "title": "ก"}])


def actor_of_roles(*roles):
    from core.actor import Actor

    return Actor(user_id=1, username="someone", full_name="ผู้ทดสอบ", roles=frozenset(roles))


def test_the_lpa_check_shows_each_element_with_its_evidence_on_the_demo_data(demo_db):
    with demo_db.read() as cur:
        elements = {e.key: e for e in queries.lpa_check(cur, 2569)}
        empty = {e.key: e for e in queries.lpa_check(cur, 2566)}
    assert set(elements) == set(rules.LPA_ELEMENTS)
    assert all(e.met for e in elements.values()), {k: e.met for k, e in elements.items()}
    assert any("ปลัดเทศบาล" in line for line in elements["presented"].evidence)
    assert elements["score"].evidence[0].endswith("/ 70")
    assert any("O17" in line for line in elements["published"].evidence)
    assert not any(e.met for e in empty.values())


def test_the_lpa_score_element_is_not_met_below_70_percent():
    elements = {
        e.key: e
        for e in rules.lpa_elements(
            surveys=[], percent=69.99, presented=[], improvements=[], smart_cards=[], published=[]
        )
    }
    assert not elements["score"].met and elements["score"].evidence == ["69.99 / 70"]
    at_target = {
        e.key: e
        for e in rules.lpa_elements(
            surveys=[], percent=70.0, presented=[], improvements=[], smart_cards=[], published=[]
        )
    }
    assert at_target["score"].met


def test_lpa_records_refuse_future_dates_and_empty_text(demo_db):
    it = actor_of(demo_db, "itofficer")
    with pytest.raises(ValidationError):
        services.record_lpa(demo_db, it, FIXED_NOW, 2570, "presented", date(2026, 12, 1), "เสนอผล")
    with pytest.raises(ValidationError):
        services.record_lpa(demo_db, it, FIXED_NOW, 2570, "improvement", date(2026, 11, 1), " ")
    services.record_lpa(demo_db, it, FIXED_NOW, 2570, "presented", date(2026, 11, 20), "เสนอผลต่อปลัด")
    with demo_db.read() as cur:
        presented = {e.key: e for e in queries.lpa_check(cur, 2570)}["presented"]
    assert presented.met and "20 พ.ย. 2569 เสนอผลต่อปลัด" in presented.evidence
