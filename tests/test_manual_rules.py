"""Rules and figures to the letter of the work manual and of Thai practice (issue 15).

Each test names the manual's step it checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core import areas
from core.kpi.sources import CONTRACT
from core.proposals import pdf as documents
from tests.test_proposals_services import complete, people  # noqa: F401  (fixture)
from tests.test_tickets_services import world as ticket_world  # noqa: F401  (fixture)


# -- step 3: the approval memo states the budget in words ------------------------------------------
def test_step_3_memo_reads_one_million_and_one_baht_with_the_et_rule():
    assert documents.baht_text(1_000_001) == "หนึ่งล้านเอ็ดบาทถ้วน"
    assert documents.baht_text(Decimal("2000011.25")) == "สองล้านสิบเอ็ดบาทยี่สิบห้าสตางค์"
    assert documents.baht_text(101) == "หนึ่งร้อยเอ็ดบาทถ้วน"
    assert documents.budget_sentence({"budget_kind": "amount", "budget_amount": Decimal("1000001")}) == (
        "งบประมาณ 1,000,001.00 บาท (หนึ่งล้านเอ็ดบาทถ้วน)"
    )


# -- step 17: sample size of the satisfaction survey -----------------------------------------------
# Krejcie, R. V. & Morgan, D. W. (1970), "Determining sample size for research activities",
# Educational and Psychological Measurement 30, 607-610, Table 1 (N -> S), as published.
KREJCIE_MORGAN_TABLE = {
    10: 10,
    15: 14,
    20: 19,
    25: 24,
    30: 28,
    35: 32,
    40: 36,
    45: 40,
    50: 44,
    55: 48,
    60: 52,
    65: 56,
    70: 59,
    75: 63,
    80: 66,
    85: 70,
    90: 73,
    95: 76,
    100: 80,
    110: 86,
    120: 92,
    130: 97,
    140: 103,
    150: 108,
    160: 113,
    170: 118,
    180: 123,
    190: 127,
    200: 132,
    210: 136,
    220: 140,
    230: 144,
    240: 148,
    250: 152,
    260: 155,
    270: 159,
    280: 162,
    290: 165,
    300: 169,
    320: 175,
    340: 181,
    360: 186,
    380: 191,
    400: 196,
    420: 201,
    440: 205,
    460: 210,
    480: 214,
    500: 217,
    550: 226,
    600: 234,
    650: 242,
    700: 248,
    750: 254,
    800: 260,
    850: 265,
    900: 269,
    950: 274,
    1000: 278,
    1100: 285,
    1200: 291,
    1300: 297,
    1400: 302,
    1500: 306,
    1600: 310,
    1700: 313,
    1800: 317,
    1900: 320,
    2000: 322,
    2200: 327,
    2400: 331,
    2600: 335,
    2800: 338,
    3000: 341,
    3500: 346,
    4000: 351,
    4500: 354,
    5000: 357,
    6000: 361,
    7000: 364,
    8000: 367,
    9000: 368,
    10000: 370,
    15000: 375,
    20000: 377,
    30000: 379,
    40000: 380,
    50000: 381,
    75000: 382,
    1000000: 384,
}

# Yamane (1967) table at e = ±5 %, as Thai research texts reprint it.
YAMANE_TABLE_5_PERCENT = {
    500: 222,
    1000: 286,
    1500: 316,
    2000: 333,
    2500: 345,
    3000: 353,
    3500: 359,
    4000: 364,
    4500: 367,
    5000: 370,
    6000: 375,
    7000: 378,
    8000: 381,
    9000: 383,
    10000: 385,
    15000: 390,
    20000: 392,
    25000: 394,
    50000: 397,
    100000: 398,
}


def test_step_17_sample_size_equals_the_published_krejcie_morgan_table_at_every_n():
    from core.surveys import stats

    got = {n: stats.krejcie_morgan(n) for n in KREJCIE_MORGAN_TABLE}
    assert got == KREJCIE_MORGAN_TABLE


def test_step_17_yamane_sample_size_equals_the_table_thai_texts_print():
    from core.surveys import stats

    got = {n: stats.yamane(n, 0.05) for n in YAMANE_TABLE_5_PERCENT}
    assert got == YAMANE_TABLE_5_PERCENT


# -- step 18: one rounding rule for the printed mean and its level --------------------------------
def test_step_18_a_mean_of_4_505_prints_4_51_beside_the_level_it_is_banded_in():
    from core.i18n import t
    from core.surveys import outputs as survey_documents
    from core.surveys import stats

    item = stats.ItemDef(1, "ด้านกระบวนการ", "ขั้นตอนง่าย", "1.1")
    results = stats.survey_results([item], {1: {5: 101, 4: 99}}, respondents=200)  # mean 901/200
    assert results.overall.level == 5
    frame = survey_documents.sections_frame(results, "th")
    mean, level = t("surveys.col.mean", "th"), t("surveys.col.level", "th")
    for frame in (
        survey_documents.sections_frame(results, "th"),
        survey_documents.items_frame(results, "th"),
    ):
        row = frame.iloc[-1].to_dict()
        assert (row[mean], row[level]) == (4.51, "มากที่สุด")


def test_step_18_pdf_excel_and_kpi_tables_print_4_505_as_4_51():
    import pandas as pd

    from core import spreadsheets
    from core.kpi import tables
    from core.numbers import fmt2, r2, round2
    from core.pdf import thai_text as core_documents

    assert str(round2(4.505)) == "4.51" and r2(2.675) == 2.68 and fmt2(1234.565) == "1,234.57"
    assert core_documents.cell_text(4.505) == "4.51"
    assert spreadsheets._shown(4.505) == "4.51"
    assert tables._round(pd.DataFrame({"mean": [4.505]}), ["mean"])["mean"].tolist() == [4.51]


# -- steps 4-12: "at least 1 month" is a calendar month, judged as a minimum ----------------------
def _calendar():
    from core.workcalendar import build_calendar

    return build_calendar([2025, 2026, 2027, 2028])


def test_steps_4_to_8_a_stage_that_ran_1_to_31_october_lasted_its_month_and_is_not_rushed():
    from datetime import date

    from core.stages import rules

    cal = _calendar()
    month = rules.DEFAULT_STANDARDS[4]
    assert rules.spent_working_days(cal, date(2026, 10, 1), date(2026, 10, 31)) < 22
    assert not rules.is_rushed(cal, date(2026, 10, 1), date(2026, 10, 31), month)
    assert rules.is_rushed(cal, date(2026, 10, 1), date(2026, 10, 30), month)
    # 31 January + 1 month is 28 February (relativedelta): the month is over on 27 February
    assert not rules.is_rushed(cal, date(2027, 1, 31), date(2027, 2, 27), month)
    assert rules.is_rushed(cal, date(2027, 1, 31), date(2027, 2, 26), month)
    # no waiver asked for a calendar month, one asked (in Thai, with the day it may end) before
    assert (
        rules.check_dates(
            4,
            date(2026, 10, 1),
            date(2026, 10, 31),
            previous=None,
            following=None,
            today=date(2026, 11, 24),
            std=month,
            cal=cal,
            waiver_reason=None,
        )
        is False
    )
    import pytest

    from core.errors import ValidationError

    with pytest.raises(ValidationError) as error:
        rules.check_dates(
            4,
            date(2026, 10, 1),
            date(2026, 10, 20),
            previous=None,
            following=None,
            today=date(2026, 11, 24),
            std=month,
            cal=cal,
            waiver_reason=" ",
        )
    assert "อย่างน้อย 1 เดือน" in error.value.message("th") and "31 ตุลาคม 2569" in error.value.message("th")


def test_steps_7_9_10_at_least_one_day_stays_in_working_days():
    from datetime import date

    from core.stages import rules

    cal = _calendar()
    assert not rules.is_rushed(cal, date(2026, 11, 23), date(2026, 11, 23), rules.DEFAULT_STANDARDS[10])
    # a Saturday is no working day: a stage started and ended on it spent 0 working days
    assert rules.is_rushed(cal, date(2026, 11, 28), date(2026, 11, 28), rules.DEFAULT_STANDARDS[10])


def _month_property():
    from datetime import date, timedelta

    from dateutil.relativedelta import relativedelta
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from core.stages import rules

    cal = _calendar()

    @settings(max_examples=300, deadline=None)
    @given(
        start=st.dates(date(2025, 1, 1), date(2027, 6, 30)),
        months=st.integers(1, 6),
        extra=st.integers(0, 40),
    )
    def prop(start, months, extra):
        std = rules.Standard(months, "minimum", "months")
        # "lasted at least N calendar months": to the day before the same day N months later, or longer
        end = start + relativedelta(months=months) - timedelta(days=1) + timedelta(days=extra)
        assert not rules.is_rushed(cal, start, end, std)
        assert rules.is_rushed(cal, start, rules.minimum_reached_on(cal, start, std) - timedelta(days=1), std)
        # the plan never asks for a rushed stage
        planned_start, planned_end = rules.plan(cal, start, {**rules.DEFAULT_STANDARDS, 4: std})[4]
        assert not rules.is_rushed(cal, planned_start, planned_end, std)

    return prop


def test_steps_4_to_8_a_stage_that_lasted_at_least_a_calendar_month_is_never_rushed():
    _month_property()()


def test_step_4_settings_refuse_a_standard_of_zero_or_below_in_thai_and_keep_the_old_one(db):
    import pytest

    from core.errors import ValidationError
    from core.stages import repository as stage_repo
    from core.stages import rules, services

    head = _head(db)
    for bad in (0, -3):
        new = {**rules.DEFAULT_STANDARDS, 5: rules.Standard(bad, "minimum", "months")}
        with pytest.raises(ValidationError) as error:
            services.save_standards(db, head, _now(), new)
        assert "ศูนย์หรือติดลบไม่ได้" in error.value.message("th")
    with pytest.raises(ValidationError) as error:
        services.save_standards(
            db, head, _now(), {**rules.DEFAULT_STANDARDS, 11: rules.Standard(1, "deadline", "months")}
        )
    assert error.value.code == "stage.standard_unit_invalid"
    with db.read() as cur:
        assert stage_repo.standards(cur) == rules.DEFAULT_STANDARDS


def test_steps_4_to_8_a_legacy_setting_of_22_working_days_reads_as_one_month():
    from core.stages import rules

    stored = {"5": {"days": 22, "kind": "minimum"}, "6": {"days": 30, "kind": "minimum"}}
    read = rules.standards_from_setting(stored)
    assert read[5] == rules.Standard(1, "minimum", "months")
    assert read[6] == rules.Standard(30, "minimum", "days")
    assert rules.standards_from_setting(rules.standards_to_setting(read)) == read


def _now():
    from datetime import datetime

    return datetime(2026, 11, 24, 10, 0)


def _head(db):
    from core.actor import Actor

    return Actor(
        user_id=1,
        username="head15",
        full_name="หัวหน้างาน",
        roles=frozenset({"it_head"}),
        unit_code=None,
        position="",
    )


def test_step_19_dashboard_on_demo_data_judges_minimum_stages_not_rushed_and_deadline_stages_on_time(demo_db):
    import pandas as pd

    from core.kpi import figures
    from core.stages import kpi as stage_kpi
    from core.stages import rules

    with demo_db.read() as cur:
        years = [r[0] for r in cur.execute("SELECT DISTINCT fiscal_year FROM projects ORDER BY 1").fetchall()]
        adherence = stage_kpi.stage_adherence(cur, years, _now())
    checked = not_rushed = finished_minimum = 0
    for fy in years:
        frame = figures.stage_adherence(adherence, fy)
        for _, row in frame.iterrows():
            if not row["finished"]:
                continue
            checked += 1
            if rules.DEFAULT_STANDARDS[int(row["stage_no"])].kind == "minimum":
                assert row["kind"] == "minimum" and row["on_time"] == 0
                assert pd.isna(row["percent_on_time"])  # not a deadline: no "on time" figure
                assert row["not_rushed"] + row["rushed"] == row["finished"]
                assert row["waived"] == row["rushed"]  # every rushed demo stage has its reason
                assert row["percent_not_rushed"] == pytest.approx(100 * row["not_rushed"] / row["finished"])
                not_rushed += row["not_rushed"]
                finished_minimum += row["finished"]
            else:
                assert row["kind"] == "deadline"
                assert pd.isna(row["percent_not_rushed"])
                assert 0 <= row["percent_on_time"] <= 100
    assert checked >= 9
    # the demo's stages mostly take their month: judged as minimums, most are not rushed
    assert not_rushed > finished_minimum / 2


# -- steps 1-3: one rule per time standard (done by 16:30 of the N-th working day) ----------------
def test_step_3_proposed_within_1_day_at_the_edges_1629_1631_friday_evening_weekend_holiday():
    from datetime import date, datetime

    from core.proposals import rules
    from core.workcalendar import build_calendar

    cal = build_calendar([2026, 2027])
    thursday = datetime(2026, 11, 26, 10, 0)  # submitted; due Fri 27 Nov 16:30
    assert rules.deadline(cal, thursday.date(), rules.PROPOSE_DAYS) == datetime(2026, 11, 27, 16, 30)

    def judge(done):
        return rules.met_within(cal, thursday, rules.PROPOSE_DAYS, done)

    assert judge(datetime(2026, 11, 27, 16, 29))
    assert judge(datetime(2026, 11, 27, 16, 30))
    assert not judge(datetime(2026, 11, 27, 16, 31))
    assert not judge(datetime(2026, 11, 27, 19, 0))  # Friday evening
    assert not judge(datetime(2026, 11, 28, 9, 0))  # Saturday
    assert not judge(datetime(2026, 11, 30, 8, 30))  # Monday morning
    # Fri 4 Dec 2026: Mon 7 Dec is a holiday, so "within 1 day" ends Tue 8 Dec 16:30
    assert not cal.is_working_day(date(2026, 12, 7))
    friday = datetime(2026, 12, 4, 15, 0)
    assert rules.met_within(cal, friday, 1, datetime(2026, 12, 8, 16, 29))
    assert not rules.met_within(cal, friday, 1, datetime(2026, 12, 8, 16, 31))
    # step 1: a driver received on a Saturday is due 16:30 of Monday... the first working day after
    assert rules.deadline(cal, date(2026, 11, 28), rules.CONSIDER_DAYS) == datetime(2026, 11, 30, 16, 30)


def test_step_3_the_service_page_and_kpi_judge_a_friday_evening_proposal_late(db, people):
    from datetime import datetime

    from core.proposals import kpi as proposal_kpi
    from core.proposals import repository as proposal_repo
    from core.proposals import services as proposal_services

    thursday = datetime(2026, 11, 26, 10, 0)
    made = {}
    for label, proposed in (
        ("in_time", datetime(2026, 11, 27, 16, 29)),
        ("late", datetime(2026, 11, 27, 16, 31)),
        ("evening", datetime(2026, 11, 27, 19, 0)),
    ):
        pid = proposal_services.create_proposal(db, people["ithead"], thursday, complete(people))
        proposal_services.submit_proposal(db, people["ithead"], thursday, pid)
        proposal_services.propose_proposal(db, people["director"], proposed, pid)
        made[label] = pid
    with db.read() as cur:
        rows = {k: proposal_repo.get_proposal(cur, pid) for k, pid in made.items()}
        step3 = proposal_kpi.time_standards(cur, [2570]).set_index("step").loc[3]
    assert {k: r["propose_met"] for k, r in rows.items()} == {
        "in_time": True,
        "late": False,
        "evening": False,
    }
    assert (int(step3["total"]), int(step3["met"])) == (3, 1)


# -- steps 4-12: stage dates follow the working calendar like ticket due times ---------------------
def test_steps_4_to_12_a_new_holiday_moves_the_planned_and_due_days_of_open_stages(db):
    from datetime import date, datetime, timedelta

    from core import calendar_store
    from core.actor import Actor
    from core.stages import repository as stage_repo
    from core.stages import rules
    from core.stages.services import open_project as create_project

    admin = Actor(
        user_id=1,
        username="head15",
        full_name="หัวหน้างาน",
        roles=frozenset({"it_head", "admin"}),
        unit_code=None,
        position="",
    )
    approved = datetime(2026, 11, 24, 10, 0)  # Tuesday; stage 4 starts Wed 25 Nov

    def work(cur):
        return create_project(
            cur,
            actor=admin,
            now=approved,
            name="ระบบทดสอบปฏิทิน",
            proposal_id=None,
            unit_code="OFFICE",
            responsible_user_id=None,
        )

    pid = db.write(work)
    with db.read() as cur:
        before = {r["stage_no"]: r for r in stage_repo.stages_of(cur, pid)}
    assert before[4]["planned_start"] == date(2026, 11, 25)
    # the town closes on Wed 25 Nov: stage 4 now starts Thu 26 Nov; every later date follows
    calendar_store.add_adjustment(
        db,
        admin,
        approved + timedelta(hours=1),
        day=date(2026, 11, 25),
        kind="closed",
        name="วันหยุดพิเศษของเทศบาล",
        followers=areas.calendar_followers(),
    )
    with db.read() as cur:
        after = {r["stage_no"]: r for r in stage_repo.stages_of(cur, pid)}
        cal = calendar_store.calendar_around(cur, approved, years_after=2)
        logged = cur.execute("SELECT count(*) FROM audit_log WHERE action = 'stage.replan'").fetchone()[0]
    assert after[4]["planned_start"] == date(2026, 11, 26)
    assert after[4]["planned_end"] == rules.first_working_day_on_or_after(cal, date(2026, 12, 25))
    planned = rules.plan(cal, approved.date(), {n: rules.standard_from_row(r) for n, r in after.items()})
    assert {n: (r["planned_start"], r["planned_end"]) for n, r in after.items()} == planned
    assert logged == 1
    # opening the day again puts the plan back
    with db.read() as cur:
        adjustment_id = calendar_store.list_adjustments(cur)[0]["id"]
    calendar_store.remove_adjustment(
        db, admin, approved + timedelta(hours=2), adjustment_id, followers=areas.calendar_followers()
    )
    with db.read() as cur:
        again = {r["stage_no"]: r for r in stage_repo.stages_of(cur, pid)}
    assert {n: (r["planned_start"], r["planned_end"]) for n, r in again.items()} == {
        n: (r["planned_start"], r["planned_end"]) for n, r in before.items()
    }


# -- step 18: the same answers file is imported once -----------------------------------------------
def test_step_18_the_same_answers_file_is_refused_a_second_time_naming_the_first_import(demo_db):
    import pytest

    from core.errors import DomainError
    from core.surveys import services as survey_services
    from tests.conftest import actor_of
    from tests.test_surveys_services import GOOD_CSV, NOW, _survey

    survey_id, _items = _survey(demo_db)
    it = actor_of(demo_db, "itofficer")
    assert (
        survey_services.import_responses(
            demo_db, it, NOW, survey_id, filename="answers.csv", content=GOOD_CSV
        )
        == 2
    )
    with demo_db.read() as cur:
        before = (
            cur.execute("SELECT count(*) FROM survey_responses WHERE survey_id = ?", [survey_id]).fetchone()[
                0
            ],
            cur.execute("SELECT count(*) FROM survey_answers WHERE survey_id = ?", [survey_id]).fetchone()[0],
            cur.execute("SELECT count(*) FROM audit_log").fetchone()[0],
        )
    with pytest.raises(DomainError) as error:  # same bytes under another name, an hour later
        survey_services.import_responses(
            demo_db, it, NOW.replace(hour=11), survey_id, filename="สำเนา.csv", content=GOOD_CSV
        )
    message = error.value.message("th")
    assert error.value.code == "surveys.import_already"
    assert "answers.csv" in message and "itofficer" in message and "2 แถว" in message
    with demo_db.read() as cur:
        after = (
            cur.execute("SELECT count(*) FROM survey_responses WHERE survey_id = ?", [survey_id]).fetchone()[
                0
            ],
            cur.execute("SELECT count(*) FROM survey_answers WHERE survey_id = ?", [survey_id]).fetchone()[0],
            cur.execute("SELECT count(*) FROM audit_log").fetchone()[0],
        )
    assert after == before
    # another survey may take the same file
    other_id, _ = _survey(demo_db, code="TEST-2")
    assert (
        survey_services.import_responses(demo_db, it, NOW, other_id, filename="answers.csv", content=GOOD_CSV)
        == 2
    )


# -- steps 1-2: running numbers of drivers and proposals ------------------------------------------
def test_steps_1_2_running_numbers_continue_after_the_highest_used_and_codes_are_unique(db, people):
    from datetime import date, datetime

    import duckdb
    import pytest

    from core.proposals import services as proposal_services

    now = datetime(2026, 11, 24, 10, 0)

    def seed(cur):  # numbers 001 and 003 used in FY 2570 (002 was moved to another year)
        for code in ("DR2570-001", "DR2570-003"):
            cur.execute(
                "INSERT INTO drivers (code, kind, unit_code, doc_no, doc_date, description, received_on,"
                " fiscal_year, recorded_by, recorded_at) VALUES (?, 'need', 'OFFICE', '', NULL, 'x', ?,"
                " 2570, 'test', ?)",
                [code, date(2026, 11, 2), now],
            )

    db.write(seed)
    driver_id = proposal_services.record_driver(
        db,
        people["itofficer"],
        now,
        kind="need",
        unit_code="OFFICE",
        doc_no="อบ 1/2569",
        doc_date=date(2026, 11, 20),
        description="ต้องการระบบ",
        received_on=date(2026, 11, 23),
    )
    with db.read() as cur:
        code = cur.execute("SELECT code FROM drivers WHERE id = ?", [driver_id]).fetchone()[0]
    assert code == "DR2570-004"

    def duplicate(cur):
        cur.execute(
            "INSERT INTO drivers (code, kind, unit_code, doc_no, doc_date, description, received_on,"
            " fiscal_year, recorded_by, recorded_at) VALUES ('DR2570-004', 'need', 'OFFICE', '', NULL,"
            " 'y', ?, 2570, 'test', ?)",
            [date(2026, 11, 2), now],
        )

    with pytest.raises(duckdb.ConstraintException):
        db.write(duplicate)


def test_steps_1_2_proposals_created_at_once_from_many_threads_get_distinct_numbers(db, people):
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime

    from core.proposals import services as proposal_services

    now = datetime(2026, 11, 24, 10, 0)
    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(
            pool.map(
                lambda _: proposal_services.create_proposal(db, people["ithead"], now, complete(people)),
                range(12),
            )
        )
    with db.read() as cur:
        codes = [r[0] for r in cur.execute("SELECT code FROM proposals ORDER BY code").fetchall()]
    assert len(set(ids)) == 12 and codes == [f"PR2570-{n:03d}" for n in range(1, 13)]


# -- steps 17-19: a survey of a service point (no system) appears everywhere ----------------------
def _counter_survey(database, now):
    from datetime import timedelta

    from core.surveys import repository as survey_repo
    from core.surveys import services as survey_services
    from tests.conftest import actor_of

    it = actor_of(database, "itofficer")
    survey_id = survey_services.create_survey(
        database,
        it,
        now,
        title="ความพึงพอใจจุดบริการงานทะเบียน",
        system_id=None,
        counter_name="ช่องบริการ 1 งานทะเบียนราษฎร",
        fiscal_year=2570,
        audience="citizens",
        opens_on=now.date() - timedelta(days=1),
        closes_on=now.date() + timedelta(days=5),
        sections=[("ด้านกระบวนการ", ["ขั้นตอนง่าย"])],
        code="COUNTER-1",
    )
    with database.read() as cur:
        items = [r["id"] for r in survey_repo.sections_and_items(cur, survey_id)]
    for n in range(3):
        survey_services.submit_public(
            database,
            now,
            code="COUNTER-1",
            submission_id=f"sub-counter-{n:04d}",
            scores={items[0]: 5 - n},
            shown_at=now - timedelta(minutes=3),
        )
    return survey_id


def test_step_17_the_survey_list_of_a_year_with_a_service_point_survey_shows_it(signed_in, app_env):
    from datetime import datetime

    from core import bootstrap
    from pages.surveys_page import YEAR_LIST_KEY
    from tests.conftest import goto

    database = bootstrap.open_database(app_env, demo=False)
    _counter_survey(database, datetime(2026, 11, 24, 9, 0))
    database.close()
    at = goto(signed_in("itofficer"), "surveys")
    assert not at.exception, at.exception
    at.session_state[YEAR_LIST_KEY] = True  # the year's overview, drawn when opened
    at.run()
    listed = [d.value for d in at.dataframe if "รหัส" in d.value.columns or len(d.value.columns) > 5]
    assert any("ช่องบริการ 1 งานทะเบียนราษฎร" in frame.astype(str).to_string() for frame in listed)
    at = goto(signed_in("executive"), "dashboard")
    assert not at.exception, at.exception


def test_step_19_the_per_system_chart_has_one_bar_per_system_id_told_apart_0_to_100_with_a_legend():
    import pandas as pd

    from core.kpi import charts, figures

    by_system = pd.DataFrame(
        [
            (2570, 1, 50, 500, 4.2, 0.7, 84.0, 80.0),
            (2570, 2, 40, 400, 3.9, 0.8, 78.0, 70.0),
            (2570, 3, 30, 300, 4.5, 0.5, 90.0, 92.0),
            (2570, None, 10, 100, 4.0, 0.6, 80.0, 75.0),
        ],
        columns=CONTRACT["satisfaction"],
    )
    names = {1: "ระบบภาษี", 2: "ระบบภาษี", 3: "ระบบ  ภาษี "}  # the same name three ways
    assert figures.system_labels([1, 2, 3], names.values()) == ["#1 ระบบภาษี", "#2 ระบบภาษี", "#3 ระบบ ภาษี"]
    rows = figures.satisfaction_by_system(by_system, 2570, names, counter_label="จุดบริการ")
    assert len(set(rows["label"])) == 4
    spec = charts.system_chart(rows, 80.0, "th").to_dict()
    encoding = spec["encoding"]
    assert encoding["y"]["field"] == "key"  # one bar per system id, never stacked by name
    assert encoding["x"]["scale"]["domain"] == [0, 100]
    assert encoding["color"]["scale"]["domain"] == ["ถึงเป้าหมาย", "ต่ำกว่าเป้าหมาย"]
    assert encoding["color"]["legend"] is not None and encoding["color"]["title"]
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert sorted(v["key"] for v in values) == ["1", "2", "3", "counter"]
    assert all(0 <= v["pct"] <= 100 for v in values)
    expr = encoding["y"]["axis"]["labelExpr"]
    assert all(label in expr for label in rows["label"])


def test_step_19_counts_print_as_whole_numbers_and_figures_with_2_decimals():
    import pandas as pd

    from core.kpi import figures, tables
    from core.pdf import thai_text as core_documents

    by_system = pd.DataFrame(
        [(2570, 1, 5000, 9135, 4.2, 0.7, 84.0, 80.0), (2570, 2, 10, 0, None, None, None, None)],
        columns=CONTRACT["satisfaction"],
    )
    pooled = figures.overall_for_systems(by_system, [1, 2])
    table = tables.trend_table(pooled, "th")
    row = [table[column].iloc[0] for column in table.columns]  # each cell as its column holds it
    shown = [core_documents.cell_text(v.item() if hasattr(v, "item") else v) for v in row]
    assert shown[:3] == ["2570", "5010", "9135"], shown
    assert shown[3] == "4.20" and shown[5] == "84.00"


# -- steps 15-16: asking the reporter pauses only the clock running then ---------------------------
def test_step_15_wait_during_analysis_pauses_the_analysis_clock_only(ticket_world):
    from datetime import datetime, timedelta

    from core.tickets import services as ticket_services
    from tests.conftest import actor_of
    from tests.test_tickets_services import _report

    db = ticket_world
    mon = datetime(2026, 11, 23, 9, 0)  # Monday; a problem: analysis within 10 working minutes
    officer, staff = actor_of(db, "itofficer"), actor_of(db, "staff")
    ticket = _report(db, when=mon)
    ticket_services.act(db, officer, mon + timedelta(minutes=2), ticket, "start_analysis")
    assert (
        ticket_services.act(db, officer, mon + timedelta(minutes=5), ticket, "wait", note="เกิดกับใบเสร็จเลขที่ใด")
        == "waiting_analysis"
    )
    with db.read() as cur:
        analysis, resolution = ticket_services.clocks_of(cur, _ticket(cur, ticket), mon + timedelta(hours=2))
    assert (analysis.state, analysis.elapsed, analysis.due) == ("paused", timedelta(minutes=5), None)
    assert resolution.state == "not_started"
    assert ticket_services.act(db, staff, mon + timedelta(hours=2), ticket, "resume") == "analysing"
    ticket_services.act(db, officer, mon + timedelta(hours=2, minutes=4), ticket, "finish_analysis")
    with db.read() as cur:
        analysis, resolution = ticket_services.clocks_of(
            cur, _ticket(cur, ticket), mon + timedelta(hours=2, minutes=6)
        )
    assert (analysis.state, analysis.elapsed) == ("met", timedelta(minutes=9))  # 5 + 4 working minutes
    assert resolution.state == "running" and resolution.elapsed == timedelta(minutes=2)
    assert resolution.started_at == mon + timedelta(hours=2, minutes=4)


def test_step_16_a_queue_row_shows_the_clock_running_now_and_its_own_state(ticket_world):
    from datetime import datetime, timedelta

    from core.tickets import services as ticket_services
    from tests.conftest import actor_of
    from tests.test_tickets_services import _report

    db = ticket_world
    mon = datetime(2026, 11, 23, 9, 0)
    officer = actor_of(db, "itofficer")
    ticket = _report(db, when=mon, ticket_type="requirement")  # analysis 2 h, fix 15 working days
    ticket_services.act(db, officer, mon + timedelta(minutes=1), ticket, "start_analysis")
    ticket_services.act(db, officer, mon + timedelta(hours=4), ticket, "finish_analysis")  # analysis late
    with db.read() as cur:
        rows = {
            r["id"]: r for r in ticket_services.queue_rows(cur, "team", officer, mon + timedelta(hours=5))
        }
    row = rows[ticket]
    assert row["analysis"].state == "breached"
    assert row["clock"].name == "resolution" and row["clock"].state == "running"
    assert row["flag"] == "ok" and row["left"] > timedelta(days=4)


def _ticket(cur, ticket_id):
    from core.db import rows_as_dicts

    cur.execute(
        "SELECT t.*, s.status FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.id = ?",
        [ticket_id],
    )
    return rows_as_dicts(cur)[0]


# -- step 18: a survey with no answers yet ---------------------------------------------------------
def test_step_18_a_closed_survey_with_no_answers_yet_is_not_processed_and_its_report_still_prints(demo_db):
    from datetime import date, datetime

    import pytest

    from core.errors import DomainError
    from core.surveys import outputs as survey_documents
    from core.surveys import services as survey_services
    from tests.conftest import actor_of
    from tests.test_surveys_services import NOW, _survey

    it = actor_of(demo_db, "itofficer")
    survey_id, _ = _survey(demo_db, code="EMPTY-1", opens_on=date(2026, 10, 1), closes_on=date(2026, 11, 20))
    with demo_db.read() as cur:
        audit_before = cur.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(DomainError) as error:
        survey_services.mark_processed(demo_db, it, NOW, survey_id)
    assert "ยังไม่มีผู้ตอบ" in error.value.message("th") and "EMPTY-1" in error.value.message("th")
    with demo_db.read() as cur:
        report = survey_services.survey_report(cur, survey_id)
        assert cur.execute("SELECT processed_at FROM surveys WHERE id = ?", [survey_id]).fetchone()[0] is None
        assert cur.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_before
    assert report.results.overall.n == 0 and report.results.overall.mean is None
    assert survey_documents.workbook(report.survey, report.results, report.suggestions)[:2] == b"PK"
    pdf = survey_documents.report_pdf(
        report.survey, report.results, report.suggestions, printed=datetime(2026, 11, 24).date()
    )
    assert pdf[:4] == b"%PDF"


def test_steps_4_to_8_the_home_page_never_calls_a_minimum_stage_overdue(db):
    from datetime import datetime

    from core.actor import Actor
    from core.stages import area as stage_area
    from core.stages.services import open_project as create_project

    officer = Actor(
        user_id=7,
        username="officer15",
        full_name="นักวิชาการ",
        roles=frozenset({"it_officer"}),
        unit_code=None,
        position="",
    )
    approved = datetime(2026, 9, 1, 10, 0)  # stage 4 (at least 1 month) planned to end in early October

    def work(cur):
        return create_project(
            cur,
            actor=officer,
            now=approved,
            name="ระบบทดสอบหน้าแรก",
            proposal_id=None,
            unit_code="OFFICE",
            responsible_user_id=officer.user_id,
        )

    pid = db.write(work)
    with db.read() as cur:
        items = [
            i
            for i in stage_area.my_stages(cur, officer, datetime(2026, 11, 24, 10, 0), "th")
            if i.query["project"] == str(pid)
        ]
    assert len(items) == 1 and items[0].overdue is False


def test_step_18_level_counts_print_whole_with_percentages_to_2_decimals():
    from core.surveys import outputs as survey_documents
    from core.surveys import stats

    item = stats.ItemDef(1, "ด้านกระบวนการ", "ขั้นตอนง่าย", "1.1")
    results = stats.survey_results([item], {1: {5: 1, 4: 2}}, respondents=3)
    row = survey_documents.items_frame(results, "th").iloc[0].to_dict()
    assert row["5 มากที่สุด"] == "1 (33.33%)" and row["4 มาก"] == "2 (66.67%)"
