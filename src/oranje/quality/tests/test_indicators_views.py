"""The drill-down page and the indicators API: who may read, what they see, bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User
from oranje.organisation.constants import CoverageUnit
from oranje.organisation.models import RegionFunction
from oranje.organisation.tests.factories import World, make_shift
from oranje.quality.constants import Indicator
from oranje.quality.models import IndicatorValue
from oranje.quality.services.compute import indicators_compute
from oranje.quality.tests.indicator_helpers import Q, at, no_key_functions

pytestmark = pytest.mark.django_db

URL = "/kwaliteit/indicator/coverage/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def w(world: World) -> World:
    for region in (world.region, world.other_region):
        no_key_functions(region)
    RegionFunction.objects.filter(region=world.region, function=world.cpg).update(
        coverage_unit=CoverageUnit.MUNICIPALITY, min_hard_on_call=1
    )
    make_shift(world.cpg_haarlem, world.cpg, world.contacts[0], at(3), hours=24)
    indicators_compute(periods=[Q], regions=[world.region])
    return world


def test_a_monitor_sees_the_uncovered_hours(w: World) -> None:
    response = _client(w.coordinator).get(
        URL, {"gemeente": w.haarlem.pk, "periode": "2025-Q1", "functie": "CPG"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "24 van 2159" in body  # hours covered of the quarter's hours
    assert "1,1%" in body
    assert "Uren onder het piketminimum" in body
    assert body.count("<tr>") >= 3  # the two gaps around the one shift, and the head
    entry = AuditEntry.objects.get(action=AuditAction.QUALITY_DRILLDOWN_READ.value)
    assert entry.region == w.region and entry.changes["records"] == 2


def test_no_records_says_no_data(w: World) -> None:
    response = _client(w.coordinator).get(
        "/kwaliteit/indicator/housing/", {"gemeente": w.haarlem.pk, "periode": "2025-Q1"}
    )
    assert response.status_code == 200
    assert "geen gegevens" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/kwaliteit/indicator/nonsense/", {}, "indicator"),
        (URL, {"periode": "2025-Q9"}, "periode"),
        (URL, {"periode": "1999"}, "periode"),
        (URL, {"gemeente": "abc"}, "gemeente"),
        (URL, {"functie": "NOPE"}, "functie"),
    ],
)
def test_bad_input_is_a_dutch_400(w: World, path: str, params: dict, field: str) -> None:
    response = _client(w.coordinator).get(path, params)
    assert response.status_code == 400
    assert field in response.content.decode()


def test_who_may_read(w: World) -> None:
    own = {"gemeente": w.haarlem.pk, "periode": "2025-Q1"}
    velsen = {"gemeente": w.velsen.pk, "periode": "2025-Q1"}
    regional = {"gemeente": "regio", "periode": "2025-Q1"}
    assert _client(w.haarlem_coordinator).get(URL, own).status_code == 200
    assert _client(w.haarlem_coordinator).get(URL, velsen).status_code == 403
    assert _client(w.viewer).get(URL, own).status_code == 403
    assert _client(w.outsider).get(URL, own).status_code == 404
    assert _client(w.admin).get(URL, own).status_code == 200
    assert _client(w.coordinator).get(URL, regional).status_code == 200


def test_recompute_for_monitors_only(w: World) -> None:
    IndicatorValue.objects.all().delete()
    params = f"?gemeente={w.haarlem.pk}&periode=2025-Q1"
    assert _client(w.haarlem_coordinator).post(URL + params).status_code == 403
    assert not IndicatorValue.objects.exists()
    response = _client(w.coordinator).post(URL + params)
    assert response.status_code == 302 and response["Location"].endswith(params)
    assert IndicatorValue.objects.filter(indicator=Indicator.COVERAGE, quarter=1).exists()


def test_the_api_gives_the_figures_per_municipality(w: World) -> None:
    api = "/api/v1/quality/regions/VR12/indicators/"
    response = _client(w.coordinator).get(api, {"period": "2025-Q1"})
    assert response.status_code == 200
    data = response.json()
    assert data["region"] == "VR12" and data["period"] == "2025-Q1"
    haarlem = next(f for f in data["figures"] if f["municipality"] == w.haarlem.pk)
    assert haarlem["indicator"] == "coverage" and haarlem["function"] == "CPG"
    assert haarlem["numerator"] == pytest.approx(24.0)
    year = _client(w.coordinator).get(api, {"period": "2025"}).json()
    assert len(year["figures"]) == len(data["figures"])
    assert _client(w.coordinator).get(api, {"period": "Q3"}).status_code == 400
    assert _client(w.viewer).get(api).status_code == 403
    assert _client(w.outsider).get(api).status_code == 404
    assert _client(w.coordinator).get("/api/v1/quality/regions/XX/indicators/").status_code == 404


def test_without_a_function_the_figure_splits_by_function(w: World) -> None:
    RegionFunction.objects.filter(region=w.region, function=w.ovd).update(
        coverage_unit=CoverageUnit.MUNICIPALITY, min_hard_on_call=1
    )
    indicators_compute(periods=[Q], regions=[w.region])
    body = (
        _client(w.coordinator)
        .get(URL, {"gemeente": w.haarlem.pk, "periode": "2025-Q1"})
        .content.decode()
    )
    assert "Per functie" in body
    assert f"gemeente={w.haarlem.pk}&amp;periode=2025-Q1&amp;functie=CPG" in body
    assert "functie=OVD-BZ" in body
    assert "24 van 4318" in body  # both functions' hours together


def test_the_schema_describes_the_indicators_api(w: World) -> None:
    schema = _client(w.coordinator).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/quality/regions/{code}/indicators/"]["get"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "query"] == ["period"]
    assert "IndicatorsOut" in schema["components"]["schemas"]


def test_the_page_holds_the_figure_against_each_norm(w: World) -> None:
    import datetime as dt
    from decimal import Decimal

    from oranje.quality.models import GrowthStep, Norm, NormSet

    # A newer national set than any seeded one, in force in 2025.
    version = max(NormSet.objects.values_list("version", flat=True), default=0) + 1
    national = NormSet.objects.create(
        region=None,
        version=version,
        title="Landelijk",
        status="adopted",
        adopted_on=dt.date(2024, 1, 1),
    )
    common = {
        "norm_set": national,
        "text": "t",
        "process": "organisation",
        "measure": "indicator",
        "indicator": "coverage",
        "bandbreedte": Decimal(5),
    }
    Norm.objects.create(code="CPG-95", title="CPG 95", function=w.cpg, waterlijn=95, **common)
    growing = Norm.objects.create(code="ALL-2", title="Alles 2", waterlijn=50, **common)
    # Until mid-2025 the in-growth step's 1 % applies: 24 of 2159 hours (1.1 %) meets it.
    GrowthStep.objects.create(norm=growing, due_on=dt.date(2025, 6, 1), waterlijn=1)
    body = (
        _client(w.coordinator)
        .get(URL, {"gemeente": w.haarlem.pk, "periode": "2025-Q1"})
        .content.decode()
    )
    assert "CPG 95" in body and "onder de bandbreedte" in body
    assert "Alles 2" in body and "voldoet aan de waterlijn" in body
    assert "1,0%" in body  # the step's waterlijn on the quarter's last day
    # A norm below its bandbreedte offers the improvement action, prefilled; one that is met
    # offers none.
    cpg_95 = Norm.objects.get(code="CPG-95")
    assert (
        f"/kwaliteit/verbeteracties/nieuw/?norm={cpg_95.pk}&amp;gemeente={w.haarlem.pk}"
        "&amp;periode=2025-Q1" in body
    )
    assert body.count("Verbeteractie vastleggen") == 1
