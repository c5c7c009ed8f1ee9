"""Where one script run of a page spends its time: cProfile of a page's run under AppTest.

    python -m benchmarks.profile_page --user ithead --page surveys [--years 10] [--top 30]

Builds a demo database (or copies ``--db``), signs in as ``--user`` with AppTest, opens the page
twice untimed (caches warm, as for a person who has been using the app), then profiles the next
run of the whole entry script (sign-in check, navigation, sidebar, the page) and prints the
functions by cumulative time.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The entry file run under cProfile (AppTest runs a script in its own thread, so the profiler is
# switched on inside the script). ``PATTANA_PROFILE_OUT`` set = profile this run.
_WRAPPER = """
import cProfile, os, runpy, sys
sys.path.insert(0, {root!r})
out = os.environ.get("PATTANA_PROFILE_OUT")
profiler = cProfile.Profile() if out else None
if profiler:
    profiler.enable()
try:
    runpy.run_path({entry!r}, run_name="__main__")
finally:
    if profiler:
        profiler.disable()
        profiler.dump_stats(out)
"""


def profile(user: str, page: str, db_path: Path, top: int = 30, sort: str = "cumulative") -> str:
    from streamlit.testing.v1 import AppTest

    from core import demo

    os.environ.update(
        PATTANA_DB=str(db_path),
        PATTANA_DEMO="0",
        PATTANA_SCHEDULER="0",
        PATTANA_COOKIE_KEY="profile-cookie-key-" + "p" * 32,
    )
    at = AppTest.from_string(
        _WRAPPER.format(root=str(ROOT), entry=str(ROOT / "streamlit_app.py")), default_timeout=120
    )
    at.run()
    fields = {t.label: t for t in at.text_input}
    fields["ชื่อผู้ใช้"].input(user)
    fields["รหัสผ่าน"].input(demo.DEMO_PASSWORD)
    at.button[0].click().run()
    matches = [
        h
        for h, info in at._registered_pages.items()
        if info.get("url_pathname") in (page, "" if page == "home" else page)
    ]
    if not matches:
        raise SystemExit(f"{user} cannot open {page}")
    at._page_hash = matches[0]
    for _ in range(2):
        at.run()
    out = Path(tempfile.mkdtemp(prefix="pattana-profile-")) / "run.prof"
    os.environ["PATTANA_PROFILE_OUT"] = str(out)
    started = time.perf_counter()
    at.run()
    wall = time.perf_counter() - started
    del os.environ["PATTANA_PROFILE_OUT"]
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception}")
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text)
    stats.sort_stats(sort).print_stats(top)
    return f"{user} {page}: run {wall:.3f} s (AppTest, profiled)\n" + text.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--user", default="ithead")
    parser.add_argument("--page", default="surveys")
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None, help="a demo database to copy")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="pattana-profile-db-"))
    db_path = folder / "pattana.duckdb"
    if args.db:
        shutil.copy(args.db, db_path)
    else:
        from benchmarks.page_speed import build_database

        build_database(db_path, years=args.years)
    print(profile(args.user, args.page, db_path, args.top, args.sort))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
