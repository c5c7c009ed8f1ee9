"""Configuration from the environment, with the quick start's defaults.

- ``PATTANA_DB``: the DuckDB file (default ``data/pattana-demo.duckdb``).
- ``PATTANA_DEMO``: ``1`` fills a new database with demo data on first start (default ``1``
  for the default demo file, ``0`` otherwise). An existing database is never overwritten.
- ``PATTANA_COOKIE_KEY``: the key that signs sign-in cookies. Without it a random key is made
  once and kept beside the database in ``<db>.cookie-key`` (mode 600); no key lives in git.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "pattana-demo.duckdb"


@dataclass(frozen=True)
class Config:
    db_path: Path
    demo: bool
    cookie_key: str
    cookie_name: str = "pattana_auth"
    cookie_expiry_days: float = 1.0


def cookie_key_for(db_path: Path) -> str:
    from_env = os.environ.get("PATTANA_COOKIE_KEY", "").strip()
    if from_env:
        return from_env
    key_file = db_path.with_name(db_path.name + ".cookie-key")
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(address: str | None) -> bool:
    """Whether a server bound to ``address`` is reachable from this machine only. No address
    (Streamlit's default) or ``0.0.0.0`` means every interface: not loopback."""
    text = (address or "").strip().strip("[]").lower()
    return text in LOOPBACK or text.startswith("127.")


def load() -> Config:
    db_path = Path(os.environ.get("PATTANA_DB", str(DEFAULT_DB))).resolve()
    demo_default = "1" if db_path == DEFAULT_DB.resolve() else "0"
    demo = os.environ.get("PATTANA_DEMO", demo_default).strip() == "1"
    return Config(db_path=db_path, demo=demo, cookie_key=cookie_key_for(db_path))
