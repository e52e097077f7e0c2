"""Writing the region's cost model, its course prices and its cost scenarios.

Every service is for the region's monitors (`access.can_monitor`, else 403), runs in one
transaction and writes an audit entry: `COST_MODEL_SAVE` for the rates and the course prices,
`COST_SCENARIO_SAVE` for a scenario and its changes. Bad input raises a ValidationError
whose Dutch message names the field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.core.text import neutralise_bidi
from oranje.organisation.models import Function
from oranje.quality import access
from oranje.quality.constants import NOTE_MAX, TEXT_MAX, TITLE_MAX
from oranje.quality.models import CostModel, CostScenario, CoursePrice, ScenarioChange

#: Bounds of the cost model's figures.
HOUR_RATE_MAX = Decimal(250)
FTE_MAX = Decimal(1000)
FTE_COST_MAX = Decimal(1_000_000)
PRICE_MAX = Decimal(100_000)
EXTRA_MIN, EXTRA_MAX = -20, 20
CODE_LENGTH = CoursePrice._meta.get_field("code").max_length or 40
CHANGE_NOTE_MAX = NOTE_MAX // 10

_MODEL_FIELDS = ["hard_hour_rate", "soft_hour_rate", "fte", "fte_cost"]
_SCENARIO_FIELDS = ["name", "description"]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _amount(value: object, *, field: str, label: str, maximum: Decimal, places: int = 2) -> Decimal:
    """A non-negative amount with at most `places` decimals, at most `maximum`."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise _invalid(field, _("%(field)s: enter a number.") % {"field": label}) from None
    if not amount.is_finite():
        raise _invalid(field, _("%(field)s: enter a number.") % {"field": label})
    if amount < 0:
        raise _invalid(field, _("%(field)s: may not be negative.") % {"field": label})
    if amount > maximum:
        raise _invalid(
            field,
            _("%(field)s: at most %(max)s.")
            % {"field": label, "max": f"{maximum:,}".replace(",", ".")},
        )
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise _invalid(
            field,
            _("%(field)s: at most %(places)s decimals.") % {"field": label, "places": places},
        )
    return amount.quantize(Decimal(1).scaleb(-places))


def _text(value: str, *, field: str, label: str, maximum: int, required: bool = False) -> str:
    value = neutralise_bidi(value or "").strip()
    if required and not value:
        raise _invalid(field, _("%(field)s: fill this in.") % {"field": label})
    if len(value) > maximum:
        raise _invalid(
            field, _("%(field)s: at most %(max)s characters.") % {"field": label, "max": maximum}
        )
    return value


def _require_monitor(actor: User, region_id: int) -> None:
    core_access.require(access.can_monitor(actor, region_id))


# --- the cost model -----------------------------------------------------------------------


@transaction.atomic
def cost_model_save(
    *,
    actor: User,
    region: Region,
    hard_hour_rate: object,
    soft_hour_rate: object,
    fte: object,
    fte_cost: object,
) -> CostModel:
    """Set the region's rates: allowance per hard and per soft on-call hour, regional
    capacity in fte and the cost of one fte per year."""
    _require_monitor(actor, region.pk)
    values = {
        "hard_hour_rate": _amount(
            hard_hour_rate,
            field="hard_hour_rate",
            label=_("allowance per hard on-call hour"),
            maximum=HOUR_RATE_MAX,
        ),
        "soft_hour_rate": _amount(
            soft_hour_rate,
            field="soft_hour_rate",
            label=_("allowance per soft on-call hour"),
            maximum=HOUR_RATE_MAX,
        ),
        "fte": _amount(fte, field="fte", label=_("regional capacity (fte)"), maximum=FTE_MAX),
        "fte_cost": _amount(
            fte_cost, field="fte_cost", label=_("cost per fte per year"), maximum=FTE_COST_MAX
        ),
    }
    model = CostModel.objects.select_for_update().filter(region=region).first()
    before: dict[str, Any] = {}
    if model is None:
        model = CostModel(region=region, **values)
    else:
        before = snapshot(model, _MODEL_FIELDS)
        for name, value in values.items():
            setattr(model, name, value)
    model.updated_at = timezone.now()
    model.updated_by = actor
    model.save()
    changes = diff(before, snapshot(model, _MODEL_FIELDS))
    audit_record(
        actor=actor, action=AuditAction.COST_MODEL_SAVE, obj=model, region=region, changes=changes
    )
    return model


# --- course prices ------------------------------------------------------------------------


@transaction.atomic
def course_price_save(
    *,
    actor: User,
    region: Region,
    price: CoursePrice | None,
    code: str,
    label: str,
    amount: object,
) -> CoursePrice:
    """Add a course price (`price` None) or change one; the code is unique in the region."""
    _require_monitor(actor, region.pk)
    if price is not None and price.region_id != region.pk:
        raise _invalid("price", _("course price: not a price of this region."))
    code = _text(code, field="code", label=_("code"), maximum=CODE_LENGTH, required=True)
    label = _text(
        label or code, field="label", label=_("description"), maximum=TITLE_MAX, required=True
    )
    value = _amount(amount, field="price", label=_("price per participant"), maximum=PRICE_MAX)
    duplicate = CoursePrice.objects.filter(region=region, code__iexact=code)
    if price is not None:
        duplicate = duplicate.exclude(pk=price.pk)
    if duplicate.exists():
        raise _invalid(
            "code", _("code: %(code)s already has a price in this region.") % {"code": code}
        )
    before: dict[str, Any] = {}
    if price is None:
        price = CoursePrice(region=region)
    else:
        before = snapshot(price, ["code", "label", "price"])
    price.code, price.label, price.price = code, label, value
    price.save()
    audit_record(
        actor=actor,
        action=AuditAction.COST_MODEL_SAVE,
        obj=price,
        region=region,
        changes=diff(before, snapshot(price, ["code", "label", "price"])),
    )
    return price


