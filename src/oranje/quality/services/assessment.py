"""Self-assessment: a region's monitor opens a yearly round (one question per current
municipality and self-assessment norm in force); the municipality's own coordinator or
quality monitor (or the region's monitors) answer, add evidence and submit; the region's
monitors accept an answer or return it with a note, after which it can be changed and
submitted again.

Every service checks the objects against each other (the answer belongs to that round and
that municipality, the round to that municipality's region) and writes an audit entry."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.quality import access, evidence, selectors
from oranje.quality.constants import (
    FIRST_YEAR,
    LAST_YEAR,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    URL_MAX,
    Answer,
    Measure,
    Review,
)
from oranje.quality.models import AssessmentRound, Evidence, SelfAssessment

#: The states in which a municipality may still change its answer.
EDITABLE = frozenset({Review.OPEN, Review.RETURNED})


def can_answer(user: User, municipality: Municipality) -> bool:
    """The municipality's own coordinator or quality monitor, or the region's monitors."""
    return access.can_see_municipality(user, municipality)


def norms_day(year: int) -> dt.date:
    """The day whose norms a round of `year` asks about: today within the year, else the
    year's first or last day."""
    today = timezone.localdate()
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


@transaction.atomic
def round_open(
    *, actor: User, region: Region, year: int, deadline: dt.date, note: str = ""
) -> AssessmentRound:
    """Open the region's round for `year`: one open question per current municipality and
    self-assessment norm in force."""
    core_access.require(access.can_monitor(actor, region.pk))
    errors: dict[str, list[str]] = {}
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [
            _("year: choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    elif AssessmentRound.objects.filter(region=region, year=year).exists():
        errors["year"] = [_("year: the region already has a round for %(year)s.") % {"year": year}]
    if not dt.date(FIRST_YEAR, 1, 1) <= deadline <= dt.date(LAST_YEAR, 12, 31):
        errors["deadline"] = [
            _("deadline: choose a date from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    note = note.strip()
    if len(note) > NOTE_MAX:
        errors["note"] = [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]
    if errors:
        raise ValidationError(errors)
    norms = [
        n
        for n in selectors.effective_norms(region, norms_day(year))
        if n.measure == Measure.SELF_ASSESSMENT
    ]
    if not norms:
        raise ValidationError(
            {"year": [_("year: no self-assessment norm is in force for the region in that year.")]}
        )
    municipalities = list(Municipality.objects.current().filter(region=region).order_by("name"))
    found = AssessmentRound.objects.create(
        region=region, year=year, deadline=deadline, note=note, opened_by=actor
    )
    SelfAssessment.objects.bulk_create(
        [SelfAssessment(round=found, municipality=m, norm=n) for m in municipalities for n in norms]
    )
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_ROUND_OPEN,
        obj=found,
        region=region,
        changes={"year": [None, year], "deadline": [None, deadline.isoformat()]},
        note=_("%(count)s questions") % {"count": len(municipalities) * len(norms)},
    )
    return found


def _same_region(round_: AssessmentRound, municipality: Municipality) -> None:
    if round_.region_id != municipality.region_id:
        raise Http404


def _checked(
    assessment_id: int, round_: AssessmentRound, municipality: Municipality
) -> SelfAssessment:
    """The assessment, locked, if it belongs to this round and municipality (404 else)."""
    found = (
        SelfAssessment.objects.select_for_update()
        .filter(pk=assessment_id, round_id=round_.pk, municipality_id=municipality.pk)
        .first()
    )
    if found is None or round_.region_id != municipality.region_id:
        raise Http404
    return found


@dataclass(frozen=True)
class AnswerIn:
    """One question's answer as typed: `answer` "" (not yet), yes, partly or no."""

    assessment_id: int
    answer: str
    explanation: str


def _answer_errors(prefix: str, item: AnswerIn, submit: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if item.answer and item.answer not in Answer.values:
        errors[f"{prefix}answer"] = [
            _("answer: choose one of %(allowed)s.") % {"allowed": ", ".join(Answer.values)}
        ]
    elif submit and not item.answer:
        errors[f"{prefix}answer"] = [_("answer: answer the question before submitting.")]
    if len(item.explanation.strip()) > TEXT_MAX:
        errors[f"{prefix}explanation"] = [
            _("explanation: at most %(max)s characters.") % {"max": TEXT_MAX}
        ]
    return errors


@transaction.atomic
def answers_save(
    *,
    actor: User,
    round_: AssessmentRound,
    municipality: Municipality,
    answers: list[AnswerIn],
    submit: bool = False,
    prefixed: bool = True,
) -> list[SelfAssessment]:
    """Save the municipality's answers in the round (those still open or returned); with
    `submit`, submit them to the region for review. Errors are keyed `a<id>-<field>` (or
    just `<field>` when not `prefixed`)."""
    _same_region(round_, municipality)
    core_access.require(can_answer(actor, municipality))
    rows = [(item, _checked(item.assessment_id, round_, municipality)) for item in answers]
    errors: dict[str, list[str]] = {}
    for item, found in rows:
        prefix = f"a{found.pk}-" if prefixed else ""
        if found.status not in EDITABLE:
            errors[f"{prefix}answer"] = [
                _("answer: this answer is %(status)s and can no longer be changed.")
                % {"status": found.get_status_display()}
            ]
            continue
        errors.update(_answer_errors(prefix, item, submit))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    saved = []
    for item, found in rows:
        before = (found.answer, found.explanation, found.status)
        found.answer = item.answer
        found.explanation = item.explanation.strip()
        if submit:
            found.status = Review.SUBMITTED
            found.submitted_at = now
            found.submitted_by = actor
        after = (found.answer, found.explanation, found.status)
        if before == after:
            continue
        found.save()
        saved.append(found)
        audit_record(
            actor=actor,
            action=AuditAction.ASSESSMENT_SAVE,
            obj=found,
            region=round_.region,
            changes={
                k: [b, a]
                for k, b, a in zip(("answer", "explanation", "status"), before, after, strict=True)
                if b != a
            },
            note=f"{municipality.name} {found.norm.code}",
        )
    return saved


@transaction.atomic
def assessment_review(
    *,
    actor: User,
    round_: AssessmentRound,
    municipality: Municipality,
    assessment_id: int,
    accept: bool,
    note: str = "",
) -> SelfAssessment:
    """Accept a submitted answer, or return it with a note (the note is required then)."""
    _same_region(round_, municipality)
    core_access.require(access.can_monitor(actor, round_.region_id))
    found = _checked(assessment_id, round_, municipality)
    note = note.strip()
    if found.status != Review.SUBMITTED:
        raise ValidationError(
            {"decision": [_("decision: only a submitted answer can be reviewed.")]}
        )
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]}
        )
    if not accept and not note:
        raise ValidationError(
            {"note": [_("note: say what the municipality should improve when returning it.")]}
        )
    before = found.status
    found.status = Review.ACCEPTED if accept else Review.RETURNED
    found.review_note = note
    found.reviewed_at = timezone.now()
    found.reviewed_by = actor
    found.save()
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_REVIEW,
        obj=found,
        region=round_.region,
        changes={"status": [before, found.status]},
        note=f"{municipality.name} {found.norm.code}",
    )
    return found


