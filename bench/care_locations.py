"""Figure: importing a region's register of shelter locations (1,000 locations, two contacts
each) from CSV, then the same file again (idempotent: nothing changes, nothing is written)."""

from __future__ import annotations

import io
import time

from bench.common import report, setup_django
from bench.targets import check_that, exit_status

ROWS = 1_000


def main() -> None:
    setup_django("care_locations")
    from django.db import connection

    from oranje.care.models import Location
    from oranje.care.services.location_import import locations_import, read_locations
    from oranje.core.constants import Role
    from oranje.core.models import AuditEntry, Membership, Municipality, Region, User

    region = Region.objects.get(code="VR12")
    Location.objects.filter(municipality__region=region, shelters__isnull=True).delete()
    user, _ = User.objects.get_or_create(username="bench-locations")
    Membership.objects.get_or_create(user=user, role=Role.COORDINATOR, region=region)
    codes = list(
        Municipality.objects.current().filter(region=region).values_list("cbs_code", flat=True)
    )
    header = (
        "gemeente;code;naam;soort;straat;huisnummer;postcode;plaats;breedtegraad;lengtegraad;"
        "capaciteit_dag;capaciteit_nacht;keuken;douches;overeenkomst_tot;"
        "contact1_naam;contact1_telefoon;contact2_naam;contact2_telefoon"
    )
    lines = [header]
    for i in range(ROWS):
        lines.append(
            f"{codes[i % len(codes)]};B{i:05d};Sporthal {i};sporthal;Sportlaan;{i % 300 + 1};"
            f"2011 AB;Haarlem;52.{i % 1000:03d};4.{(i * 7) % 1000:03d};{100 + i % 400};"
            f"{i % 200};ja;nee;31-12-2028;Beheerder {i};06 1234{i % 10000:04d};"
            f"Sleutel {i};023 5{i % 1000000:06d}"
        )
    data = "\n".join(lines).encode()
    print(f"care locations import on {connection.vendor}: {ROWS:,} rows, 2 contacts each")

    began = time.perf_counter()
    first = locations_import(
        actor=user, region=region, rows=read_locations(io.BytesIO(data), "locaties.csv")
    )
    elapsed = time.perf_counter() - began
    assert first.ok and first.created == ROWS, first.errors[:3]
    report("import 1,000 locations from CSV (read, validate, write)", f"{elapsed:.2f} s")
    check_that("first import < 10 s", f"{elapsed:.2f} s", elapsed < 10, "< 10 s")

    audits = AuditEntry.objects.count()
    began = time.perf_counter()
    again = locations_import(
        actor=user, region=region, rows=read_locations(io.BytesIO(data), "locaties.csv")
    )
    elapsed = time.perf_counter() - began
    report("the same file again", f"{elapsed:.2f} s")
    check_that(
        "second import changes nothing",
        f"{again.created} new, {again.updated} changed, {again.unchanged} unchanged",
        again.ok and again.unchanged == ROWS and AuditEntry.objects.count() == audits,
        f"0 new, 0 changed, {ROWS} unchanged",
    )


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
