"""`oranje createadmin`: the first national administrator of a new installation.

Everything else about accounts is done in the application by that administrator; this
command exists because somebody has to be first. The password comes from standard input
(`--password-stdin`, so it appears in no command line or shell history) or is generated and
printed once.
"""

from __future__ import annotations

import secrets
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.constants import Role
from oranje.core.models import Membership, User
from oranje.core.twofactor import second_factor_required

#: Bytes of randomness in a generated password (24 characters of URL-safe text).
GENERATED_PASSWORD_BYTES = 18


def administrator_create(*, username: str, email: str, password: str) -> User:
    """Create a user with the national administrator role, audited in the same transaction.
    Raises ValidationError for a taken username, a bad e-mail address or a weak password."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            f"Gebruikersnaam {username!r} bestaat al: kies een andere, of zet het wachtwoord "
            f"van dat account opnieuw met 'oranje changepassword {username}'. / "
            f"Username {username!r} already exists: choose another, or reset that account's "
            f"password with 'oranje changepassword {username}'.",
            code="username_taken",
        )
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError(
            "Het wachtwoord is te zwak / The password is too weak: " + " ".join(exc.messages),
            code="password_weak",
        ) from exc
    user.set_password(password)
    try:
        user.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            "Ongeldige invoer / Invalid input: " + " ".join(exc.messages), code="invalid"
        ) from exc
    with transaction.atomic():
        user.save()
        Membership.objects.create(user=user, role=Role.ADMINISTRATOR, region=None)
        audit_record(
            actor=None,
            action=AuditAction.USER_ADMINISTRATOR_CREATE,
            obj=user,
            region=None,
            changes={"username": username, "role": Role.ADMINISTRATOR.value, "scope": "national"},
            note="oranje createadmin",
        )
    return user


class Command(BaseCommand):
    help = (
        "Create the first national administrator (the role 'administrator' without region). "
        "The password is read from standard input with --password-stdin, or generated and "
        "printed once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="The login name.")
        parser.add_argument("--email", required=True, help="The administrator's e-mail address.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input instead of "
            "generating one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if not username:
            raise CommandError("Geef een gebruikersnaam (--username). / Give a username.")
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError(
                    "Geen wachtwoord op standaardinvoer: geef het op de eerste regel, of laat "
                    "--password-stdin weg om er een te laten maken. / No password on standard "
                    "input: give it on the first line, or leave out --password-stdin to have "
                    "one generated."
                )
            generated = False
        else:
            password = secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
            generated = True
        try:
            user = administrator_create(
                username=username, email=options["email"].strip(), password=password
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Landelijk beheerder {user.username!r} aangemaakt. / "
            f"National administrator {user.username!r} created."
        )
        if generated:
            self.stdout.write(
                "Wachtwoord (wordt niet nog eens getoond) / Password (not shown again):\n"
                + password
            )
        if second_factor_required(user):
            self.stdout.write(
                "Bij de eerste keer inloggen stelt de beheerder tweestapsverificatie in. / "
                "At the first login the administrator sets up two-factor authentication."
            )
