"""Verbs of the review sign-off: open a round, change its artifacts, sign a verdict.

Every verb checks the permission, validates, then runs ONE ``db.write`` that changes the data and
appends to the audit log. Uploads are checked (type allow-list, magic bytes, size) before the
transaction and stored inside it, so a refused or failing upload leaves nothing behind. When a
verdict makes a round pass, the same transaction closes the gate through the stage tracker's
``close_gate`` service ("gate stage finished").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from core import audit, calendar_store, files
from core.actor import Actor
from core.db import Database
from core.errors import DomainError, NotFound, ValidationError
from core.notifications import services as notifications
from core.permissions import can, require
from core.projects import get_project, list_requirements
from core.reviews import repository as repo
from core.reviews import rules
from core.stages import services as stage_services
from core.text import sanitize

OWNER_KIND = "review_round"


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class ItemRemark:
    """A reviewer's remark on one requirement of the checklist (stage 4)."""

    requirement_id: int
    ok: bool | None = None
    comment: str = ""


def _check_uploads(uploads: Sequence[Upload]) -> list[files.CheckedFile]:
    return [
        files.check_upload(
            u.filename, u.content, allowed=files.IMAGES_AND_DOCUMENTS, max_bytes=rules.MAX_UPLOAD_BYTES
        )
        for u in uploads
    ]


