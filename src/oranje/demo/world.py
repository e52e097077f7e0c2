"""The demo world: Kennemerland (VR12) with its crisis organisation and eight weeks of
rosters, including a few real coverage gaps, plus personas in two regions.

Building is idempotent: a second run keeps everything that exists (including changes made
through the interface) and only tops the rosters up to eight weeks ahead.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.core.validation import local_zone
from oranje.demo.names import GIVEN_NAMES, SURNAMES
from oranje.organisation import services
from oranje.organisation.constants import CoverageUnit, OnCallKind, PoolKind, UnavailabilityReason
from oranje.organisation.models import District, Function, OnCallShift, Person, Pool

REGION = "VR12"
WEEKS_AHEAD = 8
EMAIL_DOMAIN = "kennemerland.demo.oranje.nl"

DISTRICTS = {
    "Noord": ["Beverwijk", "Heemskerk", "Uitgeest", "Velsen"],
    "Zuid": ["Haarlem", "Zandvoort", "Bloemendaal", "Heemstede", "Haarlemmermeer"],
}
#: function code -> (regional name, coverage unit, minimum on hard on-call)
REGION_SETTINGS = {
    "OVD-BZ": ("OvD Bevolkingszorg", CoverageUnit.REGION, 1),
    "AC-BZ": ("AC Bevolkingszorg", CoverageUnit.REGION, 1),
    "ADV-CC-COPI": ("Communicatieadviseur CoPI", CoverageUnit.DISTRICT, 1),
    "CPG": ("Contactpersoon gemeente", CoverageUnit.MUNICIPALITY, 1),
    "L-TBZ": ("Leider TBZ", CoverageUnit.REGION, 0),
}
#: (function code, number of people) beyond the pool cores below
EXTRA_PEOPLE = [
    ("SA-BZ", 5),
    ("L-TBZ", 4),
    ("HTO-CC", 3),
    ("HTO-PZ", 6),
    ("HTO-NF", 3),
    ("HTO-OZ", 3),
    ("ADV-CC-ROT", 3),
    ("ADV-CC-BT", 3),
    ("OGA", 6),
    ("IC-BZ", 8),
    ("CGS", 10),
    ("CO-OPV", 20),
    ("CO-REG", 18),
    ("CO-SCH", 12),
]


@dataclass
class Persona:
    username: str
    description: str


PERSONAS = [
    Persona("coordinator.kennemerland", "regionaal coördinator bevolkingszorg Kennemerland"),
    Persona("coordinator.haarlem", "gemeentelijk coördinator Haarlem"),
    Persona("ovd.kennemerland", "OvD-BZ in de piketpool Kennemerland"),
    Persona("registratie.kennemerland", "registratiemedewerker Kennemerland (verwanteninformatie)"),
    Persona(
        "registratiecoordinator.kennemerland", "coördinator registratie Kennemerland (leeslog)"
    ),
    Persona("opvang.kennemerland", "baliemedewerker opvang Kennemerland (inchecken, overplaatsen)"),
    Persona(
        "opvangcoordinator.kennemerland",
        "coördinator opvang en verzorging Kennemerland (opvang, verminderd zelfredzamen)",
    ),
    Persona(
        "communicatie.kennemerland",
        "communicatieadviseur Kennemerland (berichten, omgevingsanalyse, Q&A)",
    ),
    Persona(
        "nafase.kennemerland",
        "hoofd nafase en IAC-medewerker Kennemerland (schade, nafase, IAC, nieuwsbrieven)",
    ),
    Persona(
        "kwaliteit.kennemerland",
        "kwaliteitsmonitor Kennemerland (normen, monitoring, verbeteracties, kosten, rapportage)",
    ),
    Persona(
        "kwaliteit.landelijk", "landelijk kwaliteitsmonitor (landelijk beeld van de 25 regio's)"
    ),
    Persona("viewer.utrecht", "meekijker uit een andere regio (Utrecht)"),
    Persona(
        "partner.politie",
        "partnerlogin politie Kennemerland (alleen het partnerbeeld: verspreide situatierapporten, "
        "berichten, open opvang, opschaling)",
    ),
    Persona("beheerder", "landelijk beheerder"),
]


def demo_password() -> str:
    """One password for all demo personas: from ORANJE_DEMO_PASSWORD, else generated once
    and kept in the data directory (never in the repository)."""
    import os

    if os.environ.get("ORANJE_DEMO_PASSWORD"):
        return os.environ["ORANJE_DEMO_PASSWORD"]
    path = settings.DATA_DIR / "demo-password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(9))
        path.chmod(0o600)
    return path.read_text().strip()


def _user(username: str, first: str, last: str, password: str) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    user.set_password(password)
    user.save()
    return user


def _member(
    user: User, role: str, *, region: Region | None = None, municipality: Municipality | None = None
) -> None:
    Membership.objects.get_or_create(user=user, role=role, region=region, municipality=municipality)


def build(log: Callable[[str], None] = print, *, today: dt.date | None = None) -> dict[str, str]:
    """Build or top up the demo world; returns {username: description}."""
    password = demo_password()
    region = Region.objects.get(code=REGION)
    with transaction.atomic():
        coordinator = _user("coordinator.kennemerland", "Marieke", "de Graaf", password)
        _member(coordinator, Role.COORDINATOR, region=region)
        haarlem = Municipality.objects.get(name="Haarlem", region=region)
        municipal = _user("coordinator.haarlem", "Joost", "van Dam", password)
        _member(municipal, Role.COORDINATOR, municipality=haarlem)
        ovd_user = _user("ovd.kennemerland", "Sanne", "Visser", password)
        _member(ovd_user, Role.FUNCTIONARY, region=region)
        viewer = _user("viewer.utrecht", "Pieter", "Smit", password)
        _member(viewer, Role.VIEWER, region=Region.objects.get(code="VR09"))
        admin = _user("beheerder", "Noor", "Bakker", password)
        _member(admin, Role.ADMINISTRATOR)
        registry_officer = _user("registratie.kennemerland", "Femke", "Mulder", password)
        _member(registry_officer, Role.REGISTRY_OFFICER, region=region)
        registry_coordinator = _user(
            "registratiecoordinator.kennemerland", "Ruud", "Hoekstra", password
        )
        _member(registry_coordinator, Role.REGISTRY_COORDINATOR, region=region)
        from oranje.demo import care

        care.personas(region, lambda name, first, last: _user(name, first, last, password))
        from oranje.demo import communication

        communication.personas(region, lambda name, first, last: _user(name, first, last, password))
        from oranje.demo import aftercare

        aftercare.personas(region, lambda name, first, last: _user(name, first, last, password))
        from oranje.demo import quality

        quality.personas(region, lambda name, first, last: _user(name, first, last, password))

        if not Person.objects.filter(region=region, email__endswith=EMAIL_DOMAIN).exists():
            _build_organisation(region, coordinator, ovd_user, log)
            from oranje.demo import readiness

            readiness.build(region, coordinator, admin, today or timezone.localdate(), log)
        else:
            log("Kennemerland bestaat al; roosters worden aangevuld.")
    _top_up_rosters(region, coordinator, today or timezone.localdate(), log)
    from oranje.demo import incident

    velsen = incident.build(region, coordinator, log)
    from oranje.demo import registry

    fire = registry.build(region, coordinator, log)
    from oranje.demo import communication_agreements

    communication_agreements.build(region, coordinator, log)
    if velsen is not None:
        care.velsen(velsen, coordinator, log)
        communication.velsen(velsen, coordinator, log)
    if fire is not None:
        communication.haarlem(fire, coordinator, log)
        aftercare.haarlem(fire, coordinator, log)
    if velsen is not None:
        aftercare.velsen(velsen, coordinator, log)
    quality.build(region, coordinator, today or timezone.localdate(), log)
    from oranje.demo import learning

    learning.build(region, coordinator, velsen, fire, today or timezone.localdate(), log)
    from oranje.demo import national

    national.build(
        national.DemoContext(
            region=region,
            coordinator=coordinator,
            admin=User.objects.get(username="beheerder"),
            velsen=velsen,
            today=today or timezone.localdate(),
            log=log,
            make_user=lambda name, first, last: _user(name, first, last, password),
        )
    )
    return {p.username: p.description for p in PERSONAS}


def _build_organisation(
    region: Region, actor: User, ovd_user: User, log: Callable[[str], None]
) -> None:
    rng = random.Random(1212)  # a fixed seed: the same world on every machine
    functions = {f.code: f for f in Function.objects.all()}
    municipalities = {m.name: m for m in Municipality.objects.current().filter(region=region)}
    used: set[str] = set()

    for code, (name, unit, minimum) in REGION_SETTINGS.items():
        services.region_function_update(
            actor=actor,
            region=region,
            function=functions[code],
            local_name=name,
            coverage_unit=unit,
            min_hard_on_call=minimum,
        )
    for name, members in DISTRICTS.items():
        services.district_save(
            actor=actor,
            region=region,
            name=name,
            municipalities=[municipalities[m] for m in members],
        )

    def person(codes: list[str], municipality: Municipality | None) -> Person:
        while True:
            given = rng.choice(GIVEN_NAMES)
            prefix, surname = rng.choice(SURNAMES)
            local = f"{given}.{prefix.replace(' ', '')}{surname.replace(' ', '')}".lower()
            if local not in used:
                used.add(local)
                break
        return services.person_create(
            actor=actor,
            region=region,
            given_name=given,
            prefix=prefix,
            surname=surname,
            email=f"{local}@{EMAIL_DOMAIN}",
            phone=f"06{rng.choice('12345')}{rng.randrange(1_000_000, 9_999_999)}",
            municipality=municipality,
            functions=[functions[c] for c in codes],
        )

    names = list(municipalities)
    ovds = [person(["OVD-BZ"], municipalities[names[i % len(names)]]) for i in range(6)]
    ovds[0].user = ovd_user
    ovds[0].given_name, ovds[0].prefix, ovds[0].surname = "Sanne", "", "Visser"
    ovds[0].save(update_fields=["user", "given_name", "prefix", "surname"])
    services.pool_save(
        actor=actor,
        region=region,
        name="OvD-BZ Kennemerland",
        kind=PoolKind.INTERMUNICIPAL,
        municipalities=list(municipalities.values()),
        functions=[functions["OVD-BZ"]],
        members=ovds,
        description="Intergemeentelijke piketpool: één OvD-BZ op hard piket, weekdiensten.",
    )
    leaders = [person(["AC-BZ", "L-TBZ"], None) for _ in range(5)]
    services.pool_save(
        actor=actor,
        region=region,
        name="Leiding bevolkingszorg",
        kind=PoolKind.REGIONAL,
        municipalities=[],
        functions=[functions["AC-BZ"], functions["L-TBZ"]],
        members=leaders,
        coordinator=leaders[0],
    )
    for district, members in DISTRICTS.items():
        advisers = [
            person(["ADV-CC-COPI"], municipalities[members[i % len(members)]]) for i in range(4)
        ]
        services.pool_save(
            actor=actor,
            region=region,
            name=f"Communicatie CoPI {district}",
            kind=PoolKind.INTERMUNICIPAL,
            municipalities=[municipalities[m] for m in members],
            functions=[functions["ADV-CC-COPI"]],
            members=advisers,
        )
    for name, municipality in municipalities.items():
        contacts = [person(["CPG"], municipality) for _ in range(3)]
        services.pool_save(
            actor=actor,
            region=region,
            name=f"CPG {name}",
            kind=PoolKind.MUNICIPAL,
            municipalities=[municipality],
            functions=[functions["CPG"]],
            members=contacts,
        )
    extra: dict[str, list[Person]] = {}
    for code, count in EXTRA_PEOPLE:
        extra[code] = [
            person(
                [code],
                municipalities[names[i % len(names)]] if code.startswith(("CO-", "CGS")) else None,
            )
            for i in range(count)
        ]
    services.pool_save(
        actor=actor,
        region=region,
        name="Backoffice bevolkingszorg",
        kind=PoolKind.REGIONAL,
        municipalities=[],
        functions=[functions[c] for c in ("CO-OPV", "CO-REG", "CO-SCH")],
        members=extra["CO-OPV"] + extra["CO-REG"] + extra["CO-SCH"],
        description="Zacht piket: wordt bij een crisis gevraagd, geen verplichting.",
    )
    strategic = ["SA-BZ", "HTO-CC", "HTO-PZ", "HTO-NF", "HTO-OZ", "ADV-CC-ROT", "ADV-CC-BT"]
    services.pool_save(
        actor=actor,
        region=region,
        name="Strategie en taakorganisaties",
        kind=PoolKind.REGIONAL,
        municipalities=[],
        functions=[functions[c] for c in strategic],
        members=[p for c in strategic for p in extra[c]],
        coordinator=extra["SA-BZ"][0],
        description="Zacht piket: strategisch advies, hoofden taakorganisaties, communicatie ROT/BT.",
    )
    services.pool_save(
        actor=actor,
        region=region,
        name="Informatie en omgevingsanalyse",
        kind=PoolKind.REGIONAL,
        municipalities=[],
        functions=[functions["IC-BZ"], functions["OGA"]],
        members=extra["IC-BZ"] + extra["OGA"],
    )
    log(
        f"Kennemerland: {Person.objects.filter(region=region).count()} functionarissen, "
        f"{Pool.objects.filter(region=region).count()} pools, "
        f"{District.objects.filter(region=region).count()} districten."
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _top_up_rosters(
    region: Region, actor: User, today: dt.date, log: Callable[[str], None]
) -> None:
    """Roster every pool from last Monday (or where its roster ends) to eight weeks ahead,
    and leave the few deliberate gaps a coordinator should find."""
    zone = local_zone()
    first_monday = _monday(today) - dt.timedelta(weeks=1)
    # One week beyond the gaps page's default horizon, so only the deliberate gaps show.
    last_day = _monday(today) + dt.timedelta(weeks=WEEKS_AHEAD + 1) - dt.timedelta(days=1)
    handover = dt.time(8, 0)
    created = 0
    pools = Pool.objects.filter(region=region).prefetch_related("functions", "members")
    plans: list[tuple[Pool, Function, str, list[Person]]] = []
    for pool in pools:
        members = sorted(pool.members.all(), key=lambda p: (p.surname, p.given_name))
        for function in pool.functions.all():
            holders = [p for p in members if function in p.functions.all()]
            if not holders:
                continue
            kind: str = (
                OnCallKind.SOFT
                if pool.kind == PoolKind.REGIONAL
                and function.code.startswith(("CO-", "IC-", "OGA", "L-"))
                else OnCallKind.HARD
            )
            plans.append((pool, function, kind, holders))
    for pool, function, kind, holders in plans:
        latest = (
            OnCallShift.objects.filter(pool=pool, function=function)
            .order_by("-ends_at")
            .values_list("ends_at", flat=True)
            .first()
        )
        start_day = (
            first_monday
            if latest is None
            else max(first_monday, timezone.localtime(latest, zone).date())
        )
        if start_day > last_day:
            continue
        if kind == OnCallKind.SOFT:
            rotation = holders[: max(1, len(holders) // 2)]
            for offset in range(len(rotation)):
                result = services.roster_generate(
                    actor=actor,
                    pool=pool,
                    function=function,
                    kind=kind,
                    rotation=rotation[offset:] + rotation[:offset],
                    first_day=start_day,
                    last_day=last_day,
                    handover_time=handover,
                    shift_days=7,
                )
                created += len(result.created)
            continue
        first_run = latest is None
        if first_run and pool.name == "CPG Zandvoort":
            # A real gap: nobody arranged CPG Zandvoort for the third week.
            gap_start = _monday(today) + dt.timedelta(weeks=2)
            for part_first, part_last in (
                (start_day, gap_start - dt.timedelta(days=1)),
                (gap_start + dt.timedelta(days=7), last_day),
            ):
                created += len(
                    services.roster_generate(
                        actor=actor,
                        pool=pool,
                        function=function,
                        kind=kind,
                        rotation=holders,
                        first_day=part_first,
                        last_day=part_last,
                        handover_time=handover,
                    ).created
                )
            continue
        if first_run and pool.name == "Leiding bevolkingszorg" and function.code == "AC-BZ":
            # Holidays: two of five leaders away for the same week: the pattern fills it with
            # the next available person. And one weekend where the regular AC-BZ is away.
            away_week = dt.datetime.combine(
                _monday(today) + dt.timedelta(weeks=4), handover, tzinfo=zone
            )
            for leader in holders[:2]:
                services.unavailability_create(
                    actor=actor,
                    person=leader,
                    starts_at=away_week,
                    ends_at=away_week + dt.timedelta(days=7),
                    reason=UnavailabilityReason.HOLIDAY,
                    note="Zomervakantie",
                )
        created += len(
            services.roster_generate(
                actor=actor,
                pool=pool,
                function=function,
                kind=kind,
                rotation=holders,
                first_day=start_day,
                last_day=last_day,
                handover_time=handover,
            ).created
        )
        if first_run and pool.name == "Communicatie CoPI Noord":
            # Reported sick mid-shift in week 2: the shift stays but no longer counts.
            shift = (
                OnCallShift.objects.filter(
                    pool=pool,
                    starts_at__gte=dt.datetime.combine(
                        _monday(today) + dt.timedelta(weeks=1), handover, tzinfo=zone
                    ),
                )
                .order_by("starts_at")
                .first()
            )
            if shift is not None:
                services.unavailability_create(
                    actor=actor,
                    person=shift.person,
                    starts_at=shift.starts_at + dt.timedelta(days=2),
                    ends_at=shift.starts_at + dt.timedelta(days=4),
                    reason=UnavailabilityReason.SICK,
                )
        if first_run and pool.name == "OvD-BZ Kennemerland":
            # A weekend handover that nobody picked up: Friday 18:00 to Monday 08:00 in week 6.
            friday = dt.datetime.combine(
                _monday(today) + dt.timedelta(weeks=5, days=4), dt.time(18, 0), tzinfo=zone
            )
            shift = OnCallShift.objects.filter(
                pool=pool, starts_at__lte=friday, ends_at__gt=friday
            ).first()
            if shift is not None:
                shift.ends_at = friday
                shift.save(update_fields=["ends_at"])
    log(f"Roosters: {created} diensten toegevoegd (tot en met {last_day:%d-%m-%Y}).")
