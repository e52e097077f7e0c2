"""Figure: the public page of a region (/publiek/<region>/) when the whole town looks at once.

The project's own server set-up — gunicorn with `oranje.gunicorn_config`, 3 sync workers as
`make demo` runs it — on PostgreSQL when DATABASE_URL is set, else SQLite in
bench/out/comm_public. A demo-like region: four real incidents (one closed yesterday), each
with six published messages (updates, a correction, a warning with what to do), three open
shelters and fifteen public questions and answers, beside an exercise with its own messages
(which the page must not show).

Two runs of `--seconds` each, 200 concurrent readers (`--readers`):

1. **As fast as it goes**: every reader asks again as soon as it has the page, with `wrk`
   (Debian's package; installed with apt-get when missing and allowed, else the asyncio
   generator `bench.comm_public_load` stands in). Requests/s, target ≥ 300. Its p95 is
   printed too, without a target: with every reader always waiting, the mean time is the
   readers divided by the requests/s (Little's law), so under saturation it says how many
   requests/s there are, not how quick one is.
2. **At the target rate**: the same 200 readers together asking 300 times a second
   (`--rate`; each on its own schedule, the time counted from when a request was due, so a
   server falling behind shows), with `bench.comm_public_load` in a separate process: p95,
   target < 100 ms.

Non-2xx answers and socket errors: 0. And during the first run, five times, a message is
published (written as the publishing service writes it, in this process, so no server
process is told) and the page polled until it shows it: target ≤ 5 s (the page is kept for
at most `PUBLIC_PAGE_SECONDS`). The machine's load average is printed: run it on a quiet
machine (2 cores here, shared with the load generator).

Options: --seconds (default 20), --readers (200), --rate (300), --workers (3). Traffic goes
only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from bench.common import ROOT, report, setup_django
from bench.targets import check, check_that, exit_status

REGION = "VR30"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95.0)))
  io.write(string.format("P50_US %d\\n", latency:percentile(50.0)))
end
"""


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.comm_public", description=__doc__)
    parser.add_argument("--seconds", type=int, default=20, help="length of the load run")
    parser.add_argument("--readers", type=int, default=200, help="concurrent readers")
    parser.add_argument("--rate", type=float, default=300, help="requests/s of the paced run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (make demo: 3)")
    return parser.parse_args(argv)


def world() -> int:
    """The region with its incidents (built once; a second run reuses it). Returns the id of
    the incident the freshness probe publishes in."""
    from django.utils import timezone

    from oranje.care.models import Location, Shelter
    from oranje.communication.models import Message, QAItem
    from oranje.core.models import Municipality, Region
    from oranje.incidents.models import Incident

    region, _ = Region.objects.get_or_create(code=REGION, defaults={"name": "Bench Publiek"})
    town, _ = Municipality.objects.get_or_create(
        cbs_code="GM9930", defaults={"name": "Publiekstad", "region": region}
    )
    found = Incident.objects.filter(region=region, is_exercise=False).order_by("pk").first()
    if found is not None:
        # The messages an earlier run's freshness probe published go: the same page each run.
        Message.objects.filter(incident__region=region, title__startswith="Meetbericht").delete()
        return found.pk
    now = timezone.now()
    first_id = 0
    for n in range(5):
        exercise = n == 4
        incident = Incident.objects.create(
            region=region,
            municipality=town,
            title=f"{'Oefening ' if exercise else ''}Incident {n} in Publiekstad",
            kind="other",
            is_exercise=exercise,
            started_at=now - dt.timedelta(hours=6 - n),
            location_text=f"Wijk {n}",
            closed_at=now - dt.timedelta(days=1) if n == 3 else None,
        )
        first_id = first_id or incident.pk
        parent = None
        for m in range(6):
            at = incident.started_at + dt.timedelta(minutes=20 + 30 * m)
            warning = m == 2
            relation = "original" if m == 0 else ("correction" if m == 3 else "update")
            message = Message.objects.create(
                incident=incident,
                kind="warning" if warning else "public",
                title=f"Bericht {m + 1}: stand van zaken in wijk {n}",
                text=("De brandweer is ter plaatse en meet de lucht in de omgeving. " * 6),
                instruction="Houd ramen en deuren gesloten en zet de ventilatie uit."
                if warning
                else "",
                status="published",
                relation=relation,
                parent=parent,
                approved_at=at,
                published_at=at,
            )
            parent = parent or message
        for s in range(3):
            place = Location.objects.create(
                municipality=town,
                code=f"P{n}-{s}",
                name=f"Sporthal {n}.{s}",
                street="Sportlaan",
                house_number=s + 1,
                postcode="1234AB",
                city="Publiekstad",
                latitude=52.4 + s / 100,
                longitude=4.6 + n / 100,
                capacity_day=200,
                capacity_night=120,
            )
            Shelter.objects.create(
                incident=incident,
                location=place,
                decided_by="Burgemeester",
                decided_at=now,
                capacity_day=200,
                capacity_night=120,
                ready_at=now if s else None,
            )
        for q in range(15):
            QAItem.objects.create(
                incident=incident,
                position=q,
                question=f"Vraag {q + 1}: is het veilig om naar buiten te gaan?",
                answer="Ja, buiten de afgezette wijk is het veilig. " * 3,
                status="approved",
                approved_at=now,
                public=True,
            )
    return first_id


