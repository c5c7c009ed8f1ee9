"""Sign-in, navigation by role and the account pages, driven with Streamlit's AppTest."""

import pytest
import streamlit as st

from core import demo, users
from core.permissions import can_open_page
from tests.conftest import FIXED_NOW, actor_of, click, goto, new_app, sign_in

DEMO_ACCOUNTS = {username: roles for username, _n, _p, _u, roles in demo.USERS}


def _nav_keys(at) -> set[str]:
    import streamlit as st  # noqa: F401

    built = at.session_state["pattana_pages"] if "pattana_pages" in at.session_state else {}
    return set(built)


def test_an_anonymous_visitor_sees_only_the_sign_in_form(app_env):
    at = new_app().run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["ชื่อผู้ใช้", "รหัสผ่าน"]
    assert "งานของฉัน" not in [t.value for t in at.title]


@pytest.mark.parametrize("username", sorted(DEMO_ACCOUNTS))
def test_each_demo_account_signs_in_to_my_work_with_only_its_pages(signed_in, username):
    at = signed_in(username)
    assert not at.exception
    assert "งานของฉัน" in [t.value for t in at.title]
    roles = set(DEMO_ACCOUNTS[username])
    for key in _nav_keys(at):
        assert can_open_page(roles, key), key
    assert "home" in _nav_keys(at)


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(app_env):
    wrong = sign_in(new_app(), "staff", "not-the-password")
    unknown = sign_in(new_app(), "nobody-here", "not-the-password")
    assert [e.body for e in wrong.error] == [e.body for e in unknown.error]
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in wrong.error[0].body


def test_a_password_over_72_bytes_gets_a_clear_message_not_an_exception(app_env):
    at = sign_in(new_app(), "staff", "ก" * 30)
    assert not at.exception
    assert "72" in at.error[0].body


def test_repeated_wrong_passwords_from_one_client_make_it_wait_without_checking(app_env, monkeypatch):
    from core.security.throttle import PAIR_FREE

    monkeypatch.setattr("core.clock.now", lambda: FIXED_NOW)  # no delay runs out on a slow machine

    for _ in range(PAIR_FREE):
        sign_in(new_app(), "staff", "wrong-password")
    at = sign_in(new_app(), "staff")  # the right password, but this client must wait first
    assert "งานของฉัน" not in [t.value for t in at.title]
    assert any("กรุณารอ" in e.body for e in at.error)


def test_a_disabled_user_is_signed_out_at_the_next_click(signed_in, app_env):
    from core.bootstrap import open_database
    from ui.context import database

    at = signed_in("staff")
    assert "งานของฉัน" in [t.value for t in at.title]
    db = database()
    users.set_active(db, actor_of(db, "admin"), users_now(), actor_of(db, "staff").user_id, False)
    at.run()
    assert "งานของฉัน" not in [t.value for t in at.title]
    assert any("ระงับ" in e.body for e in at.error)
    del open_database


def test_a_role_change_ends_the_session_and_the_new_roles_apply_at_the_next_sign_in(signed_in):
    from ui.context import database

    at = signed_in("staff")
    assert "admin_users" not in _nav_keys(at)
    db = database()
    staff = actor_of(db, "staff")
    users.update_user(
        db,
        actor_of(db, "admin"),
        users_now(),
        staff.user_id,
        full_name=staff.full_name,
        position="",
        unit_code="FINANCE",
        email=None,
        roles=["division_staff", "admin"],
    )
    at.run()
    assert "งานของฉัน" not in [t.value for t in at.title]
    assert "admin_users" in _nav_keys(sign_in(new_app(), "staff"))


def test_the_language_switch_shows_the_same_page_in_english(signed_in):
    at = signed_in("ithead")
    at.button(key="pattana_lang_switch").click().run()
    assert "My work" in [t.value for t in at.title]
    assert at.button(key="pattana_lang_switch").label == "ภาษาไทย"
    at.button(key="pattana_lang_switch").click().run()
    assert "งานของฉัน" in [t.value for t in at.title]


def test_a_page_opened_without_the_right_role_shows_nothing_but_a_refusal(signed_in):
    at = signed_in("staff")
    with pytest.raises(ValueError):
        goto(at, "admin_users")  # not registered for this user


def test_the_admin_creates_a_user_through_the_form(signed_in):
    from ui.context import database

    at = signed_in("admin")
    goto(at, "admin_users")
    form = {}
    for box in at.text_input:  # the create tab comes first; the edit tab repeats some labels
        form.setdefault(box.label, box)
    form["ชื่อผู้ใช้ (อังกฤษตัวเล็ก)"].input("newclerk")
    form["ชื่อ-นามสกุล"].input("นางสาวใหม่ ทดสอบ")
    form["รหัสผ่านเริ่มต้น"].input("initial-pass")
    at.multiselect[0].select("division_staff")
    click(at, "บันทึก")
    assert not at.exception
    assert any("newclerk" in s.body for s in at.success)
    with database().read() as cur:
        assert users.find_user(cur, "newclerk").roles == {"division_staff"}


