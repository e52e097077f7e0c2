"""The world the access matrix runs in, and how its tables are read and checked."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from oranje.alerting import services as alerting_services
from oranje.alerting.constants import Step
from oranje.alerting.models import Alert, AlertRule, FunctionCall
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.constants import EntryKind, IncidentType, Team
from oranje.incidents.models import (
    Action,
    ChecklistItem,
    Decision,
    Incident,
    LogEntry,
    SituationReport,
)
from oranje.organisation.constants import OnCallKind, PoolKind, UnavailabilityReason
from oranje.organisation.models import (
    District,
    Function,
    OnCallShift,
    Person,
    Pool,
    Unavailability,
)
from oranje.readiness import services as readiness_services
from oranje.readiness.constants import ActivityKind, ExerciseType, ParticipantRole
from oranje.readiness.models import (
    Activity,
    AlarmRecipient,
    AlarmTest,
    Exercise,
    ExerciseParticipant,
)
from oranje.tests.access_matrix import (
    world_cert,
    world_checklists,
    world_description,
    world_drills,
    world_feedback,
    world_loans,
    world_partners,
    world_people,
)
from oranje.tests.access_matrix.aftercare_world import aftercare_objects, damage_objects
from oranje.tests.access_matrix.care_world import care_objects
from oranje.tests.access_matrix.communication_world import communication_objects
from oranje.tests.access_matrix.learning_world import learning_objects
from oranje.tests.access_matrix.quality_world import quality_objects

ROLES = [
    "anon",
    "view",
    "func",
    "lead",
    "mun",
    "reg",
    "regi",
    "regc",
    "care",
    "carc",
    "comm",
    "aft",
    "qual",
    "radm",
    "nadm",
]


@dataclass(frozen=True)
class Line:
    method: str
    path: str
    scope: str
    expected: dict[str, int]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.scope}]"


def parse(table: str) -> list[Line]:
    """The lines of a table; its first line names the columns."""
    lines = []
    for raw in table.strip().splitlines()[1:]:
        if not raw.strip() or raw.startswith("#"):
            continue
        method, path, scope, *codes = raw.split()
        assert len(codes) == len(ROLES), f"{raw!r}: {len(codes)} statuses, {len(ROLES)} roles"
        expected = dict(zip(ROLES, map(int, codes), strict=True))
        lines.append(Line(method, path, scope, expected))
    return lines


# ---------------------------------------------------------------- the world


@dataclass
class Scoped:
    """One scope's objects: a municipality with its person, pool, shift, incident, ..."""

    region: Region
    municipality: Municipality
    person: Person
    pool: Pool
    shift: OnCallShift
    unavailability: Unavailability
    district: District
    incident: Incident
    alert: Alert
    action: Action
    report: SituationReport
    entry: LogEntry
    exercise: Exercise
    alarm_test: AlarmTest
    activity: Activity
    rule: AlertRule
    #: The registry's and the care room's objects in this scope's incident: {rperson},
    #: {inquiry}, {candidate}, {location}, {shelter}, {household}, …
    registry: dict[str, int | str] = field(default_factory=dict)


@dataclass
class MatrixWorld:
    scopes: dict[str, Scoped]
    users: dict[str, User]
    item: ChecklistItem
    tokens: dict[str, str]
    lead_alert: Alert


def _user(username: str, role: str | None, **scope: Any) -> User:
    user = User.objects.create_user(username=f"matrix-{username}", password="x")
    if role is not None:
        Membership.objects.create(user=user, role=role, **scope)
    return user


