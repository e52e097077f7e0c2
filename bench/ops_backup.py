"""Figures (issue 18): backup and restore of the national benchmark dataset (bench.national_full:
20,000 functionaries, a year of rosters, 500,000 activities, 100,000 registry persons), on the
database in use.

1. the dataset is built (or found) in its database;
2. `oranje backup --output DIR` runs as an operator runs it, in its own process: its time and
   the size of the backup file it writes;
3. `oranje restore FILE` brings the backup back into a **fresh** installation (PostgreSQL: a
   new database on the same server, <name>_restored; SQLite: a new data directory
   bench/out/<name>_restored), in its own process: its time;
4. every table of the restored database holds as many rows as the source.

Targets, at national size on the 2-core machine: backup < 5 minutes (a nightly backup, or one
taken before an upgrade, stays well inside a maintenance window and does not overlap the
next one when run hourly during an incident); restore < 10 minutes (the region's crisis
system back from a backup file in the time it takes to get the crisis team together). The
same limits hold at a reduced scale, where they are easy to meet.

SQLite in bench/out/national_full (national_full_<scale> at a reduced scale) unless
DATABASE_URL is set (PostgreSQL: that database, created if missing, and <name>_restored next
to it); the backup file goes to bench/out/<name>_backups. Options: --scale,
--registry-persons, --fresh (build the dataset again from nothing).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import OUT, ROOT, report
from bench.national_full import build_all, every_table, fresh_database, setup, source_name
from bench.registry_world import machine_load
from bench.targets import check, check_that, exit_status

BACKUP_SECONDS = 5 * 60
RESTORE_SECONDS = 10 * 60


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ops_backup", description=__doc__)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of 20,000 people and 500,000 activities"
    )
    parser.add_argument("--registry-persons", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="build the dataset from nothing")
    return parser.parse_args(argv)


def oranje(args: list[str], env: dict[str, str]) -> float:
    """Run `oranje ARGS` in its own process with `env` over this one's; its time in seconds.
    Shows the command's last lines; a failure stops the benchmark with what it said."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "oranje.cli", *args],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(
            f"oranje {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    for line in done.stdout.strip().splitlines()[-2:]:
        print(f"    oranje {args[0]}: {line}", flush=True)
    return took


def restored_counts(env: dict[str, str]) -> dict[str, int]:
    """Every table's row count in the database `env` points at (bench.national_full --counts,
    in its own process)."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.national_full", "--counts"],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def checksum_holds(archive: Path) -> bool:
    """The archive's SHA-256 is the one in the .sha256 file written next to it."""
    noted = archive.with_name(archive.name + ".sha256")
    if not noted.exists():
        return False
    digest = hashlib.sha256()
    with archive.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return noted.read_text().split()[0] == digest.hexdigest()


def main(argv: list[str]) -> None:
    args = options(argv)
    source = source_name(args.scale)
    env = setup(source, fresh=args.fresh)
    from django.db import connection

    vendor = connection.vendor
    began = time.perf_counter()
    sizes = build_all(people_scale=args.scale, registry_persons=args.registry_persons)
    report(
        f"national dataset (scale {args.scale:g}) ready on {vendor}",
        f"{sizes['functionaries']:,} functionaries, {sizes['activities']:,} activities,"
        f" {sizes['registry persons']:,} registry persons in {time.perf_counter() - began:.0f} s",
    )
    before = every_table()
    connection.close()

    output = OUT / f"{source}_backups"
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    took = oranje(["backup", "--output", str(output)], env)
    archives = sorted(output.glob("oranje-backup-*.tar"))
    if len(archives) != 1:
        raise SystemExit(f"expected one backup file in {output}, found {len(archives)}")
    archive = archives[0]
    megabytes = archive.stat().st_size / 1e6
    check(
        f"oranje backup, national dataset (scale {args.scale:g}), {vendor}",
        took,
        BACKUP_SECONDS,
        unit="s",
        shown=f"{took:.1f} s, {megabytes:,.1f} MB ({machine_load()})",
    )
    check_that("backup file matches its .sha256", archive.name, checksum_holds(archive), "yes")

    target = fresh_database(f"{source}_restored")
    took = oranje(["restore", str(archive)], target)
    check(
        f"oranje restore into a fresh {vendor} database",
        took,
        RESTORE_SECONDS,
        unit="s",
        shown=f"{took:.1f} s ({machine_load()})",
    )
    after = restored_counts(target)
    differ = sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
    check_that(
        "row counts, source and restored (every table)",
        f"{len(before) - len(differ)} of {len(before)} tables equal,"
        f" {sum(after.values()):,} rows restored",
        not differ,
        "all equal",
    )
    for table in differ[:10]:
        print(f"    {table}: source {before.get(table)}, restored {after.get(table)}")


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
