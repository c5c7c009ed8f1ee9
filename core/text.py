"""The one sanitiser at the edge for free text: what citizens, staff and imports type.

``sanitize(value)`` returns a plain ``str`` that every later step can store, show and export:
control characters are dropped except newline and tab (carriage returns become newlines),
bidirectional overrides and byte-order marks (used to disguise text) and lone surrogates (not
encodable) are dropped, the text is NFC-normalised (Thai typed on different keyboards compares
equal) and cut at ``cap`` characters (a hard ceiling against abuse; each field still refuses,
with a message, text over its own maximum). Every area's clean/validate function calls it first.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_CAP = 20_000
_DROPPED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)


def sanitize(value: object, cap: int = DEFAULT_CAP, *, multiline: bool = True) -> str:
    """Free text made safe to keep: see the module docstring. ``None`` is the empty string."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _DROPPED.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text[:cap]
