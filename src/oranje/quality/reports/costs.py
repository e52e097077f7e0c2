"""The costs chapter of the board report: what the region's population care cost in the
period (`quality.costs.region_costs`: on-call allowance, training and exercise, regional
capacity, per inhabitant) and each municipality's share, by inhabitants and as agreed; as
tables the PDF and the print page both draw. Without a cost model the chapter says so
instead of showing zeros as costs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from oranje.quality.costs import RegionCosts


@dataclass
class CostTable:
    caption: str
    headings: list[str]
    rows: list[list[str]]
    #: Relative column widths in the PDF (174 mm in all).
    widths: tuple[float, ...]


@dataclass
class CostChapter:
    notes: list[str] = field(default_factory=list)
    tables: list[CostTable] = field(default_factory=list)


def euros(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return "€ " + number_format(value, 2, use_l10n=True, force_grouping=True)


def hours(value: Decimal) -> str:
    return number_format(value, 0, use_l10n=True, force_grouping=True) + " h"


def count(value: int | None) -> str:
    return "—" if value is None else number_format(value, 0, use_l10n=True, force_grouping=True)


def cost_chapter(costs: RegionCosts | None) -> CostChapter:
    chapter = CostChapter()
    if costs is None or not costs.has_model:
        chapter.notes.append(_("No cost model has been recorded for the region."))
        return chapter
    rates = costs.rates
    rows = [
        [
            _("On-call allowance, hard on-call"),
            hours(costs.hard_hours),
            euros(costs.hard_cost),
        ],
        [
            _("On-call allowance, soft on-call"),
            hours(costs.soft_hours),
            euros(costs.soft_cost),
        ],
        [
            _("Training and exercise"),
            _("%(count)s participations") % {"count": count(costs.course_count)},
            euros(costs.course_cost),
        ],
        [
            _("Regional capacity"),
            _("%(fte)s fte") % {"fte": number_format(rates.fte, 2, use_l10n=True)},
            euros(costs.capacity_cost),
        ],
        [_("Total"), "", euros(costs.total)],
        [
            _("Per inhabitant"),
            count(costs.inhabitants),
            euros(costs.per_inhabitant),
        ],
    ]
    chapter.tables.append(
        CostTable(
            _("Costs in the period"),
            [_("Item"), _("Quantity"), _("Cost")],
            rows,
            (94, 40, 40),
        )
    )
    if costs.unpriced_count:
        chapter.notes.append(
            _("%(count)s training records have no price and are not counted in the costs.")
            % {"count": costs.unpriced_count}
        )
    if costs.inhabitants_missing:
        chapter.notes.append(
            _("Without inhabitants for %(names)s there is no cost per inhabitant.")
            % {"names": ", ".join(costs.inhabitants_missing)}
        )
    if costs.municipalities:
        chapter.tables.append(
            CostTable(
                _("Each municipality's share"),
                [
                    _("Municipality"),
                    _("Inhabitants"),
                    _("Share by inhabitants"),
                    _("Agreed share"),
                ],
                [
                    [
                        m.name,
                        count(m.inhabitants),
                        euros(m.share_cost),
                        euros(m.agreed_cost)
                        + (f" ({m.agreed_percent}%)" if m.agreed_percent is not None else ""),
                    ]
                    for m in costs.municipalities
                ],
                (54, 30, 40, 50),
            )
        )
    return chapter
