"""The cost pages and their services: figures in Dutch format, the forms' Dutch messages
naming the field, the audit trail, and the door (monitors only)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from oranje.core.models import AuditEntry
from oranje.organisation.models import Function
from oranje.organisation.tests.factories import World
from oranje.quality.models import CostModel, CostScenario, CoursePrice, ScenarioChange
from oranje.quality.tests.costs_helpers import cost_world

pytestmark = pytest.mark.django_db

URL = "/kwaliteit/kosten/"


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_costs_page_shows_the_figures_in_dutch_format(world: World) -> None:
    cost_world(world)
    response = client_for(world.coordinator).get(URL, {"periode": "2026-Q1"})
    assert response.status_code == 200
    page = text(response)
    assert "<h1>" in page
    for figure in ("€ 57.622,95", "€ 55.479,45", "€ 1.951,00", "€ 162,00", "€ 0,12"):
        assert figure in page, figure
    # Haarlem: a third by inhabitants, 30 % agreed.
    assert "€ 19.207,65" in page and "€ 17.286,89" in page
    assert "EX-OVD" in page and "geen prijs" in page
    assert "<caption" in page and 'scope="col"' in page


def test_a_bad_period_is_refused_in_dutch(world: World) -> None:
    response = client_for(world.coordinator).get(URL, {"periode": "2026-Q5"})
    assert response.status_code == 400
    assert "periode:" in text(response)


def test_only_monitors_see_the_costs(world: World) -> None:
    assert client_for(world.viewer).get(URL).status_code == 403
    assert client_for(world.haarlem_coordinator).get(URL).status_code in (403, 404)
    assert Client().get(URL).status_code == 302


def test_cost_model_save_names_the_field(world: World) -> None:
    client = client_for(world.coordinator)
    data = {"hard_hour_rate": "-1", "soft_hour_rate": "1,25", "fte": "2", "fte_cost": "90000"}
    response = client.post(URL + "model/", data)
    assert response.status_code == 400
    assert "toelage per uur harde piket: mag niet negatief zijn." in text(response)
    data["hard_hour_rate"] = "300"
    response = client.post(URL + "model/", data)
    assert response.status_code == 400
    assert "toelage per uur harde piket: ten hoogste 250." in text(response)
    data["hard_hour_rate"] = "4,50"
    response = client.post(URL + "model/", data)
    assert response.status_code == 302
    model = CostModel.objects.get(region=world.region)
    assert model.hard_hour_rate == Decimal("4.50") and model.fte_cost == Decimal(90000)
    entry = AuditEntry.objects.filter(action="cost_model.save").latest("pk")
    assert entry.changes["hard_hour_rate"] == [None, "4.50"]


def test_course_prices_add_edit_delete(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(URL + "prijzen/", {"code": "BASIS-BZ", "label": "", "price": "450"})
    assert response.status_code == 302
    price = CoursePrice.objects.get(region=world.region, code="BASIS-BZ")
    assert price.label == "BASIS-BZ" and price.price == Decimal(450)
    response = client.post(URL + "prijzen/", {"code": "basis-bz", "price": "10"})
    assert response.status_code == 400
    assert "code: basis-bz heeft in deze regio al een prijs." in text(response)
    response = client.post(
        URL + "prijzen/", {"id": price.pk, "code": "BASIS-BZ", "label": "Basis", "price": "475,5"}
    )
    assert response.status_code == 302
    price.refresh_from_db()
    assert (price.label, price.price) == ("Basis", Decimal("475.50"))
    response = client.post(URL + "prijzen/", {"id": price.pk, "delete": "1"})
    assert response.status_code == 302
    assert not CoursePrice.objects.filter(pk=price.pk).exists()
    assert AuditEntry.objects.filter(action="cost_model.save").count() == 3


def test_course_price_of_another_region_is_not_touched(world: World) -> None:
    other = CoursePrice.objects.create(
        region=world.other_region, code="X", label="X", price=Decimal(1)
    )
    response = client_for(world.coordinator).post(URL + "prijzen/", {"id": other.pk, "delete": "1"})
    assert response.status_code == 400
    assert CoursePrice.objects.filter(pk=other.pk).exists()


def test_scenario_new_change_and_comparison(world: World) -> None:
    cost_world(world)
    client = client_for(world.coordinator)
    response = client.post(URL + "scenario/nieuw/", {"name": "", "description": ""})
    assert response.status_code == 400
    assert "Naam: vul dit in." in text(response)
    response = client.post(URL + "scenario/nieuw/", {"name": "Extra OvD-BZ", "description": ""})
    assert response.status_code == 302
    scenario = CostScenario.objects.get(region=world.region)
    detail = f"{URL}scenario/{scenario.pk}/"
    assert response["Location"] == detail
    change = {"action": "change", "function": world.ovd.pk, "extra_hard": "21", "extra_soft": "0"}
    response = client.post(detail, change)
    assert response.status_code == 400
    assert "extra op harde piket per eenheid: tussen -20 en 20." in text(response)
    response = client.post(detail, {**change, "function": "999999"})
    assert response.status_code == 400
    assert "functie: kies een functie uit de landelijke catalogus." in text(response)
    response = client.post(detail, {**change, "extra_hard": "1"})
    assert response.status_code == 302
    row = ScenarioChange.objects.get(scenario=scenario)
    page = text(client.get(detail, {"jaar": "2026"}))
    # OvD-BZ for the whole region in the test world: 8,760 h × € 4,50.
    assert "€ 39.420,00" in page
    assert "€ 227.269,50" in page and "€ 266.689,50" in page
    response = client.post(detail, {**change, "change": row.pk, "extra_hard": "2"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.extra_hard == 2
    response = client.post(detail, {**change, "change": row.pk, "delete": "1"})
    assert response.status_code == 302
    assert not ScenarioChange.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(action="cost_scenario.save").count() == 4
    response = client.post(detail, {"action": "scenario", "name": "Meer", "description": "x"})
    assert response.status_code == 302
    response = client.post(detail + "verwijderen/")
    assert response.status_code == 302
    assert not CostScenario.objects.filter(pk=scenario.pk).exists()


def test_scenario_of_another_region_is_not_found(world: World) -> None:
    scenario = CostScenario.objects.create(region=world.other_region, name="Utrecht")
    client = client_for(world.coordinator)
    assert client.get(f"{URL}scenario/{scenario.pk}/").status_code == 404
    assert client.post(f"{URL}scenario/{scenario.pk}/verwijderen/").status_code == 404
    assert client.get(f"{URL}scenario/{scenario.pk + 1000}/").status_code == 404
    mine = CostScenario.objects.create(region=world.region, name="Kennemerland")
    assert client_for(world.viewer).get(f"{URL}scenario/{mine.pk}/").status_code == 403
    assert client.get(f"{URL}scenario/{mine.pk}/", {"jaar": "99999"}).status_code == 400


def test_api_region_costs_and_scenario(world: World) -> None:
    cost_world(world)
    client = client_for(world.coordinator)
    response = client.get("/api/v1/quality/regions/VR12/costs/", {"period": "2026-Q1"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == "57622.95"
    assert data["per_inhabitant"] == "0.12"
    assert data["unpriced"][0]["code"] == "EX-OVD" and data["unpriced"][0]["price"] is None
    assert {line["function"] for line in data["on_call"]} == {"OVD-BZ", "CPG"}
    bad = client.get("/api/v1/quality/regions/VR12/costs/", {"period": "morgen"})
    assert bad.status_code == 400
    assert client.get("/api/v1/quality/regions/VR09/costs/").status_code == 404
    assert client.get("/api/v1/quality/regions/XXXX/costs/").status_code == 404
    assert client_for(world.viewer).get("/api/v1/quality/regions/VR12/costs/").status_code == 403
    scenario = CostScenario.objects.create(region=world.region, name="Extra CPG")
    ScenarioChange.objects.create(
        scenario=scenario, function=Function.objects.get(code="CPG"), extra_soft=2
    )
    response = client.get(f"/api/v1/quality/scenarios/{scenario.pk}/", {"year": "2026"})
    assert response.status_code == 200
    data = response.json()
    # CPG per municipality: 9 × 2 × 8,760 × € 1,25.
    assert data["difference"] == "197100.00"
    assert data["changes"][0]["units"] == 9
    assert data["today"]["total"] == "227269.50"
    assert client.get(f"/api/v1/quality/scenarios/{scenario.pk}/", {"year": "1"}).status_code == 400


def test_a_change_per_district_in_a_region_without_districts_says_so(world: World) -> None:
    scenario = CostScenario.objects.create(region=world.region, name="Advies")
    ScenarioChange.objects.create(
        scenario=scenario, function=Function.objects.get(code="ADV-CC-COPI"), extra_hard=1
    )
    page = text(client_for(world.coordinator).get(f"{URL}scenario/{scenario.pk}/"))
    assert "de regio heeft geen piketdistricten" in page
