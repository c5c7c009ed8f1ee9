"""KPI dashboard at the scale of years: rerun time, raw queries, the pandas way, peak memory.

    .venv/bin/python -m benchmarks.kpi_dashboard [--scale 1] [--db data/bench-kpi.duckdb] [--reruns 7]

Builds (once, in a child process so seeding's memory does not count) a demo database with ten
fiscal years at ``--scale``, then in this process prints:
  - the sizes reached (survey answers, tickets, projects) against the issue's minimums;
  - the dashboard's warm rerun time under AppTest, signed in as ``executive`` (median);
  - an "empty page" rerun (the account page: app shell, sign-in check, one small read);
  - the raw DuckDB queries the dashboard needs (``services.load_dashboard``, median);
  - the same survey-satisfaction and ticket-SLA figures computed the common way (tables loaded
    into pandas and grouped there) against the areas' DuckDB contract functions;
  - the process's peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Ten fiscal years with at least 1,000,000 survey answers, 100,000 tickets and 500 projects:
# areas are sized separately (a town's year of tickets and of survey answers differ).
AREA_SCALES = {"tickets": 39, "proposals": 5, "surveys": 1}


def build(path: Path, scale: int) -> None:
    from core import bootstrap

    start = time.perf_counter()
    db = bootstrap.open_database(
        path, demo=True, demo_years=10, demo_scale=scale, demo_area_scales=AREA_SCALES
    )
    db.close()
    print(
        f"built {path} at scale {scale} with {AREA_SCALES} in {time.perf_counter() - start:.1f} s", flush=True
    )


def _table_exists(cur, name: str) -> bool:
    return (
        cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[
            0
        ]
        > 0
    )


def _count(cur, table: str) -> int | None:
    return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if _table_exists(cur, table) else None


# ----------------------------------------------------------------- the common (pandas) way
def pandas_satisfaction(cur, years: list[int]):
    """Per fiscal year and system, from raw rows loaded into pandas."""
    answers = cur.execute("SELECT response_id, survey_id, score FROM survey_answers").df()
    surveys = cur.execute("SELECT id AS survey_id, fiscal_year, system_id FROM surveys").df()
    rows = answers.merge(surveys, on="survey_id")
    rows = rows[(rows["score"] > 0) & rows["fiscal_year"].isin(years)]
    rows = rows.assign(top=rows["score"] >= 4)
    grouped = (
        rows.groupby(["fiscal_year", "system_id"], dropna=False)
        .agg(
            respondents=("response_id", "nunique"),
            answers=("score", "size"),
            mean=("score", "mean"),
            sd=("score", "std"),
            top=("top", "mean"),
        )
        .reset_index()
    )
    grouped["percent_satisfaction"] = grouped["mean"] / 5 * 100
    grouped["percent_top_two"] = grouped["top"] * 100
    return grouped


def pandas_sla(cur, years: list[int], now):
    import pandas as pd

    sla = cur.execute("SELECT * FROM ticket_sla").df()
    sla = sla[(sla["status"] != "merged") & sla["fiscal_year"].isin(years)]
    month = sla["reported_at"].dt.to_period("M").dt.to_timestamp()
    parts = []
    for clock in ("analysis", "resolution"):
        parts.append(
            pd.DataFrame(
                {
                    "fiscal_year": sla["fiscal_year"],
                    "month": month,
                    "type": sla["type"],
                    "clock": clock,
                    "state": sla[f"{clock}_state"],
                    "due": sla[f"{clock}_due"],
                }
            )
        )
    clocks = pd.concat(parts, ignore_index=True)
    clocks["met"] = clocks["state"] == "met"
    clocks["breached"] = (clocks["state"] == "breached") | (
        (clocks["state"] == "running") & (clocks["due"] < now)
    )
    clocks = clocks[clocks["met"] | clocks["breached"]]
    grouped = (
        clocks.groupby(["fiscal_year", "month", "type", "clock"])
        .agg(total=("met", "size"), met=("met", "sum"), breached=("breached", "sum"))
        .reset_index()
    )
    grouped["percent_met"] = (100 * grouped["met"] / grouped["total"]).round(1)
    return grouped


# --------------------------------------------------------------------------------- AppTest
def _apptest_times(db_path: Path, reruns: int) -> tuple[float, float, float]:
    os.environ.update(
        PATTANA_DB=str(db_path), PATTANA_DEMO="0", PATTANA_COOKIE_KEY="benchmark-cookie-key-" + "b" * 32
    )
    from streamlit.testing.v1 import AppTest

    from core.demo import DEMO_PASSWORD

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
    at.run()
    fields = {t.label: t for t in at.text_input}
    fields["ชื่อผู้ใช้"].input("executive")
    fields["รหัสผ่าน"].input(DEMO_PASSWORD)
    at.button[0].click().run()

    def goto(key: str):
        matches = [h for h, info in at._registered_pages.items() if info.get("url_pathname") == key]
        at._page_hash = matches[0]
        at.run()

    goto("dashboard")
    if at.exception:
        raise RuntimeError(f"dashboard failed: {at.exception}")
    at.run()  # warm
    dashboard = _median_time(at.run, reruns)
    from ui import kpi_views

    kpi_views.CACHE_SECONDS = 0  # every rerun computes its figures again
    at.run()
    uncached = _median_time(at.run, reruns)
    kpi_views.CACHE_SECONDS = 60
    goto("account")
    at.run()
    empty = _median_time(at.run, reruns)
    return dashboard, uncached, empty


def _pandas_times(path: Path, reruns: int) -> dict[str, float]:
    """The pandas way, in a child process so its memory does not count as the dashboard's."""
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.kpi_dashboard",
            "--pandas-only",
            "--db",
            str(path),
            "--reruns",
            str(reruns),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = [text for text in output.splitlines() if text.startswith("PANDAS ")][-1]
    return json.loads(line[len("PANDAS ") :])


