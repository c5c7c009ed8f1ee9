"""No English in the Thai UI (issue 16): every page each demo role may open, read in a real browser.

For each role one browser context signs in and opens its pages by URL; the visible text of the
page (body text, the placeholders of inputs and select boxes, the table cells that the data grid
draws on a canvas and mirrors in its accessible table) is searched for Latin words. Words that are
legitimately English in a Thai office are allowed, and only those (``ALLOWED`` says why each is);
anything else fails the test with the page and the words, so Streamlit's own English ("Choose an
option", "View 4 more", "Upload", "200MB per file", "None" cells) cannot come back unnoticed.
"""

from __future__ import annotations

import re

import pytest

from core import demo
from core.permissions import PUBLIC_PAGES, can_open_page
from tests.browser.conftest import screenshot, sign_in, wait_for_app
from ui.registry import SECTIONS

# Latin words that are Thai office usage or data, not untranslated UI:
ALLOWED = {
    # abbreviations Thai officials write in Latin letters (kinds of files, the assessments, LINE the messenger)
    "PDF", "CSV", "KPI", "LINE", "ITA", "LPA", "Excel", "QR", "SLA", "PDPA", "URL", "PNG", "JPEG", "IT",
    # the product's name next to its Thai name (พัฒนา (Pattana)) and the language switch's own choice
    "Pattana", "English",
    # names as the official sources write them: the work manual's stage 6 "ระบบจำลอง (Prototype)",
    # the national e-LAAS accounting system (and the PHRASES below)
    "Prototype", "LAAS",
    # kinds of file accepted by an upload, said next to it; units of size (data on the health page)
    "JPG", "DOCX", "XLSX", "KB", "MB", "GB",
}  # fmt: skip
# Shapes of data rather than words: codes (TK2569-00001, PR2570-019, ASSET-2570), e-mail, web addresses,
# user names of the demo accounts (shown where an administrator manages them), S.D. and x̄ of the statistics.
CODE = re.compile(r"^[A-Z][A-Z0-9]*-?\d[\w-]*$")
ADDRESS = re.compile(
    r"\S+@\S+|https?://\S+|www\.\S+|[\w.-]+\.(?:go\.th|example|com|org|th)\b"
    r"|(?:/[\w.+-]+){2,}/?"  # a file path (the administrator's health page names its files)
    r"|[\w.-]+\.(?:png|jpe?g|pdf|docx|xlsx|csv|duckdb|parquet|json)\b"  # a file name someone uploaded
    r"|\b[0-9a-f]{12,}\b"  # a file's hash (review artifacts)
)
# Phrases Thai writes in Latin letters: the LPA indicator "(Citizen Feedback)", LINE's product name,
# "QR code"; and "xxx", the survey results' mask over a contact someone typed into a comment.
PHRASES = re.compile(r"Citizen Feedback|LINE Official Account|QR codes?|@?xxx(?:@xxx)?")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
USERNAMES = {user[0] for user in demo.USERS}
# Codes and names of the demo systems and units in both languages are data typed by the town (e.g. "e-Petition").
DATA_WORDS = {word for system in demo.SYSTEMS for word in WORD.findall(" ".join(map(str, system[:3])))} | {
    word for unit in demo.UNITS for word in WORD.findall(" ".join(map(str, unit[:3])))
}

ROLES = ["admin", "executive", "director", "ithead", "itofficer", "staff", "teacher"]


def english_words(text: str) -> set[str]:
    """The Latin words of ``text`` that are neither allowed nor data (codes, addresses, user names)."""
    text = PHRASES.sub(" ", ADDRESS.sub(" ", text))
    found = set()
    for token in re.split(r"[\s()\[\],;:·/|\"“”]+", text):
        if not token or CODE.match(token) or token in USERNAMES:
            continue
        for word in WORD.findall(token):
            if word not in ALLOWED and word not in DATA_WORDS and not CODE.match(word):
                found.add(word)
    return found


