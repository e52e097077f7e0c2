"""Figures (issue 18): Oranje's migrations applied to a database filled with the national
benchmark dataset (bench.national_full: 20,000 functionaries, a year of rosters, 500,000
activities, 100,000 registry persons), each timed.

Migrations can only be applied to a database that does not have them yet, and an empty one
says nothing about an upgrade. So the benchmark fills the database at today's schema and then
**takes migrations back off the full database** before applying them again:

1. the dataset is built (or found) with every migration applied;
2. app by app, the newest applied migration is unapplied (`oranje migrate <app> <previous>`,
   which also unapplies what depends on it in other apps), again and again, for as long as
   every migration that step would unapply can go back without losing benchmark data. A step
   stops an app when one of its migrations
   - creates a table that now holds rows (unapplying would drop the dataset's table),
   - runs Python (a data migration: its reverse may delete what the dataset holds, and a
     second forward run may add what is already there), or
   - has an operation that cannot be reversed, or is the app's first migration;
   a column that is taken off and added back gets its default in every row, as it would on
   an installation whose release did not have it yet;
3. `oranje migrate` (the command an operator runs, with its lock timeout) applies them all
   again on the full tables, and each migration's time is taken from the command's own
   progress callback, the one that prints "Applying … OK (1.234s)" at verbosity 2.

So the migrations timed are the newest ones that change tables holding data (at 1.0.0:
readiness 0003, which adds columns and an indexed foreign key to the activities), the ones an
upgrade waits for; initial migrations and data migrations are not re-run. A migration that a
blocked migration of another app depends on stays applied (Django cannot unapply it alone):
at 1.0.0 that keeps registry 0007 and organisation 0005 out, behind communication 0001 and
incidents 0008. Each migration added after 1.0.0 sits at the tip of the graph and is timed,
unless it is a data migration or a later one that depends on it is. (Whether a migration
locks a large table is checked apart from this, by oranje.operations.migration_safety.)

Targets, at national size on the 2-core machine: every migration < 30 s (gunicorn's worker
timeout is 60 s: a request queued behind a migration's table lock is still answered) and all
of them together < 5 minutes (the upgrade — backup, install, migrate, restart, check — fits
in a quarter of an hour between incidents). The same limits hold at a reduced scale.

SQLite in bench/out/ops_migrations unless DATABASE_URL is set (PostgreSQL: that database,
created if missing). The database keeps the dataset, so a second run only rolls back and
applies again. Options: --scale, --registry-persons, --fresh.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.parse
from typing import Any

from bench.common import report
from bench.national_full import build_all, setup
from bench.targets import check, check_that, exit_status

NAME = "ops_migrations"
MIGRATION_SECONDS = 30.0
TOTAL_SECONDS = 5 * 60.0

Key = tuple[str, str]


def database_name() -> str:
    """The benchmark's own database: DATABASE_URL's on PostgreSQL, else bench/out/ops_migrations
    (never the dataset other benchmarks read: rolling back resets columns to defaults)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return urllib.parse.urlparse(url).path.lstrip("/") or NAME
    return NAME


def rows_in(table: str) -> int:
    from django.db import connection

    if table not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        # A model's own table name, quoted: no input reaches this query.
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
        return len(cursor.fetchall())


def blocker(loader: Any, key: Key) -> str | None:
    """Why migration `key` cannot be taken off the full database, or None when it can."""
    from django.db import migrations

    migration = loader.graph.nodes[key]
    if not [d for d in migration.dependencies if d[0] == key[0]]:
        return "the app's first migration"
    state = loader.project_state(key, at_end=True)
    operations = list(migration.operations)
    while operations:
        operation = operations.pop(0)
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            operations += operation.database_operations
            continue
        if isinstance(operation, migrations.RunPython):
            return "a data migration"
        if not operation.reversible:
            return f"cannot reverse {operation.describe()}"
        if isinstance(operation, migrations.CreateModel):
            table = state.apps.get_model(key[0], operation.name)._meta.db_table
            if rows_in(table):
                return f"its table {table} holds data"
    return None


def applied_leaf(loader: Any, app: str) -> Key | None:
    """The app's newest applied migration."""
    applied = [k for k in loader.applied_migrations if k[0] == app and k in loader.graph.nodes]
    for key in applied:
        children = [c for c in loader.graph.node_map[key].children if c[0] == app]
        if not any(c in loader.applied_migrations for c in children):
            return key
    return None


