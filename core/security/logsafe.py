"""Log lines that cannot be forged: control characters in a message are written escaped.

Text from users reaches the logs (a name, a code from a URL, an error's detail). Written raw, a
newline starts a fake log entry and an escape sequence repaints the operator's terminal. The
filter rewrites each record's message with control characters (newline included) as visible
escapes (``\\n``, ``\\x1b``); tracebacks, which the logging module adds itself, are untouched.
"""

from __future__ import annotations

import logging
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class EscapeControlCharacters(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is logged as it is
            return True
        cleaned = escape(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of ``logger`` (the root logger by default), once."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, EscapeControlCharacters) for f in handler.filters):
            handler.addFilter(EscapeControlCharacters())
