"""Prototype reviews (manual steps 6, 7 and 9): review rounds of a project's gate, the artifacts
to check, the reviewers' signed verdicts and the gate's certificate.

Query parameters ``project`` (id) and ``gate`` (7 or 9) select what is shown; the home page links
here with both. IT officers open rounds and change artifacts; required reviewers sign.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from core.permissions import can
from core.reviews import pdf as certificates
from core.reviews import queries, rules, services
from ui import widgets
from ui.components import attempt, fmt_datetime, guard, md, table
from ui.context import database, language, now, recorded_read, tr
from ui.dates import be_date_input
from ui.registry import PageSpec

FLASH = "reviews_flash"
IMAGE_TYPES = ("image/png", "image/jpeg")
ROUND_KEY = "review_round"  # an earlier round's expander: review_round_<round id>
CHECKLIST_KEY = "review_checklist"  # the sign form's requirements table: review_checklist_<round id>
UPLOAD_TYPES = ["png", "jpg", "jpeg", "pdf", "docx", "xlsx"]


def _flash(message: str) -> None:
    st.session_state[FLASH] = message
    st.rerun()


def _query_int(name: str) -> int | None:
    value = st.query_params.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _gate_label(gate: int) -> str:
    return tr(f"reviews.gate.{gate}")


def _links(text: str) -> list[tuple[str, str]]:
    """Lines of ``label | url`` (or a bare url) as pairs."""
    pairs = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, _, url = line.rpartition("|")
        pairs.append((label.strip(), url.strip()))
    return pairs


def _uploads(files) -> list[services.Upload]:
    return [services.Upload(f.name, f.getvalue()) for f in (files or [])]


def _pending_list(pending: list[dict]) -> None:
    if not pending:
        return
    current = now()
    st.subheader(tr("reviews.pending", n=len(pending)))
    for r in pending:
        with st.container(border=True):
            cols = st.columns([6, 2, 1])
            gate = tr(f"reviews.gate_short.{r['stage_no']}")
            round_title = tr("reviews.round_title", round_no=r["round_no"], status=tr("reviews.status.open"))
            cols[0].text(f"{r['project_code']} {r['project_name']} · {gate} · {round_title}")
            due = tr("reviews.due", when=fmt_datetime(r["due_at"]))
            if rules.is_overdue(r["status"], r["due_at"], current):
                cols[1].error(f"{tr('reviews.overdue')} · {due}")
            else:
                cols[1].write(due)
            if cols[2].button(tr("home.open"), key=f"open_pending_{r['id']}"):
                st.query_params["project"] = str(r["project_id"])
                st.query_params["gate"] = str(r["stage_no"])
                st.rerun()


def _choose(actor, sees_all: bool) -> tuple[int, int] | None:
    """The project and gate to show, from the query parameters or the user's choice."""
    with recorded_read() as cur:
        if sees_all:
            projects = queries.projects_for_review(cur)
            gates_of = None
        else:
            mine = queries.rounds_for_reviewer(cur, actor.user_id)
            seen: dict[int, dict] = {}
            gates_of: dict[int, set[int]] = {}
            for r in mine:
                seen.setdefault(
                    r["project_id"],
                    {"id": r["project_id"], "code": r["project_code"], "name": r["project_name"]},
                )
                gates_of.setdefault(r["project_id"], set()).add(r["stage_no"])
            projects = list(seen.values())
    if not projects:
        st.info(tr("reviews.no_projects") if sees_all else tr("reviews.no_rounds_for_you"))
        return None
    ids = [p["id"] for p in projects]
    names = {p["id"]: f"{p['code']} {p['name']}" for p in projects}
    wanted = _query_int("project")
    project_id = widgets.select_one(
        st, tr("reviews.project"), ids, format_func=names.get, index=ids.index(wanted) if wanted in ids else 0
    )
    gates = list(rules.GATES) if gates_of is None else sorted(gates_of[project_id])
    wanted_gate = _query_int("gate")
    gate = st.radio(
        tr("reviews.gate"),
        gates,
        format_func=_gate_label,
        horizontal=True,
        index=gates.index(wanted_gate) if wanted_gate in gates else 0,
    )
    st.query_params["project"] = str(project_id)
    st.query_params["gate"] = str(gate)
    return project_id, gate


