"""Figure: the public damage form under a burst, as after a storm when a town reports at once.

The project's own server set-up (gunicorn with `oranje.gunicorn_config`, `--workers`, 3 as
`make demo` runs it) serves a real incident whose public form is open. Reports arrive at
`--rate` per second (20) for `--seconds` (120), each with a photo: a generated 12-megapixel
JPEG of about 2 MB carrying EXIF with a GPS position and a camera name, as a phone sends it.
Every report is a resident's whole round: fetch the form (the CSRF cookie and token, the
form's signed timestamp), post it as multipart, follow the 303 to the answer page and read
the reference there. Reports are due on a fixed schedule (report i at i / rate seconds), and
a report's latency is counted from when it was due, so a server that falls behind shows.

A request only checks a photo (size, and Pillow's read of its header: JPEG/PNG/WebP, pixels)
and stores it as sent, pending; one `oranje worker` beside gunicorn re-encodes it without its
metadata (about 0.1–0.15 s of one core per photo), after which the original is deleted.

Printed: sent, acknowledged (an answer page with a reference), written (the incident's rows in
the database afterwards), their photos, and the p50/p95 latency of the acknowledgement; then,
after the burst, how long the worker took after the last acknowledgement until every photo
was ready (or failed). Targets: written equals acknowledged, every acknowledged reference is
in the database, p95 < 1.5 s, no photo failed, no original left, and no clean photo holds
EXIF (every one is checked). The machine's load average is printed: run it on a quiet
machine.

The form's guards are set for the benchmark through the environment of the server (and only
there): `ORANJE_DAMAGE_FORM_RATE_ADDRESS` and `ORANJE_DAMAGE_FORM_RATE_INCIDENT` to
100000/minute (every client is 127.0.0.1), `ORANJE_DAMAGE_FORM_MIN_SECONDS` to 0 (the
clients post as soon as they have the form).

Runs on SQLite (bench/out/damage_form) and on PostgreSQL (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/oranje_bench_damage_form, created), each in its own process;
`python -m bench.damage_form sqlite` (or `postgres`) runs one. `--quick`: 15 seconds.
Options: --seconds, --rate, --workers, --clients. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from bench.common import ROOT, report, setup_django
from bench.targets import check, check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_damage_form"
REGION = "VR31"
P95_TARGET = 1.5
REFERENCE = re.compile(r'id="reference">(S-[2-9A-Z]{4}-[2-9A-Z]{4})<')
TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GUARDS_OFF = {
    "ORANJE_DAMAGE_FORM_RATE_ADDRESS": "100000/minute",
    "ORANJE_DAMAGE_FORM_RATE_INCIDENT": "100000/minute",
    "ORANJE_DAMAGE_FORM_MIN_SECONDS": "0",
}


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.damage_form", description=__doc__)
    parser.add_argument("databases", nargs="*", default=["sqlite", "postgres"])
    parser.add_argument("--seconds", type=int, default=120, help="length of the burst")
    parser.add_argument("--rate", type=float, default=20, help="reports per second")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (make demo: 3)")
    parser.add_argument("--clients", type=int, default=60, help="concurrent clients at most")
    parser.add_argument(
        "--worker-nice", type=int, default=10, help="nice of the oranje worker (0: none)"
    )
    parser.add_argument("--quick", action="store_true", help="a 15-second smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = min(args.seconds, 15)
    return args


def photo() -> bytes:
    """A phone's photo: 4000 × 3000 pixels, about 2 MB, with GPS and camera in its EXIF."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Benchfoon"
    exif[0x0110] = "Model 12"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 22.0, 51.0), "E", (4.0, 38.0, 10.0)
    seed = Image.frombytes("RGB", (280, 210), os.urandom(280 * 210 * 3))
    image = seed.resize((4000, 3000), Image.Resampling.BICUBIC)
    best = b""
    for quality in (85, 88, 90, 92, 94):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, exif=exif)
        best = buffer.getvalue()
        if len(best) >= 2_000_000:
            break
    return best


