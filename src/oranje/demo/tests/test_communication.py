"""The communication room in the demo: in the Velsen-Noord exercise the first public message
after 22 minutes and five updates, the carbon-monoxide rumour countered, an NL-Alert draft as
CAP (Exercise), 200 signals, two approved analyses and 15 Q&A items; in the Haarlem exercise
a warning with its CAP Update and Cancel — every CAP valid against the schema — and a second
run that changes none of it."""

import datetime as dt

import pytest
from django.test import Client

from oranje.communication.constants import MessageKind, MessageStatus, Relation
from oranje.communication.hooks import first_message_milestones
from oranje.communication.models import Analysis, Message, QAItem, Signal
from oranje.communication.services.cap import cap_alert, parse_cap, validate_cap
from oranje.demo import communication, registry
from oranje.demo.incident import TITLE as VELSEN
from oranje.demo.world import build
from oranje.incidents.models import Incident


def _figures() -> dict[str, int]:
    return {
        "messages": Message.objects.count(),
        "signals": Signal.objects.count(),
        "analyses": Analysis.objects.count(),
        "qa": QAItem.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_communicates_in_both_exercises_and_reruns_safely() -> None:
    personas = build(lambda line: None)
    assert communication.ADVISER in personas

    velsen = Incident.objects.get(title=VELSEN)
    (norm,) = first_message_milestones(velsen)
    assert norm.elapsed == dt.timedelta(minutes=22) and norm.met is True
    public = Message.objects.filter(incident=velsen, kind=MessageKind.PUBLIC)
    assert public.count() == 6
    assert public.filter(relation=Relation.UPDATE, status=MessageStatus.PUBLISHED).count() == 5
    warning = Message.objects.get(incident=velsen, kind=MessageKind.WARNING)
    assert warning.approved_by_id != warning.created_by_id  # four eyes
    alert = parse_cap(cap_alert(warning))
    assert alert["status"] == "Exercise" and alert["msgType"] == "Alert"

    signals = Signal.objects.filter(incident=velsen)
    assert signals.count() == 200
    rumours = signals.filter(rumour=True)
    assert rumours.exists() and rumours.filter(countered_by__isnull=False).exists()
    assert rumours.filter(countered_by__isnull=False).first().countered_by.is_published  # type: ignore[union-attr]
    assert Analysis.objects.filter(incident=velsen, status="approved").count() == 2
    assert QAItem.objects.filter(incident=velsen, status="approved").count() == 15

    fire = Incident.objects.get(title=registry.TITLE)
    chain = list(Message.objects.filter(incident=fire).order_by("pk"))
    assert [m.relation for m in chain] == [Relation.ORIGINAL, Relation.UPDATE, Relation.CANCEL]
    kinds = []
    for message in chain:
        document = cap_alert(message)
        assert validate_cap(document) == []
        kinds.append(parse_cap(document)["msgType"])
    assert kinds == ["Alert", "Update", "Cancel"]

    # Exercises never reach the public page.
    page = Client().get(f"/publiek/{velsen.region.code.lower()}/").content.decode()
    assert "Gasstoring Velsen-Noord" not in page and "Rook bij brand" not in page

    before = _figures()
    build(lambda line: None)
    assert _figures() == before
