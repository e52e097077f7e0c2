"""Writing norm sets: a draft version (a copy of the current adopted set), its norms and their
in-growth paths, and adopting it (the previous version stays as history).

Only a draft changes. A regional norm that tightens a national one may be stricter, never
weaker (a waterlijn at least the national one, a bandbreedte at most the national one); a
regional set is adopted only when none of its norms is weaker than the *current* national set.
Every write is checked by `access.can_edit_norms` (403) and audited in its own transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.quality import access, selectors
from oranje.quality.constants import NAME_MAX, NOTE_MAX, TITLE_MAX, Measure, SetStatus
from oranje.quality.models import GrowthStep, Norm, NormSet
from oranje.quality.services.norms_checks import (
    NormInput,
    Problems,
    StepInput,
    as_decimal,
    check_against_steps,
    check_date,
    check_fields,
    check_percent,
    check_text,
    day_text,
    pct,
    weaker_path,
    weaker_problems,
)

__all__ = [
    "MAX_STEPS",
    "NORM_FIELDS",
    "NormInput",
    "StepInput",
    "day_text",
    "growth_steps_save",
    "norm_delete",
    "norm_save",
    "norm_set_adopt",
    "norm_set_draft_create",
    "norm_set_note_save",
    "pct",
    "weaker_problems",
    "weaker_than_current",
]

#: The fields of a norm the audit trail and "what changed" compare.
NORM_FIELDS = [
    "code",
    "title",
    "text",
    "process",
    "measure",
    "indicator",
    "function",
    "question",
    "waterlijn",
    "bandbreedte",
    "valid_from",
    "valid_until",
    "national_norm",
    "source",
    "sort_order",
]
#: At most this many steps in one in-growth path.
MAX_STEPS = 10


def _editable(actor: AnyUser, norm_set: NormSet) -> None:
    """403 without the right to write the set; a ValidationError when it is not a draft."""
    core_access.authenticated(actor)
    core_access.require(access.can_edit_norms(actor, norm_set.region_id))
    if norm_set.status != SetStatus.DRAFT:
        raise ValidationError(
            {
                "norm_set": _(
                    "norm set: version %(version)s has been adopted and cannot be changed; "
                    "create a new draft."
                )
                % {"version": norm_set.version}
            }
        )


def _lock(norm_set: NormSet) -> NormSet:
    """The set's row, locked for the rest of the transaction, with its status as stored."""
    return NormSet.objects.select_for_update().get(pk=norm_set.pk)


# --- draft -------------------------------------------------------------------------------


def norm_set_draft_create(*, actor: AnyUser, region: Region | None) -> tuple[NormSet, bool]:
    """The draft of the nation (`region` None) or the region: the one that exists, or a new
    version copied from the current adopted set. A regional draft is `based_on` the current
    national set (its tightened norms linked to that set's norms by code); a national draft
    on the version before it. Returns (draft, created)."""
    user = core_access.authenticated(actor)
    core_access.require(access.can_edit_norms(user, region.pk if region else None))
    with transaction.atomic():
        if region is not None:
            Region.objects.select_for_update().filter(pk=region.pk).first()
        scope = NormSet.objects.filter(region=region)
        if region is None:
            scope = NormSet.objects.filter(region__isnull=True)
            # Lock the national versions: two drafts are made one after the other.
            list(scope.order_by().select_for_update().values_list("pk", flat=True))
        draft = scope.filter(status=SetStatus.DRAFT).order_by("-version").first()
        if draft is not None:
            return draft, False
        current = selectors.current_set(region)
        national = selectors.current_set(None)
        version = (scope.aggregate(v=Max("version"))["v"] or 0) + 1
        if current is not None:
            title = current.title
        elif region is not None:
            title = _("Norms of %(region)s") % {"region": region.name}
        else:
            title = _("National norms")
        draft = NormSet.objects.create(
            region=region,
            version=version,
            title=title,
            status=SetStatus.DRAFT,
            based_on=national if region is not None else current,
            note=current.note if current is not None else "",
            created_by=user,
        )
        copied = _copy_norms(current, draft, national if region is not None else None)
        audit_record(
            actor=user,
            action=AuditAction.NORM_SET_SAVE,
            obj=draft,
            region=region,
            changes={
                "version": version,
                "copied_from": current.version if current else None,
                "norms": copied,
            },
        )
    return draft, True


def _copy_norms(source: NormSet | None, draft: NormSet, national: NormSet | None) -> int:
    if source is None:
        return 0
    by_code = (
        {n.code: n for n in Norm.objects.filter(norm_set=national)} if national is not None else {}
    )
    count = 0
    for norm in Norm.objects.filter(norm_set=source).select_related("national_norm"):
        steps = list(norm.growth_steps.all())
        linked = None
        if norm.national_norm is not None:
            linked = by_code.get(norm.national_norm.code)
        norm.pk = None
        norm.norm_set = draft
        norm.national_norm = linked
        norm.save()
        GrowthStep.objects.bulk_create(
            GrowthStep(norm=norm, due_on=s.due_on, waterlijn=s.waterlijn, note=s.note)
            for s in steps
        )
        count += 1
    return count


