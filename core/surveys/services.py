"""Verbs of the surveys area: build, answer, import, process, purge.

Each verb checks ``core.permissions.require`` (except the citizen's public submit, which has no
account), validates with ``rules``, then runs ONE ``db.write(work)`` that changes the data and
appends to the audit log in the same transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from core import audit, settings
from core.actor import CITIZEN, Actor
from core.db import Database
from core.errors import DomainError, NotFound, ValidationError
from core.permissions import require
from core.surveys import repository as repo
from core.surveys import rules, stats
from core.thaidate import format_datetime

SETTING_SCHEME = "surveys.band_scheme"
SETTING_RETENTION = "surveys.retention_days"
SETTING_MIN_FILL = "surveys.min_fill_seconds"
SETTING_RATE = "surveys.rate_limit_per_minute"
DEFAULT_RATE_PER_MINUTE = 10
SETTING_DAILY_CAP = "surveys.daily_cap_per_survey"
DEFAULT_DAILY_CAP = 3000  # public answers per survey per day, whatever their clients


# ------------------------------------------------------------------ settings
def band_scheme(cur) -> str:
    value = settings.get(cur, SETTING_SCHEME, stats.DEFAULT_SCHEME)
    return value if value in stats.BAND_SCHEMES else stats.DEFAULT_SCHEME


def retention_days(cur) -> int:
    return int(settings.get(cur, SETTING_RETENTION, rules.DEFAULT_RETENTION_DAYS))


def min_fill_seconds(cur) -> float:
    return float(settings.get(cur, SETTING_MIN_FILL, rules.MIN_FILL_SECONDS))


def rate_per_minute(cur) -> int:
    return int(settings.get(cur, SETTING_RATE, DEFAULT_RATE_PER_MINUTE))


def daily_cap(cur) -> int:
    return int(settings.get(cur, SETTING_DAILY_CAP, DEFAULT_DAILY_CAP))


def set_band_scheme(db: Database, actor: Actor, now: datetime, scheme: str) -> None:
    require(actor.roles, "settings.edit")
    if scheme not in stats.BAND_SCHEMES:
        raise ValidationError("surveys.scheme_invalid")
    db.write(lambda cur: settings.put(cur, SETTING_SCHEME, scheme, actor=actor, now=now))


def set_public_protection(
    db: Database, actor: Actor, now: datetime, *, min_fill: float, per_minute: int, per_day: int | None = None
) -> None:
    require(actor.roles, "settings.edit")
    if not 0 <= float(min_fill) <= 120 or not 1 <= int(per_minute) <= 1000:
        raise ValidationError("surveys.protection_invalid")
    if per_day is not None and not 1 <= int(per_day) <= 1_000_000:
        raise ValidationError("surveys.protection_invalid")

    def work(cur):
        settings.put(cur, SETTING_MIN_FILL, float(min_fill), actor=actor, now=now)
        settings.put(cur, SETTING_RATE, int(per_minute), actor=actor, now=now)
        if per_day is not None:
            settings.put(cur, SETTING_DAILY_CAP, int(per_day), actor=actor, now=now)

    db.write(work)


def set_retention_days(db: Database, actor: Actor, now: datetime, days: object) -> None:
    require(actor.roles, "retention.edit")
    value = rules.check_retention_days(days)
    db.write(lambda cur: settings.put(cur, SETTING_RETENTION, value, actor=actor, now=now))


# ------------------------------------------------------------------ builder
def create_survey(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    title: str,
    system_id: int | None,
    fiscal_year: int,
    audience: str,
    opens_on: date,
    closes_on: date,
    counter_name: str = "",
    allow_no_opinion: bool = True,
    require_token: bool = False,
    population: int | None = None,
    target_count: int | None = None,
    sections: list[tuple[str, list[str]]] | None = None,
    template: str | None = None,
    code: str | None = None,
) -> int:
    """A new questionnaire with its sections and items (from ``sections`` or a template)."""
    require(actor.roles, "survey.manage")
    title = rules.clean_text(title, 300, "surveys.field.title")
    if not title:
        raise ValidationError("error.required", field="surveys.field.title")
    rules.check_audience(audience)
    rules.check_dates(opens_on, closes_on)
    counter_name = rules.clean_text(counter_name, 200, "surveys.field.counter")
    if system_id is None and not counter_name:
        raise ValidationError("surveys.system_or_counter")
    if not 2400 < int(fiscal_year) < 2700:
        raise ValidationError("surveys.fiscal_year_invalid")
    if target_count is not None and int(target_count) < 0:
        raise ValidationError("surveys.target_invalid")
    if population is not None and int(population) < 0:
        raise ValidationError("surveys.target_invalid")
    if not target_count and population:
        target_count = stats.krejcie_morgan(int(population))  # the sample-size helper's default

    def work(cur):
        system = None
        if system_id is not None:
            row = repo.system_code_and_kind(cur, int(system_id))
            if row is None:
                raise NotFound("system.not_found")
            system = row
        chosen = rules.clean_sections(
            sections
            if sections is not None
            else rules.template_for(template or (system[1] if system else "eservice"))
        )
        if code:
            survey_code = rules.check_code(code)
            if repo.code_taken(cur, survey_code):
                raise ValidationError("surveys.code_taken", survey=survey_code)
        else:
            number = repo.count_for_system_year(cur, system_id, int(fiscal_year)) + 1
            survey_code = rules.make_code(
                system[0] if system else None, counter_name, int(fiscal_year), number, audience
            )
            while repo.code_taken(cur, survey_code):
                number += 1
                survey_code = rules.make_code(
                    system[0] if system else None, counter_name, int(fiscal_year), number, audience
                )
        survey_id = repo.insert_survey(
            cur,
            code=survey_code,
            title=title,
            system_id=system_id,
            counter_name=counter_name,
            fiscal_year=int(fiscal_year),
            audience=audience,
            opens_on=opens_on,
            closes_on=closes_on,
            allow_no_opinion=bool(allow_no_opinion),
            require_token=bool(require_token),
            population=population,
            target_count=target_count,
            by=actor.username,
            now=now,
        )
        _write_items(cur, survey_id, chosen)
        audit.record(
            cur,
            actor=actor.username,
            action="survey.create",
            entity="survey",
            entity_id=survey_id,
            at=now,
            detail={"code": survey_code, "audience": audience},
        )
        return survey_id

    return db.write(work)


def _write_items(cur, survey_id: int, sections: list[tuple[str, list[str]]]) -> None:
    position = 0
    for section_position, (title, items) in enumerate(sections, 1):
        section_id = repo.insert_section(cur, survey_id, section_position, title)
        for text in items:
            position += 1
            repo.insert_item(cur, survey_id, section_id, position, text)


def set_items(
    db: Database, actor: Actor, now: datetime, survey_id: int, sections: list[tuple[str, list[str]]]
) -> None:
    """Replace the sections and items; refused once the survey has any answer."""
    require(actor.roles, "survey.manage")
    chosen = rules.clean_sections(sections)

    def work(cur):
        survey = repo.get_survey(cur, survey_id)
        if repo.response_count(cur, survey_id) > 0:
            raise DomainError("surveys.items_locked", survey=survey["code"])
        repo.delete_items(cur, survey_id)
        _write_items(cur, survey_id, chosen)
        audit.record(
            cur,
            actor=actor.username,
            action="survey.items",
            entity="survey",
            entity_id=survey_id,
            at=now,
            detail={"sections": len(chosen), "items": sum(len(i) for _, i in chosen)},
        )

    db.write(work)


def update_survey(
    db: Database,
    actor: Actor,
    now: datetime,
    survey_id: int,
    *,
    title: str,
    opens_on: date,
    closes_on: date,
    target_count: int | None,
    population: int | None,
    require_token: bool,
    counter_name: str = "",
) -> None:
    """Change the title, dates, target and token requirement (allowed while answers come in)."""
    require(actor.roles, "survey.manage")
    title = rules.clean_text(title, 300, "surveys.field.title")
    if not title:
        raise ValidationError("error.required", field="surveys.field.title")
    rules.check_dates(opens_on, closes_on)
    counter_name = rules.clean_text(counter_name, 200, "surveys.field.counter")

    def work(cur):
        before = repo.get_survey(cur, survey_id)
        if before["purged_at"] is not None:
            raise DomainError("surveys.purged")
        repo.update_survey(
            cur,
            survey_id,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            target_count=target_count,
            population=population,
            require_token=bool(require_token),
            counter_name=counter_name,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="survey.update",
            entity="survey",
            entity_id=survey_id,
            at=now,
            detail={
                "opens_on": opens_on,
                "closes_on": closes_on,
                "old_closes_on": before["closes_on"],
                "target_count": target_count,
            },
        )

    db.write(work)


def issue_tokens(db: Database, actor: Actor, now: datetime, survey_id: int, count: int) -> list[str]:
    """``count`` new one-time invitation tokens (1-500)."""
    require(actor.roles, "survey.manage")
    if not 1 <= int(count) <= 500:
        raise ValidationError("surveys.token_count_invalid")
    tokens = [rules.new_token() for _ in range(int(count))]

    def work(cur):
        repo.get_survey(cur, survey_id)
        repo.insert_tokens(cur, survey_id, tokens, now)
        audit.record(
            cur,
            actor=actor.username,
            action="survey.tokens",
            entity="survey",
            entity_id=survey_id,
            at=now,
            detail={"count": len(tokens)},
        )
        return tokens

    return db.write(work)


def mark_processed(db: Database, actor: Actor, now: datetime, survey_id: int) -> None:
    """Record that the results were processed (manual step 18); only after the survey closed and
    once it has answers (a survey with no answers yet has nothing to process)."""
    require(actor.roles, "survey.manage")

    def work(cur):
        survey = repo.get_survey(cur, survey_id)
        if rules.status(survey["opens_on"], survey["closes_on"], now.date()) != "closed":
            raise DomainError("surveys.not_closed")
        if survey["processed_at"] is not None:
            raise DomainError("surveys.already_processed")
        if repo.response_count(cur, survey_id) == 0:
            raise DomainError("surveys.nothing_to_process", survey=survey["code"])
        repo.mark_processed(cur, survey_id, by=actor.username, now=now)
        audit.record(
            cur,
            actor=actor.username,
            action="survey.processed",
            entity="survey",
            entity_id=survey_id,
            at=now,
            detail={"code": survey["code"]},
        )

    db.write(work)


# ------------------------------------------------------------------ answering
@dataclass(frozen=True)
class SubmitResult:
    stored: bool  # False for a robot (honeypot / too fast): looks accepted, nothing kept
    response_id: int | None
    repeated: bool = False  # the same submission id came again (a double click): stored once


def _insert_response(
    cur,
    *,
    survey: dict,
    submission_id: str,
    channel: str,
    user_id: int | None,
    demographics: dict,
    suggestion: str,
    contact_name: str | None,
    contact_phone: str | None,
    scores: dict[int, int],
    now: datetime,
) -> int:
    return repo.insert_response(
        cur,
        survey["id"],
        submission_id=submission_id,
        channel=channel,
        user_id=user_id,
        demographics=demographics,
        suggestion=suggestion,
        contact_name=contact_name,
        contact_phone=contact_phone,
        scores=scores,
        now=now,
    )


def _check_submission_id(submission_id: str) -> str:
    clean = (submission_id or "").strip()
    if not 8 <= len(clean) <= 64:
        raise ValidationError("surveys.submission_invalid")
    return clean


def submit_public(
    db: Database,
    now: datetime,
    *,
    code: str,
    submission_id: str,
    scores: dict,
    demographics: dict | None = None,
    suggestion: str = "",
    wants_contact: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    token: str | None = None,
    honeypot: str = "",
    shown_at: datetime | None = None,
    min_seconds: float | None = None,
) -> SubmitResult:
    """A citizen's answers from the public page (no account).

    A filled honeypot or a form sent faster than the minimum fill time returns
    ``SubmitResult(stored=False)`` and stores nothing. A submission id seen before returns the
    response stored the first time (a double click stores one response). Contact details are kept
    only when ``wants_contact`` is ticked.
    """
    submission_id = _check_submission_id(submission_id)
    demo = rules.clean_demographics(demographics or {})
    suggestion = rules.clean_text(suggestion, rules.MAX_SUGGESTION, "surveys.field.suggestion")
    name = (
        rules.clean_text(contact_name, rules.MAX_CONTACT, "surveys.field.contact_name")
        if wants_contact
        else ""
    )
    phone = rules.clean_text(contact_phone, 40, "surveys.field.contact_phone") if wants_contact else ""
    if wants_contact and not phone:
        raise ValidationError("error.required", field="surveys.field.contact_phone")
    token = (token or "").strip() or None

    # The survey, its items and the limits are read before the write: inside it, every statement
    # gives the interpreter to the other visitors' pages and waits to get it back, with the write
    # lock held (issue 18: at 50 sessions a response held the lock four times its own time, and
    # every other response waited behind it). Inside stay the checks that must be decided with
    # the insert: a repeated submission id, the day's count, the token.
    with db.read() as cur:
        survey = repo.get_survey_by_code(cur, code)
        items = repo.sections_and_items(cur, survey["id"])
        cap = daily_cap(cur)
        minimum = min_fill_seconds(cur) if min_seconds is None else min_seconds
    day_start = datetime.combine(now.date(), datetime.min.time())

    def work(cur):
        existing, today = repo.submission_and_public_count(cur, submission_id, survey["id"], day_start)
        if existing is not None:
            return SubmitResult(True, existing[0], repeated=True)
        if survey["audience"] != "citizens":
            raise DomainError("surveys.internal_only")
        rules.refuse_closed(rules.status(survey["opens_on"], survey["closes_on"], now.date()))
        if today >= cap:
            raise DomainError("surveys.daily_cap")
        if rules.looks_automated(honeypot, shown_at, now, minimum):
            return SubmitResult(False, None)
        clean = rules.clean_scores(
            [i["id"] for i in items],
            {int(k): v for k, v in scores.items()},
            survey["allow_no_opinion"],
            rules.item_numbers(items),
        )
        if survey["require_token"] and not token:
            raise DomainError("surveys.token_required")
        if token:
            state = repo.token_state(cur, token)
            if state is None or state[0] != survey["id"]:
                raise DomainError("surveys.token_invalid")
            if state[1] is not None:
                raise DomainError("surveys.token_used")
            repo.use_token(cur, token, now)
        response_id = _insert_response(
            cur,
            survey=survey,
            submission_id=submission_id,
            channel="public",
            user_id=None,
            demographics=demo,
            suggestion=suggestion,
            contact_name=name or None,
            contact_phone=phone or None,
            scores=clean,
            now=now,
        )
        audit.record(
            cur,
            actor=CITIZEN.username,
            action="survey.respond",
            entity="survey_response",
            entity_id=response_id,
            at=now,
            detail={"survey": survey["code"], "channel": "public"},
        )
        return SubmitResult(True, response_id)

    try:
        return db.write(work)
    except duckdb.ConstraintException:
        # the same submission id committed by a concurrent run between our check and insert
        with db.read() as cur:
            existing = repo.response_by_submission(cur, submission_id)
        if existing is None:
            raise
        return SubmitResult(True, existing[0], repeated=True)


def submit_internal(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    survey_id: int,
    submission_id: str,
    scores: dict,
    demographics: dict | None = None,
    suggestion: str = "",
) -> SubmitResult:
    """A signed-in staff member's answers to an internal survey; one response per person."""
    require(actor.roles, "survey.answer_internal")
    submission_id = _check_submission_id(submission_id)
    demo = rules.clean_demographics(demographics or {})
    suggestion = rules.clean_text(suggestion, rules.MAX_SUGGESTION, "surveys.field.suggestion")

    def work(cur):
        existing = repo.response_by_submission(cur, submission_id)
        if existing is not None:
            return SubmitResult(True, existing[0], repeated=True)
        survey = repo.get_survey(cur, survey_id)
        if not rules.can_answer(survey["audience"], actor.roles):
            raise DomainError("surveys.not_your_survey")
        rules.refuse_closed(rules.status(survey["opens_on"], survey["closes_on"], now.date()))
        if repo.has_answered(cur, survey_id, actor.user_id):
            raise DomainError("surveys.already_answered")
        items = repo.sections_and_items(cur, survey_id)
        clean = rules.clean_scores(
            [i["id"] for i in items],
            {int(k): v for k, v in scores.items()},
            survey["allow_no_opinion"],
            rules.item_numbers(items),
        )
        response_id = _insert_response(
            cur,
            survey=survey,
            submission_id=submission_id,
            channel="internal",
            user_id=actor.user_id,
            demographics=demo,
            suggestion=suggestion,
            contact_name=None,
            contact_phone=None,
            scores=clean,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="survey.respond",
            entity="survey_response",
            entity_id=response_id,
            at=now,
            detail={"survey": survey["code"], "channel": "internal"},
        )
        return SubmitResult(True, response_id)

    return db.write(work)


