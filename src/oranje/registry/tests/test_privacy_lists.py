"""The SIS outputs: victims, deaths and matching lists as page, CSV and PDF, for the registry
roles only, marked OEFENING for an exercise and written to the read log."""

from __future__ import annotations

import re
import zlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.core.spreadsheet import csv_bytes, safe_cell
from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import InquiryStatus, ReadKind, Status, Whereabouts
from oranje.registry.lists import deaths, matching, victims
from oranje.registry.models import Person, PoliceNotice, ReadLog
from oranje.registry.services.inquiries import inquiry_create
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _filled(rw: RegistryWorld) -> None:
    register(rw, given="Johannes", surname="Vries", where=Whereabouts.SHELTER)
    register(
        rw,
        given="Pieter",
        prefix="",
        surname="Bakker",
        birth=(1961, None, None),
        status=Status.HOSPITALISED,
        where=Whereabouts.HOSPITAL,
    )
    dead = register(
        rw, given="Grietje", prefix="", surname="Smit", status=Status.DECEASED, where="elsewhere"
    )
    PoliceNotice.objects.create(person=dead, asked_at=timezone.now(), asked_by=rw.officer)
    inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    inquiry_create(
        incident=rw.incident,
        actor=rw.officer,
        data=inquiry_data(given_names="Xerxes", surname="Onbekend", birth_year=None),
    )


def test_the_victims_list_has_every_person_with_status_and_where(rw: RegistryWorld) -> None:
    _filled(rw)
    table = victims(rw.incident)
    assert [row[1] for row in table.rows] == ["Johannes de Vries", "Pieter Bakker", "Grietje Smit"]
    bakker = table.rows[1]
    assert (
        bakker[2] == "1961" and bakker[4] == "opgenomen in ziekenhuis" and bakker[5] == "ziekenhuis"
    )
    assert table.rows[0][8] == "aanmelding opvang"


def test_the_deaths_list_shows_the_police_state(rw: RegistryWorld) -> None:
    _filled(rw)
    table = deaths(rw.incident)
    assert len(table.rows) == 1
    assert table.rows[0][1] == "Grietje Smit"
    assert table.rows[0][6] and not table.rows[0][7]
    assert "politie gevraagd" in table.rows[0][8]


def test_the_matching_list_has_every_inquiry_with_its_state(rw: RegistryWorld) -> None:
    _filled(rw)
    table = matching(rw.incident)
    assert [row[0] for row in table.rows] == ["V1", "V2"]
    first, second = table.rows
    assert "Johannes de Vries" in first[6] and first[8] == "voorgesteld" and first[9] == "open"
    assert second[6] == "" and second[8] == "geen kandidaat"
    # Once confirmed, the list says so.
    cand = rw.incident.inquiries.get(number=1).candidates.order_by("-score").first()
    assert cand is not None
    services.candidate_confirm(candidate=cand, actor=rw.officer)
    row = matching(rw.incident).rows[0]
    assert row[8] == "bevestigd" and row[9] == str(InquiryStatus.FOUND.label)


@pytest.mark.parametrize("which", ["slachtoffers", "doden", "match"])
def test_each_list_as_page_csv_and_pdf_is_read_logged(rw: RegistryWorld, which: str) -> None:
    _filled(rw)
    client = _client(rw.officer)
    page = client.get(reverse("registry:list", args=[rw.incident.pk, which]))
    assert page.status_code == 200
    csv = client.get(reverse("registry:list_csv", args=[rw.incident.pk, which]))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.startswith("\ufeff".encode())
    pdf = client.get(reverse("registry:list_pdf", args=[rw.incident.pk, which]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    reads = list(
        ReadLog.objects.filter(incident=rw.incident, kind=ReadKind.LIST, user=rw.officer)
        .order_by("pk")
        .values_list("what", flat=True)
    )
    assert len(reads) == 3 and reads[1].endswith(".csv") and reads[2].endswith(".pdf")


def test_the_lists_are_for_the_registry_roles_of_the_region_only(
    rw: RegistryWorld, world: World
) -> None:
    _filled(rw)
    for user in (world.coordinator, rw.outsider):
        client = _client(user)
        for name in ("registry:list", "registry:list_csv", "registry:list_pdf"):
            url = reverse(name, args=[rw.incident.pk, "slachtoffers"])
            assert client.get(url).status_code == 404
    assert not ReadLog.objects.exists()
    unknown = reverse("registry:list", args=[rw.incident.pk, "geheim"])
    assert _client(rw.officer).get(unknown).status_code == 404


def _pdf_pages(pdf: bytes) -> list[str]:
    """The text drawn on each page (fpdf2 compresses each page's content stream)."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    return out


def test_an_exercise_list_says_oefening_everywhere(world: World) -> None:
    rw = build_registry(world, exercise=True)
    for n in range(60):
        Person.objects.create(incident=rw.incident, given_names=f"Oefen{n}", surname="Persoon")
    client = _client(rw.officer)
    page = client.get(reverse("registry:list", args=[rw.incident.pk, "slachtoffers"]))
    html = page.content.decode()
    # Above and below the table: thead and tfoot repeat on every printed page.
    assert html.count('class="exercise-mark">OEFENING<') == 2
    csv = client.get(reverse("registry:list_csv", args=[rw.incident.pk, "slachtoffers"]))
    assert csv.content.decode("utf-8-sig").splitlines()[0] == "OEFENING"
    assert "OEFENING-slachtofferlijst" in csv["Content-Disposition"]
    pdf = client.get(reverse("registry:list_pdf", args=[rw.incident.pk, "slachtoffers"]))
    assert "OEFENING-" in pdf["Content-Disposition"]
    # Every page of the document (60 persons take more than one), whatever text of the
    # names each page's stream happens to hold.
    pages = [page for page in _pdf_pages(pdf.content) if " Tj" in page]
    assert len(pages) >= 2
    # Above (the header) and below (the footer) on every page.
    assert all(page.count("OEFENING") >= 2 for page in pages)


def test_a_real_list_has_no_marking(rw: RegistryWorld) -> None:
    register(rw)
    csv = _client(rw.officer).get(reverse("registry:list_csv", args=[rw.incident.pk, "doden"]))
    assert "OEFENING" not in csv.content.decode("utf-8-sig")


def test_csv_cells_never_become_formulas(rw: RegistryWorld) -> None:
    register(rw, given='=HYPERLINK("http://x")', surname="@SUM(A1)")
    body = _client(rw.officer).get(
        reverse("registry:list_csv", args=[rw.incident.pk, "slachtoffers"])
    )
    text = body.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=" not in text
    assert safe_cell("+31612345678") == "'+31612345678"
    assert safe_cell("-1") == "'-1" and safe_cell("Jansen") == "Jansen"
    assert csv_bytes(["a"], [["=1"]]).decode("utf-8-sig") == "a\r\n'=1\r\n"


def test_the_lists_through_the_api(rw: RegistryWorld, world: World) -> None:
    _filled(rw)
    url = f"/api/v1/incidents/{rw.incident.pk}/registry/lists/doden/"
    body = _client(rw.officer).get(url).json()
    assert body["list"] == "dodenlijst" and body["marking"] == ""
    assert body["rows"][0][1] == "Grietje Smit"
    assert ReadLog.objects.filter(what="dodenlijst (API)", user=rw.officer).count() == 1
    assert _client(world.coordinator).get(url).status_code == 404
