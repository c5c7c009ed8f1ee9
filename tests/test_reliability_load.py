"""The websocket protocol client and the load harness, at a small size, on the baseline app."""

from __future__ import annotations

from benchmarks import st_client
from benchmarks.load_survey import BaselineAdapter, Server, check_stored, drive, run_async


def test_the_protocol_client_fills_and_submits_a_form_and_the_load_loses_nothing(tmp_path):
    adapter = BaselineAdapter()
    db_path = tmp_path / "baseline.duckdb"
    server = Server(adapter, db_path)
    try:

        async def one_session():
            async with st_client.StSession(server.url, timeout=30) as session:
                page = await session.run()
                assert page.finished == 0 and page.exception is None
                assert [w.kind for w in page.widgets()] == ["text_input", "button"]
                assert not page.successes
                after = await adapter.submit(session, page, "ทดสอบ-1")
                assert after.successes == ["Thank you (#1)"]
                again = await session.run()  # a plain rerun shows no acknowledgement
                assert not again.successes

        run_async(one_session())
        result = run_async(drive(adapter, server.url, sessions=5, submits=4, time_limit=60))
    finally:
        server.stop()
    check_stored(adapter, db_path, result)
    print(result.line())
    assert result.errors == []
    assert len(result.acknowledged) == 20 and result.unacknowledged == []
    assert result.lost == 0 and result.doubled == 0
    assert len(result.latencies) == 20 and result.slowest >= result.median > 0
    stored = adapter.count_rows(db_path)
    assert stored["ทดสอบ-1"] == 1 and sum(stored.values()) == 21


def test_the_protocol_client_refuses_other_hosts():
    import pytest

    with pytest.raises(ValueError):
        st_client.StSession("http://example.org:8501")
