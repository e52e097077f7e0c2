"""The database URL a test hands to the processes it starts (a worker, gunicorn) so they see
the test's data: on PostgreSQL the test database itself; on SQLite (an in-memory test
database another process cannot open) a copy of it in a file under `tmp_path`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection


def subprocess_database(tmp_path: Path, filename: str = "subprocess.sqlite3") -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / filename)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{tmp_path / filename}"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
