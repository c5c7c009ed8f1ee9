"""Sign-in with streamlit-authenticator, hardened around its known weaknesses.

What the library does: its login form, bcrypt checking and a cookie component. What we add,
each checked by a test:

- Credentials come from DuckDB on every run, pre-hashed (``auto_hash=False``) and with
  ``login_sleep_time=0`` (both needed for deep links such as ``/report`` to load on a fresh tab).
- No lockout: failed sign-ins are throttled with growing delays per (user name, client) and
  per client, and only mildly per user name (``core.security.throttle``), so a stranger cannot
  keep anyone out. A throttled attempt checks no password. An unknown user name costs the same
  bcrypt check as a wrong password, and both show one message.
- Passwords over bcrypt's 72 bytes get a clear message instead of a library exception.
- Server-side sessions: a sign-in opens a session with a random id kept in this tab's state and
  in the signed cookie; the server records its issue time. Every run checks it, so a password
  change or reset, a role change, disabling or logout-everywhere ends every tab and cookie of the
  user at their next click. The cookie is read by our own code: anything malformed, forged or
  unknown is no cookie (never an error page).
- The library's cookie component (extra-streamlit-components) is rendered only on the run that
  deletes the cookie. Rendered on every run, as the library does, its first report reruns the
  whole page about a second after every page load: twice the work, and a click or a typed value
  landing in between was lost. The cookie a sign-in writes is set by a one-line script in the
  page itself (``cookie_script``): the component's iframe loaded, wrote the cookie and then
  reran the whole page half a second after every sign-in (issue 18).
- Sign-in and sign-out happen before ``st.navigation`` and are never followed by ``st.rerun()``
  (a rerun drops the cookie component: the cookie went missing, or a signed-out user came back
  on reload). The cookie is written after the login form is cleared, so the form does not linger.
"""

from __future__ import annotations

import json
from datetime import timedelta

import streamlit as st
import streamlit_authenticator as stauth
from extra_streamlit_components import CookieManager as _LIBRARY_COOKIE_MANAGER
from extra_streamlit_components.CookieManager import _component_func as _COOKIE_COMPONENT
from streamlit_authenticator.models import cookie_model as library_cookie_model

from core import clock, users
from core.security import clientkey
from core.security import services as security
from ui.context import database, settings, tr

_FLASH_KEY = "pattana_login_flash"
_FLASH_VALUES_KEY = "pattana_login_flash_values"
SESSION_ID_KEY = "pattana_sid"
_LOGOUT_KEY = "pattana_logout"


def client() -> str:
    """This connection's client key (proxy-aware; ``local`` when unknown)."""
    try:
        return clientkey.client_key(st.context.ip_address, dict(st.context.headers or {}))
    except Exception:  # noqa: BLE001 - no context (bare script run): one shared bucket
        return clientkey.LOCAL


class _CookieWriter(_LIBRARY_COOKIE_MANAGER):
    """Stands in for ``extra_streamlit_components.CookieManager`` in the library's cookie model.
    The library's constructor renders a component that reads every cookie; this one renders
    nothing until a cookie is set or deleted (reading is done by our own code from
    ``st.context.cookies``)."""

    def __init__(self, *_args, **_kwargs) -> None:
        self.cookie_manager = _COOKIE_COMPONENT
        try:
            self.cookies = dict(st.context.cookies)
        except Exception:  # noqa: BLE001 - no browser context (a bare script run)
            self.cookies = {}

    def delete(self, cookie, key="delete"):
        self.cookies.setdefault(cookie, "")  # the library also deletes it from its own copy
        return super().delete(cookie, key)


class _ComponentsWithLazyCookies:
    """The ``stx`` name as the library's cookie model sees it."""

    CookieManager = _CookieWriter


library_cookie_model.stx = _ComponentsWithLazyCookies


def _flash(key: str, **values) -> None:
    st.session_state[_FLASH_KEY] = key
    st.session_state[_FLASH_VALUES_KEY] = values


