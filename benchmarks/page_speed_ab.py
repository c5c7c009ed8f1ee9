"""Before and after in one run: two revisions of Pattana served side by side, page loads by URL.

    python -m benchmarks.page_speed_ab --before 54a47a7 --role executive --rounds 5
    python -m benchmarks.page_speed_ab --before 54a47a7 --role it_officer --pages home tickets --rounds 5

``--before`` is checked out with ``git worktree`` into a temporary folder; the working tree is the
"after". Each revision is served the way it is served at that revision (``serve.py`` where it
exists, else ``streamlit_app.py``) on its own copy of one demo database, next to the trivial app.
A round loads the trivial app once, then every page of both revisions once (alternating, so both
see the machine in the same state); the table shows each page's median load and its ratio to the
median trivial load. Loads are timed as ``page_speed`` times them (to the last "not running"
report of the app root, held ``--quiet`` seconds).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.page_speed import (
    ROLE_USERS,
    ROOT,
    Tab,
    build_database,
    pages_for,
    quiet_live_parts,
    serve_pattana,
    serve_trivial,
    sign_in,
)
from benchmarks.serving import CHROMIUM, LAUNCH_ARGS, StreamlitServer


def run(
    before: str,
    role: str,
    pages: list[str] | None,
    rounds: int,
    quiet: float,
    years: int,
    template: Path | None = None,
    browser=None,
) -> str:
    """Serve both revisions, measure, stop them; returns the table. ``template``: a demo database
    to copy instead of building one of ``years`` fiscal years; ``browser``: a Playwright browser
    (one is launched when None)."""
    from playwright.sync_api import sync_playwright

    from core import demo

    work = Path(tempfile.mkdtemp(prefix="pattana-ab-"))
    old_tree = work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old_tree), before], cwd=ROOT, check=True)
    trees = {"before": old_tree, "after": ROOT}
    servers: dict[str, StreamlitServer] = {}
    playwright = None
    trivial = None
    tabs: dict[str, Tab] = {}
    try:
        if template is None:
            template = build_database(work / "template.duckdb", years=years)
        else:
            template = Path(shutil.copy(template, work / "template.duckdb"))
        quiet_live_parts(template)
        if browser is None:
            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        trivial = serve_trivial(work)
        for name, tree in trees.items():
            db_path = work / f"{name}.duckdb"
            shutil.copy(template, db_path)
            servers[name] = serve_pattana(db_path, root=tree)
        keys = [k for k in pages_for(role) if pages is None or k in pages]
        tabs["trivial"] = trivial_tab = Tab(browser, quiet)
        trivial_tab.load(trivial.url)
        for name, server in servers.items():
            tabs[name] = Tab(browser, quiet)
            sign_in(tabs[name], server.url, ROLE_USERS[role], demo.DEMO_PASSWORD)
        loads: dict[str, dict[str, list[float]]] = {n: {k: [] for k in keys} for n in servers}
        trivial_loads = []
        for _ in range(rounds):
            for key in keys:
                trivial_loads.append(trivial_tab.load(trivial.url).seconds)
                for name, server in servers.items():
                    loads[name][key].append(tabs[name].load(f"{server.url}/{key}").seconds)
        base = statistics.median(trivial_loads)
        lines = [
            f"{role}: trivial app {base:.2f} s (median of {len(trivial_loads)}); before = {before}, "
            f"after = working tree; median of {rounds} loads per page; demo data {years} fiscal years",
            "| page | before s | x trivial | after s | x trivial |",
            "|---|---|---|---|---|",
        ]
        for key in keys:
            b, a = statistics.median(loads["before"][key]), statistics.median(loads["after"][key])
            lines.append(f"| {key} | {b:.2f} | {b / base:.2f} | {a:.2f} | {a / base:.2f} |")
        return "\n".join(lines)
    finally:
        for tab in tabs.values():
            tab.close()
        if trivial is not None:
            trivial.stop()
        for server in servers.values():
            server.stop()
        if playwright is not None:
            browser.close()
            playwright.stop()
        subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", required=True, help="the revision to compare with (a commit, a tag)")
    parser.add_argument("--role", choices=sorted(ROLE_USERS), default="executive")
    parser.add_argument("--pages", nargs="+", default=None, help="page keys (default: all of the role's)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quiet", type=float, default=1.5)
    parser.add_argument("--years", type=int, default=2)
    args = parser.parse_args(argv)
    print(run(args.before, args.role, args.pages, args.rounds, args.quiet, args.years), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
