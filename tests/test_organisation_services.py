"""Go-live set-up on a real temporary database: the organisation profile, the units and systems
registers, the all-or-nothing imports and the first-run checklist."""

import io
from datetime import date

import pytest
from openpyxl import Workbook
from PIL import Image

from core import audit, bootstrap, users
from core.errors import Forbidden, NotFound, ValidationError
from core.organisation import checklist, importer, profile, queries, registers
from core.organisation.profile import Profile, Signatory
from core.organisation.registers import SystemInput, UnitInput
from tests.conftest import FIXED_NOW, actor_of

NOW = FIXED_NOW


@pytest.fixture
def empty(tmp_path):
    """A database straight from init-db: no unit, no system, no profile."""
    database = bootstrap.open_database(tmp_path / "town.duckdb", demo=False)
    yield database
    database.close()


@pytest.fixture
def admin(empty):
    users.create_first_admin(empty, NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    return actor_of(empty, "root")


def a_profile(**changes) -> Profile:
    values = dict(
        name_th="เทศบาลตำบลหนองบัวแดง",
        name_en="Nong Bua Daeng Subdistrict Municipality",
        kind="subdistrict",
        province="ชัยภูมิ",
        issuing_unit="กองยุทธศาสตร์และงบประมาณ",
        it_unit="งานเทคโนโลยีสารสนเทศ",
        memo_prefix="ชย 73901",
        phone="0 4487 1111",
        addressee="ปลัดเทศบาล",
        public_base_url="https://pattana.nongbuadaeng.go.th/",
        signatories={
            "unit_head": Signatory(
                "นายสมชาย ใจดี", "นักวิเคราะห์นโยบายและแผน", "รักษาราชการแทน", "ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ"
            )
        },
    )
    values.update(changes)
    return Profile(**values)


def png(size=(60, 60)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, format="PNG")
    return buf.getvalue()


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def actions(db):
    with db.read() as cur:
        return list(audit.search(cur, audit.AuditFilter())["action"])


def counts(db):
    with db.read() as cur:
        return cur.execute(
            "SELECT (SELECT count(*) FROM org_units), (SELECT count(*) FROM systems),"
            " (SELECT count(*) FROM users)"
        ).fetchone()


# -- profile ------------------------------------------------------------------------------------
def test_a_new_database_has_an_empty_profile_that_is_not_set(empty):
    with empty.read() as cur:
        p = profile.get_profile(cur)
    assert p == Profile() and not p.is_set and p.memo_reference() == ""


def test_the_admin_saves_the_profile_and_it_is_audited_with_old_and_new(empty, admin):
    profile.save_profile(empty, admin, NOW, a_profile())
    with empty.read() as cur:
        p = profile.get_profile(cur)
    assert p.is_set and p.name_th == "เทศบาลตำบลหนองบัวแดง"
    assert p.public_base_url == "https://pattana.nongbuadaeng.go.th"  # no trailing slash
    assert p.signatory("unit_head").position_lines() == [
        "นักวิเคราะห์นโยบายและแผน",
        "รักษาราชการแทนผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",
    ]
    assert p.memo_reference() == "ชย 73901/" and p.memo_reference(7) == "ชย 73901/7"
    assert "org.profile.save" in actions(empty)


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"name_th": "  "}, "error.required"),
        ({"memo_prefix": ""}, "error.required"),
        ({"kind": "village"}, "org.kind_invalid"),
        ({"public_base_url": "pattana.example"}, "org.url_invalid"),
        ({"signatories": {"unit_head": Signatory("นาย ก", "ตำแหน่ง", "แทน", "ปลัด")}}, "org.acting_invalid"),
        (
            {"signatories": {"unit_head": Signatory("นาย ก", "ตำแหน่ง", "รักษาราชการแทน", "")}},
            "org.acting_for_required",
        ),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_is_stored(empty, admin, changes, code):
    with pytest.raises(ValidationError) as err:
        profile.save_profile(empty, admin, NOW, a_profile(**changes))
    assert err.value.code == code and err.value.message("th") != code
    with empty.read() as cur:
        assert not profile.get_profile(cur).is_set


