"""What the tests of part "evaluations" share: an incident of the world's region with
logbook lines and a decision, another region's incident, a quality monitor, a norm set, and
an evaluation with a finding."""

from __future__ import annotations

from dataclasses import dataclass

from oranje.core.models import User
from oranje.incidents.models import Decision, Incident, LogEntry
from oranje.incidents.services import log_entry_add
from oranje.incidents.services.decisions import decision_record
from oranje.incidents.tests.factories import start_incident
from oranje.learning.models import Evaluation, Finding
from oranje.learning.services import evaluations as services
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import Norms, monitor, norm_sets


@dataclass
class Scene:
    incident: Incident
    line: LogEntry
    decision: Decision
    foreign_incident: Incident
    foreign_line: LogEntry
    qm: User
    norms: Norms


def scene(world: World) -> Scene:
    incident = start_incident(world, title="Brand Velsen-Noord")
    line = log_entry_add(
        actor=world.coordinator,
        incident=incident,
        text="Eerste publieksbericht via NL-Alert verstuurd.",
        process="communication",
    )
    decision = decision_record(
        actor=world.coordinator,
        incident=incident,
        team="gbt",
        decided_by="Burgemeester Velsen",
        text="Opvang in sporthal De Zeeweg.",
        process="shelter",
    )
    other = start_incident(world, title="Stroomstoring Haarlem")
    foreign_line = log_entry_add(actor=world.coordinator, incident=other, text="Andere regel.")
    return Scene(
        incident=incident,
        line=line,
        decision=decision,
        foreign_incident=other,
        foreign_line=foreign_line,
        qm=monitor(world.region, "kwaliteit"),
        norms=norm_sets(world),
    )


def evaluation(world: World, s: Scene, **extra: object) -> Evaluation:
    values: dict[str, object] = {
        "actor": world.coordinator,
        "region": world.region,
        "incident": s.incident,
        "title": "Evaluatie brand Velsen-Noord",
        "methods": ["debrief"],
    }
    values.update(extra)
    return services.evaluation_create(**values)  # type: ignore[arg-type]


def finding(world: World, e: Evaluation, **extra: object) -> Finding:
    values: dict[str, object] = {
        "actor": world.coordinator,
        "evaluation": e,
        "process": "communication",
        "kind": "improve",
        "text": "Het eerste publieksbericht kwam na vijftig minuten.",
    }
    values.update(extra)
    return services.finding_create(**values)  # type: ignore[arg-type]
