"""The national benchmark dataset (issue 18): the one database the operations figures run on
(backup and restore, migrations on a full database), built from the parts other benchmarks
already use, written with bulk inserts:

- 25 regions, 342 municipalities, 20,000 functionaries, their pools and districts and 52 weeks
  of rosters, with holidays and open weeks (bench.dataset.build_national);
- 500,000 activity records (courses, exams, exercises, deployments), the national
  qualification profiles and the stored qualification they give (bench.readiness.build);
- one registry incident (an exercise in Kennemerland) with 100,000 registered persons, each
  with a shelter check-in, and 10,000 open inquiries from relatives, from the seeded Dutch
  synthetic set (bench.registry_world, bench.dutch_synth).

Building is idempotent: a second run on a filled database adds nothing. SQLite in
bench/out/national_full (national_full_<scale> at a reduced scale) unless DATABASE_URL is set (PostgreSQL: that database, created if
missing). `python -m bench.national_full [--scale S] [--registry-persons N] [--fresh]` builds
and prints the counts and the time; `--counts` only prints the row count of every table
as JSON (bench.ops_backup compares a restored database with it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import sys
import time
import urllib.parse

from bench.common import OUT, ROOT, report
from bench.registry_world import machine_load

NAME = "national_full"
#: The registry incident's title: how a second build finds the registry it filled.
REGISTRY_TITLE = "Landelijke benchmarkdataset"
REGISTRY_REGION = "VR12"
#: Open inquiries per registered person (10,000 for 100,000).
INQUIRY_SHARE = 10
#: The tables `build_all` answers for, as (label, app label, model name).
TABLES = [
    ("regions", "core", "Region"),
    ("municipalities", "core", "Municipality"),
    ("functionaries", "organisation", "Person"),
    ("pools", "organisation", "Pool"),
    ("on-call shifts", "organisation", "OnCallShift"),
    ("unavailabilities", "organisation", "Unavailability"),
    ("activities", "readiness", "Activity"),
    ("registry persons", "registry", "Person"),
    ("registry status entries", "registry", "StatusEntry"),
    ("registry inquiries", "registry", "Inquiry"),
]


def roster_start() -> dt.datetime:
    """Monday 08:00 of last week: the rosters run a year from there."""
    from django.utils import timezone

    from oranje.core.validation import local_zone

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    return dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1)


def smallest_scale() -> float:
    """The smallest `people_scale` whose regions each still have enough people for their
    pools (six per district, four per municipality, five regional, sixty back-office)."""
    from django.db.models import Count

    from bench.dataset import PEOPLE
    from oranje.core.models import Municipality, Region

    most = max(
        Municipality.objects.current()
        .values("region")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    return (4 * 6 + most * 4 + 5 + 60) * Region.objects.count() / PEOPLE


def counts() -> dict[str, int]:
    """The row count of each table in TABLES."""
    from django.apps import apps

    return {label: apps.get_model(app, model).objects.count() for label, app, model in TABLES}


def every_table() -> dict[str, int]:
    """The row count of every table of every model (auto-created many-to-many tables too)."""
    from django.apps import apps
    from django.db import connection

    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        }
        & set(connection.introspection.table_names())
    )
    with connection.cursor() as cursor:
        found = {}
        for table in tables:
            # The table names are the models' own, quoted: no input reaches this query.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found[table] = cursor.fetchone()[0]
    return found


def registry_incident():  # type: ignore[no-untyped-def]
    """The dataset's registry incident, started on the first build."""
    from django.utils import timezone

    from bench.server import bench_users
    from oranje.core.constants import Role
    from oranje.core.models import Municipality, Region, User
    from oranje.incidents import services
    from oranje.incidents.models import Incident

    found = Incident.objects.filter(title=REGISTRY_TITLE).first()
    if found is not None:
        return found
    region = Region.objects.get(code=REGISTRY_REGION)
    (starter,) = bench_users(
        REGISTRY_REGION, "national-coordinator", Role.COORDINATOR, 1, secrets.token_urlsafe(16)
    )
    return services.incident_start(
        actor=User.objects.get(username=starter),
        region=region,
        title=REGISTRY_TITLE,
        kind="flood",
        started_at=timezone.now() - dt.timedelta(hours=6),
        municipality=Municipality.objects.current().filter(region=region).first(),
        is_exercise=True,
    )


