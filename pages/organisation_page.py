"""Units and systems (administrator; the IT head keeps the systems register): the town's
divisions, sections and affiliated units, and the systems already in service, each added,
edited or retired one at a time or imported from Excel/CSV all at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.organisation import importer, queries, registers
from core.organisation.registers import SYSTEM_KINDS, UNIT_KINDS, SystemInput, UnitInput
from core.permissions import can
from ui import widgets
from ui.components import attempt, fmt_date, guard, table
from ui.context import database, language, now, tr
from ui.dates import be_date_input
from ui.registry import PageSpec

_FLASH = "organisation_flash"


def _run(action, message: str) -> None:
    """Run one service; on success show ``message`` on the refreshed page (tables re-read)."""
    result = attempt(action)
    if result:
        st.session_state[_FLASH] = message.format(value=result.value)
        st.rerun()


def _import_form(key: str, columns: dict, action) -> None:
    st.caption(tr("org.import_help"))
    st.caption(tr("org.import_columns", columns=", ".join(th for th, _ in columns.values())))
    with widgets.form(st, f"import_{key}", clear_on_submit=True):
        upload = widgets.file_input(
            st, tr("org.import_file"), types=["xlsx", "csv"], key=f"import_{key}_file"
        )
        if st.form_submit_button(tr("org.import_submit")) and upload is not None:
            _run(lambda: action(upload.getvalue(), upload.name), tr("org.import_done", n="{value}"))


def _units(actor, units: pd.DataFrame) -> None:
    lang = language()
    editable = can(actor.roles, "org.units.edit")
    if units.empty:
        st.info(tr("org.units.none"))
    else:
        table(
            pd.DataFrame(
                {
                    tr("org.field.unit_code").split(" (")[0]: units["code"],
                    tr("org.field.unit_name"): units["name_en" if lang == "en" else "name_th"],
                    tr("org.field.unit_kind"): [tr(f"org.unit_kind.{k}") for k in units["kind"]],
                    tr("org.field.parent"): units["parent_th"].fillna(""),
                    tr("org.field.phone"): units["phone"].fillna(""),
                    tr("org.field.active_users"): units["active_users"],
                    tr("org.field.active"): units["active"],
                }
            )
        )
    if not editable:
        return
    active = units[units["active"]] if not units.empty else units
    names = dict(zip(active["code"], active["name_th"])) if not active.empty else {}
    add_tab, edit_tab, import_tab = widgets.lazy_tabs(
        st, [tr("org.units.add"), tr("org.units.edit"), tr("org.units.import")], key="org_units_action"
    )
    if add_tab.open:
        with add_tab, widgets.form(st, "unit_add", clear_on_submit=True):
            cols = st.columns(2)
            name_th = cols[0].text_input(tr("org.field.unit_name"), max_chars=200)
            name_en = cols[1].text_input(tr("org.field.unit_name_en"), max_chars=200)
            kind = widgets.select_one(
                cols[0], tr("org.field.unit_kind"), UNIT_KINDS, format_func=lambda k: tr(f"org.unit_kind.{k}")
            )
            parent = widgets.select_one(
                cols[1], tr("org.field.parent"), [""] + list(names), format_func=lambda c: names.get(c, "-")
            )
            code = cols[0].text_input(tr("org.field.unit_code"), max_chars=32)
            phone = cols[1].text_input(tr("org.field.phone"), max_chars=60)
            if st.form_submit_button(tr("org.units.add")):
                _run(
                    lambda: registers.add_unit(
                        database(),
                        actor,
                        now(),
                        UnitInput(
                            name_th=name_th,
                            name_en=name_en,
                            kind=kind,
                            code=code,
                            parent_code=parent,
                            phone=phone,
                        ),
                    ),
                    tr("org.units.added", code="{value}"),
                )
    if edit_tab.open:
        with edit_tab:
            if not units.empty:
                every = dict(zip(units["code"], units["name_th"]))
                code = widgets.select_one(
                    st,
                    tr("org.pick_unit"),
                    list(every),
                    format_func=lambda c: f"{every[c]} ({c})",
                    key="unit_pick",
                )
                row = units[units["code"] == code].iloc[0]
                with widgets.form(st, f"unit_edit_{code}"):
                    cols = st.columns(2)
                    name_th = cols[0].text_input(
                        tr("org.field.unit_name"), value=row["name_th"], max_chars=200
                    )
                    name_en = cols[1].text_input(
                        tr("org.field.unit_name_en"), value=row["name_en"], max_chars=200
                    )
                    parents = [""] + [c for c in names if c != code]
                    parent = widgets.select_one(
                        cols[0],
                        tr("org.field.parent"),
                        parents,
                        format_func=lambda c: names.get(c, "-"),
                        index=parents.index(row["parent_code"]) if row["parent_code"] in parents else 0,
                    )
                    phone = cols[1].text_input(tr("org.field.phone"), value=row["phone"] or "", max_chars=60)
                    if st.form_submit_button(tr("common.save")):
                        _run(
                            lambda: registers.edit_unit(
                                database(),
                                actor,
                                now(),
                                code,
                                name_th=name_th,
                                name_en=name_en,
                                parent_code=parent,
                                phone=phone,
                            ),
                            tr("org.units.saved"),
                        )
                if row["active"]:
                    if st.button(tr("org.units.retire"), key=f"unit_retire_{code}"):
                        _run(
                            lambda: registers.set_unit_active(database(), actor, now(), code, False),
                            tr("org.units.retired"),
                        )
                elif st.button(tr("org.units.restore"), key=f"unit_restore_{code}"):
                    _run(
                        lambda: registers.set_unit_active(database(), actor, now(), code, True),
                        tr("org.units.restored"),
                    )
    if import_tab.open:
        with import_tab:
            _import_form(
                "units",
                importer.UNIT_COLUMNS,
                lambda content, name: importer.import_units(database(), actor, now(), content, name),
            )


def _systems(actor, systems: pd.DataFrame, units: pd.DataFrame) -> None:
    lang = language()
    st.caption(tr("org.systems.help"))
    if systems.empty:
        st.info(tr("org.systems.none"))
    else:
        table(
            pd.DataFrame(
                {
                    tr("org.field.system_name"): systems["name_en" if lang == "en" else "name_th"],
                    tr("org.field.owner_unit"): systems[
                        "owner_unit_en" if lang == "en" else "owner_unit_th"
                    ].fillna(""),
                    tr("org.field.system_kind"): [tr(f"org.system_kind.{k}") for k in systems["kind"]],
                    tr("org.field.url"): systems["url"],
                    tr("org.field.go_live"): [fmt_date(d) for d in systems["in_service_since"]],
                    tr("org.field.status"): [
                        tr("org.status.in_service" if a else "org.status.retired") for a in systems["active"]
                    ],
                }
            )
        )
    if not can(actor.roles, "org.systems.edit"):
        return
    active_units = units[units["active"]] if not units.empty else units
    owners = dict(zip(active_units["code"], active_units["name_th"])) if not active_units.empty else {}
    add_tab, edit_tab, import_tab = widgets.lazy_tabs(
        st,
        [tr("org.systems.add"), tr("org.systems.edit"), tr("org.systems.import")],
        key="org_systems_action",
    )
    if add_tab.open:
        with add_tab, widgets.form(st, "system_add", clear_on_submit=True):
            cols = st.columns(2)
            name_th = cols[0].text_input(tr("org.field.system_name"), max_chars=200)
            name_en = cols[1].text_input(tr("org.field.system_name_en"), max_chars=200)
            owner = widgets.select_one(
                cols[0],
                tr("org.field.owner_unit"),
                [""] + list(owners),
                format_func=lambda c: owners.get(c, "-"),
            )
            kind = widgets.select_one(
                cols[1],
                tr("org.field.system_kind"),
                SYSTEM_KINDS,
                format_func=lambda k: tr(f"org.system_kind.{k}"),
            )
            url = cols[0].text_input(tr("org.field.url"), max_chars=500)
            since = be_date_input(tr("org.field.go_live"), None, max_value=now().date(), where=cols[1])
            if st.form_submit_button(tr("org.systems.add")):
                _run(
                    lambda: registers.add_system(
                        database(),
                        actor,
                        now(),
                        SystemInput(
                            name_th=name_th,
                            name_en=name_en,
                            kind=kind,
                            owner_unit_code=owner,
                            url=url,
                            in_service_since=since,
                        ),
                    ),
                    tr("org.systems.added"),
                )
    if edit_tab.open:
        with edit_tab:
            if not systems.empty:
                labels = {int(r["id"]): registers.system_label(r, lang) for r in systems.to_dict("records")}
                system_id = widgets.select_one(
                    st, tr("org.pick_system"), list(labels), format_func=labels.get, key="system_pick"
                )
                row = systems[systems["id"] == system_id].iloc[0]
                with widgets.form(st, f"system_edit_{system_id}"):
                    cols = st.columns(2)
                    name_th = cols[0].text_input(
                        tr("org.field.system_name"), value=row["name_th"], max_chars=200
                    )
                    name_en = cols[1].text_input(
                        tr("org.field.system_name_en"), value=row["name_en"], max_chars=200
                    )
                    codes = list(owners)
                    owner = widgets.select_one(
                        cols[0],
                        tr("org.field.owner_unit"),
                        codes,
                        format_func=lambda c: owners.get(c, c),
                        index=codes.index(row["owner_unit_code"]) if row["owner_unit_code"] in codes else 0,
                    )
                    kind = widgets.select_one(
                        cols[1],
                        tr("org.field.system_kind"),
                        SYSTEM_KINDS,
                        index=SYSTEM_KINDS.index(row["kind"]),
                        format_func=lambda k: tr(f"org.system_kind.{k}"),
                    )
                    url = st.text_input(tr("org.field.url"), value=row["url"], max_chars=500)
                    if st.form_submit_button(tr("common.save")):
                        _run(
                            lambda: registers.edit_system(
                                database(),
                                actor,
                                now(),
                                int(system_id),
                                SystemInput(
                                    name_th=name_th,
                                    name_en=name_en,
                                    kind=kind,
                                    owner_unit_code=owner or "",
                                    url=url,
                                ),
                            ),
                            tr("org.systems.saved"),
                        )
                if row["active"]:
                    with widgets.form(st, f"system_retire_{system_id}"):
                        day = be_date_input(tr("org.field.retired_on"), now().date(), max_value=now().date())
                        if st.form_submit_button(tr("org.systems.retire")):
                            _run(
                                lambda: registers.retire_system(
                                    database(), actor, now(), int(system_id), day
                                ),
                                tr("org.systems.retired"),
                            )
                elif st.button(tr("org.systems.restore"), key=f"system_restore_{system_id}"):
                    _run(
                        lambda: registers.retire_system(database(), actor, now(), int(system_id), None),
                        tr("org.systems.restored"),
                    )
    if import_tab.open:
        with import_tab:
            _import_form(
                "systems",
                importer.SYSTEM_COLUMNS,
                lambda content, name: importer.import_systems(database(), actor, now(), content, name),
            )


def render() -> None:
    actor = guard("organisation")
    st.title(tr("page.organisation"))
    flash = st.empty()  # always present, so the tabs below keep their place (and selection) on reruns
    if _FLASH in st.session_state:
        flash.success(st.session_state.pop(_FLASH))
    with database().read() as cur:
        units = queries.units_frame(cur)
        systems = queries.systems_frame(cur)
    units_tab, systems_tab = widgets.lazy_tabs(
        st, [tr("org.units.title"), tr("org.systems.title")], key="org_register"
    )
    if units_tab.open:
        with units_tab:
            _units(actor, units)
    if systems_tab.open:
        with systems_tab:
            _systems(actor, systems, units)


PAGE = PageSpec(key="organisation", icon=":material/account_tree:", render=render)
