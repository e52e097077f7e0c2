"""The monitoring: the region's matrix (states, trend, in-growth, the region's row,
self-assessments), the redirect of a municipality's own people, the municipal view, the
national view named and anonymous, bad periods, and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

import pytest
from django.test import Client
from django.urls import NoReverseMatch
from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Municipality, Region
from oranje.organisation.models import Person
from oranje.organisation.tests.factories import World, make_person, make_user
from oranje.quality import periods
from oranje.quality.constants import CellState
from oranje.quality.models import (
    AgreementLine,
    AssessmentRound,
    ImprovementAction,
    Inhabitants,
    MunicipalAgreement,
    SelfAssessment,
)
from oranje.quality.periods import Period
from oranje.quality.selectors_monitoring import region_matrix
from oranje.quality.selectors_national import region_labels
from oranje.quality.tests.monitoring_helpers import national_set, regional_set, step, value
from oranje.quality.views import monitoring as monitoring_views

pytestmark = pytest.mark.django_db

Q3 = Period(2025, 3)


@pytest.fixture
def q(world: World) -> dict:
    """Norms, three municipalities with figures in Q3 2025 and before, and a monitor."""
    _set, national, plan = national_set()
    regional = regional_set(world.region, national)
    third = (
        Municipality.objects.current()
        .filter(region=world.region)
        .exclude(pk__in=[world.haarlem.pk, world.velsen.pk])
        .order_by("name")
        .first()
    )
    assert third is not None
    for period, n in zip(Q3.previous(3), (90, 92, 94), strict=True):
        value(world.region, world.haarlem, period, n)
    value(world.region, world.haarlem, Q3, 97)
    value(world.region, world.velsen, Q3.previous()[0], 95)
    value(world.region, world.velsen, Q3, 93)
    value(world.region, third, Q3, 80)
    value(world.region, None, Q3, 50)
    monitor = make_user("monitor", Role.QUALITY_MONITOR, region=world.region)
    client = Client()
    client.force_login(monitor)
    return {
        "national": national,
        "plan": plan,
        "regional": regional,
        "third": third,
        "monitor": monitor,
        "client": client,
    }


def _cells(matrix, municipality):  # type: ignore[no-untyped-def]
    row = next(r for r in matrix.rows if r.municipality == municipality)
    return {c.norm.code: c for c in row.cells}


def test_each_cell_meets_is_within_is_below_or_has_no_data(world: World, q: dict) -> None:
    matrix = region_matrix(world.region, Q3)
    assert [c.norm for c in matrix.columns] == [q["regional"], q["plan"]]
    assert _cells(matrix, world.haarlem)["ORG-CPG"].state == CellState.MEETS
    assert _cells(matrix, world.velsen)["ORG-CPG"].state == CellState.WITHIN
    assert _cells(matrix, q["third"])["ORG-CPG"].state == CellState.BELOW
    untouched = next(
        r for r in matrix.rows if r.municipality not in (world.haarlem, world.velsen, q["third"])
    )
    assert untouched.cells[0].state == CellState.NO_DATA
    assert untouched.cells[0].percent is None
    assert matrix.counts[CellState.MEETS] == 1
    assert matrix.counts[CellState.BELOW] == 1


def test_the_regions_row_sums_numerators_and_denominators(world: World, q: dict) -> None:
    total = region_matrix(world.region, Q3).total.cells[0]
    assert total.percent == pytest.approx(100.0 * (97 + 93 + 80 + 50) / 400)
    assert total.state == CellState.BELOW


def test_the_trend_shows_the_last_four_quarters_and_its_direction(world: World, q: dict) -> None:
    matrix = region_matrix(world.region, Q3)
    haarlem = _cells(matrix, world.haarlem)["ORG-CPG"]
    assert [p.period for p in haarlem.trend] == [*Q3.previous(3), Q3]
    assert [p.percent for p in haarlem.trend] == [90, 92, 94, 97]
    assert haarlem.direction == "up"
    assert _cells(matrix, world.velsen)["ORG-CPG"].direction == "down"
    assert _cells(matrix, q["third"])["ORG-CPG"].direction == ""


def test_a_year_sums_its_quarters_and_trends_over_them(world: World, q: dict) -> None:
    matrix = region_matrix(world.region, Period(2025))
    haarlem = _cells(matrix, world.haarlem)["ORG-CPG"]
    assert haarlem.percent == pytest.approx((92 + 94 + 97) / 3)
    assert [p.period for p in haarlem.trend] == [Period(2025, n) for n in (1, 2, 3, 4)]


def test_an_in_growth_step_lowers_the_waterlijn_until_its_date(world: World, q: dict) -> None:
    step(q["regional"], dt.date(2025, 10, 1), 90)
    matrix = region_matrix(world.region, Q3)
    assert matrix.columns[0].waterlijn == Decimal(90)
    assert matrix.columns[0].next_step == (dt.date(2025, 10, 1), Decimal(96))
    assert _cells(matrix, world.velsen)["ORG-CPG"].state == CellState.MEETS
    assert _cells(matrix, q["third"])["ORG-CPG"].state == CellState.BELOW


def test_self_assessment_cells_count_submitted_and_accepted_answers(world: World, q: dict) -> None:
    rnd = AssessmentRound.objects.create(
        region=world.region, year=2025, deadline=dt.date(2025, 12, 1)
    )
    for place, answer, status in (
        (world.haarlem, "yes", "accepted"),
        (world.velsen, "partly", "submitted"),
        (q["third"], "no", "open"),
    ):
        SelfAssessment.objects.create(
            round=rnd, municipality=place, norm=q["plan"], answer=answer, status=status
        )
    matrix = region_matrix(world.region, Q3)
    haarlem = _cells(matrix, world.haarlem)["OPV-PLAN"]
    velsen = _cells(matrix, world.velsen)["OPV-PLAN"]
    third = _cells(matrix, q["third"])["OPV-PLAN"]
    assert (haarlem.percent, haarlem.state, haarlem.review) == (100, CellState.MEETS, "accepted")
    assert (velsen.percent, velsen.state) == (50, CellState.WITHIN)
    assert "niet beoordeeld" in velsen.review_text or "not yet reviewed" in velsen.review_text
    assert third.state == CellState.NO_DATA
    assert matrix.total.cells[1].percent == 75
    page = q["client"].get("/kwaliteit/?periode=2025-Q3")
    assert velsen.review_text in page.content.decode()


def test_the_region_page_shows_states_in_words_a_legend_and_trend_pictures(
    world: World, q: dict
) -> None:
    response = q["client"].get("/kwaliteit/?periode=2025-Q3")
    assert response.status_code == 200
    html = response.content.decode()
    assert "q-matrix" in html and "<caption" in html
    assert "97,0%" in html and "80,0%" in html
    assert 'class="q-cell q-below"' in html
    assert "onder" in html.lower()  # the state in words, not only in colour
    assert 'role="img"' in html and "<title>" in html
    assert "Hele regio" in html or "Whole region" in html
    assert f"/kwaliteit/gemeente/{world.haarlem.pk}/" in html


def test_cells_link_to_the_drilldown_and_a_red_cell_to_an_action_once_they_exist(
    world: World, q: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str, kwargs: dict | None = None) -> str:
        raise NoReverseMatch(name)

    monkeypatch.setattr(monitoring_views, "reverse", missing)
    matrix = region_matrix(world.region, Q3)
    monitoring_views.present(matrix)
    assert all(not c.link and not c.action_link for r in matrix.rows for c in r.cells)
    assert "q-below" in matrix.rows[0].cells[0].html or matrix.counts["below"] == 1

    def reverse(name: str, kwargs: dict | None = None) -> str:
        if name == "quality:drilldown":
            return f"/kwaliteit/indicator/{kwargs['indicator']}/"  # type: ignore[index]
        return "/kwaliteit/acties/nieuw/"

    monkeypatch.setattr(monitoring_views, "reverse", reverse)
    matrix = region_matrix(world.region, Q3)
    monitoring_views.present(matrix)
    third = _cells(matrix, q["third"])["ORG-CPG"]
    assert third.link == (
        f"/kwaliteit/indicator/coverage/?gemeente={q['third'].pk}&periode=2025-Q3&functie=CPG"
    )
    assert third.action_link == (
        f"/kwaliteit/acties/nieuw/?norm={q['regional'].pk}&gemeente={q['third'].pk}&periode=2025-Q3"
    )
    assert _cells(matrix, world.haarlem)["ORG-CPG"].action_link == ""
    # The region's row: no drill-down of the sum, but one of the region's own staff (50 %).
    total = matrix.total.cells[0]
    assert total.link == ""
    assert total.own_link.startswith("/kwaliteit/indicator/coverage/?gemeente=regio&periode=")
    assert total.own_figure is not None and total.own_figure.percent == pytest.approx(50)
    assert f'href="{escape(third.action_link)}"' in third.html


def test_a_red_cell_on_the_page_offers_an_improvement_action(world: World, q: dict) -> None:
    html = q["client"].get("/kwaliteit/?periode=2025-Q3").content.decode()
    assert f"norm={q['regional'].pk}&amp;gemeente={q['third'].pk}&amp;periode=2025-Q3" in html
    drill = f"/kwaliteit/indicator/coverage/?gemeente={q['third'].pk}&amp;periode=2025-Q3"
    assert drill + "&amp;functie=CPG" in html
    assert "/kwaliteit/indicator/coverage/?gemeente=regio&amp;periode=2025-Q3" in html


def test_the_default_period_is_the_last_complete_quarter(world: World, q: dict) -> None:
    last = periods.last_complete_quarter()
    value(world.region, world.haarlem, last, 99)
    response = q["client"].get("/kwaliteit/")
    assert response.status_code == 200
    assert response.context["period"] == last
    assert "99,0%" in response.content.decode()


@pytest.mark.parametrize("bad", ["2025-Q5", "gisteren", "1999", "2025-Q", "²⁰²⁵", "9" * 40])
def test_a_bad_period_is_a_400_in_dutch_naming_the_field(world: World, q: dict, bad: str) -> None:
    for path in (
        "/kwaliteit/",
        f"/kwaliteit/gemeente/{world.haarlem.pk}/",
        "/kwaliteit/landelijk/",
    ):
        response = q["client"].get(path, {"periode": bad})
        assert response.status_code == 400, path
        assert "periode" in response.content.decode()
        assert "is geen periode" in response.content.decode()


def test_a_municipal_coordinator_is_sent_to_their_municipality(world: World, q: dict) -> None:
    client = Client()
    client.force_login(world.haarlem_coordinator)
    response = client.get("/kwaliteit/")
    assert response.status_code == 302
    assert response["Location"] == f"/kwaliteit/gemeente/{world.haarlem.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "gemeente=regio" not in page.content.decode()  # the region's own: monitors only
    assert client.get(f"/kwaliteit/gemeente/{world.velsen.pk}/").status_code == 403


def test_others_may_not_see_the_monitoring(world: World, q: dict) -> None:
    for user, status in ((world.viewer, 403), (world.outsider, 404)):
        client = Client()
        client.force_login(user)
        assert client.get(f"/kwaliteit/gemeente/{world.haarlem.pk}/").status_code == status
    client = Client()
    client.force_login(world.viewer)
    assert client.get("/kwaliteit/").status_code == 403


def test_the_municipal_view_shows_the_agreement_and_open_actions(world: World, q: dict) -> None:
    today = timezone.localdate()
    agreement = MunicipalAgreement.objects.create(
        region=world.region,
        municipality=world.haarlem,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
        budget_share=Decimal("12.5"),
    )
    AgreementLine.objects.create(agreement=agreement, function=world.cpg, people=2)
    AgreementLine.objects.create(
        agreement=agreement, function=world.cpg, pool=world.cpg_haarlem, people=3
    )
    Person.objects.filter(pk=world.contacts[0].pk).update(active=False)
    make_person(world.region, world.cpg, municipality=world.haarlem)  # in no pool
    Inhabitants.objects.create(municipality=world.haarlem, year=2025, count=160_000)
    Inhabitants.objects.create(municipality=world.velsen, year=2025, count=68_000)
    for title, status in (("Tweede CPG werven", "open"), ("Oud", "closed")):
        ImprovementAction.objects.create(
            region=world.region,
            municipality=world.haarlem,
            norm=q["regional"],
            title=title,
            owner_name="Gemeentesecretaris",
            deadline=today + dt.timedelta(days=30),
            status=status,
            closed_at=timezone.now() if status == "closed" else None,
        )
    response = q["client"].get(f"/kwaliteit/gemeente/{world.haarlem.pk}/?periode=2025-Q3")
    assert response.status_code == 200
    lines = response.context["contribution"].lines
    # Two active CPGs of Haarlem (one in the pool) against 2 agreed; 1 in the pool against 3.
    assert [(r.agreed, r.actual, r.short) for r in lines] == [(2, 2, False), (3, 1, True)]
    assert response.context["contribution"].cpg_coverage.percent == pytest.approx(97)
    html = response.content.decode()
    assert "Tweede CPG werven" in html and "Oud" not in html
    assert "12,5%" in html
    assert "70,2%" in html  # 160,000 of 228,000 inhabitants
    assert "97,0%" in html  # the state of the norm
    rows = response.context["rows"]
    assert rows[0][1].state == CellState.MEETS
    assert rows[0][2].percent == pytest.approx(80.0)


def _regions_with_figures() -> list[Region]:
    regions = list(Region.objects.order_by("code"))
    for i, region in enumerate(regions):
        value(region, None, Q3, 70 + i)
    return regions


def test_the_national_view_names_regions_and_compares_with_the_average(
    world: World, q: dict
) -> None:
    regions = _regions_with_figures()
    admin = Client()
    admin.force_login(world.admin)
    response = admin.get("/kwaliteit/landelijk/?periode=2025-Q3")
    assert response.status_code == 200
    dist = response.context["figures"].norms[0]
    assert dist.norm == q["national"]
    assert len(dist.regions) == len(regions) == 25
    assert dist.minimum == pytest.approx(70.0)
    assert dist.maximum == pytest.approx(94.0)
    html = response.content.decode()
    for region in regions:
        assert region.name in html
    # Pooled: every region's own 100 hours plus Kennemerland's three municipalities and
    # its own 100 hours of the fixture.
    kennemerland = next(r for r in dist.regions if r.region == world.region)
    own = 70 + regions.index(world.region)
    n = sum(70 + i for i in range(25)) + 97 + 93 + 80 + 50
    assert dist.average == pytest.approx(100.0 * n / (25 * 100 + 400))
    assert kennemerland.percent == pytest.approx(100.0 * (97 + 93 + 80 + 50 + own) / 500)
    assert kennemerland.at_average is False
    assert 'class="strip"' in html


def test_the_national_view_is_anonymous_to_a_region_when_set(
    world: World, q: dict, settings: object
) -> None:
    settings.QUALITY_NATIONAL_NAMED = False  # type: ignore[attr-defined]
    regions = _regions_with_figures()
    response = q["client"].get("/kwaliteit/landelijk/?periode=2025-Q3")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.region.name in html
    assert world.other_region.name not in html
    labels = [r.label for r in response.context["figures"].norms[0].regions]
    assert labels[0] == world.region.name
    assert labels[1:] == [f"Regio {chr(65 + i)}" for i in range(24)]
    # Stable from one visit to the next, and not simply the order of the codes.
    again = q["client"].get("/kwaliteit/landelijk/?periode=2025-Q3")
    assert [r.region for r in again.context["figures"].norms[0].regions] == [
        r.region for r in response.context["figures"].norms[0].regions
    ]
    others = [r for r in regions if r != world.region]
    assert [r.region for r in response.context["figures"].norms[0].regions][1:] != others
    api = q["client"].get("/api/v1/quality/national/?period=2025-Q3").json()
    codes = [r["region"] for r in api["norms"][0]["regions"]]
    assert codes[0] == world.region.code and set(codes[1:]) == {None}
    admin = Client()
    admin.force_login(world.admin)
    assert (
        world.other_region.name
        in admin.get("/kwaliteit/landelijk/?periode=2025-Q3").content.decode()
    )


def test_letters_go_on_after_z() -> None:
    regions = [Region(pk=i, code=f"X{i:02d}", name=f"R{i}") for i in range(1, 30)]
    labels = [label for _r, label, _own in region_labels(regions, frozenset(), False, "s")]
    assert labels[25:27] == ["Regio Z", "Regio AA"]


def test_the_national_view_is_closed_to_a_viewer(world: World, q: dict) -> None:
    client = Client()
    client.force_login(world.viewer)
    assert client.get("/kwaliteit/landelijk/").status_code == 403
    assert client.get("/api/v1/quality/national/").status_code == 403


def test_the_api_gives_the_matrix_as_json(world: World, q: dict) -> None:
    response = q["client"].get(
        f"/api/v1/quality/regions/{world.region.code}/monitoring/?period=2025-Q3"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["period"]["slug"] == "2025-Q3"
    assert [n["code"] for n in data["norms"]] == ["ORG-CPG", "OPV-PLAN"]
    haarlem = next(
        r for r in data["rows"] if r["municipality"] and r["municipality"]["id"] == world.haarlem.pk
    )
    assert haarlem["cells"][0]["state"] == "meets"
    assert haarlem["cells"][0]["percent"] == pytest.approx(97)
    assert [p["percent"] for p in haarlem["cells"][0]["trend"]] == [90, 92, 94, 97]
    assert data["rows"][-1]["municipality"] is None
    assert data["counts"]["below"] == 1


def test_the_api_refuses_bad_periods_and_other_regions(world: World, q: dict) -> None:
    client = q["client"]
    code = world.region.code
    bad = client.get(f"/api/v1/quality/regions/{code}/monitoring/?period=2025-Q9")
    assert bad.status_code == 400
    assert "period" in bad.json()
    assert client.get("/api/v1/quality/national/?period=x").status_code == 400
    assert (
        client.get(f"/api/v1/quality/regions/{world.other_region.code}/monitoring/").status_code
        == 404
    )
    assert client.get("/api/v1/quality/regions/XX99/monitoring/").status_code == 404
    viewer = Client()
    viewer.force_login(world.viewer)
    assert viewer.get(f"/api/v1/quality/regions/{code}/monitoring/").status_code == 403


def test_the_matrix_takes_a_fixed_number_of_queries(
    world: World, q: dict, django_assert_max_num_queries: object
) -> None:
    for place in Municipality.objects.current().filter(region=world.region):
        value(world.region, place, Q3.previous()[0], 90)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        region_matrix(world.region, Q3)


def test_a_cells_link_opens_the_drilldown(world: World, q: dict) -> None:
    matrix = region_matrix(world.region, Q3)
    monitoring_views.present(matrix)
    cell = _cells(matrix, q["third"])["ORG-CPG"]
    assert q["client"].get(cell.link).status_code == 200
    assert q["client"].get(matrix.total.cells[0].own_link).status_code == 200