def test_a_duplicate_user_name_in_the_form_is_refused_in_thai(signed_in):
    at = signed_in("admin")
    goto(at, "admin_users")
    form = {}
    for box in at.text_input:  # the create tab comes first; the edit tab repeats some labels
        form.setdefault(box.label, box)
    form["ชื่อผู้ใช้ (อังกฤษตัวเล็ก)"].input("staff")
    form["ชื่อ-นามสกุล"].input("ซ้ำ")
    form["รหัสผ่านเริ่มต้น"].input("initial-pass")
    at.multiselect[0].select("division_staff")
    click(at, "บันทึก")
    assert any("มีชื่อผู้ใช้ staff อยู่แล้ว" in e.body for e in at.error)


def test_changing_my_password_with_a_wrong_current_one_is_refused(signed_in):
    at = signed_in("staff")
    goto(at, "account")
    fields = at.text_input
    fields[0].input("wrong-current")
    fields[1].input("new-password-1")
    fields[2].input("new-password-1")
    click(at, "บันทึก")
    assert any("รหัสผ่านเดิมไม่ถูกต้อง" in e.body for e in at.error)


def test_the_audit_log_lists_sign_ins(signed_in):
    at = signed_in("admin")
    goto(at, "admin_audit")
    assert not at.exception
    sentences = at.dataframe[0].value
    assert "นายณัฐวุฒิ ศรีสุข เข้าสู่ระบบ" in set(sentences["รายการ"])  # the log reads as sentences
    assert len(at.dataframe) == 1  # the raw log is drawn only once its expander is opened
    at.session_state["audit_details_open"] = True  # as a click on the expander
    at.run()
    assert not at.exception
    raw = at.dataframe[1].value  # the raw codes stay one click away
    assert "auth.login" in set(raw["การกระทำ"])


def users_now():
    from core.clock import now

    return now()


def test_the_cookie_script_quotes_the_name_and_token_so_nothing_in_them_can_end_the_script():
    from tests.security_server import cookie_in_script
    from ui.auth import cookie_script

    script = cookie_script("pattana_auth", 'a.b"</script><script>alert(1)</script>', 1.0)
    assert script.startswith("<script>") and script.count("</script>") == 1
    assert cookie_in_script(script) == ("pattana_auth", 'a.b"</script><script>alert(1)</script>')
    assert "path=/; max-age=86400; SameSite=Strict" in script
    assert "location.protocol === 'https:' ? '; Secure'" in script


def test_signing_in_writes_the_cookie_with_a_script_in_the_page_not_a_component(signed_in):
    at = signed_in("staff")
    assert not at.exception
    scripts = [h for h in at.get("html") if "document.cookie" in h.proto.body]
    assert len(scripts) == 1 and "pattana_auth" in scripts[0].proto.body
    assert not at.get("component_instance")  # the iframe that reran the page is not drawn


def test_the_first_page_answers_at_its_own_path_too_and_is_listed_once_in_the_menu(signed_in, monkeypatch):
    menus = []
    navigation = st.navigation

    def recording(pages, **options):
        menus.append((pages, options))
        return navigation(pages, **options)

    monkeypatch.setattr(st, "navigation", recording)
    at = signed_in("staff")
    paths = sorted(info.get("url_pathname") for info in at._registered_pages.values())
    assert paths.count("home") == 1  # /home (a bookmark, a reload) is a page, not "Page not found"
    pages, options = menus[-1]
    shown = [p.title for section in pages.values() for p in section if p.visibility != "hidden"]
    assert shown.count("งานของฉัน") == 1
    assert options == {"position": "sidebar", "expanded": True}  # no "View N more"
    at = goto(at, "home")
    assert not at.exception
    assert "งานของฉัน" in [t.value for t in at.title]


def test_a_visitor_who_is_not_signed_in_is_shown_no_page_menu(monkeypatch):
    positions = []
    navigation = st.navigation

    def recording(pages, **options):
        positions.append(options["position"])
        return navigation(pages, **options)

    monkeypatch.setattr(st, "navigation", recording)
    at = new_app()
    at.run()
    assert not at.exception
    assert positions == ["hidden"]  # the sign-in form only, not a list of pages that all ask for it


def test_the_signed_in_user_is_read_once_per_state_of_the_records_not_on_every_run(signed_in, monkeypatch):
    from ui import context

    at = signed_in("ithead")
    reads = []
    find_user = context.find_user

    def counting(cur, username):
        reads.append(username)
        return find_user(cur, username)

    monkeypatch.setattr(context, "find_user", counting)
    at = goto(at, "tickets")
    assert not at.exception
    reads.clear()
    at.run()
    assert not at.exception
    assert reads == []  # nothing recorded since the last run: the user as read then
    context.database().write(lambda cur: cur.execute("UPDATE settings SET updated_at = updated_at"))
    at.run()
    assert not at.exception
    assert reads == ["ithead"]  # the sign-in check, the menu and the page's guard share one read
