"""A per-client rate limit for the public survey page, in process memory (no outside service).

``RateLimiter(limit, window_seconds).allow(key, now_seconds)`` is a sliding window: at most
``limit`` events per ``key`` in any ``window_seconds``. Time is passed in (``time.monotonic()``
in the app), so the limiter is a pure function of its calls and testable without waiting. A
lock makes it safe for Streamlit's script threads; keys unseen for a window are forgotten.
"""

from __future__ import annotations

import threading
from collections import deque


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0, max_keys: int = 100_000):
        if limit < 1 or window_seconds <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = int(limit)
        self.window = float(window_seconds)
        self.max_keys = max_keys
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str | None, now: float) -> bool:
        """Record an event for ``key`` at ``now`` and say whether it is within the limit.

        A refused event is not recorded (waiting long enough always lets the next one through).
        A ``None`` key (no client address known) counts as one shared client, never as unlimited
        (``core.security.clientkey`` gives such clients the key ``local``).
        """
        key = "local" if key is None else key
        with self._lock:
            events = self._events.get(key)
            if events is None:
                if len(self._events) >= self.max_keys:
                    self._forget(now)
                events = self._events[key] = deque()
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True

    def _forget(self, now: float) -> None:
        for key in [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]:
            del self._events[key]

    def reconfigure(self, limit: int) -> None:
        with self._lock:
            self.limit = max(1, int(limit))
