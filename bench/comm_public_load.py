"""The load generator of bench.comm_public, run in its own process: `readers` concurrent
readers of one page for `seconds`; prints key=value lines (rps, requests, p50_ms, p95_ms,
non_2xx, socket_errors). Plain asyncio streams, one connection per request (gunicorn's sync
workers close it anyway).

With `rate` 0 every reader asks again as soon as it has the page (what wrk does; the stand-in
when wrk is missing). With a `rate` (requests/s for all readers together) each reader asks on
its own schedule, `readers / rate` seconds apart, and a request's time is counted from when
it was due, not from when it was sent: a server that falls behind is not excused by the
readers waiting for it (no coordinated omission).

    python -m bench.comm_public_load URL READERS SECONDS [RATE]
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
import urllib.parse

from bench.registry_load import percentile


class Tally:
    def __init__(self) -> None:
        self.took: list[float] = []
        self.non_2xx = 0
        self.socket_errors = 0


async def fetch(host: str, port: int, request: bytes, tally: Tally, due: float) -> None:
    try:
        stream_in, stream_out = await asyncio.open_connection(host, port)
        stream_out.write(request)
        await stream_out.drain()
        answer = await stream_in.read()
        stream_out.close()
    except OSError:
        tally.socket_errors += 1
        return
    tally.took.append(time.monotonic() - due)
    if not answer.startswith((b"HTTP/1.1 2", b"HTTP/1.0 2")):
        tally.non_2xx += 1


async def reader(host: str, port: int, path: str, until: float, gap: float, tally: Tally) -> None:
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
    due = time.monotonic() + (random.uniform(0, gap) if gap else 0)
    while due < until:
        if gap:
            await asyncio.sleep(max(due - time.monotonic(), 0))
        else:
            due = time.monotonic()
        await fetch(host, port, request, tally, due)
        due += gap


async def run(url: str, readers: int, seconds: float, rate: float) -> None:
    parts = urllib.parse.urlsplit(url)
    tally = Tally()
    gap = readers / rate if rate else 0.0
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(
        *(
            reader(parts.hostname or "", parts.port or 80, parts.path, until, gap, tally)
            for _ in range(readers)
        )
    )
    elapsed = time.monotonic() - started
    print(f"rps={len(tally.took) / elapsed:.1f}")
    print(f"requests={len(tally.took)}")
    print(f"p50_ms={percentile(tally.took, 0.5) * 1000:.2f}")
    print(f"p95_ms={percentile(tally.took, 0.95) * 1000:.2f}")
    print(f"non_2xx={tally.non_2xx}")
    print(f"socket_errors={tally.socket_errors}")


if __name__ == "__main__":
    rate = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    asyncio.run(run(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), rate))
