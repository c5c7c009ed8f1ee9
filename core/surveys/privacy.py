"""Data-subject requests (PDPA): a citizen asks what the municipality keeps about them, for a
copy, or for it to be erased. Citizens answer surveys anonymously; the only personal data is the
optional contact (name and phone) given with an answer. IT finds it by the phone number (typed
with Arabic or Thai digits, with or without +66), exports it, and erases it (the contact fields
cleared and the answer's suggestion masked; the anonymous scores stay). Each step is audited,
with the phone number masked in the log.
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from core import audit
from core.actor import Actor
from core.db import Database
from core.errors import ValidationError
from core.permissions import require
from core.spreadsheets import workbook_bytes
from core.surveys import repository as repo
from core.surveys.stats import mask_personal

_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def normalise_phone(text: object) -> str:
    """Digits only, Thai and Arabic-Indic digits as 0-9, +66 as a leading 0."""
    digits = re.sub(r"\D", "", str(text or "").translate(_DIGITS))
    if digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits


def _masked(phone: str) -> str:
    return phone[:3] + "x" * max(0, len(phone) - 5) + phone[-2:] if len(phone) > 5 else "x" * len(phone)


def _wanted(phone: str) -> str:
    wanted = normalise_phone(phone)
    if len(wanted) < 9:
        raise ValidationError("privacy.phone_invalid")
    return wanted


def _matches(cur, wanted: str) -> list[dict]:
    return [row for row in repo.contacts_with_phone(cur) if normalise_phone(row["contact_phone"]) == wanted]


CONTACT_COLUMNS = ["id", "survey_code", "survey_title", "submitted_at", "contact_name", "contact_phone"]


def _read_contacts(db: Database, actor: Actor, now: datetime, phone: str, action: str, counted: str):
    """The answers holding this phone number, read in a transaction that audits the reading."""
    require(actor.roles, "privacy.requests")
    wanted = _wanted(phone)

    def work(cur):
        rows = _matches(cur, wanted)
        audit.record(
            cur,
            actor=actor.username,
            action=action,
            entity="contact",
            entity_id=_masked(wanted),
            at=now,
            detail={counted: len(rows)},
        )
        return rows

    return pd.DataFrame(db.write(work), columns=CONTACT_COLUMNS)


def find_contacts(db: Database, actor: Actor, now: datetime, phone: str) -> pd.DataFrame:
    """What is kept about the person with this phone number (reading personal data is audited)."""
    return _read_contacts(db, actor, now, phone, "privacy.search", "found")


def export_contacts(db: Database, actor: Actor, now: datetime, phone: str) -> bytes:
    """The person's data as an Excel file to hand over (audited)."""
    return workbook_bytes({"contact": _read_contacts(db, actor, now, phone, "privacy.export", "rows")})


def erase_contacts(db: Database, actor: Actor, now: datetime, phone: str) -> int:
    """Erase the person's contact from every answer (and mask it in the answers' suggestions);
    returns how many answers held it. Audited."""
    require(actor.roles, "privacy.requests")
    wanted = _wanted(phone)

    def work(cur):
        ids = [row["id"] for row in _matches(cur, wanted)]
        erased = repo.erase_contacts(cur, ids)
        for response_id, text in repo.suggestions_of(cur, ids):
            masked = mask_personal(text)
            if masked != text:
                repo.set_suggestion(cur, response_id, masked)
        audit.record(
            cur,
            actor=actor.username,
            action="privacy.erase",
            entity="contact",
            entity_id=_masked(wanted),
            at=now,
            detail={"answers": erased},
        )
        return erased

    return db.write(work)
