"""Gate rules of the prototype review sign-off (manual steps 7 and 9), as pure functions.

A review round has required reviewers, a pass rule and a set of artifacts whose *content hash*
is the sha256 over the sorted sha256s of the artifacts. A verdict records the hash of exactly the
artifacts its reviewer saw; it counts only while that hash is the round's current hash, so an
artifact added, replaced or removed after a verdict voids it (the reviewer signs again).

- ``all``: the round passes when every required reviewer has approved the current artifacts.
- ``majority``: it passes when more than half of the required reviewers have approved them.
- Any counted "request changes" or "reject" closes the round as failed; a new round follows.
- A reviewer signs only for themselves, only if required, only an open round, and only once per
  artifact set. A verdict after the due time is flagged late.

Nothing here touches the database or the clock: callers pass plain values and ``now``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlparse

from core.errors import DomainError, Forbidden, ValidationError
from core.text import sanitize

GATES = (7, 9)
PASS_RULES = ("all", "majority")
VERDICTS = ("approve", "changes", "reject")
OPEN, PASSED, FAILED = "open", "passed", "failed"
STATUSES = (OPEN, PASSED, FAILED)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # per file, checked on the server
MAX_FILES_PER_SUBMIT = 20
MAX_REVIEWERS = 30
MAX_COMMENT = 4000
MAX_ITEM_COMMENT = 1000
MAX_CHANGES = 4000
MAX_LABEL = 200
MAX_URL = 1000
DUE_TIME = time(16, 30)  # a due day ends when the town hall closes


@dataclass(frozen=True)
class Verdict:
    reviewer_id: int
    verdict: str
    content_hash: str
    signed_at: datetime


def content_hash(artifact_hashes: Iterable[str]) -> str:
    """The hash of an artifact set: sha256 over the sorted artifact sha256s, one per line.

    Order of upload does not matter; adding, removing or changing any artifact changes it.
    """
    joined = "\n".join(sorted(h.lower() for h in artifact_hashes))
    return hashlib.sha256(joined.encode("ascii")).hexdigest()


def link_hash(url: str) -> str:
    """The sha256 standing for a link artifact (of the URL text: a changed link is a change)."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()


def approvals_needed(rule: str, required: int) -> int:
    """How many approvals pass a round: all of them, or more than half."""
    if rule not in PASS_RULES:
        raise ValidationError("reviews.rule_invalid")
    if required <= 0:
        return 1
    return required if rule == "all" else required // 2 + 1


def counted(
    verdicts: Sequence[Verdict], current_hash: str, required_ids: Iterable[int] | None = None
) -> dict[int, Verdict]:
    """The verdicts that count: signed on the current artifact set (by required reviewers, when
    given), the latest per reviewer."""
    required = None if required_ids is None else set(required_ids)
    result: dict[int, Verdict] = {}
    for v in sorted(verdicts, key=lambda v: v.signed_at):
        if v.content_hash != current_hash:
            continue
        if required is not None and v.reviewer_id not in required:
            continue
        result[v.reviewer_id] = v
    return result


def is_void(verdict: Verdict, current_hash: str) -> bool:
    """A verdict given on another artifact set than the current one no longer counts."""
    return verdict.content_hash != current_hash


def outcome(rule: str, required_ids: Iterable[int], verdicts: Sequence[Verdict], current_hash: str) -> str:
    """``failed`` if any counted verdict asks for changes or rejects, ``passed`` when the rule
    is met, else ``open``."""
    required = set(required_ids)
    valid = counted(verdicts, current_hash, required)
    if any(v.verdict in ("changes", "reject") for v in valid.values()):
        return FAILED
    approvals = sum(1 for v in valid.values() if v.verdict == "approve")
    if required and approvals >= approvals_needed(rule, len(required)):
        return PASSED
    return OPEN


def is_late(signed_at: datetime, due_at: datetime) -> bool:
    return signed_at > due_at


