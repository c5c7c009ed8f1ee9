from datetime import timedelta

import pytest

from core import audit, users
from core.actor import Actor
from core.errors import DomainError, Forbidden, ValidationError
from core.security import services as security
from tests.conftest import FIXED_NOW, actor_of

NOW = FIXED_NOW


@pytest.fixture
def admin(db):
    users.create_first_admin(db, NOW, username="root", full_name="ผู้ดูแล", password="first-admin-pass")
    return actor_of(db, "root")


def _audit_actions(db):
    with db.read() as cur:
        return list(audit.search(cur, audit.AuditFilter())["action"])


def test_the_first_admin_is_created_once_and_never_again(db, admin):
    with pytest.raises(DomainError) as raised:
        users.create_first_admin(db, NOW, username="other", full_name="x", password="another-pass")
    assert raised.value.code == "user.admin_exists"


def test_an_admin_creates_a_user_with_roles_and_a_unit(db, admin):
    users.create_user(
        db,
        admin,
        NOW,
        username="Somchai",
        full_name="นายสมชาย ใจดี",
        password="secret-pass",
        roles=["it_officer", "division_staff"],
        unit_code="PLANNING",
        position="นักวิชาการ",
    )
    with db.read() as cur:
        user = users.find_user(cur, "somchai")
    assert user.roles == {"it_officer", "division_staff"}
    assert user.unit_code == "PLANNING"
    assert "user.create" in _audit_actions(db)


def test_a_duplicate_user_name_is_refused_and_nothing_is_written(db, admin):
    users.create_user(
        db, admin, NOW, username="malee", full_name="มาลี", password="secret-pass", roles=["division_staff"]
    )
    with pytest.raises(ValidationError) as raised:
        users.create_user(
            db,
            admin,
            NOW,
            username="MALEE",
            full_name="มาลี 2",
            password="secret-pass",
            roles=["division_staff"],
        )
    assert raised.value.code == "user.username_taken"
    with db.read() as cur:
        assert cur.execute("SELECT count(*) FROM users WHERE username = 'malee'").fetchone()[0] == 1


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("full_name", "", "error.required"),
        ("full_name", "ก" * 201, "error.too_long"),
        ("username", "x", "user.username_invalid"),
        ("username", "ชื่อไทย", "user.username_invalid"),
        ("password", "short", "user.password_too_short"),
        ("password", "ก" * 25, "user.password_too_long"),
        ("password", " padded-password ", "user.password_spaces"),
        ("roles", [], "user.role_required"),
        ("roles", ["king"], "user.role_unknown"),
        ("unit_code", "NOWHERE", "user.unit_unknown"),
    ],
)
def test_bad_account_input_is_refused_with_a_named_reason(db, admin, field, value, code):
    values = dict(
        username="newuser", full_name="ผู้ใช้ใหม่", password="secret-pass", roles=["it_officer"], unit_code=None
    )
    values[field] = value
    with pytest.raises(ValidationError) as raised:
        users.create_user(db, admin, NOW, **values)
    assert raised.value.code == code
    assert raised.value.message("th") and raised.value.message("en")
    with db.read() as cur:
        assert users.find_user(cur, "newuser") is None


def test_only_an_admin_may_manage_users(db, admin):
    clerk = Actor(user_id=99, username="clerk", full_name="x", roles=frozenset({"executive"}))
    with pytest.raises(Forbidden):
        users.create_user(
            db, clerk, NOW, username="sneaky", full_name="x", password="secret-pass", roles=["admin"]
        )


def test_failed_sign_ins_never_lock_the_account_out_of_the_credentials(db, admin):
    users.create_user(
        db, admin, NOW, username="malee", full_name="มาลี", password="secret-pass", roles=["division_staff"]
    )
    for second in range(20):
        security.sign_in_failed(db, "malee", "203.0.113.9", NOW + timedelta(seconds=second))
    with db.read() as cur:
        assert "malee" in users.credentials(cur, NOW + timedelta(seconds=30))["usernames"]
    assert _audit_actions(db).count("auth.login_failed") == 20


