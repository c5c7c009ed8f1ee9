"""Download file names of documents: the kind, the code and the Buddhist-Era date, e.g.
``บันทึกขออนุมัติ-PR2570-019-2569-11-24.pdf``. Characters that a file system or a browser refuses
(``/ \\ : * ? " < > |``) and spaces become ``-``; Thai letters are kept (browsers save UTF-8
names as they are)."""

from __future__ import annotations

import re
from datetime import date, datetime

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def be_date(on: date | datetime) -> str:
    """``2569-11-24``: the date with its Buddhist-Era year, sortable."""
    return f"{on.year + 543:04d}-{on.month:02d}-{on.day:02d}"


def document_file_name(
    kind: str, code: str | int | None, on: date | datetime | None, ext: str = "pdf"
) -> str:
    """``<kind>-<code>-<B.E. date>.<ext>``; parts left empty are skipped."""
    parts = [str(p) for p in (kind, code, be_date(on) if on is not None else "") if p not in (None, "")]
    name = "-".join(_UNSAFE.sub("-", p).strip("-") for p in parts)
    return f"{re.sub('-{2,}', '-', name)}.{ext}"
