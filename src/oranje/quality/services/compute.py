"""Computing the indicators into `IndicatorValue`: everything asked (the regions × the
quarters) is computed first, then rewritten as a whole (delete, then write) in one
transaction, so a reader sees the old figures or the new ones, never half — also when the
process is killed midway (`oranje/tests/test_quality_compute_kill.py`). Asked by a monitor
(the drill-down's "recompute", audited), by the worker's hourly upkeep (the current and the
previous quarter) and by `oranje quality_compute`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.quality import access, indicators
from oranje.quality.indicators.common import Row, quarters
from oranje.quality.models import IndicatorValue
from oranje.quality.periods import Period, current_quarter

log = logging.getLogger(__name__)

#: Rows written per batch.
BATCH = 1000


def indicators_compute(
    *,
    periods: Iterable[Period],
    regions: Iterable[Region] | None = None,
    user: AnyUser | None = None,
) -> int:
    """Recompute every indicator of the regions (all when None) in the quarters of the
    periods; returns the number of figures written. With `user`, only a monitor of every
    region may ask, and each region's recompute is audited."""
    region_list = list(regions) if regions is not None else list(Region.objects.order_by("code"))
    wanted = quarters(periods)
    actor: User | None = None
    if user is not None:
        if not isinstance(user, User):
            raise PermissionDenied
        actor = user
        for region in region_list:
            if not access.can_monitor(actor, region.pk):
                raise PermissionDenied
    if not region_list or not wanted:
        return 0
    rows = indicators.compute_all(region_list, wanted)
    which = Q()
    for quarter in wanted:
        which |= Q(year=quarter.year, quarter=quarter.quarter)
    with transaction.atomic():
        IndicatorValue.objects.filter(which, region__in=region_list).delete()
        _insert(rows)
        if actor is not None:
            slugs = ", ".join(q.slug for q in wanted)
            for region in region_list:
                audit_record(
                    actor=actor,
                    action=AuditAction.INDICATORS_COMPUTE,
                    object_type="region",
                    region=region,
                    changes={"periods": [q.slug for q in wanted]},
                    note=slugs,
                )
    return len(rows)


_COLUMNS = (
    "region",
    "municipality",
    "indicator",
    "function",
    "year",
    "quarter",
    "numerator",
    "denominator",
    "computed_at",
)


def _values(row: Row, now: Any) -> tuple[Any, ...]:
    return (
        row.region_id,
        row.municipality_id,
        row.indicator,
        row.function_id,
        row.year,
        row.quarter,
        float(row.numerator),
        float(row.denominator),
        now,
    )


def _insert(rows: list[Row]) -> None:
    """Write the rows without building a model instance for each (the table's checks still
    apply): PostgreSQL by COPY, others by multi-row INSERTs. Tens of thousands of figures
    take a few statements; row by row they took seconds."""
    if not rows:
        return
    meta = IndicatorValue._meta
    quote = connection.ops.quote_name
    by_name = {f.name: f.column for f in meta.concrete_fields}
    columns = ", ".join(quote(by_name[name]) for name in _COLUMNS)
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            now = timezone.now()
            # psycopg's COPY: one stream, every value adapted by the driver.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_values(row, now))
            return
        now_text = connection.ops.adapt_datetimefield_value(timezone.now())
        one = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
        limit = connection.features.max_query_params or 999 * len(_COLUMNS)
        size = max(1, min(BATCH, limit // len(_COLUMNS)))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = [value for row in chunk for value in _values(row, now_text)]
            # Names from the model, quoted; every value a parameter.
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))}"  # noqa: S608
            cursor.execute(sql, params)


def indicators_upkeep() -> int:
    """The worker's hourly upkeep: the current and the previous quarter, every region."""
    now = current_quarter()
    written = indicators_compute(periods=[*now.previous(), now])
    log.info("quality indicators recomputed: %s figures", written)
    return written
