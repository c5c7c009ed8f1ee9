"""Load test: N concurrent sessions submitting a form over Streamlit's websocket protocol.

    python -m benchmarks.load_survey --target baseline --sessions 1 10 50 --submits 10
    python -m benchmarks.load_survey --target baseline --sessions 20 --kill-after 100   # crash

For each session count it starts a fresh Streamlit server on 127.0.0.1 (a free port) over a
fresh database, opens N sessions at once (asyncio + websockets; ``benchmarks.st_client``), and
each session loads the page then submits the form ``--submits`` times, one after the other,
each with a unique marker. It then stops the server and counts the rows per marker in the
database. It prints submissions per second, median and slowest submit (submit to
acknowledgement), and the number of acknowledged submits that are missing (lost) or stored
twice (doubled). ``--kill-after K`` SIGKILLs the server once K submits were acknowledged:
every acknowledged one must still be in the database.

A target is an ``Adapter``: which script to run, which page, how to fill the form with a
marker, how to recognise the acknowledgement, how to count the stored rows per marker. The
baseline (``benchmarks/baseline_app.py``) is here; the public survey page gets its own adapter.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks import st_client
from benchmarks.serving import StreamlitServer
from benchmarks.st_client import Page, ProtocolError, StSession

ROOT = Path(__file__).resolve().parent.parent


# -- targets --------------------------------------------------------------------------------------


class Adapter:
    """How the harness drives one kind of page. Subclass and override."""

    name = "adapter"
    app = "serve.py"  # what `streamlit run` serves, relative to the repository
    page_name = ""  # the page's URL path ("" = the default page)
    query_string = ""

    def prepare_db(self, db_path: Path) -> None:
        """Create (or copy) the database the server will use."""

    def server_env(self, db_path: Path) -> dict[str, str]:
        return {}

    async def submit(self, session: StSession, page: Page, marker: str) -> Page:
        """Fill the form on ``page`` with ``marker`` and submit it; return the page after."""
        raise NotImplementedError

    def acknowledged(self, page: Page) -> bool:
        raise NotImplementedError

    def count_rows(self, db_path: Path) -> Counter:
        """Rows stored per marker (read after the server stopped)."""
        raise NotImplementedError


class BaselineAdapter(Adapter):
    name = "baseline"
    app = "benchmarks/baseline_app.py"

    def server_env(self, db_path: Path) -> dict[str, str]:
        return {"PATTANA_BASELINE_DB": str(db_path)}

    async def submit(self, session: StSession, page: Page, marker: str) -> Page:
        return await session.run(
            [st_client.text(page.widget("Answer"), marker), st_client.trigger(page.widget("Send"))]
        )

    def acknowledged(self, page: Page) -> bool:
        return any(s.startswith("Thank you") for s in page.successes)

    def count_rows(self, db_path: Path) -> Counter:
        if not db_path.exists():
            return Counter()
        connection = duckdb.connect(str(db_path), read_only=True)
        try:
            exists = connection.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'baseline_responses'"
            ).fetchone()[0]
            if not exists:
                return Counter()
            return Counter(
                dict(
                    connection.execute(
                        "SELECT answer, count(*) FROM baseline_responses GROUP BY answer"
                    ).fetchall()
                )
            )
        finally:
            connection.close()


class Baseline10Adapter(BaselineAdapter):
    """The baseline with ten five-point questions in its form, answered "5" (the public survey
    page's questionnaire size in the comparison)."""

    name = "baseline10"
    questions = 10

    def server_env(self, db_path: Path) -> dict[str, str]:
        return {**super().server_env(db_path), "PATTANA_BASELINE_QUESTIONS": str(self.questions)}

    async def submit(self, session: StSession, page: Page, marker: str) -> Page:
        states = [st_client.text(radio, "5") for radio in page.widgets("radio")]
        states += [st_client.text(page.widget("Answer"), marker), st_client.trigger(page.widget("Send"))]
        return await session.run(states)


class SurveyAdapter(Adapter):
    """Pattana's public survey page (``/survey_public?code=LOAD``) on a copy of the demo data,
    with the minimum fill time set to 0 (the harness answers at once) and the rate limit high
    (every session comes from 127.0.0.1, which is not limited anyway). The marker goes in the
    suggestion; every question is answered "5 มากที่สุด"."""

    name = "survey"
    app = "serve.py"
    page_name = "survey_public"
    query_string = "code=LOAD"
    _template: Path | None = None

    def _build_template(self) -> Path:
        import shutil  # noqa: F401 - used by prepare_db
        from datetime import timedelta

        from core import areas, bootstrap, clock
        from core.actor import Actor
        from core.surveys import services

        folder = Path(tempfile.mkdtemp(prefix="pattana-survey-template-"))
        path = folder / "template.duckdb"
        db = bootstrap.open_database(path, demo=False)
        now = clock.now()
        areas.seed_demo(db, now=now, years=1, scale=1)
        with db.read() as cur:
            officer_id, system_id = cur.execute(
                "SELECT (SELECT id FROM users WHERE username = 'itofficer'),"
                " (SELECT id FROM systems WHERE code = 'EQUEUE')"
            ).fetchone()
            from core.users import get_user

            officer = get_user(cur, officer_id).as_actor()
        services.create_survey(
            db,
            officer,
            now,
            title="แบบสอบถามความพึงพอใจ ระบบจองคิวรับบริการ (ทดสอบโหลด)",
            system_id=system_id,
            counter_name="ช่องบริการ 1",
            fiscal_year=2570,
            audience="citizens",
            opens_on=now.date() - timedelta(days=1),
            closes_on=now.date() + timedelta(days=30),
            code="LOAD",
            sections=[  # ten items (issue 18)
                (
                    "ด้านกระบวนการ/ขั้นตอน",
                    ["ขั้นตอนไม่ยุ่งยาก", "ได้รับบริการรวดเร็ว", "ลำดับก่อนหลังเป็นธรรม", "มีป้ายบอกขั้นตอนชัดเจน"],
                ),
                (
                    "ด้านเจ้าหน้าที่",
                    ["เจ้าหน้าที่สุภาพ ให้คำแนะนำดี", "เจ้าหน้าที่ตอบคำถามได้ชัดเจน", "เจ้าหน้าที่เต็มใจให้บริการ"],
                ),
                (
                    "ด้านคุณภาพ/ผลการให้บริการ",
                    ["ได้รับบริการตรงตามความต้องการ", "ระบบใช้งานง่าย", "ความพึงพอใจในภาพรวม"],
                ),
            ],
        )
        admin = Actor(user_id=0, username="load-test", full_name="load test", roles=frozenset({"it_head"}))
        services.set_public_protection(db, admin, now, min_fill=0, per_minute=1000)
        db.close()
        return path

    def prepare_db(self, db_path: Path) -> None:
        import shutil

        if SurveyAdapter._template is None:
            SurveyAdapter._template = self._build_template()
        shutil.copy(SurveyAdapter._template, db_path)

    def server_env(self, db_path: Path) -> dict[str, str]:
        return {
            "PATTANA_DB": str(db_path),
            "PATTANA_DEMO": "0",
            "PATTANA_SCHEDULER": "0",
            "PATTANA_COOKIE_KEY": "load-test-cookie-key-" + "q" * 24,
        }

    async def submit(self, session: StSession, page: Page, marker: str) -> Page:
        states = [st_client.text(radio, "5 มากที่สุด") for radio in page.widgets("radio")]
        states.append(st_client.text(page.widget("ข้อเสนอแนะ"), marker))
        button = next(w for w in page.widgets() if w.label == "ส่งแบบสอบถาม")
        states.append(st_client.trigger(button))
        after = await session.run(states)
        # A new visitor's form after the thanks: a citizen at the counter submits once per visit,
        # so each further submit of the session starts a fresh visit.
        return after

    def acknowledged(self, page: Page) -> bool:
        return any("ขอบคุณ" in s for s in page.successes)

    def count_rows(self, db_path: Path) -> Counter:
        if not db_path.exists():
            return Counter()
        connection = duckdb.connect(str(db_path), read_only=True)
        try:
            return Counter(
                dict(
                    connection.execute(
                        "SELECT r.suggestion, count(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id"
                        " WHERE s.code = 'LOAD' AND r.suggestion IS NOT NULL GROUP BY 1"
                    ).fetchall()
                )
            )
        finally:
            connection.close()


ADAPTERS: dict[str, type[Adapter]] = {
    "baseline": BaselineAdapter,
    "baseline10": Baseline10Adapter,
    "survey": SurveyAdapter,
}


# -- the server -------------------------------------------------------------------------------------


class Server(StreamlitServer):
    """``streamlit run`` of an adapter's app on 127.0.0.1, until ``stop`` or ``kill``."""

    def __init__(
        self, adapter: Adapter, db_path: Path, *, extra_args: list[str] = (), log_path: Path | None = None
    ):
        env = dict(os.environ, PYTHONPATH=str(ROOT), **adapter.server_env(db_path))
        super().__init__(
            ROOT / adapter.app,
            env=env,
            log_path=log_path or db_path.with_suffix(".server.log"),
            extra_args=["--server.fileWatcherType", "none", *extra_args],
        )


# -- the load ---------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    sessions: int
    submits_per_session: int
    acknowledged: list[str] = field(default_factory=list)
    unacknowledged: list[str] = field(default_factory=list)  # sent, no acknowledgement seen
    latencies: list[float] = field(default_factory=list)  # submit -> acknowledgement, s
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the whole run (first connect to last reply)
    lost: int = 0  # acknowledged but not stored
    doubled: int = 0  # stored more than once
    stored_unacknowledged: int = 0  # stored although no acknowledgement was seen (e.g. killed)
    killed: bool = False

    @property
    def per_second(self) -> float:
        return len(self.acknowledged) / self.seconds if self.seconds else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else 0.0

    @property
    def slowest(self) -> float:
        return max(self.latencies) if self.latencies else 0.0

    def line(self) -> str:
        return (
            f"sessions {self.sessions:3d} x {self.submits_per_session} submits: "
            f"{len(self.acknowledged)} acknowledged in {self.seconds:.1f} s = "
            f"{self.per_second:.1f}/s, median {self.median * 1000:.0f} ms, slowest "
            f"{self.slowest * 1000:.0f} ms, lost {self.lost}, doubled {self.doubled}, "
            f"errors {len(self.errors)}"
            + (f", stored without ack {self.stored_unacknowledged} (server killed)" if self.killed else "")
        )


async def _session(
    adapter: Adapter,
    url: str,
    number: int,
    submits: int,
    result: LoadResult,
    on_ack,
    timeout: float,
    reopen: bool = False,
) -> None:
    """One simulated visitor; with ``reopen`` every submit is a new visit (open the page, then
    submit), as citizens at a counter do: one questionnaire per visit."""

    async def one(session: StSession, page: Page, k: int) -> Page:
        marker = f"s{number:03d}-{k:03d}"
        started = time.perf_counter()
        result.unacknowledged.append(marker)
        page = await adapter.submit(session, page, marker)
        if adapter.acknowledged(page):
            result.unacknowledged.remove(marker)
            result.acknowledged.append(marker)
            result.latencies.append(time.perf_counter() - started)
            on_ack()
        else:
            result.errors.append(f"{marker}: no acknowledgement {page.errors or page.exception}")
        return page

    try:
        if reopen:
            for k in range(submits):
                async with StSession(
                    url, page_name=adapter.page_name, query_string=adapter.query_string, timeout=timeout
                ) as session:
                    await one(session, await session.run(), k)
            return
        async with StSession(
            url, page_name=adapter.page_name, query_string=adapter.query_string, timeout=timeout
        ) as session:
            page = await session.run()
            for k in range(submits):
                page = await one(session, page, k)
    except (ProtocolError, OSError, LookupError) as error:
        result.errors.append(f"session {number}: {error}")


async def drive(
    adapter: Adapter,
    url: str,
    sessions: int,
    submits: int,
    *,
    time_limit: float = 120.0,
    timeout: float = 30.0,
    kill_after: int | None = None,
    kill=None,
    reopen: bool = False,
) -> LoadResult:
    """Run ``sessions`` concurrent sessions of ``submits`` submits each against ``url``."""
    result = LoadResult(sessions=sessions, submits_per_session=submits)

    def on_ack() -> None:
        if kill_after is not None and not result.killed and len(result.acknowledged) >= kill_after:
            result.killed = True
            kill()

    started = time.perf_counter()
    tasks = [
        asyncio.create_task(_session(adapter, url, n, submits, result, on_ack, timeout, reopen))
        for n in range(sessions)
    ]
    done, pending = await asyncio.wait(tasks, timeout=time_limit)
    for task in pending:
        task.cancel()
        result.errors.append("time limit reached")
    await asyncio.gather(*pending, return_exceptions=True)
    result.seconds = time.perf_counter() - started
    return result


def run_async(coroutine):
    """``asyncio.run`` that also works where this thread already runs an event loop (pytest with
    Playwright's sync API open in the same session): then the coroutine runs in a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _warm_up(adapter: Adapter, url: str) -> None:
    """Open the page once, untimed, so that the first measured visit does not pay for the
    server's first script run (imports, the database opening), for every target alike."""
    async with StSession(
        url, page_name=adapter.page_name, query_string=adapter.query_string, timeout=60
    ) as session:
        await session.run()


def check_stored(adapter: Adapter, db_path: Path, result: LoadResult) -> LoadResult:
    stored = adapter.count_rows(db_path)
    result.lost = sum(1 for m in result.acknowledged if stored.get(m, 0) == 0)
    result.doubled = sum(1 for m, n in stored.items() if n > 1)
    result.stored_unacknowledged = sum(1 for m in result.unacknowledged if stored.get(m, 0) > 0)
    return result


def run_load(
    adapter: Adapter,
    sessions: int,
    submits: int,
    *,
    workdir: Path | None = None,
    extra_args: list[str] = (),
    time_limit: float = 120.0,
    kill_after: int | None = None,
    reopen: bool = False,
) -> LoadResult:
    """Start a server on a fresh database, drive it, stop (or kill) it, check the rows."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="pattana-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / f"{adapter.name}-{sessions}.duckdb"
    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    adapter.prepare_db(db_path)
    server = Server(adapter, db_path, extra_args=list(extra_args))
    try:
        run_async(_warm_up(adapter, server.url))
        result = run_async(
            drive(
                adapter,
                server.url,
                sessions,
                submits,
                time_limit=time_limit,
                kill_after=kill_after,
                kill=server.kill,
                reopen=reopen,
            )
        )
    finally:
        if kill_after is None:
            server.stop()
        elif server.process.poll() is None:
            server.kill()
    return check_stored(adapter, db_path, result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--target", choices=sorted(ADAPTERS), default="baseline")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--submits", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--kill-after", type=int, default=None)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="run the baseline with ten questions and the survey page (ten items) alike, each"
        " visit opening the page and submitting once, and print the survey/baseline ratio of"
        " visits per second per session count (goal: at least 0.9, 0 lost, 0 doubled)",
    )
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra streamlit option, e.g. --server-arg=--runner.postScriptGC=false",
    )
    args = parser.parse_args(argv)
    if args.compare:
        return compare(args)
    adapter = ADAPTERS[args.target]()
    failed = False
    for n in args.sessions:
        result = run_load(
            adapter,
            n,
            args.submits,
            extra_args=args.server_arg,
            time_limit=args.time_limit,
            kill_after=args.kill_after,
        )
        print(f"[{adapter.name}] {result.line()}", flush=True)
        for error in result.errors[:5]:
            print(f"    {error}")
        failed |= result.lost > 0 or result.doubled > 0
    return 1 if failed else 0


def compare(args) -> int:
    """Baseline (ten questions) and survey page (ten items) under the same harness and server
    settings, a new visit (open + submit) per submit."""
    failed = False
    for n in args.sessions:
        results = {}
        for name in ("baseline10", "survey"):
            adapter = ADAPTERS[name]()
            results[name] = run_load(
                adapter, n, args.submits, extra_args=args.server_arg, time_limit=args.time_limit, reopen=True
            )
            print(f"[{name}] {results[name].line()}", flush=True)
            for error in results[name].errors[:3]:
                print(f"    {error}")
        ratio = results["survey"].per_second / max(results["baseline10"].per_second, 1e-9)
        slowest_ok = n != 10 or results["survey"].slowest < 1.0
        lost = results["survey"].lost + results["survey"].doubled
        print(
            f"sessions={n}: survey/baseline10 = {ratio:.2f} ({'PASS' if ratio >= 0.9 else 'FAIL'} >= 0.9);"
            f" lost+doubled = {lost} ({'PASS' if lost == 0 else 'FAIL'})"
            + (
                f"; slowest at 10 sessions {results['survey'].slowest:.2f} s"
                f" ({'PASS' if slowest_ok else 'FAIL'} < 1 s)"
                if n == 10
                else ""
            ),
            flush=True,
        )
        failed |= lost > 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
