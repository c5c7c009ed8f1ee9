"""Users and roles (administrators): create accounts, assign roles and units, reset passwords,
disable and enable users. Every change is audited by ``core.users``."""

from __future__ import annotations

import streamlit as st

from core import org, users
from core.organisation import importer
from core.permissions import ROLES, role_label
from ui import widgets
from ui.components import attempt, fmt_datetime, guard, table
from ui.context import database, language, now, tr
from ui.registry import PageSpec

_FLASH = "admin_users_flash"
SECTION_KEY = "admin_users_section"  # the open tab (create, edit, import), in the session


def _unit_options(lang: str) -> tuple[list[str], dict[str, str]]:
    with database().read() as cur:
        units = org.list_units(cur)
    names = {u["code"]: (u["name_en"] if lang == "en" else u["name_th"]) for u in units}
    return [""] + list(names), names


def render() -> None:
    actor = guard("admin_users")
    lang = language()
    st.title(tr("page.admin_users"))
    flash = st.empty()  # always present, so the tabs below keep their place (and selection) on reruns
    if _FLASH in st.session_state:
        flash.success(st.session_state.pop(_FLASH))
    unit_codes, unit_names = _unit_options(lang)
    unit_label = lambda code: unit_names.get(code, tr("users.none_unit"))  # noqa: E731
    role_format = lambda r: role_label(r, lang)  # noqa: E731

    with database().read() as cur:
        frame = users.list_users(cur)
    shown = frame.copy()
    shown["roles"] = shown["roles"].map(lambda s: ", ".join(role_format(r) for r in s.split(",") if r))
    shown["locked_until"] = shown["locked_until"].map(
        lambda v: fmt_datetime(v) if v is not None and v == v else ""
    )
    shown = shown.drop(columns=["id", "unit_code", "email"]).rename(
        columns={
            "username": tr("users.username"),
            "full_name": tr("users.full_name"),
            "position": tr("users.position"),
            "unit_name": tr("users.unit"),
            "active": tr("users.active"),
            "locked_until": tr("users.locked_until"),
            "roles": tr("users.roles"),
        }
    )
    st.subheader(tr("users.list"))
    table(shown)

    sections = [
        (tr("users.create"), lambda: _create(actor, unit_codes, unit_label, role_format)),
        (tr("users.edit"), lambda: _edit(actor, frame, unit_codes, unit_label, role_format)),
        (tr("org.users.import"), lambda: _import(actor)),
    ]
    # Only the open tab is drawn: three forms and a file uploader on every run made this page one
    # of the slowest to load (issue 18).
    tabs = widgets.lazy_tabs(st, [label for label, _draw in sections], key=SECTION_KEY)
    for tab, (_label, draw) in zip(tabs, sections):
        if tab.open:
            with tab:
                draw()


def _import(actor) -> None:
    st.caption(tr("org.import_help"))
    st.caption(tr("org.import_columns", columns=", ".join(th for th, _ in importer.USER_COLUMNS.values())))
    with widgets.form(st, "import_users", clear_on_submit=True):
        upload = widgets.file_input(st, tr("org.import_file"), types=["xlsx", "csv"], key="import_users_file")
        if st.form_submit_button(tr("org.import_submit")) and upload is not None:
            result = attempt(
                lambda: importer.import_users(database(), actor, now(), upload.getvalue(), upload.name)
            )
            if result:
                st.session_state[_FLASH] = tr("org.import_done", n=result.value)
                st.rerun()


def _create(actor, unit_codes, unit_label, role_format) -> None:
    # A new form after every account created (its key changes): nothing of the previous user, the
    # roles above all, is carried over; a refused form keeps what was typed so it can be fixed.
    generation = st.session_state.setdefault("create_user_generation", 0)
    with widgets.form(st, f"create_user_{generation}"):
        username = st.text_input(tr("users.username"), max_chars=32)
        full_name = st.text_input(tr("users.full_name"), max_chars=200)
        position = st.text_input(tr("users.position"), max_chars=200)
        unit = widgets.select_one(st, tr("users.unit"), unit_codes, format_func=unit_label)
        email = st.text_input(tr("users.email"), max_chars=200)
        roles = widgets.select_many(st, tr("users.roles"), list(ROLES), format_func=role_format)
        password = st.text_input(tr("users.password"), type="password")
        if st.form_submit_button(tr("users.save")):
            created = attempt(
                lambda: users.create_user(
                    database(),
                    actor,
                    now(),
                    username=username,
                    full_name=full_name,
                    password=password,
                    roles=roles,
                    position=position,
                    unit_code=unit or None,
                    email=email or None,
                )
            )
            if created:
                st.session_state["create_user_generation"] = generation + 1
                st.session_state[_FLASH] = tr("users.created", username=username.strip().lower())
                st.rerun()


def _edit(actor, frame, unit_codes, unit_label, role_format) -> None:
    if frame.empty:
        return
    options = dict(zip(frame["id"], frame["username"] + " · " + frame["full_name"]))
    user_id = widgets.select_one(st, tr("users.pick"), list(options), format_func=options.get)
    with database().read() as cur:
        user = users.get_user(cur, int(user_id))
    with widgets.form(st, f"edit_user_{user.id}"):
        full_name = st.text_input(tr("users.full_name"), value=user.full_name, max_chars=200)
        position = st.text_input(tr("users.position"), value=user.position, max_chars=200)
        unit = widgets.select_one(
            st,
            tr("users.unit"),
            unit_codes,
            format_func=unit_label,
            index=unit_codes.index(user.unit_code) if user.unit_code in unit_codes else 0,
        )
        email = st.text_input(tr("users.email"), value=user.email or "", max_chars=200)
        roles = widgets.select_many(
            st, tr("users.roles"), list(ROLES), default=sorted(user.roles), format_func=role_format
        )
        if st.form_submit_button(tr("users.save")):
            attempt(
                lambda: users.update_user(
                    database(),
                    actor,
                    now(),
                    user.id,
                    full_name=full_name,
                    position=position,
                    unit_code=unit or None,
                    email=email or None,
                    roles=roles,
                ),
                success=tr("users.saved"),
            )
    with widgets.form(st, f"reset_password_{user.id}", clear_on_submit=True):
        new_password = st.text_input(tr("users.reset_password"), type="password")
        if st.form_submit_button(tr("users.reset_password")):
            attempt(
                lambda: users.reset_password(database(), actor, now(), user.id, new_password),
                success=tr("users.password_reset_done"),
            )
    if user.active:
        if st.button(tr("users.disable"), key=f"disable_{user.id}"):
            attempt(
                lambda: users.set_active(database(), actor, now(), user.id, False),
                success=tr("users.disabled"),
            )
    elif st.button(tr("users.enable"), key=f"enable_{user.id}"):
        attempt(
            lambda: users.set_active(database(), actor, now(), user.id, True), success=tr("users.enabled")
        )


PAGE = PageSpec(key="admin_users", icon=":material/manage_accounts:", render=render)
