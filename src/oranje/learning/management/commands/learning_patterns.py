"""`oranje learning_patterns`: group every finding again into patterns (as the worker does
every hour)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from oranje.learning.models import Finding
from oranje.learning.services.patterns import patterns_compute


class Command(BaseCommand):
    help = "Group recurring findings across incidents and regions into patterns again."

    def handle(self, *args: Any, **options: Any) -> None:
        count = patterns_compute()
        findings = Finding.objects.count()
        seen_once = Finding.objects.filter(pattern__incident_count__lte=1).count()
        self.stdout.write(
            f"{count} patronen uit {findings} bevindingen "
            f"({seen_once} bevindingen eenmalig gezien)."
        )