def test_only_the_admin_edits_the_profile(empty, admin):
    users.create_user(
        empty, admin, NOW, username="head", full_name="หัวหน้า", password="long-enough-1", roles=["it_head"]
    )
    with pytest.raises(Forbidden):
        profile.save_profile(empty, actor_of(empty, "head"), NOW, a_profile())


def test_the_emblem_must_be_a_small_png_or_jpeg(empty, admin):
    profile.set_emblem(empty, admin, NOW, "garuda.png", png())
    with empty.read() as cur:
        assert profile.get_profile(cur).emblem_media_type == "image/png"
    for name, content in (
        ("garuda.gif", b"GIF89a" + b"0" * 20),
        ("garuda.png", b"MZ not a picture"),
        ("garuda.png", b"\x89PNG\r\n\x1a\n" + b"0" * (profile.EMBLEM_MAX_BYTES + 1)),
        ("garuda.png", b"\x89PNG\r\n\x1a\nbroken"),
    ):
        with pytest.raises(ValidationError):
            profile.set_emblem(empty, admin, NOW, name, content)
    with empty.read() as cur:
        assert profile.get_profile(cur).emblem == png()


def test_memo_numbers_run_per_fiscal_year_from_where_the_paper_book_stopped(empty, admin):
    profile.save_profile(empty, admin, NOW, a_profile())
    profile.set_next_memo_number(empty, admin, NOW, 2570, 41)
    assert profile.issue_memo_number(empty, admin, NOW, "letter", "A") == "ชย 73901/41"
    assert profile.issue_memo_number(empty, admin, NOW, "letter", "B") == "ชย 73901/42"
    assert profile.issue_memo_number(empty, admin, NOW, "letter", "A") == "ชย 73901/41"
    with pytest.raises(ValidationError):
        profile.set_next_memo_number(empty, admin, NOW, 2570, 41)  # already issued
    with empty.read() as cur:
        assert profile.memo_reference_of(cur, "letter", "B") == "ชย 73901/42"
        assert profile.memo_reference_of(cur, "letter", "C") == "ชย 73901/"


# -- units ----------------------------------------------------------------------------------------
def test_units_are_added_renamed_and_retired_never_deleted(empty, admin):
    div = registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division", phone="0 4487 1111 ต่อ 12"))
    sec = registers.add_unit(empty, admin, NOW, UnitInput("งานพัฒนารายได้", "section", parent_code=div))
    registers.edit_unit(empty, admin, NOW, sec, name_th="งานพัฒนาและจัดเก็บรายได้", parent_code=div)
    registers.set_unit_active(empty, admin, NOW, sec, False)
    with empty.read() as cur:
        frame = queries.units_frame(cur)
    row = frame[frame["code"] == sec].iloc[0]
    assert row["name_th"] == "งานพัฒนาและจัดเก็บรายได้" and not row["active"] and row["parent_th"] == "กองคลัง"
    assert {"org.unit.add", "org.unit.edit", "org.unit.retire"} <= set(actions(empty))


def test_a_duplicate_unit_name_is_refused(empty, admin):
    registers.add_unit(empty, admin, NOW, UnitInput("กองช่าง", "division"))
    with pytest.raises(ValidationError) as err:
        registers.add_unit(empty, admin, NOW, UnitInput(" กองช่าง ", "division"))
    assert err.value.code == "org.unit_name_taken"
    assert counts(empty)[0] == 1


def test_a_unit_with_active_users_or_units_under_it_cannot_be_retired(empty, admin):
    div = registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    users.create_user(
        empty,
        admin,
        NOW,
        username="clerk",
        full_name="เจ้าหน้าที่",
        password="long-enough-1",
        roles=["division_staff"],
        unit_code=div,
    )
    with pytest.raises(ValidationError) as err:
        registers.set_unit_active(empty, admin, NOW, div, False)
    assert err.value.code == "org.unit_has_users" and "1" in err.value.message("th")
    users.set_active(empty, admin, NOW, actor_of(empty, "clerk").user_id, False)
    registers.add_unit(empty, admin, NOW, UnitInput("งานผลประโยชน์", "section", parent_code=div))
    with pytest.raises(ValidationError) as err:
        registers.set_unit_active(empty, admin, NOW, div, False)
    assert err.value.code == "org.unit_has_children"


