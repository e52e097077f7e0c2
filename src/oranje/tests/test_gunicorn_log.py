"""gunicorn's access log never holds a query string or a referrer: a registry search puts a
person's name there (`?q=Jansen`)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger, SafeAtoms

from oranje import gunicorn_config


def test_the_access_log_leaves_out_the_query_string_and_the_referrer() -> None:
    config = Config()
    # gunicorn's default format logs the whole request line and the referrer.
    fmt = getattr(gunicorn_config, "access_log_format", config.access_log_format)
    config.set("access_log_format", fmt)
    logger = Logger(config)
    request = SimpleNamespace(
        method="GET",
        path="/incidenten/1/registratie/personen/",
        query="q=Jansen",
        uri="/incidenten/1/registratie/personen/?q=Jansen",
        version=(1, 1),
        headers=[("REFERER", "https://oranje.example/incidenten/1/registratie/personen/?q=Jansen")],
    )
    response = SimpleNamespace(
        status="200 OK",
        sent=512,
        headers=[("X-Request-ID", "req-12345678")],
        response_length=512,
    )
    environ = {
        "REMOTE_ADDR": "10.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": request.uri,
        "PATH_INFO": request.path,
        "QUERY_STRING": request.query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": request.headers[0][1],
    }
    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=12))
    line = fmt % SafeAtoms(atoms)  # as gunicorn's Logger.access formats it
    assert "/incidenten/1/registratie/personen/" in line and " 200 " in line
    assert "Jansen" not in line
    assert line.endswith(" req-12345678")  # the request id, to find the request's log lines
