"""The environment analyst's product: an analysis per period of an incident — top questions,
rumours to counter, mood and advice to the crisis team.

It is drafted from the period's signals (`analysis_draft`), edited by the analyst while it is
a draft (`analysis_update`) and approved by someone who may communicate (`analysis_approve`).
An approved analysis is the record of what was reported to the crisis team and is never
edited again: the next period gets a new analysis. Analyses hold counts and the public's
words, never a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.communication import selectors_analyses as selectors
from oranje.communication.access import can_communicate
from oranje.communication.constants import ANALYSIS_MAX, Goal, ReviewStatus, Sentiment
from oranje.communication.models import Analysis, QAItem
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import CLOCK_SLACK, incident_lock, require_open

#: How long before the incident's official start a period may begin (the first calls come
#: in before anyone starts an incident in Oranje).
BEFORE_START = dt.timedelta(days=1)
#: A change of this many percentage points in (positive − negative) is a change of mood.
MOOD_STEP = 10
#: The longest example of the public's words quoted in a line.
QUOTE_MAX = 150
#: How many top questions get a line of advice.
ADVICE_QUESTIONS = 5

PERIOD_ORDER = gettext_lazy("until: the end of the period must lie after its start.")
PERIOD_EARLY = gettext_lazy(
    "from: the period may start at most a day before the incident's start (%(start)s)."
)
PERIOD_FUTURE = gettext_lazy("until: the period cannot end in the future.")
NOT_DRAFT = gettext_lazy(
    "status: this analysis is approved and is not changed any more; draft a new one for the "
    "next period."
)
EMPTY = gettext_lazy(
    "mood: an analysis without top questions, rumours, mood or advice cannot be approved."
)
TOO_LONG = gettext_lazy("%(field)s: at most %(max)s characters (now %(length)s).")

#: The analysis' texts, as a form and the API name them, and their names in a message.
TEXTS = {
    "top_questions": gettext_lazy("top questions"),
    "rumours": gettext_lazy("rumours to counter"),
    "mood": gettext_lazy("mood"),
    "advice": gettext_lazy("advice to the crisis team"),
}


@dataclass(frozen=True)
class AnalysisTexts:
    top_questions: str
    rumours: str
    mood: str
    advice: str


def _moment(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "j-n-Y H:i")


def period_label(analysis: Analysis) -> str:
    """ "4-12 10:00 – 14:00", or with both days when the period spans more than one."""
    start = timezone.localtime(analysis.period_start)
    end = timezone.localtime(analysis.period_end)
    if start.date() == end.date():
        return f"{date_format(start, 'j-n H:i')} – {date_format(end, 'H:i')}"
    return f"{date_format(start, 'j-n H:i')} – {date_format(end, 'j-n H:i')}"


def _check_period(incident: Incident, start: dt.datetime, end: dt.datetime) -> None:
    errors: dict[str, list[str]] = {}
    if end <= start:
        errors["period_end"] = [str(PERIOD_ORDER)]
    if start < incident.started_at - BEFORE_START:
        errors["period_start"] = [str(PERIOD_EARLY % {"start": _moment(incident.started_at)})]
    if end > timezone.now() + CLOCK_SLACK:
        errors.setdefault("period_end", []).append(str(PERIOD_FUTURE))
    if errors:
        raise ValidationError(errors)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"


def _fit(lines: list[str]) -> str:
    """The lines as one text of at most ANALYSIS_MAX characters (the last lines dropped)."""
    text = "\n".join(lines)
    while len(text) > ANALYSIS_MAX and lines:
        lines = lines[:-1]
        text = "\n".join(lines)
    return text


def _question_line(topic: selectors.Topic) -> str:
    line = f"- {topic.label} ({topic.count}×)"
    if topic.example and selectors.normal_text(topic.example) != selectors.normal_text(topic.label):
        line += f": “{_quote(topic.example)}”"
    return line


def _top_questions_text(topics: list[selectors.Topic]) -> str:
    if not topics:
        return _("No questions in this period.")
    lines: list[str] = []
    labels = dict(Goal.choices)
    for goal in [*Goal.values, ""]:
        mine = [t for t in topics if t.goal == goal]
        if not mine:
            continue
        lines.append((str(labels[goal]) if goal else str(selectors.OTHER_QUESTIONS)).capitalize())
        lines += [_question_line(t) for t in mine]
    return _fit(lines)


def _rumour_line(rumour: selectors.Rumour) -> str:
    if rumour.count == rumour.total:
        told = _("%(count)s× in this period") % {"count": rumour.count}
    elif rumour.count:
        told = _("%(count)s× in this period, %(total)s× since the start") % {
            "count": rumour.count,
            "total": rumour.total,
        }
    else:
        told = _("not in this period, %(total)s× before") % {"total": rumour.total}
    line = f"- {rumour.label}: {told}"
    if rumour.example and selectors.normal_text(rumour.example) != selectors.normal_text(
        rumour.label
    ):
        line += f": “{_quote(rumour.example)}”"
    return line


def _rumours_text(rumours: list[selectors.Rumour]) -> str:
    if not rumours:
        return _("No rumours that still need countering.")
    return _fit([_rumour_line(r) for r in rumours])


def _overall(mood: selectors.Mood) -> str:
    for sentiment, words in (
        (Sentiment.NEGATIVE, _("Mostly negative")),
        (Sentiment.NEUTRAL, _("Mostly neutral")),
        (Sentiment.POSITIVE, _("Mostly positive")),
    ):
        if mood.share(sentiment) > 50:
            return words
    return _("Mixed")


def _net(mood: selectors.Mood) -> int:
    return mood.share(Sentiment.POSITIVE) - mood.share(Sentiment.NEGATIVE)


def mood_change(now: selectors.Mood, before: selectors.Mood) -> int:
    """-1 more negative than before, 1 more positive, 0 about the same or nothing to compare."""
    if not now.total or not before.total:
        return 0
    delta = _net(now) - _net(before)
    return -1 if delta <= -MOOD_STEP else 1 if delta >= MOOD_STEP else 0


def _mood_text(now: selectors.Mood, before: selectors.Mood) -> str:
    if not now.total:
        return _("No signals in this period.")
    first = _(
        "%(overall)s (%(negative)s%% negative, %(neutral)s%% neutral, %(positive)s%% positive "
        "of %(total)s signals)."
    ) % {
        "overall": _overall(now),
        "negative": now.share(Sentiment.NEGATIVE),
        "neutral": now.share(Sentiment.NEUTRAL),
        "positive": now.share(Sentiment.POSITIVE),
        "total": now.total,
    }
    if not before.total:
        return first + "\n" + _("The period before had no signals to compare with.")
    then = {"negative": before.share(Sentiment.NEGATIVE), "total": before.total}
    change = mood_change(now, before)
    if change < 0:
        second = _("More negative than the period before (then %(negative)s%% negative).")
    elif change > 0:
        second = _("More positive than the period before (then %(negative)s%% negative).")
    else:
        second = _("About the same as the period before (then %(negative)s%% negative).")
    return first + "\n" + second % then


def _in_qa(incident: Incident, label: str) -> bool:
    return QAItem.objects.filter(
        incident=incident, retired=False, status=ReviewStatus.APPROVED, question__icontains=label
    ).exists()


def _advice_text(
    incident: Incident,
    topics: list[selectors.Topic],
    rumours: list[selectors.Rumour],
    change: int,
) -> str:
    lines: list[str] = []
    for rumour in rumours:
        lines.append(
            "- "
            + _("Counter the rumour about ‘%(topic)s’ in a public message and in the Q&A.")
            % {"topic": rumour.label}
        )
    per_goal = {
        Goal.INFORM: _("Answer ‘%(topic)s’ in the next public message."),
        Goal.LIMIT_HARM: _("Give people something to do about ‘%(topic)s’: say what they can do."),
        Goal.MEANING: _(
            "Give meaning to ‘%(topic)s’: acknowledge the worries, for instance through the mayor."
        ),
        "": _("Answer ‘%(topic)s’ in a public message."),
    }
    for topic in topics[:ADVICE_QUESTIONS]:
        line = "- " + per_goal[topic.goal] % {"topic": topic.label}
        if not _in_qa(incident, topic.label):
            line += " " + _("Add it to the Q&A for the information line.")
        lines.append(line)
    if change < 0:
        lines.append("- " + _("The mood is turning negative: give meaning, show who is acting."))
    return _fit(lines)


def draft_texts(incident: Incident, start: dt.datetime, end: dt.datetime) -> AnalysisTexts:
    """What the signals of the period say, as the analysis' four texts."""
    topics = selectors.top_topics(incident, start, end)
    rumours = selectors.open_rumours(incident, start, end)
    now = selectors.mood(incident, start, end)
    before = selectors.mood(incident, start - (end - start), start)
    return AnalysisTexts(
        top_questions=_top_questions_text(topics),
        rumours=_rumours_text(rumours),
        mood=_mood_text(now, before),
        advice=_advice_text(incident, topics, rumours, mood_change(now, before)),
    )


