"""A tiny SMTP server for the deployment-check tests: greets, answers EHLO (offering AUTH
PLAIN, and no STARTTLS), checks one user's password, says goodbye. It never takes mail: the
check must not send any. Every line it hears is kept in `heard`."""

from __future__ import annotations

import base64
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager

USER, PASSWORD = "oranje", "juist-wachtwoord"


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    heard: list[str]


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 test.local ESMTP")
        for raw in self.rfile:
            line = raw.decode().strip()
            self.server.heard.append(line)
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250-test.local")
                self._say("250 AUTH PLAIN")
            elif verb == "AUTH":
                given = base64.b64decode(line.split(" ")[-1])
                if given == f"\0{USER}\0{PASSWORD}".encode():
                    self._say("235 2.7.0 Authentication successful")
                else:
                    self._say("535 5.7.8 Authentication credentials invalid")
            elif verb == "QUIT":
                self._say("221 2.0.0 Bye")
                return
            else:
                self._say("502 5.5.2 Not implemented here")


@contextmanager
def smtp_listener() -> Iterator[_Server]:
    """A listening server on 127.0.0.1 (its port: server.server_address[1])."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.heard = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
