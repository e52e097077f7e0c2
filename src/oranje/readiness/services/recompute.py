"""Recomputing the stored readiness (qualification) of people from their records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from oranje.organisation.models import Person
from oranje.readiness.evaluation import ActivityFact, evaluate
from oranje.readiness.models import Activity, PersonQualification
from oranje.readiness.selectors import current_requirements, effective_requirements
from oranje.readiness.selectors_certification import accreditation_table


def readiness_recompute(*, person_ids: Sequence[int]) -> int:
    """Recompute the stored qualification of these people for every function they hold that
    has a profile. Returns the number of rows written. Works in chunks of 2,000 people."""
    table = current_requirements()
    profiled = {function_id for function_id, _region in table}
    accreditations = accreditation_table()
    written = 0
    for start in range(0, len(person_ids), 2000):
        chunk = list(person_ids[start : start + 2000])
        regions = dict(Person.objects.filter(pk__in=chunk).values_list("pk", "region_id"))
        held: dict[int, set[int]] = defaultdict(set)
        for person_id, function_id in Person.functions.through.objects.filter(
            person_id__in=chunk, function_id__in=profiled
        ).values_list("person_id", "function_id"):
            held[person_id].add(function_id)
        facts: dict[int, list[ActivityFact]] = defaultdict(list)
        for row in Activity.objects.filter(person_id__in=chunk).values_list(
            "person_id",
            "kind",
            "code",
            "function_id",
            "completed_on",
            "hours",
            "passed",
            "provider_id",
            "certificate_expires_on",
        ):
            facts[row[0]].append(ActivityFact(*row[1:]))
        now = timezone.now()
        rows = []
        for person_id in chunk:
            for function_id in held.get(person_id, ()):
                requirements = effective_requirements(table, function_id, regions[person_id])
                if requirements is None:
                    continue
                until, results = evaluate(
                    requirements, facts.get(person_id, []), function_id, accreditations
                )
                rows.append(
                    PersonQualification(
                        person_id=person_id,
                        function_id=function_id,
                        qualified_until=until,
                        requirements=[
                            {
                                "id": r.requirement.id,
                                "kind": r.requirement.kind,
                                "label": r.requirement.label,
                                "met_until": r.met_until.isoformat() if r.met_until else None,
                                "last_on": r.last_on.isoformat() if r.last_on else None,
                                "unaccredited_on": (
                                    r.unaccredited_on.isoformat() if r.unaccredited_on else None
                                ),
                            }
                            for r in results
                        ],
                        computed_at=now,
                    )
                )
        with transaction.atomic():
            PersonQualification.objects.filter(person_id__in=chunk).delete()
            PersonQualification.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
    return written
