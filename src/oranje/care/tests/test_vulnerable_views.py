"""The pages and the API of people with reduced self-reliance: a delivery through upload and
column mapping, the worklist with its filters and steps, every read of names audited (who,
which list, how many rows — never names), and nobody without the role gets in."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oranje.care.constants import CaseState
from oranje.care.models import Case, ListUpload, Resident, Supplier
from oranje.care.services import vulnerable as services
from oranje.care.tests.factories import location, open_shelter
from oranje.care.tests.vulnerable_factories import (
    INSIDE,
    OUTSIDE,
    VulnerableWorld,
    build_vulnerable,
    csv_of,
    deliver,
    row,
)
from oranje.core.audit_actions import AuditAction
from oranje.core.constants import Role
from oranje.core.models import AuditEntry, Membership
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def vw(world: World) -> VulnerableWorld:
    return build_vulnerable(world)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _reads() -> list[dict[str, object]]:
    return [
        {"actor": e.actor_name, "object": e.object_type, "id": e.object_id, **e.changes}
        for e in AuditEntry.objects.filter(action=AuditAction.VULNERABLE_READ).order_by("pk")
    ]


def test_a_delivery_is_uploaded_mapped_and_replaces_the_list(vw: VulnerableWorld) -> None:
    client = _client(vw.coordinator)
    base = f"/opvang/zelfredzaamheid/{vw.supplier.pk}/levering/"
    data = csv_of([row("C1", "Truus de Wit"), row("C2", "Henk Bos", OUTSIDE)])
    response = client.post(base, {"file": SimpleUploadedFile("lijst.csv", data)})
    assert response.status_code == 302
    upload = ListUpload.objects.get()
    assert response["Location"] == f"{base}{upload.token}/"
    page = client.get(response["Location"])
    assert "De kolommen zijn geraden uit hun namen" in page.content.decode()
    form = {name: value for name, value in page.context["form"].initial.items()}
    assert form["name"] == "Naam" and form["latitude"] == "Breedtegraad"
    done = client.post(response["Location"], form, follow=True)
    assert "Lijst geleverd: 2 nieuw, 0 gewijzigd, 0 niet meer op de lijst." in done.content.decode()
    assert Resident.objects.filter(supplier=vw.supplier).count() == 2
    assert not ListUpload.objects.exists()
    # Someone else's token is not found, not even by a coordinator of the same region.
    again = client.post(base, {"file": SimpleUploadedFile("lijst.csv", data)})
    assert _client(vw.registry).get(again["Location"]).status_code == 404


def test_a_bad_delivery_shows_every_row_and_keeps_nothing(vw: VulnerableWorld) -> None:
    client = _client(vw.coordinator)
    data = csv_of([row("C1", "Truus de Wit", (99.0, 4.6)), row("C2", "", number="x")])
    response = client.post(
        f"/opvang/zelfredzaamheid/{vw.supplier.pk}/levering/",
        {"file": SimpleUploadedFile("lijst.csv", data)},
    )
    page = client.get(response["Location"])
    result = client.post(response["Location"], page.context["form"].initial)
    assert result.status_code == 400
    text = result.content.decode()
    assert "Niets geïmporteerd: 3 problemen." in text
    assert [(p.line, p.column) for p in result.context["problems"]] == [
        (2, "Breedtegraad"),
        (3, "Naam"),
        (3, "Huisnummer"),
    ]
    assert not Resident.objects.exists()


def test_the_suppliers_page_counts_and_a_new_supplier_is_made(vw: VulnerableWorld) -> None:
    deliver(vw, [row("C1", "Truus de Wit"), row("C2", "Els Kok", None)])
    client = _client(vw.registry)
    page = client.get("/opvang/zelfredzaamheid/")
    text = page.content.decode()
    assert "Zorggroep Velsen" in text and "Truus" not in text
    [(_region, suppliers)] = page.context["blocks"]
    assert [(s.residents_count, s.placed_count) for s in suppliers] == [(2, 1)]
    made = client.post(
        "/opvang/zelfredzaamheid/",
        {
            "region": vw.supplier.region_id,
            "name": "Gemeente Velsen",
            "kind": "municipality",
            "phone": "0255 567200",
        },
    )
    supplier = Supplier.objects.get(name="Gemeente Velsen")
    assert made["Location"] == f"/opvang/zelfredzaamheid/{supplier.pk}/"
    assert supplier.phone == "+31255567200"
    twice = client.post(
        "/opvang/zelfredzaamheid/",
        {"region": vw.supplier.region_id, "name": "gemeente velsen", "kind": "municipality"},
    )
    assert twice.status_code == 400
    assert "de regio heeft al een leverancier met die naam" in twice.content.decode()
    assert not _reads()  # counts are no read of names


def test_every_read_of_names_is_audited_without_names(vw: VulnerableWorld) -> None:
    deliver(vw, [row("C1", "Truus de Wit"), row("C2", "Henk Bos", OUTSIDE)])
    services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    case = Case.objects.get()
    client = _client(vw.registry)
    s, i = vw.supplier.pk, vw.cw.incident.pk
    assert "Truus de Wit" in client.get(f"/opvang/zelfredzaamheid/{s}/lijst/").content.decode()
    export = client.get(f"/opvang/zelfredzaamheid/{s}/lijst.csv")
    assert b"Henk Bos" in export.content and export["Cache-Control"] == "no-store, private"
    assert "Truus de Wit" in client.get(f"/incidenten/{i}/opvang/zelfredzaamheid/").content.decode()
    client.get(f"/incidenten/{i}/opvang/zelfredzaamheid/afdrukken/")
    client.get(f"/incidenten/{i}/opvang/zelfredzaamheid/{case.pk}/")
    client.get(f"/api/v1/care/suppliers/{s}/residents/")
    client.get(f"/api/v1/incidents/{i}/care/worklist/")
    client.get(f"/api/v1/care/worklist/{case.pk}/")
    reads = _reads()
    assert [(r["read"], r["object"], r["rows"]) for r in reads] == [
        ("list", "supplier", 2),
        ("export", "supplier", 2),
        ("worklist", "incident", 1),
        ("print", "incident", 1),
        ("case", "incident", 1),
        ("api", "supplier", 2),
        ("api", "incident", 1),
        ("api", "incident", 1),
    ]
    assert {r["actor"] for r in reads} == {str(vw.registry)}
    logged = json.dumps(list(AuditEntry.objects.values("changes", "object_repr", "note")))
    assert "Truus" not in logged and "Henk" not in logged


def test_nobody_without_the_role_finds_the_lists_or_the_worklist(
    vw: VulnerableWorld, world: World
) -> None:
    deliver(vw, [row("C1", "Truus de Wit")])
    services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    case = Case.objects.get()
    # A regional coordinator who also commands shelters, a desk officer, a care coordinator
    # of another region: none of them sees a name.
    Membership.objects.create(user=world.coordinator, role=Role.CARE_OFFICER, region=world.region)
    s, i = vw.supplier.pk, vw.cw.incident.pk
    paths = [
        "/opvang/zelfredzaamheid/",
        f"/opvang/zelfredzaamheid/{s}/",
        f"/opvang/zelfredzaamheid/{s}/lijst/",
        f"/opvang/zelfredzaamheid/{s}/lijst.csv",
        f"/incidenten/{i}/opvang/zelfredzaamheid/",
        f"/incidenten/{i}/opvang/zelfredzaamheid/afdrukken/",
        f"/incidenten/{i}/opvang/zelfredzaamheid/{case.pk}/",
        "/api/v1/care/suppliers/",
        f"/api/v1/care/suppliers/{s}/residents/",
        f"/api/v1/incidents/{i}/care/worklist/",
        f"/api/v1/care/worklist/{case.pk}/",
    ]
    for user in (vw.cw.desk, world.coordinator, vw.cw.outsider):
        client = _client(user)
        for path in paths:
            assert client.get(path).status_code == 404, (user, path)
    assert not _reads()
    # The Opvang tab shows the way in only to those who may go there.
    assert (
        "/opvang/zelfredzaamheid/"
        not in _client(vw.cw.desk).get(f"/incidenten/{i}/opvang/").content.decode()
    )
    assert (
        f"/incidenten/{i}/opvang/zelfredzaamheid/"
        in _client(vw.registry).get(f"/incidenten/{i}/opvang/").content.decode()
    )


def test_the_worklist_filters_by_state_and_need_and_takes_steps(
    vw: VulnerableWorld, world: World
) -> None:
    deliver(
        vw,
        [
            row("C1", "Truus de Wit", need="rolstoel"),
            row("C2", "Els Kok", need="dementie", number="14"),
        ],
    )
    client = _client(vw.coordinator)
    i = vw.cw.incident.pk
    made = client.post(f"/incidenten/{i}/opvang/zelfredzaamheid/bijwerken/", follow=True)
    assert "Werklijst gemaakt: 2 bewoners toegevoegd, 2 op de werklijst." in made.content.decode()
    truus = Case.objects.get(name="Truus de Wit")
    shelter = open_shelter(vw.cw.incident, location(world.velsen, "Sporthal Velsen"))
    step = client.post(
        f"/incidenten/{i}/opvang/zelfredzaamheid/{truus.pk}/",
        {"state": CaseState.EVACUATED, "shelter": shelter.pk, "note": "Met buurvrouw mee"},
    )
    assert step.status_code == 302
    bad = client.post(
        f"/incidenten/{i}/opvang/zelfredzaamheid/{truus.pk}/", {"state": CaseState.EVACUATED}
    )
    assert bad.status_code == 400
    assert "zeg naar welke opvanglocatie" in bad.content.decode()
    names = lambda query: [  # noqa: E731
        c.name
        for c in client.get(f"/incidenten/{i}/opvang/zelfredzaamheid/{query}").context["cases"]
    ]
    assert names("?status=evacuated") == ["Truus de Wit"]
    assert names("?status=to_contact") == ["Els Kok"]
    assert names("?behoefte=dementia") == ["Els Kok"]
    assert names("?behoefte=mobility&status=to_contact") == []
    assert sorted(names("?status=nonsense")) == ["Els Kok", "Truus de Wit"]
    printed = client.get(f"/incidenten/{i}/opvang/zelfredzaamheid/afdrukken/?status=to_contact")
    assert "Els Kok" in printed.content.decode() and "Truus" not in printed.content.decode()


def test_the_worklist_page_says_when_the_incident_has_no_area(world: World) -> None:
    vw = build_vulnerable(world, area=None)
    client = _client(vw.coordinator)
    page = client.get(f"/incidenten/{vw.cw.incident.pk}/opvang/zelfredzaamheid/")
    assert "Het incident heeft nog geen getroffen gebied" in page.content.decode()
    made = client.post(
        f"/incidenten/{vw.cw.incident.pk}/opvang/zelfredzaamheid/bijwerken/", follow=True
    )
    assert "Het incident heeft nog geen getroffen gebied" in made.content.decode()


def test_the_api_delivers_a_list_and_records_a_step(vw: VulnerableWorld, world: World) -> None:
    api = _client(vw.registry)
    s = vw.supplier.pk
    data = csv_of([row("C1", "Truus de Wit", INSIDE), row("C2", "Henk Bos", OUTSIDE)])
    made = api.post(
        f"/api/v1/care/suppliers/{s}/deliveries/", {"file": SimpleUploadedFile("l.csv", data)}
    )
    assert made.status_code == 201, made.content
    assert made.json() == {"rows": 2, "created": 2, "updated": 0, "removed": 0}
    bad = api.post(
        f"/api/v1/care/suppliers/{s}/deliveries/",
        {"file": SimpleUploadedFile("l.csv", csv_of([row("C1", "", number="x")]))},
    )
    assert bad.status_code == 400
    assert [(e["line"], e["column"]) for e in bad.json()["errors"]] == [
        (2, "Naam"),
        (2, "Huisnummer"),
    ]
    listed = api.get("/api/v1/care/suppliers/").json()
    assert [(x["name"], x["residents"], x["placed"]) for x in listed] == [
        ("Zorggroep Velsen", 2, 2)
    ]
    i = vw.cw.incident.pk
    assert api.post(f"/api/v1/incidents/{i}/care/worklist/refresh/").json() == {
        "added": 1,
        "total": 1,
    }
    [case] = api.get(f"/api/v1/incidents/{i}/care/worklist/?state=to_contact").json()
    assert case["name"] == "Truus de Wit" and case["on_list"]
    shelter = open_shelter(vw.cw.incident, location(world.velsen, "Sporthal Velsen"))
    step = api.post(
        f"/api/v1/care/worklist/{case['id']}/",
        {"state": "evacuated", "shelter": shelter.pk},
        content_type="application/json",
    )
    assert step.status_code == 201
    assert step.json()["entries"][-1]["state"] == "evacuated"
    assert step.json()["shelter"] == shelter.pk
    assert api.delete(f"/api/v1/care/suppliers/{s}/").status_code == 204
    assert not Resident.objects.exists()
    assert Case.objects.get().resident is None