@transaction.atomic
def analysis_draft(
    *, incident: Incident, period_start: dt.datetime, period_end: dt.datetime, actor: User
) -> Analysis:
    """A new draft analysis of the period, its texts drafted from the period's signals."""
    core_access.require(can_communicate(actor, incident))
    require_open(incident)
    _check_period(incident, period_start, period_end)
    incident_lock(incident.pk)
    texts = draft_texts(incident, period_start, period_end)
    now = timezone.now()
    analysis = Analysis.objects.create(
        incident=incident,
        period_start=period_start,
        period_end=period_end,
        top_questions=texts.top_questions,
        rumours=texts.rumours,
        mood=texts.mood,
        advice=texts.advice,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.ANALYSIS_SAVE,
        obj=analysis,
        region=incident.region,
        changes={
            "period_start": [None, period_start.isoformat()],
            "period_end": [None, period_end.isoformat()],
        },
    )
    return analysis


def _locked(analysis: Analysis) -> Analysis:
    incident_lock(analysis.incident_id)
    return (
        Analysis.objects.select_for_update(of=("self",))
        .select_related("incident", "incident__region")
        .get(pk=analysis.pk)
    )


@transaction.atomic
def analysis_update(*, analysis: Analysis, actor: User, texts: AnalysisTexts) -> Analysis:
    """The analyst's own words for a draft; an approved analysis is not changed."""
    analysis = _locked(analysis)
    incident = analysis.incident
    core_access.require(can_communicate(actor, incident))
    require_open(incident)
    if analysis.status != ReviewStatus.DRAFT:
        raise ValidationError({"status": [str(NOT_DRAFT)]})
    errors: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    for name in TEXTS:
        value = getattr(texts, name).strip()
        if len(value) > ANALYSIS_MAX:
            label = str(TEXTS[name])
            errors[name] = [
                str(TOO_LONG % {"field": label, "max": ANALYSIS_MAX, "length": len(value)})
            ]
        elif value != getattr(analysis, name):
            # The texts are long; the audit says which changed, the analysis holds the words.
            changed[name] = ["…", "…"]
            setattr(analysis, name, value)
    if errors:
        raise ValidationError(errors)
    if not changed:
        return analysis
    analysis.updated_at = timezone.now()
    analysis.updated_by = actor
    analysis.save()
    audit_record(
        actor=actor,
        action=AuditAction.ANALYSIS_SAVE,
        obj=analysis,
        region=incident.region,
        changes=changed,
    )
    return analysis


@transaction.atomic
def analysis_approve(*, analysis: Analysis, actor: User) -> Analysis:
    """Approve a draft as it reads now: who and when are recorded; from now on it is not
    edited."""
    analysis = _locked(analysis)
    incident = analysis.incident
    core_access.require(can_communicate(actor, incident))
    require_open(incident)
    if analysis.status != ReviewStatus.DRAFT:
        raise ValidationError({"status": [str(NOT_DRAFT)]})
    if not any(getattr(analysis, name).strip() for name in TEXTS):
        raise ValidationError({"mood": [str(EMPTY)]})
    analysis.status = ReviewStatus.APPROVED
    analysis.approved_at = timezone.now()
    analysis.approved_by = actor
    analysis.approved_by_name = (actor.get_full_name() or actor.get_username())[:150]
    analysis.save()
    audit_record(
        actor=actor,
        action=AuditAction.ANALYSIS_APPROVE,
        obj=analysis,
        region=incident.region,
        changes={"status": [ReviewStatus.DRAFT, ReviewStatus.APPROVED]},
    )
    return analysis