def _make_authenticator() -> tuple[stauth.Authenticate, dict]:
    cfg = settings()
    db = database()
    with db.read() as cur:
        credentials = users.credentials(cur, clock.now())
    authenticator = stauth.Authenticate(
        credentials,
        cfg.cookie_name,
        cfg.cookie_key,
        cfg.cookie_expiry_days,
        auto_hash=False,
        login_sleep_time=0,
    )
    state = {"pending_cookie": False}
    model = authenticator.authentication_controller.authentication_model
    library_login = model.login
    cookies = authenticator.cookie_controller

    def login(
        username=None,
        password=None,
        max_concurrent_users=None,
        max_login_attempts=None,
        token=None,
        single_session=False,
        callback=None,
    ):
        args = (max_concurrent_users, max_login_attempts)
        kwargs = {"single_session": single_session, "callback": callback}
        now = clock.now()
        if username:
            where = client()
            with db.read() as cur:
                wait = security.sign_in_wait(cur, username, where, now)
            if wait:
                st.session_state["authentication_status"] = False
                _flash("login.throttled", seconds=wait)
                security.record_throttled(db, username, where, now, wait)
                return False
            if len((password or "").encode("utf-8")) > users.PASSWORD_MAX_BYTES:
                st.session_state["authentication_status"] = False
                _flash("login.password_too_long", maximum=users.PASSWORD_MAX_BYTES)
                security.sign_in_failed(db, username, where, now)
                return False
            if username not in credentials["usernames"]:
                users.password_matches(password or "", None)  # same cost as a wrong password
            result = library_login(username, password, *args, token, **kwargs)
            if result:
                st.session_state[SESSION_ID_KEY] = security.sign_in_succeeded(
                    db, username, where, now, cfg.cookie_expiry_days
                )
            else:
                _flash("login.failed")
                security.sign_in_failed(db, username, where, now)
            return result
        if token and token.get("username") in credentials["usernames"]:
            st.session_state[SESSION_ID_KEY] = token["sid"]
            return library_login(None, None, *args, {"username": token["username"]}, **kwargs)
        return None

    def read_cookie():
        return None if st.session_state.get("logout") else _cookie_session()

    def encode_cookie():
        expires = clock.now() + timedelta(days=cfg.cookie_expiry_days)
        return security.encode_cookie(
            st.session_state["username"], st.session_state[SESSION_ID_KEY], expires, cfg.cookie_key
        )

    def set_cookie_later():
        state["pending_cookie"] = True

    model.login = login
    cookies.get_cookie = read_cookie
    cookies.cookie_model.get_cookie = read_cookie
    cookies.cookie_model._token_encode = encode_cookie

    def write_cookie():
        st.html(
            cookie_script(cfg.cookie_name, encode_cookie(), cfg.cookie_expiry_days),
            unsafe_allow_javascript=True,
        )

    cookies.set_cookie = set_cookie_later
    state["set_cookie"] = write_cookie
    return authenticator, state


def cookie_script(name: str, token: str, expiry_days: float) -> str:
    """A script that stores the sign-in cookie in the browser as the library's component did
    (path /, SameSite=Strict, Secure on HTTPS, lasting ``expiry_days``), without its iframe
    and the rerun it caused. ``name`` and ``token`` are ours (a setting and a signed token), and
    are JSON-quoted with ``<`` escaped all the same, so nothing in them can end the script."""

    def quoted(value: str) -> str:
        return json.dumps(value).replace("<", "\\u003c")

    max_age = max(int(expiry_days * 86400), 1)
    return (
        "<script>document.cookie = encodeURIComponent("
        + quoted(name)
        + ") + '=' + encodeURIComponent("
        + quoted(token)
        + f") + '; path=/; max-age={max_age}; SameSite=Strict'"
        + " + (location.protocol === 'https:' ? '; Secure' : '');</script>"
    )


def _cookie_session() -> dict | None:
    """The sign-in cookie's claims if it names a session that is open on the server, for the user
    it names; None for anything else (no cookie, malformed, forged, expired, ended)."""
    cfg = settings()
    try:
        raw = st.context.cookies.get(cfg.cookie_name)
    except Exception:  # noqa: BLE001 - no browser context (a bare script run)
        return None
    claims = security.decode_cookie(raw, cfg.cookie_key)
    if claims is None:
        return None
    with database().read() as cur:
        username = security.session_username(cur, claims["sid"], clock.now())
    if username is None or username != claims["username"]:
        return None
    return claims


