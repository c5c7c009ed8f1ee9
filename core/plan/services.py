"""Verbs of the plan register: editions, lines, the Excel import, proposals' citations.

Each service checks the permission matrix and runs one ``db.write`` that appends to the audit log.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from core import audit
from core.actor import Actor
from core.db import Database
from core.errors import DomainError, ValidationError
from core.i18n import t
from core.permissions import require
from core.plan import repository as repo
from core.plan import rules
from core.spreadsheets import SpreadsheetError, read_table


class PlanImportRejected(ValidationError):
    """The whole file is refused; ``problems`` lists ``(row, text key, values)`` for every bad row."""

    def __init__(self, problems: list[tuple[int, str, dict]]):
        super().__init__("plan.import_rejected", count=len(problems))
        self.problems = problems

    def lines(self, lang: str = "th") -> list[tuple[int, str]]:
        out = []
        for row, key, values in self.problems:
            shown = {
                k: t(v, lang) if isinstance(v, str) and v.startswith("plan.") else v
                for k, v in values.items()
            }
            out.append((row, t(key, lang, **shown)))
        return out


def add_edition(
    db: Database, actor: Actor, now: datetime, *, kind: str, first_year: int, approved_on: date | None = None
) -> int:
    """A 5-year plan (``base``) or the next numbered addition / change of the plan of those years."""
    require(actor.roles, "plan.edit")
    if kind not in rules.KINDS:
        raise ValidationError("plan.bad_kind")
    first, last = rules.check_years(int(first_year))

    def work(cur):
        base_id = repo.base_with_years(cur, first)
        if kind == "base":
            if base_id is not None:
                raise DomainError("plan.base_exists", first=first, last=last)
            number, base = 0, None
        else:
            if base_id is None:
                raise DomainError("plan.no_base", first=first, last=last)
            number, base = repo.next_number(cur, base_id, kind), base_id
        edition_id = repo.insert_edition(
            cur,
            kind=kind,
            base_id=base,
            number=number,
            first_year=first,
            last_year=last,
            approved_on=approved_on,
            actor=actor.username,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="plan.edition.add",
            entity="plan_edition",
            entity_id=edition_id,
            at=now,
            detail={"label": rules.edition_label(kind, first, last, number)},
        )
        return edition_id

    return db.write(work)


def add_line(
    db: Database,
    actor: Actor,
    now: datetime,
    edition_id: int,
    *,
    strategy: str,
    programme: str,
    line_no: str,
    title: str,
    unit_code: str | None = None,
    budgets: dict[int, Decimal] | None = None,
) -> int:
    """One project line typed in by hand (the same checks as a row of the import)."""
    require(actor.roles, "plan.edit")
    record = {
        "strategy": strategy,
        "programme": programme,
        "line_no": line_no,
        "title": title,
        "unit": unit_code or "",
    }
    record.update({str(y): str(a) for y, a in (budgets or {}).items()})
    return _import_records(db, actor, now, edition_id, [record], source="form")[0]


def import_lines(
    db: Database, actor: Actor, now: datetime, edition_id: int, content: bytes, filename: str
) -> list[int]:
    """The planning unit's Excel: every row or none; every bad row is named."""
    require(actor.roles, "plan.edit")
    try:
        frame = read_table(content, filename)
    except SpreadsheetError as error:
        raise ValidationError(f"plan.file.{error.code}") from None
    return _import_records(
        db, actor, now, edition_id, frame.to_dict("records"), source=filename, columns=list(frame.columns)
    )


def _import_records(db, actor, now, edition_id, records, *, source, columns=None) -> list[int]:
    def work(cur):
        edition = repo.get_edition(cur, edition_id)
        years = range(edition["first_year"], edition["last_year"] + 1)
        headers = columns if columns is not None else (list(records[0]) if records else [])
        fields, year_cols, missing = rules.map_headers(headers, years)
        if missing:
            raise PlanImportRejected(
                [(1, "plan.import.missing_column", {"field": f"plan.field.{f}"}) for f in missing]
            )
        good, problems = rules.parse_rows(records, fields, year_cols, repo.units_lookup(cur))
        taken = repo.line_numbers(cur, edition_id)
        for row in good:
            if row.line_no in taken:
                problems.append((row.row, "plan.import.number_taken", {"value": row.line_no}))
        if problems:
            raise PlanImportRejected(sorted(problems, key=lambda p: p[0]))
        if not good:
            raise ValidationError("plan.import.empty")
        ids = [
            repo.insert_line(
                cur,
                edition_id=edition_id,
                strategy=r.strategy,
                programme=r.programme,
                line_no=r.line_no,
                title=r.title,
                unit_code=r.unit,
                budgets=r.budgets,
                actor=actor.username,
                now=now,
            )
            for r in good
        ]
        audit.record(
            cur,
            actor=actor.username,
            action="plan.lines.import",
            entity="plan_edition",
            entity_id=edition_id,
            at=now,
            detail={"source": source, "lines": len(ids)},
        )
        return ids

    return db.write(work)


def cite_line(db: Database, actor: Actor, now: datetime, proposal_id: int, line_id: int) -> None:
    """The proposal carries out this plan line; a line another live proposal cites is refused."""
    require(actor.roles, "proposal.edit")

    def work(cur):
        proposal = repo.proposal_row(cur, proposal_id)
        line = repo.get_line(cur, line_id)
        other = repo.citing_other(cur, line_id, proposal_id)
        if other:
            raise DomainError("plan.line_cited_twice", line=line["line_no"], other=other)
        repo.save_citation(
            cur,
            proposal_id=proposal_id,
            status="cited",
            line_id=line_id,
            note="",
            actor=actor.username,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="plan.cite",
            entity="proposal",
            entity_id=proposal_id,
            at=now,
            detail={"code": proposal["code"], "line_id": line_id, "line_no": line["line_no"]},
        )

    db.write(work)


def mark_not_in_plan(db: Database, actor: Actor, now: datetime, proposal_id: int, note: str) -> None:
    """The proposal is not in the plan: it needs an addition / change (the director is told)."""
    require(actor.roles, "proposal.edit")
    note = (note or "").strip()
    if not note:
        raise ValidationError("plan.note_required")

    def work(cur):
        proposal = repo.proposal_row(cur, proposal_id)
        repo.save_citation(
            cur,
            proposal_id=proposal_id,
            status="not_in_plan",
            line_id=None,
            note=note[: rules.MAX_TEXT],
            actor=actor.username,
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="plan.not_in_plan",
            entity="proposal",
            entity_id=proposal_id,
            at=now,
            detail={"code": proposal["code"], "note": note[:200]},
        )

    db.write(work)
