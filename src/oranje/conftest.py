"""Fixtures shared by every room: fixed personas in two regions and a small roster world.

Personas (as in healthchecks' test base): a regional coordinator of Kennemerland, a municipal
coordinator of Haarlem, an OvD-BZ functionary, a viewer of Kennemerland, an outsider
coordinator of Utrecht (VR09) who must see nothing of Kennemerland, and a national admin.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from oranje.organisation.tests.factories import World, build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    # Tests render pages without running collectstatic first.
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
