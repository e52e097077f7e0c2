"""Probe: every GET route of the quality room (pages and API), as the region's quality
monitor and a national administrator, with odd query values: never a 500, every answer
no-store."""

from __future__ import annotations

import importlib
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from oranje.tests.access_matrix.world import build_matrix_world, fill

pytestmark = pytest.mark.django_db

PARTS = [
    "actions",
    "agreements",
    "assessment",
    "costs",
    "indicators",
    "monitoring",
    "norms",
    "reports",
]
KEYS = [
    "periode",
    "period",
    "jaar",
    "year",
    "gemeente",
    "municipality",
    "functie",
    "function",
    "status",
    "norm",
    "verlopen",
    "overdue",
    "exercise",
    "page",
    "page_size",
    "code",
]
VALUES = [
    "9999-Q9",
    "2026-Q5",
    "-1",
    "9" * 30,
    "x\x00y",
    "regio",
    "1e400",
    "NaN",
    " ",
    "³",
    "2026-q3",
    "0",
]


def _lines() -> list[tuple[str, str, str]]:
    found = []
    for part in PARTS:
        module = importlib.import_module(f"oranje.tests.access_matrix.test_quality_{part}")
        for line in module.MATRIX:
            if line.method == "GET":
                found.append((line.method, line.path, line.scope))
    return found


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_odd_query_values_never_500_and_never_cached(tmp_path: Path) -> None:
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        world = build_matrix_world()
        problems = []
        for role in ("qual", "nadm", "mun"):
            client = Client(raise_request_exception=False)
            client.force_login(world.users[role])
            for _method, path, scope in _lines():
                url = fill(path, world, scope)
                for value in VALUES:
                    query = urlencode({k: value for k in KEYS})
                    sep = "&" if "?" in url else "?"
                    cache.clear()  # the API's throttle
                    r = client.get(f"{url}{sep}{query}")
                    if r.status_code >= 500:
                        problems.append(f"{role} {url} {value!r}: {r.status_code}")
                    elif r.status_code == 429:
                        problems.append(f"{role} {url}: throttled, not probed")
                    elif r.status_code == 200 and "no-store" not in r.get("Cache-Control", ""):
                        problems.append(
                            f"{role} {url}: {r.status_code} Cache-Control {r.get('Cache-Control')!r}"
                        )
        assert not problems, "\n".join(sorted(set(problems))[:60])
