"""The Thai/English text catalogue.

Texts live in ``core/texts/<area>.py`` modules, each with ``TEXTS = {key: (thai, english)}``;
this module merges them once. ``t(key, lang, **values)`` returns the text in the language asked
(Thai first: an unknown language falls back to Thai) with ``{name}`` placeholders filled in. A
missing key returns the key itself so a gap shows without breaking a page; a test checks that
every key used by ``core`` and the pages exists.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    """Every text of every area, keyed by message key; a key defined twice is an error."""
    import core.texts as package

    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"core.texts.{info.name}")
        for key, pair in module.TEXTS.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice (core.texts.{info.name})")
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
