"""Survey results as JSON, outside the app (the same figures as the results page).

    python -m core.surveys.cli results --db PATH --survey CODE [--scheme half|class08]
    python -m core.surveys.cli results --file answers.csv --survey-definition survey.json [--scheme ...]
    python -m core.surveys.cli template --db PATH --survey CODE   print a definition file for --file

A survey definition file is JSON::

    {"code": "ETAX-2570", "allow_no_opinion": true,
     "sections": [{"title": "ด้านกระบวนการ/ขั้นตอน", "items": ["ขั้นตอนไม่ยุ่งยาก", "..."]}, ...]}

Items are numbered 1, 2, 3, ... over the whole questionnaire; the answers file follows the import
format of ``core.surveys.importer`` (columns ``Q1``, ``Q2``, ... and optional demographics). With
``--db`` the database is opened read-only (stop the app first: DuckDB lets one process open the
file). Exit code 0 with the JSON on stdout, 2 with a message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.db import Database
from core.errors import DomainError
from core.surveys import importer, stats


def _from_db(path: str, code: str, scheme: str | None) -> dict:
    from core.surveys import repository, services

    db = Database(path, read_only=True)
    try:
        with db.read() as cur:
            survey = repository.get_survey_by_code(cur, code)
            report = services.survey_report(cur, survey["id"], scheme)
    finally:
        db.close()
    return _payload(report.survey, report.results, report.suggestions, report.due_at)


def _definition_items(definition: dict) -> tuple[list[dict], list[stats.ItemDef]]:
    rows, defs, position = [], [], 0
    for s_pos, section in enumerate(definition.get("sections") or [], 1):
        for i_pos, text in enumerate(section.get("items") or [], 1):
            position += 1
            rows.append({"id": position, "position": position, "text": text})
            defs.append(stats.ItemDef(position, section["title"], text, f"{s_pos}.{i_pos}"))
    return rows, defs


def _from_file(path: str, definition_path: str, scheme: str | None) -> dict:
    definition = json.loads(Path(definition_path).read_text(encoding="utf-8"))
    rows, defs = _definition_items(definition)
    frame = importer.read(Path(path).read_bytes(), Path(path).name)
    parsed = importer.parse(frame, rows, allow_no_opinion=bool(definition.get("allow_no_opinion", True)))
    counts: dict[int, dict[int, int]] = {}
    groups: dict[tuple[str, str], list] = {}
    for row in parsed:
        for item_id, score in row.scores.items():
            slot = counts.setdefault(item_id, {})
            slot[score] = slot.get(score, 0) + 1
        for field, value in row.demographics.items():
            entry = groups.setdefault((field, value or "unknown"), [0, {}])
            entry[0] += 1
            for score in row.scores.values():
                entry[1][score] = entry[1].get(score, 0) + 1
    group_counts = {k: stats.GroupCounts(v[0], v[1]) for k, v in groups.items()}
    results = stats.survey_results(
        defs, counts, len(parsed), scheme or stats.DEFAULT_SCHEME, groups=group_counts
    )
    masked = [stats.mask_personal(r.suggestion) for r in parsed if r.suggestion]
    survey = {"code": definition.get("code", ""), "title": definition.get("title", "")}
    return _payload(survey, results, masked, None)


def _payload(survey: dict, results: stats.Results, suggestions: list[str], due_at) -> dict:
    info = {
        k: survey.get(k)
        for k in ("code", "title", "fiscal_year", "audience", "opens_on", "closes_on", "processed_at")
        if k in survey
    }
    if due_at is not None:
        info["processing_due_at"] = due_at
    return {"survey": info, **results.as_dict(), "suggestions": suggestions}


def _definition_of(path: str, code: str) -> dict:
    from core.surveys import repository

    db = Database(path, read_only=True)
    try:
        with db.read() as cur:
            survey = repository.get_survey_by_code(cur, code)
            rows = repository.sections_and_items(cur, survey["id"])
    finally:
        db.close()
    sections: list[dict] = []
    for row in rows:
        if not sections or sections[-1]["title"] != row["section"]:
            sections.append({"title": row["section"], "items": []})
        sections[-1]["items"].append(row["text"])
    return {
        "code": survey["code"],
        "title": survey["title"],
        "allow_no_opinion": survey["allow_no_opinion"],
        "sections": sections,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.surveys.cli", description="Survey results as JSON")
    sub = parser.add_subparsers(dest="command", required=True)
    results = sub.add_parser("results")
    results.add_argument("--db")
    results.add_argument("--survey")
    results.add_argument("--file")
    results.add_argument("--survey-definition")
    results.add_argument("--scheme", choices=sorted(stats.BAND_SCHEMES))
    template = sub.add_parser("template")
    template.add_argument("--db", required=True)
    template.add_argument("--survey", required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            payload = _definition_of(args.db, args.survey)
        elif args.file:
            if not args.survey_definition:
                parser.error("--file needs --survey-definition")
            payload = _from_file(args.file, args.survey_definition, args.scheme)
        elif args.db and args.survey:
            payload = _from_db(args.db, args.survey, args.scheme)
        else:
            parser.error("give --db and --survey, or --file and --survey-definition")
    except importer.ImportRejected as error:
        for line, message in error.lines("en"):
            print(f"line {line}: {message}", file=sys.stderr)
        print(error.message("en"), file=sys.stderr)
        return 2
    except DomainError as error:
        print(error.message("en"), file=sys.stderr)
        return 2
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
