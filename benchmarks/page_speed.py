"""Page speed as a person feels it: Pattana's pages next to a trivial one-form Streamlit app.

    python -m benchmarks.page_speed --repeat 3                 # demo data (2 fiscal years)
    python -m benchmarks.page_speed --years 10 --repeat 3      # ten fiscal years of data
    python -m benchmarks.page_speed --roles itofficer --pages home surveys --repeat 1

Serves, side by side on 127.0.0.1 (``benchmarks.serving.StreamlitServer``), Pattana on a fresh
copy of the demo database and ``benchmarks/baseline_app.py`` (one ``st.form``), and drives
Debian's chromium with Playwright. For each demo role it signs in through the form, then opens
every page the role may see by URL (a full page load) and by a click in the sidebar, each
``--repeat`` times, and prints a table: page, role, median load (s), its ratio to the trivial
app's load in the same run (the median of a trivial load made just before every page load, so
that both are measured on the machine as it is at that moment), median click (s), and script
runs per load.

"Ready" is the issue's definition: the app root (``[data-testid=stApp]``) last reported that no
script is running (``data-test-script-state``), and nothing started again for ``--quiet``
seconds. A load's time is from the navigation's start to that last report; a click's from the
click. The script runs of a load are counted twice, independently: from the app root's state
changes, and from the ``new_session`` messages (one per script run) among the websocket frames
the browser received. Both should be 1: a second run after a load can swallow a click. The live
parts (the bell, the queues: fragments rerunning themselves every 15 s by default) are set to
their longest period (600 s) in the benchmark's database, so that their own runs, which the
person does not wait for, do not land inside a measurement.

``run(...)`` is importable (the test suite runs it at ``repeat=1`` on two pages).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.serving import CHROMIUM, LAUNCH_ARGS, StreamlitServer

ROOT = Path(__file__).resolve().parent.parent
# One demo user per role.
ROLE_USERS = {
    "admin": "admin",
    "executive": "executive",
    "director": "director",
    "it_head": "ithead",
    "it_officer": "itofficer",
    "division_staff": "staff",
    "affiliated_unit": "teacher",
}

# Records every change of the app root's script state, with its time since the navigation began.
_STATE_RECORDER = """
(() => {
  window.__speed = {marks: [], last: null, changed: 0};
  new MutationObserver(() => {
    window.__speed.changed = performance.now();  // the last change to the page, of any kind
    const root = document.querySelector('[data-testid="stApp"]');
    const state = root ? root.getAttribute('data-test-script-state') : null;
    if (state !== window.__speed.last) {
      window.__speed.last = state;
      window.__speed.marks.push({t: performance.now(), s: state});
    }
  }).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
})();
"""

_CLICK_AT = """() => { window.__speed.clickAt = performance.now(); window.__speed.from = window.__speed.marks.length; }"""

_STATUS = """since => {
  const marks = window.__speed.marks.slice(since);
  return {marks, now: performance.now(), changed: window.__speed.changed, state: window.__speed.last};
}"""


@dataclass
class Measure:
    seconds: float  # to the last "not running" report
    runs: int  # script runs seen from the app root's state
    ws_runs: int  # new_session messages received


@dataclass
class Row:
    page: str
    role: str
    load: float
    ratio: float
    click: float | None
    runs: int  # the most runs any load of this page took (both counts)
    lost_clicks: int = 0  # sidebar clicks that started no run within the timeout

    def cells(self) -> list[str]:
        return [
            self.page,
            self.role,
            f"{self.load:.2f}",
            f"{self.ratio:.2f}",
            ("-" if self.click is None else f"{self.click:.2f}")
            + (f" ({self.lost_clicks} lost)" if self.lost_clicks else ""),
            str(self.runs),
        ]


@dataclass
class Report:
    trivial_load: float
    rows: list[Row] = field(default_factory=list)
    sign_in: dict[str, float] = field(default_factory=dict)  # role -> median s
    years: int = 2
    repeat: int = 1
    trivial_loads: int = 0  # loads of the trivial app behind trivial_load (one before each page load)

    HEADER = ["page", "role", "load s", "x trivial", "click s", "runs/load"]

    def table(self) -> str:
        lines = [
            f"trivial app load {self.trivial_load:.2f} s (median of {self.trivial_loads}, one before "
            f"each page load); each page: median of {self.repeat}; "
            f"demo data {self.years} fiscal years",
            "| " + " | ".join(self.HEADER) + " |",
            "|" + "---|" * len(self.HEADER),
        ]
        lines += ["| " + " | ".join(row.cells()) + " |" for row in self.rows]
        lines.append("")
        lines.append("| role | sign-in s |")
        lines.append("|---|---|")
        lines += [f"| {role} | {s:.2f} |" for role, s in self.sign_in.items()]
        return "\n".join(lines)


# -- serving ----------------------------------------------------------------------------------------


def build_database(path: Path, *, years: int, scale: int = 1) -> Path:
    """A demo database as the browser tests make it (``years`` fiscal years of data)."""
    from core import areas, bootstrap, clock

    db = bootstrap.open_database(path, demo=False)
    areas.seed_demo(db, now=clock.now(), years=years, scale=scale)
    db.close()
    return path


def quiet_live_parts(path: Path, seconds: int = 600) -> None:
    """Set the live parts' refresh period (the bell and the queues are fragments that rerun
    themselves, by default every 15 s) to its longest, so that a fragment's own run does not
    land inside a measured load and is not taken for a second run of the page."""
    from core import bootstrap, clock, settings
    from core.actor import Actor
    from core.notifications.services import LIVE_REFRESH_KEY

    db = bootstrap.open_database(path, demo=False)
    actor = Actor(
        user_id=0, username="page-speed", full_name="page speed benchmark", roles=frozenset({"admin"})
    )
    db.write(lambda cur: settings.put(cur, LIVE_REFRESH_KEY, seconds, actor=actor, now=clock.now()))
    db.close()


def serve_pattana(db_path: Path, root: Path = ROOT) -> StreamlitServer:
    """Pattana from the tree at ``root`` (another revision's checkout too: ``serve.py`` where it
    exists, else the entry script it had), on ``db_path``."""
    entry = root / "serve.py" if (root / "serve.py").exists() else root / "streamlit_app.py"
    env = dict(
        os.environ,
        PYTHONPATH=str(root),
        PATTANA_DB=str(db_path),
        PATTANA_DEMO="0",
        PATTANA_SCHEDULER="0",
        PATTANA_COOKIE_KEY="page-speed-cookie-key-" + "s" * 24,
    )
    return StreamlitServer(
        entry,
        env=env,
        log_path=db_path.with_suffix(".log"),
        extra_args=["--server.fileWatcherType", "none"],
    )


def serve_trivial(folder: Path) -> StreamlitServer:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PATTANA_BASELINE_DB=str(folder / "trivial.duckdb"))
    return StreamlitServer(
        ROOT / "benchmarks" / "baseline_app.py",
        env=env,
        log_path=folder / "trivial.log",
        extra_args=["--server.fileWatcherType", "none"],
    )


# -- the browser ------------------------------------------------------------------------------------


class Tab:
    """A browser tab that records the app root's script states and counts script runs."""

    def __init__(self, browser, quiet: float, timeout: float = 30):
        self.quiet = quiet
        self.timeout = timeout
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
        self.context.set_default_timeout(timeout * 1000)
        self.context.add_init_script(_STATE_RECORDER)
        self.tab = self.context.new_page()
        self.new_sessions = 0
        self.tab.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        def received(payload) -> None:
            if isinstance(payload, str):
                return
            message = ForwardMsg()
            try:
                message.ParseFromString(payload)
            except Exception:  # noqa: BLE001 - not a ForwardMsg: not a run
                return
            if message.WhichOneof("type") == "new_session":
                self.new_sessions += 1

        socket.on("framereceived", received)

    def close(self) -> None:
        self.context.close()

    def settle(self, since: int, started: float, sessions_before: int | None = None) -> Measure:
        """Wait until the last state since mark ``since`` is "not running", held for ``quiet``
        seconds with at least one run seen; the time is from ``started`` (ms, page clock).

        A run short enough that its "running" and "not running" reach React in one batch never
        shows on the app root: when ``sessions_before`` is given, a run the websocket saw (a
        new_session message since then) counts too, ready at the page's last change."""
        deadline = time.monotonic() + self.timeout
        while True:
            status = self.tab.evaluate(_STATUS, since)
            marks = status["marks"]
            runs = sum(
                1
                for i, mark in enumerate(marks)
                if mark["s"] == "running" and (i == 0 or marks[i - 1]["s"] != "running")
            )
            if (
                runs
                and marks[-1]["s"] == "notRunning"
                and status["now"] - marks[-1]["t"] >= self.quiet * 1000
            ):
                return Measure((marks[-1]["t"] - started) / 1000, runs, 0)
            if (
                not runs
                and sessions_before is not None
                and self.new_sessions > sessions_before
                and status["state"] == "notRunning"
                and status["now"] - status["changed"] >= self.quiet * 1000
            ):
                return Measure((max(status["changed"], started) - started) / 1000, 1, 0)
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page did not settle: {marks[-5:]}")
            self.tab.wait_for_timeout(100)

    def load(self, url: str) -> Measure:
        before = self.new_sessions
        self.tab.goto(url, wait_until="commit")
        measure = self.settle(0, 0.0)
        measure.ws_runs = self.new_sessions - before
        return measure

    def click(self, locator) -> Measure:
        locator.wait_for()
        before = self.new_sessions
        self.tab.evaluate(_CLICK_AT)
        locator.click()  # Playwright's own click (a few ms after the mark): as a person clicks
        since, started = self.tab.evaluate("() => [window.__speed.from, window.__speed.clickAt]")
        measure = self.settle(since, started, sessions_before=before)
        measure.ws_runs = self.new_sessions - before
        return measure


