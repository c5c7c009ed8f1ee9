"""Text in, text out: the sanitiser at the edge, no user or URL text read as Markdown, and
exports that survive any stored text. The probe's attacks, through the pages (AppTest)."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pandas as pd
import pytest

from core.spreadsheets import workbook_bytes
from core.surveys import repository as repo
from core.surveys import services as survey_services
from core.text import sanitize
from tests.conftest import FIXED_NOW, actor_of, goto, new_app

PHISHING = "[ยืนยันตัวตนที่นี่](https://evil.example/login)"
NASTY = [
    "bell\x07 esc\x1b[31m nul\x00 del\x7f",
    "=cmd|' /C calc'!A0",
    "+1+2",
    "@SUM(A1)",
    "-2+3",
    "ก" * 40_000,
    "😀🎉 ทดสอบ emoji",
    "tab\there\r\nCRLF",
    "<b>x</b>" + PHISHING,
    "\u202egnp.exe",
    "e\u0301",
]


# -- the sanitiser ------------------------------------------------------------------------------
def test_the_sanitiser_keeps_text_newlines_and_tabs_and_drops_control_characters():
    assert sanitize("ก\x00ข\x07ค\x1b[0m\tง\nจ\x7f\x85") == "กขค[0m\tง\nจ"
    assert sanitize("a\r\nb\rc") == "a\nb\nc"
    assert sanitize(None) == "" and sanitize(12) == "12"


def test_the_sanitiser_normalises_to_nfc_drops_disguises_and_caps_length():
    assert sanitize("e\u0301") == "\u00e9"
    assert sanitize("\u202egnp.exe\ufeff") == "gnp.exe"
    assert sanitize("x\ud800y") == "xy"
    assert len(sanitize("ก" * 50_000)) == 20_000 and len(sanitize("abc", 2)) == 2
    assert sanitize("one\ntwo\tthree", multiline=False) == "one two three"


# -- Markdown never formed from user or URL text ---------------------------------------------------
def _public(code: str):
    """The public page as a citizen's phone opens it: /survey_public?code=..."""
    at = new_app()
    at.query_params["code"] = code
    at.run()
    return goto(at, "survey_public")


def _bodies(at) -> list[str]:
    found = []
    for kind in (
        "markdown",
        "error",
        "warning",
        "info",
        "success",
        "caption",
        "title",
        "header",
        "subheader",
    ):
        found += [getattr(e, "body", None) or getattr(e, "value", "") for e in at.get(kind)]
    return [str(b) for b in found]


def _links(texts: list[str]) -> list[str]:
    import re

    ours = "<style>"  # CSS of our own and of the sign-in library, no user text
    return [
        t
        for t in texts
        if not t.startswith(ours)
        and (re.search(r"(?<!\\)\]\((?i:https?)", t) or re.search(r"(?<!\\)<[a-z]", t))
    ]


def test_a_crafted_survey_link_shows_no_link_in_the_unknown_code_message(app_env):
    at = _public(PHISHING)
    assert not at.exception
    assert at.error, "the unknown-code message is shown"
    assert _links(_bodies(at)) == []


def test_survey_titles_questions_and_sections_are_not_markdown_on_the_public_page(app_env, demo_db_path):
    from core import bootstrap

    db = bootstrap.open_database(demo_db_path, demo=False)
    ithead = actor_of(db, "ithead")
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems ORDER BY id LIMIT 1").fetchone()[0]
    created = survey_services.create_survey(
        db,
        ithead,
        FIXED_NOW,
        title="**ด่วน** " + PHISHING,
        system_id=system_id,
        fiscal_year=2570,
        audience="citizens",
        opens_on=FIXED_NOW.date(),
        closes_on=(FIXED_NOW + timedelta(days=30)).date(),
        sections=[("ด้าน " + PHISHING, ["คำถาม " + PHISHING])],
    )
    with db.read() as cur:
        code = repo.get_survey(cur, created)["code"]
    db.close()
    at = _public(code)
    assert not at.exception
    assert _links(_bodies(at) + [r.label for r in at.radio]) == []
    assert any("ด่วน" in t for t in _bodies(at))


def test_a_staff_name_with_markdown_is_shown_as_typed_on_the_home_page(signed_in, app_env):
    from core import users
    from ui.context import database

    db = database()
    staff = actor_of(db, "staff4")
    users.update_user(
        db,
        actor_of(db, "admin"),
        FIXED_NOW,
        staff.user_id,
        full_name="นาย " + PHISHING,
        position="",
        unit_code=staff.unit_code,
        email=None,
        roles=sorted(staff.roles),
    )
    at = signed_in("staff4")
    assert not at.exception
    assert _links(_bodies(at)) == []
    assert any("ยืนยันตัวตนที่นี่" in t for t in _bodies(at))


