"""Sign-in throttling rules (OWASP ASVS 5.0 chapter 6): growing delays, never a lockout.

Failed sign-ins are counted in three scopes:

- ``pair``: the typed user name from one client. The delay grows quickly (2, 4, 8 ... s after
  ``PAIR_FREE`` failures, at most ``PAIR_MAX_SECONDS``); a guesser at one account from one
  client slows to a crawl, and the real user at another client is not touched.
- ``client``: every user name from one client (password spraying). Delays grow after
  ``CLIENT_FREE`` failures up to the per-client cap ``CLIENT_MAX_SECONDS``.
- ``user``: the user name from anywhere. Only a mild, bounded slowdown (at most
  ``USER_MAX_SECONDS``), so a stranger rotating clients cannot keep the real user out.

A refused (throttled) attempt checks no password and is not counted. Failures older than
``RESET_AFTER`` are forgotten. Pure functions of counts and times.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SCOPES = ("pair", "client", "user")
PAIR_FREE, PAIR_MAX_SECONDS = 3, 15 * 60
CLIENT_FREE, CLIENT_MAX_SECONDS = 10, 15 * 60
USER_FREE, USER_MAX_SECONDS = 10, 30
RESET_AFTER = timedelta(hours=1)
UNKNOWN_CLIENT = "unknown"


def delay_seconds(scope: str, failures: int, known_client: bool = True) -> int:
    """How long the next attempt in ``scope`` must wait after ``failures`` failures in a row.

    When the client is unknown (no address, e.g. a local proxy not listed in
    ``PATTANA_TRUSTED_PROXIES``), every visitor shares one client key, so a long delay there
    would be a lockout anyone could impose: every scope then stays as mild as the per-name one."""
    free, cap = {
        "pair": (PAIR_FREE, PAIR_MAX_SECONDS),
        "client": (CLIENT_FREE, CLIENT_MAX_SECONDS),
        "user": (USER_FREE, USER_MAX_SECONDS),
    }[scope]
    if not known_client:
        cap = min(cap, USER_MAX_SECONDS)
    if failures < free:
        return 0
    return int(min(cap, 2 ** min(failures - free + 1, 20)))


def keys(username: str, client: str | None) -> dict[str, str]:
    """The throttle key of each scope for a typed user name and a client key."""
    name = (username or "").strip().lower()[:64]
    where = (client or UNKNOWN_CLIENT)[:64]
    return {"pair": f"{name}|{where}", "client": where, "user": name}


def after_failure(failures: int, last_failure_at: datetime | None, now: datetime) -> int:
    """The new count of failures once one more happened at ``now``."""
    if last_failure_at is None or now - last_failure_at > RESET_AFTER:
        return 1
    return failures + 1


def wait_seconds(blocked_until: list[datetime | None], now: datetime) -> int:
    """Seconds left before an attempt is allowed (0: allowed now)."""
    left = [(until - now).total_seconds() for until in blocked_until if until is not None]
    longest = max(left, default=0.0)
    return int(longest) + (1 if longest > int(longest) else 0) if longest > 0 else 0
