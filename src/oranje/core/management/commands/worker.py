from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from oranje.core.worker import run_worker


class Command(BaseCommand):
    help = (
        "Run the background worker (database task queue): alert deliveries, escalation "
        "timers, the daily readiness round. Several may run at once; a task or delivery of "
        "a worker that vanished is taken over after ORANJE_WORKER_LEASE_SECONDS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Process what is due, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        run_worker(batch=options["batch"], interval=1.0)
