"""The access matrix's world, built once for the package."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings

from oranje.tests.access_matrix.world import Matrix, build_matrix_world


@pytest.fixture(scope="package")
def matrix(django_db_setup: None, django_db_blocker: Any) -> Iterator[Matrix]:
    """The world, built once for the package inside a transaction rolled back at the end,
    and one logged-in client per role."""
    with (
        django_db_blocker.unblock(),
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
        ),
        transaction.atomic(),
    ):
        world = build_matrix_world()
        clients = {"anon": Client()}
        for role, user in world.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        yield world, clients
        transaction.set_rollback(True)