# -- systems --------------------------------------------------------------------------------------
def test_systems_in_service_are_registered_with_names_unique_within_their_unit(empty, admin):
    a = registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    b = registers.add_unit(empty, admin, NOW, UnitInput("กองช่าง", "division"))
    first = registers.add_system(
        empty, admin, NOW, SystemInput("ระบบสารบรรณ", "internal", a, in_service_since=date(2020, 1, 6))
    )
    registers.add_system(
        empty, admin, NOW, SystemInput("ระบบสารบรรณ", "internal", b, in_service_since=date(2021, 3, 1))
    )
    with pytest.raises(ValidationError) as err:
        registers.add_system(
            empty, admin, NOW, SystemInput("ระบบสารบรรณ", "eservice", a, in_service_since=date(2022, 1, 1))
        )
    assert err.value.code == "org.system_name_taken"
    from core import org

    with empty.read() as cur:
        labels = sorted(registers.system_label(s) for s in org.list_systems(cur))
    assert labels == ["ระบบสารบรรณ · กองคลัง", "ระบบสารบรรณ · กองช่าง"]  # pickers tell them apart
    registers.retire_system(empty, admin, NOW, first, date(2026, 10, 1))
    with empty.read() as cur:
        assert [s["owner_unit_th"] for s in org.list_systems(cur)] == ["กองช่าง"]


@pytest.mark.parametrize(
    "item, code",
    [
        (SystemInput("", "internal", "U001", in_service_since=date(2020, 1, 1)), "error.required"),
        (SystemInput("ระบบ", "mainframe", "U001", in_service_since=date(2020, 1, 1)), "system.kind_invalid"),
        (SystemInput("ระบบ", "internal", "NOPE", in_service_since=date(2020, 1, 1)), "org.unit_unknown"),
        (
            SystemInput("ระบบ", "internal", "U001", url="ftp://x", in_service_since=date(2020, 1, 1)),
            "org.url_invalid",
        ),
        (SystemInput("ระบบ", "internal", "U001", in_service_since=date(2027, 1, 1)), "org.go_live_future"),
        (SystemInput("ระบบ", "internal", "U001"), "error.required"),
    ],
)
def test_a_bad_system_is_refused_with_a_reason(empty, admin, item, code):
    registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    with pytest.raises(ValidationError) as err:
        registers.add_system(empty, admin, NOW, item)
    assert err.value.code == code
    assert counts(empty)[1] == 0


def test_editing_an_unknown_system_says_so(empty, admin):
    with pytest.raises(NotFound):
        registers.retire_system(empty, admin, NOW, 999, None)


# -- imports --------------------------------------------------------------------------------------
def test_units_import_from_excel_with_a_parent_named_in_the_same_file(empty, admin):
    content = xlsx(
        [
            ["ชื่อหน่วยงาน", "ประเภท", "สังกัด", "โทรศัพท์"],
            ["กองคลัง", "กอง", "", "0 4487 1111"],
            ["งานผลประโยชน์", "งาน", "กองคลัง", ""],
            ["โรงเรียนเทศบาล 1", "โรงเรียน", "", ""],
        ]
    )
    assert importer.import_units(empty, admin, NOW, content, "units.xlsx") == 3
    with empty.read() as cur:
        frame = queries.units_frame(cur)
    assert list(frame["kind"]) == ["division", "section", "school"]
    assert frame.iloc[1]["parent_th"] == "กองคลัง"


