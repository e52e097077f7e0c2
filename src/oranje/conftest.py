"""Fixtures shared by every room: fixed personas in two regions and a small roster world.

Personas (as in healthchecks' test base): a regional coordinator of Kennemerland, a municipal
coordinator of Haarlem, an OvD-BZ functionary, a viewer of Kennemerland, an outsider
coordinator of Utrecht (VR09) who must see nothing of Kennemerland, and a national admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from oranje.core.tests.browser import BROWSER_TEST, CHROMIUM, log_in
from oranje.organisation.tests.factories import World, build_world

__all__ = ["BROWSER_TEST", "log_in"]

# Property tests check rules, not speed: on a busy CI machine one example may take longer
# than hypothesis' default 200 ms deadline, which would fail a correct rule.
hypothesis_settings.register_profile("oranje", deadline=None)
hypothesis_settings.load_profile("oranje")


@pytest.fixture(autouse=True)
def _no_prometheus_multiprocess_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing oranje.gunicorn_config (as the gunicorn and logging tests do) sets
    PROMETHEUS_MULTIPROC_DIR for the rest of the process, as it must for gunicorn; a later
    test's scrape would then read that directory's (empty) files instead of this process's
    metrics. Every test starts without it; a test that sets it gets it undone."""
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)


@pytest.fixture(autouse=True)
def _fresh_upkeep_clocks() -> None:
    """Every test starts with every worker upkeep due, as a freshly started worker has it: a
    test that ran the upkeep (forced or not) must not leave the next test in the same
    process with an upkeep "not due within the hour" (the daily round then goes unscheduled)."""
    from oranje.core import worker

    for item in worker._upkeep.values():
        item.last = float("-inf")


@pytest.fixture(autouse=True)
def _fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    # Tests render pages without running collectstatic first.
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # API throttling counts requests in the cache; every test starts with none counted.
    from django.core.cache import cache

    cache.clear()


_raw_login = False


@pytest.fixture(autouse=True, scope="session")
def _second_step_done() -> Iterator[None]:
    """`client.force_login(user)` also completes two-factor authentication's second step, as
    if the user had typed a code, in fixtures of any scope (tests marked `raw_login` get the
    half-logged-in state)."""
    from django.test import Client

    from oranje.core.tests.logins import complete_second_step

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        if not _raw_login:
            complete_second_step(self, user)

    Client.force_login = force_login  # type: ignore[method-assign,assignment]
    yield
    Client.force_login = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _raw_login_marker(request: pytest.FixtureRequest) -> Iterator[None]:
    global _raw_login
    _raw_login = request.node.get_closest_marker("raw_login") is not None
    yield
    _raw_login = False


@pytest.fixture(autouse=True)
def _dutch() -> object:
    # The interface speaks Dutch; messages asserted in tests are the Dutch ones.
    with translation.override("nl"):
        yield


@pytest.fixture
def world(db: object) -> World:
    return build_world()


@pytest.fixture
def monday() -> dt.datetime:
    """Next Monday 08:00 Amsterdam time: a fixed, future handover moment."""
    from django.utils import timezone

    from oranje.core.validation import local_zone

    today = timezone.localdate()
    day = today + dt.timedelta(days=7 - today.weekday())
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=local_zone())


@pytest.fixture
def page(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # itself are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Playwright's own helpers (wait_for_function with an expression) evaluate strings, which
    # the Content-Security-Policy forbids: tests run with it bypassed, except those marked
    # `strict_csp`, which check that the pages keep to it.
    strict = request.node.get_closest_marker("strict_csp") is not None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 900},
            bypass_csp=not strict,
        )
        yield context.new_page()
        # Inside sync_playwright the test runs in a greenlet with its own context variables,
        # so its database connection is not the one pytest-django closes at the end: close it
        # here, or PostgreSQL refuses to drop the test database ("being accessed by other
        # users").
        connections.close_all()
        context.close()
        browser.close()


@pytest.fixture
def on_call(world: World) -> Any:
    """The world with officers[0] on hard on-call, officers[1] on soft on-call and
    officers[2] as the pool's coordinator; only the default OvD-BZ rule at GRIP 1 is kept,
    so that other rules do not alert functions the test world has nobody for."""
    from oranje.alerting.models import AlertRule
    from oranje.incidents.tests.factories import put_on_call

    AlertRule.objects.filter(region=world.region).exclude(function=world.ovd, grip_level=1).delete()
    return put_on_call(world)
