"""Reading norm sets: who may read which set, a scope's versions (current, drafts, history),
a set's norms grouped by process, an in-growth path in words, and what changed in the
national set since the version a region's set is based on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.quality import access, selectors
from oranje.quality.constants import Process, SetStatus
from oranje.quality.models import GrowthStep, Norm, NormSet
from oranje.quality.services.norms import day_text, pct, weaker_problems


def may_read_national(user: AnyUser) -> bool:
    """The national set: every logged-in user with a membership."""
    scopes = core_access.scopes_for(user)
    return scopes.national_read or bool(scopes.read_regions)


def may_read_set(user: AnyUser, norm_set: NormSet) -> bool:
    if norm_set.region_id is None:
        return may_read_national(user)
    return core_access.can_read_region(user, norm_set.region_id)


def readable_set(user: AnyUser, pk: int) -> NormSet:
    """A set the user may read (404 otherwise)."""
    norm_set = NormSet.objects.select_related("region", "based_on", "adopted_by").filter(pk=pk)
    found = norm_set.first()
    if found is None or not may_read_set(user, found):
        raise Http404
    return found


def editable_set(user: AnyUser, pk: int) -> NormSet:
    """A set the user may read and write (404 / 403)."""
    norm_set = readable_set(user, pk)
    if not access.can_edit_norms(user, norm_set.region_id):
        raise PermissionDenied
    return norm_set


def editable_norm(user: AnyUser, pk: int) -> Norm:
    """A norm of a set the user may read and write (404 / 403)."""
    norm = Norm.objects.select_related("norm_set", "norm_set__region").filter(pk=pk).first()
    if norm is None or not may_read_set(user, norm.norm_set):
        raise Http404
    if not access.can_edit_norms(user, norm.norm_set.region_id):
        raise PermissionDenied
    return norm


@dataclass(frozen=True)
class Versions:
    current: NormSet | None
    drafts: list[NormSet]
    history: list[NormSet]


def versions(region: Region | None) -> Versions:
    """The versions of the national set (`region` None) or a region's set."""
    sets = list(
        NormSet.objects.filter(region=region)
        if region is not None
        else NormSet.objects.filter(region__isnull=True)
    )
    current = selectors.current_set(region)
    return Versions(
        current=current,
        drafts=[s for s in sets if s.status == SetStatus.DRAFT],
        history=[
            s
            for s in sets
            if s.status == SetStatus.ADOPTED and (current is None or s.pk != current.pk)
        ],
    )


def norms_of(norm_set: NormSet) -> list[Norm]:
    return list(
        Norm.objects.filter(norm_set=norm_set)
        .select_related("function", "national_norm")
        .prefetch_related(Prefetch("growth_steps", queryset=GrowthStep.objects.order_by("due_on")))
        .order_by("sort_order", "code")
    )


def by_process(norms: list[Norm]) -> list[tuple[str, list[Norm]]]:
    """The norms grouped by process, in the order of the processes."""
    labels = dict(Process.choices)
    groups: list[tuple[str, list[Norm]]] = []
    for value in Process.values:
        members = [n for n in norms if n.process == value]
        if members:
            groups.append((str(labels[value]), members))
    return groups


def path_words(norm: Norm) -> str:
    """The in-growth path in words: "until 1-1-2026: 80%, then 95%" ("" without steps)."""
    steps = list(norm.growth_steps.all())
    if not steps:
        return ""
    parts = [
        _("until %(date)s: %(level)s%%") % {"date": day_text(s.due_on), "level": pct(s.waterlijn)}
        for s in steps
    ]
    parts.append(_("then %(level)s%%") % {"level": pct(norm.waterlijn)})
    return ", ".join(parts)


# --- what changed --------------------------------------------------------------------------