def test_an_import_with_bad_rows_stores_nothing_and_names_every_bad_row(empty, admin):
    content = xlsx(
        [["ชื่อหน่วยงาน", "ประเภท"], ["กองคลัง", "กอง"], ["", "กอง"], ["กองช่าง", "หมู่บ้าน"], ["กองคลัง", "กอง"]]
    )
    with pytest.raises(importer.RowsRejected) as err:
        importer.import_units(empty, admin, NOW, content, "units.xlsx")
    text = err.value.message("th")
    assert "แถวที่ 3" in text and "แถวที่ 4" in text and "แถวที่ 5" in text and "แถวที่ 2" not in text
    assert counts(empty)[0] == 0


def test_systems_import_all_or_nothing_with_owner_units_by_name(empty, admin):
    registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    good = xlsx(
        [
            ["ชื่อระบบ", "หน่วยงานเจ้าของ", "ประเภท", "ที่อยู่เว็บ", "วันที่เริ่มใช้งาน"],
            ["ระบบภาษีโรงเรือน", "กองคลัง", "งานภายใน", "", "1/6/2558"],
            ["ระบบชำระภาษีออนไลน์", "กองคลัง", "e-service", "https://tax.example.go.th", "2021-03-01"],
        ]
    )
    assert importer.import_systems(empty, admin, NOW, good, "systems.xlsx") == 2
    bad = xlsx(
        [
            ["ชื่อระบบ", "หน่วยงานเจ้าของ", "ประเภท", "วันที่เริ่มใช้งาน"],
            ["ระบบใหม่", "กองคลัง", "งานภายใน", "1/6/2558"],
            ["ระบบภาษีโรงเรือน", "กองคลัง", "งานภายใน", "1/6/2558"],
        ]
    )
    with pytest.raises(importer.RowsRejected) as err:
        importer.import_systems(empty, admin, NOW, bad, "systems.xlsx")
    assert "แถวที่ 3" in err.value.message("th")
    assert counts(empty)[1] == 2


def test_users_import_from_csv_all_or_nothing(empty, admin):
    registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    good = (
        "username,full_name,position,unit,email,roles,password\n"
        "somsri,นางสมศรี มีสุข,นักวิชาการเงินและบัญชี,กองคลัง,,division_staff,long-enough-1\n"
        'kasem,นายเกษม ใจงาม,นักวิชาการคอมพิวเตอร์,,,"it_officer, it_head",long-enough-2\n'
    ).encode()
    assert importer.import_users(empty, admin, NOW, good, "users.csv") == 2
    with empty.read() as cur:
        assert users.find_user(cur, "kasem").roles == {"it_officer", "it_head"}
        assert users.find_user(cur, "somsri").unit_code is not None
    bad = (
        "ชื่อผู้ใช้,ชื่อ-นามสกุล,บทบาท,รหัสผ่านเริ่มต้น,หน่วยงาน\n"
        "newbie,นายใหม่ ดี,division_staff,long-enough-3,กองคลัง\n"
        "somsri,ซ้ำ,division_staff,long-enough-3,\n"
        "x,สั้น,division_staff,short,\n"
        "ghost,ไม่มีหน่วย,wizard,long-enough-3,กองไม่มี\n"
    ).encode()
    with pytest.raises(importer.RowsRejected) as err:
        importer.import_users(empty, admin, NOW, bad, "users.csv")
    text = err.value.message("th")
    assert "แถวที่ 4" in text and "แถวที่ 5" in text
    with empty.read() as cur:
        assert users.find_user(cur, "newbie") is None


def test_every_row_that_clashes_with_the_database_is_named_too(empty, admin):
    registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    content = (
        "username,full_name,roles,password,unit\n"
        "newbie,นายใหม่ ดี,division_staff,long-enough-3,กองคลัง\n"
        "root,ซ้ำกับผู้ดูแล,division_staff,long-enough-3,\n"
        "ghost,ไม่มีหน่วย,division_staff,long-enough-3,กองไม่มี\n"
    ).encode()
    with pytest.raises(importer.RowsRejected) as err:
        importer.import_users(empty, admin, NOW, content, "users.csv")
    assert [row for row, _ in err.value.problems] == [3, 4]
    assert counts(empty)[2] == 1


