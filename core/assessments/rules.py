"""Pure rules of the assessors' evidence: the rounds of a fiscal year, the documents each item
needs, publication versions, and the LPA citizen-feedback elements.

Rounds: the 6-month round runs 1 Oct - 31 Mar, the 12-month round the whole fiscal year
(1 Oct - 30 Sep). A round's report may be published only once the round has ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.errors import DomainError, ValidationError
from core.thaidate import ce_year, fiscal_year_bounds, format_date

ROUNDS = ("6m", "12m")
# Documents Pattana makes from its own data (text key "assess.kind.<kind>").
DOC_KINDS = ("action_plan", "followup", "service_stats", "satisfaction", "eservices")
# The ITA open-data numbering of 2566/2567: a starting point the IT unit edits each year.
DEFAULT_ITEMS: list[tuple[str, str, str]] = [
    ("O11", "action_plan", "แผนการดำเนินงานประจำปี"),
    ("O12", "followup", "รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน"),
    ("O13", "followup", "รายงานผลการดำเนินงานประจำปี"),
    ("O16", "service_stats", "ข้อมูลเชิงสถิติการให้บริการ"),
    ("O17", "satisfaction", "รายงานผลการสำรวจความพึงพอใจการให้บริการ"),
    ("O18", "eservices", "E-Service"),
]
LPA_TARGET = 70.0
LPA_ELEMENTS = ("point_of_service", "presented", "score", "improvements", "smart_card", "published")
MAX_TEXT = 500


def check_round(round_: str) -> str:
    if round_ not in ROUNDS:
        raise ValidationError("assess.bad_round")
    return round_


def round_bounds(fiscal_year: int, round_: str) -> tuple[date, date]:
    """First and last day of a round: 6m = 1 Oct - 31 Mar, 12m = 1 Oct - 30 Sep."""
    start, end = fiscal_year_bounds(fiscal_year)
    if check_round(round_) == "6m":
        return start, date(ce_year(fiscal_year), 3, 31)
    return start, end


def round_ended(fiscal_year: int, round_: str, today: date) -> bool:
    """Whether the round is over on ``today`` (its last day has passed)."""
    return today > round_bounds(fiscal_year, round_)[1]


def round_of(day: date) -> str:
    """The round a day falls in first: 1 Oct - 31 Mar is the 6-month round, the rest only 12m."""
    return "6m" if day.month >= 10 or day.month <= 3 else "12m"


def check_publishable(fiscal_year: int, round_: str, today: date) -> None:
    if not round_ended(fiscal_year, round_, today):
        raise DomainError(
            "assess.round_not_ended",
            fy=fiscal_year,
            round=f"assess.round.{round_}",
            end=format_date(round_bounds(fiscal_year, round_)[1]),
        )


def shown_value(value: object) -> str:
    """A typed value quoted back in a message: letters, digits and - . only (messages are drawn
    by Streamlit, which would read other marks as Markdown)."""
    return "".join(c for c in str(value or "")[:20] if c.isalnum() or c in "-.")


def check_item(item_code: str, doc_kind: str, title: str) -> tuple[str, str, str]:
    code = (item_code or "").strip().upper()
    if not code or len(code) > 12 or not code.replace("-", "").replace(".", "").isalnum():
        raise ValidationError("assess.bad_item_code", value=shown_value(item_code))
    if doc_kind not in DOC_KINDS:
        raise ValidationError("assess.bad_kind", value=shown_value(doc_kind))
    title = (title or "").strip()
    if not title or len(title) > MAX_TEXT:
        raise ValidationError("assess.bad_title")
    return code, doc_kind, title


def file_name(fiscal_year: int, round_: str, item_code: str, version: int) -> str:
    return f"{item_code}-{fiscal_year}-{round_}-v{version}.pdf"


@dataclass(frozen=True)
class Element:
    key: str  # one of LPA_ELEMENTS
    met: bool
    evidence: list[str]  # plain text lines (never rendered as Markdown)


def lpa_elements(
    *,
    lang: str = "th",
    surveys: list[dict],
    percent: float | None,
    presented: list[dict],
    improvements: list[dict],
    smart_cards: list[dict],
    published: list[dict],
) -> list[Element]:
    """Each element of the LPA citizen-feedback indicator, met or not, with its evidence.

    ``surveys``: citizens' surveys of the year with respondents; ``percent``: the pooled
    satisfaction; the rest are the records of the year (dicts with ``on_date`` and ``text``)
    and the published satisfaction reports (``item_code``, ``title``, ``published_at``).
    """
    answered = [s for s in surveys if (s.get("respondents") or 0) > 0]
    return [
        Element(
            "point_of_service",
            bool(answered),
            [f"{s['code']} {s['title']} ({s['respondents']})" for s in answered],
        ),
        Element(
            "presented",
            bool(presented),
            [f"{format_date(r['on_date'], lang)} {r['text']}" for r in presented],
        ),
        Element(
            "score",
            percent is not None and percent >= LPA_TARGET,
            [] if percent is None else [f"{percent:.2f} / {LPA_TARGET:.0f}"],
        ),
        Element(
            "improvements",
            bool(improvements),
            [
                f"{format_date(r['on_date'], lang)} {r['text']}"
                + (f" ({r['detail']})" if r.get("detail") else "")
                for r in improvements
            ],
        ),
        Element(
            "smart_card",
            bool(smart_cards),
            [f"{format_date(r['on_date'], lang)} {r['text']}" for r in smart_cards],
        ),
        Element(
            "published",
            bool(published),
            [f"{p['item_code']} {p['title']} ({format_date(p['published_at'], lang)})" for p in published],
        ),
    ]