def _compared() -> list[tuple[str, str]]:
    """The fields "what changed" compares, with their labels."""
    return [
        ("title", _("short name")),
        ("text", _("norm")),
        ("process", _("process")),
        ("measure", _("measured by")),
        ("indicator", _("indicator")),
        ("function", _("function")),
        ("question", _("self-assessment question")),
        ("waterlijn", _("waterlijn")),
        ("bandbreedte", _("bandbreedte")),
        ("valid_from", _("in force from")),
        ("valid_until", _("in force until")),
        ("growth", _("in-growth path")),
        ("source", _("source")),
    ]


def _shown(norm: Norm, name: str) -> str:
    if name == "growth":
        return path_words(norm) or "—"
    if name in ("waterlijn", "bandbreedte"):
        value = pct(getattr(norm, name))
        return f"{value}%" if name == "waterlijn" else value
    if name in ("process", "measure", "indicator"):
        value = getattr(norm, f"get_{name}_display")()
        return str(value) if value else "—"
    if name == "function":
        return norm.function.code if norm.function else "—"
    value = getattr(norm, name)
    if isinstance(value, dt.date):
        return day_text(value)
    return str(value) if value not in (None, "") else "—"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangedNorm:
    code: str
    title: str
    changes: list[Change]


@dataclass
class SetDiff:
    """What differs from `old` to `new`, norm by norm (matched by code)."""

    old: NormSet
    new: NormSet
    added: list[Norm] = field(default_factory=list)
    removed: list[Norm] = field(default_factory=list)
    changed: list[ChangedNorm] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def set_diff(old: NormSet, new: NormSet) -> SetDiff:
    before = {n.code: n for n in norms_of(old)}
    after = {n.code: n for n in norms_of(new)}
    result = SetDiff(old=old, new=new)
    result.added = [n for code, n in after.items() if code not in before]
    result.removed = [n for code, n in before.items() if code not in after]
    compared = _compared()
    for code, norm in after.items():
        previous = before.get(code)
        if previous is None:
            continue
        changes = [
            Change(label, _shown(previous, name), _shown(norm, name))
            for name, label in compared
            if _shown(previous, name) != _shown(norm, name)
        ]
        if changes:
            result.changed.append(ChangedNorm(code, norm.title, changes))
    return result


@dataclass(frozen=True)
class MustAdapt:
    """A regional norm that is weaker than the current national one, or whose national norm
    is gone."""

    norm: Norm
    reasons: list[str]


@dataclass
class NationalChanges:
    """For a region: the national set changed since the version its current set is based
    on. `diff` compares that version with the current national set."""

    region: Region
    regional: NormSet
    diff: SetDiff
    must_adapt: list[MustAdapt]


def national_changes(region: Region) -> NationalChanges | None:
    """What changed nationally since the region's current set was made (None when the region
    has no adopted set of its own, or its set is based on the current national set)."""
    regional = selectors.current_set(region)
    national = selectors.current_set(None)
    if regional is None or national is None:
        return None
    base = regional.based_on
    if base is None or base.pk == national.pk:
        return None
    diff = set_diff(base, national)
    current = {n.code: n for n in norms_of(national)}
    must_adapt = []
    for norm in norms_of(regional):
        if norm.national_norm is None:
            if norm.code in current:
                must_adapt.append(
                    MustAdapt(
                        norm,
                        [
                            _(
                                "the national set now has a norm with this code; make it the "
                                "national norm this norm tightens."
                            )
                        ],
                    )
                )
            continue
        now = current.get(norm.national_norm.code)
        if now is None:
            must_adapt.append(
                MustAdapt(
                    norm,
                    [
                        _(
                            "the national norm %(code)s is no longer in the national set; keep "
                            "it as the region's own norm or remove it."
                        )
                        % {"code": norm.national_norm.code}
                    ],
                )
            )
            continue
        reasons = list(weaker_problems(norm, now).values())
        if reasons:
            must_adapt.append(MustAdapt(norm, reasons))
    return NationalChanges(region=region, regional=regional, diff=diff, must_adapt=must_adapt)