def _texts():
    from core import i18n

    return lambda key: i18n.t(key, "th")


def sign_in(tab: Tab, base_url: str, username: str, password: str) -> Measure:
    """Open the sign-in page, fill the form, click; the time is from the click to ready."""
    tab.load(base_url + "/")
    page = tab.tab
    for attempt in range(3):  # a form whose text was not yet taken is filled again
        page.get_by_role("textbox", name="ชื่อผู้ใช้").fill(username)
        page.get_by_role("textbox", name="รหัสผ่าน").fill(password)
        page.get_by_role("textbox", name="รหัสผ่าน").press("Tab")
        try:
            measure = tab.click(page.get_by_role("button", name="เข้าสู่ระบบ"))
        except TimeoutError:
            if attempt == 2:
                raise
            continue
        if page.get_by_role("button", name="ออกจากระบบ").count():
            break
    page.get_by_role("button", name="ออกจากระบบ").wait_for()
    deadline = time.monotonic() + 30
    while not any(c["name"] == _cookie_name() for c in tab.context.cookies()):
        if time.monotonic() > deadline:
            raise AssertionError("no sign-in cookie")
        page.wait_for_timeout(50)
    return measure


def _cookie_name() -> str:
    from core.config import Config

    return Config.cookie_name


def pages_for(role: str) -> list[str]:
    """The pages a role may open, in sidebar order."""
    from core.permissions import can_open_page
    from ui.registry import SECTIONS

    return [key for _section, keys in SECTIONS for key in keys if can_open_page(frozenset({role}), key)]


