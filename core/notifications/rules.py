"""Pure rules of notifications: the kinds of event, the channels, retry delays, quiet hours,
idempotency keys, links to the item and the one-time LINE link code.

Nothing here touches the database or the network; every function takes plain values and, where
time matters, the current time.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

# The in-app bell always gets every notification (it is the record); these are the outside ones.
CHANNELS: tuple[str, ...] = ("email", "line")


@dataclass(frozen=True)
class Kind:
    name: str
    urgent: bool = False  # sent even outside office hours
    default_channels: tuple[str, ...] = CHANNELS


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("ticket_new"),
        Kind("ticket_reply"),
        Kind("ticket_near"),
        Kind("ticket_breach", urgent=True),
        Kind("proposal_submitted"),
        Kind("proposal_proposed"),
        Kind("review_round"),
        Kind("survey_closed"),
        Kind("backup_failed", urgent=True),
        Kind("disk_low", urgent=True),
    )
}

# Retries: 1, 2, 4, 8, 16, 32 minutes, then the delivery is dead (a dead letter on the health page).
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=1)
MAX_ATTEMPTS = 7
# A delivery claimed ("sending") longer ago than this by a dispatcher that then died is taken again.
LEASE = timedelta(minutes=5)

LINK_CODE_TTL = timedelta(minutes=30)
LINK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
LINK_CODE_LENGTH = 8
_LINK_CODE = re.compile(r"^\s*(?:link|เชื่อม|ลิงก์)?\s*([A-Z2-9]{8})\s*$", re.IGNORECASE)


def kind_of(name: str) -> Kind:
    if name not in KINDS:
        raise ValueError(f"unknown notification kind {name!r}")
    return KINDS[name]


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt (1-based): doubling, capped."""
    delay = FIRST_RETRY * (2 ** max(0, attempts - 1))
    return min(delay, MAX_RETRY)


def after_failure(attempts: int, now: datetime) -> tuple[str, datetime]:
    """The status and next attempt time after a failed attempt."""
    if attempts >= MAX_ATTEMPTS:
        return "dead", now
    return "pending", now + retry_delay(attempts)


def idempotency_key(notification_id: int, channel: str) -> str:
    return f"n{int(notification_id)}-{channel}"


def retry_uuid(key: str) -> str:
    """LINE's X-Line-Retry-Key must be a UUID: the same key always gives the same UUID."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "pattana:" + key))


def may_send_now(urgent: bool, office_open: bool) -> bool:
    """Quiet outside office hours, except urgent kinds (breaches, backup, disk)."""
    return urgent or office_open


def item_link(base_url: str, page: str, query: dict) -> str:
    """The address of the item in the app: ``<base>/<page>?<query>``."""
    base = (base_url or "").rstrip("/")
    path = "" if page == "home" else page
    text = f"{base}/{path}"
    if query:
        text += "?" + urlencode({str(k): str(v) for k, v in query.items()})
    return text


def new_link_code() -> str:
    return "".join(secrets.choice(LINK_CODE_ALPHABET) for _ in range(LINK_CODE_LENGTH))


def parse_link_code(text: str) -> str | None:
    """The link code a user typed into the LINE chat (alone, or after "link"/"เชื่อม"), or None."""
    match = _LINK_CODE.match(text or "")
    return match.group(1).upper() if match else None


def message_text(subject: str, body: str, link: str) -> str:
    """The plain text of an e-mail body or a LINE message."""
    parts = [subject]
    if body:
        parts.append(body)
    if link:
        parts.append(link)
    return "\n\n".join(parts)
