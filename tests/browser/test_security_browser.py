"""A crafted survey link, opened in a real browser, shows no clickable link: neither the code in
the URL (inside the municipality's own red error box) nor a survey title written as Markdown."""

import shutil
from datetime import timedelta
from urllib.parse import quote

from core import bootstrap, clock
from core.surveys import services
from tests.browser.conftest import Server, screenshot, wait_for_app
from tests.conftest import actor_of

PHISHING = "[ยืนยันตัวตนรับเงินคืน](https://evil.example/login)"
SHORT = "[รับเงินคืน](https://evil.example)"  # fits the 40 characters a code may have


def _database_with_a_crafted_title(demo_template, tmp_path):
    path = tmp_path / "crafted.duckdb"
    shutil.copy(demo_template, path)
    db = bootstrap.open_database(path, demo=False)
    today = clock.now().date()
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems ORDER BY id LIMIT 1").fetchone()[0]
    services.create_survey(
        db,
        actor_of(db, "itofficer"),
        clock.now(),
        title="แบบสอบถาม " + PHISHING,
        system_id=system_id,
        fiscal_year=2570,
        audience="citizens",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        code="CRAFTED-TITLE",
        sections=[("ด้าน **ตัวหนา**", ["คำถาม <b>html</b>"])],
    )
    db.close()
    return path


def test_a_crafted_survey_link_and_a_markdown_title_show_no_clickable_link(demo_template, tmp_path, phone):
    server = Server(_database_with_a_crafted_title(demo_template, tmp_path))
    try:
        phone.goto(f"{server.url}/survey_public?code={quote(SHORT)}")
        wait_for_app(phone)
        alert = phone.get_by_text("รับเงินคืน", exact=False).first
        alert.wait_for()
        assert "[รับเงินคืน](HTTPS://EVIL.EXAMPLE)" in alert.inner_text().replace("\u2060", "")  # as typed
        anchors = phone.locator("a[href*='evil'], a[href*='EVIL']")
        assert anchors.count() == 0, [
            anchors.nth(i).evaluate("e => e.outerHTML") for i in range(anchors.count())
        ]
        screenshot(phone, "security-crafted-code")

        phone.goto(f"{server.url}/survey_public?code=CRAFTED-TITLE")
        wait_for_app(phone)
        phone.get_by_role("button", name="ส่งแบบสอบถาม").wait_for()
        title = phone.get_by_text("แบบสอบถาม [ยืนยันตัวตนรับเงินคืน]", exact=False).first
        title.wait_for()
        anchors = phone.locator("a[href*='evil'], a[href*='EVIL']")
        assert anchors.count() == 0, [
            anchors.nth(i).evaluate("e => e.outerHTML") for i in range(anchors.count())
        ]
        assert phone.get_by_text("ด้าน **ตัวหนา**", exact=False).count() >= 1
        assert phone.get_by_text("<b>html</b>", exact=False).count() >= 1
        screenshot(phone, "security-crafted-title")
    finally:
        server.stop()
