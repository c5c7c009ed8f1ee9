"""The public questionnaire (no account): ``/survey_public?code=<code>[&token=<token>]``.

Never calls ``guard``: citizens have no account. Protection without outside services: a hidden
honeypot field, a minimum fill time counted from when the form was first shown in this session,
a per-client rate limit shared by every session of the process (``core.surveys.ratelimit``; the
client is ``core.security.clientkey``: forwarded headers count only from configured proxies, and
a client whose address is unknown is limited too), a daily cap per survey (in the service),
optional one-time tokens, and a submission id made when the form is shown, so a double click
stores one response. An anonymous visitor sees nothing of a survey that is not a public one open
today: unknown, internal, closed and future codes all get the same message. Text from the URL and
from survey authors is never rendered as Markdown/HTML.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from core.security import clientkey
from core.surveys import queries, ratelimit, rules, services
from ui import widgets
from ui.components import attempt, language_switch, md, trm
from ui.context import database, language, now, tr
from ui.registry import PageSpec

# CSS rules of our own (no user data): the honeypot's container hidden from people; less empty
# space above the form and a smaller title (still the page's one h1), so a phone's first
# screen reaches the first question.
_HIDE_HONEYPOT = (
    "<style>.st-key-pattana_hp{display:none !important}"
    " .stMainBlockContainer{padding-top:1.5rem !important}"
    " .stMainBlockContainer h1{font-size:1.6rem !important;padding-top:0 !important}</style>"
)


# What the form shows is read at most once per this many seconds per code: every citizen's visit
# runs this page twice (the form, the submit), and its five reads were a fifth of a visit's work
# (issue 18). A survey edited, closed or opened, a new town name or setting shows within that
# time; the submit itself checks the survey afresh (``services.submit_public``).
_FORM_SECONDS = float(os.environ.get("PATTANA_PUBLIC_FORM_SECONDS", "10"))


@st.cache_data(ttl=max(_FORM_SECONDS, 0.001), max_entries=256, show_spinner=False)
def _cached_form(code: str) -> dict | None:
    return _read_form(code)


def _read_form(code: str) -> dict | None:
    with database().read() as cur:
        return queries.public_form(cur, code)


def _form(code: str) -> dict | None:
    return _cached_form(code) if _FORM_SECONDS > 0 else _read_form(code)


@st.cache_resource(show_spinner=False)
def _limiter() -> ratelimit.RateLimiter:
    return ratelimit.RateLimiter(services.DEFAULT_RATE_PER_MINUTE, 60.0)


def _level_label(value: int) -> str:
    label = tr(rules.level_key(value))
    return label if value == 0 else f"{value} {label}"


def questionnaire(items: list[dict], allow_no_opinion: bool, key: str, *, public: bool) -> dict:
    """The questions of a form (call inside ``st.form``); returns what was entered."""
    options = [5, 4, 3, 2, 1] + ([0] if allow_no_opinion else [])
    # Each label translated once per run: Streamlit formats every option of every question
    # several times, and a citizen's visit is counted in milliseconds (issue 18).
    levels = {value: _level_label(value) for value in options}
    st.caption(tr("surveys.scale_hint"))
    scores: dict[int, int | None] = {}
    numbers = rules.item_numbers(items)  # the same numbers a refusal names
    section = None
    for item in items:
        if item["section"] != section:
            section = item["section"]
            st.markdown(f"**{item['section_position']}. {md(section)}**")
        scores[item["id"]] = st.radio(
            f"{numbers[item['id']]} {md(item['text'])}",
            options,
            index=None,
            horizontal=True,
            format_func=levels.__getitem__,
            key=f"{key}_q{item['id']}",
        )
    st.markdown(f"**{tr('surveys.part_demographics')}**")
    demographics = {}
    choose = tr("surveys.choose")
    for field, codes in rules.DEMOGRAPHICS.items():
        answers = {code: tr(rules.demographic_key(field, code)) for code in codes}
        demographics[field] = widgets.select_one(
            st,
            tr(rules.demographic_key(field)),
            list(answers),
            index=None,
            placeholder=choose,
            format_func=answers.__getitem__,
            key=f"{key}_{field}",
        )
    suggestion = st.text_area(
        tr("surveys.field.suggestion"),
        max_chars=rules.MAX_SUGGESTION,
        help=tr("surveys.suggestion_help"),
        key=f"{key}_suggestion",
    )
    entered = {"scores": scores, "demographics": demographics, "suggestion": suggestion}
    if public:
        with st.expander(tr("surveys.contact_optin")):
            entered["wants_contact"] = st.checkbox(tr("surveys.contact_consent"), key=f"{key}_consent")
            entered["contact_name"] = st.text_input(
                tr("surveys.field.contact_name"), max_chars=rules.MAX_CONTACT, key=f"{key}_name"
            )
            entered["contact_phone"] = st.text_input(
                tr("surveys.field.contact_phone"), max_chars=40, key=f"{key}_phone"
            )
        with st.container(key="pattana_hp"):
            entered["honeypot"] = st.text_input(tr("surveys.honeypot"), key=f"{key}_hp")
    return entered


def render() -> None:
    language_switch(st)
    code = str(st.query_params.get("code", "") or "").strip().upper()[:40]
    token = str(st.query_params.get("token", "") or "").strip()[:64] or None
    if not code:
        st.title(tr("page.survey_public"))
        st.warning(tr("surveys.no_code"))
        return
    form = _form(code)
    survey = None if form is None else form["survey"]
    if (
        survey is None
        or survey["audience"] != "citizens"
        or rules.status(survey["opens_on"], survey["closes_on"], now().date()) != "open"
    ):
        st.title(tr("page.survey_public"))
        st.error(trm("surveys.not_available", code=code))
        return
    items, retention, per_minute = form["items"], form["retention_days"], form["rate_per_minute"]
    # The page's heading, drawn compact (_HIDE_HONEYPOT): on a phone it must not fill the first screen.
    st.title(md(survey["title"]), anchor=False)
    key = f"survey_public_{code}"
    form_state = st.session_state.setdefault(
        key, {"submission_id": rules.new_submission_id(), "shown_at": now(), "done": False}
    )
    if form_state["done"]:
        st.success(tr("surveys.thanks"))
        return
    org = form["org"]["en"] if language() == "en" and form["org"]["en"] else form["org"]["th"]
    st.caption(tr("surveys.public_intro", org=org or tr("surveys.public_intro_default_org")))
    with st.expander(tr("surveys.pdpa_title"), expanded=False):
        st.caption(tr("surveys.pdpa_notice", days=retention))
    st.markdown(_HIDE_HONEYPOT, unsafe_allow_html=True)
    area = st.empty()
    with area.container():
        with widgets.form(st, f"{key}_form"):
            entered = questionnaire(items, survey["allow_no_opinion"], key, public=True)
            submitted = st.form_submit_button(tr("surveys.submit"), type="primary", width="stretch")
    if not submitted:
        return
    limiter = _limiter()
    limiter.reconfigure(per_minute)
    client = clientkey.client_key(st.context.ip_address, dict(st.context.headers or {}))
    if not limiter.allow(client, time.monotonic()):
        st.error(tr("surveys.rate_limited"))
        return
    outcome = attempt(
        lambda: services.submit_public(
            database(),
            now(),
            code=code,
            submission_id=form_state["submission_id"],
            token=token,
            shown_at=form_state["shown_at"],
            **entered,
        )
    )
    if outcome:
        form_state["done"] = True
        area.empty()
        st.success(tr("surveys.thanks"))


PAGE = PageSpec(key="survey_public", icon=":material/sentiment_satisfied:", render=render)


if __name__ == "__main__":
    # A citizen scanning a poster right after a restart: until some session has run the entry
    # file, Streamlit serves /survey_public by running this file itself (its old pages-folder
    # mode). The questionnaire needs no account, so here, and only here, the file renders.
    render()
