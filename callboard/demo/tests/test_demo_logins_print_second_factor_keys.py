"""`manage.py demo_logins` (and so `make run`) prints the authenticator keys of the demo logins
whose role needs a second factor, so the local demo stays usable."""

from io import StringIO

import pytest
from django.core.management import call_command

from callboard.core.accounts import authenticator_secret
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production, make_user
from callboard.demo.build import DEMO_DOMAIN, DEMO_SECOND_FACTOR_EMAILS, demo_authenticator


@pytest.mark.django_db
def test_demo_logins_prints_each_second_factor_logins_key_and_current_code():
    production = make_production()
    upm = add_member(production, Role.UPM, make_user(f"upm@{DEMO_DOMAIN}"))
    add_member(production, Role.CREW, make_user(f"crew@{DEMO_DOMAIN}"))
    device = demo_authenticator(upm)
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    key_lines = [line.split() for line in printed.splitlines() if "code now" in line]
    assert key_lines == [
        [f"upm@{DEMO_DOMAIN}", "key", authenticator_secret(device)] + key_lines[0][3:]
    ]
    assert f"upm@{DEMO_DOMAIN}" in DEMO_SECOND_FACTOR_EMAILS
    assert f"crew@{DEMO_DOMAIN}" not in DEMO_SECOND_FACTOR_EMAILS
