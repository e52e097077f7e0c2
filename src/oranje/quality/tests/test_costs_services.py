"""The cost services: bounds with Dutch messages naming the field, the door inside the
service, and input that must never make a 500."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from oranje.organisation.tests.factories import World
from oranje.quality.costs import format_euro, format_number
from oranje.quality.models import CostModel, CostScenario, CoursePrice, ScenarioChange
from oranje.quality.services import costs as services

pytestmark = pytest.mark.django_db

RATES = {"hard_hour_rate": "4.50", "soft_hour_rate": "1.25", "fte": "2", "fte_cost": "90000"}


def message(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    field, messages = next(iter(exc.value.message_dict.items()))
    return field, messages[0]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("hard_hour_rate", "-0.01", "toelage per uur harde piket: mag niet negatief zijn."),
        ("soft_hour_rate", "250.01", "toelage per uur zachte piket: ten hoogste 250."),
        ("fte", "1000.5", "regionale capaciteit (fte): ten hoogste 1.000."),
        ("fte_cost", "1000000.01", "kosten per fte per jaar: ten hoogste 1.000.000."),
        ("hard_hour_rate", "4.505", "toelage per uur harde piket: ten hoogste 2 decimalen."),
        ("hard_hour_rate", "NaN", "toelage per uur harde piket: vul een getal in."),
        ("fte", "veel", "regionale capaciteit (fte): vul een getal in."),
    ],
)
def test_cost_model_bounds(world: World, field: str, value: str, expected: str) -> None:
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        services.cost_model_save(
            actor=world.coordinator, region=world.region, **{**RATES, field: value}
        )
    assert message(exc) == (field, expected)
    assert not CostModel.objects.exists()


def test_cost_model_is_for_monitors_only(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.cost_model_save(actor=world.viewer, region=world.region, **RATES)
    with pytest.raises(PermissionDenied):
        services.cost_model_save(actor=world.outsider, region=world.region, **RATES)
    model = services.cost_model_save(actor=world.coordinator, region=world.region, **RATES)
    assert model.updated_by == world.coordinator
    again = services.cost_model_save(
        actor=world.coordinator, region=world.region, **{**RATES, "fte": "3"}
    )
    assert again.pk == model.pk and again.fte == Decimal(3)


def test_course_price_rules(world: World) -> None:
    save = services.course_price_save
    with translation.override("nl"):
        with pytest.raises(ValidationError) as exc:
            save(
                actor=world.coordinator,
                region=world.region,
                price=None,
                code=" ",
                label="",
                amount="1",
            )
        assert message(exc) == ("code", "code: vul dit in.")
        with pytest.raises(ValidationError) as exc:
            save(
                actor=world.coordinator,
                region=world.region,
                price=None,
                code="A" * 41,
                label="",
                amount="1",
            )
        assert message(exc) == ("code", "code: ten hoogste 40 tekens.")
        with pytest.raises(ValidationError) as exc:
            save(
                actor=world.coordinator,
                region=world.region,
                price=None,
                code="A",
                label="",
                amount="-5",
            )
        assert message(exc) == ("price", "prijs per deelnemer: mag niet negatief zijn.")
        save(
            actor=world.coordinator, region=world.region, price=None, code="A", label="", amount="5"
        )
        with pytest.raises(ValidationError) as exc:
            save(
                actor=world.coordinator,
                region=world.region,
                price=None,
                code="a",
                label="",
                amount="5",
            )
        assert message(exc) == ("code", "code: a heeft in deze regio al een prijs.")
    other = CoursePrice.objects.create(
        region=world.other_region, code="B", label="B", price=Decimal(1)
    )
    with pytest.raises(ValidationError):
        save(
            actor=world.coordinator,
            region=world.region,
            price=other,
            code="B",
            label="",
            amount="1",
        )
    with pytest.raises(PermissionDenied):
        services.course_price_delete(actor=world.coordinator, price=other)


def test_scenario_change_rules(world: World) -> None:
    scenario = services.scenario_save(
        actor=world.coordinator, region=world.region, scenario=None, name="S"
    )
    change = services.scenario_change_save
    with translation.override("nl"):
        for function_id in ("0", "abc", "99999999999999999999999", None):
            with pytest.raises(ValidationError) as exc:
                change(
                    actor=world.coordinator,
                    scenario=scenario,
                    change=None,
                    function_id=function_id,
                    extra_hard=1,
                    extra_soft=0,
                )
            assert message(exc) == (
                "function",
                "functie: kies een functie uit de landelijke catalogus.",
            )
        with pytest.raises(ValidationError) as exc:
            change(
                actor=world.coordinator,
                scenario=scenario,
                change=None,
                function_id=world.ovd.pk,
                extra_hard=0,
                extra_soft=-21,
            )
        assert message(exc) == (
            "extra_soft",
            "extra op zachte piket per eenheid: tussen -20 en 20.",
        )
        with pytest.raises(ValidationError) as exc:
            change(
                actor=world.coordinator,
                scenario=scenario,
                change=None,
                function_id=world.ovd.pk,
                extra_hard=0,
                extra_soft=0,
            )
        assert message(exc)[0] == "extra_hard"
    made = change(
        actor=world.coordinator,
        scenario=scenario,
        change=None,
        function_id=world.ovd.pk,
        extra_hard=-20,
        extra_soft=20,
    )
    assert (made.extra_hard, made.extra_soft) == (-20, 20)
    other = CostScenario.objects.create(region=world.other_region, name="U")
    foreign = ScenarioChange.objects.create(scenario=other, function=world.ovd, extra_hard=1)
    with pytest.raises(ValidationError):
        change(
            actor=world.coordinator,
            scenario=scenario,
            change=foreign,
            function_id=world.ovd.pk,
            extra_hard=1,
            extra_soft=0,
        )
    with pytest.raises(PermissionDenied):
        services.scenario_delete(actor=world.coordinator, scenario=other)
    with pytest.raises(PermissionDenied):
        services.scenario_save(actor=world.viewer, region=world.region, scenario=None, name="x")


def test_strange_input_never_makes_a_500(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    scenario = CostScenario.objects.create(region=world.region, name="S")
    url = f"/kwaliteit/kosten/scenario/{scenario.pk}/"
    huge = "9" * 30
    for data in (
        {"action": "change", "function": huge, "extra_hard": huge, "extra_soft": "x"},
        {"action": "change", "change": huge, "function": world.ovd.pk, "extra_hard": "1"},
        {"action": "change", "change": "-1", "delete": "1"},
        {"action": "scenario", "name": "x" * 500},
        {"action": "nonsense"},
    ):
        assert client.post(url, data).status_code == 400, data
    for data in (
        {"id": huge, "delete": "1"},
        {"id": "abc", "code": "A", "price": "1"},
        {"code": "A", "price": "1e400"},
        {"code": "A\x00", "price": "Infinity"},
    ):
        assert client.post("/kwaliteit/kosten/prijzen/", data).status_code == 400, data
    rates = {"hard_hour_rate": "1e999", "soft_hour_rate": "-0", "fte": "x", "fte_cost": ""}
    assert client.post("/kwaliteit/kosten/model/", rates).status_code == 400
    for period in ("2026-Q0", "\x00", "9" * 100, "2009", "2101-Q1"):
        assert client.get("/kwaliteit/kosten/", {"periode": period}).status_code == 400
        api = client.get("/api/v1/quality/regions/VR12/costs/", {"period": period})
        assert api.status_code == 400
    assert client.get(f"/api/v1/quality/scenarios/{huge}/").status_code == 404
    assert client.get("/api/v1/quality/regions/" + "X" * 300 + "/costs/").status_code == 404


def test_money_in_dutch_format() -> None:
    assert format_euro(Decimal("1234.56")) == "€ 1.234,56"
    assert format_euro(Decimal("-118260")) == "€ -118.260,00"
    assert format_euro(Decimal("0.005")) == "€ 0,01"
    assert format_euro(None) == "—"
    assert format_number(Decimal("1234.50")) == "1.234,5"
    assert format_number(480000, 0) == "480.000"
    assert format_number(Decimal("36.00")) == "36"
