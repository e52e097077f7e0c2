"""The overview (counts for everyone, addresses only for handlers), the map's GeoJSON, and the
export for insurers (consent only, audited, OEFENING, CSV injection, .xlsx)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from oranje.core.models import AuditEntry
from oranje.damage import selectors_overview
from oranje.damage.tests.staff_helpers import handler, report
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def _world(world: World):  # type: ignore[no-untyped-def]
    incident = start_incident(world)
    report(
        incident,
        kind="home",
        street="Dudokplein",
        postcode="1951AB",
        house_number=1,
        unsafe=True,
        triage="urgent",
        reporter_name="Geheim Persoon",
        latitude=Decimal("52.470000"),
        longitude=Decimal("4.620000"),
    )
    report(
        incident,
        kind="home",
        street="Dudokplein",
        postcode="1951AB",
        house_number=1,
        status="closed",
        latitude=Decimal("52.470100"),
        longitude=Decimal("4.620100"),
    )
    report(
        incident,
        kind="vehicle",
        street="Kerkstraat",
        postcode="1951CD",
        house_number=9,
        triage="normal",
        status="in_progress",
    )
    report(
        incident,
        kind="contents",
        street="Kerkstraat",
        postcode="2011AB",
        house_number=5,
        unsafe=True,
        latitude=Decimal("52.380000"),
        longitude=Decimal("4.640000"),
    )
    return incident


def test_counts_by_kind_status_and_area(world: World) -> None:
    incident = _world(world)
    rows, totals, total = selectors_overview.by_kind_status(incident)
    by_kind = {r.kind: r.by_status for r in rows}
    # statuses: new, in_progress, referred, closed
    assert by_kind == {"home": [1, 0, 0, 1], "contents": [1, 0, 0, 0], "vehicle": [0, 1, 0, 0]}
    assert totals == [2, 1, 0, 1] and total == 4
    streets = {(r["street"], r["city"]): r for r in selectors_overview.by_street(incident)}
    dudok = streets[("Dudokplein", "Velsen-Noord")]
    assert (dudok["n"], dudok["open"], dudok["urgent"], dudok["unsafe"], dudok["addresses"]) == (
        2,
        1,
        1,
        1,
        1,
    )
    areas = {r["area"]: r["n"] for r in selectors_overview.by_postcode_area(incident)}
    assert areas == {"1951": 3, "2011": 1}
    full = {r["postcode"]: r["n"] for r in selectors_overview.by_postcode(incident)}
    assert full == {"1951AB": 2, "1951CD": 1, "2011AB": 1}
    assert selectors_overview.unsafe_counts(incident) == {"homes": 2, "urgent": 1, "open": 2}
    homes = selectors_overview.unsafe_homes(incident)
    assert [h["postcode"] for h in homes] == ["1951AB", "2011AB"]  # urgent first


def test_overview_page_handler_sees_addresses(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = _world(world)
    response = _client(officer).get(f"/incidenten/{incident.pk}/schade/overzicht/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dudokplein 1, 1951 AB" in html and "Geheim Persoon" not in html
    assert AuditEntry.objects.filter(action="damage.read", actor=officer).count() == 1


@pytest.mark.parametrize("who", ["viewer", "coordinator", "functionary"])
def test_overview_page_others_see_counts_only(world: World, who: str) -> None:
    incident = _world(world)
    response = _client(getattr(world, who)).get(f"/incidenten/{incident.pk}/schade/overzicht/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geheim Persoon" not in html and "0612345678" not in html
    assert "Dudokplein 1," not in html and "unsafe-homes" not in html  # no house numbers
    assert "Dudokplein" in html and "1951" in html  # counts per street and postcode
    assert not AuditEntry.objects.filter(action="damage.read").exists()


def test_geojson_points_for_handlers_cells_for_others(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = _world(world)
    url = f"/incidenten/{incident.pk}/schade/overzicht/punten.geojson"
    data = _client(officer).get(url).json()
    assert data["kind"] == "points" and len(data["features"]) == 3
    props = {f["properties"]["reference"]: f["properties"] for f in data["features"]}
    assert all("reporter" not in str(p) for p in props.values())
    first = data["features"][0]["geometry"]["coordinates"]
    assert first == [4.62, 52.47]
    data = _client(world.viewer).get(url).json()
    assert data["kind"] == "cells"
    # The two Dudokplein reports fall in one cell; counts, no references.
    cells = sorted(f["properties"]["count"] for f in data["features"])
    assert cells == [1, 2]
    assert "reference" not in str(data) and "S-TEST" not in str(data)
    urgent = [f for f in data["features"] if f["properties"]["count"] == 2][0]
    assert urgent["properties"]["triage"] == "urgent"
    assert _client(handler(world.other_region, "utrecht")).get(url).status_code == 404


def test_geojson_cells_beyond_the_cap(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    officer = handler(world.region, "schade1")
    incident = _world(world)
    monkeypatch.setattr(selectors_overview, "POINTS_MAX", 2)
    data = _client(officer).get(f"/incidenten/{incident.pk}/schade/overzicht/punten.geojson")
    assert data.json()["kind"] == "cells"


def test_export_consent_only_audited_and_safe(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    shared = report(incident, consent_share=True, reporter_name='=HYPERLINK("x")', kind="home")
    report(incident, consent_share=True, kind="vehicle")
    report(incident, consent_share=False, reporter_name="Zonder Toestemming")
    client = _client(officer)
    page = client.get(f"/incidenten/{incident.pk}/schade/export/")
    assert page.context["count"] == 2 and page.context["left_out"] == 1
    csv = client.get(f"/incidenten/{incident.pk}/schade/export.csv")
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert shared.reference in text and "Zonder Toestemming" not in text
    assert "'=HYPERLINK" in text and not text.startswith("OEFENING")
    entry = AuditEntry.objects.get(action="damage.export")
    assert entry.changes["count"] == 2 and entry.changes["left_out_no_consent"] == 1
    filtered = client.get(f"/incidenten/{incident.pk}/schade/export.csv?kind=vehicle")
    assert shared.reference not in filtered.content.decode("utf-8-sig")
    assert AuditEntry.objects.filter(action="damage.export").count() == 2


def test_export_xlsx_of_an_exercise(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world, exercise=True)
    r = report(incident, consent_share=True, description="+31 bel terug")
    response = _client(officer).get(f"/incidenten/{incident.pk}/schade/export.xlsx")
    assert response.status_code == 200
    assert 'filename="OEFENING-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "OEFENING" and rows[1][0] == "referentie"
    assert rows[2][0] == r.reference and rows[2][4] == "'+31 bel terug"
    csv = _client(officer).get(f"/incidenten/{incident.pk}/schade/export.csv")
    assert csv.content.decode("utf-8-sig").startswith("OEFENING")


def test_export_only_for_handlers(world: World) -> None:
    incident = start_incident(world)
    report(incident, consent_share=True)
    for path in ("export/", "export.csv", "export.xlsx"):
        url = f"/incidenten/{incident.pk}/schade/{path}"
        assert _client(world.coordinator).get(url).status_code == 403
        assert _client(handler(world.other_region, f"u{len(path)}")).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="damage.export").exists()