def build_registry(persons: int) -> None:
    """`persons` registered persons and persons / 10 open inquiries in the registry incident
    (nothing when they are there)."""
    from bench.registry_world import fill, synthetic
    from oranje.registry.models import Person

    if persons <= 0:
        return
    incident = registry_incident()
    already = Person.objects.filter(incident=incident).count()
    if already == persons:
        return
    if already:
        raise ValueError(
            f"the registry holds {already:,} persons, not the {persons:,} asked: an earlier"
            " build used another size or stopped half-way; build again with --fresh"
        )
    began = time.perf_counter()
    data = synthetic(persons, persons // INQUIRY_SHARE, 0)
    report("synthetic Dutch registry set generated", f"{time.perf_counter() - began:.0f} s")
    fill(incident, data.persons, data.inquiries)


def build_all(*, people_scale: float = 1.0, registry_persons: int = 100_000) -> dict[str, int]:
    """Fill the database Django is set up for with the national benchmark dataset (at
    `people_scale` of 20,000 functionaries and 500,000 activities; `registry_persons` in the
    registry) and answer the row counts of its main tables. Idempotent: on a database that
    already holds the dataset it only counts. Needs Django set up and migrated."""
    from bench.dataset import PEOPLE
    from bench.readiness import ACTIVITIES, build
    from oranje.core.models import Region
    from oranje.organisation.models import Person

    if not 0 < people_scale <= 1:
        raise ValueError(f"people_scale must lie in (0, 1], not {people_scale}")
    least = smallest_scale()
    if people_scale < least:
        raise ValueError(
            f"people_scale {people_scale} leaves a region too few people for its pools;"
            f" the smallest is {least:.2f}"
        )
    regions = Region.objects.count()
    people = round(PEOPLE * people_scale / regions) * regions  # as many in every region
    there = Person.objects.count()
    if there and there != people:
        raise ValueError(
            f"the database holds {there:,} functionaries, not the {people:,} asked: it was"
            " built at another scale; build again with --fresh"
        )
    began = time.perf_counter()
    build(roster_start(), people, round(ACTIVITIES * people_scale))
    report("functionaries, rosters and activities", f"{time.perf_counter() - began:.0f} s")
    began = time.perf_counter()
    build_registry(registry_persons)
    report("registry", f"{time.perf_counter() - began:.0f} s")
    return counts()


def database(name: str, *, fresh: bool) -> dict[str, str]:
    """The environment that points Oranje at database `name` and data directory
    bench/out/<name>: on PostgreSQL (DATABASE_URL set) the database of that URL with its last
    path part replaced by `name` (created when missing), else SQLite in the data directory.
    `fresh`: start empty (the PostgreSQL database dropped and created again, the data
    directory removed)."""
    import psycopg

    data_dir = OUT / name
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {"ORANJE_DATA_DIR": str(data_dir)}
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return env
    parts = urllib.parse.urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = parts._replace(path=f"/{name}").geturl()
    return env


def fresh_database(name: str) -> dict[str, str]:
    """An empty database `name` (see `database`) and the environment that points Oranje at
    it, for a restore or a build from nothing."""
    return database(name, fresh=True)


def source_name(scale: float = 1.0) -> str:
    """The dataset's database: the one DATABASE_URL names, else bench/out/national_full (at
    full scale) or bench/out/national_full_<scale>: each scale has its own on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return urllib.parse.urlparse(url).path.lstrip("/") or NAME
    return NAME if scale == 1 else f"{NAME}_{scale:g}"


def setup(name: str, *, fresh: bool = False) -> dict[str, str]:
    """Point this process at database `name` (see `database`), set Django up and migrate;
    answer the environment that points a subprocess at the same database."""
    env = database(name, fresh=fresh)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oranje.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return env


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.national_full", description=__doc__)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of 20,000 people and 500,000 activities"
    )
    parser.add_argument("--registry-persons", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument(
        "--counts", action="store_true", help="only print every table's row count as JSON"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = options(argv)
    if args.counts:
        # The database the environment names as it is (a restored one, say): not migrated.
        os.environ.setdefault("ORANJE_DATA_DIR", str(OUT / NAME))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oranje.settings")
        import django

        django.setup()
        print(json.dumps(every_table(), sort_keys=True))
        return
    began, cpu = time.perf_counter(), time.process_time()
    setup(source_name(args.scale), fresh=args.fresh)
    from django.db import connection

    sizes = build_all(people_scale=args.scale, registry_persons=args.registry_persons)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"national benchmark dataset on {connection.vendor} (scale {args.scale:g}):")
    for label, count in sizes.items():
        report(label, f"{count:,}")
    # The machine may be shared: the process's own CPU time says what the build cost.
    report("built (or found) in", f"{elapsed:.0f} s ({cpu:.0f} s CPU here; {machine_load()})")


if __name__ == "__main__":
    main(sys.argv[1:])
