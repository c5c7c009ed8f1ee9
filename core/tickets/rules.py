"""Pure rules of the ticket loop (manual steps 13-16): states, transitions, intake checks.

Workflow::

    new -> analysing -> in_progress <-> waiting (for the reporter; resolution clock paused)
              ^  |            |
              |  v            |
        waiting_analysis      |  (asked the reporter during the analysis; analysis clock paused)
                              |
                              v
                          resolved -> closed (the reporter confirms, or after ``auto_close_days``
                              ^         working days without an answer)
                              |
                  reopen: resolved/closed -> in_progress

``finish_analysis`` ("analysis done") stops the analysis clock and starts the resolution clock;
it may be taken from ``new`` too (a quick problem analysed at once).

Asking the reporter (``wait``) is allowed during the analysis (manual step 15) as during the fix
(step 16). The rule: **a wait pauses only the clock running at that moment** - asked during
the analysis it pauses the analysis clock (status ``waiting_analysis``; ``resume`` returns to
``analysing``), asked during the fix it pauses the resolution clock (status ``waiting``;
``resume`` returns to ``in_progress``). The clock not running is never touched: the resolution
clock has not started during the analysis, and the analysis clock has stopped during the fix. ``assign`` keeps the status;
``merge`` marks a duplicate as pointing to its original (terminal). No database here: services
check who the actor is (``VERB_ROLE``) and call :func:`next_status`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core.errors import ValidationError
from core.text import sanitize

TYPES = ("problem", "requirement")
CHANNELS = ("app", "phone", "walk_in", "line", "letter")
URGENCIES = ("normal", "high", "low")
STATUSES = ("new", "analysing", "waiting_analysis", "in_progress", "waiting", "resolved", "closed", "merged")
OPEN_STATUSES = ("new", "analysing", "waiting_analysis", "in_progress", "waiting")  # work still to do for IT
WAITING_STATUSES = ("waiting_analysis", "waiting")  # waiting for the reporter
ACTIVE_STATUSES = OPEN_STATUSES + ("resolved",)  # not yet closed
TERMINAL_STATUSES = ("closed", "merged")

# verb -> (statuses it may be taken from, status after). ``None``: the status is kept.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "start_analysis": (("new",), "analysing"),
    "finish_analysis": (("new", "analysing"), "in_progress"),
    "wait": (("analysing", "in_progress"), "waiting"),
    "resume": (("waiting_analysis", "waiting"), "in_progress"),
    "resolve": (("in_progress",), "resolved"),
    "close": (("resolved",), "closed"),
    "auto_close": (("resolved",), "closed"),
    "reopen": (("resolved", "closed"), "in_progress"),
    "assign": (ACTIVE_STATUSES, None),
    "merge": (OPEN_STATUSES, "merged"),
}
# Where the status after a verb depends on where it was taken from: the wait of the analysis.
AFTER_FROM: dict[tuple[str, str], str] = {
    ("wait", "analysing"): "waiting_analysis",
    ("resume", "waiting_analysis"): "analysing",
}

# Who may take a verb: "it" (permission ticket.work), "assign" (ticket.assign), "reporter_or_it"
# (the ticket's reporter, or IT on their behalf, e.g. a confirmation by phone), "system".
VERB_ROLE: dict[str, str] = {
    "start_analysis": "it",
    "finish_analysis": "it",
    "wait": "it",
    "resolve": "it",
    "merge": "it",
    "assign": "assign",
    "resume": "reporter_or_it",
    "close": "reporter_or_it",
    "reopen": "reporter_or_it",
    "auto_close": "system",
}

# Verbs shown on the ticket page, in order, for IT and for the reporter.
IT_VERBS = ("start_analysis", "finish_analysis", "wait", "resume", "resolve", "close", "reopen")
REPORTER_VERBS = ("resume", "close", "reopen")

MAX_TITLE = 200
MAX_DESCRIPTION = 5000
MAX_NOTE = 2000
MAX_ATTACHMENTS = 5
DEFAULT_AUTO_CLOSE_DAYS = 5


def next_status(status: str, verb: str) -> str:
    """The status after ``verb``; refuses a transition not allowed from ``status``."""
    if verb not in TRANSITIONS:
        raise ValidationError("tickets.unknown_action", action=verb)
    allowed, after = TRANSITIONS[verb]
    if status not in allowed:
        raise ValidationError(
            "tickets.transition_not_allowed", action=f"tickets.verb.{verb}", status=f"tickets.status.{status}"
        )
    return AFTER_FROM.get((verb, status), status if after is None else after)


def allowed_verbs(status: str, verbs: tuple[str, ...] = tuple(TRANSITIONS)) -> list[str]:
    return [verb for verb in verbs if status in TRANSITIONS[verb][0]]


def clean_intake(
    *, system_id: int | None, ticket_type: str, title: str, description: str, channel: str, urgency: str
) -> dict:
    """Check a new ticket's fields; returns them trimmed. Raises ``ValidationError``."""
    if system_id is None:
        raise ValidationError("error.required", field="tickets.field.system")
    if ticket_type not in TYPES:
        raise ValidationError("tickets.type_invalid")
    if channel not in CHANNELS:
        raise ValidationError("tickets.channel_invalid")
    if urgency not in URGENCIES:
        raise ValidationError("tickets.urgency_invalid")
    clean_title = sanitize(title, multiline=False).strip()
    clean_description = sanitize(description).strip()
    if not clean_title:
        raise ValidationError("tickets.title_required")
    if not clean_description:
        raise ValidationError("error.required", field="tickets.field.description")
    if len(clean_title) > MAX_TITLE:
        raise ValidationError("error.too_long", field="tickets.field.title", maximum=MAX_TITLE)
    if len(clean_description) > MAX_DESCRIPTION:
        raise ValidationError("error.too_long", field="tickets.field.description", maximum=MAX_DESCRIPTION)
    return {
        "system_id": int(system_id),
        "type": ticket_type,
        "title": clean_title,
        "description": clean_description,
        "channel": channel,
        "urgency": urgency,
    }


# A second report of the same system, title and description by the same reporter within this
# time is the same report sent twice (a double click, a resend after a slow answer).
DUPLICATE_WINDOW = timedelta(minutes=10)


def is_duplicate_report(fields: dict, earlier: list[dict], now: datetime) -> dict | None:
    """The earlier report (``fields`` as ``clean_intake`` returns them plus ``reported_at``) that
    ``fields`` repeats within ``DUPLICATE_WINDOW`` before ``now``, or ``None``."""
    for row in earlier:
        if (
            now - DUPLICATE_WINDOW <= row["reported_at"] <= now
            and row["system_id"] == fields["system_id"]
            and row["title"] == fields["title"]
            and row["description"] == fields["description"]
        ):
            return row
    return None


def clean_note(note: str | None) -> str:
    text = sanitize(note).strip()
    if len(text) > MAX_NOTE:
        raise ValidationError("error.too_long", field="tickets.field.note", maximum=MAX_NOTE)
    return text


def check_rating(score: int, comment: str) -> tuple[int, str]:
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError("tickets.rating_invalid")
    text = sanitize(comment).strip()
    if len(text) > MAX_NOTE:
        raise ValidationError("error.too_long", field="tickets.field.comment", maximum=MAX_NOTE)
    return score, text
