"""Project proposals (manual steps 1-3): the drivers register, proposal drafts, the approval
chain, versions and what changed, the official documents, and the list of all proposals."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core import org
from core.calendar_store import calendar_around
from core.permissions import can
from core.proposals import pdf, queries, rules, services
from core.proposals.rules import ProposalInput
from core.spreadsheets import workbook_bytes
from core.thaidate import EN_MONTHS_ABBR, THAI_MONTHS_ABBR
from ui import (
    plan_citation,  # issue 19
    widgets,
)
from ui.components import attempt, fmt_date, fmt_datetime, fy_label, guard, table, trm
from ui.context import database, language, now, tr
from ui.dates import be_date_input
from ui.registry import PageSpec, page_ref

VIEW_KEY = "proposals_view"
FLASH_KEY = "proposals_flash"
SEEN_QUERY_KEY = "proposals_seen_query"
NEXT_VIEW_KEY = "proposals_next_view"  # a view to open on the next run (the radio is drawn by then)


def _month_labels() -> list[str]:
    names = EN_MONTHS_ABBR if language() == "en" else THAI_MONTHS_ABBR
    return [names[m - 1] for m in rules.FISCAL_MONTHS]


def _unit_names(cur) -> dict[str, str]:
    return {u["code"]: (u["name_en"] if language() == "en" else u["name_th"]) for u in org.list_units(cur)}


def _pick_view(actor) -> str:
    views = ["list", "detail"] + (["new"] if can(actor.roles, "proposal.edit") else []) + ["drivers"]
    query = (st.query_params.get("proposal"), st.query_params.get("view"))
    if query != st.session_state.get(SEEN_QUERY_KEY):  # a link from the home page or elsewhere
        st.session_state[SEEN_QUERY_KEY] = query
        if query[1] in views:
            st.session_state[VIEW_KEY] = query[1]
        elif query[0]:
            st.session_state[VIEW_KEY] = "detail"
    if st.session_state.get(NEXT_VIEW_KEY) in views:
        st.session_state[VIEW_KEY] = st.session_state.pop(NEXT_VIEW_KEY)
    if st.session_state.get(VIEW_KEY) not in views:
        st.session_state[VIEW_KEY] = "list"
    return st.radio(
        tr("proposals.view"),
        views,
        key=VIEW_KEY,
        horizontal=True,
        format_func=lambda v: tr(f"proposals.view.{v}"),
        label_visibility="collapsed",
    )


def render() -> None:
    actor = guard("proposals")
    st.title(tr("page.proposals"))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(flash)
    view = _pick_view(actor)
    if view == "list":
        _list_view()
    elif view == "detail":
        _detail_view(actor)
    elif view == "new":
        _new_view(actor)
    else:
        _drivers_view(actor)


# -- all proposals ----------------------------------------------------------------------------
def _list_view() -> None:
    with database().read() as cur:
        years = queries.fiscal_years(cur)
        units = _unit_names(cur)
    cols = st.columns(3)
    fy = widgets.select_one(
        cols[0],
        tr("common.fiscal_year"),
        [0] + years,
        format_func=lambda y: fy_label(y) if y else tr("common.all"),
    )
    status = widgets.select_one(
        cols[1],
        tr("proposals.filter.status"),
        [""] + list(rules.STATUSES),
        format_func=lambda s: tr(rules.status_key(s)) if s else tr("common.all"),
    )
    unit = widgets.select_one(
        cols[2],
        tr("proposals.filter.unit"),
        [""] + list(units),
        format_func=lambda c: units.get(c) or tr("common.all"),
    )
    with database().read() as cur:
        frame = queries.list_proposals(
            cur, now(), fiscal_year=fy or None, status=status or None, unit_code=unit or None
        )
    st.caption(tr("proposals.count", n=len(frame)))
    if frame.empty:
        st.info(tr("proposals.none"))
        return
    shown = pd.DataFrame(
        {
            tr("proposals.col.code"): frame["code"],
            tr("proposals.col.title"): frame["title"],
            tr("proposals.col.status"): frame["status"].map(lambda s: tr(rules.status_key(s))),
            tr("proposals.col.version"): frame["version"],
            tr("common.fiscal_year"): frame["fiscal_year"],
            tr("proposals.col.unit"): frame["unit_en" if language() == "en" else "unit_th"],
            tr("proposals.col.budget"): frame["budget_amount"].map(
                lambda v: None if v is None or pd.isna(v) else float(v)
            ),
            tr("proposals.col.responsible"): frame["responsible"],
            tr("proposals.col.created"): frame["created_at"].map(fmt_date),
            tr("proposals.col.age"): frame["age_days"],
            tr("proposals.col.draft_days"): frame["draft_days"],
            tr("proposals.col.propose_days"): frame["propose_days"],
            tr("proposals.col.project"): frame["project_code"],
        }
    )
    table(shown)
    title = tr("proposals.excel_title")
    st.download_button(
        tr("common.download_excel"),
        data=lambda: workbook_bytes({title: shown}, title=title),  # built when pressed
        file_name="proposals.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# -- one proposal -----------------------------------------------------------------------------
def _selected_proposal() -> int | None:
    with database().read() as cur:
        frame = queries.list_proposals(cur, now())
    if frame.empty:
        st.info(tr("proposals.none"))
        return None
    options = dict(zip(frame["id"].astype(int), frame["code"] + " · " + frame["title"]))
    wanted = st.query_params.get("proposal")
    ids = list(options)
    index = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in options else 0
    chosen = widgets.select_one(st, tr("proposals.pick"), ids, index=index, format_func=options.get)
    if str(chosen) != wanted:
        st.query_params["proposal"] = str(chosen)
        st.session_state[SEEN_QUERY_KEY] = (str(chosen), st.query_params.get("view"))
    return int(chosen)


def _detail_view(actor) -> None:
    proposal_id = _selected_proposal()
    if proposal_id is None:
        return
    with database().read() as cur:
        row = queries.get_proposal(cur, proposal_id)
        drivers = queries.drivers_of(cur, proposal_id)
        responsible = (
            queries.user_of(cur, user_id=row["responsible_user_id"]) if row["responsible_user_id"] else None
        )
        units = _unit_names(cur)
        calendar = calendar_around(cur, now())
        project_code = queries.project_code(cur, row["project_id"])
    st.subheader(trm("proposals.header", code=row["code"], title=row["title"]))
    st.caption(
        tr(
            "proposals.meta",
            status=tr(rules.status_key(row["status"])),
            version=row["version"],
            fy=fy_label(row["fiscal_year"]),
        )
    )
    _time_standards(row, calendar)
    if project_code:
        st.success(tr("proposals.project_link", code=project_code))
        target = page_ref("projects")
        if target is not None:
            st.page_link(
                target, label=tr("proposals.open_project"), query_params={"project": str(row["project_id"])}
            )

    editable = row["status"] in rules.EDITABLE and can(actor.roles, "proposal.edit")
    if editable:
        _edit_form(actor, row, units)
    else:
        _show_parts(row, drivers, responsible, units)
    _steps(actor, row)
    plan_citation.panel(actor, proposal_id)  # issue 19: the plan line it carries out
    _versions(proposal_id, units)
    _history(proposal_id)
    _documents(actor, proposal_id, row["code"])


def _time_standards(row: dict, calendar) -> None:
    verdict = lambda met: tr("proposals.time.met" if met else "proposals.time.missed")  # noqa: E731
    if row["draft_days"] is not None:
        st.caption(tr("proposals.time.draft", days=row["draft_days"], verdict=verdict(row["draft_met"])))
    elif row["status"] in rules.EDITABLE:
        due = rules.deadline(calendar, row["draft_started_at"].date(), rules.DRAFT_DAYS)
        st.caption(
            tr(
                "proposals.time.draft_running",
                days=rules.days_taken(calendar, row["draft_started_at"], now()),
                due=fmt_datetime(due),
            )
        )
    if row["status"] == "submitted" and row["submitted_at"] is not None:
        due = rules.deadline(calendar, row["submitted_at"].date(), rules.PROPOSE_DAYS)
        st.caption(tr("proposals.time.propose_running", due=fmt_datetime(due)))
    elif row["propose_days"] is not None:
        st.caption(
            tr("proposals.time.propose", days=row["propose_days"], verdict=verdict(row["propose_met"]))
        )


def _budget_text(kind, amount) -> str:
    if kind == "none":
        return tr("proposals.budget.none")
    if kind == "amount" and amount is not None:
        return f"{float(amount):,.2f}"
    return tr("proposals.budget.unset")


def _show_parts(row: dict, drivers: list[dict], responsible: dict | None, units: dict) -> None:
    with st.expander(tr("proposals.parts"), expanded=True):
        parts = [
            ("unit_code", units.get(row["unit_code"], "")),
            ("rationale", row["rationale"]),
            ("objectives", row["objectives"]),
            ("targets", row["targets"]),
            ("scope", row["scope"]),
            ("budget", _budget_text(row["budget_kind"], row["budget_amount"])),
            (
                "duration",
                f"{fmt_date(row['start_date'])} - {fmt_date(row['end_date'])}" if row["start_date"] else "",
            ),
            ("indicators", row["indicators"]),
            ("personnel", row["personnel"]),
            ("responsible", f"{responsible['full_name']} ({responsible['position']})" if responsible else ""),
            ("drivers", "\n".join(f"{d['code']} {d['description']}" for d in drivers)),
        ]
        for name, value in parts:
            st.markdown(f"**{tr(rules.field_key(name))}**")
            st.text(value or "-")
        st.markdown(f"**{tr(rules.field_key('plan'))}**")
        table(_plan_frame(row["plan"]))


def _plan_frame(plan: list[dict]) -> pd.DataFrame:
    labels = _month_labels()
    rows = [
        {
            tr("proposals.field.activity"): r["activity"],
            **{label: m in r["months"] for label, m in zip(labels, rules.FISCAL_MONTHS)},
        }
        for r in plan
    ]
    # Typed columns even for an empty plan: months are tick boxes, never "None" text cells.
    frame = pd.DataFrame(rows, columns=[tr("proposals.field.activity"), *labels])
    return frame.astype({tr("proposals.field.activity"): "string", **{label: bool for label in labels}})


def _plan_columns() -> dict:
    """The work-plan editor's columns: the activity as text, each month a tick box (unticked in
    a new row)."""
    return {
        tr("proposals.field.activity"): st.column_config.TextColumn(default="", width="large"),
        **{label: st.column_config.CheckboxColumn(default=False) for label in _month_labels()},
    }


def _plan_from_frame(frame: pd.DataFrame) -> list[dict]:
    labels = _month_labels()
    out = []
    for _, r in frame.iterrows():
        activity = r.get(tr("proposals.field.activity"))
        activity = "" if activity is None or pd.isna(activity) else str(activity)
        months = [
            m
            for label, m in zip(labels, rules.FISCAL_MONTHS)
            if r.get(label) is not None and not pd.isna(r.get(label)) and bool(r.get(label))
        ]
        out.append({"activity": activity, "months": months})
    return out


def _edit_form(actor, row: dict, units: dict) -> None:
    with database().read() as cur:
        people = queries.people(cur)
        accepted = queries.accepted_drivers(cur)
        linked = queries.drivers_of(cur, row["id"])
    driver_names = {d["id"]: f"{d['code']} {d['description'][:80]}" for d in accepted + linked}
    person_names = {p["id"]: f"{p['full_name']} ({p['position']})" for p in people}
    st.info(tr("proposals.required_note"))
    with widgets.form(st, f"edit_{row['id']}_{row['revision']}"):
        st.markdown(f"**{tr('proposals.edit')}**")
        title = st.text_input(tr("proposals.field.title"), value=row["title"], max_chars=rules.MAX_TITLE)
        unit_codes = [""] + list(units)
        unit = widgets.select_one(
            st,
            tr("proposals.field.unit_code"),
            unit_codes,
            index=unit_codes.index(row["unit_code"]) if row["unit_code"] in unit_codes else 0,
            format_func=lambda c: units.get(c) or tr("proposals.none_unit"),
        )
        texts = {}
        for name in ("rationale", "objectives", "targets", "scope"):
            texts[name] = st.text_area(tr(rules.field_key(name)), value=row[name], max_chars=rules.MAX_TEXT)
        kinds = ["", "amount", "none"]
        budget_kind = st.radio(
            tr("proposals.field.budget"),
            kinds,
            horizontal=True,
            index=kinds.index(row["budget_kind"] or ""),
            format_func=lambda k: tr(f"proposals.budget.{k or 'unset'}"),
        )
        amount = st.text_input(
            tr("proposals.field.budget_amount"),
            help=tr("proposals.budget_help"),
            value="" if row["budget_amount"] is None else f"{row['budget_amount']:.2f}",
        )
        cols = st.columns(2)
        start = be_date_input(
            tr("proposals.field.start_date"), row["start_date"], optional=True, where=cols[0]
        )
        end = be_date_input(tr("proposals.field.end_date"), row["end_date"], optional=True, where=cols[1])
        for name in ("indicators", "personnel"):
            texts[name] = st.text_area(tr(rules.field_key(name)), value=row[name], max_chars=rules.MAX_TEXT)
        person_ids = [0] + list(person_names)
        responsible = widgets.select_one(
            st,
            tr("proposals.field.responsible"),
            person_ids,
            index=person_ids.index(row["responsible_user_id"])
            if row["responsible_user_id"] in person_ids
            else 0,
            format_func=lambda i: person_names.get(i) or tr("proposals.none_unit"),
        )
        driver_ids = widgets.select_many(
            st,
            tr("proposals.field.drivers"),
            list(driver_names),
            default=[d for d in row["driver_ids"] if d in driver_names],
            format_func=driver_names.get,
            placeholder=tr("proposals.choose"),
        )
        st.caption(tr("proposals.plan_help"))
        plan = st.data_editor(
            _plan_frame(row["plan"]),
            num_rows="dynamic",
            hide_index=True,
            column_config=_plan_columns(),
            width="stretch",
            key=f"plan_{row['id']}_{row['revision']}",
        )
        saved = st.form_submit_button(tr("proposals.save_draft"))
    if saved:
        proposal = ProposalInput(
            title=title,
            unit_code=unit or None,
            budget_kind=budget_kind or None,
            budget_amount=amount,
            start_date=start,
            end_date=end,
            responsible_user_id=responsible or None,
            driver_ids=tuple(driver_ids),
            plan=_plan_from_frame(plan),
            **texts,
        )
        if attempt(
            lambda: services.save_draft(
                database(), actor, now(), row["id"], proposal, expected_revision=row["revision"]
            )
        ):
            st.session_state[FLASH_KEY] = tr("proposals.saved")
            st.rerun()


def _steps(actor, row: dict) -> None:
    actions = rules.allowed_actions(row["status"], actor.roles)
    if not actions:
        return
    st.markdown(f"**{tr('proposals.steps')}**")
    with widgets.form(st, f"steps_{row['id']}_{row['revision']}"):
        comment = st.text_area(tr("proposals.comment"), max_chars=rules.MAX_REASON)
        cols = st.columns(len(actions))
        pressed = None
        for number, (action, col) in enumerate(zip(actions, cols)):
            if col.form_submit_button(
                tr(rules.action_key(action)), type="primary" if number == 0 else "secondary"
            ):
                pressed = action
    if pressed:
        action = pressed
        if attempt(
            lambda: services.take_step(
                database(),
                actor,
                now(),
                row["id"],
                action,
                comment=comment,
                expected_revision=row["revision"],
            )
        ):
            st.session_state[FLASH_KEY] = tr(f"proposals.done.{action}")
            st.rerun()


def _value_text(name: str, value, units: dict, people: dict) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if name == "unit_code":
        return units.get(value, str(value))
    if name == "responsible_user_id":
        return people.get(value, str(value))
    if name == "plan":
        labels = dict(zip(rules.FISCAL_MONTHS, _month_labels()))
        return "\n".join(
            f"{r['activity']}: {' '.join(labels.get(m, str(m)) for m in r['months'])}" for r in value
        )
    if name in ("start_date", "end_date"):
        return fmt_date(date.fromisoformat(value))
    if name == "budget_kind":
        return tr(f"proposals.budget.{value}")
    if name == "driver_ids":
        return ", ".join(str(v) for v in value)
    return str(value)


def _versions(proposal_id: int, units: dict) -> None:
    with database().read() as cur:
        versions = queries.versions(cur, proposal_id)
        people = {p["id"]: p["full_name"] for p in queries.people(cur)}
    if not versions:
        return
    with st.expander(tr("proposals.versions"), expanded=len(versions) > 1):
        numbers = [v["version"] for v in versions]
        st.text(
            ", ".join(
                f"{v['version']}: {fmt_datetime(v['submitted_at'])} ({v['submitted_by']})" for v in versions
            )
        )
        if len(versions) < 2:
            return
        cols = st.columns(2)
        old = widgets.select_one(
            cols[0], tr("proposals.col.old"), numbers, index=len(numbers) - 2, key=f"old_{proposal_id}"
        )
        new = widgets.select_one(
            cols[1], tr("proposals.col.new"), numbers, index=len(numbers) - 1, key=f"new_{proposal_id}"
        )
        snap = {v["version"]: v["snapshot"] for v in versions}
        changes = rules.diff(snap[old], snap[new])
        st.markdown(f"**{tr('proposals.changes', old=old, new=new)}**")
        if not changes:
            st.text(tr("proposals.no_changes"))
            return
        table(
            pd.DataFrame(
                {
                    tr("proposals.col.field"): [tr(rules.field_key(k)) for k, _o, _n in changes],
                    tr("proposals.col.old"): [_value_text(k, o, units, people) for k, o, _n in changes],
                    tr("proposals.col.new"): [_value_text(k, n, units, people) for k, _o, n in changes],
                }
            )
        )


def _history(proposal_id: int) -> None:
    with database().read() as cur:
        frame = queries.events(cur, proposal_id)
    with st.expander(tr("proposals.history")):
        table(
            pd.DataFrame(
                {
                    tr("proposals.col.at"): frame["at_time"].map(fmt_datetime),
                    tr("proposals.col.version"): frame["version"],
                    tr("proposals.col.step"): frame["action"].map(lambda a: tr(rules.action_key(a))),
                    tr("proposals.col.status"): frame["to_status"].map(lambda s: tr(rules.status_key(s))),
                    tr("proposals.col.actor"): frame["actor_name"],
                    tr("proposals.col.comment"): frame["comment"],
                }
            )
        )


def _documents(actor, proposal_id: int, code: str) -> None:
    db = database()
    moment = now()
    today = moment.date()
    st.markdown(f"**{tr('proposals.documents')}**")
    thai_digits = st.checkbox(tr("proposals.doc.thai_digits"), key=f"thai_digits_{proposal_id}")

    def proposal_pdf() -> bytes:
        with db.read() as cur:
            return pdf.proposal_pdf(
                cur,
                proposal_id,
                thai_digits=thai_digits,
                plan_citation=plan_citation.pdf_text(cur, proposal_id),
            )

    def memo_pdf() -> bytes:  # the first download issues the memo's number (audited)
        return services.download_approval_memo(db, actor, moment, proposal_id, thai_digits=thai_digits)

    cols = st.columns(2)
    cols[0].download_button(
        tr("proposals.doc.proposal_pdf"),
        data=proposal_pdf,
        file_name=pdf.proposal_file_name(code, today),
        mime="application/pdf",
        on_click="ignore",
    )
    cols[1].download_button(
        tr("proposals.doc.memo_pdf"),
        data=memo_pdf,
        file_name=pdf.memo_file_name(code, today),
        mime="application/pdf",
        on_click="ignore",
    )


# -- a new proposal ---------------------------------------------------------------------------
def _new_view(actor) -> None:
    with database().read() as cur:
        units = _unit_names(cur)
        accepted = queries.accepted_drivers(cur)
    driver_names = {d["id"]: f"{d['code']} {d['description'][:80]}" for d in accepted}
    with widgets.form(st, "new_proposal"):
        title = st.text_input(tr("proposals.field.title"), max_chars=rules.MAX_TITLE)
        unit = widgets.select_one(
            st,
            tr("proposals.field.unit_code"),
            [""] + list(units),
            format_func=lambda c: units.get(c) or tr("proposals.none_unit"),
        )
        driver_ids = widgets.select_many(
            st,
            tr("proposals.field.drivers"),
            list(driver_names),
            format_func=driver_names.get,
            placeholder=tr("proposals.choose"),
        )
        created = st.form_submit_button(tr("proposals.create"))
    if created:
        outcome = attempt(
            lambda: services.create_proposal(
                database(),
                actor,
                now(),
                ProposalInput(title=title, unit_code=unit or None, driver_ids=tuple(driver_ids)),
            )
        )
        if outcome:
            st.session_state[FLASH_KEY] = tr("proposals.created")
            st.session_state[NEXT_VIEW_KEY] = "detail"
            st.query_params["proposal"] = str(outcome.value)
            st.session_state[SEEN_QUERY_KEY] = (str(outcome.value), st.query_params.get("view"))
            st.rerun()


# -- drivers register -------------------------------------------------------------------------
def _drivers_view(actor) -> None:
    with database().read() as cur:
        years = queries.fiscal_years(cur)
        units = _unit_names(cur)
    fy = widgets.select_one(
        st,
        tr("common.fiscal_year"),
        [0] + years,
        format_func=lambda y: fy_label(y) if y else tr("common.all"),
        key="drivers_fy",
    )
    with database().read() as cur:
        frame = queries.list_drivers(cur, fiscal_year=fy or None)
        pending = queries.pending_drivers(cur)
        all_open = queries.list_drivers(cur)
    considered = frame[frame["consider_days"].notna()]
    st.caption(
        tr("proposals.drivers.on_time_summary", met=int(considered["on_time"].sum()), total=len(considered))
    )
    on_time = frame["on_time"].map(
        lambda v: "" if v is None or pd.isna(v) else tr("common.yes" if v else "common.no")
    )
    table(
        pd.DataFrame(
            {
                tr("proposals.col.code"): frame["code"],
                tr("proposals.col.received"): frame["received_on"].map(fmt_date),
                tr("proposals.col.kind"): frame["kind"].map(lambda k: tr(f"proposals.kind.{k}")),
                tr("proposals.col.unit"): frame["unit_en" if language() == "en" else "unit_th"],
                tr("proposals.col.doc"): frame["doc_no"] + " " + frame["doc_date"].map(fmt_date),
                tr("proposals.col.description"): frame["description"],
                tr("proposals.col.decision"): frame["status"].map(
                    lambda s: tr(f"proposals.driver_status.{s}")
                ),
                tr("proposals.col.considered"): frame["considered_at"].map(fmt_datetime),
                tr("proposals.col.on_time"): on_time,
                tr("proposals.col.reason"): frame["decision_reason"],
            }
        )
    )

    if can(actor.roles, "driver.consider"):
        st.subheader(tr("proposals.drivers.consider"))
        if not pending:
            st.info(tr("proposals.drivers.none_pending"))
        else:
            names = {
                d["id"]: f"{d['code']} · {fmt_date(d['received_on'])} · {d['description'][:80]}"
                for d in pending
            }
            ids = list(names)
            wanted = st.query_params.get("driver")
            index = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in names else 0
            targets = {
                int(r["id"]): f"{r['code']} {r['description'][:60]}"
                for _, r in all_open.iterrows()
                if r["status"] in ("accepted", "pending")
            }
            with widgets.form(st, "consider_driver"):
                driver_id = widgets.select_one(
                    st, tr("proposals.drivers.pick"), ids, index=index, format_func=names.get
                )
                decision = st.radio(
                    tr("proposals.col.decision"),
                    list(rules.DRIVER_DECISIONS),
                    horizontal=True,
                    format_func=lambda d: tr(f"proposals.decision.{d}"),
                )
                merge_into = widgets.select_one(
                    st,
                    tr("proposals.drivers.merge_into"),
                    [0] + list(targets),
                    format_func=lambda i: targets.get(i, "-"),
                )
                reason = st.text_area(tr("proposals.col.reason"), max_chars=rules.MAX_REASON)
                done = st.form_submit_button(tr("common.confirm"))
            if done:
                if attempt(
                    lambda: services.consider_driver(
                        database(),
                        actor,
                        now(),
                        int(driver_id),
                        decision=decision,
                        reason=reason,
                        merge_into=merge_into or None,
                    )
                ):
                    st.session_state[FLASH_KEY] = tr("proposals.drivers.considered")
                    st.rerun()

    if can(actor.roles, "driver.record"):
        st.subheader(tr("proposals.drivers.record"))
        with widgets.form(st, "record_driver", clear_on_submit=False):
            kind = widgets.select_one(
                st,
                tr("proposals.field.kind"),
                list(rules.DRIVER_KINDS),
                format_func=lambda k: tr(f"proposals.kind.{k}"),
            )
            unit = widgets.select_one(
                st,
                tr("proposals.field.unit_code"),
                [""] + list(units),
                format_func=lambda c: units.get(c) or tr("proposals.none_unit"),
            )
            cols = st.columns(3)
            doc_no = cols[0].text_input(tr("proposals.field.doc_no"), max_chars=100)
            doc_date = be_date_input(tr("proposals.field.doc_date"), None, where=cols[1])
            received = be_date_input(tr("proposals.field.received_on"), now().date(), where=cols[2])
            description = st.text_area(tr("proposals.field.description"), max_chars=rules.MAX_TEXT)
            recorded = st.form_submit_button(tr("common.save"))
        if recorded:
            if attempt(
                lambda: services.record_driver(
                    database(),
                    actor,
                    now(),
                    kind=kind,
                    unit_code=unit or None,
                    description=description,
                    received_on=received,
                    doc_no=doc_no,
                    doc_date=doc_date,
                )
            ):
                st.session_state[FLASH_KEY] = tr("proposals.drivers.recorded")
                st.rerun()


PAGE = PageSpec(key="proposals", icon=":material/assignment:", render=render)