def _scoped(
    name: str,
    region: Region,
    municipality: Municipality,
    coordinator: User,
    ovd: Function,
    cpg: Function,
    district: District,
) -> Scoped:
    now = timezone.now()
    person = Person.objects.create(
        region=region,
        municipality=municipality,
        given_name="Matrix",
        surname=f"Persoon {name}",
        email=f"matrix-{name}@example.nl",
        phone="+31612345678",
    )
    person.functions.set([ovd, cpg])
    pool = Pool.objects.create(region=region, name=f"CPG {name}", kind=PoolKind.MUNICIPAL)
    pool.municipalities.set([municipality])
    pool.functions.set([cpg])
    pool.members.set([person])
    shift = OnCallShift.objects.create(
        pool=pool,
        function=cpg,
        person=person,
        kind=OnCallKind.HARD,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=9),
    )
    unavailability = Unavailability.objects.create(
        person=person,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=4),
        reason=UnavailabilityReason.SICK,
    )
    incident = Incident.objects.create(
        region=region,
        title=f"Gasstoring {name}",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=now - dt.timedelta(hours=1),
        municipality=municipality,
        created_by=coordinator,
    )
    incident.municipalities.set([municipality])
    call = FunctionCall.objects.create(
        incident=incident,
        function=cpg,
        municipality=municipality,
        escalation_minutes=5,
        reason="matrix",
    )
    alert = Alert.objects.create(call=call, person=person, step=Step.HARD)
    report = SituationReport.objects.create(incident=incident, version=1, summary="Stand van zaken")
    entry = LogEntry(
        incident=incident,
        number=1,
        author_name="Matrix",
        kind=EntryKind.NOTE,
        text="Met bijlage",
        attachment_name="kaart.txt",
    )
    entry.attachment.save("kaart.txt", ContentFile(b"kaart"), save=False)
    entry.save()
    decision = Decision.objects.create(
        incident=incident,
        team=Team.COPI,
        decided_by="Leider CoPI",
        text="Besluit",
        entry=LogEntry.objects.create(
            incident=incident, number=2, author_name="Matrix", kind=EntryKind.DECISION, text="B"
        ),
    )
    action = Action.objects.create(
        incident=incident,
        decision=decision,
        text="Actie",
        owner_function=ovd,
        deadline=now + dt.timedelta(hours=2),
    )
    exercise = Exercise.objects.create(
        region=region,
        title=f"Oefening {name}",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=now - dt.timedelta(days=1),
        hours=3,
        created_by=coordinator,
    )
    ExerciseParticipant.objects.create(
        exercise=exercise, person=person, function=cpg, role=ParticipantRole.PARTICIPANT
    )
    alarm_test = AlarmTest.objects.create(region=region, started_by=coordinator)
    activity = Activity.objects.create(
        person=person,
        kind=ActivityKind.EXERCISE,
        title="Oefening",
        completed_on=timezone.localdate() - dt.timedelta(days=10),
    )
    rule = AlertRule.objects.filter(region=region).first()
    assert rule is not None
    registry = {
        **_registry_objects(incident, region),
        **care_objects(incident, municipality),
        **communication_objects(incident, None),
        **damage_objects(incident),
        **aftercare_objects(incident),
        **quality_objects(region, municipality, incident),
        **learning_objects(region, municipality, incident),
        **world_cert.objects(region, municipality, incident),
        **world_drills.objects(region, municipality, incident),
        **world_feedback.objects(region, municipality, incident),
        **world_people.objects(region, municipality, incident),
        **world_loans.objects(region, municipality, incident),
        **world_checklists.objects(region, municipality, incident),
        **world_partners.objects(region, municipality, incident),
        **world_description.objects(region, municipality, incident),
    }
    return Scoped(
        region,
        municipality,
        person,
        pool,
        shift,
        unavailability,
        district,
        incident,
        alert,
        action,
        report,
        entry,
        exercise,
        alarm_test,
        activity,
        rule,
        registry,
    )


