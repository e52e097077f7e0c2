"""The demo world builds, contains what the README promises, and can be built again."""

import datetime as dt

import pytest
from django.utils import timezone

from oranje.alerting.constants import CallStatus
from oranje.demo.world import build
from oranje.incidents.constants import EntryKind, ReportStatus
from oranje.incidents.models import Incident


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
