"""Notifications benchmark: from a ticket's commit to the e-mail at the SMTP server and to the
officer's open queue showing it; the dispatcher's throughput.

    python -m benchmarks.notifications --tickets 100

1. **Latency, end to end.** A Pattana server (``streamlit run``, scheduler on, e-mail pointed at
   a local aiosmtpd server) on a demo database; in Debian's chromium an IT officer has the
   tickets page open, a member of staff files ``--tickets`` problems one after another through
   the form. For each ticket, from the click on "ส่งเรื่อง" (so the figure includes the submit
   itself: an upper bound of "from the commit"):
   - *e-mail*: until the SMTP server has the officer's message naming the ticket;
   - *open queue*: until the officer's browser receives a queue table (a websocket frame with
     the queue's column heading) containing the ticket: what the page draws next.
2. **Dispatcher throughput**, in process: ``--deliveries`` e-mails and as many LINE pushes
   (local Messaging API server) delivered by ``dispatch_once`` rounds.

The clock is pinned to a Tuesday 10:00 (office hours) so that nothing waits for the morning.
Targets (issue 17): open queue within 30 s, e-mail within 60 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

from core import bootstrap, clock, demo

ROOT = Path(__file__).resolve().parent.parent
PINNED = datetime(2026, 11, 24, 10, 0)
QUEUE_HEADING = "สถานะเวลา".encode()  # the queue table's first column (tickets.col.flag)


def _serve(db_path: Path, env: dict, port: int) -> subprocess.Popen:
    log = open(db_path.with_suffix(".log"), "w")  # noqa: SIM115 - the server writes to it until it stops
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "serve.py"),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the server did not start")


def _figures(name: str, values: list[float], target: float | None = None) -> str:
    if not values:
        return f"{name}: no value"
    line = (
        f"{name}: n={len(values)} median {statistics.median(values):.2f} s, "
        f"slowest {max(values):.2f} s, fastest {min(values):.2f} s"
    )
    if target is not None:
        line += f" (target < {target:.0f} s: {'PASS' if max(values) < target else 'FAIL'})"
    return line


def end_to_end(tickets: int, workdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    from benchmarks.serving import CHROMIUM, LAUNCH_ARGS
    from tests.browser.test_tickets_browser import _goto, _sign_in
    from tests.notify_servers import MailServer, free_port

    db_path = workdir / "bench.duckdb"
    print("building the demo database ...", flush=True)
    db = bootstrap.open_database(db_path, demo=False)
    demo.seed(db, now=PINNED, years=1, scale=1)
    db.close()
    mail = MailServer().start()
    port = free_port()
    env = {
        "PATTANA_DB": str(db_path),
        "PATTANA_DEMO": "0",
        "PATTANA_SCHEDULER": "1",
        "PATTANA_COOKIE_KEY": "bench-cookie-key-" + "b" * 32,
        "PATTANA_BASE_URL": f"http://127.0.0.1:{port}",
        **mail.env(),
    }
    server = _serve(db_path, env, port)
    url = f"http://127.0.0.1:{port}"
    frames: list[tuple[float, bytes]] = []
    clicked: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            officer_context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
            officer_context.set_default_timeout(120_000)
            officer = officer_context.new_page()
            _sign_in(officer, url, "itofficer")
            _goto(officer, f"{url}/tickets")

            def on_socket(socket):
                socket.on(
                    "framereceived",
                    lambda payload: frames.append(
                        (time.monotonic(), payload if isinstance(payload, bytes) else payload.encode())
                    ),
                )

            officer.on("websocket", on_socket)
            officer.reload()  # the listener sees the page's own socket
            _goto(officer, f"{url}/tickets")
            officer.get_by_role("tab", name="ยังไม่มีผู้รับผิดชอบ").click()

            # staff in a browser of their own: the officer's page is then the only page of its browser
            staff_browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
            )
            staff_context = staff_browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
            staff_context.set_default_timeout(120_000)
            staff = staff_context.new_page()
            _sign_in(staff, url, "staff")
            _goto(staff, f"{url}/tickets")
            _on_form(staff, lambda: _pick_system(staff))
            _on_form(staff, lambda: staff.get_by_label("รายละเอียด").fill("วัดเวลาการแจ้งเตือน", timeout=5_000))
            flash = staff.get_by_text(re.compile(r"รับเรื่อง TK\d{4}-\d{5} แล้ว"))
            last_code = None
            print(f"filing {tickets} tickets ...", flush=True)
            for number in range(tickets):
                title = f"BENCH-{number:03d} วัดเวลา"
                _on_form(staff, lambda t=title: staff.get_by_label("เรื่อง", exact=True).fill(t, timeout=5_000))
                started = time.monotonic()
                staff.get_by_role("button", name="ส่งเรื่อง").click()
                code = None
                while code is None:  # the officer's page keeps receiving meanwhile
                    officer.wait_for_timeout(20)
                    code = _new_code(flash, last_code)
                clicked[code] = started
                last_code = code
            print("waiting for the last deliveries ...", flush=True)
            # Playwright's sync API hands websocket events over only while one of its calls runs:
            # wait with the page's own timer so frames are stamped within 0.1 s of arriving.
            deadline = time.monotonic() + 180
            while not (_mail_done(mail, clicked) and _queue_done(frames, clicked)):
                if time.monotonic() > deadline:
                    raise AssertionError("not every ticket reached the mailbox and the open queue in 180 s")
                officer.wait_for_timeout(100)
            staff_browser.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        mail.stop()

    mail_seconds, queue_seconds = [], []
    for code, started in clicked.items():
        arrived = [
            at
            for at, rcpt, _raw, msg in mail.messages
            if "itofficer@" in rcpt[0] and code in str(msg["Subject"])
        ]
        mail_seconds.append(min(arrived) - started)
        shown = [
            at
            for at, payload in frames
            if at >= started and code.encode() in payload and QUEUE_HEADING in payload
        ]
        queue_seconds.append(min(shown) - started)
    print()
    print(_figures("ticket -> e-mail at the SMTP server", mail_seconds, 60))
    print(_figures("ticket -> officer's open queue", queue_seconds, 30))


def _pick_system(tab) -> None:
    tab.get_by_role("combobox", name=re.compile("ระบบที่เกี่ยวข้อง")).click(timeout=5_000)
    tab.get_by_role("option", name="ระบบชำระภาษีที่ดินและสิ่งปลูกสร้างออนไลน์").click(timeout=5_000)


def _on_form(tab, action, tries: int = 12) -> None:
    """Do ``action`` on the report form, showing its tab first; a rerun of the page (the live
    queues refresh themselves) can swallow a click or detach a field, so try again."""
    for attempt in range(tries):
        _report_tab(tab)
        try:
            action()
            return
        except Exception:
            if attempt == tries - 1:
                raise
            tab.keyboard.press("Escape")
            tab.wait_for_timeout(300)


def _report_tab(tab):
    """Click the report tab until its form shows (a click during a rerun can be lost)."""
    system = tab.get_by_role("combobox", name=re.compile("ระบบที่เกี่ยวข้อง"))
    for _ in range(100):
        if system.is_visible():
            return system
        try:
            tab.get_by_role("tab", name="แจ้งปัญหา/ความต้องการใหม่").last.click(timeout=5_000)
        except Exception:  # noqa: BLE001, S110 - the tabs were being re-rendered
            pass
        tab.wait_for_timeout(500)
    raise RuntimeError("the report form did not show")


def _new_code(flash, last: str | None) -> str | None:
    try:
        text = flash.first.inner_text(timeout=200)
    except Exception:  # noqa: BLE001 - not there yet
        return None
    found = re.search(r"TK\d{4}-\d{5}", text)
    return found.group(0) if found and found.group(0) != last else None


def _mail_done(mail, clicked: dict) -> bool:
    subjects = [str(m[3]["Subject"]) for m in list(mail.messages) if "itofficer@" in m[1][0]]
    return all(any(code in s for s in subjects) for code in clicked)


def _queue_done(frames: list, clicked: dict) -> bool:
    seen = [payload for _at, payload in list(frames) if QUEUE_HEADING in payload]
    return all(any(code.encode() in p for p in seen) for code in clicked)


def throughput(deliveries: int, workdir: Path) -> None:
    from core.notifications import dispatcher, services
    from tests.notify_servers import LineServer, MailServer

    mail, line = MailServer().start(), LineServer().start()
    for key, value in {**mail.env(), **line.env()}.items():
        os.environ[key] = value
    db = bootstrap.open_database(workdir / "throughput.duckdb", demo=False)
    try:

        def world(cur):
            ids = []
            for number in range(deliveries):
                user = cur.execute(
                    "INSERT INTO users (username, full_name, email, password_hash, created_at,"
                    " updated_at) VALUES (?, ?, ?, 'x', ?, ?) RETURNING id",
                    [f"u{number}", f"ผู้ใช้ {number}", f"u{number}@example.test", PINNED, PINNED],
                ).fetchone()[0]
                cur.execute("INSERT INTO line_links VALUES (?, ?, ?)", [user, f"U{number:032d}", PINNED])
                ids.append(user)
            services.notify(
                cur,
                now=PINNED,
                kind="ticket_breach",
                recipients=ids,
                values={
                    "code": "TK2570-00001",
                    "title": "วัด",
                    "clock": "วิเคราะห์",
                    "due": "-",
                    "assignee": "-",
                },
                page="tickets",
                query={"ticket": "TK2570-00001"},
            )

        db.write(world)
        started = time.monotonic()
        rounds = 0
        at = PINNED
        while True:
            result = dispatcher.dispatch_once(db, at, batch=100)
            rounds += 1
            if result.claimed == 0:
                break
            at += timedelta(seconds=1)
        seconds = time.monotonic() - started
        total = 2 * deliveries
        print(
            f"dispatcher: {total} deliveries ({deliveries} e-mails + {deliveries} LINE pushes) in "
            f"{seconds:.1f} s = {total / seconds:.0f} deliveries/s ({rounds} rounds); "
            f"received {len(mail.messages)} e-mails, {len(line.accepted)} pushes"
        )
    finally:
        db.close()
        mail.stop()
        line.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100)
    parser.add_argument("--deliveries", type=int, default=500)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, server log)")
    args = parser.parse_args(argv)
    os.environ[clock.ENVIRONMENT_VARIABLE] = clock.pinned(PINNED)
    workdir = Path(tempfile.mkdtemp(prefix="pattana-notify-bench-"))
    try:
        throughput(args.deliveries, workdir)
        if not args.skip_browser:
            end_to_end(args.tickets, workdir)
    finally:
        if args.keep:
            print(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
