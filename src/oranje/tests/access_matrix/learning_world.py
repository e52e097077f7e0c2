"""The learning room's objects in one scope of the matrix world, written directly (no
services): an evaluation of the scope's incident with a participant, a finding with evidence
(a logbook line) and a pattern, a public survey with a question of its own, an invitation and a
response, the region's own standard question, a dossier entry of the region with a version and
a comment, a work session hosted by the region, the region's coordinating secretary in the
network's directory, and the network's meeting (with a document and a decision) and advisory
question (shared by every scope, as the network is national).

Keys (for the tables' paths): levaluation lparticipant lfinding levidence lpattern lsurvey
lquestion ltoken lstandard lentry lversion lcomment lsession lmember lmeeting ldocument
ldecision ladvice."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident, LogEntry


def learning_objects(
    region: Region, municipality: Municipality, incident: Incident
) -> dict[str, int | str]:
    from oranje.learning import models as lm

    today = timezone.localdate()
    evaluation = lm.Evaluation.objects.create(
        region=region,
        incident=incident,
        title=f"Evaluatie {incident.title}",
        methods=["debrief"],
        held_on=today,
    )
    participant = lm.Participant.objects.create(
        evaluation=evaluation, name="Mira Jansen", role="CPG"
    )
    pattern = lm.Pattern.objects.create(
        key=f"matrix-{municipality.cbs_code}",
        process="communication",
        kind="improve",
        label="Eerste bericht laat",
        finding_count=1,
        incident_count=1,
        region_count=1,
    )
    finding = lm.Finding.objects.create(
        evaluation=evaluation,
        process="communication",
        kind="improve",
        text="Het eerste publieksbericht kwam na vijftig minuten.",
        pattern=pattern,
    )
    line = LogEntry.objects.filter(incident=incident).order_by("number").first()
    assert line is not None
    evidence = lm.Evidence.objects.create(
        finding=finding, kind="log", log_entry=line, summary=f"#{line.number}"
    )
    survey = lm.Survey.objects.create(
        region=region,
        incident=incident,
        title=f"Enquête {incident.title}",
        token=hashlib.sha256(f"matrix-{municipality.cbs_code}".encode()).hexdigest()[:24],
        status="open",
        opens_on=today,
    )
    question = lm.SurveyQuestion.objects.create(
        survey=survey,
        code="felt_helped",
        position=10,
        text="Voelde u zich geholpen?",
        kind="scale",
        required=True,
    )
    lm.Invitation.objects.create(
        survey=survey,
        code_hash=hashlib.sha256(f"code-{municipality.cbs_code}".encode()).hexdigest(),
        street="Dorpsstraat 1",
        postcode="1951 AA",
        place="Velsen-Noord",
        postcode_area="1951",
    )
    response = lm.Response.objects.create(
        survey=survey, channel="open", client_key=f"matrix-{municipality.cbs_code}"
    )
    lm.Answer.objects.create(response=response, question=question, value="4")
    standard = lm.StandardQuestion.objects.create(
        region=region,
        code=f"eigen-{municipality.cbs_code.lower()}",
        position=100,
        text="Wist u waar de opvang was?",
        kind="yesno",
    )
    session = lm.WorkSession.objects.create(
        title=f"Werksessie {region.name}", held_on=today, host_region=region
    )
    entry = lm.Entry.objects.create(
        theme="on_call",
        kind="practice",
        status="tried",
        title="Van harde naar zachte piket",
        text="Begin met zachte piket voor de tweede lijn.",
        region=region,
        work_session=session,
        search_text="Van harde naar zachte piket",
    )
    version = lm.EntryVersion.objects.create(
        entry=entry, number=1, title=entry.title, text=entry.text, status="tried", region=region
    )
    comment = lm.EntryComment.objects.create(
        entry=entry, region=region, text="Herkenbaar.", author_name="Matrix"
    )
    member = lm.NetworkMember.objects.create(
        name=f"Secretaris {region.name}", role="secretary", region=region
    )
    meeting, _new = lm.Meeting.objects.get_or_create(
        body="network",
        held_on=dt.date(today.year, 4, 15),
        defaults={"theme": "Voorjaarsbijeenkomst", "status": "held"},
    )
    document = meeting.documents.first()
    if document is None:
        document = lm.MeetingDocument(
            meeting=meeting, title="Agenda", content_type="application/pdf"
        )
        document.file.save("agenda.pdf", ContentFile(b"%PDF-1.4"), save=False)
        document.save()
    decision, _new = lm.MeetingDecision.objects.get_or_create(meeting=meeting, text="Besluit")
    advice, _new = lm.AdvisoryQuestion.objects.get_or_create(
        kind="asked",
        title="Advies over regionale pools",
        defaults={"question": "Hoe richten we pools in?", "asked_on": dt.date(today.year, 2, 1)},
    )
    return {
        "levaluation": evaluation.pk,
        "lparticipant": participant.pk,
        "lfinding": finding.pk,
        "levidence": evidence.pk,
        "lpattern": pattern.pk,
        "lsurvey": survey.pk,
        "lquestion": question.pk,
        "ltoken": survey.token,
        "lstandard": standard.pk,
        "lentry": entry.pk,
        "lversion": version.number,
        "lcomment": comment.pk,
        "lsession": session.pk,
        "lmember": member.pk,
        "lmeeting": meeting.pk,
        "ldocument": document.pk,
        "ldecision": decision.pk,
        "ladvice": advice.pk,
    }
