"""The LINE webhook service over real HTTP: signed requests are written to the inbox, forged
ones are refused; the scheduler's job then links the account."""

import base64
import hashlib
import hmac
import json
import threading
import urllib.error
import urllib.request

import pytest

from core.notifications import services, webhook
from tests.notify_servers import free_port

SECRET = "test-channel-secret"


def _sign(body: str, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()).decode()


def _event(text: str, user: str = "U" + "f" * 32) -> str:
    return json.dumps(
        {
            "destination": "Ubot",
            "events": [
                {
                    "type": "message",
                    "mode": "active",
                    "timestamp": 1764547200000,
                    "webhookEventId": "01H",
                    "deliveryContext": {"isRedelivery": False},
                    "replyToken": "r",
                    "source": {"type": "user", "userId": user},
                    "message": {"type": "text", "id": "1", "quoteToken": "q", "text": text},
                }
            ],
        }
    )


@pytest.fixture
def service(tmp_path):
    inbox = tmp_path / "db.duckdb.line-inbox"
    server = webhook.make_server("127.0.0.1", free_port(), SECRET, inbox)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{webhook.PATH}", inbox
    server.shutdown()
    server.server_close()


def _post(url: str, body: str, signature: str) -> int:
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Line-Signature": signature},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_signed_message_lands_in_the_inbox_and_a_forged_one_is_refused(service):
    url, inbox = service
    body = _event("ABCD2345")
    assert _post(url, body, _sign(body)) == 200
    [written] = list(inbox.glob("*.json"))
    assert json.loads(written.read_text()) == {"line_user_id": "U" + "f" * 32, "text": "ABCD2345"}
    assert _post(url, body, _sign(body, "another-secret")) == 400
    assert _post(url, _event("HACK2345"), _sign(body)) == 400
    assert len(list(inbox.glob("*.json"))) == 1


def test_the_code_sent_through_the_webhook_links_the_account(service, db):
    from tests.test_notifications_outbox import MON

    url, inbox = service
    db.write(
        lambda cur: cur.execute(
            "INSERT INTO users (username, full_name, password_hash, created_at, updated_at)"
            " VALUES ('somchai', 'สมชาย ใจดี', 'x', ?, ?)",
            [MON, MON],
        )
    )
    from core.users import find_user

    with db.read() as cur:
        actor = find_user(cur, "somchai").as_actor()
    code = services.new_link_code(db, actor, MON)
    body = _event(f"เชื่อม {code}")
    assert _post(url, body, _sign(body)) == 200
    assert services.import_line_inbox(db, MON, inbox) == 1
    with db.read() as cur:
        assert cur.execute("SELECT user_id, line_user_id FROM line_links").fetchall() == [
            (actor.user_id, "U" + "f" * 32)
        ]
