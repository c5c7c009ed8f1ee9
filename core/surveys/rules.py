"""Rules of surveys: status from dates, who may answer, what a valid submission is, templates.

Pure functions of plain values and ``now``; no database. Refusals raise ``ValidationError`` /
``DomainError`` with keys of ``core/texts/surveys.py``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.errors import DomainError, ValidationError
from core.text import sanitize

AUDIENCES = ("citizens", "staff", "schools")
STATUSES = ("draft", "open", "closed")

# Demographic questions: field -> codes (labels are texts "surveys.demo.<field>.<code>").
DEMOGRAPHICS: dict[str, tuple[str, ...]] = {
    "respondent_type": ("citizen", "staff", "school", "business", "agency"),
    "sex": ("male", "female", "unspecified"),
    "age_band": ("under20", "20_29", "30_39", "40_49", "50_59", "60up"),
    "education": ("below_secondary", "secondary", "diploma", "bachelor", "above_bachelor"),
    "occupation": (
        "civil_servant",
        "employee",
        "business",
        "farmer",
        "student",
        "labourer",
        "retired",
        "other",
    ),
}
DEMOGRAPHIC_FIELDS = tuple(DEMOGRAPHICS)

MIN_FILL_SECONDS = 3  # a form sent faster than this after it was shown is a robot's
MAX_SUGGESTION = 2000
MAX_CONTACT = 200
PROCESSING_WORKING_DAYS = 2  # manual step 18: process within 2 (working) days of closing
PROCESSING_DUE_TIME = time(16, 30)
DEFAULT_RETENTION_DAYS = 730
MIN_RETENTION_DAYS = 30

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")


@dataclass(frozen=True)
class SurveyDates:
    opens_on: date
    closes_on: date


def status(opens_on: date, closes_on: date, today: date) -> str:
    """``draft`` before it opens, ``open`` from opens_on to closes_on inclusive, then ``closed``."""
    if today < opens_on:
        return "draft"
    if today > closes_on:
        return "closed"
    return "open"


def check_dates(opens_on: date | None, closes_on: date | None) -> None:
    if opens_on is None or closes_on is None:
        raise ValidationError("error.required", field="surveys.field.dates")
    if closes_on < opens_on:
        raise ValidationError("surveys.dates_reversed")
    if (closes_on - opens_on).days > 366:
        raise ValidationError("surveys.dates_too_long")


def check_code(code: str) -> str:
    clean = (code or "").strip().upper()
    if not _CODE.match(clean):
        raise ValidationError("surveys.code_invalid")
    return clean


def make_code(
    system_code: str | None, counter: str | None, fiscal_year: int, number: int, audience: str = "citizens"
) -> str:
    """A readable survey code: ``ETAX-2570``, ``ETAX-2570-2`` for a second one, ``SVC-2570-3``.

    A survey for staff gets a random part instead of its number (``ETAX-2570-K7Q2M9XD``): its code
    is never printed on a poster, and nobody should find it by counting."""
    if audience != "citizens":
        base = re.sub(r"[^A-Z0-9]", "", (system_code or "SVC").upper())[:16] or "SVC"
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return f"{base}-{fiscal_year}-" + "".join(secrets.choice(alphabet) for _ in range(10))
    base = re.sub(r"[^A-Z0-9]", "", (system_code or "SVC").upper())[:16] or "SVC"
    return f"{base}-{fiscal_year}" if number <= 1 else f"{base}-{fiscal_year}-{number}"


def new_token() -> str:
    """A one-time invitation token (URL-safe, 12 characters, not guessable)."""
    return secrets.token_urlsafe(9)


def new_submission_id() -> str:
    return secrets.token_hex(16)


def can_answer(audience: str, roles: frozenset[str] | set[str]) -> bool:
    """Who answers an internal survey: ``staff`` surveys any signed-in staff member (not the
    administrator), ``schools`` surveys staff of the affiliated units (schools). Citizens'
    surveys are answered on the public page."""
    if audience == "citizens":
        return False
    if "admin" in roles and len(roles) == 1:
        return False
    if audience == "schools":
        return "affiliated_unit" in roles
    return True


def looks_automated(
    honeypot: str | None, shown_at: datetime | None, now: datetime, min_seconds: float = MIN_FILL_SECONDS
) -> bool:
    """True for a form a robot sent: the hidden field filled in, or sent too fast (or with no
    record of when it was shown)."""
    if (honeypot or "").strip():
        return True
    if shown_at is None:
        return True
    return (now - shown_at).total_seconds() < min_seconds


def item_numbers(items: list[Mapping]) -> dict[int, str]:
    """The number each item shows in the questionnaire, "<section>.<n>" (2.3 = the third item of
    section 2), from the items in questionnaire order (``id``, ``section``, ``section_position``)."""
    numbers: dict[int, str] = {}
    section, n = None, 0
    for item in items:
        if item["section"] != section:
            section, n = item["section"], 0
        n += 1
        numbers[item["id"]] = f"{item['section_position']}.{n}"
    return numbers


def clean_scores(
    item_ids: list[int],
    scores: Mapping[int, object],
    allow_no_opinion: bool,
    numbers: Mapping[int, str] | None = None,
) -> dict[int, int]:
    """Every item answered with 1-5 (0 = no opinion when allowed); refuses anything else.

    Items in a refusal are named by their number in the questionnaire (``numbers``, as
    ``item_numbers`` gives them; the 1-based position without it).
    """
    label = {item_id: (numbers or {}).get(item_id, str(pos)) for pos, item_id in enumerate(item_ids, 1)}
    missing = [label[item_id] for item_id in item_ids if scores.get(item_id) in (None, "")]
    if missing:
        raise ValidationError("surveys.items_missing", items=", ".join(missing))
    out: dict[int, int] = {}
    for item_id in item_ids:
        raw = scores[item_id]
        try:
            value = int(raw)  # type: ignore[arg-type]
            if isinstance(raw, float) and not float(raw).is_integer():
                raise ValueError
        except (TypeError, ValueError):
            raise ValidationError("surveys.score_invalid", item=label[item_id], value=str(raw)[:20]) from None
        if value == 0 and allow_no_opinion:
            out[item_id] = 0
            continue
        if not 1 <= value <= 5:
            raise ValidationError("surveys.score_invalid", item=label[item_id], value=str(raw)[:20])
        out[item_id] = value
    unknown = set(scores) - set(item_ids)
    if unknown:
        raise ValidationError("surveys.item_unknown")
    return out


def clean_demographics(values: Mapping[str, object]) -> dict[str, str | None]:
    """Demographic answers as codes (each optional); an unknown code is refused."""
    out: dict[str, str | None] = {}
    for name, codes in DEMOGRAPHICS.items():
        value = values.get(name)
        if value in (None, ""):
            out[name] = None
            continue
        if value not in codes:
            raise ValidationError("surveys.demographic_invalid", field=f"surveys.demo.{name}")
        out[name] = str(value)
    return out


def clean_text(value: str | None, maximum: int, field: str) -> str:
    text = sanitize(value).strip()
    if len(text) > maximum:
        raise ValidationError("error.too_long", field=field, maximum=maximum)
    return text


def clean_sections(sections: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Sections with their items, trimmed; at least one item; empty lines dropped."""
    out = []
    for title, items in sections:
        title = sanitize(title, multiline=False).strip()
        texts = [sanitize(t, multiline=False).strip() for t in items if t and sanitize(t).strip()]
        if not texts:
            continue
        if not title:
            raise ValidationError("error.required", field="surveys.field.section_title")
        if len(title) > 200 or any(len(t) > 500 for t in texts):
            raise ValidationError("error.too_long", field="surveys.field.items", maximum=500)
        out.append((title, texts))
    if not out:
        raise ValidationError("surveys.no_items")
    if sum(len(items) for _, items in out) > 60:
        raise ValidationError("surveys.too_many_items", maximum=60)
    return out