def test_a_ticket_title_with_markdown_is_shown_as_typed_in_the_it_officers_work_list(signed_in, app_env):
    from core.tickets import rules
    from core.tickets import services as ticket_services
    from ui.context import database

    db = database()
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems ORDER BY id LIMIT 1").fetchone()[0]
    ticket_services.report_ticket(
        db,
        actor_of(db, "staff"),
        FIXED_NOW,
        system_id=system_id,
        ticket_type=rules.TYPES[0],
        title="**ด่วน** <b>x</b> " + PHISHING,
        description="ทดสอบ",
        channel=rules.CHANNELS[0],
        urgency=rules.URGENCIES[0],
        screenshots=[],
    )
    at = signed_in("itofficer")  # lands on "งานของฉัน": the new ticket waits unassigned
    assert not at.exception
    shown = [t for t in _bodies(at) if "ยืนยันตัวตนที่นี่" in t]
    assert shown and _links(shown) == []
    assert all("\\*\\*ด่วน\\*\\*" in t for t in shown)  # the stars are escaped, not bold


# -- stored text that once broke pages and exports ----------------------------------------------------
def _open_citizen_survey(db) -> dict:
    with db.read() as cur:
        code = cur.execute(
            "SELECT code FROM surveys WHERE audience = 'citizens' AND opens_on <= ?"
            " AND closes_on >= ? ORDER BY id LIMIT 1",
            [FIXED_NOW.date(), FIXED_NOW.date()],
        ).fetchone()[0]
        survey = repo.get_survey_by_code(cur, code)
        items = repo.sections_and_items(cur, survey["id"])
    return {"code": code, "items": items, "survey": survey}


def test_a_citizens_answer_with_control_characters_is_stored_clean_and_results_and_excel_still_work(
    signed_in, app_env
):
    from ui.context import database

    db = database()
    found = _open_citizen_survey(db)
    for number, text in enumerate(NASTY[:5]):
        survey_services.submit_public(
            db,
            FIXED_NOW,
            code=found["code"],
            submission_id=f"nasty-submission-{number:04d}",
            scores={item["id"]: 4 for item in found["items"]},
            suggestion=text[:1000],
            shown_at=FIXED_NOW - timedelta(minutes=5),
        )
    with db.read() as cur:
        stored = [
            r[0]
            for r in cur.execute(
                "SELECT suggestion FROM survey_responses WHERE submission_id LIKE 'nasty-submission-%'"
            ).fetchall()
        ]
    assert stored and not any(ch in s for s in stored for ch in "\x00\x07\x1b\x7f")
    at = signed_in("itofficer")
    at.query_params["survey"] = found["code"]
    goto(at, "surveys")
    assert not at.exception
    assert not [e.body for e in at.error]
    assert "ร้อยละความพึงพอใจ" in [m.label for m in at.metric]


def test_excel_exports_survive_any_text_and_keep_formulas_inert():
    data = workbook_bytes({"x": pd.DataFrame({"c": NASTY})}, title='=HYPERLINK("http://e.x")')
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [row[0] for row in sheet.iter_rows(values_only=True) if row[0] is not None]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert cells["=cmd|' /C calc'!A0"].data_type == "s" and cells["=cmd|' /C calc'!A0"].quotePrefix
    assert all(len(v) <= 32_767 for v in values if isinstance(v, str))
    assert "😀🎉 ทดสอบ emoji" in values


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_the_survey_pdf_report_survives_any_suggestion(demo_db, text):
    from core.surveys import outputs as documents

    with demo_db.read() as cur:
        survey_id = cur.execute("SELECT id FROM surveys ORDER BY id LIMIT 1").fetchone()[0]
        survey = repo.get_survey(cur, survey_id)
        results = survey_services.survey_report(cur, survey_id).results
    pdf = documents.report_pdf(survey, results, [text[:3000]], printed=FIXED_NOW.date())
    assert documents.workbook(survey, results, [text], "th").startswith(b"PK")
    assert pdf.startswith(b"%PDF")


def test_a_table_is_copied_only_when_a_text_cell_starts_like_a_formula_and_the_original_is_untouched():
    import pandas as pd

    from ui.components import _inert

    plain = pd.DataFrame({"title": ["ระบบ", "-", "-12", None], "n": [1, 2, 3, 4]})
    assert _inert(plain) is plain  # nothing to neutralise: shown as given
    risky = pd.DataFrame({"title": ["ระบบ", '=HYPERLINK("x")', "-", "@SUM(A1)"], "n": [1, 2, 3, 4]})
    shown = _inert(risky)
    assert shown["title"].tolist() == ["ระบบ", '\'=HYPERLINK("x")', "-", "'@SUM(A1)"]
    assert risky["title"].tolist()[1] == '=HYPERLINK("x")'


def test_a_coloured_label_column_keeps_each_label_and_its_colour_and_leaves_the_frame_untouched():
    import pandas as pd

    from ui.components import NEUTRAL_LABEL, _coloured_labels

    frame = pd.DataFrame({"flag": ["เกินเวลา", "ปกติ", "", "เสร็จ"], "title": ["a", "b", "c", "d"]})
    shown, config = _coloured_labels(frame, {"flag": {"เกินเวลา": "#f8d7da", "ปกติ": "#d4edda"}})
    assert shown["flag"].tolist() == [["เกินเวลา"], ["ปกติ"], [], ["เสร็จ"]]
    assert frame["flag"].tolist() == ["เกินเวลา", "ปกติ", "", "เสร็จ"]
    column = config["flag"]
    assert column["type_config"]["options"] == [
        {"value": "เกินเวลา", "color": "#f8d7da"},
        {"value": "ปกติ", "color": "#d4edda"},
        {"value": "เสร็จ", "color": NEUTRAL_LABEL},
    ]
