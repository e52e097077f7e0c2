"""Figure: anonymising an incident of 100,000 registered persons (each with two status
entries and an audit entry, a fifth with a hospital's row id) and 10,000 inquiries with a
candidate and a call back, the retention period after its close — as the worker does it, in
committed batches. Target: < 60 s. Also checked: the counts are the same before and after,
and no name, birth date, phone or caller is left."""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.common import setup_django
from bench.targets import check, check_that, exit_status

PERSONS = 100_000
INQUIRIES = 10_000
TARGET_SECONDS = 60.0
CHUNK = 5_000


def main() -> None:
    setup_django("registry_anonymise")
    from django.db import connection
    from django.utils import timezone

    from oranje.core.audit_actions import AuditAction
    from oranje.core.constants import Role
    from oranje.core.models import AuditEntry, Membership, Municipality, Region, User
    from oranje.incidents import services as incident_services
    from oranje.registry import selectors
    from oranje.registry.constants import CallOutcome, Source, Status, Whereabouts
    from oranje.registry.models import (
        CallBack,
        Candidate,
        ExternalRef,
        Inquiry,
        Person,
        Sender,
        StatusEntry,
    )
    from oranje.registry.services import retention

    region = Region.objects.get(code="VR12")
    municipality = Municipality.objects.filter(region=region).first()
    coordinator, _ = User.objects.get_or_create(username="bench-anon-coord")
    Membership.objects.get_or_create(user=coordinator, role=Role.COORDINATOR, region=region)
    incident = incident_services.incident_start(
        actor=coordinator,
        region=region,
        title=f"Bench anonimiseren {timezone.now():%H:%M:%S}",
        kind="other",
        started_at=timezone.now() - dt.timedelta(days=300),
        municipality=municipality,
    )
    sender, _ = Sender.objects.get_or_create(
        region=region, name="Bench ziekenhuis", defaults={"kind": "hospital"}
    )
    rng = random.Random(5)
    statuses = [Status.UNHARMED, Status.INJURED, Status.HOSPITALISED, Status.DECEASED]
    then = timezone.now() - dt.timedelta(days=250)
    began = time.perf_counter()
    for start in range(0, PERSONS, CHUNK):
        batch = [
            Person(
                incident=incident,
                given_names=rng.choice(["Johannes", "Maria", "Pieter", "Anna", "Fatima"]),
                prefix=rng.choice(["", "de", "van der"]),
                surname=f"Achternaam{n}",
                birth_year=1930 + n % 90,
                birth_month=1 + n % 12,
                birth_day=1 + n % 28,
                postcode="2011AB",
                house_number=1 + n % 300,
                phone=f"+316{n:08d}",
                bsn="",
                note="notitie",
                current_status=statuses[n % len(statuses)],
                current_whereabouts=Whereabouts.SHELTER,
                current_place="Sporthal",
                status_at=then,
                created_at=then,
                updated_at=then,
                matched_at=then,
            )
            for n in range(start, min(start + CHUNK, PERSONS))
        ]
        Person.objects.bulk_create(batch)
        StatusEntry.objects.bulk_create(
            StatusEntry(
                person=p,
                status=p.current_status,
                whereabouts=Whereabouts.SHELTER,
                place="Sporthal",
                source=source,
                source_at=then,
                note="gezien bij de balie",
            )
            for p in batch
            for source in (Source.FIELD, Source.SHELTER)
        )
        ExternalRef.objects.bulk_create(
            ExternalRef(incident=incident, sender=sender, row_id=f"P{p.pk}", person=p)
            for p in batch[::5]
        )
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor_name="bench",
                action=AuditAction.PERSON_REGISTER.value,
                object_type="person",
                object_id=str(p.pk),
                object_repr=p.full_name,
                region=region,
                changes={"source": "shelter"},
            )
            for p in batch
        )
    persons = list(Person.objects.filter(incident=incident).values_list("pk", flat=True))
    inquiries = Inquiry.objects.bulk_create(
        Inquiry(
            incident=incident,
            number=n + 1,
            caller_name=f"Beller {n}",
            caller_phone=f"+317{n:08d}",
            caller_relation="dochter",
            given_names="Maria",
            surname=f"Achternaam{n * 7}",
            birth_year=1950,
            description="lang, grijs haar",
            status="informed" if n % 2 else "open",
            created_at=then,
            updated_at=then,
        )
        for n in range(INQUIRIES)
    )
    Candidate.objects.bulk_create(
        Candidate(
            inquiry=q,
            person_id=persons[(n * 7) % PERSONS],
            score=25.0,
            decision="match",
            reasons=["achternaam gelijk: Achternaam"],
        )
        for n, q in enumerate(inquiries)
    )
    CallBack.objects.bulk_create(
        CallBack(inquiry=q, outcome=CallOutcome.REACHED, note="gesproken met dochter")
        for q in inquiries
    )
    incident.closed_at = timezone.now() - dt.timedelta(days=220)
    incident.save(update_fields=["closed_at"])
    if connection.vendor == "postgresql":
        # The data is months old when it is anonymised: autovacuum has long analysed it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"registry anonymise on {connection.vendor}: {PERSONS:,} persons, {INQUIRIES:,} "
        f"inquiries (set up in {time.perf_counter() - began:.0f} s)",
        flush=True,
    )
    before = selectors.counts(incident)
    spent: dict[str, float] = {}

    def timed_sql(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = " ".join(sql.split()[:3])[:60]
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - start

    began, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timed_sql):
        done = retention.retention_upkeep()
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    for key, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[:6]:
        print(f"    {seconds:6.1f} s  {key}", flush=True)
    check(
        f"anonymise an incident of {PERSONS:,} persons",
        elapsed,
        TARGET_SECONDS,
        unit="s",
        shown=f"{elapsed:.1f} s, cpu {cpu:.1f} s",
    )
    check_that("the incident was due and done", str(done), incident.pk in done, "[incident]")
    after = selectors.counts(incident)
    check_that("counts the same before and after", str(after == before), after == before, "True")
    left = (
        Person.objects.filter(incident=incident)
        .exclude(surname="", phone="", birth_year=None, note="")
        .count()
        + Inquiry.objects.filter(incident=incident).exclude(caller_name="", surname="").count()
        + AuditEntry.objects.filter(
            object_type="person", object_id__in=[str(p) for p in persons[:1000]]
        )
        .exclude(object_repr__startswith="#")
        .count()
    )
    check_that("records with a name, birth, phone or caller left", str(left), left == 0, "0")
    began = time.perf_counter()
    again = retention.incident_anonymise(incident=incident)
    check_that(
        "a second run (as after a crash) finds nothing left",
        f"{time.perf_counter() - began:.2f} s",
        again.finished_at is not None,
        "finished",
    )


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