@transaction.atomic
def course_price_delete(*, actor: User, price: CoursePrice) -> None:
    _require_monitor(actor, price.region_id)
    audit_record(
        actor=actor,
        action=AuditAction.COST_MODEL_SAVE,
        obj=price,
        region=price.region,
        changes={"price": [str(price.price), None]},
        note=_("Course price deleted."),
    )
    price.delete()


# --- scenarios ----------------------------------------------------------------------------


@transaction.atomic
def scenario_save(
    *,
    actor: User,
    region: Region,
    scenario: CostScenario | None,
    name: str,
    description: str = "",
) -> CostScenario:
    """Create a scenario (`scenario` None) or rename it / change its description."""
    _require_monitor(actor, region.pk)
    if scenario is not None and scenario.region_id != region.pk:
        raise _invalid("scenario", _("scenario: not a scenario of this region."))
    name = _text(name, field="name", label=_("name"), maximum=TITLE_MAX, required=True)
    description = _text(description, field="description", label=_("description"), maximum=TEXT_MAX)
    before: dict[str, Any] = {}
    if scenario is None:
        scenario = CostScenario(region=region, created_by=actor)
    else:
        before = snapshot(scenario, _SCENARIO_FIELDS)
    scenario.name, scenario.description = name, description
    scenario.save()
    audit_record(
        actor=actor,
        action=AuditAction.COST_SCENARIO_SAVE,
        obj=scenario,
        region=region,
        changes=diff(before, snapshot(scenario, _SCENARIO_FIELDS)),
    )
    return scenario


@transaction.atomic
def scenario_delete(*, actor: User, scenario: CostScenario) -> None:
    _require_monitor(actor, scenario.region_id)
    audit_record(
        actor=actor,
        action=AuditAction.COST_SCENARIO_SAVE,
        obj=scenario,
        region=scenario.region,
        note=_("Scenario deleted."),
    )
    scenario.delete()


def _extra(value: object, *, field: str, label: str) -> int:
    try:
        number = int(str(value).strip() or "0")
    except (TypeError, ValueError):
        raise _invalid(field, _("%(field)s: enter a whole number.") % {"field": label}) from None
    if not EXTRA_MIN <= number <= EXTRA_MAX:
        raise _invalid(
            field,
            _("%(field)s: between %(min)s and %(max)s.")
            % {"field": label, "min": EXTRA_MIN, "max": EXTRA_MAX},
        )
    return number


@transaction.atomic
def scenario_change_save(
    *,
    actor: User,
    scenario: CostScenario,
    change: ScenarioChange | None,
    function_id: object,
    extra_hard: object,
    extra_soft: object,
    note: str = "",
) -> ScenarioChange:
    """Add a change to the scenario (`change` None) or alter one: more or fewer people on
    hard and soft on-call for a function of the catalogue, per unit of its minimum."""
    _require_monitor(actor, scenario.region_id)
    if change is not None and change.scenario_id != scenario.pk:
        raise _invalid("change", _("change: not a change of this scenario."))
    try:
        function_pk = int(str(function_id))
    except (TypeError, ValueError):
        function_pk = 0
    function = Function.objects.filter(pk=function_pk).first() if function_pk > 0 else None
    if function is None:
        raise _invalid("function", _("function: choose a function of the national catalogue."))
    hard = _extra(extra_hard, field="extra_hard", label=_("extra on hard on-call per unit"))
    soft = _extra(extra_soft, field="extra_soft", label=_("extra on soft on-call per unit"))
    if hard == 0 and soft == 0:
        raise _invalid(
            "extra_hard",
            _("extra on hard on-call per unit: give a change on hard or on soft on-call."),
        )
    note = _text(note, field="note", label=_("note"), maximum=CHANGE_NOTE_MAX)
    before: dict[str, Any] = {}
    if change is None:
        change = ScenarioChange(scenario=scenario)
    else:
        before = snapshot(change, ["function", "extra_hard", "extra_soft", "note"])
    change.function, change.extra_hard, change.extra_soft, change.note = (
        function,
        hard,
        soft,
        note,
    )
    change.save()
    audit_record(
        actor=actor,
        action=AuditAction.COST_SCENARIO_SAVE,
        obj=scenario,
        region=scenario.region,
        changes={
            f"{function.code}.{key}": value
            for key, value in diff(
                before, snapshot(change, ["function", "extra_hard", "extra_soft", "note"])
            ).items()
        },
    )
    return change


@transaction.atomic
def scenario_change_delete(*, actor: User, change: ScenarioChange) -> None:
    scenario = change.scenario
    _require_monitor(actor, scenario.region_id)
    audit_record(
        actor=actor,
        action=AuditAction.COST_SCENARIO_SAVE,
        obj=scenario,
        region=scenario.region,
        changes={
            f"{change.function.code}.extra_hard": [change.extra_hard, None],
            f"{change.function.code}.extra_soft": [change.extra_soft, None],
        },
        note=_("Scenario change deleted."),
    )
    change.delete()