def test_a_failed_sign_in_for_an_unknown_name_is_audited_like_any_other(db):
    security.sign_in_failed(db, "nobody", "203.0.113.9", NOW)
    with db.read() as cur:
        entry = audit.search(cur, audit.AuditFilter(action="auth.login_failed")).iloc[0]
    assert entry["actor"] == "nobody"
    assert '"known_user": false' in entry["detail_json"]


def test_an_unknown_name_and_a_wrong_password_are_both_simply_no(db, admin):
    with db.read() as cur:
        stored = cur.execute("SELECT password_hash FROM users WHERE username='root'").fetchone()[0]
    assert users.password_matches("first-admin-pass", stored)
    assert not users.password_matches("wrong-password", stored)
    assert not users.password_matches("anything", None)
    assert not users.password_matches("ก" * 40, stored)  # over 72 bytes: no exception


def test_signing_out_ends_that_session_only(db, admin):
    first = security.sign_in_succeeded(db, "root", "203.0.113.9", NOW, 1)
    second = security.sign_in_succeeded(db, "root", "198.51.100.7", NOW, 1)
    security.sign_out(db, first, "root", NOW + timedelta(minutes=5))
    with db.read() as cur:
        assert security.session_username(cur, first, NOW + timedelta(minutes=6)) is None
        assert security.session_username(cur, second, NOW + timedelta(minutes=6)) == "root"


def test_a_disabled_user_loses_sign_in_and_sessions(db, admin):
    user_id = users.create_user(
        db, admin, NOW, username="malee", full_name="มาลี", password="secret-pass", roles=["division_staff"]
    )
    sid = security.sign_in_succeeded(db, "malee", "203.0.113.9", NOW, 1)
    users.set_active(db, admin, NOW + timedelta(minutes=1), user_id, False)
    with db.read() as cur:
        assert "malee" not in users.credentials(cur, NOW)["usernames"]
        assert users.credential_of(cur, "malee") is None
        assert security.session_username(cur, sid, NOW + timedelta(minutes=2)) is None
    assert "user.disable" in _audit_actions(db)


def test_one_users_credentials_are_that_users_entry_of_everyones(db, admin):
    users.create_user(
        db,
        admin,
        NOW,
        username="malee",
        full_name="มาลี",
        password="secret-pass",
        roles=["division_staff", "it_officer"],
        email="malee@example.org",
    )
    with db.read() as cur:
        everyone = users.credentials(cur, NOW)["usernames"]
        for username in ("malee", "root"):
            assert users.credential_of(cur, username) == everyone[username]
        assert users.credential_of(cur, "nobody") is None
    assert everyone["malee"]["roles"] == ["division_staff", "it_officer"]
    assert everyone["malee"]["email"] == "malee@example.org"


def test_an_admin_cannot_disable_themselves_or_drop_their_own_admin_role(db, admin):
    with pytest.raises(DomainError):
        users.set_active(db, admin, NOW, admin.user_id, False)
    with pytest.raises(DomainError):
        users.update_user(
            db,
            admin,
            NOW,
            admin.user_id,
            full_name="x",
            position="",
            unit_code=None,
            email=None,
            roles=["it_head"],
        )


def test_changing_my_password_needs_the_current_one(db, admin):
    with pytest.raises(ValidationError) as raised:
        users.change_own_password(db, admin, NOW, "not-it", "brand-new-pass")
    assert raised.value.code == "user.old_password_wrong"
    users.change_own_password(db, admin, NOW, "first-admin-pass", "brand-new-pass")
    with db.read() as cur:
        stored = cur.execute("SELECT password_hash FROM users WHERE username='root'").fetchone()[0]
    assert users.password_matches("brand-new-pass", stored)


def test_a_role_change_is_audited_with_old_and_new_roles(db, admin):
    user_id = users.create_user(
        db, admin, NOW, username="malee", full_name="มาลี", password="secret-pass", roles=["division_staff"]
    )
    users.update_user(
        db,
        admin,
        NOW,
        user_id,
        full_name="มาลี",
        position="",
        unit_code="FINANCE",
        email=None,
        roles=["it_officer"],
    )
    with db.read() as cur:
        entry = audit.search(cur, audit.AuditFilter(action="user.roles_change")).iloc[0]
        assert users.find_user(cur, "malee").roles == {"it_officer"}
    assert "division_staff" in entry["detail_json"] and "it_officer" in entry["detail_json"]
