"""The Thai/English text catalogue.

Texts live in ``core/texts/<area>.py`` modules, each with ``TEXTS = {key: (thai, english)}``,
listed in ``MODULES``; this module merges them once. ``t(key, lang, **values)`` returns the text in the language asked
(Thai first: an unknown language falls back to Thai) with ``{name}`` placeholders filled in. A
missing key returns the key itself so a gap shows without breaking a page; a test checks that
every key used by ``core`` and the pages exists.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from core.texts import (
    assessments,
    audit,
    calendar,
    common,
    kpi,
    notifications,
    organisation,
    plan,
    proposals,
    reliability,
    reviews,
    security,
    stages,
    surveys,
    tickets,
)

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"

# The catalogue's modules: the shared texts, then one per area (a new module is added here).
MODULES: tuple[ModuleType, ...] = (
    common,
    audit,
    calendar,
    organisation,
    proposals,
    stages,
    reviews,
    tickets,
    surveys,
    kpi,
    reliability,
    security,
    plan,
    assessments,
    notifications,
)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    """Every text of every area, keyed by message key; a key defined twice is an error."""
    merged: dict[str, tuple[str, str]] = {}
    for module in MODULES:
        for key, pair in module.TEXTS.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice ({module.__name__})")
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise RuntimeError(f"text key {key!r} must map to (thai, english)")
            merged[key] = pair
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` with placeholders filled in."""
    pair = catalogue().get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has_text(key: str) -> bool:
    return key in catalogue()