def _check_links(links: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [rules.check_link(label, url) for label, url in links]


def _store_artifacts(
    cur,
    round_id: int,
    checked: list[files.CheckedFile],
    links: list[tuple[str, str]],
    actor: Actor,
    now: datetime,
) -> list[int]:
    ids = []
    for item in checked:
        attachment_id = files.store(cur, item, owner_kind=OWNER_KIND, owner_id=round_id, actor=actor, now=now)
        ids.append(
            repo.insert_file_artifact(
                cur,
                round_id,
                attachment_id=attachment_id,
                label=item.filename,
                media_type=item.media_type,
                size_bytes=item.size,
                sha256=item.sha256,
                now=now,
                by=actor.username,
            )
        )
    for label, url in links:
        ids.append(
            repo.insert_link_artifact(
                cur, round_id, url=url, label=label, sha256=rules.link_hash(url), now=now, by=actor.username
            )
        )
    return ids


def _refresh_hash(cur, round_id: int) -> str:
    new_hash = rules.content_hash(a["sha256"] for a in repo.artifacts(cur, round_id))
    repo.set_content_hash(cur, round_id, new_hash)
    return new_hash


def _open_round_for_change(cur, round_id: int) -> dict:
    rnd = repo.get_round(cur, round_id)
    if rnd["status"] != rules.OPEN:
        raise DomainError("reviews.round_closed")
    return rnd


def create_round(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    project_id: int,
    stage_no: int,
    changes: str,
    reviewer_ids: Sequence[int],
    due_on: date,
    pass_rule: str,
    uploads: Sequence[Upload] = (),
    links: Sequence[tuple[str, str]] = (),
) -> int:
    """Open review round N of a project's gate (7 or 9) with its artifacts; returns its id.

    Refused while another round of the gate is open or after the gate has passed.
    """
    require(actor.roles, "review.manage")
    checked = _check_uploads(uploads)
    clean_links = _check_links(links)
    wanted = sorted({int(r) for r in reviewer_ids})

    def work(cur):
        due_at = calendar_store.calendar_around(cur, due_on).end_of_day(due_on)  # the calendar's closing time
        project = get_project(cur, project_id)
        if project["status"] != "active":
            raise DomainError("reviews.project_not_active")
        if stage_no in rules.GATES and repo.signoff(cur, project_id, stage_no):
            raise DomainError("reviews.gate_already_passed")
        if stage_no in rules.GATES and repo.open_round(cur, project_id, stage_no):
            raise DomainError("reviews.round_already_open")
        round_no = repo.next_round_no(cur, project_id, stage_no)
        text = rules.check_round_input(
            stage_no=stage_no,
            round_no=round_no,
            changes=changes,
            reviewer_count=len(wanted),
            pass_rule=pass_rule,
            due_at=due_at,
            now=now,
            artifact_count=len(checked) + len(clean_links),
        )
        eligible = {u["id"] for u in repo.eligible_reviewers(cur)}
        if any(r not in eligible for r in wanted):
            raise ValidationError("reviews.reviewer_not_eligible")
        hashes = [c.sha256 for c in checked] + [rules.link_hash(u) for _, u in clean_links]
        round_id = repo.insert_round(
            cur,
            project_id,
            stage_no,
            round_no=round_no,
            changes=text,
            pass_rule=pass_rule,
            due_at=due_at,
            content_hash=rules.content_hash(hashes),
            reviewer_ids=wanted,
            now=now,
            by=actor.username,
        )
        _store_artifacts(cur, round_id, checked, clean_links, actor, now)
        audit.record(
            cur,
            actor=actor.username,
            action="review.round_create",
            entity="review_round",
            entity_id=round_id,
            at=now,
            detail={
                "project_id": project_id,
                "stage_no": stage_no,
                "round_no": round_no,
                "reviewers": wanted,
                "pass_rule": pass_rule,
                "due_at": due_at,
                "artifacts": hashes,
            },
        )
        notifications.on_review_round_opened(cur, now, round_id)  # notifications outbox (issue 17)
        return round_id

    return db.write(work)


def add_artifacts(
    db: Database,
    actor: Actor,
    now: datetime,
    round_id: int,
    *,
    uploads: Sequence[Upload] = (),
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """Add artifacts to an open round; verdicts given on the earlier set stop counting.

    Returns the round's new content hash.
    """
    require(actor.roles, "review.manage")
    checked = _check_uploads(uploads)
    clean_links = _check_links(links)
    if not checked and not clean_links:
        raise ValidationError("reviews.artifacts_required")
    if len(checked) + len(clean_links) > rules.MAX_FILES_PER_SUBMIT:
        raise ValidationError("reviews.too_many_files", maximum=rules.MAX_FILES_PER_SUBMIT)

    def work(cur):
        rnd = _open_round_for_change(cur, round_id)
        _store_artifacts(cur, round_id, checked, clean_links, actor, now)
        new_hash = _refresh_hash(cur, round_id)
        voided = [
            v.reviewer_id for v in repo.verdicts(cur, round_id) if v.content_hash == rnd["content_hash"]
        ]
        audit.record(
            cur,
            actor=actor.username,
            action="review.artifacts_add",
            entity="review_round",
            entity_id=round_id,
            at=now,
            detail={
                "added": [c.sha256 for c in checked] + [u for _, u in clean_links],
                "old_hash": rnd["content_hash"],
                "new_hash": new_hash,
                "voided_verdicts_of": voided,
            },
        )
        return new_hash

    return db.write(work)


def remove_artifact(db: Database, actor: Actor, now: datetime, artifact_id: int) -> str:
    """Withdraw an artifact from an open round (the file stays stored for the record); verdicts
    on the earlier set stop counting. A round keeps at least one artifact."""
    require(actor.roles, "review.manage")

    def work(cur):
        artifact = repo.get_artifact(cur, artifact_id)
        if artifact["removed_at"] is not None:
            raise NotFound("reviews.artifact_not_found")
        rnd = _open_round_for_change(cur, artifact["round_id"])
        if len(repo.artifacts(cur, rnd["id"])) <= 1:
            raise ValidationError("reviews.last_artifact")
        repo.remove_artifact(cur, artifact_id, now=now, by=actor.username)
        new_hash = _refresh_hash(cur, rnd["id"])
        audit.record(
            cur,
            actor=actor.username,
            action="review.artifact_remove",
            entity="review_round",
            entity_id=rnd["id"],
            at=now,
            detail={
                "artifact_id": artifact_id,
                "sha256": artifact["sha256"],
                "old_hash": rnd["content_hash"],
                "new_hash": new_hash,
            },
        )
        return new_hash

    return db.write(work)


def _clean_items(cur, project_id: int, items: Sequence[ItemRemark]) -> list[tuple[dict, ItemRemark, str]]:
    requirements = {r["id"]: r for r in list_requirements(cur, project_id)}
    cleaned = []
    for item in items:
        requirement = requirements.get(int(item.requirement_id))
        if requirement is None:
            raise ValidationError("reviews.requirement_unknown")
        text = sanitize(item.comment).strip()
        if len(text) > rules.MAX_ITEM_COMMENT:
            raise ValidationError(
                "error.too_long", field="reviews.field.item_comment", maximum=rules.MAX_ITEM_COMMENT
            )
        if item.ok is None and not text:
            continue
        cleaned.append((requirement, item, text))
    return cleaned


def sign_review(
    db: Database,
    actor: Actor,
    now: datetime,
    round_id: int,
    *,
    verdict: str,
    comment: str,
    seen_hash: str,
    confirmed: bool,
    items: Sequence[ItemRemark] = (),
    reviewer_id: int | None = None,
) -> str:
    """Record the signed verdict of the acting reviewer on exactly the artifacts they saw
    (``seen_hash``); returns the round's status after it (open, passed or failed).

    Only a required reviewer of the round signs, only for themselves, once per artifact set, on
    an open round; "request changes" and "reject" need a comment. A passing round writes the
    gate sign-off in the same transaction.
    """
    require(actor.roles, "review.sign")
    if not confirmed:
        raise ValidationError("reviews.confirm_required")
    signer = actor.user_id if reviewer_id is None else int(reviewer_id)

    def work(cur):
        rnd = repo.get_round(cur, round_id)
        required = repo.reviewer_ids(cur, round_id)
        existing = repo.verdicts(cur, round_id)
        rules.check_sign(
            status=rnd["status"],
            required_ids=required,
            verdicts=existing,
            current_hash=rnd["content_hash"],
            actor_id=actor.user_id,
            reviewer_id=signer,
            verdict=verdict,
            comment=comment,
            seen_hash=seen_hash,
        )
        remarks = _clean_items(cur, rnd["project_id"], items)
        late = rules.is_late(now, rnd["due_at"])
        verdict_id = repo.insert_verdict(
            cur,
            round_id,
            reviewer_id=signer,
            verdict=verdict,
            comment=sanitize(comment).strip(),
            content_hash=rnd["content_hash"],
            signed_at=now,
            late=late,
        )
        for requirement, item, text in remarks:
            repo.insert_item_comment(cur, verdict_id, requirement, ok=item.ok, text=text)
        audit.record(
            cur,
            actor=actor.username,
            action="review.sign",
            entity="review_round",
            entity_id=round_id,
            at=now,
            detail={
                "verdict": verdict,
                "content_hash": rnd["content_hash"],
                "late": late,
                "items": len(remarks),
            },
        )
        all_verdicts = existing + [rules.Verdict(signer, verdict, rnd["content_hash"], now)]
        status = rules.outcome(rnd["pass_rule"], required, all_verdicts, rnd["content_hash"])
        if status != rules.OPEN:
            repo.close_round(cur, round_id, status=status, closed_at=now)
            audit.record(
                cur,
                actor=actor.username,
                action=f"review.round_{status}",
                entity="review_round",
                entity_id=round_id,
                at=now,
                detail={
                    "project_id": rnd["project_id"],
                    "stage_no": rnd["stage_no"],
                    "round_no": rnd["round_no"],
                },
            )
        if status == rules.PASSED:
            stage_services.close_gate(
                cur, project_id=rnd["project_id"], stage_no=rnd["stage_no"], round_id=round_id, now=now
            )
            audit.record(
                cur,
                actor=actor.username,
                action="review.gate_passed",
                entity="project",
                entity_id=rnd["project_id"],
                at=now,
                detail={
                    "stage_no": rnd["stage_no"],
                    "round_id": round_id,
                    "content_hash": rnd["content_hash"],
                },
            )
        return status

    return db.write(work)


def may_view_round(cur, actor: Actor, round_id: int) -> bool:
    """IT and the director see every round; a reviewer sees the rounds they are required in."""
    if can(actor.roles, "review.manage") or "director" in actor.roles:
        return True
    return actor.user_id in repo.reviewer_ids(cur, round_id)


def artifact_content(cur, actor: Actor, artifact_id: int) -> tuple[dict, bytes]:
    """A file artifact's stored bytes, for a user allowed to see its round."""
    artifact = repo.get_artifact(cur, artifact_id)
    if artifact["kind"] != "file" or not may_view_round(cur, actor, artifact["round_id"]):
        raise NotFound("reviews.artifact_not_found")
    _row, content = files.content_of(cur, artifact["attachment_id"])
    return artifact, content