def publish(incident_id: int, title: str) -> None:
    """A message published as the service writes it (this process tells no server)."""
    from django.utils import timezone

    from oranje.communication.models import Message

    now = timezone.now()
    Message.objects.create(
        incident_id=incident_id,
        kind="public",
        title=title,
        text="Nieuw bericht tijdens de meting.",
        status="published",
        approved_at=now,
        published_at=now,
    )


def freshness(url: str, incident_id: int, rounds: int, gap: float) -> list[float]:
    """Publish `rounds` messages during the load; for each, seconds until the page shows it."""
    took = []
    for n in range(rounds):
        time.sleep(gap)
        title = f"Meetbericht {n} {time.monotonic_ns()}"
        publish(incident_id, title)
        started = time.monotonic()
        while time.monotonic() - started < 30:
            with urllib.request.urlopen(url, timeout=30) as answer:
                if title in answer.read().decode():
                    break
            time.sleep(0.05)
        took.append(time.monotonic() - started)
    return took


def wrk() -> str | None:
    """Debian's wrk, installed when missing (as root with apt-get), else None."""
    found = shutil.which("wrk")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        found = shutil.which("wrk")
    return found


def load_with_wrk(binary: str, url: str, readers: int, seconds: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    try:
        done = subprocess.run(
            [
                binary,
                "-t2",
                f"-c{readers}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    out = done.stdout

    def number(pattern: str) -> float:
        match = re.search(pattern, out)
        return float(match.group(1)) if match else 0.0

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "requests": number(r"(\d+) requests in"),
        "p95_ms": number(r"P95_US (\d+)") / 1000,
        "p50_ms": number(r"P50_US (\d+)") / 1000,
        "non_2xx": number(r"Non-2xx or 3xx responses: (\d+)"),
        "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


def load_with_python(url: str, readers: int, seconds: int, rate: float = 0) -> dict[str, float]:
    """bench/comm_public_load.py in its own process (`rate` 0: as fast as it goes)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.comm_public_load",
            url,
            str(readers),
            str(seconds),
            str(rate),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(ROOT),
    )
    values = dict(line.split("=", 1) for line in done.stdout.split())
    return {k: float(v) for k, v in values.items()}


def main(argv: list[str]) -> None:
    args = options(argv)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from bench.incident_load import ensure_database

        ensure_database(url)
    setup_django("comm_public")
    from django.core.management import call_command
    from django.db import connection

    from bench.registry_world import machine_load
    from bench.server import gunicorn
    from oranje.communication.constants import PUBLIC_PAGE_SECONDS

    call_command("collectstatic", interactive=False, verbosity=0)
    incident_id = world()
    binary = wrk()
    load_before = machine_load()
    with gunicorn(str(args.workers)) as base:
        url = f"{base}/publiek/{REGION}/"
        for _ in range(args.workers * 4):  # every worker loads its code
            urllib.request.urlopen(url, timeout=30).read()
        page = urllib.request.urlopen(url, timeout=30).read().decode()
        assert "Oefening" not in page, "an exercise on the public page"
        fresh: list[float] = []
        probe = threading.Thread(
            target=lambda: fresh.extend(
                freshness(url, incident_id, 5, max(args.seconds / 6 - PUBLIC_PAGE_SECONDS, 0.5))
            )
        )
        probe.start()
        if binary:
            tool = "wrk"
            figures = load_with_wrk(binary, url, args.readers, args.seconds)
        else:
            tool = "asyncio load generator (no wrk)"
            figures = load_with_python(url, args.readers, args.seconds)
        load_during = machine_load()
        probe.join()
        paced = load_with_python(url, args.readers, args.seconds, args.rate)
        load_paced = machine_load()
    print(
        f"public page ({len(page.encode()) / 1024:.0f} KiB): {args.readers} concurrent readers, "
        f"gunicorn ({args.workers} workers) on {connection.vendor}; {load_before} before"
    )
    print(f"  1. as fast as it goes, {args.seconds} s with {tool} ({load_during} at the end)")
    report("requests", f"{figures['requests']:.0f}")
    check("requests/s", figures["rps"], 300, better="higher", shown=f"{figures['rps']:.0f}")
    report(
        "p50 / p95 (no target: saturated, see above)",
        f"{figures['p50_ms']:.0f} / {figures['p95_ms']:.0f} ms",
    )
    print(
        f"  2. at {args.rate:.0f} requests/s, {args.seconds} s with bench.comm_public_load "
        f"({load_paced} at the end)"
    )
    report("requests/s", f"{paced['rps']:.0f}  ({paced['requests']:.0f} requests)")
    report("p50", f"{paced['p50_ms']:.1f} ms")
    check("p95", paced["p95_ms"], 100, unit="ms", shown=f"{paced['p95_ms']:.1f} ms")
    failed = figures["non_2xx"] + figures["socket_errors"] + paced["non_2xx"]
    failed += paced["socket_errors"]
    check_that("non-2xx answers and socket errors", f"{failed:.0f}", failed == 0, "0")
    worst = max(fresh) if fresh else float("inf")
    check(
        "published message on the page after (worst of 5)",
        worst,
        5,
        unit="s",
        shown=f"{worst:.2f} s  (each: {', '.join(f'{t:.2f}' for t in fresh)})",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
