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

    def national_qualified_until(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], dt.date | None]:
        """By the national profile only, for people lent to another region: the stored
        per-requirement results (computed with every rule of the evaluation) of the
        national profile's requirements; a function without a national profile asks
        nothing there."""
        pairs = list(pairs)
        if not pairs:
            return {}
        from oranje.readiness.selectors import current_requirements

        table = current_requirements({f for _p, f in pairs})
        national = {
            f: {r.id for r in reqs} for (f, region), reqs in table.items() if region is None
        }
        wanted = [pair for pair in pairs if pair[1] in national]
        self.qualified_until(wanted)  # fills rows computed after the person's last recompute
        rows = PersonQualification.objects.filter(
            person_id__in={p for p, _f in wanted}, function_id__in={f for _p, f in wanted}
        ).values_list("person_id", "function_id", "requirements")
        lines = {(p, f): reqs for p, f, reqs in rows}
        result: dict[tuple[int, int], dt.date | None] = {}
        for pair in pairs:
            ids = national.get(pair[1])
            if ids is None:
                result[pair] = UNRESTRICTED
                continue
            met = {line["id"]: line.get("met_until") for line in lines.get(pair, [])}
            if any(met.get(i) is None for i in ids):
                result[pair] = None  # a national requirement not met (or never computed)
                continue
            days = [dt.date.fromisoformat(met[i]) for i in ids]
            result[pair] = min(days) if days else UNRESTRICTED
        return result

    @staticmethod
    def _stored(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], dt.date | None]:
        if not pairs:
            return {}
        rows = PersonQualification.objects.filter(
            person_id__in={p for p, _f in pairs}, function_id__in={f for _p, f in pairs}
        ).values_list("person_id", "function_id", "qualified_until")
        return {(p, f): until for p, f, until in rows}
