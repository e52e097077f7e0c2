"""The national view's reads: per norm of the national set, the regions' figures, their
distribution and the national average, each region named or anonymous as the user may see
it. Figures and states come from `quality.selectors`, as in the region's matrix
(`selectors_monitoring`)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.quality import access, selectors
from oranje.quality.constants import Answer, CellState, Measure
from oranje.quality.models import Norm, SelfAssessment
from oranje.quality.periods import Period
from oranje.quality.selectors import Figure
from oranje.quality.selectors_indicators import state_day
from oranje.quality.selectors_monitoring import (
    ANSWER_POINTS,
    COUNTED_REVIEWS,
    SYMBOLS,
    FigureIndex,
)


@dataclass
class RegionFigure:
    region: Region
    label: str
    own: bool
    percent: float | None
    state: str
    #: At or above today's national average (None without a figure or an average).
    at_average: bool | None = None

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.state]

    @property
    def state_label(self) -> str:
        return str(CellState(self.state).label)


@dataclass
class NormDistribution:
    norm: Norm
    waterlijn: Decimal
    regions: list[RegionFigure]
    average: float | None
    minimum: float | None = None
    quartiles: tuple[float, float, float] | None = None
    maximum: float | None = None

    @property
    def with_data(self) -> int:
        return sum(1 for r in self.regions if r.percent is not None)

    @property
    def at_average(self) -> int:
        return sum(1 for r in self.regions if r.at_average)

    @property
    def meeting(self) -> int:
        return sum(1 for r in self.regions if r.state == CellState.MEETS)


@dataclass
class National:
    period: Period
    named: bool
    norms: list[NormDistribution]
    regions: list[tuple[Region, str, bool]]


def national_norms(day: dt.date) -> list[Norm]:
    """The norms of the national set in force on `day`."""
    norm_set = selectors.current_set(None, day)
    if norm_set is None:
        return []
    norms = (
        Norm.objects.filter(norm_set=norm_set)
        .select_related("function", "norm_set")
        .prefetch_related("growth_steps")
        .order_by("sort_order", "code")
    )
    return [
        n for n in norms if n.valid_from <= day and (n.valid_until is None or n.valid_until >= day)
    ]


def region_labels(
    regions: list[Region], own: frozenset[int], named: bool, secret: str
) -> list[tuple[Region, str, bool]]:
    """(region, how it is named, own) in the order the national view lists them. Anonymous:
    the user's own regions by name, the others "Regio A", "Regio B"… in an order fixed by a
    keyed hash of their code (stable from one visit to the next, but not the order of the
    codes, which everybody knows)."""
    if named:
        return [(r, r.name, r.pk in own) for r in sorted(regions, key=lambda r: r.code)]
    import hashlib
    import hmac

    def key(region: Region) -> str:
        return hmac.new(secret.encode(), region.code.encode(), hashlib.sha256).hexdigest()

    mine = [(r, r.name, True) for r in sorted(regions, key=lambda r: r.code) if r.pk in own]
    others = sorted((r for r in regions if r.pk not in own), key=key)
    letters = [_letters(i) for i in range(len(others))]
    return mine + [
        (r, _("Region %(letter)s") % {"letter": letter}, False)
        for r, letter in zip(others, letters, strict=True)
    ]


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def _national_answers(year: int, codes: list[str]) -> dict[tuple[int, str], list[float]]:
    found: dict[tuple[int, str], list[float]] = defaultdict(list)
    if not codes:
        return found
    rows = (
        SelfAssessment.objects.filter(
            round__year=year, norm__code__in=codes, status__in=COUNTED_REVIEWS
        )
        .exclude(answer="")
        .values_list("round__region_id", "norm__code", "answer")
    )
    for region_id, code, answer in rows:
        found[(region_id, code)].append(ANSWER_POINTS[Answer(answer)])
    return found


def national(period: Period, *, own: frozenset[int], named: bool, secret: str) -> National:
    """Per norm of the national set: every region's figure (pooled over its municipalities
    and its own), the national average (pooled over all regions: sums of numerators over
    sums of denominators), min, quartiles and max over the regions with data, and per
    region whether it is at least at that average."""
    day = state_day(period)
    norms = national_norms(period.last_day)
    regions = list(Region.objects.order_by("code"))
    labels = region_labels(regions, own, named, secret)
    found = selectors.figures([r.pk for r in regions], period)
    indexes = {r.pk: FigureIndex(found.get(r.pk, {})) for r in regions}
    answers = _national_answers(
        period.year, [n.code for n in norms if n.measure == Measure.SELF_ASSESSMENT]
    )
    result = []
    for norm in norms:
        figures: dict[int, Figure | None] = {}
        for region in regions:
            if norm.measure == Measure.SELF_ASSESSMENT:
                points = answers.get((region.pk, norm.code), [])
                figures[region.pk] = (
                    Figure(sum(points) / 100.0, float(len(points))) if points else None
                )
            else:
                figures[region.pk] = indexes[region.pk].figure(norm, None)
        known = [f for f in figures.values() if f is not None]
        total_d = sum(f.denominator for f in known)
        average = 100.0 * sum(f.numerator for f in known) / total_d if total_d else None
        rows = []
        for region, label, mine in labels:
            figure = figures[region.pk]
            percent = figure.percent if figure else None
            rows.append(
                RegionFigure(
                    region,
                    label,
                    mine,
                    percent,
                    selectors.state(norm, percent, day),
                    None if percent is None or average is None else percent >= average - 1e-9,
                )
            )
        dist = NormDistribution(norm, selectors.waterlijn_on(norm, day), rows, average)
        values = sorted(r.percent for r in rows if r.percent is not None)
        if values:
            dist.minimum, dist.maximum = values[0], values[-1]
            if len(values) >= 2:
                q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
                dist.quartiles = (q1, median, q3)
            else:
                dist.quartiles = (values[0], values[0], values[0])
        result.append(dist)
    return National(period, named, result, labels)


def national_as_seen_by(user: AnyUser, period: Period) -> National:
    """The national figures as this user may see them: every region named for national
    members (and for everyone when `QUALITY_NATIONAL_NAMED`), otherwise only the user's own
    regions by name."""
    is_national = access.is_national(user)
    return national(
        period,
        own=frozenset() if is_national else access.monitor_regions(user),
        named=bool(settings.QUALITY_NATIONAL_NAMED) or is_national,
        secret=settings.SECRET_KEY,
    )
