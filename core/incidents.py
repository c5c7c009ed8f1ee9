"""Storage failures as people see them and as the administrator needs them.

A user is shown a Thai sentence and a reference number, never a file path or a raw database
error (``public_message``). ``record`` writes the full failure (code, path, raw detail) to the
log under that reference and keeps the last few in memory for the admin's health page (the
database itself may be what failed, so they are not stored in it).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

from core.errors import StorageError

log = logging.getLogger("pattana")
_RECENT: deque = deque(maxlen=50)
_LOCK = threading.Lock()
_PRIVATE = ("path", "detail")  # values only the log and the admin may see


@dataclass(frozen=True)
class Incident:
    reference: str
    at: datetime
    code: str
    detail: dict = field(default_factory=dict)


def public_message(error: StorageError, lang: str = "th") -> str:
    """What a user reads: the error's own text if it holds nothing private, else a plain sentence."""
    from core.i18n import has_text, t

    if any(k in error.params for k in _PRIVATE):
        key = error.code.replace("storage.", "storage.public.")
        return t(key if has_text(key) else "storage.public.other", lang)
    return error.message(lang)


def record(error: Exception, at: datetime) -> str:
    """Log ``error`` in full under a new reference number and keep it for the health page."""
    reference = uuid.uuid4().hex[:8]
    code = getattr(error, "code", type(error).__name__)
    detail = {k: str(v) for k, v in getattr(error, "params", {}).items()}
    if not detail:
        detail = {"detail": str(error)[:500]}
    log.error("storage failure %s, reference %s: %s", code, reference, detail, exc_info=error)
    with _LOCK:
        _RECENT.appendleft(Incident(reference, at, code, detail))
    return reference


def recent() -> list[Incident]:
    with _LOCK:
        return list(_RECENT)