def world() -> int:
    """A real incident with its public form open (a new one each run)."""
    from django.utils import timezone

    from oranje.core.models import Municipality, Region
    from oranje.damage.models import PublicForm
    from oranje.incidents.models import Incident

    region, _ = Region.objects.get_or_create(code=REGION, defaults={"name": "Bench Schade"})
    town, _ = Municipality.objects.get_or_create(
        cbs_code="GM9931", defaults={"name": "Schadestad", "region": region}
    )
    incident = Incident.objects.create(
        region=region,
        municipality=town,
        title=f"Storm {timezone.now():%H:%M:%S}",
        kind="other",
        started_at=timezone.now(),
        location_text="Schadestad",
    )
    PublicForm.objects.create(incident=incident, is_open=True, opened_at=timezone.now())
    return incident.pk


def multipart(fields: dict[str, str], image: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    head = "".join(parts).encode()
    file_head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="IMG_0001.jpg"'
        "\r\nContent-Type: image/jpeg\r\n\r\n"
    ).encode()
    body = head + file_head + image + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def one_report(url: str, n: int, image: bytes) -> str:
    """A resident's round: the form, the post, the answer page. The reference, or ''."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url, timeout=120).read().decode()
    fields = {
        "csrfmiddlewaretoken": CSRF.search(page).group(1),  # type: ignore[union-attr]
        "token": TOKEN.search(page).group(1),  # type: ignore[union-attr]
        "client_key": uuid.uuid4().hex,
        "reporter_name": f"Bewoner {n}",
        "reporter_phone": f"06 {10000000 + n:08d}"[:11],
        "reporter_email": f"bewoner{n}@example.nl",
        "postcode": f"{1000 + n % 8999} AB",
        "house": f"{1 + n % 300}{'a' if n % 7 == 0 else ''}",
        "street": "Dorpsstraat",
        "city": "Schadestad",
        "kind": ("home", "contents", "vehicle", "business")[n % 4],
        "description": "Het dak is deels weggewaaid en het regent binnen. " * 3,
        "unsafe": "yes" if n % 10 == 0 else "no",
        "insured": "yes",
        "consent_share": "on",
    }
    body, content_type = multipart(fields, image)
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type, "Referer": url}
    )
    answer = opener.open(request, timeout=120)  # follows the 303 to the answer page
    found = REFERENCE.search(answer.read().decode())
    return found.group(1) if found else ""


def burst(url: str, args: argparse.Namespace, image: bytes) -> dict[str, object]:
    total = int(args.seconds * args.rate)
    due: queue.Queue[tuple[int, float] | None] = queue.Queue()
    latencies: list[float] = []
    references: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = time.monotonic() + 1

    def client() -> None:
        while True:
            item = due.get()
            if item is None:
                return
            n, at = item
            pause = at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            problem = ""
            try:
                reference = one_report(url, n, image)
            except (urllib.error.URLError, OSError, AttributeError) as exc:
                reference, problem = "", f"{type(exc).__name__}: {exc}"[:200]
            took = time.monotonic() - at
            with lock:
                latencies.append(took)
                if reference:
                    references.append(reference)
                else:
                    failures.append(problem or "no reference on the answer page")

    for n in range(total):
        due.put((n, start + n / args.rate))
    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
    for _thread in threads:
        due.put(None)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "sent": total,
        "latencies": latencies,
        "references": references,
        "failures": failures,
        "took": time.monotonic() - start,
    }


def start_worker(nice: int) -> subprocess.Popen[bytes]:
    """One `oranje worker` with the server's environment (database, data directory), at
    `nice` (CPU priority below the web server's: the queue takes the burst, the cleaning
    catches up after it)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen(
        [sys.executable, "-m", "oranje.cli", "worker"],
        env=env,
        cwd=str(ROOT),
        preexec_fn=(lambda: os.nice(nice)) if nice else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_cleaned(incident_id: int, limit: float) -> tuple[float, dict[str, int]]:
    """Seconds until no photo of the incident is pending or processing (or `limit`), and the
    photos by state then."""
    from django.db.models import Count

    from oranje.damage.models import DamagePhoto

    began = time.monotonic()
    photos = DamagePhoto.objects.filter(report__incident_id=incident_id)
    while True:
        states = dict(photos.values_list("status").annotate(n=Count("pk")))
        waiting = states.get("pending", 0) + states.get("processing", 0)
        if not waiting or time.monotonic() - began > limit:
            return time.monotonic() - began, states
        time.sleep(0.5)


def one_database(label: str, args: argparse.Namespace) -> None:
    from bench.registry_world import fresh_database

    if label == "postgres":
        os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    else:
        os.environ.pop("DATABASE_URL", None)

    fresh_database("damage_form")
    setup_django("damage_form")
    from django.core.management import call_command
    from django.db import connection
    from PIL import Image

    from bench.registry_world import machine_load
    from bench.server import gunicorn
    from oranje.damage.models import DamagePhoto, DamageReport

    call_command("collectstatic", interactive=False, verbosity=0)
    incident_id = world()
    image = photo()
    for name, value in GUARDS_OFF.items():
        os.environ[name] = value
    load_before = machine_load()
    worker = start_worker(args.worker_nice)
    try:
        with gunicorn(str(args.workers), timeout=120) as base:
            url = f"{base}/schade/{incident_id}/"
            for _ in range(args.workers * 3):  # every worker loads its code
                urllib.request.urlopen(url, timeout=60).read()
            result = burst(url, args, image)
            load_after = machine_load()
        # The worker goes on alone: every photo ready (or failed) after the last answer.
        cleaning, states = wait_cleaned(incident_id, limit=max(600.0, args.seconds * 10.0))
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    reports = DamageReport.objects.filter(incident_id=incident_id)
    written = reports.count()
    stored = set(reports.values_list("reference", flat=True))
    photos = DamagePhoto.objects.filter(report__incident_id=incident_id)
    with_exif = checked = originals = 0
    for item in photos.filter(status="ready"):
        with item.file.open("rb") as handle:
            data = handle.read()
        checked += 1
        with_exif += bool(Image.open(io.BytesIO(data)).getexif()) or b"Benchfoon" in data
    for item in photos:  # the photos of a run are not kept (2,400 of them are gigabytes)
        if item.original:
            originals += item.file.storage.exists(item.original)
            item.file.storage.delete(item.original)
        if item.file.name:
            item.file.delete(save=False)
    latencies = sorted(result["latencies"])  # type: ignore[arg-type]
    references: list[str] = result["references"]  # type: ignore[assignment]
    failures: list[str] = result["failures"]  # type: ignore[assignment]
    acknowledged = len(references)
    p50 = statistics.median(latencies) if latencies else float("inf")
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("inf")
    print(
        f"public damage form on {connection.vendor} ({label}): {result['sent']} reports at "
        f"{args.rate:g}/s for {args.seconds} s, each with a {len(image) / 1e6:.1f} MB photo "
        f"(4000 × 3000, EXIF with GPS); gunicorn with {args.workers} workers, {args.clients} "
        f"clients; one oranje worker at nice {args.worker_nice}; {load_before} before, "
        f"{load_after} after"
    )
    report("sent", f"{result['sent']}")
    report("acknowledged (answer page with a reference)", f"{acknowledged}")
    report("written (rows in the database after)", f"{written}  ({photos.count()} photos)")
    report("throughput", f"{acknowledged / max(result['took'], 1e-9):.1f} reports/s")  # type: ignore[operator]
    if failures:
        report("failed (first)", failures[0])
    check_that(
        "written == acknowledged", f"{written} / {acknowledged}", written == acknowledged, "equal"
    )
    check_that(
        "every acknowledged reference stored",
        f"{len(set(references) - stored)} missing",
        set(references) <= stored and len(set(references)) == acknowledged,
        "0 missing",
    )
    report("p50 (from when the report was due)", f"{p50:.2f} s")
    check("p95 (from when the report was due)", p95, P95_TARGET, unit="s", shown=f"{p95:.2f} s")
    shown = ", ".join(f"{n} {state}" for state, n in sorted(states.items())) or "none"
    report("photos by state after the worker", shown)
    report("cleaning done after the last acknowledgement", f"{cleaning:.1f} s")
    ready = states.get("ready", 0)
    check_that(
        "every photo ready (none failed, none waiting)",
        f"{ready} / {photos.count()}",
        ready == photos.count() == written,
        "all",
    )
    check_that("originals left after cleaning", f"{originals}", originals == 0, "0")
    check_that(f"clean photos with EXIF ({checked} checked)", f"{with_exif}", with_exif == 0, "0")


def main(argv: list[str]) -> int:
    args = options(argv)
    if len(args.databases) == 1:
        one_database(args.databases[0], args)
        return exit_status()
    failed = 0
    passthrough = [a for a in argv if a not in ("sqlite", "postgres")]
    for label in args.databases:
        done = subprocess.run(
            [sys.executable, "-m", "bench.damage_form", label, *passthrough],
            cwd=ROOT,
            check=False,
        )
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
