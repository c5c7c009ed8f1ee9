"""Import of survey answers from CSV or Excel (a Google Forms export, or paper questionnaires
keyed in). Nothing is imported unless every row is valid; every bad row is reported with its
line and reason.

File format (first sheet of an .xlsx, or a .csv in UTF-8 or TIS-620), one header row, then one
row per respondent:

- **Item columns** (required, one per item): the header is ``Q<n>`` or ``ข้อ <n>`` where n is
  the item's number in the whole questionnaire (1, 2, 3, ...), optionally followed by text
  (``Q3 ระบบพร้อมใช้งาน`` or Google Forms' ``ข้อ 3. ...``), or exactly the item's text.
  A cell holds ``5``..``1`` (Thai digits too) or the level's words ``มากที่สุด``, ``มาก``,
  ``ปานกลาง``, ``น้อย``, ``น้อยที่สุด`` (also ``5 มากที่สุด``); ``0``, ``-``, ``ไม่มีความเห็น``
  or ``N/A`` mean "no opinion" when the survey allows it. An empty cell is an error.
- **Demographics** (optional): ``respondent_type``/``ประเภทผู้ตอบ``, ``sex``/``เพศ``,
  ``age_band``/``อายุ``, ``education``/``การศึกษา``, ``occupation``/``อาชีพ``; a cell holds the
  code (``female``, ``30_39``, ...) or its Thai or English label as shown on the form; empty is
  allowed.
- **Suggestions** (optional): ``suggestion``/``ข้อเสนอแนะ``.
- Any other column (Google Forms' ``Timestamp``/``ประทับเวลา``, e-mail) is ignored.

Lines are counted as in the file with the header as line 1 (blank lines are skipped by the
reader and not counted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from core.errors import ValidationError
from core.i18n import t
from core.spreadsheets import SpreadsheetError, read_table
from core.surveys import rules
from core.text import sanitize
from core.thaidate import to_arabic_digits

MAX_ROWS = 20_000

LEVEL_WORDS = {"มากที่สุด": 5, "มาก": 4, "ปานกลาง": 3, "น้อย": 2, "น้อยที่สุด": 1}
NO_OPINION_WORDS = {"0", "-", "ไม่มีความเห็น", "n/a", "na", "no opinion"}
DEMOGRAPHIC_HEADERS = {
    "respondent_type": ("respondent_type", "ประเภทผู้ตอบ", "ประเภทผู้ตอบแบบสอบถาม", "สถานะผู้ตอบ"),
    "sex": ("sex", "เพศ"),
    "age_band": ("age_band", "อายุ", "ช่วงอายุ"),
    "education": ("education", "การศึกษา", "ระดับการศึกษา"),
    "occupation": ("occupation", "อาชีพ"),
}
SUGGESTION_HEADERS = ("suggestion", "ข้อเสนอแนะ", "ข้อเสนอแนะอื่น ๆ", "ข้อเสนอแนะอื่นๆ")
_ITEM_HEADER = re.compile(r"^\s*(?:q|ข้อ)\s*(\d{1,3})(?:\D.*)?$", re.IGNORECASE | re.DOTALL)


class ImportRejected(ValidationError):
    """The file is refused; ``problems`` lists ``(line, text key, values)`` for every bad row."""

    def __init__(self, problems: list[tuple[int, str, dict]]):
        super().__init__("surveys.import_rejected", count=len(problems))
        self.problems = problems

    def lines(self, lang: str = "th") -> list[tuple[int, str]]:
        out = []
        for line, key, values in self.problems:
            shown = {
                k: t(v, lang) if isinstance(v, str) and v.startswith("surveys.") else v
                for k, v in values.items()
            }
            out.append((line, t(key, lang, **shown)))
        return out


@dataclass(frozen=True)
class ParsedRow:
    line: int
    scores: dict[int, int]
    demographics: dict[str, str | None]
    suggestion: str


def read(content: bytes, filename: str) -> pd.DataFrame:
    try:
        return read_table(content, filename)
    except SpreadsheetError as error:
        raise ImportRejected([(1, "surveys.import_unreadable", {"detail": str(error)[:200]})]) from error


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", to_arabic_digits(str(text))).strip()


def _demographic_lookup() -> dict[str, dict[str, str]]:
    lookup: dict[str, dict[str, str]] = {}
    for name, codes in rules.DEMOGRAPHICS.items():
        table: dict[str, str] = {}
        for code in codes:
            table[code.lower()] = code
            key = rules.demographic_key(name, code)
            for lang in ("th", "en"):
                table[_normal(t(key, lang)).lower()] = code
        lookup[name] = table
    return lookup


def score_of(cell: str, allow_no_opinion: bool) -> int | None:
    """The score of one cell, or None when it is not a valid answer."""
    text = _normal(cell).lower()
    if text in NO_OPINION_WORDS:
        return 0 if allow_no_opinion else None
    if text in LEVEL_WORDS:
        return LEVEL_WORDS[text]
    match = re.fullmatch(r"([1-5])(?:\.0)?(?:\s*[-.:)]?\s*(\S.*))?", text)
    if match:
        value = int(match.group(1))
        words = match.group(2)
        if words is None or LEVEL_WORDS.get(words.strip()) == value:
            return value
    return None


def _match_columns(
    columns: list[str], items: list[dict]
) -> tuple[dict[int, str], dict[str, str], str | None, list]:
    by_position = {int(item["position"]): item for item in items}
    by_text = {_normal(item["text"]): item for item in items}
    item_columns: dict[int, str] = {}
    problems = []
    demo_columns: dict[str, str] = {}
    suggestion_column = None
    for column in columns:
        name = _normal(column)
        lowered = name.lower()
        match = _ITEM_HEADER.match(name)
        item = None
        if match and int(match.group(1)) in by_position:
            item = by_position[int(match.group(1))]
        elif name in by_text:
            item = by_text[name]
        if item is not None:
            if item["id"] in item_columns:
                problems.append((1, "surveys.import_duplicate_column", {"column": column[:60]}))
            item_columns[item["id"]] = column
            continue
        for field, headers in DEMOGRAPHIC_HEADERS.items():
            if lowered in headers:
                demo_columns[field] = column
        if lowered in SUGGESTION_HEADERS:
            suggestion_column = column
    missing = [str(item["position"]) for item in items if item["id"] not in item_columns]
    if missing:
        problems.append((1, "surveys.import_missing_columns", {"items": ", ".join(missing)}))
    return item_columns, demo_columns, suggestion_column, problems


def parse(frame: pd.DataFrame, items: list[dict], *, allow_no_opinion: bool) -> list[ParsedRow]:
    """Every row checked; raises ``ImportRejected`` listing all problems, else the parsed rows.

    ``items``: dicts with ``id``, ``position`` (1-based) and ``text`` in questionnaire order.
    """
    if len(frame) > MAX_ROWS:
        raise ImportRejected([(1, "surveys.import_too_many", {"maximum": MAX_ROWS})])
    item_columns, demo_columns, suggestion_column, problems = _match_columns(list(frame.columns), items)
    if problems:
        raise ImportRejected(problems)
    lookup = _demographic_lookup()
    parsed: list[ParsedRow] = []
    for index, row in enumerate(frame.itertuples(index=False, name=None)):
        line = index + 2
        values = dict(zip(frame.columns, row))
        scores: dict[int, int] = {}
        for item in items:
            cell = str(values[item_columns[item["id"]]] or "")
            if not cell.strip():
                problems.append((line, "surveys.import_empty_score", {"item": item["position"]}))
                continue
            score = score_of(cell, allow_no_opinion)
            if score is None:
                problems.append(
                    (line, "surveys.import_bad_score", {"item": item["position"], "value": cell.strip()[:30]})
                )
                continue
            scores[item["id"]] = score
        demographics: dict[str, str | None] = {field: None for field in rules.DEMOGRAPHICS}
        for field, column in demo_columns.items():
            cell = _normal(values[column] or "")
            if not cell:
                continue
            code = lookup[field].get(cell.lower())
            if code is None:
                problems.append(
                    (
                        line,
                        "surveys.import_bad_demographic",
                        {"field": f"surveys.demo.{field}", "value": cell[:30]},
                    )
                )
            demographics[field] = code
        suggestion = sanitize(values[suggestion_column] or "").strip() if suggestion_column else ""
        if len(suggestion) > rules.MAX_SUGGESTION:
            problems.append((line, "surveys.import_long_suggestion", {"maximum": rules.MAX_SUGGESTION}))
        parsed.append(ParsedRow(line, scores, demographics, suggestion))
    if problems:
        raise ImportRejected(problems)
    return parsed


def frames(
    parsed: list[ParsedRow], *, survey_id: int, batch: str, now: datetime
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Responses and answers as DataFrames for one bulk INSERT each."""
    responses = pd.DataFrame(
        {
            "row_no": [p.line for p in parsed],
            "survey_id": survey_id,
            "submission_id": [f"import-{batch}-{p.line}" for p in parsed],
            **{field: [p.demographics[field] for p in parsed] for field in rules.DEMOGRAPHICS},
            "suggestion": [p.suggestion for p in parsed],
            "submitted_at": pd.Series([now] * len(parsed), dtype="datetime64[us]"),
        }
    )
    answers = pd.DataFrame(
        [
            (f"import-{batch}-{p.line}", survey_id, item_id, score)
            for p in parsed
            for item_id, score in p.scores.items()
        ],
        columns=["submission_id", "survey_id", "item_id", "score"],
    )
    return responses, answers