def visible_text(tab) -> str:
    """What a person reads on the page: the text of every element drawn at a readable size
    (Material icons, whose ligature names such as "keyboard_arrow_down" draw a picture, and
    visually hidden skip links aside), the placeholders shown in empty inputs, and the cells of
    the data grids in view (drawn on a canvas, mirrored in the grid's accessible table)."""
    return tab.evaluate(
        """() => {
            const shown = el => {
                const box = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                return box.width >= 2 && box.height >= 2 && style.visibility !== 'hidden'
                    && parseFloat(style.fontSize) > 0;
            };
            const parts = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode, el = node.parentElement;
                if (!el || !node.textContent.trim()) continue;
                if (el.closest('script, style, noscript, code, pre')) continue;  // a command is typed as is
                if (/Material/i.test(getComputedStyle(el).fontFamily)) continue;  // an icon's ligature name
                if (el.closest('[data-testid="stDataFrame"]')) continue;  // its cells are read below
                if (shown(el)) parts.push(node.textContent);
            }
            for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
                if (shown(input) && !input.value) parts.push(input.placeholder);
            }
            for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]')) {
                if (!shown(grid)) continue;
                for (const cell of grid.querySelectorAll('table td, table th')) {
                    // a tick-box cell is drawn as a box; only its accessible mirror says true/false
                    if (!/^(true|false)$/.test(cell.textContent.trim())) parts.push(cell.textContent);
                }
            }
            return parts.join('\\n');
        }"""
    )


def pages_of(username: str) -> list[str]:
    roles = {role for user in demo.USERS if user[0] == username for role in user[4]}
    keys = [key for _section, keys in SECTIONS for key in keys if can_open_page(roles, key)]
    return keys + sorted(k for k in PUBLIC_PAGES if k != "survey_public")


def test_the_word_finder_flags_streamlit_english_and_lets_codes_and_data_pass():
    assert english_words("Choose an option") == {"Choose", "an", "option"}
    assert english_words("View 4 more · 200MB per file · None") == {"View", "more", "per", "file", "None"}
    assert not english_words(
        "TK2569-00001 PR2570-019 ASSET-2570 ไฟล์ PDF, Excel ติดต่อ ithead@warinchamrap.go.th LINE"
    )
    assert not english_words("ระบบรับคำร้องออนไลน์ (e-Petition) https://example.go.th/x สแกน QR code")
    assert english_words("Upload ไฟล์ละไม่เกิน 20 MB per file") == {"Upload", "per", "file"}
    assert not english_words("/tmp/pytest-1/live/live.duckdb หน้าจอ-ระบบ.png 3fa9c2d1e0b4a7f8")


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_may_open_reads_in_thai_only(live_server, page, username):
    sign_in(page, live_server.url, username)
    findings: dict[str, set[str]] = {}
    first, *_rest = keys = pages_of(username)
    for key in keys:
        page.goto(f"{live_server.url}/{'' if key == first else key}")  # the first page is the app's root
        wait_for_app(page)
        page.locator("h1").first.wait_for()
        words = english_words(visible_text(page))
        if words:
            findings[key] = words
        screenshot(page, f"thai-ui-{username}-{key}")  # every page of every role, for people to look at
    report = "\n".join(f"/{key}: {', '.join(sorted(words))}" for key, words in findings.items())
    assert not findings, f"English in the Thai UI of {username}:\n{report}"


def test_the_sign_in_page_reads_in_thai_only(live_server, page):
    page.goto(live_server.url)
    wait_for_app(page)
    page.get_by_role("textbox", name="ชื่อผู้ใช้").wait_for()
    assert not english_words(visible_text(page))
    screenshot(page, "thai-ui-sign-in")


def test_the_sidebar_shows_every_page_of_the_it_head_without_a_view_more_button(live_server, page):
    sign_in(page, live_server.url, "ithead")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name="ตั้งค่า").wait_for()
    assert "View" not in sidebar.inner_text()


def test_english_mode_still_reads_in_english(live_server, page):
    sign_in(page, live_server.url, "ithead")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_for_app(page)
    page.locator("h1", has_text="My work").wait_for()
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Audit log").click()
    wait_for_app(page)
    page.locator("h1", has_text="Audit log").wait_for()
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] table td')]
                 .some(cell => cell.textContent.includes('signed in'))"""
    )  # the log's sentences in English too ("นายธนกร บุญมา: signed in")
    screenshot(page, "thai-ui-english-mode-audit")


def test_the_file_uploader_reads_in_thai_with_the_real_size_limit(live_server, page):
    sign_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}/tickets")
    page.get_by_role("tab", name="แจ้งปัญหา/ความต้องการใหม่").click()
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    dropzone.wait_for()
    dropzone.scroll_into_view_if_needed()
    uploader = page.locator('[data-testid="stFileUploader"]').first
    assert "ไฟล์ละไม่เกิน 5 เมกะไบต์" in page.inner_text("body")
    assert not english_words(visible_text(page))
    label = dropzone.locator("button").evaluate("b => getComputedStyle(b, '::after').content")
    assert label == '"เลือกไฟล์"'
    uploader.screenshot(
        path=str(screenshot(page, "thai-ui-staff-ticket-upload").with_name("thai-ui-uploader.png"))
    )