def is_overdue(status: str, due_at: datetime, now: datetime) -> bool:
    """An open round past its due time."""
    return status == OPEN and now > due_at


def due_at_of(day: date) -> datetime:
    """A due day as a moment: the close of office hours that day."""
    return datetime.combine(day, DUE_TIME)


def check_sign(
    *,
    status: str,
    required_ids: Iterable[int],
    verdicts: Sequence[Verdict],
    current_hash: str,
    actor_id: int,
    reviewer_id: int,
    verdict: str,
    comment: str,
    seen_hash: str | None = None,
) -> None:
    """Refuse a verdict the rules forbid (raises); returns quietly when it may be recorded."""
    if reviewer_id != actor_id:
        raise Forbidden("reviews.not_for_others")
    if status != OPEN:
        raise DomainError("reviews.round_closed")
    if reviewer_id not in set(required_ids):
        raise Forbidden("reviews.not_required")
    if verdict not in VERDICTS:
        raise ValidationError("reviews.verdict_invalid")
    if seen_hash is not None and seen_hash != current_hash:
        raise DomainError("reviews.artifacts_changed")
    if any(v.reviewer_id == reviewer_id and v.content_hash == current_hash for v in verdicts):
        raise DomainError("reviews.already_signed")
    text = sanitize(comment).strip()
    if verdict in ("changes", "reject") and not text:
        raise ValidationError("reviews.comment_required")
    if len(text) > MAX_COMMENT:
        raise ValidationError("error.too_long", field="reviews.field.comment", maximum=MAX_COMMENT)


def pending_reviewers(
    required_ids: Iterable[int], verdicts: Sequence[Verdict], current_hash: str
) -> list[int]:
    """Required reviewers with no counted verdict on the current artifacts."""
    valid = counted(verdicts, current_hash)
    return sorted(r for r in set(required_ids) if r not in valid)


def check_link(label: str, url: str) -> tuple[str, str]:
    """A link to the running prototype: http(s) only, with a host; label defaults to the URL."""
    clean = (url or "").strip()
    parsed = urlparse(clean)
    if (
        parsed.scheme not in ("http", "https")
        or not parsed.netloc
        or len(clean) > MAX_URL
        or any(c.isspace() for c in clean)
    ):
        raise ValidationError("reviews.link_invalid", url=clean[:80])
    name = sanitize(label, multiline=False).strip()[:MAX_LABEL] or clean[:MAX_LABEL]
    return name, clean


def check_round_input(
    *,
    stage_no: int,
    round_no: int,
    changes: str,
    reviewer_count: int,
    pass_rule: str,
    due_at: datetime,
    now: datetime,
    artifact_count: int,
) -> str:
    """Validate a new round; returns the cleaned description of changes."""
    if stage_no not in GATES:
        raise ValidationError("reviews.gate_invalid")
    if pass_rule not in PASS_RULES:
        raise ValidationError("reviews.rule_invalid")
    text = sanitize(changes).strip()
    if round_no > 1 and not text:
        raise ValidationError("reviews.changes_required", previous=round_no - 1)
    if len(text) > MAX_CHANGES:
        raise ValidationError("error.too_long", field="reviews.field.changes", maximum=MAX_CHANGES)
    if reviewer_count < 1:
        raise ValidationError("reviews.reviewers_required")
    if reviewer_count > MAX_REVIEWERS:
        raise ValidationError("reviews.too_many_reviewers", maximum=MAX_REVIEWERS)
    if due_at <= now:
        raise ValidationError("reviews.due_in_past")
    if artifact_count < 1:
        raise ValidationError("reviews.artifacts_required")
    if artifact_count > MAX_FILES_PER_SUBMIT:
        raise ValidationError("reviews.too_many_files", maximum=MAX_FILES_PER_SUBMIT)
    return text


def rule_text_key(rule: str) -> str:
    """The text key that explains a pass rule in plain words."""
    return f"reviews.rule.{rule}"
