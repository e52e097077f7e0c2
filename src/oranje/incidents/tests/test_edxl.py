"""A published situation report leaves Oranje as EDXL-SitRep 1.0: valid against the schema
files kept in the repository, mapped from the report, never a draft."""

from __future__ import annotations

import pytest
from django.test import Client
from lxml import etree

from oranje.core.models import AuditEntry
from oranje.incidents import services
from oranje.incidents.edxl import (
    CT_NS,
    SITREP_NS,
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


def _text(document: bytes, path: str) -> str:
    root = etree.fromstring(document)
    found = root.find(path, {"s": SITREP_NS, "ct": CT_NS})
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
    assert _text(document, "s:incidentName") == "Gasstoring Velsen-Noord"
    assert _text(document, "s:incidentID") == f"VR12-{incident.pk}"
    assert _text(document, "s:reportNumber") == "1"
    assert _text(document, "s:reportVersion") == "Initial"
    assert _text(document, "s:severity") == "Severe"
    assert _text(document, "s:reportConfidence") == "HighlyConfident"
    summary = _text(document, "s:report/s:situationSummary")
    assert "1.300 huishoudens zonder gas." in summary
    assert "Opvang en verzorging" in summary or "opvang en verzorging" in summary.lower()
    assert "Beeld: Sporthal open" in summary
    assert "Besluit / advies: Opvang tot 22 uur" in summary
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
    assert first.published_at is not None
    assert _text(document, "s:forTimePeriod/ct:fromDateTime").startswith(
        first.published_at.astimezone().strftime("%Y-%m-%d")
    )


def test_an_exercise_says_oefening(world: World) -> None:
    report = _published(world, start_incident(world, exercise=True), summary="Oefenbeeld")
    document = report_as_sitrep(report)
    assert validate_sitrep(document) == []
    assert _text(document, "s:reportPurpose").startswith("OEFENING")
    assert _text(document, "s:incidentName").startswith("OEFENING")


def test_a_draft_is_not_exported(world: World) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    with pytest.raises(NotPublished):
        report_as_sitrep(report)


def test_the_schema_refuses_what_edxl_does_not_allow(world: World) -> None:
    report = _published(world, start_incident(world), summary="Beeld")
    good = report_as_sitrep(report).decode()
    assert validate_sitrep(good.replace("HighlyConfident", "Zeker")) != []
    # A UTC "Z" instead of an offset is not an EDXL date-time.
    root = etree.fromstring(good.encode())
    to = root.find("s:forTimePeriod/ct:toDateTime", {"s": SITREP_NS, "ct": CT_NS})
    assert to is not None
    to.text = "2026-01-15T10:00:00Z"
    assert validate_sitrep(etree.tostring(root)) != []


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
    assert _text(document, "s:incidentName") == "Gasstoring\nVelsen-Noord"
    assert "Regel 1\nRegel 2" in _text(document, "s:report/s:situationSummary")
    client = Client(raise_request_exception=False)
    client.force_login(world.viewer)
    response = client.get(f"/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml")
    assert response.status_code == 200
    assert validate_sitrep(response.content) == []