def _median(values):
    return statistics.median(values) if values else None


def measure_role(
    browser,
    base_url: str,
    role: str,
    pages: list[str],
    repeat: int,
    quiet: float,
    password: str,
    baseline=lambda: None,
) -> tuple[float, dict[str, dict]]:
    """Sign-in time and, per page, load times, click times and runs; ``baseline()`` (a load of
    the trivial app) runs just before each page load, so both see the machine in the same state."""
    tr = _texts()
    tab = Tab(browser, quiet)
    results: dict[str, dict] = {key: {"load": [], "click": [], "runs": 0, "lost": 0} for key in pages}
    try:
        signed = sign_in(tab, base_url, ROLE_USERS[role], password)
        for _ in range(repeat):
            for key in pages:
                baseline()
                measure = tab.load(f"{base_url}/{key}")
                results[key]["load"].append(measure.seconds)
                results[key]["runs"] = max(results[key]["runs"], measure.runs, measure.ws_runs)
        if len(pages) > 1:
            menu = tab.tab.locator('[data-testid="stSidebarNav"]')  # the sidebar's page menu
            tab.load(f"{base_url}/{pages[-1]}")
            for _ in range(repeat):
                for key in pages:
                    link = menu.get_by_role("link", name=tr(f"page.{key}"), exact=True)
                    try:
                        results[key]["click"].append(tab.click(link).seconds)
                    except TimeoutError:  # the click started no run: counted, shown as lost
                        results[key]["lost"] += 1
                        tab.load(f"{base_url}/{key}")
    finally:
        tab.close()
    return signed.seconds, results


