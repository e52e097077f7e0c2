"""Invitations: the municipality's address file (every bad row reported with its line and
field, nothing kept of a failed batch, an address already invited skipped), the letters (new
codes for the chosen unused invitations, only the hash kept, the code and a QR of the link
on the letter), reading the address list audited, closing the survey deleting addresses."""

from __future__ import annotations

import io
import re
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from openpyxl import Workbook

from oranje.core.models import AuditEntry
from oranje.learning import codes
from oranje.learning.models import Invitation
from oranje.learning.services import surveys as services
from oranje.learning.services import surveys_invitations as invitations
from oranje.learning.tests.surveys_helpers import client_for, csv_file, make_survey
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def pdf_text(document: bytes) -> str:
    assert document.startswith(b"%PDF-")
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def test_a_good_file_becomes_invitations_without_a_code(world: World) -> None:
    survey = make_survey(world)
    report = invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(
            ["Dorpsstraat 1;1951AA;Velsen-Noord", "Wijkeroogstraat 12a;1951 ab;Velsen-Noord"]
        ),
        filename="adressen.csv",
    )
    assert report.ok and report.created == 2
    rows = list(Invitation.objects.filter(survey=survey).order_by("street"))
    assert [r.postcode for r in rows] == ["1951 AA", "1951 AB"]
    assert all(r.postcode_area == "1951" and r.letter_made_at is None for r in rows)
    assert all(r.code_hash.startswith("none-") for r in rows)
    # Again, with one new address: the known one is skipped.
    again = invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(["dorpsstraat 1;1951 AA;Velsen-Noord", "Zeestraat 3;1952 BC;Velsen"]),
        filename="adressen.csv",
    )
    assert again.created == 1 and again.skipped == 1
    assert AuditEntry.objects.filter(action="survey.addresses").count() == 2


