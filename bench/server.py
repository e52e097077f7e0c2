"""The real server for the load benchmarks: gunicorn on a free local port, and logged-in
HTTP sessions against it. Traffic goes only to 127.0.0.1."""

from __future__ import annotations

import email
import email.message
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.common import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    workers: str,
    *,
    timeout: int = 30,
    on_start: Callable[[subprocess.Popen[bytes]], object] | None = None,
) -> Iterator[str]:
    """gunicorn serving Oranje with the current environment; yields the base URL. `timeout`:
    gunicorn's worker timeout (a worker building a large matching index on its first request
    needs more than the default 30 s on a busy machine). `on_start` is given the master
    process (a benchmark that kills workers finds them as its children)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    # The load tests measure pages, not the login: one-step logins, no API throttling.
    env.setdefault("ORANJE_REQUIRE_2FA", "false")
    env.setdefault("ORANJE_API_RATE_USER", "100000/minute")
    env.setdefault("ORANJE_API_RATE_ANON", "100000/minute")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:oranje.gunicorn_config",
            "oranje.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
            "--timeout",
            str(timeout),
        ],
        env=env,
        cwd=str(ROOT),
    )
    if on_start is not None:
        on_start(server)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/inloggen/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck in a request: stop it
            server.kill()
            server.wait(timeout=10)


def login(base: str, username: str, password: str) -> tuple[urllib.request.OpenerDirector, str]:
    """A logged-in session and its CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/inloggen/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        f"{base}/inloggen/", data=data, headers={"Referer": f"{base}/inloggen/"}
    )
    final = opener.open(request, timeout=30)
    final.read()
    assert final.geturl().endswith("/piket/nu/"), final.geturl()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    return opener, csrf


def bench_users(region_code: str, prefix: str, role: str, count: int, password: str) -> list[str]:
    """`count` users named prefix00, prefix01, … with one role in one region (created or
    reused), all with `password`. Needs Django set up."""
    from oranje.core.models import Membership, Region, User

    region = Region.objects.get(code=region_code)
    names = []
    for i in range(count):
        user, _ = User.objects.get_or_create(username=f"{prefix}{i:02d}")
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(user=user, role=role, region=region)
        names.append(user.username)
    return names


class SmtpSink:
    """A local SMTP server (aiosmtpd) that keeps the Message-ID of every message it accepts,
    in arrival order (a resend shows up twice). Use as a context manager; `.port`."""

    def __init__(
        self, port: int = 0, on_message: Callable[[email.message.Message], object] | None = None
    ) -> None:
        self.port = port or free_port()
        self.on_message = on_message  # called with each message as it is accepted
        self.message_ids: list[str] = []
        self._lock = threading.Lock()
        self._controller: Any = None

    def __enter__(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                message = email.message_from_bytes(envelope.original_content or envelope.content)
                with sink._lock:
                    sink.message_ids.append(str(message.get("Message-ID", "")))
                if sink.on_message is not None:
                    sink.on_message(message)
                return "250 OK"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    def count(self) -> int:
        with self._lock:
            return len(self.message_ids)


def gateway_stub(port: int = 0, status: int = 202):  # type: ignore[no-untyped-def]
    """The SMS gateway stand-in of the tests (oranje.alerting.tests.gateway.GatewayStub): a
    context manager with `.url`, `.received` (bodies) and `.keys` (Idempotency-Keys)."""
    from oranje.alerting.tests.gateway import GatewayStub

    return GatewayStub(status=status, port=port)
