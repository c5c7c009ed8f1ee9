"""The hint in Streamlit's page that says where the server is (ui/web.py, issue 18): which path it
names, that no address can break out of the script, and that only Streamlit's HTML page for a
browser's navigation is touched. The middleware runs here on a small ASGI app; the real server
and a real browser are in tests/browser/test_server_hint_browser.py."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

import pytest

from ui.web import ServerBaseHint, answered_path, hint_script, with_hint

PAGE = b"<!doctype html><html><head><meta charset='utf-8'><script type=module src='/x.js'></script></head><body></body></html>"


@pytest.mark.parametrize(
    ("path", "base", "answered"),
    [
        ("/tickets", "", "/tickets"),
        ("/tickets/", "", "/tickets"),
        ("/", "", ""),
        ("", "", ""),
        ("/pattana/tickets", "pattana", "/tickets"),
        ("/pattana/tickets", "/pattana/", "/tickets"),
        ("/pattana", "pattana", ""),
        ("/pattana/", "pattana", ""),
        ("/other/tickets", "pattana", ""),
        ("/pattanax/tickets", "pattana", ""),
    ],
)
def test_the_answered_path_is_the_page_below_the_servers_own_base_path(path, base, answered):
    assert answered_path(path, base) == answered


def test_no_address_can_close_the_script_or_add_markup():
    script = hint_script('/a</script><img src=x onerror=alert(1)>&"\u2028').decode("utf-8")
    body = script.removeprefix("<script>").removesuffix("</script>")
    assert "<" not in body and ">" not in body.replace("=>", "") and "&" not in body.replace("&&", "")
    assert "\\u003c/script\\u003e" in body
    assert "\u2028" not in body


def test_the_hint_is_the_first_thing_in_the_head_before_streamlits_own_scripts():
    page = with_hint(PAGE, "/tickets")
    assert page.index(b'const answered = "/tickets"') < page.index(b"/x.js")
    assert page.startswith(b"<!doctype html><html><head><script>")


def test_a_page_without_a_head_is_left_as_it_is():
    assert with_hint(b"<html><body>x</body></html>", "/tickets") == b"<html><body>x</body></html>"


# -- the middleware on a small ASGI app ---------------------------------------------------------


def _html_app(body: bytes, content_type: bytes = b"text/html; charset=utf-8", chunks: int = 1):
    """An ASGI app that answers every request with ``body`` (gzipped when the request accepts
    gzip, as Streamlit's own middleware does), in ``chunks`` parts; it records what it saw."""
    seen = {}

    async def app(scope, receive, send):
        seen["headers"] = dict(scope.get("headers", []))
        payload, headers = body, [(b"content-type", content_type)]
        if b"gzip" in seen["headers"].get(b"accept-encoding", b""):
            payload = gzip.compress(body)
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(payload)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        size = -(-len(payload) // chunks)
        parts = [payload[i : i + size] for i in range(0, len(payload), size)]
        for n, part in enumerate(parts):
            await send({"type": "http.response.body", "body": part, "more_body": n < len(parts) - 1})

    return app, seen


def _get(app, path: str, accept: bytes = b"text/html,application/xhtml+xml", method: str = "GET"):
    middleware = ServerBaseHint(app, base_url_path=lambda: "")
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "headers": [(b"accept", accept), (b"accept-encoding", b"gzip, deflate")],
    }
    # in a thread of its own: the browser tests' Playwright may hold an event loop in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, middleware(scope, receive, send)).result()
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return dict(start["headers"]), body


def test_a_page_opened_by_its_url_gets_the_hint_with_the_right_length_and_uncompressed():
    app, seen = _html_app(PAGE, chunks=3)
    headers, body = _get(app, "/tickets")
    assert b"accept-encoding" not in seen["headers"]  # so Streamlit's gzip leaves it readable
    assert b'const answered = "/tickets"' in body
    assert int(headers[b"content-length"]) == len(body)
    assert b"content-encoding" not in headers


def test_the_root_a_script_request_and_a_post_pass_through_untouched():
    app, _ = _html_app(PAGE)
    for path, accept, method in [
        ("/", b"text/html", "GET"),
        ("/static/js/index.js", b"*/*", "GET"),
        ("/_stcore/health", b"application/json", "GET"),
        ("/tickets", b"text/html", "POST"),
    ]:
        headers, body = _get(app, path, accept, method)
        if headers.get(b"content-encoding") == b"gzip":  # the request kept its Accept-Encoding
            body = gzip.decompress(body)
        assert body == PAGE, path


def test_an_answer_that_is_not_html_is_passed_on_as_it_is():
    app, _ = _html_app(b'{"status": "ok"}', content_type=b"application/json")
    headers, body = _get(app, "/tickets")
    assert body == b'{"status": "ok"}'
    assert headers[b"content-length"] == b"16"
