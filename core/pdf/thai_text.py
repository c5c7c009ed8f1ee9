"""Thai text for PDFs: where a line may break, digits, how a cell value prints.

Thai is written without spaces between words. Before wrapping, every run of Thai letters is cut
into words by PyThaiNLP's dictionary tokenizer (``newmm`` with its bundled dictionary, offline)
and an invisible break opportunity (U+200B ZERO WIDTH SPACE) goes between the words; fpdf2
treats U+200B as a break point and draws nothing for it. Only Thai runs are cut, so codes such as
``DR2570-023``, numbers and Latin words stay whole, and a break never falls inside a character
cluster (before an upper/lower vowel or tone mark, or after a leading vowel). Copying text out of
a PDF may carry those U+200B characters along, and ำ comes out decomposed as ``ํา``: compare
extracted text after ``unicodedata.normalize("NFKD", ...)`` and removing U+200B.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from core.numbers import fmt2
from core.thaidate import format_date, to_thai_digits

ZWSP = "\u200b"
SARA_AM = "\u0e33"
SARA_AM_DECOMPOSED = "\u0e4d\u0e32"  # NFKD of SARA AM
LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
# Characters that belong to the consonant before them: a break may never come before these.
ATTACHED = set(
    "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e45\u0e46\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
BREAK_SPLIT = re.compile("[ \u200b]+")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")
# Where a Thai word touches a Latin word, a number or a code without a space ("เลขที่DR2570-023ของ"),
# a line may break between them; the code itself (letters, digits, "-", "/", ".") stays whole.
_THAI_THEN_LATIN = re.compile(r"(?<=[\u0e01-\u0e4f])(?=[A-Za-z0-9])")
_LATIN_THEN_THAI = re.compile(r"(?<=[A-Za-z0-9])(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


_known_names: frozenset[str] = frozenset()


def keep_whole(*names: str) -> None:
    """Teach the line breaker proper names no dictionary holds (the town's own name, e.g.
    ``หนองบัวแดง``, which the bundled dictionary would cut as หนอง|บัว|แดง): they never break
    inside. Called with the organisation profile's names; names with anything but Thai letters
    are ignored (codes and Latin words never break anyway)."""
    global _known_names
    new = frozenset(n.strip() for n in names if n and _THAI_RUN.fullmatch(n.strip()))
    if new <= _known_names:
        return
    _known_names = _known_names | new
    _run_breaks.cache_clear()


@lru_cache(maxsize=4)
def _dictionary(known: frozenset[str]):
    """PyThaiNLP's bundled word list plus ``known`` (a Trie for ``newmm``)."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | set(known))


@lru_cache(maxsize=20000)
def _run_breaks(run: str) -> str:
    from pythainlp.tokenize import word_tokenize

    known = _known_names
    custom = _dictionary(known) if known and any(name in run for name in known) else None
    words = word_tokenize(run, engine="newmm", custom_dict=custom, keep_whitespace=False)
    out: list[str] = []
    for word in words:
        if out and word and (word[0] in ATTACHED or out[-1][-1] in LEADING_VOWELS):
            out[-1] += word  # never break inside a character cluster
        else:
            out.append(word)
    return ZWSP.join(out)


def thai_break_opportunities(text: str) -> str:
    """``text`` with U+200B between the Thai words (PyThaiNLP dictionary; see module doc) and
    where a Thai word meets a Latin word, a number or a code."""
    text = _THAI_RUN.sub(lambda m: _run_breaks(m.group(0)), text)
    return _LATIN_THEN_THAI.sub(ZWSP, _THAI_THEN_LATIN.sub(ZWSP, text))


def digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def cell_text(value: Any) -> str:
    """A value as a table cell prints it: None/NaN empty, money with two decimals, Thai dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return fmt2(value)  # money and measures (2 decimals, half up); ints (years, counts) print as they are
    if isinstance(value, (date, datetime)):
        return format_date(value, "th", "short")
    return str(value)