def pandas_only(path: Path, reruns: int) -> int:
    from core import bootstrap, clock
    from core.thaidate import fiscal_year

    db = bootstrap.open_database(path, demo=False)
    now = clock.now()
    fy = fiscal_year(now)
    years = list(range(fy - 9, fy + 1))
    with db.read() as cur:
        times = {
            "satisfaction": _median_time(lambda: pandas_satisfaction(cur, years), max(3, reruns // 2)),
            "sla": _median_time(lambda: pandas_sla(cur, years, now), max(3, reruns // 2)),
        }
    db.close()
    print("PANDAS " + json.dumps(times), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="demo_scale K of the generator (areas in AREA_SCALES have their own)",
    )
    parser.add_argument("--db", type=Path, default=None, help="database file (built if missing)")
    parser.add_argument("--reruns", type=int, default=7)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pandas-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = args.db or ROOT / "data" / f"bench-kpi-{args.scale}.duckdb"
    if args.build_only:
        build(path, args.scale)
        return 0
    if args.pandas_only:
        return pandas_only(path, args.reruns)
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.kpi_dashboard",
                "--build-only",
                "--scale",
                str(args.scale),
                "--db",
                str(path),
            ],
            cwd=ROOT,
            check=True,
        )

    from core import bootstrap, clock
    from core.kpi import services, sources
    from core.thaidate import fiscal_year

    # the pandas way first, in a child process (DuckDB lets one process open the file at a time)
    pandas = _pandas_times(path, args.reruns)
    db = bootstrap.open_database(path, demo=False)
    now = clock.now()
    fy = fiscal_year(now)
    years = list(range(fy - 9, fy + 1))
    results: list[tuple[str, bool]] = []
    print(f"database: {path}")
    with db.read() as cur:
        answers, tickets, projects = (
            _count(cur, "survey_answers"),
            _count(cur, "tickets"),
            _count(cur, "projects"),
        )
    for name, value, minimum in (
        ("survey answers", answers, 1_000_000),
        ("tickets", tickets, 100_000),
        ("projects", projects, 500),
    ):
        if value is None:
            print(f"size  {name:15s}: area missing (skipped)")
        else:
            print(f"size  {name:15s}: {value:>10,} (minimum {minimum:,})")
            results.append((f"{name} >= {minimum:,}", value >= minimum))

    def queries():
        with db.read() as cur:
            services.load_dashboard(cur, now, services.Filters(fy))

    queries()
    raw = _median_time(queries, args.reruns)
    print(f"raw DuckDB queries of the dashboard (load_dashboard): {raw * 1000:8.1f} ms")

    comparisons = [
        (
            "survey satisfaction per year and system",
            "satisfaction",
            lambda cur: sources.fetch(cur, "satisfaction_by_system", years),
        ),
        (
            "ticket SLA by month, type and clock",
            "sla",
            lambda cur: sources.fetch(cur, "ticket_sla", years, now),
        ),
    ]
    for label, key, fast in comparisons:
        with db.read() as cur:
            fast(cur)
            t_duck = _median_time(lambda fast=fast, cur=cur: fast(cur), args.reruns)
        t_pandas = pandas[key]
        ratio = t_pandas / t_duck if t_duck else float("inf")
        print(f"{label}: DuckDB {t_duck * 1000:8.1f} ms, pandas {t_pandas * 1000:8.1f} ms ({ratio:.1f}x)")
        results.append((f"{label}: DuckDB at least 3x faster than pandas", ratio >= 3))
    db.close()

    dashboard, uncached, empty = _apptest_times(path, args.reruns)
    budget = 1.3 * (empty + raw)
    print(f"dashboard warm rerun (AppTest, executive, median of {args.reruns}): {dashboard * 1000:8.1f} ms")
    print(f"dashboard rerun computing every figure again (cache off):  {uncached * 1000:8.1f} ms")
    print(f"empty page rerun (account page):                     {empty * 1000:8.1f} ms")
    print(f"budget 1.3 x (empty + raw queries):                   {budget * 1000:8.1f} ms")
    results.append(("warm rerun within 1.3x of (empty page + raw queries)", dashboard <= budget))
    results.append(("cold rerun (cache off) within 1.3x of (empty page + raw queries)", uncached <= budget))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory of this process (dashboard, its queries and reruns; the pandas way ran"
        f" in a child process): {peak_mb:.0f} MB"
    )
    results.append(("peak memory under 500 MB", peak_mb < 500))
    for label, ok in results:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