# --- norms ---------------------------------------------------------------------------------


def _national_norm(problems: Problems, norm_set: NormSet, data: NormInput) -> Norm | None:
    """The national norm a regional norm tightens, checked; None for an own norm."""
    if data.national_norm_id is None:
        return None
    if norm_set.region_id is None:
        problems.add(
            "national_norm", _("national norm: only a regional norm tightens a national one.")
        )
        return None
    allowed = [s.pk for s in (norm_set.based_on, selectors.current_set(None)) if s is not None]
    national = (
        Norm.objects.filter(pk=data.national_norm_id, norm_set_id__in=allowed)
        .select_related("norm_set")
        .first()
    )
    if national is None:
        problems.add(
            "national_norm", _("national norm: choose a norm of the current national set.")
        )
    return national


def norm_save(
    *, actor: AnyUser, norm_set: NormSet, data: NormInput, norm: Norm | None = None
) -> Norm:
    """Create a norm in a draft set, or change `norm` (of that set)."""
    user = core_access.authenticated(actor)
    _editable(user, norm_set)
    data = replace(
        data, waterlijn=as_decimal(data.waterlijn), bandbreedte=as_decimal(data.bandbreedte)
    )
    if norm is not None and norm.norm_set_id != norm_set.pk:
        raise ValidationError({"norm_set": _("norm set: the norm belongs to another set.")})
    problems = Problems()
    check_fields(problems, data)
    national = _national_norm(problems, norm_set, data)
    code = data.code.strip().upper()
    numbers_ok = "waterlijn" not in problems.errors and "bandbreedte" not in problems.errors
    if national is not None:
        if numbers_ok:
            for name, message in weaker_problems(data, national).items():
                problems.add(name, message)
        taken = Norm.objects.filter(norm_set=norm_set, national_norm=national)
        if norm is not None:
            taken = taken.exclude(pk=norm.pk)
        other = taken.first()
        if other is not None:
            problems.add(
                "national_norm",
                _("national norm: %(national)s is already made stricter by norm %(code)s.")
                % {"national": national.code, "code": other.code},
            )
    same = Norm.objects.filter(norm_set=norm_set, code__iexact=code)
    if norm is not None:
        same = same.exclude(pk=norm.pk)
    if code and same.exists():
        problems.add("code", _("code: %(code)s is already used in this set.") % {"code": code})
    if code and norm_set.region_id is not None and national is None:
        base = norm_set.based_on or selectors.current_set(None)
        if base is not None and Norm.objects.filter(norm_set=base, code__iexact=code).exists():
            problems.add(
                "code",
                _(
                    "code: %(code)s is a national norm; to make it stricter, choose it as the "
                    "national norm."
                )
                % {"code": code},
            )
    if norm is not None and numbers_ok:
        check_against_steps(problems, norm, data)
    problems.raise_any()
    with transaction.atomic():
        norm_set = _lock(norm_set)
        _editable(user, norm_set)
        before = snapshot(norm, NORM_FIELDS) if norm is not None else {}
        target = norm if norm is not None else Norm(norm_set=norm_set)
        target.code = code
        target.title = data.title.strip()
        target.text = data.text.strip()
        target.process = data.process
        target.measure = data.measure
        target.indicator = data.indicator if data.measure == Measure.INDICATOR else ""
        target.function_id = data.function_id if data.measure == Measure.INDICATOR else None
        target.question = data.question.strip()
        target.waterlijn = data.waterlijn
        target.bandbreedte = data.bandbreedte
        target.valid_from = data.valid_from
        target.valid_until = data.valid_until
        target.national_norm = national
        target.source = data.source.strip()
        target.sort_order = data.sort_order
        target.save()
        changes = diff(before, snapshot(target, NORM_FIELDS))
        if changes:
            audit_record(
                actor=user,
                action=AuditAction.NORM_SAVE,
                obj=target,
                region=norm_set.region,
                changes={"norm_set": str(norm_set), **changes},
            )
    return target


