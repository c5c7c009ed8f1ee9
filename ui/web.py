"""What Pattana adds to Streamlit's web server (its ASGI mode, ``serve.py``): one hint in the page.

Streamlit's page (index.html) does not know where its server is mounted. Opened at a page's URL,
``/tickets``, it first looks for the server at ``/tickets/_stcore/health``, gets a 404, waits
100 ms and only then tries ``/_stcore/health``: every full load of a page by its URL, a link
in a notification e-mail or LINE message included, cost 0.1-0.25 s more than a load of the
app's root (measured with ``benchmarks/page_speed.py``; issue 18).

The server knows which path it answered. :class:`ServerBaseHint` writes it into the page as
``window.__streamlit.BACKEND_BASE_URL`` (Streamlit's own setting for pages served apart from
their server): the page's address minus that path. Behind a reverse proxy that serves the app
under a prefix (``https://town.example/pattana/tickets`` arriving as ``/tickets``) the base
is still right, ``/pattana/``. When the page's address does not end with the path the server
answered (a proxy that rewrites paths another way), the script sets nothing and Streamlit
finds its server as before.

The path comes from the request: it is written into the script as a JSON string with ``<``,
``>`` and ``&`` escaped, so no address can close the script or add markup.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Only Streamlit's own page is rewritten, and only this small: nothing else is held in memory.
MAX_PAGE_BYTES = 64 * 1024
_HEAD = b"<head>"

_SCRIPT = """<script>(() => {{
  const answered = {answered};
  const here = window.location.pathname.replace(/\\/+$/, "");
  if (answered && here.endsWith(answered)) {{
    const base = here.slice(0, here.length - answered.length) + "/";
    window.__streamlit = Object.assign({{}}, window.__streamlit,
      {{BACKEND_BASE_URL: window.location.origin + base}});
  }}
}})();</script>"""


def answered_path(path: str, base_url_path: str) -> str:
    """The page's path below the server's own base path (``server.baseUrlPath``), without a
    trailing slash; "" for the server's root, and for a path outside its base path."""
    path = "/" + path.strip("/")
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    if base:
        if path != base and not path.startswith(base + "/"):
            return ""
        path = path[len(base) :] or "/"
    return "" if path == "/" else path


def hint_script(answered: str) -> bytes:
    """The script that sets Streamlit's backend base URL from the answered path (see above)."""
    literal = (
        json.dumps(answered)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _SCRIPT.format(answered=literal).encode("utf-8")


def with_hint(page: bytes, answered: str) -> bytes:
    """The page with the hint as the first thing in its head (before Streamlit's own scripts);
    a page without a head is returned as it is."""
    at = page.find(_HEAD)
    if at < 0:
        return page
    at += len(_HEAD)
    return page[:at] + hint_script(answered) + page[at:]


def _header(headers: list, name: bytes) -> bytes | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


class ServerBaseHint:
    """ASGI middleware: adds the hint to Streamlit's page when it is served at a page's path.

    Only GET requests for an HTML document (``Accept: text/html``, as a browser's navigation
    sends) are looked at. Their ``Accept-Encoding`` is dropped so that Streamlit's gzip leaves
    the page readable (index.html is 1-2 KB; a reverse proxy may still compress it).
    """

    def __init__(self, app: ASGIApp, base_url_path: Callable[[], str] | None = None):
        self.app = app
        self.base_url_path = base_url_path or _configured_base_url_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        accept = _header(scope.get("headers", []), b"accept") or b""
        raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8")
        answered = answered_path(raw_path.decode("latin-1").split("?", 1)[0], self.base_url_path())
        if b"text/html" not in accept or not answered:
            await self.app(scope, receive, send)
            return
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
        await self.app(scope, receive, _HintingSender(send, answered))


class _HintingSender:
    """Passes a response through, rewriting it only if it is an uncompressed HTML page."""

    def __init__(self, send: Send, answered: str):
        self.send = send
        self.answered = answered
        self.start: Message | None = None
        self.body = b""
        self.rewriting = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            content_type = _header(headers, b"content-type") or b""
            self.rewriting = (
                message.get("status") == 200
                and content_type.startswith(b"text/html")
                and _header(headers, b"content-encoding") is None
            )
            if not self.rewriting:
                await self.send(message)
                return
            self.start = dict(message, headers=headers)
            return
        if message["type"] != "http.response.body" or not self.rewriting:
            await self.send(message)
            return
        self.body += message.get("body", b"")
        more = message.get("more_body", False)
        if more and len(self.body) <= MAX_PAGE_BYTES:
            return  # a page is held until its end
        self.rewriting = False
        start = self.start
        if more:  # larger than any page of Streamlit's: passed on as it is
            await self.send(start)
            await self.send({"type": "http.response.body", "body": self.body, "more_body": True})
            return
        page = with_hint(self.body, self.answered)
        start["headers"] = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        start["headers"].append((b"content-length", str(len(page)).encode("ascii")))
        await self.send(start)
        await self.send({"type": "http.response.body", "body": page})


def _configured_base_url_path() -> str:
    from streamlit import config

    return config.get_option("server.baseUrlPath") or ""
