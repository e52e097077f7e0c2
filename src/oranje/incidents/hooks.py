"""How rooms downstream of incidents (alerting, later care and registry) join in without
the incident room importing them. A room registers its listeners in its AppConfig.ready().

Listeners run inside the service's transaction: what they write commits or rolls back with
the scaling or closing itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from oranje.core.models import Region, User
    from oranje.incidents.models import Incident, ScalingStep


@dataclass
class Figure:
    """One live figure for the situation report, e.g. ("Alerted", "12 of 14 arrived")."""

    label: str
    value: str


@dataclass(frozen=True)
class Milestone:
    """A norm measured in an incident: from `start`, what `label` names must happen within
    `norm` (a shelter ready within 3 hours of the start). `at`: when it happened, None while
    it has not. Shown in the Tijden page and, with `header`, as a badge in the incident's
    header (`short` names it there: "opvang: nog 1 u 20 min tot de norm")."""

    key: str
    label: str
    short: str
    start: dt.datetime
    norm: dt.timedelta
    at: dt.datetime | None
    header: bool = True

    @property
    def deadline(self) -> dt.datetime:
        return self.start + self.norm

    @property
    def elapsed(self) -> dt.timedelta | None:
        return self.at - self.start if self.at is not None else None

    @property
    def met(self) -> bool | None:
        """True or False once it happened; False as well when the norm ran out before it
        did; None while the norm still runs."""
        if self.at is not None:
            return self.at <= self.deadline
        return False if timezone.now() > self.deadline else None


@dataclass(frozen=True)
class Badge:
    """A short line in the incident's header; `tone` is a tag class ("ok", "bad", "hard").

    A badge with a `deadline` counts down in the browser (incidents/static/incidents/
    countdown.js): `left` and `over` are its text before and after the deadline, with "{t}"
    where the time goes; `text` is what the server says now (and all without script)."""

    text: str
    tone: str = ""
    deadline: dt.datetime | None = None
    left: str = ""
    over: str = ""


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
#: The norms measured in the incident (Tijden, the header); e.g. the care room's shelter norm.
MilestoneProvider = Callable[["Incident"], list[Milestone]]
#: Further badges for the incident's header, beside those of the milestones.
BadgeProvider = Callable[["Incident"], list[Badge]]


@dataclass
class Registry:
    scaled: list[ScaledListener] = field(default_factory=list)
    closed: list[ClosedListener] = field(default_factory=list)
    #: The acute phase ended (the incident goes on in aftercare, the nafase): teams stand
    #: down, calls stop. Same signature as `closed`; closing ends the acute phase too when it
    #: had not ended, and then calls these first.
    acute_ended: list[ClosedListener] = field(default_factory=list)
    figures: list[FigureProvider] = field(default_factory=list)
    leads: list[LeadsListener] = field(default_factory=list)
    level_teams: list[LevelTeamsProvider] = field(default_factory=list)
    milestones: list[MilestoneProvider] = field(default_factory=list)
    badges: list[BadgeProvider] = field(default_factory=list)


registry = Registry()
