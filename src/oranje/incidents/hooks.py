"""How rooms downstream of incidents (alerting, later care and registry) join in without
the incident room importing them. A room registers its listeners in its AppConfig.ready().

Listeners run inside the service's transaction: what they write commits or rolls back with
the scaling or closing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oranje.core.models import Region, User
    from oranje.incidents.models import Incident, ScalingStep


@dataclass
class Figure:
    """One live figure for the situation report, e.g. ("Alerted", "12 of 14 arrived")."""

    label: str
    value: str


#: Called after a scaling step; returns warnings for the person who scaled.
ScaledListener = Callable[["ScalingStep", "User"], list[str]]
ClosedListener = Callable[["Incident", "User"], None]
FigureProvider = Callable[["Incident"], list[Figure]]
#: Whether the user leads this incident in one of the given leading functions (alerted for
#: it and not declined); the alerting room knows who was alerted for what.
LeadsListener = Callable[["Incident", "User", frozenset[str]], bool]
#: Per GRIP level, the standard teams the region's alert rules tie to that level: the scaling
#: page ticks them when the level is chosen.
LevelTeamsProvider = Callable[["Region"], dict[int, list[str]]]


@dataclass
class Registry:
    scaled: list[ScaledListener] = field(default_factory=list)
    closed: list[ClosedListener] = field(default_factory=list)
    figures: list[FigureProvider] = field(default_factory=list)
    leads: list[LeadsListener] = field(default_factory=list)
    level_teams: list[LevelTeamsProvider] = field(default_factory=list)


registry = Registry()
