"""Figure: the public survey under a burst, as when the letters land on the doormats at once.

The project's own server set-up (gunicorn with `oranje.gunicorn_config`, `--workers`, 3 as
`make demo` runs it) serves an open survey with the nine standard questions and `--rate` ×
`--seconds` / 2 invitations (letters with personal codes). Responses are due at `--rate` per
second (100) for `--seconds` (60): 6,000, half with a code from a letter, half on the open
link. Every response is a resident's whole round: fetch the form (with `?code=` from the QR
code for a letter: the code is checked; the CSRF cookie and token, the form's `client_key`),
then post the answers; the answer counts as acknowledged when the server redirects (303) to
the thank-you page. Responses are due on a fixed schedule (response i at i / rate seconds)
and a response's latency is counted from when it was due, so a server that falls behind shows.
The server's own CPU time per response (gunicorn's master and workers, from /proc) is printed
beside it: how many cores the application needs for the rate, apart from the load generator
that shares this machine's cores.

Printed: sent, acknowledged, written (the survey's responses in the database afterwards),
the codes spent, and the p50/p95 latency of the acknowledgement; the targets: written equals
acknowledged, every acknowledged `client_key` is in the database, the codes spent equal the
code responses written. The machine's load average is printed: run it on a quiet machine.

The survey's rate limit per address is set for the benchmark through the environment of the
server (and only there): `ORANJE_SURVEY_RATE_ADDRESS` to 1000000/minute (every client is
127.0.0.1).

Runs on SQLite (bench/out/learning_survey_burst) and on PostgreSQL (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/oranje_bench_survey_burst, created), each in its own
process; `python -m bench.learning_survey_burst sqlite` (or `postgres`) runs one. `--quick`:
10 seconds. Options: --seconds, --rate, --workers, --clients. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.cookiejar
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

from bench.common import ROOT, report, setup_django
from bench.targets import check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_survey_burst"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="client_key" value="([0-9a-f]{32})"')
GUARDS_OFF = {"ORANJE_SURVEY_RATE_ADDRESS": "1000000/minute"}


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.learning_survey_burst")
    parser.add_argument("databases", nargs="*", default=["sqlite", "postgres"])
    parser.add_argument("--seconds", type=int, default=60, help="length of the burst")
    parser.add_argument("--rate", type=float, default=100, help="responses per second")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (make demo: 3)")
    parser.add_argument("--clients", type=int, default=80, help="concurrent clients at most")
    parser.add_argument("--quick", action="store_true", help="a 10-second smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = min(args.seconds, 10)
    return args


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None


def form_fields(n: int) -> dict[str, str | list[str]]:
    """A resident's answers to the standard questions, varied by `n`."""
    return {
        "q-informed_in_time": ("in_time", "late", "no")[n % 3],
        "q-sources": [("nl_alert", "radio_tv", "people", "website")[n % 4], "social"],
        "q-knew_what_to_do": ("yes", "partly", "no")[n % 3],
        "q-felt_helped": str(1 + n % 5),
        "q-self_reliance": ("alone", "neighbours", "needed_help")[n % 3],
        "q-shelter": ("yes", "no", "")[n % 3],
        "q-trust": str(1 + (n * 7) % 5),
        "q-comments": "Het eerste bericht kwam laat, de buren hielpen goed." if n % 4 else "",
        "q-postcode": f"{1950 + n % 9}",
    }


