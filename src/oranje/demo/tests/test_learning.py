"""The learning room in the demo (issue 16): the Velsen-Noord evaluation with findings linked
to its log and times and improvement actions, earlier evaluations whose findings recur (three
patterns seen in three incidents or exercises, across two regions), the 2015 work session's
entries in the living dossier, the national network with 25 coordinating secretaries and this
year's meetings, the public survey of Velsen-Noord with 1,500 answers (1,000 by a letter's
code, 500 by the open link) — and a second run that changes none of it."""

import pytest
from django.utils import timezone

from oranje.core.models import Membership
from oranje.demo.world import build
from oranje.incidents.models import LogEntry
from oranje.learning import models as lm
from oranje.learning.constants import Body, NetworkRole


def _figures() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            lm.Evaluation,
            lm.Finding,
            lm.Evidence,
            lm.Participant,
            lm.Pattern,
            lm.Entry,
            lm.EntryComment,
            lm.WorkSession,
            lm.NetworkMember,
            lm.Meeting,
            lm.AdvisoryQuestion,
            lm.Survey,
            lm.Response,
        )
    }


@pytest.mark.django_db
def test_the_demo_has_the_learning_room_and_reruns_safely() -> None:
    build(lambda line: None)

    velsen = lm.Evaluation.objects.get(incident__title="Gasstoring Velsen-Noord")
    findings = velsen.findings.all()
    assert findings.count() == 6
    kinds = set(
        lm.Evidence.objects.filter(finding__evaluation=velsen).values_list("kind", flat=True)
    )
    assert {"log", "decision", "time", "survey"} <= kinds
    linked = lm.Evidence.objects.filter(finding__evaluation=velsen, kind="log")
    assert all(e.log_entry.incident_id == velsen.incident_id for e in linked)
    assert velsen.participants.count() == 4
    assert sum(f.actions.count() for f in findings) == 2

    recurring = lm.Pattern.objects.filter(incident_count__gte=3)
    assert recurring.count() >= 3
    assert recurring.filter(region_count=2).exists()
    assert lm.Pattern.objects.filter(finding_count=1).exists()  # seen once

    session = lm.WorkSession.objects.get(title__contains="2015")
    titles = set(session.entries.values_list("title", flat=True))
    assert {
        "De twee vragen bovenaan elke checklist",
        "Van harde naar zachte piket",
        "Een bedankje na een inzet",
        "Onaangekondigde oproepen met een opdracht van een uur",
        "Drie hoofdpools",
    } <= titles
    assert set(session.entries.values_list("kind", flat=True)) == {
        "question",
        "practice",
        "proposal",
    }

    # Comments come from members of the region they are written under; a 2015 entry cites no
    # later event, and the exercise's texts do not fix the month (it is dated from today).
    comments = lm.EntryComment.objects.filter(entry__work_session=session)
    assert comments.exists()
    assert all(
        Membership.objects.filter(user_id=c.author_id, region_id=c.region_id).exists()
        for c in comments
    )
    assert not session.entries.filter(text__contains="Velsen-Noord").exists()
    assert comments.filter(text__contains="Velsen-Noord").exists()
    texts = list(LogEntry.objects.filter(incident=velsen.incident).values_list("text", flat=True))
    texts += list(findings.values_list("text", flat=True))
    assert texts and not [t for t in texts if "januari" in t.lower()]

    secretaries = lm.NetworkMember.objects.filter(role=NetworkRole.SECRETARY)
    assert all("(" not in name for name in secretaries.values_list("name", flat=True))
    assert secretaries.values("region").distinct().count() == 25
    assert lm.NetworkMember.objects.filter(role=NetworkRole.CHAIR).count() == 1
    year = timezone.localdate().year
    this_year = lm.Meeting.objects.filter(held_on__year=year)
    assert this_year.filter(body=Body.NETWORK).count() == 2
    assert this_year.filter(body=Body.PORTFOLIO).count() == 4
    assert lm.AdvisoryQuestion.objects.count() == 3
    # Whenever the demo is built: nothing asked or answered in the future, one answer, one
    # question open and one past its deadline.
    today = timezone.localdate()
    advice = lm.AdvisoryQuestion.objects.all()
    assert not advice.filter(asked_on__gt=today) and not advice.filter(answered_on__gt=today)
    assert advice.filter(answered_on__isnull=False).count() == 1
    open_advice = advice.filter(answered_on__isnull=True)
    assert open_advice.filter(deadline__lt=today).count() == 1
    assert open_advice.filter(deadline__gte=today).count() == 1

    survey = lm.Survey.objects.get(incident=velsen.incident)
    assert survey.status == "open"
    assert survey.responses.count() == 1500
    assert survey.invitations.count() == 1300
    assert survey.invitations.filter(used_at__isnull=False).count() == 1000
    assert survey.responses.filter(shelter="yes").exists()
    assert survey.responses.filter(channel="open").exclude(postcode_area="1951").exists()
    assert lm.Evidence.objects.filter(finding__evaluation=velsen, kind="survey").exists()

    before = _figures()
    build(lambda line: None)
    assert _figures() == before
