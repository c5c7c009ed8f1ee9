"""Real servers the notification tests and the benchmark deliver to, on 127.0.0.1:

- ``MailServer``: an SMTP server (aiosmtpd's Controller) keeping every message it receives;
- ``LineServer``: an HTTP server speaking the LINE Messaging API's push endpoint
  (``POST /v2/bot/message/push``) as LINE documents it: bearer token checked, a request whose
  ``X-Line-Retry-Key`` was already accepted answers 409 and is not delivered again.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float = 30.0, step: float = 0.05):
    """Poll ``condition`` until it returns something truthy; return it (or raise on timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(step)


class _MailHandler:
    def __init__(self, server: MailServer):
        self.server = server

    async def handle_DATA(self, _server, _session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append((time.monotonic(), envelope.rcpt_tos, envelope.content, message))
        return "250 OK"


class MailServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages: list[tuple[float, list[str], bytes, email.message.EmailMessage]] = []
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    def start(self) -> MailServer:
        self.controller = Controller(_MailHandler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def keys(self) -> list[str]:
        with self.lock:
            return [m[3]["X-Pattana-Key"] for m in self.messages]

    def env(self) -> dict[str, str]:
        return {
            "PATTANA_SMTP_HOST": "127.0.0.1",
            "PATTANA_SMTP_PORT": str(self.port),
            "PATTANA_SMTP_STARTTLS": "auto",
            "PATTANA_SMTP_FROM": "pattana@example.test",
        }


class LineServer:
    TOKEN = "test-channel-access-token"

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.accepted: dict[str, dict] = {}  # retry key -> request body
        self.requests: list[dict] = []  # every request, repeats included
        self.reject_status: int | None = None  # e.g. 401 for a rejected token
        self.lock = threading.Lock()
        self.httpd: ThreadingHTTPServer | None = None

    def start(self) -> LineServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                key = self.headers.get("X-Line-Retry-Key")
                with owner.lock:
                    owner.requests.append({"key": key, "body": body, "at": time.monotonic()})
                    if self.path != "/v2/bot/message/push":
                        return self._answer(404, {"message": "Not found"})
                    if owner.reject_status or self.headers.get("Authorization") != f"Bearer {owner.TOKEN}":
                        return self._answer(owner.reject_status or 401, {"message": "Authentication failed"})
                    if key and key in owner.accepted:
                        return self._answer(
                            409,
                            {
                                "message": "The retry key is already accepted",
                                "sentMessages": [{"id": "1", "quoteToken": "q"}],
                            },
                        )
                    owner.accepted[key or f"nokey-{len(owner.requests)}"] = {**body, "at": time.monotonic()}
                return self._answer(
                    200, {"sentMessages": [{"id": str(len(owner.accepted)), "quoteToken": "q"}]}
                )

        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def env(self) -> dict[str, str]:
        return {"PATTANA_LINE_TOKEN": self.TOKEN, "PATTANA_LINE_API": f"http://127.0.0.1:{self.port}"}