def _new_round_form(actor, project_id: int, gate: int, round_no: int, expanded: bool) -> None:
    with recorded_read() as cur:
        eligible = queries.eligible_reviewers(cur)
    lang = language()
    label = {
        u["id"]: f"{u['full_name']} · {(u['unit_en'] if lang == 'en' else u['unit_th']) or '-'}"
        for u in eligible
    }
    with (
        st.expander(tr("reviews.new_round", round_no=round_no), expanded=expanded),
        widgets.form(st, f"new_round_{project_id}_{gate}", clear_on_submit=False),
    ):
        changes = st.text_area(
            tr("reviews.field.changes"), max_chars=rules.MAX_CHANGES, disabled=round_no == 1
        )
        chosen = widgets.select_many(st, tr("reviews.field.reviewers"), list(label), format_func=label.get)
        due_on = be_date_input(
            tr("reviews.field.due_on"), (now() + timedelta(days=5)).date(), working_day=True
        )
        rule = st.radio(
            tr("reviews.field.rule"), list(rules.PASS_RULES), format_func=lambda r: tr(rules.rule_text_key(r))
        )
        files = widgets.file_input(
            st,
            tr("reviews.field.files", mb=rules.MAX_UPLOAD_BYTES // 1048576),
            types=UPLOAD_TYPES,
            max_bytes=rules.MAX_UPLOAD_BYTES,
            accept_multiple_files=True,
        )
        links = st.text_area(tr("reviews.field.links"))
        if st.form_submit_button(tr("reviews.create")):
            outcome = attempt(
                lambda: services.create_round(
                    database(),
                    actor,
                    now(),
                    project_id=project_id,
                    stage_no=gate,
                    changes=changes,
                    reviewer_ids=chosen,
                    due_on=due_on,
                    pass_rule=rule,
                    uploads=_uploads(files),
                    links=_links(links),
                )
            )
            if outcome:
                _flash(tr("reviews.created"))


def _artifacts(actor, rnd: dict, artifacts: list[dict], manage_open: bool) -> None:
    st.markdown(f"**{tr('reviews.artifacts')}**")
    with database().read() as cur:  # only pictures are read to be drawn; a file when downloaded
        pictures = {
            a["id"]: services.artifact_content(cur, actor, a["id"])[1]
            for a in artifacts
            if a["kind"] == "file" and a["media_type"] in IMAGE_TYPES
        }
    for a in artifacts:
        with st.container(border=True):
            cols = st.columns([8, 2])
            if a["kind"] == "link":
                cols[0].link_button(tr("reviews.open_link", name=a["label"]), a["url"])
                cols[0].text(a["url"])
            else:
                if a["id"] in pictures:
                    cols[0].image(pictures[a["id"]], caption=a["label"])
                else:
                    cols[0].text(a["label"])
                cols[0].download_button(
                    tr("reviews.download", name=a["label"]),
                    data=_file_of(actor, a["id"]),
                    file_name=a["label"],
                    mime=a["media_type"],
                    key=f"download_{a['id']}",
                )
            cols[0].caption(f"SHA-256 {a['sha256']}")
            if manage_open and cols[1].button(tr("reviews.remove_artifact"), key=f"remove_{a['id']}"):
                if attempt(lambda aid=a["id"]: services.remove_artifact(database(), actor, now(), aid)):
                    _flash(tr("reviews.artifact_removed"))
    st.caption(tr("reviews.content_hash"))
    # Plain text, not st.code: the code block loads the browser's syntax highlighter, 200 ms of
    # script on every load of the page for one line that has no syntax (issue 18).
    st.text(rnd["content_hash"])


def _file_of(actor, artifact_id: int):
    """The file's bytes, read when its download is asked for (a round's files are not read and
    sent on every run of the page; issue 18), for a user allowed to see its round."""

    def read() -> bytes:
        with database().read() as cur:
            return services.artifact_content(cur, actor, artifact_id)[1]

    return read


def _verdict_table(rnd: dict, people: list[dict], verdict_rows: list[dict]) -> None:
    lang = language()
    rows = []
    signed = set()
    for v in verdict_rows:
        notes = []
        if v["late"]:
            notes.append(tr("reviews.late"))
        if v["content_hash"] != rnd["content_hash"]:
            notes.append(tr("reviews.void"))
        else:
            signed.add(v["reviewer_id"])
        rows.append(
            {
                tr("reviews.col.reviewer"): v["full_name"],
                tr("reviews.col.verdict"): tr(f"reviews.verdict.{v['verdict']}"),
                tr("reviews.col.signed_at"): fmt_datetime(v["signed_at"]),
                tr("reviews.col.comment"): v["comment"],
                tr("reviews.col.note"): " · ".join(notes),
            }
        )
    for p in people:
        if p["id"] not in signed:
            rows.append(
                {
                    tr("reviews.col.reviewer"): p["full_name"],
                    tr("reviews.col.verdict"): tr("reviews.not_signed"),
                    tr("reviews.col.signed_at"): "",
                    tr("reviews.col.comment"): "",
                    tr("reviews.col.note"): "",
                }
            )
    st.markdown(f"**{tr('reviews.reviewers')}**")
    st.caption(
        md(
            ", ".join(
                f"{p['full_name']} ({(p['unit_en'] if lang == 'en' else p['unit_th']) or '-'})"
                for p in people
            )
        )
    )
    table(pd.DataFrame(rows))


def _item_table(items: list[dict]) -> None:
    if not items:
        return
    st.markdown(f"**{tr('reviews.item_comments')}**")
    table(
        pd.DataFrame(
            [
                {
                    tr("reviews.col.requirement"): f"{i['requirement_code']} {i['requirement_text']}",
                    tr("reviews.col.reviewer"): i["full_name"],
                    tr("reviews.col.ok"): ""
                    if i["ok"] is None
                    else (tr("common.yes") if i["ok"] else tr("common.no")),
                    tr("reviews.col.comment"): i["comment"],
                }
                for i in items
            ]
        )
    )


def _sign_form(actor, rnd: dict, artifacts: list[dict], requirements: list[dict]) -> None:
    st.markdown(f"**{tr('reviews.sign_title')}**")
    with widgets.form(st, f"sign_{rnd['id']}_{rnd['content_hash'][:12]}"):
        verdict = st.radio(
            tr("reviews.field.verdict"),
            list(rules.VERDICTS),
            format_func=lambda v: tr(f"reviews.verdict.{v}"),
            horizontal=True,
        )
        comment = st.text_area(tr("reviews.field.comment"), max_chars=rules.MAX_COMMENT)
        checklist = None
        if requirements:
            # The requirements as one table (met, remark): a text, a tick box and a remark box per
            # requirement were three elements each on every load of the reviewer's page (issue 18).
            st.caption(tr("reviews.checklist"))
            checklist = st.data_editor(
                pd.DataFrame(
                    {
                        "requirement": [f"{req['code']} {req['text']}" for req in requirements],
                        "ok": [False] * len(requirements),
                        "note": [""] * len(requirements),
                    },
                    index=[req["id"] for req in requirements],
                ),
                hide_index=True,
                width="stretch",
                num_rows="fixed",
                key=f"{CHECKLIST_KEY}_{rnd['id']}",
                column_config={
                    "requirement": st.column_config.TextColumn(tr("reviews.col.requirement"), disabled=True),
                    "ok": st.column_config.CheckboxColumn(tr("reviews.col.ok")),
                    "note": st.column_config.TextColumn(
                        tr("reviews.col.comment"), max_chars=rules.MAX_ITEM_COMMENT
                    ),
                },
            )
        confirmed = st.checkbox(tr("reviews.confirm_text", n=len(artifacts), short=rnd["content_hash"][:12]))
        if st.form_submit_button(tr("reviews.sign")):
            marks = [] if checklist is None else checklist.fillna({"ok": False, "note": ""}).iterrows()
            items = [
                services.ItemRemark(int(rid), True if row["ok"] else None, str(row["note"]))
                for rid, row in marks
            ]
            outcome = attempt(
                lambda: services.sign_review(
                    database(),
                    actor,
                    now(),
                    rnd["id"],
                    verdict=verdict,
                    comment=comment,
                    seen_hash=rnd["content_hash"],
                    confirmed=confirmed,
                    items=items,
                )
            )
            if outcome:
                key = {"passed": "reviews.signed_passed", "failed": "reviews.signed_failed"}.get(
                    outcome.value, "reviews.signed"
                )
                _flash(tr(key))


def _add_artifacts_form(actor, rnd: dict) -> None:
    with st.expander(tr("reviews.add_artifacts")), widgets.form(st, f"add_{rnd['id']}"):
        files = widgets.file_input(
            st,
            tr("reviews.field.files", mb=rules.MAX_UPLOAD_BYTES // 1048576),
            types=UPLOAD_TYPES,
            max_bytes=rules.MAX_UPLOAD_BYTES,
            accept_multiple_files=True,
        )
        links = st.text_area(tr("reviews.field.links"))
        if st.form_submit_button(tr("reviews.add")):
            if attempt(
                lambda: services.add_artifacts(
                    database(), actor, now(), rnd["id"], uploads=_uploads(files), links=_links(links)
                )
            ):
                _flash(tr("reviews.added"))


def _round(actor, rnd: dict, manage: bool, requirements: list[dict], expanded: bool) -> None:
    status = tr(f"reviews.status.{rnd['status']}")
    title = tr("reviews.round_title", round_no=rnd["round_no"], status=status)
    # The latest round is open; an earlier one is drawn (its files, tables and forms) only when
    # someone opens it (issue 18).
    if expanded:
        box = st.expander(title, expanded=True)
    else:
        box = widgets.lazy_expander(st, title, key=f"{ROUND_KEY}_{rnd['id']}")
        if not box.open:
            return
    with recorded_read() as cur:
        artifacts = queries.artifacts(cur, rnd["id"])
        people = queries.reviewers(cur, rnd["id"])
        verdict_rows = queries.verdict_rows(cur, rnd["id"])
        items = queries.item_comments(cur, rnd["id"])
    with box:
        needed = rules.approvals_needed(rnd["pass_rule"], len(people))
        st.write(
            f"{tr(rules.rule_text_key(rnd['pass_rule']))} · "
            f"{tr('reviews.rule_needed', needed=needed, total=len(people))}"
        )
        due = tr("reviews.due", when=fmt_datetime(rnd["due_at"]))
        if rules.is_overdue(rnd["status"], rnd["due_at"], now()):
            st.error(f"{tr('reviews.overdue')} · {due}")
        else:
            st.caption(due)
        if rnd["changes"]:
            st.markdown(f"**{tr('reviews.changes_since')}**")
            st.text(rnd["changes"])
        is_open = rnd["status"] == rules.OPEN
        _artifacts(actor, rnd, artifacts, manage and is_open)
        _verdict_table(rnd, people, verdict_rows)
        _item_table(items)
        required = {p["id"] for p in people}
        mine = [
            v
            for v in verdict_rows
            if v["reviewer_id"] == actor.user_id and v["content_hash"] == rnd["content_hash"]
        ]
        if mine:
            st.info(tr("reviews.you_signed", verdict=tr(f"reviews.verdict.{mine[-1]['verdict']}")))
        elif is_open and actor.user_id in required:
            _sign_form(actor, rnd, artifacts, requirements)
        if manage and is_open:
            _add_artifacts_form(actor, rnd)


def _certificate(round_id: int, code: str, gate: int) -> None:
    """The certificate is made when the button is clicked (a passed round never changes)."""
    db = database()

    def pdf() -> bytes:
        with db.read() as cur:
            return certificates.certificate_pdf(cur, round_id)

    st.download_button(
        tr("reviews.certificate"),
        data=pdf,
        file_name=certificates.certificate_file_name(code, gate, now().date()),
        mime="application/pdf",
        key=f"certificate_{round_id}",
        icon=":material/picture_as_pdf:",
    )


def render() -> None:
    actor = guard("reviews")
    st.title(tr("page.reviews"))
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))
    manage = can(actor.roles, "review.manage")
    sees_all = manage or "director" in actor.roles
    with recorded_read() as cur:
        pending = queries.pending_for(cur, actor.user_id)
    _pending_list(pending)
    chosen = _choose(actor, sees_all)
    if chosen is None:
        return
    project_id, gate = chosen
    with recorded_read() as cur:
        project = queries.get_project(cur, project_id)
        signoff = queries.signoff(cur, project_id, gate)
        rounds = queries.rounds_of(cur, project_id, gate)
        requirements = queries.list_requirements(cur, project_id)
        next_no = queries.next_round_no(cur, project_id, gate)
    if not sees_all:
        rounds = [r for r in rounds if actor.user_id in _reviewer_ids(r["id"])]
    st.subheader(md(f"{project['code']} {project['name']}"))
    st.caption(_gate_label(gate))
    if signoff:
        passed_round = next((r for r in rounds if r["id"] == signoff["round_id"]), None)
        st.success(
            tr(
                "reviews.gate_passed_at",
                when=fmt_datetime(signoff["passed_at"]),
                round_no=passed_round["round_no"] if passed_round else "-",
            )
        )
        if passed_round:
            _certificate(passed_round["id"], project["code"], gate)
    else:
        st.info(tr("reviews.gate_not_passed"))
    has_open = any(r["status"] == rules.OPEN for r in rounds)
    if manage and not signoff and project["status"] == "active":
        if has_open:
            st.caption(tr("reviews.round_open_note"))
        else:
            _new_round_form(actor, project_id, gate, next_no, expanded=True)
    if not rounds:
        st.info(tr("reviews.no_rounds"))
    for index, rnd in enumerate(rounds):
        _round(actor, rnd, manage, requirements, expanded=index == 0)


def _reviewer_ids(round_id: int) -> list[int]:
    with recorded_read() as cur:
        return queries.reviewer_ids(cur, round_id)


PAGE = PageSpec(key="reviews", icon=":material/fact_check:", render=render)
