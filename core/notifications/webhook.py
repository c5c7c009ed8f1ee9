"""The LINE webhook that receives link codes: a small HTTP service.

A user asks for a one-time code in "บัญชีของฉัน" and sends it as a chat message to the
organisation's LINE Official Account; LINE posts the message here. The request's
``X-Line-Signature`` is verified with the channel secret by line-bot-sdk's ``WebhookParser``;
each text message is written as one JSON file (LINE user id, text) into the link inbox beside
the database (``<db>.line-inbox/``). The app's scheduler reads the inbox every few seconds and
links the account whose code it is (``services.import_line_inbox``): the service never opens
the database, which DuckDB lets only one process (the app) open.

Why a separate service: it was written while the app ran as a plain script, where Streamlit adds
no HTTP routes. The app now runs in Streamlit's ASGI mode (``serve.py``, ``st.App``), which can
take routes; moving this there needs only a route that calls :func:`handle`, and a look at who
may reach it (this service sits behind its own reverse-proxy path).

Run it beside the app, behind the HTTPS reverse proxy that LINE's webhook URL points to::

    PATTANA_DB=data/pattana.duckdb PATTANA_LINE_SECRET=... \\
        python -m core.notifications.webhook --port 8502      # POST /line/webhook
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger("pattana.line_webhook")
PATH = "/line/webhook"
MAX_BODY = 1_000_000


class BadSignature(Exception):
    pass


def handle(body: str, signature: str, secret: str, inbox: Path) -> int:
    """Verify and unpack one webhook request; write its text messages to ``inbox``. Returns the
    number written; raises ``BadSignature`` when the signature does not match the secret."""
    from linebot.v3.exceptions import InvalidSignatureError
    from linebot.v3.webhook import WebhookParser
    from linebot.v3.webhooks import MessageEvent, TextMessageContent

    try:
        events = WebhookParser(secret).parse(body, signature or "")
    except InvalidSignatureError as error:
        raise BadSignature(str(error)) from error
    inbox.mkdir(parents=True, exist_ok=True)
    written = 0
    for event in events:
        if not isinstance(event, MessageEvent) or not isinstance(event.message, TextMessageContent):
            continue
        user_id = getattr(event.source, "user_id", None)
        if not user_id:
            continue
        name = f"{event.timestamp}-{uuid.uuid4().hex}.json"
        partial = inbox / (name + ".tmp")
        partial.write_text(
            json.dumps({"line_user_id": user_id, "text": event.message.text[:100]}), encoding="utf-8"
        )
        os.replace(partial, inbox / name)  # the scheduler never reads half a file
        written += 1
    return written


def make_server(host: str, port: int, secret: str, inbox: Path) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            log.info(fmt, *args)

        def _answer(self, status: int, text: str = "") -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            if self.path != PATH:
                return self._answer(404, "not found")
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._answer(413, "too large")
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            try:
                handle(body, self.headers.get("X-Line-Signature", ""), secret, inbox)
            except BadSignature:
                return self._answer(400, "bad signature")
            except (ValueError, KeyError):
                return self._answer(400, "bad request")
            return self._answer(200, "ok")

    return ThreadingHTTPServer((host, port), Handler)


def main(argv: list[str] | None = None) -> int:
    from core.config import DEFAULT_DB
    from core.notifications.services import line_inbox

    parser = argparse.ArgumentParser(description="Receive LINE link codes for Pattana.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8502)
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("PATTANA_DB", str(DEFAULT_DB))))
    args = parser.parse_args(argv)
    secret = os.environ.get("PATTANA_LINE_SECRET", "").strip()
    if not secret:
        parser.error("PATTANA_LINE_SECRET (the channel secret of the LINE Official Account) is not set")
    logging.basicConfig(level=logging.INFO)
    server = make_server(args.host, args.port, secret, line_inbox(args.db))
    log.info("LINE webhook on http://%s:%s%s", args.host, args.port, PATH)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
