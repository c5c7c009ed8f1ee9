"""The statistics of a satisfaction survey, as Thai local-government reports compute them.

Pure functions of plain values: no database, no Streamlit. Everything is computed from *level
counts*: for one item (or a pooled set of items) a mapping ``{score: count}`` with scores
``1..5`` (มากที่สุด 5, มาก 4, ปานกลาง 3, น้อย 2, น้อยที่สุด 1) and ``0`` for "no opinion"
(ไม่มีความเห็น), which is counted and shown but left out of n, the mean, the S.D. and the
percentages. Because only counts are needed, the same functions serve raw answers and the
aggregates kept after a PDPA purge.

Signatures::

    describe(counts: Mapping[int, int], scheme: str = "half") -> Stat
    survey_results(items: Sequence[ItemDef], counts: Mapping[int, Mapping[int, int]],
                   respondents: int, scheme: str = "half",
                   groups: Mapping[tuple[str, str], GroupCounts] | None = None,
                   min_group: int = 5) -> Results

Definitions (n = answers with a score 1-5):

- mean x̄ = Σ s·c / n.
- S.D. is the *sample* standard deviation, divisor n - 1:
  S.D. = sqrt((Σ s²·c - n·x̄²) / (n - 1)); undefined (``None``) when n < 2.
- level: the mean rounded to 2 decimals (half up) and read against the band scheme of the
  settings: ``"half"`` 0.5-wide bands (4.51-5.00 มากที่สุด, 3.51-4.50 มาก, 2.51-3.50 ปานกลาง,
  1.51-2.50 น้อย, 1.00-1.50 น้อยที่สุด) or ``"class08"`` the 0.8 class interval (5-1)/5
  (4.21-5.00, 3.41-4.20, 2.61-3.40, 1.81-2.60, 1.00-1.80).
- percent_satisfaction = x̄ / 5 × 100 from the *unrounded* mean (4.5825 -> 91.65), the
  convention of Thai local-government reports; percent_top_two = share of n answering 4 or 5.
- level percentages = count / n × 100 for each of the five levels (they sum to 100).
- Sections and the whole survey pool every answer of their items (equal to the mean of the
  item means when every item has the same n).
- Groups (respondent type, sex, age band, ...) pool every answer of their respondents; a group
  with fewer than ``min_group`` respondents is hidden (its figures are ``None``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core import numbers

LEVELS = (5, 4, 3, 2, 1)
NO_OPINION = 0

# scheme -> lower bounds of levels 5, 4, 3, 2 (level 1 below the last)
BAND_SCHEMES: dict[str, tuple[Decimal, Decimal, Decimal, Decimal]] = {
    "half": (Decimal("4.51"), Decimal("3.51"), Decimal("2.51"), Decimal("1.51")),
    "class08": (Decimal("4.21"), Decimal("3.41"), Decimal("2.61"), Decimal("1.81")),
}
BAND_RANGES: dict[str, tuple[str, ...]] = {
    "half": ("4.51-5.00", "3.51-4.50", "2.51-3.50", "1.51-2.50", "1.00-1.50"),
    "class08": ("4.21-5.00", "3.41-4.20", "2.61-3.40", "1.81-2.60", "1.00-1.80"),
}
DEFAULT_SCHEME = "half"


def round2(value: float) -> Decimal:
    """A mean rounded to 2 decimals, half up (4.505 -> 4.51), as printed in reports: the one
    rounding rule of ``core.numbers``, so the printed mean and its level always agree."""
    return numbers.round2(value)


def level_of(mean: float | None, scheme: str = DEFAULT_SCHEME) -> int | None:
    """The interpretation level 5..1 of a mean (rounded to 2 decimals first); None for no mean."""
    if mean is None:
        return None
    if scheme not in BAND_SCHEMES:
        raise ValueError(f"unknown band scheme {scheme!r}")
    rounded = round2(mean)
    for level, lower in zip((5, 4, 3, 2), BAND_SCHEMES[scheme]):
        if rounded >= lower:
            return level
    return 1


@dataclass(frozen=True)
class Stat:
    """Figures of one item, section, group or the whole survey."""

    n: int  # answers with a score 1-5
    no_opinion: int  # "no opinion" answers (left out of everything else)
    counts: dict[int, int]  # score 5..1 -> count
    percents: dict[int, float]  # score 5..1 -> % of n (unrounded)
    mean: float | None
    sd: float | None  # sample S.D. (n - 1); None when n < 2
    level: int | None
    percent_satisfaction: float | None  # mean / 5 * 100 from the unrounded mean
    percent_top_two: float | None  # % of n answering 4 or 5

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "no_opinion": self.no_opinion,
            "counts": {str(k): v for k, v in self.counts.items()},
            "percents": {str(k): _r(v) for k, v in self.percents.items()},
            "mean": _r(self.mean, 4),
            "sd": _r(self.sd, 4),
            "level": self.level,
            "percent_satisfaction": _r(self.percent_satisfaction),
            "percent_top_two": _r(self.percent_top_two),
        }


def _r(value: float | None, digits: int = 2) -> float | None:
    if value is None:
        return None
    return numbers.r2(value) if digits == 2 else round(float(value), digits)


def describe(counts: Mapping[int, int], scheme: str = DEFAULT_SCHEME) -> Stat:
    """The figures of a set of answers given as ``{score: count}`` (score 0 = no opinion)."""
    for score, count in counts.items():
        if int(score) not in (0, 1, 2, 3, 4, 5):
            raise ValueError(f"score {score} outside 0-5")
        if int(count) < 0:
            raise ValueError("negative count")
    by_level = {level: int(counts.get(level, 0) or 0) for level in LEVELS}
    no_opinion = int(counts.get(NO_OPINION, 0) or 0)
    n = sum(by_level.values())
    if n == 0:
        return Stat(0, no_opinion, by_level, {lv: 0.0 for lv in LEVELS}, None, None, None, None, None)
    total = sum(s * c for s, c in by_level.items())
    squares = sum(s * s * c for s, c in by_level.items())
    mean = total / n
    sd = None
    if n >= 2:
        variance = max((squares - n * mean * mean) / (n - 1), 0.0)
        sd = math.sqrt(variance)
        if sd < 1e-12:
            sd = 0.0
    percents = {lv: by_level[lv] * 100.0 / n for lv in LEVELS}
    return Stat(
        n,
        no_opinion,
        by_level,
        percents,
        mean,
        sd,
        level_of(mean, scheme),
        mean / 5 * 100,
        (by_level[5] + by_level[4]) * 100.0 / n,
    )


def pool(*many: Mapping[int, int]) -> dict[int, int]:
    """The sum of several ``{score: count}`` mappings."""
    out: dict[int, int] = {}
    for counts in many:
        for score, count in counts.items():
            out[int(score)] = out.get(int(score), 0) + int(count)
    return out


@dataclass(frozen=True)
class ItemDef:
    id: int
    section: str  # the section's title
    text: str
    number: str = ""  # as printed: "1.1", "2.3", ...


@dataclass(frozen=True)
class GroupCounts:
    respondents: int
    counts: dict[int, int]


@dataclass
class Results:
    respondents: int
    scheme: str
    items: list[tuple[ItemDef, Stat]]
    sections: list[tuple[str, Stat]]
    overall: Stat
    groups: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "respondents": self.respondents,
            "band_scheme": self.scheme,
            "overall": self.overall.as_dict(),
            "sections": [{"section": title, **stat.as_dict()} for title, stat in self.sections],
            "items": [
                {
                    "item_id": item.id,
                    "number": item.number,
                    "section": item.section,
                    "text": item.text,
                    **stat.as_dict(),
                }
                for item, stat in self.items
            ],
            "groups": [
                {k: (_r(v) if isinstance(v, float) else v) for k, v in g.items()} for g in self.groups
            ],
        }


def survey_results(
    items: Sequence[ItemDef],
    counts: Mapping[int, Mapping[int, int]],
    respondents: int,
    scheme: str = DEFAULT_SCHEME,
    groups: Mapping[tuple[str, str], GroupCounts] | None = None,
    min_group: int = 5,
) -> Results:
    """Per item, per section (in the order of first appearance) and overall; groups optional."""
    item_stats = [(item, describe(counts.get(item.id, {}), scheme)) for item in items]
    section_order: list[str] = []
    pooled: dict[str, dict[int, int]] = {}
    for item in items:
        if item.section not in pooled:
            section_order.append(item.section)
            pooled[item.section] = {}
        pooled[item.section] = pool(pooled[item.section], counts.get(item.id, {}))
    sections = [(title, describe(pooled[title], scheme)) for title in section_order]
    overall = describe(pool(*(counts.get(item.id, {}) for item in items)), scheme)
    group_rows = []
    for (dimension, group), gc in sorted((groups or {}).items()):
        group_rows.append(group_row(dimension, group, gc, scheme, min_group))
    return Results(int(respondents), scheme, item_stats, sections, overall, group_rows)


def group_row(
    dimension: str, group: str, gc: GroupCounts, scheme: str = DEFAULT_SCHEME, min_group: int = 5
) -> dict:
    """One line of the table by respondent type / demographic group; small groups hidden."""
    hidden = gc.respondents < min_group
    stat = describe(gc.counts, scheme)
    return {
        "dimension": dimension,
        "group": group,
        "respondents": gc.respondents,
        "hidden": hidden,
        "n": None if hidden else stat.n,
        "mean": None if hidden else stat.mean,
        "sd": None if hidden else stat.sd,
        "level": None if hidden else stat.level,
        "percent_satisfaction": None if hidden else stat.percent_satisfaction,
        "percent_top_two": None if hidden else stat.percent_top_two,
    }


# ------------------------------------------------------------------ sample size
# Krejcie & Morgan (1970): chi-square 3.841 (1 d.f., 95 %), P = 0.5, d = 0.05. Their published
# table is the formula rounded to the nearest whole person (N = 100 -> 79.51 -> 80, N = 1,000 -> 278,
# N = 10,000 -> 370); rounding up disagrees with it (N = 500 -> 218 instead of 217).
def krejcie_morgan(population: int) -> int:
    """Krejcie and Morgan's sample size, equal to their published table at every N it lists."""
    if population <= 0:
        raise ValueError("population must be positive")
    x2, p, d = Decimal("3.841"), Decimal("0.5"), Decimal("0.05")
    n = Decimal(int(population))
    size = x2 * n * p * (1 - p) / (d * d * (n - 1) + x2 * p * (1 - p))
    return min(int(population), int(size.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def yamane(population: int, error: float = 0.05) -> int:
    """Yamane's n = N / (1 + N e²) rounded to the nearest person, as his table and the Thai texts
    that reprint it give it (e = 0.05: N = 10,000 -> 384.62 -> 385, N = 500 -> 222.22 -> 222)."""
    if population <= 0:
        raise ValueError("population must be positive")
    if not 0 < error < 1:
        raise ValueError("error must be between 0 and 1")
    n, e = Decimal(int(population)), Decimal(repr(float(error)))
    size = n / (1 + n * e * e)
    return min(int(population), int(size.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


# ------------------------------------------------------------------ suggestions
# ``\d`` in Python's patterns matches any decimal digit (Arabic 0-9, Thai ๐-๙, Arabic-Indic).
_ZERO = "[0๐٠]"
_THAI_ID = re.compile(r"(?<!\d)\d[ -]?\d{4}[ -]?\d{5}[ -]?\d{2}[ -]?\d(?!\d)")
_PHONE = re.compile(r"(?<![\d])(?:\+(?:66|๖๖)[ -]?|" + _ZERO + r")\d(?:[ -]?\d){7,8}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINE_ID = re.compile(r"(?i)((?:line|ไลน์|ไอดีไลน์)\s*(?:id|ไอดี)?\s*[:：=]?\s*)(@?[a-z0-9._-]{2,})")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9._-]{3,}")


def _xs(match: re.Match) -> str:
    return re.sub(r"\d", "x", match.group(0))


def mask_personal(text: str) -> str:
    """Contact details hidden: Thai ID numbers (13 digits, any 1-4-5-2-1 grouping) and phone
    numbers (0X..., +66...) in Arabic or Thai digits with every digit replaced by ``x``; e-mail
    addresses as ``xxx@xxx``; LINE IDs (after "LINE", "LINE ID", "ไลน์", "ไอดีไลน์") and
    @handles as ``xxx``. The rest unchanged. Plain text in, plain text out."""
    masked = _EMAIL.sub("xxx@xxx", text or "")
    masked = _LINE_ID.sub(lambda m: m.group(1) + "xxx", masked)
    masked = _HANDLE.sub("@xxx", masked)
    masked = _THAI_ID.sub(_xs, masked)
    return _PHONE.sub(_xs, masked)
