"""`oranje createadmin`: the first national administrator of a new installation."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from oranje.core.audit_actions import AuditAction
from oranje.core.constants import Role
from oranje.core.models import AuditEntry, Membership, User

pytestmark = pytest.mark.django_db

STRONG = "Zeven-gele-tulpen-1953"


def _run(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("createadmin", *args, stdout=out)
    finally:
        sys.stdin = saved
    return out.getvalue()


def test_it_creates_a_national_administrator_with_the_password_from_stdin() -> None:
    output = _run(
        "--username", "beheer", "--email", "ict@vr12.nl", "--password-stdin", stdin=STRONG + "\n"
    )

    user = User.objects.get(username="beheer")
    assert user.email == "ict@vr12.nl"
    assert user.check_password(STRONG)
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.ADMINISTRATOR
    assert membership.region is None and membership.municipality is None
    assert "National administrator 'beheer' created" in output
    assert STRONG not in output


def test_it_audits_the_creation_as_the_system() -> None:
    _run("--username", "beheer", "--email", "ict@vr12.nl", "--password-stdin", stdin=STRONG)

    entry = AuditEntry.objects.get(action=AuditAction.USER_ADMINISTRATOR_CREATE)
    user = User.objects.get(username="beheer")
    assert entry.actor is None and entry.actor_name == "systeem"
    assert entry.object_id == str(user.pk)
    assert entry.region is None
    assert entry.changes["role"] == "administrator"


def test_a_generated_password_is_printed_once_and_works() -> None:
    output = _run("--username", "beheer", "--email", "ict@vr12.nl")

    password = output.split("Password (not shown again):\n", 1)[1].split("\n", 1)[0]
    assert len(password) >= 20
    assert output.count(password) == 1
    assert User.objects.get(username="beheer").check_password(password)


def test_an_existing_username_is_refused_in_dutch_and_english() -> None:
    User.objects.create_user(username="Beheer", password=STRONG)

    with pytest.raises(CommandError) as refused:
        _run("--username", "beheer", "--email", "ict@vr12.nl")

    message = str(refused.value)
    assert "bestaat al" in message and "already exists" in message
    assert "changepassword" in message
    assert User.objects.filter(username__iexact="beheer").count() == 1
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.USER_ADMINISTRATOR_CREATE).exists()


def test_a_weak_password_from_stdin_is_refused_and_nothing_is_created() -> None:
    with pytest.raises(CommandError) as refused:
        _run("--username", "beheer", "--email", "ict@vr12.nl", "--password-stdin", stdin="1234")

    assert "te zwak" in str(refused.value) and "too weak" in str(refused.value)
    assert not User.objects.filter(username="beheer").exists()


def test_an_empty_stdin_is_refused() -> None:
    with pytest.raises(CommandError, match="No password on standard input"):
        _run("--username", "beheer", "--email", "ict@vr12.nl", "--password-stdin", stdin="")
    assert not User.objects.exists()


def test_a_bad_email_address_is_refused() -> None:
    with pytest.raises(CommandError, match="Invalid input"):
        _run("--username", "beheer", "--email", "not-an-address", "--password-stdin", stdin=STRONG)
    assert not User.objects.exists()