def roll_back() -> tuple[list[Key], dict[str, str], float]:
    """Unapply what can go (see the module's docstring): the migrations taken off, why each
    app stopped, and the seconds it took."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    began = time.perf_counter()
    taken: list[Key] = []
    stopped: dict[str, str] = {}
    moved = True
    while moved:
        moved = False
        executor = MigrationExecutor(connection)
        apps = sorted({app for app, _ in executor.loader.graph.nodes} - set(stopped))
        for app in apps:
            leaf = applied_leaf(executor.loader, app)
            if leaf is None:
                stopped[app] = "nothing applied"
                continue
            parents = [d for d in executor.loader.graph.nodes[leaf].dependencies if d[0] == app]
            target = parents[0] if parents else (app, None)
            plan = executor.migration_plan([target])
            reasons = [
                f"{m.app_label}.{m.name}: {why}"
                for m, _ in plan
                if (why := blocker(executor.loader, (m.app_label, m.name)))
            ]
            if reasons:
                stopped[app] = reasons[0]
                continue
            call_command("migrate", app, target[1], verbosity=0, interactive=False)
            taken += [(m.app_label, m.name) for m, _ in plan]
            moved = True
            break  # the graph changed: look again from a fresh executor
    return taken, stopped, time.perf_counter() - began


def apply_timed() -> tuple[dict[str, float], float]:
    """`oranje migrate` as an operator runs it; the seconds of each migration it applied, and
    of the whole command (post-migrate handlers included)."""
    from django.core.management import call_command

    from oranje.operations.management.commands.migrate import Command as Migrate

    times: dict[str, float] = {}

    class TimedMigrate(Migrate):
        def migration_progress_callback(self, action, migration=None, fake=False):  # type: ignore[no-untyped-def]
            if action == "apply_start":
                self._began = time.perf_counter()
            elif action == "apply_success":
                times[str(migration)] = time.perf_counter() - self._began
            super().migration_progress_callback(action, migration, fake)

    began = time.perf_counter()
    call_command(TimedMigrate(), verbosity=0, interactive=False)
    return times, time.perf_counter() - began


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ops_migrations", description=__doc__)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of 20,000 people and 500,000 activities"
    )
    parser.add_argument("--registry-persons", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = options(argv)
    began = time.perf_counter()
    setup(database_name(), fresh=args.fresh)
    from django.db import connection

    sizes = build_all(people_scale=args.scale, registry_persons=args.registry_persons)
    print(
        f"migrations on the national benchmark dataset, {connection.vendor} (scale {args.scale:g}):"
    )
    for label, count in sizes.items():
        report(label, f"{count:,}")
    report("dataset built (or found) in", f"{time.perf_counter() - began:.0f} s")

    taken, stopped, rollback = roll_back()
    report("migrations taken off the full database", f"{len(taken)} in {rollback:.1f} s")
    by_app: dict[str, list[str]] = {}
    for app, name in taken:
        by_app.setdefault(app, []).append(name.split("_", 1)[0])
    for app, numbers in sorted(by_app.items()):
        report(f"  {app}", " ".join(sorted(numbers)))
    for app, why in sorted(stopped.items()):
        if why != "nothing applied":
            report(f"  {app} stops at", why)

    times, total = apply_timed()
    print("  the slowest five:")
    for name, seconds in sorted(times.items(), key=lambda item: -item[1])[:5]:
        report(f"  {name}", f"{seconds:.2f} s")
    check_that(
        "every migration taken off applied again",
        f"{len(times)} of {len(taken)}",
        {f"{a}.{n}" for a, n in taken} <= set(times),
        "all",
    )
    check_that("some migration applied on full tables", f"{len(times)}", bool(times), ">= 1")
    slowest = max(times.values(), default=0.0)
    check("slowest migration", slowest, MIGRATION_SECONDS, unit="s", shown=f"{slowest:.2f} s")
    check("oranje migrate, all of them", total, TOTAL_SECONDS, unit="s", shown=f"{total:.1f} s")
    raise SystemExit(exit_status())


if __name__ == "__main__":
    main(sys.argv[1:])
