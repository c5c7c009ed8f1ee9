"""Sign-in with streamlit-authenticator, hardened around its known weaknesses.

What the library does: its login form, bcrypt checking and a signed re-authentication cookie
(user name and expiry only). What we add, each checked by a test:

- Credentials come from DuckDB on every run, pre-hashed (``auto_hash=False``) and with
  ``login_sleep_time=0`` (both needed for deep links such as ``/report`` to load on a fresh tab).
- Failed sign-ins are counted in the database; too many in a row lock the account for a while
  (locked users are left out of the credentials, so they fail like any wrong password). An
  unknown user name costs the same bcrypt check as a wrong password, and both show one message.
- Passwords over bcrypt's 72 bytes get a clear message instead of a library exception.
- A cookie issued before the user's last sign-out, password reset or disabling is ignored, and a
  disabled user is signed out at their next interaction.
- Sign-in and sign-out happen before ``st.navigation`` and are never followed by ``st.rerun()``
  (a rerun drops the cookie component: the cookie went missing, or a signed-out user came back
  on reload). The cookie is written after the login form is cleared, so the form does not linger.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st
import streamlit_authenticator as stauth

from core import clock, users
from ui.context import database, settings, tr

_FLASH_KEY = "pattana_login_flash"


def _issued_at(token: dict, expiry_days: float) -> datetime:
    expires = clock.at_real_time(float(token.get("exp_date", 0)))
    return expires - clock.timedelta_days(expiry_days)


def _make_authenticator() -> tuple[stauth.Authenticate, dict]:
    cfg = settings()
    db = database()
    with db.read() as cur:
        credentials = users.credentials(cur, clock.now())
    authenticator = stauth.Authenticate(
        credentials, cfg.cookie_name, cfg.cookie_key, cfg.cookie_expiry_days,
        auto_hash=False, login_sleep_time=0,
    )
    state = {"pending_cookie": False}
    model = authenticator.authentication_controller.authentication_model
    library_login = model.login
    library_set_cookie = authenticator.cookie_controller.set_cookie

    def login(username=None, password=None, max_concurrent_users=None, max_login_attempts=None,
              token=None, single_session=False, callback=None):
        args = (max_concurrent_users, max_login_attempts)
        kwargs = {"single_session": single_session, "callback": callback}
        now = clock.now()
        if username:
            if len((password or "").encode("utf-8")) > users.PASSWORD_MAX_BYTES:
                st.session_state["authentication_status"] = False
                st.session_state[_FLASH_KEY] = "login.password_too_long"
                users.record_login_failure(db, username, now)
                return False
            if username not in credentials["usernames"]:
                users.password_matches(password or "", None)  # same cost as a wrong password
            result = library_login(username, password, *args, token, **kwargs)
            if result:
                users.record_login_success(db, username, now)
            else:
                st.session_state[_FLASH_KEY] = "login.failed"
                users.record_login_failure(db, username, now)
            return result
        if token:
            with db.read() as cur:
                user = users.find_user(cur, str(token.get("username", "")))
            if (user is None or token["username"] not in credentials["usernames"]
                    or not users.token_still_valid(user, _issued_at(token, cfg.cookie_expiry_days))):
                return None
            return library_login(username, password, *args, token, **kwargs)
        return None

    def set_cookie_later():
        state["pending_cookie"] = True

    model.login = login
    authenticator.cookie_controller.set_cookie = set_cookie_later
    state["set_cookie"] = library_set_cookie
    return authenticator, state


def _logout_callback(_details) -> None:
    username = st.session_state.get("username")
    if username:
        users.record_logout(database(), username, clock.now())


def authenticate(show_login_form: bool) -> bool:
    """Handle sign-in, sign-out and cookies for this run; True when a user is signed in.

    Must be called before ``st.navigation``. ``show_login_form`` is False on public pages, where
    an anonymous visitor needs no authenticator at all (a citizen's survey submit stays cheap).
    """
    if not show_login_form and not st.session_state.get("authentication_status"):
        return False
    authenticator, state = _make_authenticator()
    lang_fields = {
        "Form name": tr("login.form"), "Username": tr("login.username"),
        "Password": tr("login.password"), "Login": tr("login.submit"),
    }
    signed_in_before = bool(st.session_state.get("authentication_status"))
    if signed_in_before:
        from ui.context import current_actor

        if current_actor() is None:  # disabled or deleted since the last click
            authenticator.authentication_controller.logout()
            authenticator.cookie_controller.delete_cookie()
            st.session_state[_FLASH_KEY] = "login.session_ended"
            signed_in_before = False
    if signed_in_before:
        with st.sidebar:
            authenticator.logout(tr("app.logout"), location="sidebar", key="pattana_logout",
                                 callback=_logout_callback)
        return bool(st.session_state.get("authentication_status"))

    form_area = st.empty()
    try:
        with form_area.container():
            st.title(tr("app.name"))
            st.caption(tr("app.tagline"))
            authenticator.login(location="main", fields=lang_fields, key="pattana_login")
            flash = st.session_state.get(_FLASH_KEY)
            if flash and not st.session_state.get("authentication_status"):
                st.error(tr(flash, n=users.LOCK_AFTER_FAILURES, minutes=users.LOCK_MINUTES,
                            maximum=users.PASSWORD_MAX_BYTES))
    except stauth.utilities.LoginError:
        st.session_state["authentication_status"] = None
    if st.session_state.get("authentication_status"):
        st.session_state.pop(_FLASH_KEY, None)
        form_area.empty()
        if state["pending_cookie"]:
            state["set_cookie"]()
        with st.sidebar:
            authenticator.logout(tr("app.logout"), location="sidebar", key="pattana_logout",
                                 callback=_logout_callback)
        return True
    return False
