"""What the browser tests of every room share: the marks of a browser test and logging in.
Here, in the lowest room, so that any room's tests may use it."""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

import pytest

#: Debian's chromium, driven by Playwright in the browser tests.
CHROMIUM = os.environ.get("ORANJE_CHROMIUM", "/usr/bin/chromium")

#: The marks of every browser test module: a real server, and chromium (CI never skips).
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM) and os.environ.get("CI") != "true",
        reason="Debian's chromium is not installed (CI installs it and never skips)",
    ),
]


def log_in(page: Any, live_server: Any, username: str) -> None:
    """Log in through the pages, with the second step (a code from the user's authenticator,
    set up for them first) when their role requires it."""
    from oranje.core.models import User
    from oranje.core.tests.logins import authenticator, current_code
    from oranje.core.twofactor import has_second_factor, second_factor_required

    user = User.objects.get(username=username)
    device = None
    if has_second_factor(user) or second_factor_required(user):
        device = authenticator(user)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("test-pass-123")
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        page.wait_for_url("**/inloggen/tweede-stap/**")
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Bevestigen").click()
    # The first page: the on-call overview, or the incidents for shelter and registry staff.
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/(piket/nu|incidenten)/$"))
