"""The demo world builds, contains what the README promises, and can be built again."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from oranje.alerting.constants import CallStatus
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.demo import registry
from oranje.demo.world import REGION, build
from oranje.incidents.constants import EntryKind, ReportStatus
from oranje.incidents.models import Incident
from oranje.registry.constants import (
    CallOutcome,
    CandidateState,
    DuplicateState,
    InquiryStatus,
    Source,
    Status,
)
from oranje.registry.models import (
    CallBack,
    Candidate,
    ImportBatch,
    Inquiry,
    Person,
    PoliceNotice,
    PossibleDuplicate,
    StatusEntry,
)


@pytest.mark.django_db
def test_the_demo_builds_kennemerland_with_the_velsen_noord_exercise_and_reruns_safely() -> None:
    lines: list[str] = []
    personas = build(lines.append)
    assert "coordinator.kennemerland" in personas
    incident = Incident.objects.get(title="Gasstoring Velsen-Noord")
    assert incident.is_exercise and incident.is_open
    assert incident.scaling.order_by("-at").first().grip_level == 3
    assert incident.calls.filter(status=CallStatus.FILLED).count() >= 5
    assert incident.reports.filter(status=ReportStatus.PUBLISHED).exists()
    assert incident.log.count() > 30
    # The story reads in its own time: alerting lines sit at their scaling, not at build time.
    first_scaling = incident.scaling.order_by("at").first().at
    alert_lines = incident.log.filter(kind=EntryKind.ALERT)
    assert alert_lines.exists()
    assert not alert_lines.filter(at__gt=timezone.now() - dt.timedelta(minutes=30)).exists()
    assert not alert_lines.filter(at__lt=first_scaling).exists()
    build(lines.append)
    assert Incident.objects.filter(title="Gasstoring Velsen-Noord").count() == 1
    assert any("loopt al" in line for line in lines)


@pytest.mark.django_db
def test_the_registry_exercise_has_its_persons_lists_inquiries_and_their_states(
    settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    region = Region.objects.get(code=REGION)
    coordinator = User.objects.create_user(username="coordinator.kennemerland")
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, region=region)
    for username, role in (
        (registry.OFFICER, Role.REGISTRY_OFFICER),
        (registry.COORDINATOR, Role.REGISTRY_COORDINATOR),
    ):
        user = User.objects.create_user(username=username, first_name=username)
        Membership.objects.create(user=user, role=role, region=region)
    lines: list[str] = []
    incident = registry.build(region, coordinator, lines.append)
    assert incident is not None and incident.is_exercise and incident.title == registry.TITLE
    persons = Person.objects.filter(incident=incident)
    # 140 affected persons, 5 of them registered twice at the other desk: 145 registrations.
    assert persons.count() == 145 + 23  # and 23 neighbours, checked in at a shelter
    entries = StatusEntry.objects.filter(person__incident=incident)
    assert entries.filter(source=Source.SHELTER).values("person").distinct().count() == 120 + 23
    assert entries.filter(source=Source.HOSPITAL).count() == 23
    assert persons.filter(current_status=Status.DECEASED).count() == 2
    assert entries.filter(source=Source.POLICE, status=Status.DECEASED).count() == 2
    batch = ImportBatch.objects.get(incident=incident)
    assert (batch.sender.name, batch.rows, batch.file_name) == (
        "Spaarne Gasthuis",
        23,
        registry.spreadsheet_path().name,
    )
    # The hospital's list is a real spreadsheet, kept to be imported again.
    sheet = load_workbook(registry.spreadsheet_path(), read_only=True).active
    assert sheet is not None and len(list(sheet.iter_rows(values_only=True))) == 1 + 23
    duplicates = PossibleDuplicate.objects.filter(incident=incident, state=DuplicateState.OPEN)
    assert duplicates.filter(decision="match").count() == 5
    assert duplicates.count() == 5 + 2  # and two family members at one address to tell apart
    inquiries = Inquiry.objects.filter(incident=incident)
    assert inquiries.count() == 400
    informed = inquiries.filter(status=InquiryStatus.INFORMED).count()
    opened = inquiries.filter(status=InquiryStatus.OPEN).count()
    assert informed >= 250, informed  # most matched and informed
    assert 20 <= opened <= 120, opened  # some open
    reached = CallBack.objects.filter(inquiry__incident=incident, outcome=CallOutcome.REACHED)
    assert reached.exclude(phrases=[]).count() >= 250
    # Oranje never calls about the deceased: four eyes, then the police (asked for both, one
    # confirmed); a second inquiry waits for a second officer.
    assert not CallBack.objects.filter(inquiry__person__current_status=Status.DECEASED).exists()
    notices = PoliceNotice.objects.filter(person__incident=incident)
    assert notices.count() == 2 and notices.filter(confirmed_at__isnull=False).count() == 1
    assert (
        Candidate.objects.filter(
            inquiry__incident=incident, state=CandidateState.AWAITING_SECOND
        ).count()
        == 1
    )
    confirmed_deceased = Candidate.objects.filter(
        inquiry__incident=incident,
        state=CandidateState.CONFIRMED,
        person__current_status=Status.DECEASED,
    )
    assert confirmed_deceased.count() == 3
    assert all(c.first_by_id != c.second_by_id for c in confirmed_deceased)
    # The clock is set back: the exercise reads as four hours in progress.
    assert incident.started_at < timezone.now() - dt.timedelta(hours=3, minutes=50)
    assert inquiries.filter(created_at__lt=timezone.now() - dt.timedelta(hours=2)).count() > 100
    assert registry.build(region, coordinator, lines.append) == incident
    assert any("loopt al" in line for line in lines)
