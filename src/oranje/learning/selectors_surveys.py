"""What the survey pages read: the region's surveys with their counts, a survey's figures,
and its results (response rate, the answers per question, the breakdown by postcode area and
by shelter, the free-text answers with a word overview), filtered by area and shelter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.learning import text as words
from oranje.learning.constants import YES_NO_ANSWERS, QuestionKind, ResponseChannel, Shelter
from oranje.learning.models import Answer, Invitation, Response, Survey, SurveyQuestion

#: The question whose answers become `Response.postcode_area` (shown in the area breakdown).
POSTCODE_QUESTION = "postcode"
#: How many free-text answers a results page shows per question (the export has all).
TEXTS_SHOWN = 200
SCALE_VALUES = ("1", "2", "3", "4", "5")


def region_surveys(region: Region) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(region=region)
        .select_related("incident")
        .annotate(
            response_count=Count("responses", distinct=True),
        )
        .order_by("-created_at")
    )


def region_incidents(region: Region) -> QuerySet[Incident]:
    return Incident.objects.filter(region=region).order_by("-started_at")


#: Words residents use a lot that say nothing about the topic; left out of the word overview
#: of the free-text answers only (`text.STOPWORDS` is shared with the pattern grouping).
_FILLER = """
    lang langer langs pas graag wist wisten weet weten ging gingen gaat heel echt veel snel
    sneller goed gewoon even eigenlijk helemaal beetje zeker misschien soms vaak nooit steeds
    eerst daarna later eerder alleen moest moesten konden mocht vond vonden vind denk dacht
    krijgen gekregen gedaan deed waarom wanneer welke zoals echter verder best prima
