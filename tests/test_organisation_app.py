"""AppTest of the go-live screens per role: the organisation profile in settings, the units and
systems page, the users import and the add-user form, and the first-run checklist."""

import pytest

from core import bootstrap, users
from core.i18n import t
from tests.conftest import FIXED_NOW, click, goto, new_app, open_tab, sign_in
from tests.date_fields import set_date


def field(at, label: str):
    return next(w for w in at.text_input if w.label == label)


@pytest.fixture
def fresh_env(tmp_path, monkeypatch):
    """An AppTest environment on a database straight from init-db + create-admin."""
    import streamlit as st

    path = tmp_path / "town.duckdb"
    db = bootstrap.open_database(path, demo=False)
    users.create_first_admin(
        db, FIXED_NOW, username="root", full_name="ผู้ดูแลระบบ", password="first-admin-pass"
    )
    db.close()
    monkeypatch.setenv("PATTANA_DB", str(path))
    monkeypatch.setenv("PATTANA_DEMO", "0")
    monkeypatch.setenv("PATTANA_SCHEDULER", "0")
    monkeypatch.setenv("PATTANA_COOKIE_KEY", "test-cookie-key-" + "x" * 32)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def admin_app():
    return sign_in(new_app(), "root", "first-admin-pass")


def test_a_new_database_shows_the_admin_the_first_run_checklist_with_nothing_ticked(fresh_env):
    at = admin_app()
    assert not at.exception
    assert any("เริ่มต้นใช้งานระบบ (0/6)" in s.value for s in at.subheader)
    texts = " ".join(t.value for t in at.text)
    for step in ("ข้อมูลองค์กร", "หน่วยงาน", "ระบบงานที่ใช้อยู่", "ปฏิทินการทำงาน", "ผู้ใช้และสิทธิ์", "แบบสำรวจ"):
        assert step in texts


def test_the_admin_saves_the_profile_and_a_bad_url_is_refused_in_thai(fresh_env):
    at = admin_app()
    goto(at, "settings")
    field(at, "ชื่อองค์กรปกครองส่วนท้องถิ่น (ไทย)").input("เทศบาลตำบลหนองบัวแดง")
    field(at, "จังหวัด").input("ชัยภูมิ")
    field(at, "ส่วนราชการผู้ออกหนังสือ (สำนัก/กอง)").input("กองยุทธศาสตร์และงบประมาณ")
    field(at, "เลขที่หนังสือ (รหัสส่วนราชการ เช่น อบ ๕๓๒๐๑)").input("ชย 73901")
    field(at, "ผู้รับบันทึกเสนอขออนุมัติ (เช่น ปลัดเทศบาล)").input("ปลัดเทศบาล")
    field(at, "ที่อยู่เว็บสาธารณะของระบบ (สำหรับ QR code และลิงก์)").input("pattana nongbua")
    click(at, "บันทึก")
    assert any("http://" in e.body for e in at.error)
    field(at, "ที่อยู่เว็บสาธารณะของระบบ (สำหรับ QR code และลิงก์)").input("https://pattana.example.go.th")
    click(at, "บันทึก")
    assert not at.exception
    assert any("บันทึกข้อมูลองค์กรแล้ว" in s.body for s in at.success)
    goto(at, "home")
    assert any("(1/6)" in s.value for s in at.subheader)


def test_the_admin_adds_units_and_systems_and_duplicates_are_refused(fresh_env):
    at = admin_app()
    goto(at, "organisation")
    assert not at.exception
    for name in ("กองคลัง", "กองคลัง"):
        field(at, "ชื่อหน่วยงาน").input(name)
        click(at, "เพิ่มหน่วยงาน")
    assert any('มีหน่วยงานชื่อ "กองคลัง" อยู่แล้ว' in e.body for e in at.error)
    assert at.dataframe[0].value.shape[0] == 1
    open_tab(at, "org_register", t("org.systems.title", "th"))  # only the open tab is drawn
    field(at, "ชื่อระบบ").input("ระบบสารบรรณ")
    next(s for s in at.selectbox if s.label == "หน่วยงานเจ้าของระบบ").select("U001")
    set_date(at, "วันที่เริ่มใช้งาน", FIXED_NOW.date().replace(year=2020))
    click(at, "เพิ่มระบบที่ใช้งานอยู่แล้ว")
    assert not at.exception and not at.error
    assert any("ลงทะเบียนระบบแล้ว" in s.body for s in at.success)
    shown = at.dataframe[0].value
    assert list(shown.iloc[:, 0]) == ["ระบบสารบรรณ"] and list(shown.iloc[:, 1]) == ["กองคลัง"]


