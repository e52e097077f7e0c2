"""A local stand-in for an SMS gateway (the outside world), for tests and the benchmark:
a real HTTP server on 127.0.0.1 (on `port`, or a free one) that records what it is sent and
answers `status`. `keys` are the Idempotency-Key headers of the accepted requests, so a
caller can count resends."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class GatewayStub:
    def __init__(self, status: int = 202, port: int = 0) -> None:
        self.status = status
        self.received: list[dict[str, Any]] = []
        self.tokens: list[str] = []
        self.keys: list[str] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if stub.status < 300:
                    stub.received.append(body)
                    stub.tokens.append(self.headers.get("Authorization", ""))
                    stub.keys.append(self.headers.get("Idempotency-Key", ""))
                self.send_response(stub.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": "ok"}')

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> GatewayStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