def _signed_in_by_cookie() -> bool:
    """A new tab or a reload that brings the cookie of an open session: the user is signed in as
    the library's own cookie sign-in does it (the same session-state keys), from that one user's
    entry. Building the authenticator instead read every user's credentials and drew the sign-in
    form's title, only to clear it: 10 ms and two elements on every full load of a page (issue 18).
    A disabled user's cookie signs no one in."""
    if st.session_state.get("logout"):
        return False
    claims = _cookie_session()
    if claims is None:
        return False
    with database().read() as cur:
        user = users.credential_of(cur, claims["username"])
    if user is None:
        return False
    st.session_state["email"] = user["email"]
    st.session_state["name"] = user["name"]
    st.session_state["roles"] = user["roles"]
    st.session_state["authentication_status"] = True
    st.session_state["username"] = claims["username"]
    st.session_state[SESSION_ID_KEY] = claims["sid"]
    st.session_state.pop(_FLASH_KEY, None)
    return True


def _logout_callback(_details) -> None:
    security.sign_out(
        database(), st.session_state.pop(SESSION_ID_KEY, None), st.session_state.get("username"), clock.now()
    )


def _session_is_open() -> bool:
    with database().read() as cur:
        username = security.session_username(cur, st.session_state.get(SESSION_ID_KEY), clock.now())
    return username is not None and username == st.session_state.get("username")


def _signed_in_run() -> bool:
    """A run of a user whose session is open: the sign-out button only. The authenticator (which
    reads every user's credentials) is built only when the button is pressed, to do what its own
    sign-out button does: end the session (``_logout_callback``), clear the sign-in state and
    delete the cookie. True while signed in."""
    if not st.sidebar.button(tr("app.logout"), key=_LOGOUT_KEY):
        return True
    authenticator, _state = _make_authenticator()
    authenticator.authentication_controller.logout(_logout_callback)
    authenticator.cookie_controller.delete_cookie()
    return False


def authenticate(show_login_form: bool) -> bool:
    """Handle sign-in, sign-out and cookies for this run; True when a user is signed in.

    Must be called before ``st.navigation``. ``show_login_form`` is False on public pages, where
    an anonymous visitor needs no authenticator at all (a citizen's survey submit stays cheap).
    """
    if not show_login_form and not st.session_state.get("authentication_status"):
        return False
    if st.session_state.get("authentication_status"):
        from ui.context import current_actor

        if current_actor() is not None and _session_is_open():
            return _signed_in_run()
        authenticator, state = _make_authenticator()  # ended since the last click: the form again
        authenticator.authentication_controller.logout()
        authenticator.cookie_controller.delete_cookie()
        st.session_state.pop(SESSION_ID_KEY, None)
        _flash("login.session_ended")
    elif _signed_in_by_cookie():
        return _signed_in_run()
    else:
        authenticator, state = _make_authenticator()
    lang_fields = {
        "Form name": tr("login.form"),
        "Username": tr("login.username"),
        "Password": tr("login.password"),
        "Login": tr("login.submit"),
    }
    form_area = st.empty()
    try:
        with form_area.container():
            st.title(tr("app.name"))
            st.caption(tr("app.tagline"))
            authenticator.login(location="main", fields=lang_fields, key="pattana_login")
            flash = st.session_state.get(_FLASH_KEY)
            if flash and not st.session_state.get("authentication_status"):
                st.error(tr(flash, **st.session_state.get(_FLASH_VALUES_KEY, {})))
    except stauth.utilities.LoginError:
        st.session_state["authentication_status"] = None
    if st.session_state.get("authentication_status"):
        st.session_state.pop(_FLASH_KEY, None)
        form_area.empty()
        if state["pending_cookie"]:
            state["set_cookie"]()
        with st.sidebar:
            authenticator.logout(
                tr("app.logout"), location="sidebar", key=_LOGOUT_KEY, callback=_logout_callback
            )
        return True
    return False
