"""Damage and aftercare in the demo (issue 14): the Haarlem fire exercise in its nafase with
120 damage reports, an approved transition document, tasks, 45 IAC households, a newsletter
and the people who came; Velsen-Noord preparing the aftercare of its 1,300 households — and a
second run that changes none of it."""

import pytest

from oranje.aftercare.constants import ContactKind, ItemStatus
from oranje.aftercare.models import (
    Aftercare,
    AftercareTask,
    IacCase,
    IacContact,
    Newsletter,
    NewsletterItem,
    ThankYou,
    TransitionDocument,
)
from oranje.alerting.models import Alert
from oranje.damage.constants import Channel, Triage
from oranje.damage.models import DamageReport
from oranje.demo import aftercare, registry
from oranje.demo.incident import TITLE as VELSEN
from oranje.demo.world import build
from oranje.incidents.models import Incident
from oranje.readiness.models import Activity


def _figures() -> dict[str, int]:
    return {
        "reports": DamageReport.objects.count(),
        "cases": IacCase.objects.count(),
        "tasks": AftercareTask.objects.count(),
        "letters": Newsletter.objects.count(),
        "items": NewsletterItem.objects.count(),
        "documents": TransitionDocument.objects.count(),
        "thanks": ThankYou.objects.count(),
        "activities": Activity.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_has_damage_and_aftercare_and_reruns_safely() -> None:
    personas = build(lambda line: None)
    assert aftercare.HEAD in personas

    fire = Incident.objects.get(title=registry.TITLE)
    assert fire.in_aftercare
    assert Aftercare.objects.get(incident=fire).head.username == aftercare.HEAD  # type: ignore[union-attr]

    reports = DamageReport.objects.filter(incident=fire)
    assert reports.count() == 120
    assert reports.filter(channel=Channel.FORM).count() > 50
    assert reports.filter(triage=Triage.URGENT, unsafe=True).exists()
    assert reports.filter(triage="").count() == 12
    # Several reports on one address are linked by their key.
    assert reports.values("address_key").distinct().count() < 120

    doc = TransitionDocument.objects.get(incident=fire)
    assert doc.status == "approved" and doc.facts

    assert AftercareTask.objects.filter(incident=fire).count() == 9
    cases = IacCase.objects.filter(incident=fire)
    assert cases.count() == 45
    assert IacContact.objects.filter(case__incident=fire, kind=ContactKind.HOME_VISIT).exists()
    assert cases.filter(status="closed").exists()
    assert cases.filter(damage_reports__isnull=False).exists()

    letter = Newsletter.objects.get(incident=fire)
    assert letter.status == "sent"
    # An exercise: nothing goes out by mail; those without mail get a printed letter.
    statuses = set(letter.items.values_list("status", flat=True))
    assert statuses <= {ItemStatus.NOT_SENT, ItemStatus.LETTER}

    arrived = Alert.objects.filter(call__incident=fire, arrived_at__isnull=False).count()
    assert arrived == 5
    deployments = Activity.objects.filter(external_id__startswith=f"incident:{fire.pk}:")
    assert deployments.count() == arrived
    assert ThankYou.objects.get(incident=fire).items.count() == arrived

    velsen = Incident.objects.get(title=VELSEN)
    assert velsen.is_acute  # still running: its aftercare is being prepared
    assert IacCase.objects.filter(incident=velsen).count() == 1300
    assert AftercareTask.objects.filter(incident=velsen).count() == 5
    assert Newsletter.objects.get(incident=velsen).items.count() > 900

    before = _figures()
    build(lambda line: None)
    assert _figures() == before
