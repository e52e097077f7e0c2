"""Probe: reads of reporters' details are in the audit log (a list, a report, a photo, an
export), and an exercise's export says OEFENING in its name and first row (CSV and .xlsx)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User
from oranje.damage.services.photos import photo_add
from oranje.damage.tests.public_fixtures import photo_upload, photos_cleaned
from oranje.damage.tests.staff_helpers import handler, report
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _login(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _count(action: AuditAction, user: User) -> int:
    return AuditEntry.objects.filter(action=action.value, actor=user).count()


def test_every_read_of_reporters_details_is_audited(world: World) -> None:
    officer = handler(world.region, "schade-lezer")
    incident = start_incident(world)
    found = report(incident, consent_share=True)
    photo = photo_add(report=found, uploaded_file=photo_upload(), actor=officer)
    photos_cleaned()
    c = _login(officer)
    base = f"/incidenten/{incident.pk}/schade"
    for url, action in (
        (f"{base}/meldingen/", AuditAction.DAMAGE_REPORT_READ),
        (f"{base}/meldingen/{found.pk}/", AuditAction.DAMAGE_REPORT_READ),
        (f"{base}/foto/{photo.pk}/", AuditAction.DAMAGE_PHOTO_READ),
        (f"{base}/export.csv", AuditAction.DAMAGE_EXPORT),
        (f"/api/v1/damage/reports/{found.pk}/", AuditAction.DAMAGE_REPORT_READ),
        (f"/api/v1/incidents/{incident.pk}/damage/reports/", AuditAction.DAMAGE_REPORT_READ),
    ):
        before = _count(action, officer)
        assert c.get(url).status_code == 200, url
        assert _count(action, officer) == before + 1, url
    # The audit log names the report, never the reporter.
    texts = " ".join(
        f"{e.object_repr} {e.note} {e.changes}"
        for e in AuditEntry.objects.filter(region=world.region)
    )
    assert found.reporter_name not in texts and found.reporter_phone not in texts


def test_an_exercise_export_says_oefening(world: World) -> None:
    officer = handler(world.region, "schade-oefening")
    exercise = start_incident(world, exercise=True)
    report(exercise, consent_share=True)
    c = _login(officer)
    csv_file = c.get(f"/incidenten/{exercise.pk}/schade/export.csv")
    assert "OEFENING" in csv_file["Content-Disposition"]
    assert csv_file.content.decode("utf-8-sig").splitlines()[0].startswith("OEFENING")
    xlsx_file = c.get(f"/incidenten/{exercise.pk}/schade/export.xlsx")
    assert "OEFENING" in xlsx_file["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx_file.content)).active
    assert sheet is not None and "OEFENING" in str(sheet.cell(1, 1).value)


def test_control_characters_in_a_report_do_not_break_the_xlsx_export(world: World) -> None:
    officer = handler(world.region, "schade-ctrl")
    incident = start_incident(world)
    report(
        incident,
        consent_share=True,
        description="Bel\x07 en\x0b tab\x1b",
        street="A\x01",
        city="\x01=HYPERLINK(1)",
    )
    response = _login(officer).get(f"/incidenten/{incident.pk}/schade/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(v.startswith("Bel") for v in values)
    assert not any(v.startswith("=") for v in values)
