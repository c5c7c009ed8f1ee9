"""Who is acting: the signed-in user as services see them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    """A user acting now, with the roles read from the database for this very request."""

    user_id: int
    username: str
    full_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_code: str | None = None
    position: str = ""

    def has(self, role: str) -> bool:
        return role in self.roles


SYSTEM = Actor(user_id=0, username="system", full_name="Pattana", roles=frozenset())
CITIZEN = Actor(user_id=0, username="citizen", full_name="ประชาชน", roles=frozenset())