def norm_delete(*, actor: AnyUser, norm: Norm) -> None:
    """Remove a norm (and its in-growth path) from a draft set."""
    user = core_access.authenticated(actor)
    norm_set = norm.norm_set
    _editable(user, norm_set)
    with transaction.atomic():
        norm_set = _lock(norm_set)
        _editable(user, norm_set)
        audit_record(
            actor=user,
            action=AuditAction.NORM_DELETE,
            obj=norm,
            region=norm_set.region,
            changes={"norm_set": str(norm_set), **snapshot(norm, NORM_FIELDS)},
        )
        try:
            with transaction.atomic():
                norm.delete()
        except ProtectedError:
            raise ValidationError(
                {
                    "norm": _(
                        "norm: %(code)s is still used (a regional norm, a self-assessment or "
                        "an improvement action refers to it)."
                    )
                    % {"code": norm.code}
                }
            ) from None


# --- in-growth path ------------------------------------------------------------------------


def growth_steps_save(*, actor: AnyUser, norm: Norm, steps: list[StepInput]) -> list[GrowthStep]:
    """Replace the norm's in-growth path with `steps` (an empty list removes it)."""
    user = core_access.authenticated(actor)
    _editable(user, norm.norm_set)
    problems = Problems()
    ordered = sorted(
        (replace(s, waterlijn=as_decimal(s.waterlijn)) for s in steps), key=lambda s: s.due_on
    )
    if len(ordered) > MAX_STEPS:
        problems.add("steps", _("in-growth path: at most %(max)s steps.") % {"max": MAX_STEPS})
    seen: set[dt.date] = set()
    previous: StepInput | None = None
    for step in ordered:
        when = day_text(step.due_on)
        check_date(problems, "due_on", _("applies until"), step.due_on)
        number_ok = check_percent(problems, "waterlijn", _("waterlijn"), step.waterlijn)
        check_text(problems, "note", _("note"), step.note, TITLE_MAX)
        if step.due_on in seen:
            problems.add("due_on", _("applies until: %(date)s appears twice.") % {"date": when})
        seen.add(step.due_on)
        if norm.valid_until is not None and step.due_on > norm.valid_until:
            problems.add(
                "due_on",
                _("applies until: the step until %(date)s lies after the norm's end (%(end)s).")
                % {"date": when, "end": day_text(norm.valid_until)},
            )
        if step.due_on <= norm.valid_from:
            problems.add(
                "due_on",
                _(
                    "applies until: the step until %(date)s does not lie after the norm comes "
                    "into force (%(start)s)."
                )
                % {"date": when, "start": day_text(norm.valid_from)},
            )
        if not number_ok:
            continue
        if step.waterlijn >= norm.waterlijn:
            problems.add(
                "waterlijn",
                _(
                    "waterlijn: the step until %(date)s (%(value)s%%) must stay below the norm's "
                    "waterlijn (%(norm)s%%)."
                )
                % {"date": when, "value": pct(step.waterlijn), "norm": pct(norm.waterlijn)},
            )
        if previous is not None and step.waterlijn <= previous.waterlijn:
            problems.add(
                "waterlijn",
                _(
                    "waterlijn: the steps must rise: %(before)s%% until %(first)s, then "
                    "%(value)s%% until %(date)s."
                )
                % {
                    "before": pct(previous.waterlijn),
                    "first": day_text(previous.due_on),
                    "value": pct(step.waterlijn),
                    "date": when,
                },
            )
        previous = step
    national = norm.national_norm
    if national is not None and not problems.errors:
        weaker = weaker_path(ordered, norm.waterlijn, norm.valid_from, national)
        if weaker is not None:
            day, mine, floor = weaker
            problems.add(
                "waterlijn",
                _(
                    "waterlijn: on %(date)s the in-growth path gives %(value)s%%, lower than "
                    "the national norm %(code)s on that day (%(national)s%%); a region may be "
                    "stricter, never weaker."
                )
                % {
                    "date": day_text(day),
                    "value": pct(mine),
                    "code": national.code,
                    "national": pct(floor),
                },
            )
    problems.raise_any()
    with transaction.atomic():
        norm_set = _lock(norm.norm_set)
        _editable(user, norm_set)
        before = [f"{day_text(s.due_on)}: {pct(s.waterlijn)}%" for s in norm.growth_steps.all()]
        GrowthStep.objects.filter(norm=norm).delete()
        made = GrowthStep.objects.bulk_create(
            GrowthStep(norm=norm, due_on=s.due_on, waterlijn=s.waterlijn, note=s.note.strip())
            for s in ordered
        )
        after = [f"{day_text(s.due_on)}: {pct(s.waterlijn)}%" for s in ordered]
        if before != after:
            audit_record(
                actor=user,
                action=AuditAction.NORM_SAVE,
                obj=norm,
                region=norm_set.region,
                changes={"norm_set": str(norm_set), "growth_steps": [before, after]},
            )
    return made


# --- adopting ------------------------------------------------------------------------------


