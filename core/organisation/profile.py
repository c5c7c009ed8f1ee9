"""The organisation profile: who issues Pattana's documents and how they are addressed.

One row, edited by the administrator (audited): the town's names (Thai, English), its kind and
province, the issuing unit of memos and the IT unit, the memo number prefix (e.g. ``อบ ๕๓๒๐๑``)
and the running number of each fiscal year, the phone, the addressee (and the official a memo
goes through), the signatories with their acting line, the Garuda emblem, and the public base
URL of QR posters and links. Every document reads ``get_profile``; a new database has an empty
profile and documents leave blanks where a value is missing (the emblem's space stays reserved
at its official size).
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

import duckdb

from core import audit
from core.actor import Actor
from core.db import Database
from core.errors import ValidationError
from core.files import IMAGES, check_upload
from core.organisation import repository as repo
from core.pdf.thai_text import keep_whole
from core.permissions import require
from core.thaidate import fiscal_year

KINDS = ("city", "town", "subdistrict", "sao", "pao")
KIND_TH = {
    "city": "เทศบาลนคร",
    "town": "เทศบาลเมือง",
    "subdistrict": "เทศบาลตำบล",
    "sao": "องค์การบริหารส่วนตำบล",
    "pao": "องค์การบริหารส่วนจังหวัด",
}
ACTING = ("", "ปฏิบัติราชการแทน", "รักษาราชการแทน")
SIGNER_ROLES = ("unit_head", "it_head")  # signs the unit's memos; signs the IT unit's reports
EMBLEM_MAX_BYTES = 1024 * 1024
MAX_TEXT = 300


@dataclass(frozen=True)
class Signatory:
    name: str = ""
    position: str = ""
    acting: str = ""  # "", ปฏิบัติราชการแทน or รักษาราชการแทน
    acting_for: str = ""  # the office acted for, e.g. ปลัดเทศบาล

    def position_lines(self) -> list[str]:
        """The lines under the signed name: the position, then the acting line when one is set."""
        lines = [self.position] if self.position else []
        if self.acting:
            lines.append(f"{self.acting}{self.acting_for}".strip())
        return lines


@dataclass(frozen=True)
class Profile:
    name_th: str = ""
    name_en: str = ""
    kind: str = ""
    province: str = ""
    issuing_unit: str = ""
    it_unit: str = ""
    memo_prefix: str = ""
    phone: str = ""
    addressee: str = ""
    addressee_via: str = ""
    public_base_url: str = ""
    signatories: dict = field(default_factory=dict)  # role -> Signatory
    emblem: bytes | None = None
    emblem_media_type: str | None = None

    def signatory(self, role: str) -> Signatory:
        return self.signatories.get(role) or Signatory()

    @property
    def is_set(self) -> bool:
        return bool(self.name_th and self.issuing_unit and self.memo_prefix and self.addressee)

    def addressee_line(self) -> str:
        """``ปลัดเทศบาล (ผ่านผู้อำนวยการกอง...)`` when the memo goes through someone."""
        return f"{self.addressee} (ผ่าน{self.addressee_via})" if self.addressee_via else self.addressee

    def issuer(self) -> str:
        """The IT unit, the issuing unit and the town on one line (certificates, report titles)."""
        return " ".join(x for x in (self.it_unit, self.issuing_unit, self.name_th) if x)

    def proper_names(self) -> list[str]:
        """The town's own name without its kind (``หนองบัวแดง`` of เทศบาลตำบลหนองบัวแดง), and the
        province: names a Thai dictionary does not hold."""
        names = [self.province]
        town = self.name_th
        for kind in sorted(KIND_TH.values(), key=len, reverse=True):
            if town.startswith(kind):
                town = town[len(kind) :]
                break
        return [n.strip() for n in (town, *names) if n and n.strip()]

    def memo_reference(self, number: int | None = None) -> str:
        """``อบ ๕๓๒๐๑/123``, or the prefix and a slash to be numbered by hand."""
        if not self.memo_prefix:
            return f"{number}" if number else ""
        return f"{self.memo_prefix}/{number}" if number else f"{self.memo_prefix}/"


def get_profile(cur: duckdb.DuckDBPyConnection) -> Profile:
    row = repo.profile_row(cur)
    if row is None:
        return Profile()
    raw = json.loads(row["signatories_json"] or "{}")
    signatories = {
        role: Signatory(**{k: str(v) for k, v in s.items() if k in Signatory.__dataclass_fields__})
        for role, s in raw.items()
    }
    values = {c: row[c] or "" for c in repo.PROFILE_COLUMNS}
    profile = Profile(
        **values,
        signatories=signatories,
        emblem=bytes(row["emblem"]) if row["emblem"] is not None else None,
        emblem_media_type=row["emblem_media_type"],
    )
    keep_whole(*profile.proper_names())  # documents never break the town's name in two
    return profile


def _clean(value: str, field_key: str, *, required: bool = False) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ValidationError("error.required", field=field_key)
    if len(text) > MAX_TEXT:
        raise ValidationError("org.text_too_long", field=field_key, maximum=MAX_TEXT)
    return text


def validate(profile: Profile) -> Profile:
    """The profile as stored: texts trimmed, kind and acting lines checked, URL http(s)."""
    values = {
        "name_th": _clean(profile.name_th, "org.field.name_th", required=True),
        "name_en": _clean(profile.name_en, "org.field.name_en"),
        "kind": profile.kind,
        "province": _clean(profile.province, "org.field.province", required=True),
        "issuing_unit": _clean(profile.issuing_unit, "org.field.issuing_unit", required=True),
        "it_unit": _clean(profile.it_unit, "org.field.it_unit"),
        "memo_prefix": _clean(profile.memo_prefix, "org.field.memo_prefix", required=True),
        "phone": _clean(profile.phone, "org.field.phone"),
        "addressee": _clean(profile.addressee, "org.field.addressee", required=True),
        "addressee_via": _clean(profile.addressee_via, "org.field.addressee_via"),
        "public_base_url": _clean(profile.public_base_url, "org.field.public_base_url").rstrip("/"),
    }
    if values["kind"] not in KINDS:
        raise ValidationError("org.kind_invalid")
    url = values["public_base_url"]
    if url and not (url.startswith("https://") or url.startswith("http://")) or " " in url:
        raise ValidationError("org.url_invalid")
    signatories = {}
    for role, s in profile.signatories.items():
        if role not in SIGNER_ROLES:
            continue
        s = Signatory(
            _clean(s.name, "org.field.signer_name"),
            _clean(s.position, "org.field.signer_position"),
            s.acting,
            _clean(s.acting_for, "org.field.acting_for"),
        )
        if s.acting not in ACTING:
            raise ValidationError("org.acting_invalid")
        if s.acting and not s.acting_for:
            raise ValidationError("org.acting_for_required")
        if s.name and not s.position:
            raise ValidationError("error.required", field="org.field.signer_position")
        signatories[role] = s
    return replace(profile, **values, signatories=signatories)


def save_profile(db: Database, actor: Actor, now: datetime, profile: Profile) -> None:
    """Store the profile (administrator; audited with the old and new values)."""
    require(actor.roles, "org.profile.edit")
    clean = validate(profile)

    def work(cur):
        old = get_profile(cur)
        values = {c: getattr(clean, c) for c in repo.PROFILE_COLUMNS}
        signers = {r: asdict(s) for r, s in clean.signatories.items()}
        repo.save_profile_row(cur, values, signers, now, actor.username)
        before = {c: getattr(old, c) for c in repo.PROFILE_COLUMNS}
        changed = {c: {"old": before[c], "new": values[c]} for c in values if before[c] != values[c]}
        if {r: asdict(s) for r, s in old.signatories.items()} != signers:
            changed["signatories"] = {"new": signers}
        audit.record(
            cur,
            actor=actor.username,
            action="org.profile.save",
            entity="org_profile",
            entity_id="1",
            at=now,
            detail=changed,
        )

    db.write(work)


def check_emblem(filename: str, content: bytes) -> tuple[bytes, str]:
    """A PNG or JPEG no larger than ``EMBLEM_MAX_BYTES`` that opens as a picture."""
    checked = check_upload(filename, content, allowed=IMAGES, max_bytes=EMBLEM_MAX_BYTES)
    from PIL import Image

    try:
        with Image.open(io.BytesIO(checked.content)) as im:
            im.verify()
    except Exception as exc:  # noqa: BLE001 - any decoder failure means not a usable picture
        raise ValidationError("org.emblem_unreadable") from exc
    return checked.content, checked.media_type


def set_emblem(db: Database, actor: Actor, now: datetime, filename: str, content: bytes) -> None:
    """Store the Garuda emblem printed on memos (administrator; audited)."""
    require(actor.roles, "org.profile.edit")
    data, media_type = check_emblem(filename, content)

    def work(cur):
        repo.save_emblem(cur, data, media_type, now, actor.username)
        audit.record(
            cur,
            actor=actor.username,
            action="org.emblem.set",
            entity="org_profile",
            entity_id="1",
            at=now,
            detail={"filename": filename, "bytes": len(data)},
        )

    db.write(work)


def remove_emblem(db: Database, actor: Actor, now: datetime) -> None:
    require(actor.roles, "org.profile.edit")

    def work(cur):
        repo.save_emblem(cur, None, None, now, actor.username)
        audit.record(
            cur,
            actor=actor.username,
            action="org.emblem.remove",
            entity="org_profile",
            entity_id="1",
            at=now,
            detail={},
        )

    db.write(work)


# -- the memo book ------------------------------------------------------------------------------
def next_memo_number(cur: duckdb.DuckDBPyConnection, fy: int) -> int:
    return repo.next_memo_no(cur, fy)


def set_next_memo_number(db: Database, actor: Actor, now: datetime, fy: int, next_no: int) -> None:
    """Where the running number of fiscal year ``fy`` continues (e.g. from the paper book)."""
    require(actor.roles, "org.profile.edit")
    if int(next_no) < 1:
        raise ValidationError("org.memo_number_invalid")

    def work(cur):
        old = repo.next_memo_no(cur, fy)
        if repo.memo_number_taken(cur, fy, int(next_no)):
            raise ValidationError("org.memo_number_taken", number=int(next_no))
        repo.set_next_memo_no(cur, fy, int(next_no))
        audit.record(
            cur,
            actor=actor.username,
            action="org.memo_number.set",
            entity="memo_counter",
            entity_id=str(fy),
            at=now,
            detail={"old": old, "new": int(next_no)},
        )

    db.write(work)


def issue_memo_number(db: Database, actor: Actor, now: datetime, doc_kind: str, doc_ref: str) -> str:
    """The memo reference of one document, issuing the year's next running number the first time
    (asking again returns the same reference); audited."""

    def work(cur):
        profile = get_profile(cur)
        issued = repo.issued_memo(cur, doc_kind, doc_ref)
        if issued is None:
            fy = fiscal_year(now)
            number = repo.next_memo_no(cur, fy)
            while repo.memo_number_taken(cur, fy, number):
                number += 1
            repo.insert_memo_number(cur, fy, number, doc_kind, doc_ref, now, actor.username)
            repo.set_next_memo_no(cur, fy, number + 1)
            audit.record(
                cur,
                actor=actor.username,
                action="org.memo_number.issue",
                entity=doc_kind,
                entity_id=doc_ref,
                at=now,
                detail={"fiscal_year": fy, "number": number},
            )
            return profile.memo_reference(number)
        return profile.memo_reference(issued["number"])

    return db.write(work)


def memo_issue_of(cur: duckdb.DuckDBPyConnection, doc_kind: str, doc_ref: str) -> tuple[str, datetime | None]:
    """The reference a document was given and when it was issued (the memo's date), or the
    prefix and a slash to be numbered by hand and ``None``."""
    issued = repo.issued_memo(cur, doc_kind, doc_ref)
    profile = get_profile(cur)
    if issued is None:
        return profile.memo_reference(None), None
    return profile.memo_reference(issued["number"]), issued["issued_at"]


def memo_reference_of(cur: duckdb.DuckDBPyConnection, doc_kind: str, doc_ref: str) -> str:
    """The reference a document was given, or the prefix and a slash to be numbered by hand."""
    issued = repo.issued_memo(cur, doc_kind, doc_ref)
    return get_profile(cur).memo_reference(issued["number"] if issued else None)