def run(
    *,
    browser=None,
    roles: list[str] | None = None,
    pages: list[str] | None = None,
    repeat: int = 3,
    years: int = 2,
    quiet: float = 1.5,
    workdir: Path | None = None,
    template: Path | None = None,
    echo=None,
) -> Report:
    """Serve both apps, measure, stop them; ``browser`` is a Playwright browser (one is launched
    when None). ``pages`` limits the pages (those of a role it may not open are left out)."""
    from core import demo

    workdir = Path(workdir or tempfile.mkdtemp(prefix="pattana-speed-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "pattana.duckdb"
    if template is not None:
        shutil.copy(template, db_path)
    else:
        build_database(db_path, years=years)
    quiet_live_parts(db_path)
    roles = roles or list(ROLE_USERS)
    report = Report(trivial_load=0.0, years=years, repeat=repeat)
    playwright = None
    if browser is None:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
    pattana = serve_pattana(db_path)
    trivial = serve_trivial(workdir)
    trivial_tab = Tab(browser, quiet)
    trivial_loads: list[float] = []
    try:
        trivial_tab.load(trivial.url)  # warm up both servers (imports, first run), untimed
        trivial_tab.load(pattana.url)
        trivial_loads += [trivial_tab.load(trivial.url).seconds for _ in range(repeat)]
        for role in roles:
            keys = [k for k in pages_for(role) if pages is None or k in pages]
            signed, results = measure_role(
                browser,
                pattana.url,
                role,
                keys,
                repeat,
                quiet,
                demo.DEMO_PASSWORD,
                baseline=lambda: trivial_loads.append(trivial_tab.load(trivial.url).seconds),
            )
            report.sign_in[role] = signed
            report.trivial_load = statistics.median(trivial_loads)
            report.trivial_loads = len(trivial_loads)
            for key in keys:
                load = _median(results[key]["load"])
                row = Row(
                    page=key,
                    role=role,
                    load=load,
                    ratio=load / report.trivial_load,
                    click=_median(results[key]["click"]),
                    lost_clicks=results[key]["lost"],
                    runs=results[key]["runs"],
                )
                report.rows.append(row)
                if echo:
                    echo("| " + " | ".join(row.cells()) + " |")
        report.trivial_load = statistics.median(trivial_loads)
        report.trivial_loads = len(trivial_loads)
        for row in report.rows:  # against the whole run's trivial loads (the echo used those so far)
            row.ratio = row.load / report.trivial_load
    finally:
        trivial_tab.close()
        pattana.stop()
        trivial.stop()
        if playwright is not None:
            browser.close()
            playwright.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="loads and clicks per page (median)")
    parser.add_argument("--years", type=int, default=2, help="fiscal years of demo data (10 = ten years)")
    parser.add_argument("--roles", nargs="+", choices=sorted(ROLE_USERS), default=None)
    parser.add_argument("--pages", nargs="+", default=None, help="page keys (default: all)")
    parser.add_argument(
        "--quiet", type=float, default=1.5, help="seconds without a run that make a page ready"
    )
    parser.add_argument(
        "--db", type=Path, default=None, help="a demo database to copy instead of building one"
    )
    args = parser.parse_args(argv)
    print("| " + " | ".join(Report.HEADER) + " |", flush=True)
    report = run(
        roles=args.roles,
        pages=args.pages,
        repeat=args.repeat,
        years=args.years,
        quiet=args.quiet,
        template=args.db,
        echo=lambda line: print(line, flush=True),
    )
    print()
    print(report.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
