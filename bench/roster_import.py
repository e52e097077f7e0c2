"""Figure: importing 10,000 roster rows (a large region's year) from CSV and from .xlsx."""

from __future__ import annotations

import datetime as dt
import io
import time

from bench.common import report, setup_django
from bench.targets import exit_status

ROWS = 10_000


def main() -> None:
    setup_django("import")
    from django.db import connection
    from openpyxl import Workbook

    from oranje.core.constants import Role
    from oranje.core.models import Membership, Region, User
    from oranje.organisation.constants import PoolKind
    from oranje.organisation.imports import read_table, roster_import
    from oranje.organisation.models import Function, OnCallShift, Person, Pool

    region = Region.objects.get(code="VR16")
    OnCallShift.objects.filter(pool__region=region).delete()
    user, _ = User.objects.get_or_create(username="bench-import")
    Membership.objects.get_or_create(user=user, role=Role.COORDINATOR, region=region)
    function = Function.objects.get(code="CO-OPV")
    pool, _ = Pool.objects.get_or_create(
        region=region, name="Bench import", defaults={"kind": PoolKind.REGIONAL}
    )
    pool.functions.set([function])
    people = []
    for i in range(200):
        person, _ = Person.objects.get_or_create(
            email=f"import{i:03d}@bench.oranje.nl",
            defaults={
                "region": region,
                "given_name": "Bench",
                "surname": f"Import {i:03d}",
                "phone": "+31612345678",
            },
        )
        person.functions.add(function)
        people.append(person)
    pool.members.set(people)
    start = dt.datetime(2027, 1, 4, 8, 0)
    header = ["email", "functie", "pool", "soort", "begin", "einde"]
    rows = []
    for i in range(ROWS):
        person = people[i % 200]
        day = start + dt.timedelta(days=i // 200)
        rows.append([person.email, "CO-OPV", pool.name, "zacht", day, day + dt.timedelta(days=1)])
    csv_text = (
        ";".join(header)
        + "\n"
        + "\n".join(
            f"{r[0]};{r[1]};{r[2]};{r[3]};{r[4]:%d-%m-%Y %H:%M};{r[5]:%d-%m-%Y %H:%M}" for r in rows
        )
    )
    print(f"roster import on {connection.vendor}: {ROWS:,} rows, 200 people, one pool")

    began = time.perf_counter()
    parsed = read_table(io.BytesIO(csv_text.encode()), "rooster.csv")
    result = roster_import(actor=user, region=region, rows=parsed, filename="rooster.csv")
    elapsed = time.perf_counter() - began
    assert result.ok and result.created == ROWS, result.errors[:3]
    report("import 10,000 rows from CSV (read, validate, write)", f"{elapsed:.2f} s")

    OnCallShift.objects.filter(pool=pool).delete()
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    began = time.perf_counter()
    parsed = read_table(buffer, "rooster.xlsx")
    result = roster_import(actor=user, region=region, rows=parsed, filename="rooster.xlsx")
    elapsed = time.perf_counter() - began
    assert result.ok and result.created == ROWS
    report("import 10,000 rows from .xlsx (read, validate, write)", f"{elapsed:.2f} s")

    # The same file again must be refused whole: every row now overlaps the roster.
    buffer.seek(0)
    began = time.perf_counter()
    result = roster_import(actor=user, region=region, rows=read_table(buffer, "rooster.xlsx"))
    elapsed = time.perf_counter() - began
    assert result.created == 0 and len(result.errors) == ROWS
    report(
        "re-import of the same 10,000 rows, all refused",
        f"{elapsed:.2f} s, {len(result.errors):,} row errors",
    )


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
