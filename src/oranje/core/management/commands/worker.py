import logging
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from oranje.core import systemd
from oranje.core.worker import run_worker

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background worker (database task queue): alert deliveries, escalation "
        "timers, the daily readiness round. Several may run at once; a task or delivery of "
        "a worker that vanished is taken over after ORANJE_WORKER_LEASE_SECONDS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Process what is due, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        warn_if_watchdog_too_short()
        run_worker(batch=options["batch"], interval=1.0)


def warn_if_watchdog_too_short() -> bool:
    """The worker feeds systemd's watchdog once per heartbeat: with fewer than two beats per
    watchdog period one slow beat gets a healthy worker killed. Logs and returns True then."""
    watchdog = systemd.watchdog_interval()
    beat_every = settings.WORKER_LEASE_SECONDS / 3
    if watchdog is None or beat_every * 2 <= watchdog:
        return False
    log.warning(
        "WatchdogSec (%.0f s) is te kort voor een hartslag per %.0f s "
        "(ORANJE_WORKER_LEASE_SECONDS / 3): zet WatchdogSec op minstens %.0f s. / "
        "WatchdogSec (%.0f s) is too short for a heartbeat every %.0f s "
        "(ORANJE_WORKER_LEASE_SECONDS / 3): set it to at least %.0f s.",
        *(watchdog, beat_every, beat_every * 2) * 2,
    )
    return True