def build_matrix_world() -> MatrixWorld:
    vr12 = Region.objects.get(code="VR12")
    vr09 = Region.objects.get(code="VR09")
    haarlem = Municipality.objects.get(cbs_code="GM0392")
    velsen = Municipality.objects.get(cbs_code="GM0453")
    utrecht = Municipality.objects.current().filter(region=vr09).order_by("cbs_code").first()
    assert utrecht is not None
    ovd = Function.objects.get(code="OVD-BZ")
    cpg = Function.objects.get(code="CPG")
    users = {
        "anon": None,
        "view": _user("view", Role.VIEWER, region=vr12),
        "func": _user("func", Role.FUNCTIONARY, region=vr12),
        "lead": _user("lead", Role.FUNCTIONARY, region=vr12),
        "mun": _user("mun", Role.COORDINATOR, municipality=haarlem),
        "reg": _user("reg", Role.COORDINATOR, region=vr12),
        "regi": _user("regi", Role.REGISTRY_OFFICER, region=vr12),
        "regc": _user("regc", Role.REGISTRY_COORDINATOR, region=vr12),
        "care": _user("care", Role.CARE_OFFICER, region=vr12),
        "carc": _user("carc", Role.CARE_COORDINATOR, region=vr12),
        "comm": _user("comm", Role.COMMUNICATION, region=vr12),
        "aft": _user("aft", Role.AFTERCARE, region=vr12),
        "qual": _user("qual", Role.QUALITY_MONITOR, region=vr12),
        "radm": _user("radm", Role.ADMINISTRATOR, region=vr12),
        "nadm": _user("nadm", Role.ADMINISTRATOR),
    }
    other_coordinator = _user("reg-vr09", Role.COORDINATOR, region=vr09)
    districts = {
        vr12.pk: District.objects.create(region=vr12, name="Matrix Noord"),
        vr09.pk: District.objects.create(region=vr09, name="Matrix Utrecht"),
    }
    scopes = {
        "own": _scoped("own", vr12, haarlem, users["reg"], ovd, cpg, districts[vr12.pk]),
        "mun": _scoped("mun", vr12, velsen, users["reg"], ovd, cpg, districts[vr12.pk]),
        "reg": _scoped("reg", vr09, utrecht, other_coordinator, ovd, cpg, districts[vr09.pk]),
    }
    # The people behind the functionaries' logins; the leader is alerted as OvD-BZ for the
    # Haarlem incident only.
    for key in ("func", "lead"):
        person = Person.objects.create(
            region=vr12,
            municipality=haarlem,
            given_name="Matrix",
            surname=key,
            email=f"matrix-user-{key}@example.nl",
            user=users[key],
        )
        person.functions.set([ovd])
    own = scopes["own"]
    lead_call = FunctionCall.objects.create(
        incident=own.incident,
        function=ovd,
        municipality=own.municipality,
        escalation_minutes=5,
        reason="matrix",
    )
    lead_alert = Alert.objects.create(call=lead_call, person=users["lead"].person, step=Step.HARD)
    item = ChecklistItem.objects.filter(region=None, function=ovd, active=True).first()
    assert item is not None
    recipient = AlarmRecipient.objects.create(test=own.alarm_test, person=own.person, function=cpg)
    tokens = {
        "alarm": readiness_services.alarm_link_token(recipient),
        "answer": alerting_services.answer_token(own.alert),
        "arrival": alerting_services.arrival_token(own.alert),
        "calendar": own.person.calendar_token,
    }
    logins = {k: v for k, v in users.items() if v is not None}
    return MatrixWorld(scopes, logins, item, tokens, lead_alert)


Matrix = tuple[MatrixWorld, dict[str, Client]]


# ---------------------------------------------------------------- asking and checking


