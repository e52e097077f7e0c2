"""Agreements between a region and its municipalities: what each municipality contributes
(people per function, in a pool of the region that serves it or a regional one), a CPG on
hard on-call, its share of the regional budget, for a period. Written by the region's
monitors; every save is audited.

The budget shares of the region's agreements in force on any one day add up to at most
100%: the region row is locked while a save checks that, so two saves cannot both slip
under the limit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.organisation.constants import PoolKind
from oranje.organisation.models import Function, Pool
from oranje.quality import access
from oranje.quality.constants import FIRST_YEAR, LAST_YEAR, NOTE_MAX, TEXT_MAX
from oranje.quality.models import AgreementLine, MunicipalAgreement

#: The most lines one agreement holds.
LINES_MAX = 30
PEOPLE_MAX = 500
AUDITED = [
    "municipality",
    "starts_on",
    "ends_on",
    "cpg_hard_on_call",
    "budget_share",
    "signed_on",
    "text",
    "note",
]


@dataclass(frozen=True)
class LineIn:
    function_id: int
    pool_id: int | None
    people: int


@dataclass(frozen=True)
class AgreementIn:
    municipality_id: int
    starts_on: dt.date
    ends_on: dt.date
    cpg_hard_on_call: bool = True
    budget_share: Decimal | None = None
    signed_on: dt.date | None = None
    text: str = ""
    note: str = ""
    lines: list[LineIn] = field(default_factory=list)


def _in_years(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _window_message(label: str) -> str:
    return _("%(field)s: choose a date from %(first)s to %(last)s.") % {
        "field": label,
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def _share(value: Decimal | None, errors: dict[str, list[str]]) -> Decimal | None:
    if value is None:
        return None
    try:
        share = Decimal(value).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError, TypeError):
        share = None
    if share is None or not share.is_finite() or not Decimal(0) <= share <= Decimal(100):
        errors["budget_share"] = [_("budget share: give a percentage from 0 to 100.")]
        return None
    return share


def _highest_sum(
    region: Region,
    starts_on: dt.date,
    ends_on: dt.date,
    share: Decimal,
    exclude: int | None,
) -> tuple[Decimal, dt.date]:
    """The highest sum of budget shares on any day of the period, with this agreement's
    share included, and the first day it is reached."""
    others = list(
        MunicipalAgreement.objects.filter(
            region=region,
            budget_share__isnull=False,
            starts_on__lte=ends_on,
            ends_on__gte=starts_on,
        )
        .exclude(pk=exclude or 0)
        .values_list("starts_on", "ends_on", "budget_share")
    )
    days = sorted({starts_on, *(s for s, _e, _b in others if s > starts_on)})
    best, best_day = share, starts_on
    for day in days:
        total = share + sum((b for s, e, b in others if s <= day <= e), Decimal(0))
        if total > best:
            best, best_day = total, day
    return best, best_day


def _lines(
    region: Region, municipality: Municipality | None, lines: list[LineIn]
) -> tuple[list[tuple[Function, Pool | None, int]], list[str]]:
    problems: list[str] = []
    if len(lines) > LINES_MAX:
        return [], [_("lines: at most %(max)s lines.") % {"max": LINES_MAX}]
    functions = Function.objects.in_bulk([line.function_id for line in lines])
    pools = Pool.objects.filter(
        region=region, pk__in=[line.pool_id for line in lines if line.pool_id]
    ).prefetch_related("municipalities")
    pool_map = {p.pk: p for p in pools}
    result = []
    for number, line in enumerate(lines, start=1):
        function = functions.get(line.function_id)
        if function is None:
            problems.append(
                _("line %(n)s: function: choose a function of the catalogue.") % {"n": number}
            )
        pool = None
        if line.pool_id is not None:
            pool = pool_map.get(line.pool_id)
            if pool is None:
                problems.append(_("line %(n)s: pool: choose a pool of the region.") % {"n": number})
            elif (
                pool.kind != PoolKind.REGIONAL
                and municipality is not None
                and municipality.pk not in {m.pk for m in pool.municipalities.all()}
            ):
                problems.append(
                    _(
                        "line %(n)s: pool: %(pool)s does not serve %(municipality)s; choose "
                        "one of its pools or a regional pool."
                    )
                    % {"n": number, "pool": pool.name, "municipality": municipality.name}
                )
        if not 1 <= line.people <= PEOPLE_MAX:
            problems.append(
                _("line %(n)s: people: give a number from 1 to %(max)s.")
                % {"n": number, "max": PEOPLE_MAX}
            )
        if function is not None:
            result.append((function, pool, line.people))
    return result, problems


@transaction.atomic
def agreement_save(
    *,
    actor: User,
    region: Region,
    data: AgreementIn,
    agreement: MunicipalAgreement | None = None,
) -> MunicipalAgreement:
    """Create (`agreement` None) or change the agreement with one of the region's
    municipalities; its lines are replaced by `data.lines`."""
    if agreement is not None and agreement.region_id != region.pk:
        raise Http404
    core_access.require(access.can_monitor(actor, region.pk))
    region = Region.objects.select_for_update().get(pk=region.pk)
    if agreement is not None:
        agreement = MunicipalAgreement.objects.select_for_update().get(pk=agreement.pk)
    errors: dict[str, list[str]] = {}
    municipality = Municipality.objects.filter(pk=data.municipality_id, region=region).first()
    if municipality is None:
        errors["municipality"] = [_("municipality: choose a municipality of the region.")]
    period_ok = True
    if not _in_years(data.starts_on):
        errors["starts_on"] = [_window_message(_("from"))]
        period_ok = False
    if not _in_years(data.ends_on):
        errors["ends_on"] = [_window_message(_("until"))]
        period_ok = False
    elif period_ok and data.ends_on < data.starts_on:
        errors["ends_on"] = [_("until: the end lies before the start.")]
        period_ok = False
    if data.signed_on is not None and not _in_years(data.signed_on):
        errors["signed_on"] = [_window_message(_("signed on"))]
    text, note = data.text.strip(), data.note.strip()
    if len(text) > TEXT_MAX:
        errors["text"] = [_("agreement: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if len(note) > NOTE_MAX:
        errors["note"] = [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]
    share = _share(data.budget_share, errors)
    if share is not None and period_ok:
        total, day = _highest_sum(
            region,
            data.starts_on,
            data.ends_on,
            share,
            agreement.pk if agreement is not None else None,
        )
        if total > 100:
            errors["budget_share"] = [
                _(
                    "budget share: together with the region's other agreements in force on "
                    "%(day)s the shares add up to %(sum)s%%; at most 100%% is possible."
                )
                % {"day": day.strftime("%d-%m-%Y"), "sum": total}
            ]
    lines, problems = _lines(region, municipality, data.lines)
    if problems:
        errors["lines"] = problems
    if errors:
        raise ValidationError(errors)
    assert municipality is not None
    created = agreement is None
    if agreement is None:
        agreement = MunicipalAgreement(region=region, created_by=actor)
        before: dict[str, object] = {}
        before_lines: list[str] = []
    else:
        before = snapshot(agreement, AUDITED)
        before_lines = _line_texts(agreement)
    agreement.municipality = municipality
    agreement.starts_on = data.starts_on
    agreement.ends_on = data.ends_on
    agreement.cpg_hard_on_call = data.cpg_hard_on_call
    agreement.budget_share = share
    agreement.signed_on = data.signed_on
    agreement.text = text
    agreement.note = note
    agreement.save()
    agreement.lines.all().delete()
    AgreementLine.objects.bulk_create(
        [AgreementLine(agreement=agreement, function=f, pool=p, people=n) for f, p, n in lines]
    )
    changes = diff(before, snapshot(agreement, AUDITED))
    after_lines = _line_texts(agreement)
    if after_lines != before_lines:
        changes["lines"] = [before_lines, after_lines]
    audit_record(
        actor=actor,
        action=AuditAction.AGREEMENT_SAVE,
        obj=agreement,
        region=region,
        changes=changes,
        note=_("agreement created") if created else "",
    )
    return agreement


def _line_texts(agreement: MunicipalAgreement) -> list[str]:
    return [
        f"{line.function.code} {line.pool.name if line.pool else '-'} {line.people}"
        for line in agreement.lines.select_related("function", "pool").order_by("pk")
    ]
