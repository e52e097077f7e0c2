"""The stand-in for wrk in bench.comm_public, run in its own process: `readers` concurrent
readers, each asking for the page again as soon as it has it, for `seconds`; prints
key=value lines (rps, requests, p50_ms, p95_ms, non_2xx, socket_errors). Plain asyncio
streams, one connection per request (gunicorn's sync workers close it anyway)."""

from __future__ import annotations

import asyncio
import sys
import time
import urllib.parse

from bench.registry_load import percentile


async def reader(
    host: str, port: int, path: str, until: float, took: list[float], bad: list[int]
) -> None:
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            stream_in, stream_out = await asyncio.open_connection(host, port)
            stream_out.write(request)
            await stream_out.drain()
            answer = await stream_in.read()
            stream_out.close()
        except OSError:
            bad[1] += 1
            continue
        took.append(time.monotonic() - started)
        if not answer.startswith((b"HTTP/1.1 2", b"HTTP/1.0 2")):
            bad[0] += 1


async def run(url: str, readers: int, seconds: float) -> None:
    parts = urllib.parse.urlsplit(url)
    took: list[float] = []
    bad = [0, 0]
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(
        *(
            reader(parts.hostname or "", parts.port or 80, parts.path, until, took, bad)
            for _ in range(readers)
        )
    )
    elapsed = time.monotonic() - started
    print(f"rps={len(took) / elapsed:.1f}")
    print(f"requests={len(took)}")
    print(f"p50_ms={percentile(took, 0.5) * 1000:.2f}")
    print(f"p95_ms={percentile(took, 0.95) * 1000:.2f}")
    print(f"non_2xx={bad[0]}")
    print(f"socket_errors={bad[1]}")


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
