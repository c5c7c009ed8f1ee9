"""Every role x every page on the full demo: allowed pages open without an error, the others are
not even registered for that user (so their URL cannot reach them)."""

import pytest

from core import demo
from core.permissions import PAGE_ACCESS, can_open_page
from tests.conftest import goto

ONE_USER_PER_ROLE = {}
for username, _name, _position, _unit, roles in demo.USERS:
    ONE_USER_PER_ROLE.setdefault(roles[0], username)


@pytest.mark.parametrize("role", sorted(ONE_USER_PER_ROLE))
def test_each_role_opens_its_pages_cleanly_and_no_other(signed_in, role):
    at = signed_in(ONE_USER_PER_ROLE[role])
    for page in sorted(PAGE_ACCESS):
        if can_open_page({role}, page):
            goto(at, page)
            assert not at.exception, (role, page)
            unexpected = [e.body for e in at.error if "ไม่คาดคิด" in e.body]
            assert not unexpected, (role, page, unexpected)
            assert at.title, (role, page)
        else:
            with pytest.raises(ValueError):
                goto(at, page)
