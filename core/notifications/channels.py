"""The outside channels: e-mail over SMTP and LINE Official Account push messages.

Configured from the environment (nothing secret lives in the database or in git):

| variable | meaning | default |
| --- | --- | --- |
| ``PATTANA_BASE_URL`` | the app's address, for links to the item | ``http://localhost:8501`` |
| ``PATTANA_SMTP_HOST`` | SMTP server; unset: no e-mail | |
| ``PATTANA_SMTP_PORT`` | its port | ``587`` |
| ``PATTANA_SMTP_USER`` / ``PATTANA_SMTP_PASSWORD`` | credentials (login only when set) | |
| ``PATTANA_SMTP_STARTTLS`` | ``auto`` (when offered), ``yes`` (required), ``no`` | ``auto`` |
| ``PATTANA_SMTP_FROM`` | the sender address | ``pattana@localhost`` |
| ``PATTANA_LINE_TOKEN`` | the OA's channel access token; unset: no LINE | |
| ``PATTANA_LINE_SECRET`` | the OA's channel secret (webhook signatures) | |
| ``PATTANA_LINE_API`` | Messaging API base URL (tests point it at a local server) | ``https://api.line.me`` |

A channel's ``send`` returns the address it delivered to or raises ``ChannelError`` with a
short reason. Each message carries its idempotency key: the e-mail as its ``Message-ID`` (and
``X-Pattana-Key``), the LINE push as ``X-Line-Retry-Key`` (a UUID derived from the key), which
LINE uses to accept a retried request once and answer 409 to the repeats.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from core.notifications import rules

DEFAULT_BASE_URL = "http://localhost:8501"
DEFAULT_LINE_API = "https://api.line.me"
TIMEOUT_SECONDS = 10


class ChannelError(Exception):
    """A delivery attempt failed; the message is a short reason kept on the delivery row."""


@dataclass(frozen=True)
class Message:
    key: str  # the idempotency key
    subject: str
    text: str  # the whole plain text (subject, body, link)
    email: str | None
    line_user_id: str | None
    at: datetime | None = None  # when it is sent (the Date header), from the scheduler's clock


def base_url() -> str:
    return os.environ.get("PATTANA_BASE_URL", "").strip() or DEFAULT_BASE_URL


@dataclass(frozen=True)
class EmailChannel:
    host: str
    port: int = 587
    user: str = ""
    password: str = ""
    starttls: str = "auto"
    sender: str = "pattana@localhost"
    timeout: float = TIMEOUT_SECONDS
    name: str = "email"

    @classmethod
    def from_env(cls) -> EmailChannel | None:
        host = os.environ.get("PATTANA_SMTP_HOST", "").strip()
        if not host:
            return None
        try:
            port = int(os.environ.get("PATTANA_SMTP_PORT", "587"))
        except ValueError:
            port = 587
        return cls(
            host=host,
            port=port,
            user=os.environ.get("PATTANA_SMTP_USER", ""),
            password=os.environ.get("PATTANA_SMTP_PASSWORD", ""),
            starttls=os.environ.get("PATTANA_SMTP_STARTTLS", "auto").strip().lower() or "auto",
            sender=os.environ.get("PATTANA_SMTP_FROM", "").strip() or "pattana@localhost",
        )

    def build(self, message: Message) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.email
        mail["Subject"] = message.subject  # encoded as UTF-8 (RFC 2047) for Thai
        if message.at is not None:
            mail["Date"] = format_datetime(message.at.astimezone())  # naive: the machine's local time
        mail["Message-ID"] = f"<{message.key}@pattana>"
        mail["X-Pattana-Key"] = message.key
        mail.set_content(message.text, charset="utf-8")
        return mail

    def send(self, message: Message) -> str:
        if not message.email:
            raise ChannelError("no e-mail address")
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.ehlo()
                if self.starttls == "yes" or (self.starttls == "auto" and smtp.has_extn("starttls")):
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(self.build(message))
        except (OSError, smtplib.SMTPException) as error:
            raise ChannelError(f"smtp: {type(error).__name__}: {str(error)[:200]}") from error
        return message.email


@dataclass(frozen=True)
class LineChannel:
    token: str
    api: str = DEFAULT_LINE_API
    timeout: float = TIMEOUT_SECONDS
    name: str = "line"

    @classmethod
    def from_env(cls) -> LineChannel | None:
        token = os.environ.get("PATTANA_LINE_TOKEN", "").strip()
        if not token:
            return None
        return cls(token=token, api=os.environ.get("PATTANA_LINE_API", "").strip() or DEFAULT_LINE_API)

    def send(self, message: Message) -> str:
        from linebot.v3.messaging import (
            ApiClient,
            ApiException,
            Configuration,
            MessagingApi,
            PushMessageRequest,
            TextMessage,
        )

        if not message.line_user_id:
            raise ChannelError("no LINE link")
        configuration = Configuration(host=self.api.rstrip("/"), access_token=self.token)
        configuration.retries = 0
        text = message.text[:4900]  # LINE's limit is 5,000 characters a text message
        try:
            with ApiClient(configuration) as client:
                MessagingApi(client).push_message(
                    PushMessageRequest(to=message.line_user_id, messages=[TextMessage(text=text)]),
                    x_line_retry_key=rules.retry_uuid(message.key),
                    _request_timeout=self.timeout,
                )
        except ApiException as error:
            if error.status == 409:
                # LINE already accepted a request with this retry key: delivered once, not twice.
                return message.line_user_id
            raise ChannelError(f"line: HTTP {error.status} {str(error.reason)[:150]}") from error
        except Exception as error:
            raise ChannelError(f"line: {type(error).__name__}: {str(error)[:200]}") from error
        return message.line_user_id


def configured_channels() -> dict[str, object]:
    """The outside channels configured in this process's environment, by name."""
    found: dict[str, object] = {}
    email = EmailChannel.from_env()
    if email is not None:
        found["email"] = email
    line = LineChannel.from_env()
    if line is not None:
        found["line"] = line
    return found
