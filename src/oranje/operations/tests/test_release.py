"""Versioned releases: one version in pyproject, shown by `oranje --version`, the footer and the
API document, with a CHANGELOG entry; and `oranje migrate` that gives up waiting for a lock."""

import re
import sys
import threading
import tomllib
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models.signals import pre_migrate
from django.urls import reverse

import oranje
from oranje import cli
from oranje.operations.management.commands.migrate import lock_timeout

ROOT = Path(__file__).resolve().parents[4]
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="lock_timeout is PostgreSQL's"
)


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def test_the_version_is_semantic_and_the_changelog_has_its_release() -> None:
    version = project_version()
    assert SEMVER.match(version)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{version}]")


def test_the_package_knows_its_version_from_the_checkout() -> None:
    assert oranje.__version__ == project_version()


def test_oranje_dash_dash_version_prints_oranjes_release(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["oranje", "--version"])
    cli.main()
    assert capsys.readouterr().out == f"oranje {oranje.__version__}\n"


def test_the_api_document_carries_the_release(settings: object) -> None:
    # The whole document takes minutes to generate; its info.version is this setting.
    assert settings.SPECTACULAR_SETTINGS["VERSION"] == oranje.__version__  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_footer_shows_the_release_to_signed_in_users_only(client, world) -> None:  # type: ignore[no-untyped-def]
    footer = f"Oranje {oranje.__version__} —"
    assert footer not in client.get(reverse("core:login")).content.decode()
    client.force_login(world.coordinator)
    assert footer in client.get(reverse("organisation:oncall_now")).content.decode()


def test_a_lock_timeout_must_be_a_postgresql_duration() -> None:
    assert [lock_timeout(v) for v in ("0", "500ms", "10s", "1min")] == ["0", "500ms", "10s", "1min"]
    with pytest.raises(Exception, match="give a duration"):
        lock_timeout("ten seconds")


@pytest.mark.django_db
def test_migrate_with_a_lock_timeout_runs_on_any_database() -> None:
    call_command("migrate", lock_timeout="2s", verbosity=0)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_sets_the_lock_timeout_only_while_it_runs() -> None:
    seen = []

    def record(**kwargs: object) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            seen.append(cursor.fetchone()[0])

    pre_migrate.connect(record, dispatch_uid="test_release.record")
    try:
        call_command("migrate", lock_timeout="3s", verbosity=0)
    finally:
        pre_migrate.disconnect(dispatch_uid="test_release.record")
    assert set(seen) == {"3s"}
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "0"


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_migration_waiting_for_a_held_lock_fails_fast_with_a_message() -> None:
    """Another session holds a table lock; what migrate does under it (here: a pre_migrate
    receiver reading the table, as a data migration would) gives up after the timeout."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    holder = psycopg.connect(**params)
    holder.execute("LOCK TABLE readiness_requirement IN ACCESS EXCLUSIVE MODE")
    released = threading.Timer(30, holder.rollback)  # never hang the suite if the test breaks
    released.start()

    def read_locked_table(**kwargs: object) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM readiness_requirement")

    pre_migrate.connect(read_locked_table, dispatch_uid="test_release.locked")
    try:
        with pytest.raises(CommandError, match="geen slot op een tabel") as caught:
            call_command("migrate", lock_timeout="500ms", verbosity=0)
    finally:
        pre_migrate.disconnect(dispatch_uid="test_release.locked")
        released.cancel()
        holder.rollback()
        holder.close()
    assert "did not get a table lock within 500ms" in str(caught.value)