_LINK = URLValidator(schemes=["http", "https"])


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    round_: AssessmentRound,
    municipality: Municipality,
    assessment_id: int,
    description: str,
    upload: IO[bytes] | None = None,
    upload_name: str = "",
    link: str = "",
) -> Evidence:
    """Add a file (≤ 10 MB, a document or picture recognised by its content) or a link
    (http or https) to an answer the municipality may still change."""
    _same_region(round_, municipality)
    core_access.require(can_answer(actor, municipality))
    found = _checked(assessment_id, round_, municipality)
    errors: dict[str, list[str]] = {}
    description = description.strip()
    link = link.strip()
    if found.status not in EDITABLE:
        errors["assessment"] = [
            _("question: this answer is %(status)s and can no longer be changed.")
            % {"status": found.get_status_display()}
        ]
    if not description:
        errors["description"] = [_("description: say what the evidence shows.")]
    elif len(description) > TITLE_MAX:
        errors["description"] = [_("description: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if (upload is None) == (not link):
        errors["file"] = [_("file: add either a file or a link.")]
    kind = None
    data = b""
    if upload is not None:
        read = evidence.read_limited(upload)
        if read is None:
            errors["file"] = [_("file: a file may be at most 10 MB.")]
        elif not read:
            errors["file"] = [_("file: the file is empty.")]
        else:
            data = read
            kind = evidence.sniff(data)
            if kind is None:
                errors["file"] = [
                    _(
                        "file: only PDF, Word, Excel, PowerPoint, OpenDocument (without "
                        "macros), PNG and JPEG files are accepted."
                    )
                ]
    elif link:
        if len(link) > URL_MAX:
            errors["link"] = [_("link: at most %(max)s characters.") % {"max": URL_MAX}]
        else:
            try:
                _LINK(link)
            except ValidationError:
                errors["link"] = [_("link: give a web address starting with http:// or https://.")]
    if errors:
        raise ValidationError(errors)
    item = Evidence(assessment=found, description=description, added_by=actor)
    if kind is not None:
        item.file_name = evidence.safe_name(upload_name, kind.extension)[:NAME_MAX]
        item.content_type = kind.content_type
        item.size = len(data)
        item.file.save(f"{uuid.uuid4().hex}.{kind.extension}", ContentFile(data), save=False)
    else:
        item.link = link
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVIDENCE_ADD,
        obj=item,
        region=round_.region,
        note=f"{municipality.name} {found.norm.code}: {item.file_name or item.link}"[:500],
    )
    return item


@transaction.atomic
def evidence_remove(
    *,
    actor: User,
    round_: AssessmentRound,
    municipality: Municipality,
    evidence_id: int,
) -> None:
    """Remove a file or link from an answer the municipality may still change (its file is
    deleted from the storage once the transaction commits)."""
    _same_region(round_, municipality)
    core_access.require(can_answer(actor, municipality))
    item = (
        Evidence.objects.select_related("assessment__norm")
        .filter(
            pk=evidence_id,
            assessment__round_id=round_.pk,
            assessment__municipality_id=municipality.pk,
        )
        .first()
    )
    if item is None:
        raise Http404
    found = _checked(item.assessment_id, round_, municipality)
    if found.status not in EDITABLE:
        raise ValidationError({"evidence": [_("evidence: this answer can no longer be changed.")]})
    name = item.file.name
    storage = item.file.storage
    audit_record(
        actor=actor,
        action=AuditAction.EVIDENCE_REMOVE,
        obj=item,
        region=round_.region,
        note=f"{municipality.name} {found.norm.code}: {item.file_name or item.link}"[:500],
    )
    item.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def evidence_read(*, actor: User, item: Evidence) -> None:
    """Record that `actor` opened the evidence file (access is checked by the caller)."""
    assessment = item.assessment
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.EVIDENCE_READ,
            obj=item,
            region=assessment.round.region,
            note=f"{assessment.municipality.name}: {item.file_name}",
        )