def weaker_than_current(norm_set: NormSet) -> list[str]:
    """The regional set's norms that are weaker than the current national set, as sentences
    ("ORG-CPG: waterlijn: …"); empty for a national set or when none is weaker."""
    if norm_set.region_id is None:
        return []
    national = selectors.current_set(None)
    if national is None:
        return []
    by_code = {n.code: n for n in Norm.objects.filter(norm_set=national)}
    found = []
    for norm in Norm.objects.filter(norm_set=norm_set).select_related("national_norm"):
        if norm.national_norm is None:
            continue
        current = by_code.get(norm.national_norm.code)
        if current is None:
            continue
        for message in weaker_problems(norm, current).values():
            found.append(f"{norm.code}: {message}")
    return found


def norm_set_adopt(
    *, actor: AnyUser, norm_set: NormSet, body: str, adopted_on: dt.date | None, title: str = ""
) -> NormSet:
    """Adopt a draft: by whom (the body) and when. A regional set is refused while one of its
    norms is weaker than the current national set; once adopted it is `based_on` that set."""
    user = core_access.authenticated(actor)
    _editable(user, norm_set)
    problems = Problems()
    if not body.strip():
        problems.add("adopted_by_body", _("adopted by: name the body that adopted the set."))
    check_text(problems, "adopted_by_body", _("adopted by"), body, NAME_MAX)
    check_text(problems, "title", _("title"), title, TITLE_MAX)
    if adopted_on is None:
        problems.add("adopted_on", _("adopted on: fill in the date of adoption."))
    else:
        check_date(problems, "adopted_on", _("adopted on"), adopted_on)
        previous = selectors.current_set(norm_set.region)
        if previous is not None and previous.adopted_on and adopted_on < previous.adopted_on:
            problems.add(
                "adopted_on",
                _("adopted on: %(date)s is before version %(version)s was adopted (%(then)s).")
                % {
                    "date": day_text(adopted_on),
                    "version": previous.version,
                    "then": day_text(previous.adopted_on),
                },
            )
    if not Norm.objects.filter(norm_set=norm_set).exists() and norm_set.region_id is None:
        problems.add("norm_set", _("norm set: a national set without norms cannot be adopted."))
    for sentence in weaker_than_current(norm_set):
        problems.add("norm_set", sentence)
    problems.raise_any()
    with transaction.atomic():
        norm_set = _lock(norm_set)
        _editable(user, norm_set)
        if norm_set.region_id is not None:
            national = selectors.current_set(None)
            _relink(norm_set, national)
            norm_set.based_on = national
        norm_set.status = SetStatus.ADOPTED
        norm_set.adopted_by_body = body.strip()
        norm_set.adopted_on = adopted_on
        norm_set.adopted_at = timezone.now()
        norm_set.adopted_by = user
        if title.strip():
            norm_set.title = title.strip()
        norm_set.save()
        audit_record(
            actor=user,
            action=AuditAction.NORM_SET_ADOPT,
            obj=norm_set,
            region=norm_set.region,
            changes={
                "version": norm_set.version,
                "adopted_by_body": norm_set.adopted_by_body,
                "adopted_on": adopted_on.isoformat() if adopted_on else None,
                "based_on": str(norm_set.based_on) if norm_set.based_on else None,
            },
        )
    return norm_set


def _relink(norm_set: NormSet, national: NormSet | None) -> None:
    """Point the regional norms at the same norms (by code) of the current national set; a
    norm whose national norm is gone stays as the region's own."""
    by_code = (
        {n.code: n for n in Norm.objects.filter(norm_set=national)} if national is not None else {}
    )
    for norm in Norm.objects.filter(norm_set=norm_set, national_norm__isnull=False).select_related(
        "national_norm"
    ):
        assert norm.national_norm is not None
        linked = by_code.get(norm.national_norm.code)
        if linked != norm.national_norm:
            norm.national_norm = linked
            norm.save(update_fields=["national_norm"])


def norm_set_note_save(*, actor: AnyUser, norm_set: NormSet, title: str, note: str) -> NormSet:
    """Change a draft's title and note."""
    user = core_access.authenticated(actor)
    _editable(user, norm_set)
    problems = Problems()
    if not title.strip():
        problems.add("title", _("title: fill in a title."))
    check_text(problems, "title", _("title"), title, TITLE_MAX)
    check_text(problems, "note", _("note"), note, NOTE_MAX)
    problems.raise_any()
    with transaction.atomic():
        norm_set = _lock(norm_set)
        _editable(user, norm_set)
        before = snapshot(norm_set, ["title", "note"])
        norm_set.title, norm_set.note = title.strip(), note.strip()
        norm_set.save(update_fields=["title", "note"])
        changes = diff(before, snapshot(norm_set, ["title", "note"]))
        if changes:
            audit_record(
                actor=user,
                action=AuditAction.NORM_SET_SAVE,
                obj=norm_set,
                region=norm_set.region,
                changes=changes,
            )
    return norm_set
