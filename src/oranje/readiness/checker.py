"""Readiness's answer to the organisation room's question "until when is this person
qualified for this function?" (see organisation/qualification.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from oranje.organisation.models import Person
from oranje.organisation.qualification import UNRESTRICTED
from oranje.readiness.models import PersonQualification, QualificationProfile


class ReadinessChecker:
    def qualified_until(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], dt.date | None]:
        pairs = list(pairs)
        if not pairs:
            return {}
        person_ids = {p for p, _f in pairs}
        function_ids = {f for _p, f in pairs}
        profiles = set(
            QualificationProfile.objects.filter(function_id__in=function_ids).values_list(
                "function_id", "region_id"
            )
        )
        regions = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "region_id"))

        def profiled(person_id: int, function_id: int) -> bool:
            return (function_id, None) in profiles or (
                function_id,
                regions.get(person_id),
            ) in profiles

        wanted = [pair for pair in pairs if profiled(*pair)]
        stored = self._stored(wanted)
        missing = [pair for pair in wanted if pair not in stored]
        if missing:
            # A function the person took on after their last recompute: compute it now.
            from oranje.readiness.services import readiness_recompute

            readiness_recompute(person_ids=sorted({p for p, _f in missing}))
            stored = self._stored(wanted)
        return {pair: (stored.get(pair) if pair in wanted else UNRESTRICTED) for pair in pairs}

    @staticmethod
    def _stored(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], dt.date | None]:
        if not pairs:
            return {}
        rows = PersonQualification.objects.filter(
            person_id__in={p for p, _f in pairs}, function_id__in={f for _p, f in pairs}
        ).values_list("person_id", "function_id", "qualified_until")
        return {(p, f): until for p, f, until in rows}