def test_street_and_house_number_apart_and_an_excel_file(world: World) -> None:
    survey = make_survey(world)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Straat", "Huisnummer", "Toevoeging", "Postcode", "Woonplaats"])
    sheet.append(["Dorpsstraat", 7, "b", "1951AA", "Velsen-Noord"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    report = invitations.addresses_import(
        actor=world.coordinator, survey=survey, stream=buffer, filename="lijst.xlsx"
    )
    assert report.ok, report.errors
    assert Invitation.objects.get(survey=survey).street == "Dorpsstraat 7B"


def test_every_bad_row_is_named_and_nothing_is_kept(world: World) -> None:
    survey = make_survey(world)
    client = client_for(world.coordinator)
    upload = csv_file(
        [
            "Dorpsstraat 1;1951 AA;Velsen-Noord",
            "Dorpsstraat;1951 AA;Velsen-Noord",
            "Zeestraat 4;19510;Velsen",
            "Kerkweg 2;1951 AC;",
        ]
    )
    response = client.post(f"/leren/enquetes/{survey.pk}/adressen/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets ingelezen." in page
    assert "Regel 3, straat en huisnummer:" in page and "het huisnummer ontbreekt" in page
    assert "Regel 4, postcode:" in page
    assert "Regel 5, plaats:" in page and "plaats: ontbreekt." in page
    assert not Invitation.objects.filter(survey=survey).exists()
    # A file that is no table, and no file at all: a message on the field.
    junk = io.BytesIO(b"%PDF-1.4 \x00\x01binary")
    junk.name = "brief.pdf"
    page = client.post(f"/leren/enquetes/{survey.pk}/adressen/", {"file": junk}).content.decode()
    assert "Er is niets ingelezen." in page
    page = client.post(f"/leren/enquetes/{survey.pk}/adressen/", {}).content.decode()
    assert "Adressenlijst: kies een bestand." in page


def test_a_missing_column_is_named(world: World) -> None:
    survey = make_survey(world)
    report = invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(["Dorpsstraat 1;Velsen"], header="adres;plaats"),
        filename="a.csv",
    )
    assert not report.ok and "postcode" in report.errors[0].message


@override_settings(SITE_URL="https://oranje.example.nl")
def test_letters_give_new_codes_and_only_the_hash_is_kept(world: World) -> None:
    survey = make_survey(world)
    invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(["Dorpsstraat 1;1951AA;Velsen-Noord", "Zeestraat 3;1952 BC;Velsen"]),
        filename="a.csv",
    )
    client = client_for(world.coordinator)
    response = client.post(f"/leren/enquetes/{survey.pk}/brieven/", {"which": "new"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Onderwerp: Uw mening telt" in text and "Your opinion" not in text
    assert "Beste bewoner," in text and "Dorpsstraat 1" in text and "1951 AA  VELSEN-NOORD" in text
    assert f"https://oranje.example.nl/enquete/{survey.token}/" in text
    shown = re.findall(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", text)
    assert len(shown) == 2
    first = Invitation.objects.get(survey=survey, street="Dorpsstraat 1")
    hashes = {codes.code_hash(codes.normalise(c) or "") for c in shown}
    assert first.code_hash in hashes and first.letter_made_at is not None
    assert not any(c.replace("-", "") in str(first.__dict__) for c in shown)
    # Nothing without a letter left: a message naming the choice.
    again = client.post(f"/leren/enquetes/{survey.pk}/brieven/", {"which": "new"})
    assert again.status_code == 400
    assert "er zijn geen adressen zonder brief" in again.content.decode()
    # Reprinting for every unused address: new codes, the old ones stop working; a used
    # invitation keeps its code.
    Invitation.objects.filter(pk=first.pk).update(used_at=first.letter_made_at)
    before = dict(Invitation.objects.filter(survey=survey).values_list("pk", "code_hash"))
    pairs, count = invitations.letters_make(actor=world.coordinator, survey=survey, which="unused")
    assert count == 1 and pairs[0][0].street == "Zeestraat 3"
    after = dict(Invitation.objects.filter(survey=survey).values_list("pk", "code_hash"))
    assert after[first.pk] == before[first.pk]
    other = pairs[0][0].pk
    assert after[other] == codes.code_hash(pairs[0][1]) != before[other]
    assert AuditEntry.objects.filter(action="survey.letters").count() == 2


def test_reading_the_address_list_is_audited(world: World) -> None:
    survey = make_survey(world)
    invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(["Dorpsstraat 1;1951AA;Velsen-Noord"]),
        filename="a.csv",
    )
    page = client_for(world.coordinator).get(f"/leren/enquetes/{survey.pk}/adressen/")
    assert "Dorpsstraat 1" in page.content.decode()
    entry = AuditEntry.objects.get(action="survey.addresses_read")
    assert entry.changes == {"addresses": 1} and entry.actor == world.coordinator


def test_closing_deletes_the_addresses_and_keeps_the_area(world: World) -> None:
    survey = make_survey(world)
    invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(["Dorpsstraat 1;1951AA;Velsen-Noord"]),
        filename="a.csv",
    )
    client = client_for(world.coordinator)
    # Closing a survey still in preparation is refused with a message.
    refused = client.post(f"/leren/enquetes/{survey.pk}/status/", {"status": "closed"})
    assert refused.status_code == 400 and "status:" in refused.content.decode()
    assert (
        client.post(f"/leren/enquetes/{survey.pk}/status/", {"status": "open"}).status_code == 302
    )
    assert (
        client.post(f"/leren/enquetes/{survey.pk}/status/", {"status": "closed"}).status_code == 302
    )
    invitation = Invitation.objects.get(survey=survey)
    assert (invitation.street, invitation.postcode, invitation.place) == ("", "", "")
    assert invitation.postcode_area == "1951"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"survey.status", "survey.addresses_delete"} <= actions
    with pytest.raises(ValidationError):
        invitations.letters_make(actor=world.coordinator, survey=survey)
    with pytest.raises(ValidationError):
        services.survey_set_status(actor=world.coordinator, survey=survey, status="open")


def test_an_exercise_says_oefening_on_its_letters(world: World) -> None:
    from oranje.incidents.tests.factories import start_incident

    survey = make_survey(world, incident=start_incident(world, exercise=True, title="Oefening"))
    invitations.addresses_import(
        actor=world.coordinator,
        survey=survey,
        stream=csv_file(["Dorpsstraat 1;1951AA;Velsen-Noord"]),
        filename="a.csv",
    )
    response = client_for(world.coordinator).post(
        f"/leren/enquetes/{survey.pk}/brieven/", {"which": "new"}
    )
    assert "OEFENING" in pdf_text(response.content)


def test_the_letters_qr_code_has_a_fixed_mask_and_is_one_path() -> None:
    from oranje.learning import surveys_letters

    qr = surveys_letters.letter_qr("https://oranje.example.nl/enquete/k7mpx3qd/?code=KX7P-M3QD")
    assert qr.mask == surveys_letters.LETTER_QR_MASK  # no scoring of all eight masks
    matrix = qr.matrix
    runs = sum(
        1 for line in matrix for i, dark in enumerate(line) if dark and (i == 0 or not line[i - 1])
    )
    path = surveys_letters.qr_path(matrix, 150.0, 100.0, 1.0, 72 / 25.4, 297.0)
    assert path.count(" re") == runs and path.endswith("\nf")
