"""The organisation room's question to whoever knows about competence: until when is a person
qualified for a function?

Rosters and coverage ask it; the readiness room answers it by registering a checker when it
starts (`register`). Without one, everyone who holds a function counts as qualified. This
keeps the rooms' dependency one-way (organisation does not import readiness).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

#: "Qualified without end": the function has no requirements, or they never lapse.
UNRESTRICTED = dt.date.max


class QualificationChecker(Protocol):
    def qualified_until(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], dt.date | None]:
        """For (person id, function id) pairs: the last day the person is qualified, None if
        not qualified at all, UNRESTRICTED if the function asks nothing."""
        ...

    def national_qualified_until(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], dt.date | None]:
        """The same, by the national profile only: how a person lent to another region
        counts there (that region's own extra requirements do not apply to them)."""
        ...


class _Everyone:
    def qualified_until(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], dt.date | None]:
        return dict.fromkeys(pairs, UNRESTRICTED)

    def national_qualified_until(
        self, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], dt.date | None]:
        return dict.fromkeys(pairs, UNRESTRICTED)


_checker: QualificationChecker = _Everyone()


def register(checker: QualificationChecker) -> None:
    global _checker
    _checker = checker


def qualified_until(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], dt.date | None]:
    return _checker.qualified_until(list(pairs))


def national_qualified_until(
    pairs: Iterable[tuple[int, int]],
) -> dict[tuple[int, int], dt.date | None]:
    """Until when people are qualified by the national profile alone (people on loan)."""
    return _checker.national_qualified_until(list(pairs))


def qualified_until_in_region(
    region_id: int, pairs: Iterable[tuple[int, int]], home: dict[int, int]
) -> dict[tuple[int, int], dt.date | None]:
    """Until when people are qualified *as this region counts them*: its own people by the
    national profile plus their region's extras, people from elsewhere (on loan) by the
    national profile only. `home` maps person id to their own region id."""
    pairs = list(pairs)
    own = [p for p in pairs if home.get(p[0], region_id) == region_id]
    lent = [p for p in pairs if home.get(p[0], region_id) != region_id]
    result = qualified_until(own) if own else {}
    if lent:
        result |= national_qualified_until(lent)
    return result


def is_qualified_on(person_id: int, function_id: int, day: dt.date) -> bool:
    until = qualified_until([(person_id, function_id)])[(person_id, function_id)]
    return until is not None and until >= day
