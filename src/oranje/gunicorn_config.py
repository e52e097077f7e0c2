"""gunicorn's settings for Oranje: `gunicorn -c python:oranje.gunicorn_config oranje.wsgi`.

The application is loaded once in the master process (`preload_app`), which then builds the
registry's matching indexes (`when_ready`, before any worker is forked): every worker starts
with them in memory instead of building them on its first request, which for a registry of
100,000 persons takes longer than a request may. Command-line options still override these.
"""

from __future__ import annotations

from typing import Any

preload_app = True
#: A worker that answers nothing for this long is restarted.
timeout = 60
#: The access log (`--access-logfile`) without query strings and referrers: a search in the
#: registry (`?q=Jansen`, `?zoek=…`) puts a person's name in the URL, and person data is
#: for the registry roles only, never in a log. Path, method, status, size and duration stay.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def when_ready(server: Any) -> None:
    import time

    from django.db import connections

    from oranje.registry.matching import warm

    started = time.monotonic()
    count = warm()
    # No connection may cross the fork: each worker opens its own.
    connections.close_all()
    server.log.info(
        "matching indexes of %d incident(s) built in %.1f s", count, time.monotonic() - started
    )
