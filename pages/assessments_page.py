"""Evidence for assessors (ITA open data): per fiscal year and round, the documents each item needs,
made from Pattana's own data; the item numbers of the year (editable); publishing and withdrawing
on the public page (IT head); the links of the e-services."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.assessments import pdf as documents
from core.assessments import queries, rules, services
from core.permissions import can
from core.thaidate import fiscal_year
from ui import widgets
from ui.components import attempt, fmt_datetime, fy_label, guard, table, trm
from ui.context import database, language, now, tr
from ui.registry import PageSpec

FLASH_KEY = "assess_flash"
TAB_KEY = "assess_tab"  # the open tab's label, in the session


def _done(message: str) -> None:
    st.session_state[FLASH_KEY] = message
    st.rerun()


def _evidence(items: list[dict], fy: int, round_: str) -> None:
    today = now().date()
    if not rules.round_ended(fy, round_, today):
        st.info(tr("assess.round_open"))
    for item in items:

        def make(item=item) -> bytes:
            with database().read() as cur:
                ev = queries.evidence(cur, item["doc_kind"], fy, round_, today, "th")
            return documents.evidence_pdf(ev, item["title"], item["item_code"])

        # One button per item, its label the item's code, title and kind: a row of columns with
        # two texts and a button was seven elements an item (issue 18). The title is the IT
        # officers' text, escaped for the label's Markdown.
        st.download_button(
            trm(
                "assess.download_item",
                item=item["item_code"],
                title=item["title"],
                kind=tr(f"assess.kind.{item['doc_kind']}"),
            ),
            data=make,
            on_click="ignore",
            icon=":material/download:",
            file_name=rules.file_name(fy, round_, item["item_code"], 0).replace("-v0", ""),
            mime="application/pdf",
            key=f"assess_dl_{fy}_{round_}_{item['item_code']}",
        )


def _items(actor, items: list[dict], is_default: bool, fy: int) -> None:
    if is_default:
        st.info(tr("assess.items_default"))
    frame = pd.DataFrame(items, columns=["item_code", "doc_kind", "title"])
    with widgets.form(st, f"assess_items_{fy}"):
        edited = st.data_editor(
            frame,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "item_code": st.column_config.TextColumn(tr("assess.col.item"), max_chars=12),
                "doc_kind": st.column_config.SelectboxColumn(
                    tr("assess.col.kind"), options=list(rules.DOC_KINDS)
                ),
                "title": st.column_config.TextColumn(tr("assess.col.title"), max_chars=500),
            },
        )
        go = st.form_submit_button(tr("plan.save"))
    if go:
        outcome = attempt(
            lambda: services.save_items(database(), actor, now(), fy, edited.fillna("").to_dict("records"))
        )
        if outcome:
            _done(tr("assess.items_saved", n=outcome.value))


def _publications_table(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption(tr("assess.none"))
        return
    table(
        pd.DataFrame(
            {
                tr("assess.round"): [tr(f"assess.round.{r}") for r in frame["round"]],
                tr("assess.col.item"): frame["item_code"],
                tr("assess.col.title"): frame["title"],
                tr("assess.col.version"): frame["version"],
                tr("assess.col.status"): [tr(f"assess.status.{s}") for s in frame["status"]],
                tr("assess.col.published_at"): [fmt_datetime(v) for v in frame["published_at"]],
                "SHA-256": [h[:16] for h in frame["sha256"]],
            }
        )
    )


def _publish(actor, items: list[dict], fy: int, round_: str) -> None:
    codes = {i["item_code"]: f"{i['item_code']} {i['title']}" for i in items}
    with widgets.form(st, f"assess_publish_{fy}_{round_}"):
        code = widgets.select_one(st, tr("assess.publish_item"), list(codes), format_func=codes.get)
        go = st.form_submit_button(tr("assess.publish"), type="primary")
    if go and code and attempt(lambda: services.publish(database(), actor, now(), fy, round_, code)):
        _done(tr("assess.published"))
    with database().read() as cur:
        frame = queries.publications(cur, public=False, fiscal_year=fy)
    _publications_table(frame)
    live = frame[frame["status"] == "published"] if not frame.empty else frame
    if live.empty:
        return
    options = {
        int(r["id"]): " ".join([r["item_code"], tr(f"assess.round.{r['round']}"), f"v{r['version']}"])
        for r in live.to_dict("records")
    }
    with widgets.form(st, f"assess_withdraw_{fy}"):
        target = widgets.select_one(st, tr("assess.withdraw_pick"), list(options), format_func=options.get)
        reason = st.text_input(tr("assess.withdraw_reason"), max_chars=500)
        go = st.form_submit_button(tr("assess.withdraw"))
    if go and target and attempt(lambda: services.withdraw(database(), actor, now(), int(target), reason)):
        _done(tr("assess.withdrawn"))


def _links(actor) -> None:
    with database().read() as cur:
        services_ = queries.eservices(cur)
    if not services_:
        st.caption(tr("assess.none"))
        return
    table(
        pd.DataFrame(
            {
                tr("assess.system"): [
                    s["name_th"] if language() == "th" else s["name_en"] for s in services_
                ],
                tr("assess.link"): [s["url"] or "" for s in services_],
            }
        )
    )
    names = {s["id"]: s["name_th"] if language() == "th" else s["name_en"] for s in services_}
    with widgets.form(st, "assess_link"):
        system_id = widgets.select_one(st, tr("assess.system"), list(names), format_func=names.get)
        url = st.text_input(tr("assess.link"), max_chars=500)
        go = st.form_submit_button(tr("assess.link_save"))
    if go and attempt(lambda: services.set_eservice_link(database(), actor, now(), int(system_id), url)):
        _done(tr("assess.link_saved"))


def render() -> None:
    actor = guard("assessments")
    st.title(tr("page.assessments"))
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
    current = fiscal_year(now())
    years = list(range(current, current - 4, -1))
    cols = st.columns(2)
    fy = widgets.select_one(cols[0], tr("assess.year"), years, index=1, format_func=fy_label, key="assess_fy")
    round_ = cols[1].radio(
        tr("assess.round"),
        list(rules.ROUNDS),
        horizontal=True,
        index=1,
        format_func=lambda r: tr(f"assess.round.{r}"),
        key="assess_round",
    )
    with database().read() as cur:
        items, is_default = queries.items_of_year(cur, fy)
    names = [tr("assess.tab.evidence")]
    if can(actor.roles, "assessment.items.edit"):
        names += [tr("assess.tab.items"), tr("assess.tab.links")]
    names.append(tr("assess.tab.publish"))
    # only the open tab is drawn (the others' forms and tables are built when it is opened)
    tabs = dict(zip(names, widgets.lazy_tabs(st, names, key=TAB_KEY)))
    shown = next((name for name, tab in tabs.items() if tab.open), None)
    if shown is None:
        return
    with tabs[shown]:
        if shown == tr("assess.tab.evidence"):
            _evidence(items, fy, round_)
        elif shown == tr("assess.tab.items"):
            _items(actor, items, is_default, fy)
        elif shown == tr("assess.tab.links"):
            _links(actor)
        elif can(actor.roles, "publication.publish"):
            _publish(actor, items, fy, round_)
        else:
            with database().read() as cur:
                _publications_table(queries.publications(cur, public=False, fiscal_year=fy))


PAGE = PageSpec(key="assessments", icon=":material/fact_check:", render=render)
