"""A published situation report leaves Oranje as EDXL-SitRep 1.0: valid against the schema
files kept in the repository (cs02's header order, a field-observation report), mapped from
the report, never a draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from lxml import etree

from oranje.core.models import AuditEntry
from oranje.incidents import services
from oranje.incidents.edxl import (
    CT_NS,
    EDXL_STRING_MAX,
    SITREP_NS,
    XSI_NS,
    NotPublished,
    report_as_sitrep,
    validate_sitrep,
)
from oranje.incidents.models import SituationReport
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _published(world: World, incident, **text) -> SituationReport:  # type: ignore[no-untyped-def]
    report = services.report_draft(actor=world.coordinator, incident=incident)
    services.report_approve(actor=world.coordinator, report=report, **text)
    services.report_publish(actor=world.coordinator, report=report)
    report.refresh_from_db()
    return report


NS = {"s": SITREP_NS, "ct": CT_NS}


def _text(document: bytes, path: str) -> str:
    root = etree.fromstring(document)
    found = root.find(path, NS)
    assert found is not None, path
    return str(found.text)


def test_a_published_report_is_valid_edxl_sitrep_with_the_reports_content(world: World) -> None:
    incident = start_incident(world, title="Gasstoring Velsen-Noord")
    scale(world, incident, level=3)
    report = _published(
        world,
        incident,
        summary="1.300 huishoudens zonder gas.",
        sections={"shelter": {"picture": "Sporthal open", "advice": "Opvang tot 22 uur"}},
    )
    document = report_as_sitrep(report)
    assert validate_sitrep(document) == []
    assert _text(document, "s:messageID") == f"oranje-VR12-{incident.pk}-v1"
    assert "Gasstoring Velsen-Noord" in _text(document, "s:reportTitle")
    assert _text(document, "s:incidentID") == f"VR12-{incident.pk}"
    assert _text(document, "s:reportNumber") == "1"
    assert _text(document, "s:reportVersion") == "Initial"
    assert _text(document, "s:severity") == "Severe"
    assert _text(document, "s:reportConfidence") == "HighlyConfident"
    root = etree.fromstring(document)
    # SitRep's header has no incident name, and a first report names no other message.
    assert root.find("s:incidentName", NS) is None
    assert root.find("s:originatingMessageID", NS) is None
    body = root.find("s:report", NS)
    assert body is not None
    assert body.get(f"{{{XSI_NS}}}type") == "sitrep:FieldObservationType"
    code = "s:report/s:observationLocation/ct:EDXLGeoPoliticalLocation/ct:geoCode/ct:value"
    assert _text(document, code) == "GM0453"
    assert _text(document, "s:report/s:immediateNeedsCategory") == "MassCare"
    needs = _text(document, "s:report/s:immediateNeeds")
    assert needs.lower() == "opvang en verzorging: opvang tot 22 uur"
    text = _text(document, "s:report/s:observationText")
    assert "1.300 huishoudens zonder gas." in text
    assert "opvang en verzorging" in text.lower()
    assert "Beeld: Sporthal open" in text
    assert "Besluit / advies: Opvang tot 22 uur" in text
    # Date-times with an offset and without fractions, as EDXL requires.
    moment = _text(document, "s:forTimePeriod/ct:toDateTime")
    assert "." not in moment and moment[-6] in "+-"


def test_a_later_version_is_an_update_pointing_at_the_previous_one(world: World) -> None:
    incident = start_incident(world)
    first = _published(world, incident, summary="Eerste beeld")
    second = _published(world, incident, summary="Tweede beeld")
    document = report_as_sitrep(second)
    assert validate_sitrep(document) == []
    assert _text(document, "s:reportNumber") == "2"
    assert _text(document, "s:reportVersion") == "Update"
    assert _text(document, "s:precedingMessageID") == f"oranje-VR12-{incident.pk}-v1"
    assert _text(document, "s:originatingMessageID") == f"oranje-VR12-{incident.pk}-v1"
    assert first.published_at is not None
    assert _text(document, "s:forTimePeriod/ct:fromDateTime").startswith(
        first.published_at.astimezone().strftime("%Y-%m-%d")
    )


def test_an_exercise_says_oefening(world: World) -> None:
    report = _published(world, start_incident(world, exercise=True), summary="Oefenbeeld")
    document = report_as_sitrep(report)
    assert validate_sitrep(document) == []
    assert _text(document, "s:reportPurpose").startswith("OEFENING")
    assert _text(document, "s:reportTitle").startswith("OEFENING")
    assert _text(document, "s:report/s:immediateNeeds").startswith("OEFENING")
    assert _text(document, "s:report/s:observationText").startswith("OEFENING")


def test_a_long_report_stays_whole_in_the_text_and_is_cut_only_in_the_edxl_strings(
    world: World,
) -> None:
    """EDXL strings hold at most 1023 characters: the advice in immediateNeeds is cut with
    "…", the narrative (observationText) keeps everything."""
    advice = "Opvang in sporthal De Hoek tot 22 uur, daarna doorverwijzen. " * 30
    report = _published(
        world,
        start_incident(world),
        summary="Beeld " * 400,
        sections={"shelter": {"advice": advice}},
    )
    document = report_as_sitrep(report)
    assert validate_sitrep(document) == []
    needs = _text(document, "s:report/s:immediateNeeds")
    assert len(needs) == EDXL_STRING_MAX and needs.endswith("…")
    text = _text(document, "s:report/s:observationText")
    assert advice.strip() in text and len(text) > 2 * EDXL_STRING_MAX


def test_a_draft_is_not_exported(world: World) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    with pytest.raises(NotPublished):
        report_as_sitrep(report)


def test_the_schema_refuses_what_edxl_does_not_allow(world: World) -> None:
    report = _published(world, start_incident(world), summary="Beeld")
    good = report_as_sitrep(report).decode()
    assert validate_sitrep(good.replace("HighlyConfident", "Zeker")) != []

    def changed(change: Callable[[Any], None]) -> list[str]:
        root = etree.fromstring(good.encode())
        change(root)
        return validate_sitrep(etree.tostring(root))

    def utc(root: Any) -> None:
        root.find("s:forTimePeriod/ct:toDateTime", NS).text = "2026-01-15T10:00:00Z"

    def without_end(root: Any) -> None:
        period = root.find("s:forTimePeriod", NS)
        period.remove(period.find("ct:toDateTime", NS))

    def incident_name(root: Any) -> None:
        name = etree.Element(f"{{{SITREP_NS}}}incidentName")
        name.text = "Gasstoring"
        root.find("s:reportTitle", NS).addnext(name)

    def long_title(root: Any) -> None:
        root.find("s:reportTitle", NS).text = "x" * (EDXL_STRING_MAX + 1)

    def swapped(root: Any) -> None:
        root.find("s:reportConfidence", NS).addprevious(root.find("s:severity", NS))

    def without_incident(root: Any) -> None:
        root.remove(root.find("s:incidentID", NS))

    for change in (utc, without_end, incident_name, long_title, swapped, without_incident):
        assert changed(change) != [], change.__name__
    assert changed(lambda root: None) == []


def test_staff_download_only_published_versions_and_it_is_audited(world: World) -> None:
    incident = start_incident(world)
    draft = services.report_draft(actor=world.coordinator, incident=incident)
    client = Client()
    client.force_login(world.viewer)
    url = f"/incidenten/{incident.pk}/situatierapport/{draft.version}.edxl.xml"
    assert client.get(url).status_code == 404
    services.report_approve(actor=world.coordinator, report=draft, summary="Beeld")
    services.report_publish(actor=world.coordinator, report=draft)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert validate_sitrep(response.content) == []
    assert AuditEntry.objects.filter(
        action="report.edxl_export", actor=world.viewer, object_id=str(draft.pk)
    ).exists()
    outsider = Client()
    outsider.force_login(world.outsider)
    assert outsider.get(url).status_code == 404


def test_the_report_page_links_the_edxl_download_once_published(world: World) -> None:
    incident = start_incident(world)
    report = services.report_draft(actor=world.coordinator, incident=incident)
    client = Client()
    client.force_login(world.coordinator)
    page = f"/incidenten/{incident.pk}/situatierapport/{report.version}/"
    link = f"/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml"
    assert link not in client.get(page).content.decode()
    services.report_approve(actor=world.coordinator, report=report, summary="Beeld")
    services.report_publish(actor=world.coordinator, report=report)
    assert link in client.get(page).content.decode()


def test_the_report_list_links_the_edxl_of_each_published_version(world: World) -> None:
    incident = start_incident(world)
    first = _published(world, incident, summary="Beeld")
    draft = services.report_draft(actor=world.coordinator, incident=incident)
    client = Client()
    client.force_login(world.viewer)
    page = client.get(f"/incidenten/{incident.pk}/situatierapport/").content.decode()
    base = f"/incidenten/{incident.pk}/situatierapport/"
    assert f'href="{base}{first.version}.edxl.xml"' in page
    assert f"{base}{draft.version}.edxl.xml" not in page


def test_control_characters_in_a_stored_report_or_title_do_not_break_the_download(
    world: World,
) -> None:
    """Word's manual line break (a vertical tab) pasted into a report stored before input was
    cleaned: the download still works, valid, with the break as a newline."""
    incident = start_incident(world, title="Gasstoring\x0cVelsen-Noord\x01")
    report = _published(world, incident, summary="Regel 1\x0bRegel 2\x1b")
    SituationReport.objects.filter(pk=report.pk).update(summary="Regel 1\x0bRegel 2\x1b")
    type(incident).objects.filter(pk=incident.pk).update(title="Gasstoring\x0cVelsen-Noord\x01")
    report.refresh_from_db()
    document = report_as_sitrep(report)
    assert validate_sitrep(document) == []
    # An EDXL string is a token: the break becomes a space there; the narrative keeps it.
    assert _text(document, "s:reportTitle").endswith("Gasstoring Velsen-Noord")
    assert "Regel 1\nRegel 2" in _text(document, "s:report/s:observationText")
    client = Client(raise_request_exception=False)
    client.force_login(world.viewer)
    response = client.get(f"/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml")
    assert response.status_code == 200
    assert validate_sitrep(response.content) == []