def test_an_import_with_a_bad_row_names_it_and_stores_nothing(fresh_env):
    at = admin_app()
    goto(at, "organisation")
    content = "ชื่อหน่วยงาน,ประเภท\nกองคลัง,กอง\nกองช่าง,หมู่บ้าน\n".encode()
    open_tab(at, "org_units_action", t("org.units.import", "th"))
    at.file_uploader(key="import_units_file").upload("units.csv", content, "text/csv")
    click(at, "นำเข้า")
    assert any("แถวที่ 3" in e.body for e in at.error)
    assert any("ยังไม่มีหน่วยงาน" in i.body for i in at.info)


def test_the_add_user_form_is_empty_again_after_an_account_is_created(fresh_env):
    at = admin_app()
    goto(at, "admin_users")
    field(at, "ชื่อผู้ใช้ (อังกฤษตัวเล็ก)").input("itchief")
    field(at, "ชื่อ-นามสกุล").input("นายหัวหน้า ไอที")
    next(m for m in at.multiselect if m.label == "บทบาท").select("it_head")
    field(at, "รหัสผ่านเริ่มต้น").input("long-enough-1")
    click(at, "บันทึก")
    assert not at.exception
    assert any("itchief" in s.body for s in at.success)
    assert field(at, "ชื่อผู้ใช้ (อังกฤษตัวเล็ก)").value == ""
    assert next(m for m in at.multiselect if m.label == "บทบาท").value == []


def test_users_are_imported_from_a_csv_all_or_nothing(fresh_env):
    at = admin_app()
    goto(at, "admin_users")
    open_tab(at, "admin_users_section", t("org.users.import", "th"))  # only the open tab is drawn
    bad = "username,full_name,roles,password\nsomchai,นายสมชาย,division_staff,long-enough-1\nx,สั้น,wizard,short\n"
    at.file_uploader(key="import_users_file").upload("users.csv", bad.encode(), "text/csv")
    click(at, "นำเข้า")
    assert any("แถวที่ 3" in e.body for e in at.error)
    assert at.dataframe[0].value.shape[0] == 1  # only the admin
    good = "username,full_name,roles,password\nsomchai,นายสมชาย,division_staff,long-enough-1\n"
    at.file_uploader(key="import_users_file").upload("users.csv", good.encode(), "text/csv")
    click(at, "นำเข้า")
    assert any("นำเข้าแล้ว 1 รายการ" in s.body for s in at.success)
    assert at.dataframe[0].value.shape[0] == 2


def test_the_it_head_keeps_systems_but_neither_units_nor_the_profile(signed_in):
    at = signed_in("ithead")
    goto(at, "organisation")
    assert not at.exception
    assert "เพิ่มหน่วยงาน" not in [b.label for b in at.button]  # the units: a table, no form
    open_tab(at, "org_register", t("org.systems.title", "th"))
    assert "เพิ่มระบบที่ใช้งานอยู่แล้ว" in [b.label for b in at.button]
    goto(at, "settings")
    assert not any(t.label == "ชื่อองค์กรปกครองส่วนท้องถิ่น (ไทย)" for t in at.text_input)


@pytest.mark.parametrize("username", ["staff", "executive", "itofficer", "teacher"])
def test_other_roles_cannot_reach_the_organisation_page(signed_in, username):
    at = signed_in(username)
    with pytest.raises(ValueError):
        goto(at, "organisation")


def test_the_demo_admin_sees_no_checklist_once_the_town_is_set_up(signed_in):
    at = signed_in("admin")
    assert not at.exception
    assert not any("เริ่มต้นใช้งานระบบ" in s.value for s in at.subheader)


def _save_office_hours(at):
    next(b for b in at.button if b.label == "บันทึก" and b.form_id == "office_hours").click().run()


def test_office_hours_are_edited_per_weekday_and_overlaps_refused(fresh_env):
    at = admin_app()
    goto(at, "settings")
    open_tab(at, "settings_section", t("tickets.settings.calendar", "th"))
    assert field(at, "วันจันทร์").value == "08:30-12:00, 13:00-16:30"
    field(at, "วันเสาร์").input("09:00-12:00")
    field(at, "วันศุกร์").input("08:30-12:00, 11:30-16:30")
    _save_office_hours(at)
    assert any("ซ้อนกัน" in e.body for e in at.error)
    field(at, "วันศุกร์").input("08:30-12:00, 13:00-16:30")
    _save_office_hours(at)
    assert any("บันทึกเวลาทำการแล้ว" in s.body for s in at.success)
    goto(at, "home")
    assert any("(1/6)" in s.value for s in at.subheader)  # the calendar step ticked


def test_the_health_page_shows_the_admin_what_users_saw_as_a_reference(fresh_env):
    from core import incidents
    from core.errors import StorageError

    reference = incidents.record(
        StorageError("storage.write_failed", detail="IO Error: /srv/x.duckdb: disk"), FIXED_NOW
    )
    at = admin_app()
    goto(at, "admin_health")
    assert not at.exception
    shown = at.dataframe[-1].value
    row = shown[shown.iloc[:, 0] == reference]
    assert len(row) == 1 and "/srv/x.duckdb" in row.iloc[0, 3]
