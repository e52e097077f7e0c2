"""The deployment checks on the running installation (oranje.operations.checks_runtime):
database, migrations, worker, files and backups, each both ways; and `oranje check` as a
whole, plain and with --deploy."""

from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connections
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from oranje.core.models import WorkerBeat
from oranje.operations.checks_runtime import check_backups, check_database, check_files
from oranje.operations.tests.smtp_listener import smtp_listener


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def beat() -> WorkerBeat:
    return WorkerBeat.objects.create(worker_id="w-elsewhere", host="other-machine", pid=4242)


@pytest.mark.django_db
def test_a_migrated_database_with_a_beating_worker_passes():
    beat()
    assert check_database() == []
    assert check_database(databases=["default"]) == []


@pytest.mark.django_db
def test_no_worker_beating_is_an_error_saying_how_to_start_one():
    [message] = check_database()
    assert message.id == "oranje.E030"
    assert "systemctl start oranje-worker" in message.hint and "oranje worker" in message.hint


@pytest.mark.django_db
def test_a_worker_whose_beat_is_older_than_the_lease_is_not_alive():
    WorkerBeat.objects.create(
        worker_id="w-old", host="other-machine", beat_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert ids(check_database()) == ["oranje.E030"]


@pytest.mark.django_db
def test_an_unapplied_migration_is_an_error_naming_it_and_the_command(monkeypatch):
    beat()
    pending = [(Migration("0999_pending", "core"), False)]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: pending)
    [message] = check_database()
    assert message.id == "oranje.E031"
    assert "1 migratie(s)" in message.msg and "1 migration(s)" in message.msg
    assert "core.0999_pending" in message.msg
    assert "oranje migrate" in message.hint
    pending = [(Migration(f"{n:04}_pending", "core"), False) for n in range(7)]
    [message] = check_database()
    assert "7 migration(s)" in message.msg and "0004_pending and 2 others" in message.msg
    assert "0005_pending" not in message.msg


@pytest.mark.django_db
def test_a_database_that_is_down_is_one_error_not_a_traceback(monkeypatch):
    def refuse() -> None:
        raise OperationalError("connection to server at 10.0.0.5, port 5432 failed: refused\nmore")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)
    [message] = check_database()
    assert message.id == "oranje.E032"
    assert "port 5432 failed: refused" in message.msg and "more" not in message.msg
    assert "DATABASE_URL" in message.hint


def test_a_writable_data_directory_and_a_creatable_media_directory_pass(tmp_path):
    with override_settings(DATA_DIR=tmp_path, MEDIA_ROOT=tmp_path / "media" / "uploads"):
        assert check_files() == []
    assert not (tmp_path / "media").exists()  # checked, not made


def test_a_data_directory_that_cannot_take_files_is_an_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with override_settings(DATA_DIR=blocker, MEDIA_ROOT=tmp_path / "media"):
        [message] = check_files()
    assert message.id == "oranje.E040"
    assert "ORANJE_DATA_DIR" in message.msg and "install -d -o oranje" in message.hint
    with override_settings(DATA_DIR=tmp_path / "missing", MEDIA_ROOT=tmp_path / "media"):
        assert ids(check_files()) == ["oranje.E040"]


def test_a_media_directory_that_cannot_be_made_is_an_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with override_settings(DATA_DIR=tmp_path, MEDIA_ROOT=blocker / "media"):
        [message] = check_files()
    assert message.id == "oranje.E041"
    with override_settings(DATA_DIR=tmp_path, MEDIA_ROOT=blocker):
        assert ids(check_files()) == ["oranje.E041"]


def test_no_backup_is_a_warning(tmp_path):
    (tmp_path / "notes.tar").write_text("")  # not a backup by its name
    with override_settings(BACKUP_DIR=tmp_path):
        [message] = check_backups()
    assert message.id == "oranje.W040"
    assert "oranje backup" in message.hint and "oranje-backup.timer" in message.hint
    with override_settings(BACKUP_DIR=tmp_path / "never-made"):
        assert ids(check_backups()) == ["oranje.W040"]


def test_only_a_backup_older_than_26_hours_is_a_warning(tmp_path):
    old = tmp_path / "oranje-backup-20261201T020000Z.tar"
    old.write_text("")
    long_ago = time.time() - 27 * 3600
    os.utime(old, (long_ago, long_ago))
    with override_settings(BACKUP_DIR=tmp_path):
        [message] = check_backups()
        assert message.id == "oranje.W041"
        assert old.name in message.msg and "27" in message.msg
        (tmp_path / "oranje-backup-20261202T020000Z.tar").write_text("")
        assert check_backups() == []


def test_plain_check_stays_clean_and_runs_none_of_oranjes_deployment_checks():
    with override_settings(DEBUG=True, EMAIL_PORT=1, SMS_GATEWAY_URL="", SMS_OFF=False):
        call_command("check", stdout=io.StringIO())


@pytest.mark.django_db
def test_check_deploy_fails_and_lists_oranjes_problems(tmp_path, monkeypatch):
    monkeypatch.delenv("ORANJE_SECRET_KEY", raising=False)
    with (
        override_settings(
            DEBUG=True,
            ALLOWED_HOSTS=["127.0.0.1", "localhost"],
            SITE_URL="http://127.0.0.1:8000",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=1,
            SMS_GATEWAY_URL="",
            SMS_OFF=False,
            BACKUP_DIR=tmp_path,
        ),
        pytest.raises(SystemCheckError) as raised,
    ):
        call_command("check", deploy=True, tags=["oranje"])
    report = str(raised.value)
    for expected in ("E001", "E002", "E004", "E006", "E010", "E020", "E030", "W001", "W040"):
        assert f"(oranje.{expected})" in report
    assert "NL: " in report and "EN: " in report


@pytest.mark.django_db
def test_check_deploy_passes_on_a_well_run_installation(tmp_path, monkeypatch):
    monkeypatch.setenv("ORANJE_SECRET_KEY", "k" * 50)
    beat()
    (tmp_path / "oranje-backup-20261206T020000Z.tar").write_text("")
    with (
        smtp_listener() as server,
        override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=["oranje.vr12.nl"],
            SITE_URL="https://oranje.vr12.nl",
            BEHIND_PROXY=False,
            SESSION_COOKIE_SECURE=True,
            CSRF_COOKIE_SECURE=True,
            SECURE_HSTS_SECONDS=31_536_000,
            REQUIRE_2FA=True,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.server_address[1],
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            SMS_GATEWAY_URL="",
            SMS_OFF=True,
            DATA_DIR=tmp_path,
            MEDIA_ROOT=tmp_path / "media",
            BACKUP_DIR=tmp_path,
        ),
    ):
        call_command("check", deploy=True, tags=["oranje"], stdout=io.StringIO())
