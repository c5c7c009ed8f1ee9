"""Survey services on real DuckDB files: building, answering, refusals, import, purge, KPI."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from core import audit
from core.errors import DomainError, Forbidden, ValidationError
from core.surveys import importer, kpi, queries, services
from core.surveys import repository as repo
from tests.conftest import FIXED_NOW, actor_of

NOW = FIXED_NOW
SHOWN = NOW - timedelta(minutes=2)


def _survey(db, **overrides):
    it = actor_of(db, "itofficer")
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems WHERE code = 'ETAX'").fetchone()[0]
    values = dict(
        title="แบบสำรวจทดสอบ",
        system_id=system_id,
        fiscal_year=2570,
        audience="citizens",
        opens_on=NOW.date() - timedelta(days=1),
        closes_on=NOW.date() + timedelta(days=5),
        sections=[("ด้านกระบวนการ", ["ขั้นตอนง่าย", "รวดเร็ว"]), ("ด้านเจ้าหน้าที่", ["สุภาพ"])],
        code="TEST-1",
    )
    values.update(overrides)
    survey_id = services.create_survey(db, it, NOW, **values)
    with db.read() as cur:
        items = [r["id"] for r in repo.sections_and_items(cur, survey_id)]
    return survey_id, items


def _submit(db, items, scores, sid="sub-000000001", **kw):
    return services.submit_public(
        db,
        NOW,
        code=kw.pop("code", "TEST-1"),
        submission_id=sid,
        scores=dict(zip(items, scores)),
        shown_at=kw.pop("shown_at", SHOWN),
        **kw,
    )


def test_a_citizen_submission_is_stored_with_its_answers_and_audited(demo_db):
    survey_id, items = _survey(demo_db)
    result = _submit(
        demo_db,
        items,
        [5, 4, 0],
        demographics={"sex": "female", "age_band": "30_39"},
        suggestion="ดีมาก โทร 0812345678",
    )
    assert result.stored and not result.repeated
    with demo_db.read() as cur:
        assert repo.item_counts(cur, survey_id) == {items[0]: {5: 1}, items[1]: {4: 1}, items[2]: {0: 1}}
        report = services.survey_report(cur, survey_id)
        assert report.suggestions == ["ดีมาก โทร xxxxxxxxxx"]
        assert not audit.search(cur, audit.AuditFilter(action="survey.respond")).empty


def test_the_same_submission_id_twice_stores_one_response(demo_db):
    survey_id, items = _survey(demo_db)
    first = _submit(demo_db, items, [5, 5, 5])
    second = _submit(demo_db, items, [1, 1, 1])
    assert second.repeated and second.response_id == first.response_id
    with demo_db.read() as cur:
        assert repo.response_count(cur, survey_id) == 1


def test_a_filled_honeypot_or_a_too_fast_form_looks_accepted_but_stores_nothing(demo_db):
    survey_id, items = _survey(demo_db)
    assert not _submit(demo_db, items, [5, 5, 5], honeypot="http://spam").stored
    assert not _submit(
        demo_db, items, [5, 5, 5], sid="sub-000000002", shown_at=NOW - timedelta(seconds=1)
    ).stored
    with demo_db.read() as cur:
        assert repo.response_count(cur, survey_id) == 0


@pytest.mark.parametrize(
    "scores, code",
    [
        ([5, None, 4], "surveys.items_missing"),
        ([5, 6, 4], "surveys.score_invalid"),
        ([5, "x", 4], "surveys.score_invalid"),
    ],
)
def test_missing_or_out_of_range_answers_are_refused(demo_db, scores, code):
    survey_id, items = _survey(demo_db)
    with pytest.raises(ValidationError) as caught:
        _submit(demo_db, items, scores)
    assert caught.value.code == code
    with demo_db.read() as cur:
        assert repo.response_count(cur, survey_id) == 0


def test_no_opinion_is_refused_when_the_survey_does_not_offer_it(demo_db):
    _, items = _survey(demo_db, allow_no_opinion=False)
    with pytest.raises(ValidationError):
        _submit(demo_db, items, [5, 0, 4])


def test_a_closed_or_unknown_survey_refuses_answers(demo_db):
    _, items = _survey(demo_db, opens_on=date(2026, 10, 1), closes_on=date(2026, 10, 31))
    with pytest.raises(DomainError) as caught:
        _submit(demo_db, items, [5, 5, 5])
    assert caught.value.code == "surveys.closed"
    with pytest.raises(DomainError) as caught:
        _submit(demo_db, items, [5, 5, 5], code="NOPE-1")
    assert caught.value.code == "surveys.not_found"


def test_a_one_time_token_is_refused_the_second_time(demo_db):
    survey_id, items = _survey(demo_db, require_token=True)
    token = services.issue_tokens(demo_db, actor_of(demo_db, "itofficer"), NOW, survey_id, 2)[0]
    with pytest.raises(DomainError):
        _submit(demo_db, items, [5, 5, 5])
    assert _submit(demo_db, items, [5, 5, 5], token=token).stored
    with pytest.raises(DomainError) as caught:
        _submit(demo_db, items, [4, 4, 4], sid="sub-000000009", token=token)
    assert caught.value.code == "surveys.token_used"


def test_contact_details_are_kept_only_on_opt_in(demo_db):
    survey_id, items = _survey(demo_db)
    _submit(demo_db, items, [5, 5, 5], contact_name="นาย ก", contact_phone="0812345678")
    _submit(
        demo_db,
        items,
        [5, 5, 5],
        sid="sub-000000002",
        wants_contact=True,
        contact_name="นาง ข",
        contact_phone="0899999999",
    )
    with demo_db.read() as cur:
        assert list(queries.contacts(cur, survey_id)["contact_name"]) == ["นาง ข"]


def test_staff_answer_an_internal_survey_once(demo_db):
    survey_id, items = _survey(demo_db, audience="staff", code="STAFF-1")
    staff = actor_of(demo_db, "staff")
    services.submit_internal(
        demo_db,
        staff,
        NOW,
        survey_id=survey_id,
        submission_id="int-00000001",
        scores=dict(zip(items, [4, 4, 5])),
    )
    with pytest.raises(DomainError) as caught:
        services.submit_internal(
            demo_db,
            staff,
            NOW,
            survey_id=survey_id,
            submission_id="int-00000002",
            scores=dict(zip(items, [4, 4, 5])),
        )
    assert caught.value.code == "surveys.already_answered"
    with pytest.raises(DomainError):  # a staff survey is not answered on the public page
        _submit(demo_db, items, [5, 5, 5], code="STAFF-1")


def test_items_cannot_change_once_answered(demo_db):
    survey_id, items = _survey(demo_db)
    it = actor_of(demo_db, "itofficer")
    services.set_items(demo_db, it, NOW, survey_id, [("ด้านใหม่", ["ข้อใหม่"])])
    with demo_db.read() as cur:
        items = [r["id"] for r in repo.sections_and_items(cur, survey_id)]
    _submit(demo_db, items, [5])
    with pytest.raises(DomainError) as caught:
        services.set_items(demo_db, it, NOW, survey_id, [("ด้าน", ["ข้อ"])])
    assert caught.value.code == "surveys.items_locked"


def test_only_it_builds_surveys(demo_db):
    with pytest.raises(Forbidden):
        services.create_survey(
            demo_db,
            actor_of(demo_db, "staff"),
            NOW,
            title="x",
            system_id=None,
            counter_name="ช่อง 1",
            fiscal_year=2570,
            audience="citizens",
            opens_on=NOW.date(),
            closes_on=NOW.date(),
        )


def test_a_target_defaults_to_krejcie_and_morgan_from_the_population(demo_db):
    survey_id, _ = _survey(demo_db, population=10_000)
    with demo_db.read() as cur:
        assert repo.get_survey(cur, survey_id)["target_count"] == 370


GOOD_CSV = (
    "Timestamp,Q1 ขั้นตอนง่าย,Q2,Q3,เพศ,อายุ,ข้อเสนอแนะ\n"
    "2026-11-20,5,มาก,ไม่มีความเห็น,หญิง,30-39 ปี,ดี\n"
    "2026-11-20,๔,3,5 มากที่สุด,male,,\n"
).encode()


def test_a_valid_file_is_imported_whole(demo_db):
    survey_id, items = _survey(demo_db)
    n = services.import_responses(
        demo_db, actor_of(demo_db, "itofficer"), NOW, survey_id, filename="answers.csv", content=GOOD_CSV
    )
    assert n == 2
    with demo_db.read() as cur:
        assert repo.item_counts(cur, survey_id) == {
            items[0]: {5: 1, 4: 1},
            items[1]: {4: 1, 3: 1},
            items[2]: {0: 1, 5: 1},
        }
        groups = repo.group_counts(cur, survey_id)
        assert groups[("sex", "female")].respondents == 1 and groups[("age_band", "30_39")].respondents == 1


def test_a_partly_bad_file_imports_nothing_and_names_every_bad_line(demo_db):
    survey_id, _ = _survey(demo_db)
    bad = GOOD_CSV + "2026-11-21,7,3,3,หญิง,,\n2026-11-21,5,,3,ต่างดาว,,\n".encode()
    with pytest.raises(importer.ImportRejected) as caught:
        services.import_responses(
            demo_db, actor_of(demo_db, "itofficer"), NOW, survey_id, filename="answers.csv", content=bad
        )
    lines = caught.value.lines("en")
    assert [line for line, _ in lines] == [4, 5, 5]
    assert "Item 1" in lines[0][1] and "empty" in lines[1][1] and "ต่างดาว" in lines[2][1]
    with demo_db.read() as cur:
        assert repo.response_count(cur, survey_id) == 0


def test_a_file_missing_item_columns_or_unreadable_is_refused(demo_db):
    survey_id, _ = _survey(demo_db)
    it = actor_of(demo_db, "itofficer")
    with pytest.raises(importer.ImportRejected) as caught:
        services.import_responses(demo_db, it, NOW, survey_id, filename="a.csv", content=b"Q1,Q2\n5,5\n")
    assert "3" in caught.value.lines("en")[0][1]
    with pytest.raises(importer.ImportRejected):
        services.import_responses(demo_db, it, NOW, survey_id, filename="a.xlsx", content=b"not a zip")


def test_processing_is_recorded_only_after_the_close(demo_db):
    it = actor_of(demo_db, "itofficer")
    survey_id, _ = _survey(demo_db)
    with pytest.raises(DomainError):
        services.mark_processed(demo_db, it, NOW, survey_id)
    closed_id, _ = _survey(demo_db, code="TEST-2", opens_on=date(2026, 10, 1), closes_on=date(2026, 11, 20))
    services.import_responses(demo_db, it, NOW, closed_id, filename="paper.csv", content=GOOD_CSV)
    services.mark_processed(demo_db, it, NOW, closed_id)  # closed Fri 20 Nov, due Tue 24 Nov 16:30
    with demo_db.read() as cur:
        row = kpi.processing_deadlines(cur, [2570]).set_index("survey_id").loc[closed_id]
    assert row["due_at"] == datetime(2026, 11, 24, 16, 30) and row["met"] is True


def test_the_purge_keeps_the_figures_and_deletes_the_raw_answers(demo_db):
    admin = actor_of(demo_db, "admin")
    with demo_db.read() as cur:
        before = services.survey_report(cur, 1)
        kpi_before = kpi.satisfaction(cur, [2569, 2570])
    with pytest.raises(Forbidden):
        services.purge_expired(demo_db, actor_of(demo_db, "ithead"), NOW)
    services.set_retention_days(demo_db, admin, NOW, 90)
    with demo_db.read() as cur:
        expired = cur.execute(
            "SELECT count(*) FROM surveys WHERE closes_on < ? - INTERVAL 90 DAY", [NOW]
        ).fetchone()[0]
    purged = services.purge_expired(demo_db, admin, NOW)
    assert len(purged) == expired >= 12  # at least the twelve surveys of July 2569
    with demo_db.read() as cur:
        assert cur.execute("SELECT count(*) FROM survey_responses WHERE survey_id = 1").fetchone()[0] == 0
        after = services.survey_report(cur, 1)
        kpi_after = kpi.satisfaction(cur, [2569, 2570])
        assert not audit.search(cur, audit.AuditFilter(action="survey.purge")).empty
    assert after.results.as_dict() == before.results.as_dict()
    assert after.suggestions == before.suggestions
    assert kpi_after.round(9).equals(kpi_before.round(9))
    assert services.purge_expired(demo_db, admin, NOW) == []


def test_kpi_figures_match_hand_computed_values(db):
    it = actor_of_db_it(db)
    survey_id = services.create_survey(
        db,
        it,
        NOW,
        title="t",
        system_id=None,
        counter_name="ช่อง 1",
        fiscal_year=2570,
        audience="citizens",
        opens_on=NOW.date(),
        closes_on=NOW.date(),
        sections=[("ด้าน ก", ["a", "b"])],
        code="K-1",
    )
    with db.read() as cur:
        items = [r["id"] for r in repo.sections_and_items(cur, survey_id)]
    for i, scores in enumerate([[5, 4], [3, 0], [5, 5]]):
        services.submit_public(
            db,
            NOW,
            code="K-1",
            submission_id=f"kpi-0000000{i}",
            scores=dict(zip(items, scores)),
            shown_at=SHOWN,
        )
    # answers 5,4,3,5,5 (one no opinion): n 5, mean 4.4, Σx² 100, S.D. √((100-96.8)/4) = √0.8
    with db.read() as cur:
        overall = kpi.satisfaction_overall(cur, [2570]).iloc[0]
        sat = kpi.satisfaction(cur, [2570]).iloc[0]
        section = kpi.satisfaction_by_section(cur, [2570]).iloc[0]
        of_system = kpi.surveys_of_system(cur, 1)
    assert (overall["respondents"], overall["answers"]) == (3, 5)
    assert overall["mean"] == pytest.approx(4.4) and overall["sd"] == pytest.approx(0.8**0.5)
    assert overall["percent_satisfaction"] == pytest.approx(88.0) and overall[
        "percent_top_two"
    ] == pytest.approx(80.0)
    assert pd.isna(sat["system_id"])  # a counter survey: no system
    assert section["section"] == "ด้าน ก" and section["answers"] == 5
    assert of_system.empty


def actor_of_db_it(db):
    from core import users

    users.create_user(
        db, _admin(), NOW, username="ito", full_name="ไอที", password="password-123", roles=["it_officer"]
    )
    return actor_of(db, "ito")


def _admin():
    from core.actor import Actor

    return Actor(user_id=0, username="setup", full_name="setup", roles=frozenset({"admin"}))


def test_the_demo_has_a_survey_for_every_system_in_service_each_year_with_realistic_means(demo_db):
    with demo_db.read() as cur:
        sat = kpi.satisfaction(cur, [2569, 2570])
        # a system is surveyed in the fiscal years it was in service (none before its go-live)
        expected = cur.execute(
            "SELECT count(*) FROM systems s, (VALUES (2569, DATE '2026-09-30'), (2570, DATE '2027-09-30')) y(fy, last_day)"
            " WHERE s.in_service_since IS NOT NULL AND s.in_service_since <= y.last_day"
        ).fetchone()[0]
    assert len(sat) == expected
    assert sat["mean"].between(3.6, 4.8).all()
