"""Approving a situation report saves what is typed first, and an empty one is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from oranje.incidents import services
from oranje.incidents.constants import ReportStatus
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def test_a_report_without_a_general_picture_cannot_be_approved(world: World) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    with pytest.raises(ValidationError) as exc:
        services.report_approve(actor=world.coordinator, report=report)
    assert exc.value.message_dict == {
        "summary": [
            "Algemeen beeld: vul dit in voordat u vaststelt; een lege versie kan niet worden vastgesteld."
        ]
    }
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_approving_with_typed_text_saves_it_in_the_same_step(world: World) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    services.report_approve(
        actor=world.coordinator,
        report=report,
        summary="  1.300 huishoudens zonder gas ",
        sections={"shelter": {"advice": "Informatiepunt openen"}},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.summary == "1.300 huishoudens zonder gas"
    assert report.sections["shelter"]["advice"] == "Informatiepunt openen"
    assert report.approved_by == world.coordinator


def _post(world: World, report, **data: str):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("incidents:report_detail", args=[report.incident.pk, report.version])
    return client.post(url, {"step": "approve", **data})


def test_save_and_approve_on_the_page_keeps_the_typed_text(world: World) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    response = _post(
        world, report, summary="Gaslek gedicht", shelter__judgement="Geen opvang nodig"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.summary == "Gaslek gedicht"
    assert report.sections["shelter"]["judgement"] == "Geen opvang nodig"


def test_save_and_approve_with_an_empty_summary_is_refused_and_the_text_stays(
    world: World,
) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    response = _post(world, report, summary="  ", shelter__judgement="Geen opvang nodig")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Algemeen beeld: vul dit in voordat u vaststelt" in page
    assert "Geen opvang nodig" in page  # what was typed is still in the form
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_draft_form_offers_save_and_approve_instead_of_a_separate_button(
    world: World,
) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("incidents:report_detail", args=[report.incident.pk, report.version]))
    html = page.content.decode()
    assert "Opslaan en vaststellen" in html
    form = html[html.index('class="report-form"') :]
    assert 'value="approve"' in form
    assert html.count('value="approve"') == 1
