"""The permission matrix (every role x every page) and the text catalogue."""

import re
from pathlib import Path

import pytest

from core import i18n
from core.permissions import PAGE_ACCESS, PUBLIC_PAGES, ROLES, can, can_open_page

ROOT = Path(__file__).resolve().parent.parent

# The matrix as the product owner reads it: page -> roles allowed. Changing PAGE_ACCESS without
# changing this table fails the test on purpose.
EXPECTED = {
    "home": set(ROLES),
    "account": set(ROLES),
    "notifications": set(ROLES),
    "proposals": {"it_head", "it_officer", "director", "executive"},
    "projects": {"it_head", "it_officer", "director", "executive"},
    "reviews": {"it_head", "it_officer", "division_staff", "affiliated_unit", "director"},
    "tickets": {"it_head", "it_officer", "division_staff", "affiliated_unit", "director"},
    "surveys": {"it_head", "it_officer", "director", "executive"},
    "survey_answer": set(ROLES) - {"admin"},
    "dashboard": {"executive", "director", "it_head"},
    "report": {"executive", "director", "it_head", "it_officer"},
    "trace": {"executive", "director", "it_head", "it_officer"},
    "settings": {"it_head", "admin"},
    "admin_users": {"admin"},
    "admin_audit": {"admin", "it_head"},
    "admin_health": {"admin"},
    "organisation": {"admin", "it_head"},
    "admin_security": {"admin"},
    "privacy": {"it_head", "it_officer"},
    # issue 19
    "plan": {"it_head", "it_officer", "director", "executive"},
    "assessments": {"it_head", "it_officer", "director", "executive"},
    "lpa": {"executive", "director", "it_head", "it_officer"},
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_pages_of_the_matrix(role, page):
    assert can_open_page({role}, page) == (role in EXPECTED[page])


def test_the_matrix_covers_every_page_and_nothing_else():
    assert set(PAGE_ACCESS) == set(EXPECTED)


def test_the_public_survey_and_the_publications_are_the_only_pages_open_without_an_account():
    assert PUBLIC_PAGES == {"survey_public", "publications"}
    assert can_open_page(set(), "survey_public") and can_open_page(set(), "publications")
    assert not any(can_open_page(set(), page) for page in PAGE_ACCESS)


def test_unknown_pages_and_actions_are_closed_to_everyone():
    assert not can_open_page(set(ROLES), "no_such_page")
    assert not can(set(ROLES), "no.such.action")


def test_only_the_executive_approves_a_proposal():
    assert [r for r in ROLES if can({r}, "proposal.approve")] == ["executive"]


def test_every_page_file_declares_a_page_in_the_matrix():
    import importlib

    for path in sorted((ROOT / "pages").glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = importlib.import_module(f"pages.{path.stem}")
        assert module.PAGE.key in PAGE_ACCESS or module.PAGE.key in PUBLIC_PAGES, path.name


def test_every_page_file_and_every_area_package_is_listed_once():
    from core import areas
    from core.i18n import MODULES
    from pages import PAGES
    from ui.settings_sections import SECTIONS

    page_files = {p.stem for p in (ROOT / "pages").glob("*.py")} - {"__init__"}
    assert sorted(page.render.__module__.rsplit(".", 1)[-1] for page in PAGES) == sorted(page_files)
    area_packages = {p.parent.name for p in (ROOT / "core").glob("*/area.py")}
    assert sorted(areas.names()) == sorted(area_packages)
    text_files = {p.stem for p in (ROOT / "core" / "texts").glob("*.py")} - {"__init__"}
    assert sorted(m.__name__.rsplit(".", 1)[-1] for m in MODULES) == sorted(text_files)
    section_files = {p.stem for p in (ROOT / "ui" / "settings_sections").glob("*.py")} - {"__init__"}
    assert sorted(m.__name__.rsplit(".", 1)[-1] for m in SECTIONS) == sorted(section_files)


def test_no_internal_page_file_is_named_like_a_url_path():
    names = {p.stem for p in (ROOT / "pages").glob("*.py")} - {"__init__"}
    assert not names & (set(PAGE_ACCESS) | {"login"})
    assert all(name.endswith("_page") for name in names - set(PUBLIC_PAGES))


def test_public_page_files_are_named_by_their_url_and_render_only_when_run_as_a_script():
    for key in PUBLIC_PAGES:
        source = (ROOT / "pages" / f"{key}.py").read_text(encoding="utf-8")
        assert 'if __name__ == "__main__":\n' in source


def test_no_page_file_calls_streamlit_at_module_level():
    for path in sorted((ROOT / "pages").glob("*.py")):
        loose = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("st.")]
        assert loose == [], f"{path.name} renders when run as a script: {loose[:2]}"


def test_every_text_has_both_languages_and_the_same_placeholders():
    for key, (thai, english) in i18n.catalogue().items():
        assert thai.strip() and english.strip(), key
        assert set(re.findall(r"{(\w+)}", thai)) == set(re.findall(r"{(\w+)}", english)), key


def test_every_text_key_used_in_the_code_exists():
    pattern = re.compile(r"""(?:\btr|\bt|Error|Forbidden|NotFound)\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")
    missing = set()
    for folder in ("core", "pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in pattern.findall(path.read_text(encoding="utf-8")):
                if not i18n.has_text(key):
                    missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, sorted(missing)


def test_core_never_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "core").rglob("*.py")
        if re.search(r"^\s*(import|from)\s+streamlit", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
