"""Roles (manual section 4) and the permission matrix: who may open which page, who may act.

Citizens have no account: the public survey page is the only page open without signing in.
A user may hold several roles; a right held by any of them counts. Pages check
``can_open_page`` before rendering and services check ``require`` before changing anything,
so a page reached by its URL, or a service called from elsewhere, enforces the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.errors import Forbidden

EXECUTIVE = "executive"
DIRECTOR = "director"
IT_HEAD = "it_head"
IT_OFFICER = "it_officer"
DIVISION_STAFF = "division_staff"
AFFILIATED_UNIT = "affiliated_unit"
ADMIN = "admin"

ROLES: tuple[str, ...] = (
    EXECUTIVE,
    DIRECTOR,
    IT_HEAD,
    IT_OFFICER,
    DIVISION_STAFF,
    AFFILIATED_UNIT,
    ADMIN,
)

ROLE_LABELS: dict[str, tuple[str, str]] = {
    EXECUTIVE: ("ผู้บริหาร (ปลัดหรือผู้ได้รับมอบอำนาจ)", "Executive (municipal clerk or delegate)"),
    DIRECTOR: ("ผู้อำนวยการกองที่ดูแลงานเทคโนโลยีสารสนเทศ", "Director of the division in charge of IT"),
    IT_HEAD: ("หัวหน้างานบริการระบบคอมพิวเตอร์ฯ", "Head of the IT unit"),
    IT_OFFICER: ("นักวิชาการคอมพิวเตอร์", "IT officer"),
    DIVISION_STAFF: ("บุคลากรของสำนัก/กอง/ฝ่าย", "Division staff"),
    AFFILIATED_UNIT: ("บุคลากรหน่วยงานในสังกัด (โรงเรียน)", "Affiliated unit staff (school)"),
    ADMIN: ("ผู้ดูแลระบบ", "System administrator"),
}

STAFF = frozenset({DIVISION_STAFF, AFFILIATED_UNIT})
IT = frozenset({IT_HEAD, IT_OFFICER})
MANAGEMENT = frozenset({EXECUTIVE, DIRECTOR, IT_HEAD})
EVERYONE = frozenset(ROLES)

# Page key -> roles that may open it. ``PUBLIC_PAGES`` need no account at all.
PAGE_ACCESS: dict[str, frozenset[str]] = {
    "home": EVERYONE,
    "account": EVERYONE,
    "notifications": EVERYONE,
    "proposals": IT | {DIRECTOR, EXECUTIVE},
    "projects": IT | {DIRECTOR, EXECUTIVE},
    "reviews": IT | STAFF | {DIRECTOR},
    "tickets": IT | STAFF | {DIRECTOR},
    "surveys": IT | {DIRECTOR, EXECUTIVE},
    "survey_answer": EVERYONE - {ADMIN},
    "dashboard": MANAGEMENT,
    "report": MANAGEMENT | {IT_OFFICER},
    "trace": MANAGEMENT | {IT_OFFICER},
    "settings": frozenset({IT_HEAD, ADMIN}),
    "admin_users": frozenset({ADMIN}),
    "admin_audit": frozenset({ADMIN, IT_HEAD}),
    "admin_health": frozenset({ADMIN}),
    "organisation": frozenset({ADMIN, IT_HEAD}),
    "admin_security": frozenset({ADMIN}),
    "privacy": IT,
    # local development plan, ITA evidence, LPA citizen feedback (issue 19)
    "plan": IT | {DIRECTOR, EXECUTIVE},
    "assessments": IT | {DIRECTOR, EXECUTIVE},
    "lpa": MANAGEMENT | {IT_OFFICER},
}
PUBLIC_PAGES: frozenset[str] = frozenset({"survey_public", "publications"})

# Action -> roles that may take it. Each area's services call ``require(roles, action)``.
ACTIONS: dict[str, frozenset[str]] = {
    # foundation
    "users.manage": frozenset({ADMIN}),
    "audit.read": frozenset({ADMIN, IT_HEAD}),
    "settings.edit": frozenset({IT_HEAD, ADMIN}),
    # organisation set-up (go-live)
    "org.profile.edit": frozenset({ADMIN}),
    "org.units.edit": frozenset({ADMIN}),
    "org.systems.edit": frozenset({ADMIN, IT_HEAD}),
    # proposals (steps 1-3)
    "driver.record": IT,
    "driver.consider": IT,
    "proposal.edit": IT,
    "proposal.submit": frozenset({IT_HEAD}),
    "proposal.propose": frozenset({DIRECTOR}),
    "proposal.return_by_director": frozenset({DIRECTOR}),
    "proposal.approve": frozenset({EXECUTIVE}),
    "proposal.return_by_executive": frozenset({EXECUTIVE}),
    "proposal.reject": frozenset({EXECUTIVE}),
    # stage tracker (steps 4-12)
    "stage.update": IT,
    "stage.time_standards.edit": frozenset({IT_HEAD}),
    "project.go_live": IT,
    # prototype review sign-off (steps 7 and 9)
    "review.manage": IT,
    "review.sign": IT | STAFF | {DIRECTOR},
    # tickets (steps 13-16)
    "ticket.report": IT | STAFF | {DIRECTOR},
    "ticket.work": IT,
    "ticket.assign": IT,
    "calendar.edit": frozenset({IT_HEAD, ADMIN}),  # the admin sets it up at go-live
    "sla.targets.edit": frozenset({IT_HEAD}),
    # surveys (steps 17-18)
    "survey.manage": IT,
    "survey.results": IT | {DIRECTOR, EXECUTIVE},
    "survey.import": IT,
    "survey.answer_internal": EVERYONE - {ADMIN},
    # KPI and report (step 19)
    "kpi.read": MANAGEMENT | {IT_OFFICER},
    "kpi.target.edit": frozenset({IT_HEAD}),
    "report.obstacles.edit": frozenset({IT_HEAD}),
    # reliability
    "backup.run": frozenset({ADMIN}),
    "retention.edit": frozenset({ADMIN}),
    # PDPA data-subject requests
    "privacy.requests": IT,
    # local development plan, ITA evidence, LPA citizen feedback (issue 19)
    "plan.edit": IT | {DIRECTOR},
    "plan.addition.request": frozenset({DIRECTOR}),
    "assessment.read": IT | {DIRECTOR, EXECUTIVE},
    "assessment.items.edit": IT,
    "publication.publish": frozenset({IT_HEAD}),
    "lpa.read": MANAGEMENT | {IT_OFFICER},
    "lpa.record": IT,
}


def has_any(roles: Iterable[str], allowed: frozenset[str]) -> bool:
    return any(role in allowed for role in roles)


def can_open_page(roles: Iterable[str], page_key: str) -> bool:
    """Whether a signed-in user with ``roles`` may open ``page_key`` (unknown pages: no)."""
    if page_key in PUBLIC_PAGES:
        return True
    allowed = PAGE_ACCESS.get(page_key)
    return allowed is not None and has_any(roles, allowed)


def can(roles: Iterable[str], action: str) -> bool:
    """Whether ``roles`` allow ``action``; an action missing from the matrix is never allowed."""
    allowed = ACTIONS.get(action)
    return allowed is not None and has_any(roles, allowed)


def require(roles: Iterable[str], action: str) -> None:
    """Raise ``Forbidden`` unless ``roles`` allow ``action``."""
    if not can(roles, action):
        raise Forbidden("error.forbidden", action=action)


def role_label(role: str, lang: str = "th") -> str:
    pair = ROLE_LABELS.get(role, (role, role))
    return pair[1] if lang == "en" else pair[0]
