"""The audit log read as sentences: "นายธนกร บุญมา อนุมัติโครงการ ข้อเสนอ PR2570-019".

``describe`` turns one audit row (as ``core.audit.search`` returns it: the actor's user name and,
where known, full name; the action code; the record's kind, id and code) into a sentence from the
catalogue, in Thai or English. Pure: it takes plain values and reads only the text catalogue.
The raw codes and JSON stay in the log (and the page shows them on request).
"""

from __future__ import annotations

from collections.abc import Mapping

from core import i18n

SYSTEM_ACTORS = frozenset({"system", "scheduler", ""})

# Actions whose last part names a step with a text of its own elsewhere in the catalogue.
_STEP_TEXTS = {
    "proposal": "proposals.action.{step}",
    "ticket": "tickets.verb.{step}",
}


def _known(key: str) -> bool:
    return key in i18n.catalogue()


def action_text(action: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """What an action code means, as the verb of a sentence (also the audit filter's choices)."""
    own = f"audit.do.{action}"
    if _known(own):
        return i18n.t(own, lang)
    area, _, step = action.partition(".")
    pattern = _STEP_TEXTS.get(area)
    if pattern and _known(pattern.format(step=step)):
        return i18n.t(pattern.format(step=step), lang)
    if area == "lpa" and _known(f"lpa.kind.{step}"):
        return i18n.t("audit.do.other", lang) + " " + i18n.t(f"lpa.kind.{step}", lang)
    return i18n.t("audit.do.other", lang)


def _record(entity: str | None, entity_id: object, code: object, lang: str) -> str:
    kind_key = f"audit.entity.{entity}"
    kind = i18n.t(kind_key, lang) if entity and entity != "database" and _known(kind_key) else ""
    reference = _text(code) or _text(entity_id)
    if entity == "database":
        reference = ""
    elif reference and not _text(code) and reference.isdigit():
        reference = f"#{reference}"
    return " ".join(part for part in (kind, reference) if part)


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN from a DataFrame
            return ""
    except TypeError:
        pass
    return str(value).strip()


def describe(row: Mapping[str, object], lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """One audit row as a sentence. ``row`` holds ``actor``, ``action``, ``entity``, ``entity_id``
    and, when the query found them, ``actor_name`` (the user's full name) and ``record_code``."""
    actor = _text(row.get("actor"))
    who = _text(row.get("actor_name")) or (i18n.t("audit.system", lang) if actor in SYSTEM_ACTORS else actor)
    what = action_text(_text(row.get("action")), lang)
    entity = _text(row.get("entity")) or None
    if entity == "user" and _text(row.get("entity_id")) == actor:
        record = ""  # signing in, changing one's own password: the person is the record
    else:
        record = _record(entity, row.get("entity_id"), row.get("record_code"), lang)
    return " ".join(i18n.t("audit.sentence", lang, who=who, what=what, record=record).split()).rstrip(" :")