def import_responses(
    db: Database, actor: Actor, now: datetime, survey_id: int, *, filename: str, content: bytes
) -> int:
    """Import a CSV/Excel file of answers (format: ``core.surveys.importer``); all or nothing."""
    require(actor.roles, "survey.import")
    from core.surveys import importer

    frame = importer.read(content, filename)
    digest = hashlib.sha256(content).hexdigest()

    def work(cur):
        survey = repo.get_survey(cur, survey_id)
        if survey["purged_at"] is not None:
            raise DomainError("surveys.purged")
        earlier = repo.earlier_import(cur, survey_id, digest)
        if earlier is not None:
            raise DomainError(
                "surveys.import_already",
                filename=earlier["filename"],
                at=format_datetime(earlier["imported_at"], "th"),
                by=earlier["imported_by"],
                rows=earlier["rows"],
            )
        items = repo.sections_and_items(cur, survey_id)
        parsed = importer.parse(frame, items, allow_no_opinion=survey["allow_no_opinion"])
        batch = rules.new_submission_id()[:12]
        responses, answers = importer.frames(parsed, survey_id=survey_id, batch=batch, now=now)
        repo.insert_imported(cur, responses, answers)
        repo.record_import(
            cur, survey_id, digest, filename=filename[:200], rows=len(parsed), by=actor.username, now=now
        )
        audit.record(
            cur,
            actor=actor.username,
            action="survey.import",
            entity="survey",
            entity_id=survey_id,
            at=now,
            detail={"file": filename[:200], "rows": len(parsed), "sha256": digest},
        )
        return len(parsed)

    return db.write(work)


