from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from oranje.demo.world import build, demo_password


class Command(BaseCommand):
    help = "Build the demo world (Kennemerland) or top it up; safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        personas = build(self.stdout.write)
        password = demo_password()
        self.stdout.write(f"\nInloggen (wachtwoord voor alle personas: {password}):")
        width = max(map(len, personas)) + 1
        for username, description in personas.items():
            self.stdout.write(f"  {username:<{width}} {description}")
        if settings.REQUIRE_2FA:
            self.stdout.write(
                "Coördinatoren en beheerders stellen bij hun eerste login tweestapsverificatie in "
                "(ORANJE_REQUIRE_2FA=false, zoals make demo zet, slaat dat over)."
            )
