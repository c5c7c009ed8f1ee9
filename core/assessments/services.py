"""Verbs of the assessors' evidence: the item mapping of a year, e-service links, publishing and
withdrawing documents on the public page, and the LPA records.

A published document is stored as made and never changed: publishing the same item of the same
round again adds a new version and marks the previous one as replaced.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from core import audit
from core.actor import Actor
from core.assessments import pdf as documents
from core.assessments import queries, rules
from core.assessments import repository as repo
from core.db import Database
from core.errors import DomainError, ValidationError
from core.permissions import require

LPA_KINDS = ("presented", "improvement", "smart_card")


def save_items(db: Database, actor: Actor, now: datetime, year: int, items: list[dict]) -> int:
    """Replace the item mapping of an assessment year (the numbering changes every year)."""
    require(actor.roles, "assessment.items.edit")
    checked, seen = [], set()
    for row in items:
        if not any(str(row.get(k) or "").strip() for k in ("item_code", "doc_kind", "title")):
            continue
        code, kind, title = rules.check_item(
            str(row.get("item_code") or ""), str(row.get("doc_kind") or ""), str(row.get("title") or "")
        )
        if code in seen:
            raise ValidationError("assess.item_twice", value=code)
        seen.add(code)
        checked.append((code, kind, title))
    if not checked:
        raise ValidationError("assess.no_items")

    def work(cur):
        repo.replace_items(cur, int(year), checked, actor.username, now)
        audit.record(
            cur,
            actor=actor.username,
            action="assess.items.save",
            entity="assessment_items",
            entity_id=int(year),
            at=now,
            detail={"items": [c for c, _, _ in checked]},
        )
        return len(checked)

    return db.write(work)


def set_eservice_link(db: Database, actor: Actor, now: datetime, system_id: int, url: str) -> None:
    require(actor.roles, "assessment.items.edit")
    url = (url or "").strip()
    if not url.startswith(("https://", "http://")) or len(url) > 500 or any(c.isspace() for c in url):
        raise ValidationError("assess.bad_url")

    def work(cur):
        if not repo.system_exists(cur, int(system_id)):
            raise DomainError("assess.system_not_found")
        repo.set_link(cur, int(system_id), url, actor.username, now)
        audit.record(
            cur,
            actor=actor.username,
            action="assess.eservice.link",
            entity="system",
            entity_id=int(system_id),
            at=now,
            detail={"url": url},
        )

    db.write(work)


def publish(db: Database, actor: Actor, now: datetime, fiscal_year: int, round_: str, item_code: str) -> int:
    """Make the item's document for the round and publish it; a round not yet ended is refused."""
    require(actor.roles, "publication.publish")
    rules.check_round(round_)
    rules.check_publishable(int(fiscal_year), round_, now.date())

    def work(cur):
        items, _ = queries.items_of_year(cur, int(fiscal_year))
        item = next((i for i in items if i["item_code"] == item_code), None)
        if item is None:
            raise DomainError("assess.unknown_item", value=rules.shown_value(item_code), year=fiscal_year)
        evidence = queries.evidence(cur, item["doc_kind"], int(fiscal_year), round_, now.date(), "th")
        content = documents.evidence_pdf(evidence, item["title"], item["item_code"])
        previous = repo.current_publication(cur, int(fiscal_year), round_, item_code)
        version = repo.last_version(cur, int(fiscal_year), round_, item_code) + 1
        new_id = repo.insert_publication(
            cur,
            fiscal_year=int(fiscal_year),
            round=round_,
            item_code=item_code,
            doc_kind=item["doc_kind"],
            title=item["title"],
            version=version,
            filename=rules.file_name(int(fiscal_year), round_, item_code, version),
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            status="published",
            published_by=actor.username,
            published_at=now,
        )
        if previous:
            repo.mark_replaced(cur, previous["id"], new_id)
        audit.record(
            cur,
            actor=actor.username,
            action="assess.publish",
            entity="publication",
            entity_id=new_id,
            at=now,
            detail={
                "fiscal_year": fiscal_year,
                "round": round_,
                "item": item_code,
                "version": version,
                "replaces": previous["id"] if previous else None,
            },
        )
        return new_id

    return db.write(work)


def withdraw(db: Database, actor: Actor, now: datetime, publication_id: int, reason: str) -> None:
    """Take a published document off the public page (with a reason); it stays in the record."""
    require(actor.roles, "publication.publish")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("assess.withdraw_reason_required")

    def work(cur):
        row = repo.get_publication(cur, int(publication_id))
        if row["status"] == "withdrawn":
            raise DomainError("assess.already_withdrawn", item=row["item_code"], version=row["version"])
        if row["status"] == "replaced":
            raise DomainError(
                "assess.replaced_cannot_withdraw", item=row["item_code"], version=row["version"]
            )
        repo.withdraw(cur, int(publication_id), actor.username, now, reason[: rules.MAX_TEXT])
        audit.record(
            cur,
            actor=actor.username,
            action="assess.withdraw",
            entity="publication",
            entity_id=int(publication_id),
            at=now,
            detail={"item": row["item_code"], "version": row["version"], "reason": reason[:200]},
        )

    db.write(work)


def record_lpa(
    db: Database,
    actor: Actor,
    now: datetime,
    fiscal_year: int,
    kind: str,
    on_date: date,
    text: str,
    detail: str = "",
) -> int:
    """An LPA record: results presented to the executive, an improvement from comments, a smart-card reader."""
    require(actor.roles, "lpa.record")
    if kind not in LPA_KINDS:
        raise ValidationError("assess.bad_lpa_kind")
    text = (text or "").strip()
    if not text:
        raise ValidationError("assess.lpa_text_required")
    if on_date is None or on_date > now.date():
        raise ValidationError("assess.lpa_bad_date")

    def work(cur):
        record_id = repo.insert_lpa(
            cur,
            fiscal_year=int(fiscal_year),
            kind=kind,
            on_date=on_date,
            text=text[: rules.MAX_TEXT],
            detail=(detail or "").strip()[: rules.MAX_TEXT],
            actor=actor.username,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action=f"lpa.{kind}",
            entity="lpa_record",
            entity_id=record_id,
            at=now,
            detail={"fiscal_year": fiscal_year, "text": text[:200]},
        )
        return record_id

    return db.write(work)
