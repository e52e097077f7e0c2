"""Deliveries of lists of people with reduced self-reliance: every bad row reported, a failed
file keeps nothing, a new delivery replaces the supplier's list (and only that supplier's),
deleting a list, the column mapping remembered per supplier."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from openpyxl import Workbook

from oranje.care import vulnerable_rows
from oranje.care.models import Case, Resident, Supplier
from oranje.care.services import vulnerable as services
from oranje.care.tests.vulnerable_factories import (
    HEADER,
    OUTSIDE,
    build_vulnerable,
    csv_of,
    deliver,
    row,
)
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_a_good_list_is_read_with_its_needs_and_address(world: World) -> None:
    vw = build_vulnerable(world)
    result = deliver(
        vw,
        [
            row("C1", "Truus de Wit", need="rolstoel, zuurstof"),
            row("C2", "Henk Bos", OUTSIDE, number="3a", need="dementie, spreekt geen Nederlands"),
            row("C3", "Els Kok", None, need="", phone=""),
        ],
    )
    assert result.ok, result.problems
    assert (result.rows, result.created, result.updated, result.removed) == (3, 3, 0, 0)
    truus = Resident.objects.get(ref="C1")
    assert (truus.need_mobility, truus.need_devices, truus.need_dementia) == (True, True, False)
    assert truus.need_note == "rolstoel, zuurstof"
    assert (truus.postcode, truus.phone, truus.latitude) == ("1951AB", "+31612345678", 52.475)
    henk = Resident.objects.get(ref="C2")
    assert (henk.house_number, henk.house_addition) == (3, "A")
    assert henk.need_dementia and henk.need_language and not henk.need_mobility
    assert Resident.objects.get(ref="C3").latitude is None
    vw.supplier.refresh_from_db()
    assert vw.supplier.delivered_at is not None
    entry = AuditEntry.objects.get(action=AuditAction.VULNERABLE_IMPORT)
    assert entry.changes["created"] == 3
    assert "Truus" not in str(entry.changes) + entry.object_repr


def test_yes_no_columns_set_the_needs(world: World) -> None:
    vw = build_vulnerable(world)
    data = csv_of(
        [["A1", "Kees Smit", "ja", "nee", "x", ""], ["A2", "Ria Smit", "nee", "J", "", "nee"]],
        header=["id", "naam", "mobiliteit", "zuurstof", "dementie", "taal"],
    )
    result = services.list_deliver(
        actor=vw.coordinator,
        supplier=vw.supplier,
        file_name="lijst.csv",
        data=data,
        mapping=vulnerable_rows.guess_mapping(
            ["id", "naam", "mobiliteit", "zuurstof", "dementie", "taal"]
        ),
    )
    assert result.ok, result.problems
    kees, ria = Resident.objects.get(ref="A1"), Resident.objects.get(ref="A2")
    assert (kees.need_mobility, kees.need_devices, kees.need_dementia) == (True, False, True)
    assert (ria.need_mobility, ria.need_devices, ria.need_language) == (False, True, False)


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_kept(world: World) -> None:
    vw = build_vulnerable(world)
    deliver(vw, [row("OLD", "Oude Bewoner")])
    bad = [
        row("C1", "Truus de Wit"),
        row("C2", "", number="12"),
        row("C3", "Henk Bos", (123.0, 4.6)),
        ["C4", "Els Kok", "Dorpsstraat", "nul", "12345", "Velsen", "52.4", "4.6", "", "bel mij"],
        row("C1", "Dubbel Id"),
    ]
    result = deliver(vw, bad)
    assert not result.ok
    found = {(p.line, p.column) for p in result.problems}
    assert found == {
        (3, "Naam"),
        (4, "Breedtegraad"),
        (5, "Huisnummer"),
        (5, "Postcode"),
        (5, "Telefoon"),
        (6, "Cliëntnummer"),
    }
    messages = " ".join(p.message for p in result.problems)
    assert "naam: ontbreekt" in messages
    assert "postcode: '12345' is geen Nederlandse postcode" in messages
    assert "ook op rij 2" in messages
    # The old list stands as it was.
    assert list(Resident.objects.values_list("ref", flat=True)) == ["OLD"]


def test_a_file_that_is_no_table_is_refused_in_dutch(world: World) -> None:
    vw = build_vulnerable(world)
    with pytest.raises(ValidationError) as caught:
        services.upload_store(
            actor=vw.coordinator, supplier=vw.supplier, file_name="x.pdf", data=b"%PDF-1.4\x00\x01"
        )
    assert "CSV" in caught.value.messages[0]


def test_a_mapping_without_the_name_column_is_refused(world: World) -> None:
    vw = build_vulnerable(world)
    result = services.list_deliver(
        actor=vw.coordinator,
        supplier=vw.supplier,
        file_name="lijst.csv",
        data=csv_of([row("C1", "Truus")]),
        mapping={"ref": "Cliëntnummer", "latitude": "Breedtegraad"},
    )
    messages = [p.message for p in result.problems]
    assert "Kies de kolom met de naam." in messages
    assert any("breedtegraad en lengtegraad" in m for m in messages)


def test_a_new_delivery_replaces_the_suppliers_list_and_no_other(world: World) -> None:
    vw = build_vulnerable(world)
    other = Supplier.objects.create(region=world.region, name="Gemeente Velsen")
    Resident.objects.create(supplier=other, ref="C1", name="Bij een ander")
    deliver(vw, [row("C1", "Truus de Wit"), row("C2", "Henk Bos"), row("C3", "Els Kok")])
    truus = Resident.objects.get(supplier=vw.supplier, ref="C1")
    henk = Resident.objects.get(supplier=vw.supplier, ref="C2")
    case = Case.objects.create(incident=vw.cw.incident, resident=henk, name="Henk Bos")
    result = deliver(
        vw,
        [
            row("C1", "Truus de Wit", need="rolstoel, dementie"),
            row("C3", "Els Kok"),
            row("C9", "Nieuw"),
        ],
    )
    assert (result.created, result.updated, result.removed) == (1, 1, 1)
    # Updated in place (same row), the one no longer delivered removed, a new one added.
    assert Resident.objects.get(pk=truus.pk).need_dementia
    assert not Resident.objects.filter(pk=henk.pk).exists()
    assert set(Resident.objects.filter(supplier=vw.supplier).values_list("ref", flat=True)) == {
        "C1",
        "C3",
        "C9",
    }
    # The worklist case keeps its copy; the other supplier's list is untouched.
    case.refresh_from_db()
    assert case.resident is None and case.name == "Henk Bos"
    assert Resident.objects.filter(supplier=other).count() == 1


def test_rows_without_an_id_are_found_again_by_name_and_address(world: World) -> None:
    vw = build_vulnerable(world)
    deliver(vw, [row("", "Truus de Wit"), row("", "Henk Bos", number="4")])
    first = Resident.objects.get(name="Truus de Wit")
    result = deliver(vw, [row("", "Truus de Wit", phone="0611111111")])
    assert (result.created, result.updated, result.removed) == (0, 1, 1)
    assert Resident.objects.get().pk == first.pk


def test_deleting_the_list_keeps_the_supplier_unless_asked(world: World) -> None:
    vw = build_vulnerable(world)
    deliver(vw, [row("C1", "Truus de Wit"), row("C2", "Henk Bos")])
    case = Case.objects.create(
        incident=vw.cw.incident, resident=Resident.objects.get(ref="C1"), name="Truus de Wit"
    )
    assert (
        services.supplier_delete(actor=vw.registry, supplier=vw.supplier, with_supplier=False) == 2
    )
    assert Supplier.objects.filter(pk=vw.supplier.pk).exists()
    assert not Resident.objects.exists()
    case.refresh_from_db()
    assert case.name == "Truus de Wit" and case.resident is None
    deliver(vw, [row("C1", "Truus de Wit")])
    services.supplier_delete(actor=vw.coordinator, supplier=vw.supplier, with_supplier=True)
    assert not Supplier.objects.filter(pk=vw.supplier.pk).exists()
    assert not Resident.objects.exists()
    entries = AuditEntry.objects.filter(action=AuditAction.SUPPLIER_DELETE)
    assert [e.changes["supplier_removed"] for e in entries.order_by("pk")] == [False, True]


def test_the_mapping_is_remembered_for_the_suppliers_next_list(world: World) -> None:
    vw = build_vulnerable(world)
    header = ["Nummer X", "Wie", "Adres", "Hnr", "PC", "Plaats", "Y", "X"]
    data = csv_of(
        [["7", "Truus de Wit", "Dorpsstraat", "1", "1951AB", "Velsen", "52.475", "4.63"]],
        header=header,
    )
    guessed = vulnerable_rows.guess_mapping(header, vw.supplier.mapping)
    assert "name" not in guessed  # "Wie" means nothing to the guesser
    chosen = {
        "ref": "Nummer X",
        "name": "Wie",
        "street": "Adres",
        "house_number": "Hnr",
        "postcode": "PC",
        "city": "Plaats",
        "latitude": "Y",
        "longitude": "X",
    }
    upload = services.upload_store(
        actor=vw.coordinator, supplier=vw.supplier, file_name="lijst.csv", data=data
    )
    result = services.list_deliver(
        actor=vw.coordinator,
        supplier=vw.supplier,
        file_name=upload.file_name,
        data=bytes(upload.data),
        mapping=chosen,
        upload=upload,
    )
    assert result.ok, result.problems
    vw.supplier.refresh_from_db()
    assert vw.supplier.mapping == chosen
    # The next delivery in the same layout (the header's case changed) is mapped as before.
    again = vulnerable_rows.guess_mapping([h.upper() for h in header], vw.supplier.mapping)
    assert again == {name: h.upper() for name, h in chosen.items()}


def test_an_xlsx_list_is_read_as_well(world: World) -> None:
    vw = build_vulnerable(world)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(
        [
            "C1",
            "Truus de Wit",
            "Dorpsstraat",
            12,
            "1951AB",
            "Velsen",
            52.475,
            4.63,
            "zuurstof",
            "0612345678",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    result = services.list_deliver(
        actor=vw.coordinator,
        supplier=vw.supplier,
        file_name="lijst.xlsx",
        data=data,
        mapping=vulnerable_rows.guess_mapping(HEADER),
    )
    assert result.ok, result.problems
    assert Resident.objects.get().need_devices


def test_who_may_not_see_the_lists_cannot_deliver_one(world: World) -> None:
    vw = build_vulnerable(world)
    for user in (vw.cw.desk, vw.cw.outsider, world.coordinator):
        with pytest.raises(Http404):
            deliver(vw, [row("C1", "Truus de Wit")], actor=user)
    assert not Resident.objects.exists()


def test_a_delivery_nobody_maps_is_dropped_by_the_workers_upkeep(world: World) -> None:
    import datetime as dt

    from django.utils import timezone

    from oranje.care.models import ListUpload

    vw = build_vulnerable(world)
    data = csv_of([row("1", "Cor de Wit")])
    fresh = services.upload_store(
        actor=vw.coordinator, supplier=vw.supplier, file_name="lijst.csv", data=data
    )
    old = services.upload_store(
        actor=vw.coordinator, supplier=vw.supplier, file_name="oud.csv", data=data
    )
    ListUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - services.UPLOAD_TTL - dt.timedelta(minutes=1)
    )
    assert services.stale_uploads_upkeep() == 1
    assert list(ListUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