def one_response(base: str, token: str, n: int, code: str | None) -> tuple[str, str]:
    """A resident's round: the form, then the answers. (client_key, '') when acknowledged
    (303 to the thank-you page), else ('' or the key, what went wrong)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    url = f"{base}/enquete/{token}/"
    shown = url + (f"?code={code}" if code else "")
    page = opener.open(shown, timeout=120).read().decode()
    key = KEY.search(page)
    csrf = CSRF.search(page)
    if key is None or csrf is None:
        return "", "no form on the page"
    fields: dict[str, str | list[str]] = {
        "csrfmiddlewaretoken": csrf.group(1),
        "client_key": key.group(1),
        **form_fields(n),
    }
    if code:
        fields["code"] = code
    body = urllib.parse.urlencode(fields, doseq=True).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        answer = opener.open(request, timeout=120)
        status, location = answer.status, answer.headers.get("Location", "")
    except urllib.error.HTTPError as exc:
        status, location = exc.code, exc.headers.get("Location", "")
    if status == 303 and "/bedankt/" in location:
        return key.group(1), ""
    return "", f"HTTP {status}"


def server_cpu_seconds(master: int) -> float:
    """CPU time (user + system) the gunicorn master and its workers have used so far, from
    /proc: what the server itself spent, apart from the load generator on the same cores."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [master]
    try:
        with open(f"/proc/{master}/task/{master}/children") as children:
            pids += [int(pid) for pid in children.read().split()]
    except OSError:
        return float("nan")
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that ended between the two reads
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def burst(base: str, token: str, letter_codes: list[str], args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    total = int(args.seconds * args.rate)
    due: queue.Queue[tuple[int, float] | None] = queue.Queue()
    latencies: list[float] = []
    rounds: list[float] = []
    acknowledged: list[str] = []
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
            code = letter_codes[n // 2] if n % 2 == 0 and n // 2 < len(letter_codes) else None
            began = time.monotonic()
            try:
                key, problem = one_response(base, token, n, code)
            except (urllib.error.URLError, OSError) as exc:
                key, problem = "", f"{type(exc).__name__}: {exc}"[:200]
            took = time.monotonic() - at
            with lock:
                if key:
                    latencies.append(took)
                    rounds.append(time.monotonic() - began)
                    acknowledged.append(key)
                else:
                    failures.append(problem)

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
        "rounds": rounds,
        "acknowledged": acknowledged,
        "failures": failures,
        "took": time.monotonic() - start,
    }


def one_database(label: str, args: argparse.Namespace) -> None:
    from bench.registry_world import fresh_database

    if label == "postgres":
        os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    else:
        os.environ.pop("DATABASE_URL", None)
    fresh_database("learning_survey_burst")
    setup_django("learning_survey_burst")
    from django.core.management import call_command
    from django.db import connection

    from bench.registry_load import percentile
    from bench.registry_world import machine_load
    from bench.server import gunicorn
    from oranje.learning.models import Invitation, Response
    from oranje.learning.tests.public_world import make_survey

    call_command("collectstatic", interactive=False, verbosity=0)
    total = int(args.seconds * args.rate)
    made = make_survey(invitations=(total + 1) // 2, areas=("1951", "1952", "1953", "1954"))
    survey = made.survey
    for name, value in GUARDS_OFF.items():
        os.environ[name] = value
    load_before = machine_load()
    master: list[int] = []
    with gunicorn(
        str(args.workers), timeout=120, on_start=lambda server: master.append(server.pid)
    ) as base:
        for _ in range(args.workers * 3):  # every worker loads its code
            urllib.request.urlopen(f"{base}/enquete/{survey.token}/", timeout=60).read()
        cpu_before = server_cpu_seconds(master[0])
        result = burst(base, survey.token, made.codes, args)
        cpu_used = server_cpu_seconds(master[0]) - cpu_before
        load_after = machine_load()
    connection.close()
    responses = Response.objects.filter(survey=survey)
    written = responses.count()
    by_code = responses.filter(channel="code").count()
    stored = set(responses.values_list("client_key", flat=True))
    spent = Invitation.objects.filter(survey=survey, used_at__isnull=False).count()
    acknowledged: list[str] = result["acknowledged"]
    failures: list[str] = result["failures"]
    latencies = sorted(result["latencies"])
    p50 = statistics.median(latencies) if latencies else float("inf")
    p95 = percentile(latencies, 0.95) if latencies else float("inf")
    print(
        f"public survey burst on {connection.vendor} ({label}): {result['sent']} responses at "
        f"{args.rate:g}/s for {args.seconds} s (half with a letter's code, half on the open "
        f"link), each a GET of the form and a POST of nine answers; gunicorn with "
        f"{args.workers} workers, {args.clients} clients; {load_before} before, "
        f"{load_after} after"
    )
    report("sent", f"{result['sent']}")
    report("acknowledged (303 to the thank-you page)", f"{len(acknowledged)}")
    report("written (responses in the database after)", f"{written}  ({by_code} by code)")
    report("throughput", f"{len(acknowledged) / max(result['took'], 1e-9):.1f} responses/s")
    if result["acknowledged"]:
        per_response = cpu_used / len(result["acknowledged"])
        # What the server needs, whatever else shares the machine: 100 responses/s take
        # 100 × this many CPU seconds per second, i.e. that many cores for the application.
        report(
            "server CPU per response (form + answers)",
            f"{per_response * 1000:.1f} ms -> {1 / per_response:.0f} responses/s per core; "
            f"{args.rate:g}/s needs {args.rate * per_response:.1f} cores",
        )
    if failures:
        report("not acknowledged", f"{len(failures)} (first: {failures[0]})")
    check_that(
        "written == acknowledged",
        f"{written} / {len(acknowledged)}",
        written == len(acknowledged),
        "equal",
    )
    check_that(
        "every acknowledged client_key stored",
        f"{len(set(acknowledged) - stored)} missing",
        set(acknowledged) <= stored and len(set(acknowledged)) == len(acknowledged),
        "0 missing",
    )
    check_that(
        "codes spent == responses by code", f"{spent} / {by_code}", spent == by_code, "equal"
    )
    report("p50 (from when the response was due)", f"{p50 * 1000:.0f} ms")
    report("p95 (from when the response was due)", f"{p95 * 1000:.0f} ms")
    rounds = sorted(result["rounds"])
    if rounds:
        report(
            "round (form + answers) from when it was sent: p50 / p95",
            f"{percentile(rounds, 0.5) * 1000:.0f} / {percentile(rounds, 0.95) * 1000:.0f} ms",
        )


def main(argv: list[str]) -> int:
    args = options(argv)
    if len(args.databases) == 1:
        one_database(args.databases[0], args)
        return exit_status()
    failed = 0
    passthrough = [a for a in argv if a not in ("sqlite", "postgres")]
    for label in args.databases:
        done = subprocess.run(
            [sys.executable, "-m", "bench.learning_survey_burst", label, *passthrough],
            cwd=ROOT,
            check=False,
        )
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