# ------------------------------------------------------------------ results
@dataclass
class SurveyReport:
    survey: dict
    results: stats.Results
    suggestions: list[str]  # masked, plain text
    due_at: datetime | None


def survey_report(cur, survey_id: int, scheme: str | None = None) -> SurveyReport:
    """Everything the results page, the workbook, the PDF and the CLI show for one survey."""
    from core.calendar_store import calendar_around

    survey = repo.get_survey(cur, survey_id)
    items = repo.item_defs(cur, survey_id)
    results = stats.survey_results(
        items,
        repo.item_counts(cur, survey_id),
        repo.response_count(cur, survey_id),
        scheme or band_scheme(cur),
        groups=repo.group_counts(cur, survey_id),
    )
    masked = [stats.mask_personal(text) for text in repo.suggestions(cur, survey_id)]
    calendar = calendar_around(cur, survey["closes_on"])
    due = rules.processing_due(survey["closes_on"], calendar.add_working_days, calendar.end_of_day)
    return SurveyReport(survey, results, masked, due)


# ------------------------------------------------------------------ PDPA retention
def purge_expired(db: Database, actor: Actor, now: datetime) -> list[str]:
    """Delete the raw responses of surveys closed longer ago than the retention period, keeping
    the aggregated figures (counts per item and score, by group, respondents, masked suggestions).
    Returns the codes of the surveys purged."""
    require(actor.roles, "retention.edit")

    def work(cur):
        cutoff = rules.purge_cutoff(now, retention_days(cur))
        targets = repo.purgeable(cur, cutoff)
        done = []
        for survey in targets:
            sid = survey["id"]
            repo.store_aggregates(cur, sid)
            kept = [stats.mask_personal(t) for t in repo.suggestions(cur, sid)]
            repo.store_kept_suggestions(cur, sid, kept)
            responses = repo.raw_response_count(cur, sid)
            repo.delete_raw_responses(cur, sid, now)
            audit.record(
                cur,
                actor=actor.username,
                action="survey.purge",
                entity="survey",
                entity_id=sid,
                at=now,
                detail={"code": survey["code"], "responses": responses, "cutoff": cutoff},
            )
            done.append(survey["code"])
        return done

    return db.write(work)