"""
OVERVIEW_FILLER = frozenset(_FILLER.split())
_FILLER_STEMS = frozenset(words.stem(w) for w in OVERVIEW_FILLER)


def overview_words(texts: list[str], *, limit: int = 20) -> list[tuple[str, int]]:
    """The word overview of free-text answers: `text.top_words` without `OVERVIEW_FILLER`."""
    ranked = words.top_words(texts, limit=limit + len(_FILLER_STEMS))
    return [(w, n) for w, n in ranked if words.stem(w) not in _FILLER_STEMS][:limit]


@dataclass
class Counts:
    invitations: int
    letters: int
    used: int
    addresses: int
    code_responses: int
    open_responses: int

    @property
    def responses(self) -> int:
        return self.code_responses + self.open_responses

    @property
    def rate(self) -> float | None:
        """Responses by code per letter sent, in percent."""
        if not self.letters:
            return None
        return 100.0 * self.code_responses / self.letters


def counts(survey: Survey, responses: QuerySet[Response] | None = None) -> Counts:
    inv = Invitation.objects.filter(survey=survey).aggregate(
        total=Count("pk"),
        letters=Count("pk", filter=Q(letter_made_at__isnull=False)),
        used=Count("pk", filter=Q(used_at__isnull=False)),
        addresses=Count("pk", filter=~Q(street="")),
    )
    rows = responses if responses is not None else Response.objects.filter(survey=survey)
    by_channel = dict(rows.values_list("channel").annotate(n=Count("pk")).order_by())
    return Counts(
        invitations=inv["total"],
        letters=inv["letters"],
        used=inv["used"],
        addresses=inv["addresses"],
        code_responses=by_channel.get(ResponseChannel.CODE, 0),
        open_responses=by_channel.get(ResponseChannel.OPEN, 0),
    )


#: The least number of responses a filtered view or an area in the export shows: fewer could
#: point at one household (an area with one respondent who stayed in a shelter).
MIN_GROUP = 5


def small_areas(survey: Survey) -> frozenset[str]:
    """Postcode areas with fewer than MIN_GROUP responses: the export leaves them out."""
    found = (
        Response.objects.filter(survey=survey)
        .exclude(postcode_area="")
        .values_list("postcode_area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return frozenset(area for area, n in found if n < MIN_GROUP)


def filtered_responses(survey: Survey, *, area: str = "", shelter: str | None = None):
    rows = Response.objects.filter(survey=survey)
    if area:
        rows = rows.filter(postcode_area=area)
    if shelter is not None:
        rows = rows.filter(shelter=shelter)
    return rows


@dataclass
class Bar:
    value: str
    label: str
    count: int
    share: float  # percent of those who answered the question


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    top_words: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT

    @property
    def summary(self) -> str:
        """A line for evidence: "62% Ja, op tijd (n=1.412)" or "gemiddeld 3,8 van 5 (n=…)"."""
        n = f"{self.answered:,}".replace(",", ".")
        if self.question.kind == QuestionKind.SCALE and self.mean is not None:
            mean = f"{self.mean:.1f}".replace(".", ",")
            return _("average %(mean)s out of 5 (n=%(n)s)") % {"mean": mean, "n": n}
        if self.bars and self.answered:
            top = max(self.bars, key=lambda b: b.count)
            return f"{top.share:.0f}% {top.label} (n={n})"
        if self.is_text:
            return _("%(n)s answers in own words") % {"n": f"{self.text_count:,}".replace(",", ".")}
        return f"n={n}"


def _options(question: SurveyQuestion) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.YES_NO:
        return [(value, str(label)) for value, label in YES_NO_ANSWERS]
    if question.kind == QuestionKind.SCALE:
        return [(v, v) for v in SCALE_VALUES]
    return [(str(o.get("value", "")), str(o.get("label", ""))) for o in question.options or []]


def _bars(question: SurveyQuestion, tally: Counter[str], answered: int) -> list[Bar]:
    known = _options(question)
    values = {v for v, _label in known}
    bars = [Bar(v, label, tally.get(v, 0), 0.0) for v, label in known]
    bars += [Bar(v, v, n, 0.0) for v, n in sorted(tally.items()) if v not in values and v]
    for bar in bars:
        bar.share = 100.0 * bar.count / answered if answered else 0.0
    return bars


def question_results(survey: Survey, responses: QuerySet[Response]) -> list[QuestionResult]:
    questions = list(survey.questions.exclude(code=POSTCODE_QUESTION).order_by("position", "pk"))
    answers = Answer.objects.filter(response__in=responses)
    single: dict[int, Counter[str]] = {}
    for qid, value, n in (
        answers.exclude(question__kind__in=[QuestionKind.MULTIPLE, QuestionKind.TEXT])
        .exclude(value="")
        .values_list("question_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        single.setdefault(qid, Counter())[value] += n
    multiple: dict[int, Counter[str]] = {}
    multiple_n: Counter[int] = Counter()
    for qid, values in answers.filter(question__kind=QuestionKind.MULTIPLE).values_list(
        "question_id", "values"
    ):
        if not isinstance(values, list) or not values:
            continue
        multiple_n[qid] += 1
        for value in {str(v) for v in values}:
            multiple.setdefault(qid, Counter())[value] += 1
    texts: dict[int, list[str]] = {}
    for qid, one in (
        answers.filter(question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .order_by("-response_id")
        .values_list("question_id", "text")
    ):
        texts.setdefault(qid, []).append(one)
    out = []
    for question in questions:
        if question.kind == QuestionKind.TEXT:
            written = texts.get(question.pk, [])
            out.append(
                QuestionResult(
                    question,
                    answered=len(written),
                    texts=written[:TEXTS_SHOWN],
                    text_count=len(written),
                    top_words=overview_words(written, limit=20),
                )
            )
            continue
        if question.kind == QuestionKind.MULTIPLE:
            tally = multiple.get(question.pk, Counter())
            answered = multiple_n[question.pk]
        else:
            tally = single.get(question.pk, Counter())
            answered = sum(tally.values())
        result = QuestionResult(question, answered=answered, bars=_bars(question, tally, answered))
        if question.kind == QuestionKind.SCALE and answered:
            total = sum(int(v) * n for v, n in tally.items() if v in SCALE_VALUES)
            scored = sum(n for v, n in tally.items() if v in SCALE_VALUES)
            result.mean = total / scored if scored else None
        out.append(result)
    return out


@dataclass
class AreaRow:
    """An area's letters and answers; under a filter an area with fewer than MIN_GROUP
    matching answers has its answer counts withheld (None), see `withhold_small`."""

    area: str
    invitations: int
    responses: int | None
    code_responses: int | None

    @property
    def rate(self) -> float | None:
        """Answers by code per letter of the area (open-link answers are not invited)."""
        if not self.invitations or self.code_responses is None:
            return None
        return 100.0 * self.code_responses / self.invitations

    @property
    def open_responses(self) -> int | None:
        if self.responses is None or self.code_responses is None:
            return None
        return self.responses - self.code_responses


def withhold_small(
    areas: list[AreaRow], shelters: list[tuple[str, str, int]]
) -> tuple[list[AreaRow], list[tuple[str, str, int | None]]]:
    """The area and shelter tables under a filter: a count of fewer than MIN_GROUP (but not
    none) is withheld, so that the filter cannot single out a household's answer (with
    "shelter: yes", an area showing 1 would tell that its one respondent was in a shelter)."""

    def small(n: int | None) -> bool:
        return n is not None and 0 < n < MIN_GROUP

    return (
        [AreaRow(a.area, a.invitations, None, None) if small(a.responses) else a for a in areas],
        [(value, label, None if small(n) else n) for value, label, n in shelters],
    )


def by_area(survey: Survey, responses: QuerySet[Response]) -> list[AreaRow]:
    invited = dict(
        Invitation.objects.filter(survey=survey, letter_made_at__isnull=False)
        .values_list("postcode_area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answered: dict[str, list[int]] = {}
    for area, channel, n in (
        responses.values_list("postcode_area", "channel").annotate(n=Count("pk")).order_by()
    ):
        row = answered.setdefault(area, [0, 0])
        row[0] += n
        if channel == ResponseChannel.CODE:
            row[1] += n
    areas = sorted(set(invited) | set(answered), key=lambda a: (a == "", a))
    return [
        AreaRow(a, invited.get(a, 0), answered.get(a, [0, 0])[0], answered.get(a, [0, 0])[1])
        for a in areas
    ]


def by_shelter(responses: QuerySet[Response]) -> list[tuple[str, str, int]]:
    found = dict(responses.values_list("shelter").annotate(n=Count("pk")).order_by())
    return [(value, str(label), found.get(value, 0)) for value, label in Shelter.choices]


def areas(survey: Survey) -> list[str]:
    """The postcode areas of the survey (for the filter)."""
    found = set(
        Response.objects.filter(survey=survey)
        .exclude(postcode_area="")
        .values_list("postcode_area", flat=True)
    ) | set(
        Invitation.objects.filter(survey=survey)
        .exclude(postcode_area="")
        .values_list("postcode_area", flat=True)
    )
    return sorted(found)


#: Questions whose answer is already a column of every row (area, shelter): not repeated.
_EXPORT_SKIPPED = frozenset({"postcode", "shelter"})


def export_rows(
    survey: Survey, responses: QuerySet[Response] | None = None
) -> tuple[list[str], list[list[object]]]:
    """One row per response (of `responses`, the page's filter; all by default): its
    channel, day, area, shelter, and an answer per question, under Dutch column names (the
    question's text) with Dutch answer labels; one header row. An area with fewer than
    MIN_GROUP responses is left empty, so a row cannot point at a household."""
    questions = [
        q for q in survey.questions.order_by("position", "pk") if q.code not in _EXPORT_SKIPPED
    ]
    header = [
        _("response"),
        _("channel"),
        _("day"),
        _("postcode area"),
        _("Shelter"),
        *[q.text for q in questions],
    ]
    labels = {q.pk: dict(_options(q)) for q in questions}
    if responses is None:
        responses = Response.objects.filter(survey=survey)
    answers: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(response__in=responses).only(
        "response_id", "question_id", "value", "values", "text"
    ):
        answers.setdefault(answer.response_id, {})[answer.question_id] = answer
    channels = dict(ResponseChannel.choices)
    shelters = dict(Shelter.choices)
    small = small_areas(survey)
    rows: list[list[object]] = []
    for response in responses.order_by("pk"):
        given = answers.get(response.pk, {})
        row: list[object] = [
            response.pk,
            channels.get(response.channel, response.channel),
            response.submitted_on.isoformat(),
            "" if response.postcode_area in small else response.postcode_area,
            shelters.get(response.shelter, response.shelter),
        ]
        for q in questions:
            a = given.get(q.pk)
            named = labels[q.pk]
            if a is None:
                row.append("")
            elif q.kind == QuestionKind.MULTIPLE:
                row.append(", ".join(named.get(str(v), str(v)) for v in (a.values or [])))
            elif q.kind == QuestionKind.TEXT:
                row.append(a.text or a.value)
            else:
                row.append(named.get(a.value, a.value))
        rows.append(row)
    return header, rows