def _registry_objects(incident: Incident, region: Region) -> dict[str, int]:
    """An affected person (and a second registration of them), an inquiry with a candidate,
    a possible duplicate, a merge and a list sender, written directly (no matching)."""
    from oranje.registry import models as reg

    person = reg.Person.objects.create(
        incident=incident, given_names="Johanna", surname="Matrix", birth_year=1950
    )
    reg.StatusEntry.objects.create(
        person=person,
        status="unharmed",
        whereabouts="shelter",
        source="shelter",
        source_at=timezone.now(),
    )
    twin = reg.Person.objects.create(
        incident=incident, given_names="Jo", surname="Matrix", birth_year=1950
    )
    merged = reg.Person.objects.create(
        incident=incident, given_names="Joke", surname="Matrix", merged_into=person
    )
    merge = reg.Merge.objects.create(incident=incident, kept=person, merged=merged)
    duplicate = reg.PossibleDuplicate.objects.create(
        incident=incident, person=person, other=twin, score=20.0, decision="possible"
    )
    inquiry = reg.Inquiry.objects.create(
        incident=incident,
        number=1,
        caller_name="Beller",
        caller_phone="+31612345678",
        given_names="Johanna",
        surname="Matrix",
    )
    candidate = reg.Candidate.objects.create(
        inquiry=inquiry, person=person, score=30.0, decision="match"
    )
    sender, _ = reg.Sender.objects.get_or_create(
        region=region, name="Spaarne Gasthuis", defaults={"kind": "hospital"}
    )
    batch = reg.ImportBatch.objects.create(incident=incident, sender=sender, file_name="l.xlsx")
    return {
        "batch": batch.pk,
        "rperson": person.pk,
        "inquiry": inquiry.pk,
        "candidate": candidate.pk,
        "duplicate": duplicate.pk,
        "merge": merge.pk,
        "sender": sender.pk,
    }


def fill(path: str, world: MatrixWorld, scope: str) -> str:
    s = world.scopes.get(scope, world.scopes["own"])
    values = {
        "person": s.person.pk,
        "pool": s.pool.pk,
        "shift": s.shift.pk,
        "unavailability": s.unavailability.pk,
        "district": s.district.pk,
        "incident": s.incident.pk,
        "alert": s.alert.pk,
        "action": s.action.pk,
        "report": s.report.version,
        "entry": s.entry.number,
        "item": world.item.pk,
        "exercise": s.exercise.pk,
        "alarmtest": s.alarm_test.pk,
        "activity": s.activity.pk,
        "rule": s.rule.pk,
        "leadalert": world.lead_alert.pk,
        "region": s.region.code,
        "municipality": s.municipality.cbs_code,
        "function": "CPG",
        **s.registry,
        **{f"token:{k}": v for k, v in world.tokens.items()},
    }
    return re.sub(r"\{([a-z:]+)\}", lambda m: str(values[m.group(1)]), path)


def ask(client: Client, method: str, path: str) -> int:
    """One request, rolled back whatever it did (a logout included: the cookies too)."""
    cookies = copy.deepcopy(client.cookies)
    # A write sends the query string as its body as well: "?step=approve" is the button.
    body = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        else:
            call = getattr(client, method.lower())
            if path.startswith("/api/"):
                response = call(path, data=json.dumps(body), content_type="application/json")
            else:
                response = call(path, data=body)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code


def _table(rows: list[tuple[Line, dict[str, int]]]) -> str:
    head = f"{'method':<6} {'path':<64} {'scope':<5} " + " ".join(f"{r:<4}" for r in ROLES)
    body = [
        f"{line.method:<6} {line.path:<64} {line.scope:<5} "
        + " ".join(f"{got[r]:<4}" for r in ROLES).rstrip()
        for line, got in rows
    ]
    return "\n".join([head, *body])


def check(matrix: Matrix, table: list[Line]) -> None:
    """Ask every line of the table as every role; fail naming each status that differs."""
    world, clients = matrix
    rows = []
    wrong = []
    for line in table:
        path = fill(line.path, world, line.scope)
        got = {role: ask(clients[role], line.method, path) for role in ROLES}
        rows.append((line, got))
        for role in ROLES:
            if got[role] != line.expected[role]:
                wrong.append(f"{line} as {role}: expected {line.expected[role]}, got {got[role]}")
    if os.environ.get("ORANJE_MATRIX_PRINT"):
        print("\n" + _table(rows))
    assert not wrong, "\n".join(wrong)
