"""The registry benchmarks' world: one registry incident filled in bulk from the seeded Dutch
synthetic set (bench.dutch_synth: registrations in haste, relatives' inquiries with
nicknames, partial dates and prefixes in any spelling), registry users, and the intake form's
fields for an inquiry record. Needs Django set up (bench.common.setup_django) for everything
but `synthetic` and `intake_fields`.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from oranje.matching.engine import Record

#: The registry benchmarks' own PostgreSQL database (created if missing, emptied per run).
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_registry"
REGION = "VR12"
_HOUSE = re.compile(r"^\s*(\d{1,5})\s*[-/ ]?\s*([A-Za-z0-9]{0,10})\s*$")


@dataclass
class Synthetic:
    persons: list[Record]
    inquiries: list[Record]
    #: Registrations held back: they "arrive" during the run.
    arrivals: list[Record]


def synthetic(persons: int, inquiries: int, arrivals: int, seed: int = 11) -> Synthetic:
    """`persons` registered people, `inquiries` inquiries (about registered people and about
    family members never registered) and `arrivals`: people the first inquiries ask about,
    held back from the registry, so that their arrival re-matches those inquiries."""
    from bench.dutch_synth import generate

    households = (persons + arrivals) * 10 // 31 + 50
    registry, asked, truth = generate(households=households, seed=seed, diverse=True)
    wanted = {truth[q.id] for q in asked[:inquiries] if truth[q.id]}
    held = [r for r in registry if r.id in wanted][:arrivals]
    held_ids = {r.id for r in held}
    rest = [r for r in registry if r.id not in held_ids]
    if len(rest) < persons or len(asked) < inquiries or len(held) < arrivals:
        raise ValueError("the synthetic set is too small for the sizes asked")
    return Synthetic(persons=rest[:persons], inquiries=asked[:inquiries], arrivals=held)


def _birth(text: str) -> tuple[int | None, int | None, int | None]:
    parts = [int(p) for p in text.split("-") if p]
    year, month, day = [*parts, None, None, None][:3]  # type: ignore[list-item]
    if month is not None and not 1 <= month <= 12:
        return year, None, None
    return year, month, day


def _house(text: str) -> tuple[int | None, str]:
    found = _HOUSE.match(text or "")
    if not found:
        return None, ""
    return int(found.group(1)), found.group(2)[:10]


def _phone(text: str) -> str:
    return "+31" + text[1:] if text.startswith("0") else text


def person_fields(record: Record) -> dict[str, object]:
    year, month, day = _birth(record.birth_date)
    number, addition = _house(record.house_number)
    code = record.postcode.upper().replace(" ", "")
    return {
        "given_names": record.given_names[:200],
        "prefix": record.prefix[:10],
        "surname": record.surname[:200],
        "birth_year": year,
        "birth_month": month,
        "birth_day": day,
        "sex": record.sex or "O",
        "postcode": f"{code[:4]} {code[4:]}" if len(code) == 6 else "",
        "house_number": number,
        "house_addition": addition,
        "street": record.street,
        "city": record.city,
        "phone": _phone(record.phone),
    }


def fresh_database(name: str) -> None:
    """Start from an empty registry: on PostgreSQL (DATABASE_URL) the benchmark's own
    database is created if missing; on SQLite the file of an earlier run (in bench/out/<name>)
    is removed. Call before setup_django(name)."""
    from bench.common import OUT

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from bench.incident_load import ensure_database

        ensure_database(url)
        return
    for suffix in ("", "-wal", "-shm"):
        path = OUT / name / f"oranje.sqlite3{suffix}"
        if path.exists():
            path.unlink()


def empty_registry() -> None:
    """Remove every registry row of earlier runs (PostgreSQL keeps its database)."""
    from django.db import connection

    from oranje.registry.models import Person

    if connection.vendor != "postgresql":
        return
    tables = [
        m._meta.db_table
        for m in Person._meta.apps.get_app_config("registry").get_models()
        if not m._meta.db_table.endswith("settings")
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def registry_incident(password: str, officers: int):  # type: ignore[no-untyped-def]
    """(incident, officer usernames): an exercise incident in Kennemerland and `officers`
    registry officers with `password`."""
    from django.utils import timezone

    from bench.server import bench_users
    from oranje.core.constants import Role
    from oranje.core.models import Municipality, Region, User
    from oranje.incidents import services

    region = Region.objects.get(code=REGION)
    (starter,) = bench_users(REGION, "regstart", Role.COORDINATOR, 1, password)
    names = bench_users(REGION, "regop", Role.REGISTRY_OFFICER, officers, password)
    incident = services.incident_start(
        actor=User.objects.get(username=starter),
        region=region,
        title=f"Registratieproef {timezone.now():%H:%M:%S}",
        kind="fire",
        started_at=timezone.now(),
        municipality=Municipality.objects.current().filter(region=region).first(),
        is_exercise=True,
    )
    return incident, names


def fill(incident, persons: list[Record], inquiries: list[Record], batch: int = 5000) -> None:  # type: ignore[no-untyped-def]
    """Bulk-create the persons (each with a shelter check-in) and the open inquiries."""
    from django.db import transaction
    from django.utils import timezone

    from oranje.registry.models import Inquiry, Person, StatusEntry

    # Registered and asked earlier in the incident: the indexes' catch-up window (the last
    # half minute) holds only what the run itself writes.
    now = timezone.now() - dt.timedelta(hours=1)
    for start in range(0, len(persons), batch):
        with transaction.atomic():
            rows = Person.objects.bulk_create(
                [
                    Person(
                        incident=incident,
                        current_status="unharmed",
                        current_whereabouts="shelter",
                        status_at=now,
                        created_at=now,
                        updated_at=now,
                        matched_at=now,
                        **person_fields(record),  # type: ignore[arg-type]
                    )
                    for record in persons[start : start + batch]
                ]
            )
            StatusEntry.objects.bulk_create(
                [
                    StatusEntry(
                        person=row,
                        status="unharmed",
                        whereabouts="shelter",
                        source="shelter",
                        source_at=now,
                        recorded_at=now,
                        recorded_by_name="bench",
                    )
                    for row in rows
                ]
            )
    for start in range(0, len(inquiries), batch):
        Inquiry.objects.bulk_create(
            [
                Inquiry(
                    incident=incident,
                    number=n + 1,
                    caller_name=f"Verwant {n + 1}",
                    caller_phone="+31612345678",
                    created_at=now,
                    updated_at=now,
                    **person_fields(record),  # type: ignore[arg-type]
                )
                for n, record in enumerate(inquiries[start : start + batch], start=start)
            ]
        )


def intake_fields(record: Record, caller: str, client_key: str) -> bytes:
    """The intake form, filled in as an operator would from what the caller says."""
    from django.core.exceptions import ValidationError

    from oranje.registry import validation

    year, month, day = _birth(record.birth_date)
    birth = (
        f"{day}-{month}-{year}"
        if day and month
        else (f"{month}-{year}" if month else (str(year) if year else ""))
    )
    postcode = record.postcode
    try:
        validation.parse_postcode(postcode)
    except ValidationError:
        postcode = ""  # not a Dutch postcode: the operator leaves it out
    return urllib.parse.urlencode(
        {
            "caller_name": caller,
            "caller_phone": "0612345678",
            "caller_relation": "dochter",
            "given_names": record.given_names,
            "name_prefix": record.prefix,
            "surname": record.surname,
            "birth": birth,
            "sex": record.sex or "O",
            "postcode": postcode,
            "house": record.house_number,
            "street": record.street,
            "city": record.city,
            "client_key": client_key,
        }
    ).encode()


class _Stay(urllib.request.HTTPRedirectHandler):
    """Do not follow redirects: a redirect after a POST is the server's acknowledgement."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def operator_session(
    base: str, username: str, password: str
) -> tuple[urllib.request.OpenerDirector, str]:
    """A logged-in session that does not follow redirects, and its CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _Stay)
    page = opener.open(f"{base}/inloggen/", timeout=60).read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found is not None
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": found.group(1)}
    ).encode()
    request = urllib.request.Request(
        f"{base}/inloggen/", data=body, headers={"Referer": f"{base}/inloggen/"}
    )
    status, _location = send(opener, request)
    if status != 302:
        raise RuntimeError(f"login of {username} failed ({status})")
    return opener, next(str(c.value) for c in jar if c.name == "csrftoken")


def send(
    opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float = 60
) -> tuple[int, str]:
    """(status, Location) of one request; HTTP errors are answers too, not exceptions."""
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code, exc.headers.get("Location", "")


def take_inquiry(
    opener: urllib.request.OpenerDirector,
    base: str,
    incident_id: int,
    body: bytes,
    csrf: str,
    timeout: float = 60,
) -> tuple[int, int]:
    """Post the intake form and open the page it leads to (the ranked candidates):
    (status of the post, status of the candidates page; 0 when not reached)."""
    url = f"{base}/incidenten/{incident_id}/registratie/vragen/nieuw/"
    status, location = send(
        opener,
        urllib.request.Request(url, data=body, headers={"X-CSRFToken": csrf, "Referer": url}),
        timeout,
    )
    if status not in (301, 302, 303) or not location:
        return status, 0
    page, _ = send(opener, urllib.request.Request(urllib.parse.urljoin(url, location)), timeout)
    return status, page


def machine_load() -> str:
    """The load average against the cores: figures taken on a busy machine read accordingly."""
    one, _five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} on {os.cpu_count()} cores"


def warm_up(sessions, base: str, incident_id: int, records: list[Record], rounds: int) -> None:  # type: ignore[no-untyped-def]
    """Every gunicorn worker builds its index of the registry on its first request: send
    `rounds` waves of one intake per session at once, waiting as long as the builds take."""
    import secrets
    import threading

    for wave in range(rounds):
        threads = [
            threading.Thread(
                target=take_inquiry,
                args=(
                    opener,
                    base,
                    incident_id,
                    intake_fields(
                        records[wave * len(sessions) + n], f"Warm {n}", secrets.token_hex(16)
                    ),
                    csrf,
                    900,
                ),
            )
            for n, (opener, csrf) in enumerate(sessions)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
