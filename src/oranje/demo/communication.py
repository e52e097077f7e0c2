"""The demo's crisis communication (issue 13), through the real services with the clock set
back afterwards: in the Velsen-Noord exercise the first public message after 22 minutes and
five updates, one of them countering the carbon-monoxide rumour; an NL-Alert draft (a warning,
CAP status Exercise); 200 signals from the information line, social media and the field;
two approved environment analyses; a Q&A of 15 items. In the Haarlem exercise a warning to
keep windows shut with its CAP Update and Cancel. Both are exercises: nothing of it reaches
the public page (its preview shows it, marked OEFENING). Each incident is filled once."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from oranje.communication.constants import Goal, MessageKind, Relation
from oranje.communication.models import Message, MessageVersion, Signal
from oranje.communication.services import analyses, qa
from oranje.communication.services import messages as msg
from oranje.communication.services import signals as sig
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.demo import communication_data as data
from oranje.incidents.constants import Process
from oranje.incidents.models import Incident, LogEntry

ADVISER = "communicatie.kennemerland"


def personas(region: Region, make_user: Callable[[str, str, str], User]) -> None:
    """The communication adviser of Kennemerland (world.PERSONAS)."""
    adviser = make_user(ADVISER, "Lotte", "Bos")
    Membership.objects.get_or_create(user=adviser, role=Role.COMMUNICATION, region=region)


def _backdate(message: Message, at: dt.datetime, *, published: bool = True) -> None:
    """Set a message's moments back to `at` (written a few minutes before, approved one
    minute before), and the logbook line of its publication."""
    written = at - dt.timedelta(minutes=6)
    approved = at - dt.timedelta(minutes=1)
    Message.objects.filter(pk=message.pk).update(
        created_at=written,
        updated_at=written,
        approved_at=approved,
        cap_sent=approved,
        **({"published_at": at} if published else {}),
    )
    MessageVersion.objects.filter(message=message).update(changed_at=written)
    if published:
        LogEntry.objects.filter(
            incident=message.incident,
            process=Process.COMMUNICATION,
            text__endswith=message.title,
            at__gt=at,
        ).update(at=at)


def _write(
    incident: Incident,
    adviser: User,
    approver: User,
    at: dt.datetime,
    *,
    kind: str,
    title: str,
    text: str,
    instruction: str,
    social: str = "",
    goals: frozenset[str],
    parent: Message | None = None,
    relation: str = Relation.ORIGINAL,
    area: list[list[float]] | None = None,
    event: str = "",
    publish: bool = True,
) -> Message:
    """Draft (or follow up), approve — a warning by a second person — and publish."""
    words = msg.MessageData(
        kind=kind,
        title=title,
        text=text,
        instruction=instruction,
        social_text=social,
        goals=goals,
        audience="Inwoners van het getroffen gebied",
        cap_event=event,
        area=area,
    )
    if parent is None:
        message = msg.message_create(incident=incident, actor=adviser, data=words)
    else:
        message = msg.message_follow_up(parent=parent, actor=adviser, relation=relation)
        if relation == Relation.CANCEL and area is None:
            words = msg.MessageData.of(
                message, title=title, text=text, instruction=instruction, goals=goals
            )
        message = msg.message_update(message=message, actor=adviser, data=words)
    message = msg.message_approve(message=message, actor=approver)
    if publish:
        message = msg.message_publish(message=message, actor=approver)
    _backdate(message, at, published=publish)
    message.refresh_from_db()
    return message


def _signals(incident: Incident, actor: User, counter: Message, rng: random.Random) -> list[Signal]:
    start = incident.started_at + dt.timedelta(minutes=5)
    span = (timezone.now() - dt.timedelta(minutes=5) - start).total_seconds()
    sources = ["phone"] * 5 + ["social"] * 4 + ["field", "press", "partner"]
    weights = [share for *_rest, share, _texts in data.VELSEN_TOPICS]
    made: list[Signal] = []
    for _ in range(200):
        topic, goal, moods, _share, texts = rng.choices(data.VELSEN_TOPICS, weights=weights)[0]
        rumour = topic == "koolmonoxide"
        if rumour:  # the rumour flared up in the first two hours, then died down
            at = incident.started_at + dt.timedelta(minutes=rng.uniform(55, 125))
        else:
            at = start + dt.timedelta(seconds=rng.uniform(0, span))
        source = rng.choice(sources)
        made.append(
            sig.signal_create(
                incident=incident,
                actor=actor,
                data=sig.SignalData(
                    source=source,
                    text=rng.choice(texts),
                    at=at,
                    topic=topic,
                    goal=goal,
                    sentiment=rng.choices(["negative", "neutral", "positive"], weights=moods)[0],
                    rumour=rumour,
                    count=rng.choice([1, 1, 1, 2, 3, 5]) if source == "phone" else 1,
                ),
            )
        )
    assert counter.published_at is not None
    countered_until = counter.published_at + dt.timedelta(minutes=15)
    for signal in made:
        if signal.rumour and signal.at <= countered_until:
            sig.signal_counter(signal=signal, actor=actor, message=counter)
    return made


def velsen(incident: Incident, approver: User, log: Callable[[str], None]) -> None:
    if incident.messages.exists():
        log("Velsen-Noord: de crisiscommunicatie staat er al.")
        return
    adviser = User.objects.get(username=ADVISER)
    start = incident.started_at
    goals = frozenset({Goal.INFORM, Goal.LIMIT_HARM})
    rng = random.Random(13)
    with transaction.atomic():
        previous: Message | None = None
        counter: Message | None = None
        for minutes, title, text, instruction, social in data.VELSEN_MESSAGES:
            previous = _write(
                incident,
                adviser,
                approver,
                start + dt.timedelta(minutes=minutes),
                kind=MessageKind.PUBLIC,
                title=title,
                text=text,
                instruction=instruction,
                social=social,
                goals=goals | ({Goal.MEANING} if minutes >= 110 else set()),
                parent=previous,
                relation=Relation.UPDATE,
            )
            if "koolmonoxide" in title.lower():
                counter = previous
        minutes, title, text, instruction, event = data.VELSEN_WARNING
        _write(
            incident,
            adviser,
            approver,
            start + dt.timedelta(minutes=minutes),
            kind=MessageKind.WARNING,
            title=title,
            text=text,
            instruction=instruction,
            goals=frozenset({Goal.LIMIT_HARM}),
            event=event,
        )
        assert counter is not None
        made = _signals(incident, adviser, counter, rng)
        middle = start + dt.timedelta(minutes=90)
        end = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=2)
        for period_start, period_end in ((start, middle), (middle, end)):
            analysis = analyses.analysis_draft(
                incident=incident, period_start=period_start, period_end=period_end, actor=adviser
            )
            analyses.analysis_approve(analysis=analysis, actor=approver)
            type(analysis).objects.filter(pk=analysis.pk).update(
                created_at=period_end, updated_at=period_end, approved_at=period_end
            )
        for question, answer, public in data.VELSEN_QA:
            item = qa.qa_create(incident=incident, actor=adviser, question=question, answer=answer)
            item = qa.qa_approve(item=item, actor=approver)
            if public:
                qa.qa_set_public(item=item, actor=adviser, public=True)
    log(
        f"Velsen-Noord: {incident.messages.count()} berichten (eerste na 22 minuten), "
        f"{len(made)} signalen, 2 omgevingsanalyses, {len(data.VELSEN_QA)} vragen en antwoorden."
    )


def haarlem(incident: Incident, approver: User, log: Callable[[str], None]) -> None:
    if incident.messages.exists():
        log("Haarlem: de waarschuwing staat er al.")
        return
    adviser = User.objects.get(username=ADVISER)
    start = incident.started_at
    with transaction.atomic():
        chain: list[Message] = []
        for (minutes, title, text, instruction), relation, area in (
            (data.HAARLEM_WARNING, Relation.ORIGINAL, data.HAARLEM_AREA),
            (data.HAARLEM_UPDATE, Relation.UPDATE, data.HAARLEM_AREA_UPDATE),
            (data.HAARLEM_CANCEL, Relation.CANCEL, None),
        ):
            chain.append(
                _write(
                    incident,
                    adviser,
                    approver,
                    start + dt.timedelta(minutes=minutes),
                    kind=MessageKind.WARNING,
                    title=title,
                    text=text,
                    instruction=instruction,
                    goals=frozenset({Goal.LIMIT_HARM}),
                    parent=chain[-1] if chain else None,
                    relation=relation,
                    area=area,
                    event="Rook bij brand",
                )
            )
    log("Haarlem: waarschuwing 'ramen dicht' met CAP-update en -intrekking.")