def processing_due(closes_on: date, add_working_days, end_of_day=None) -> datetime:
    """The end of the second working day after the close (step 18: within 2 days); the end of a
    day is the calendar's closing time when ``end_of_day`` is given."""
    day = add_working_days(closes_on, PROCESSING_WORKING_DAYS)
    return end_of_day(day) if end_of_day else datetime.combine(day, PROCESSING_DUE_TIME)


def purge_cutoff(now: datetime, retention_days: int) -> date:
    """Surveys closed before this day have their raw answers purged."""
    return (now - timedelta(days=int(retention_days))).date()


def check_retention_days(days: object) -> int:
    try:
        value = int(days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError("surveys.retention_invalid", minimum=MIN_RETENTION_DAYS) from None
    if value < MIN_RETENTION_DAYS or value > 3650:
        raise ValidationError("surveys.retention_invalid", minimum=MIN_RETENTION_DAYS)
    return value


# ------------------------------------------------------------------ templates
TEMPLATES: dict[str, list[tuple[str, list[str]]]] = {
    "eservice": [
        (
            "ด้านกระบวนการ/ขั้นตอนการให้บริการ",
            [
                "ขั้นตอนการใช้งานระบบไม่ยุ่งยากซับซ้อน เข้าใจง่าย",
                "ระยะเวลาในการทำรายการผ่านระบบมีความเหมาะสม รวดเร็ว",
                "มีคำแนะนำหรือคู่มือการใช้งานที่ชัดเจน",
            ],
        ),
        (
            "ด้านช่องทางการให้บริการ",
            [
                "เข้าถึงระบบได้สะดวกทั้งทางคอมพิวเตอร์และโทรศัพท์มือถือ",
                "ระบบพร้อมให้บริการตลอดเวลา ไม่ขัดข้องบ่อย",
                "มีช่องทางติดต่อสอบถามเมื่อพบปัญหาการใช้งาน",
            ],
        ),
        (
            "ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ",
            [
                "เจ้าหน้าที่ให้คำแนะนำด้วยความสุภาพ เป็นมิตร",
                "เจ้าหน้าที่มีความรู้ ตอบข้อสงสัยได้ถูกต้อง",
            ],
        ),
        (
            "ด้านสิ่งอำนวยความสะดวก",
            [
                "หน้าจอของระบบสวยงาม อ่านง่าย ใช้งานง่าย",
                "มีจุดบริการหรืออุปกรณ์ช่วยใช้งานที่สำนักงานเทศบาล",
            ],
        ),
        (
            "ด้านคุณภาพ/ผลการให้บริการ",
            [
                "ได้รับบริการตรงตามความต้องการ",
                "ข้อมูลและผลการทำรายการถูกต้อง ครบถ้วน",
                "ความพึงพอใจในภาพรวมต่อการใช้บริการ",
            ],
        ),
    ],
    "internal": [
        (
            "ด้านกระบวนการ/ขั้นตอนการทำงานของระบบ",
            [
                "ระบบสอดคล้องกับขั้นตอนการปฏิบัติงานจริงของหน่วยงาน",
                "ลดขั้นตอนและระยะเวลาในการปฏิบัติงาน",
                "ระบบประมวลผลได้รวดเร็ว",
            ],
        ),
        (
            "ด้านช่องทางการเข้าถึงระบบ",
            [
                "เข้าใช้งานระบบได้สะดวกจากเครื่องในสำนักงาน",
                "ระบบพร้อมใช้งานในเวลาราชการ",
            ],
        ),
        (
            "ด้านเจ้าหน้าที่/บุคลากรผู้ดูแลระบบ",
            [
                "เจ้าหน้าที่งานบริการระบบคอมพิวเตอร์ให้คำแนะนำได้ชัดเจน",
                "การแก้ไขปัญหาเมื่อระบบขัดข้องรวดเร็วทันเวลา",
                "การฝึกอบรมการใช้งานเพียงพอและเข้าใจได้",
            ],
        ),
        (
            "ด้านสิ่งอำนวยความสะดวก",
            [
                "คู่มือการใช้งานครบถ้วน เข้าใจง่าย",
                "เครื่องคอมพิวเตอร์และเครือข่ายเพียงพอต่อการใช้งาน",
            ],
        ),
        (
            "ด้านคุณภาพ/ผลการใช้งานระบบ",
            [
                "รายงานและข้อมูลจากระบบถูกต้อง เชื่อถือได้",
                "ระบบช่วยให้การปฏิบัติงานมีประสิทธิภาพมากขึ้น",
                "ความพึงพอใจในภาพรวมต่อระบบ",
            ],
        ),
    ],
}


def template_for(kind: str) -> list[tuple[str, list[str]]]:
    """The usual Thai sections and items: ``eservice`` (citizens) or ``internal`` (staff)."""
    return [(title, list(items)) for title, items in TEMPLATES.get(kind, TEMPLATES["eservice"])]


def audience_for_system(kind: str | None) -> str:
    return "citizens" if kind == "eservice" else "staff"


def check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValidationError("surveys.audience_invalid")
    return audience


def refuse_closed(state: str) -> None:
    if state == "draft":
        raise DomainError("surveys.not_open_yet")
    if state == "closed":
        raise DomainError("surveys.closed")


# ------------------------------------------------------------------ text keys of coded values
def level_key(level: int) -> str:
    return "surveys.level." + str(level)


def demographic_key(field: str, code: str | None = None) -> str:
    """The text key of a demographic question (``code`` None) or of one of its answers."""
    return "surveys.demo." + field + ("" if code is None else "." + code)


def audience_key(audience: str) -> str:
    return "surveys.audience." + audience


def status_key(state: str) -> str:
    return "surveys.status." + state


def template_key(template: str) -> str:
    return "surveys.template." + template


def scheme_key(scheme: str) -> str:
    return "surveys.scheme." + scheme