def test_an_unreadable_or_incomplete_file_is_refused(empty, admin):
    with pytest.raises(ValidationError) as err:
        importer.import_units(empty, admin, NOW, b"\x00\x01", "units.xlsx")
    assert err.value.code == "org.import_unreadable"
    with pytest.raises(ValidationError) as err:
        importer.import_units(empty, admin, NOW, b"code,phone\nA,1\n", "units.csv")
    assert err.value.code == "org.import_missing_columns"


# -- checklist --------------------------------------------------------------------------------------
def test_the_first_run_checklist_ticks_itself_as_the_town_is_set_up(empty, admin):
    with empty.read() as cur:
        assert [s.done for s in checklist.steps(cur)] == [False] * 6
    profile.save_profile(empty, admin, NOW, a_profile())
    unit = registers.add_unit(empty, admin, NOW, UnitInput("กองคลัง", "division"))
    registers.add_system(
        empty, admin, NOW, SystemInput("ระบบสารบรรณ", "internal", unit, in_service_since=date(2020, 1, 6))
    )
    users.create_user(
        empty,
        admin,
        NOW,
        username="clerk",
        full_name="เจ้าหน้าที่",
        password="long-enough-1",
        roles=["division_staff"],
        unit_code=unit,
    )
    with empty.read() as cur:
        done = {s.key: s.done for s in checklist.steps(cur)}
    assert done == {
        "profile": True,
        "units": True,
        "systems": True,
        "calendar": False,
        "users": True,
        "survey": False,
    }


# -- office hours ---------------------------------------------------------------------------------
def test_office_hours_per_weekday_with_several_periods_and_a_saturday_counter(empty, admin):
    from datetime import time

    from core import calendar_store

    hours = {day: calendar_store.parse_periods("08:00-12:00, 13:00-16:00") for day in range(5)}
    hours[5] = calendar_store.parse_periods("09:00-12:00")
    calendar_store.set_office_hours(empty, admin, NOW, hours)
    with empty.read() as cur:
        cal = calendar_store.load_calendar(cur, [2026, 2027])
        assert calendar_store.office_hours(cur)[5] == ((time(9), time(12)),)
    assert cal.is_working_day(date(2026, 11, 28))  # a Saturday
    assert cal.end_of_day(date(2026, 11, 24)).time() == time(16)  # not a fixed 16:30
    assert cal.end_of_day(date(2026, 11, 28)).time() == time(12)
    assert "settings.change" in actions(empty)
    with empty.read() as cur:
        assert checklist.steps(cur)[3].done  # the calendar step ticks


@pytest.mark.parametrize(
    "text, code",
    [
        ("08:30-12:00, 11:00-16:30", "calendar.hours_overlap"),
        ("16:30-08:30", "calendar.hours_inverted"),
        ("eight to noon", "calendar.hours_format"),
    ],
)
def test_bad_office_hours_are_refused_and_nothing_is_stored(empty, admin, text, code):
    from core import calendar_store

    with pytest.raises(ValidationError) as err:
        calendar_store.set_office_hours(empty, admin, NOW, {0: calendar_store.parse_periods(text)})
    assert err.value.code == code and err.value.message("th") != code
    with empty.read() as cur:
        assert cur.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_a_week_with_no_office_hours_is_refused(empty, admin):
    from core import calendar_store

    with pytest.raises(ValidationError) as err:
        calendar_store.set_office_hours(empty, admin, NOW, {day: [] for day in range(7)})
    assert err.value.code == "calendar.hours_none"


def test_deadlines_end_at_the_calendars_closing_time(empty, admin):
    from core import calendar_store
    from core.proposals import rules as proposal_rules

    calendar_store.set_office_hours(
        empty, admin, NOW, {d: calendar_store.parse_periods("08:00-15:30") for d in range(5)}
    )
    with empty.read() as cur:
        cal = calendar_store.load_calendar(cur, [2026, 2027])
    assert proposal_rules.deadline(cal, date(2026, 12, 4), 1).strftime("%H:%M") == "15:30"
