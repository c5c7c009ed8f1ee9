"""Who is the client? The address a limiter or a sign-in throttle counts, behind proxies or not.

Forwarded headers are words of whoever sent them, so they count only when the connection came
from a proxy we were told to trust (``PATTANA_TRUSTED_PROXIES``: addresses or networks, comma
separated; empty by default). The chain is ``X-Forwarded-For`` followed by the connection's own
address; walking it from the right, trusted proxies are skipped and the first address not
trusted is the client (the right-most untrusted hop: the left part of the header is whatever
the client wrote). Streamlit reports no address for a connection from this machine, and its
server already replaced the address of such a connection by the header's last entry, so a
connection that is local or whose address is the header's last entry counts as coming from
``127.0.0.1``. A client whose address is unknown is never unlimited: it is counted as
``local``.
"""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache

LOCAL = "local"
_LOOPBACK = "127.0.0.1"
ENVIRONMENT_VARIABLE = "PATTANA_TRUSTED_PROXIES"


@lru_cache(maxsize=16)
def parse_networks(text: str) -> tuple:
    networks = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def trusted_from_environment() -> tuple:
    return parse_networks(os.environ.get(ENVIRONMENT_VARIABLE, ""))


def _address(text: str) -> ipaddress._BaseAddress | None:
    value = (text or "").strip().strip('"')
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_trusted(address: ipaddress._BaseAddress | None, trusted: tuple) -> bool:
    return address is not None and any(address in network for network in trusted)


def client_key(ip_address: str | None, headers: dict | None, trusted: tuple | None = None) -> str:
    """The key of the client behind this connection (never None; ``local`` when unknown)."""
    trusted = trusted_from_environment() if trusted is None else trusted
    lowered = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    forwarded = [p.strip() for p in lowered.get("x-forwarded-for", "").split(",") if p.strip()][-20:]
    peer = ip_address.strip() if ip_address else None
    if peer is None or (forwarded and peer == forwarded[-1]):
        peer = _LOOPBACK
    chain = [*forwarded, peer]
    for hop in reversed(chain):
        address = _address(hop)
        if not _is_trusted(address, trusted):
            if address is None:
                return LOCAL if hop is peer else f"bad:{hop[:40]}"
            return LOCAL if address.is_loopback else str(address)
    first = _address(chain[0])
    return str(first) if first is not None and not first.is_loopback else LOCAL
