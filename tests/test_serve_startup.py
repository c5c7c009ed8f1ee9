"""serve.py's start-up (issue 18): the app's modules are imported when the server starts, and the
objects they hold are set aside from the garbage collector's full passes, which Streamlit runs
after every script run. Run in a process of its own: freezing this test process's objects would
change every test after it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

START = textwrap.dedent(
    """
    import asyncio, gc, sys
    import serve
    before = ("pages" in sys.modules, gc.get_freeze_count())

    async def start():
        async with serve._startup(serve.app):
            return ("pages" in sys.modules, gc.get_freeze_count())

    print(*before, *asyncio.run(start()))
    """
)


def test_the_server_imports_every_page_at_start_and_sets_their_objects_aside_from_full_collections():
    done = subprocess.run(
        [sys.executable, "-c", START], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pages_before, frozen_before, pages_after, frozen_after = done.stdout.split()
    assert (pages_before, frozen_before) == ("False", "0")
    assert pages_after == "True"
    # the modules of every page (pandas, Altair, DuckDB and Streamlit with them) are ~190,000 objects
    assert int(frozen_after) > 100_000
