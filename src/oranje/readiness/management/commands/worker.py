from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django_tasks_db.models import DBTaskResult

from oranje.readiness.tasks import next_daily_run, readiness_daily


class Command(BaseCommand):
    help = (
        "Run the background worker (database task queue): alert deliveries, escalation "
        "timers, and the daily readiness round."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Process what is due, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = f"{readiness_daily.func.__module__}.{readiness_daily.func.__qualname__}"
        pending = DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"])
        if not pending.exists():
            readiness_daily.using(run_after=next_daily_run()).enqueue()
        call_command("db_worker", batch=options["batch"], interval=1, reload=False)
