"""Pages of the roster: the calendar, shifts, patterns and roster imports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.validation import local_zone
from oranje.core.views import apply_errors, current_region
from oranje.organisation import selectors, services
from oranje.organisation.access import can_manage_pool, is_own, pool_for_user, shift_for_user
from oranje.organisation.constants import OnCallKind
from oranje.organisation.forms import HandoverForm, PatternForm, ShiftForm
from oranje.organisation.imports import read_table, roster_import
from oranje.organisation.models import Function, Person, Pool
from oranje.organisation.selectors_loans import people_lent_to
from oranje.organisation.views.common import _manages, _require_manager, import_page


@dataclass(frozen=True)
class CalendarEntry:
    """One shift as one day cell of the roster calendar shows it."""

    href: str
    kind: str
    kind_label: str
    person: str
    person_pk: int
    surname: str
    function: str
    starts: str  # "08:00" on the day the shift starts, else empty
    ends: str  # "08:00" on the day it ends, else empty


@dataclass(frozen=True)
class MonthGroup:
    """Entries of one day of the month view that are shown, or folded, together."""

    function: str
    entries: list[CalendarEntry]
    people: int

    @property
    def folded(self) -> bool:
        return self.people > MONTH_LIST_MAX


#: In the month view a function with more people on one day than this is folded into a count.
MONTH_LIST_MAX = 2


def _month_cell(entries: list[CalendarEntry]) -> tuple[list[MonthGroup], list[CalendarEntry], int]:
    """A day of the month view: hard on-call per function, listed when it is one or two people
    and folded into a count when more; soft on-call (pools that list everyone every day)
    folded into one count of people. Listing all of it made the month 15,000 px long."""
    by_function: dict[str, list[CalendarEntry]] = {}
    soft: list[CalendarEntry] = []
    for entry in entries:
        if entry.kind == OnCallKind.HARD:
            by_function.setdefault(entry.function, []).append(entry)
        else:
            soft.append(entry)
    hard = [
        MonthGroup(code, group, len({e.person_pk for e in group}))
        for code, group in by_function.items()
    ]
    return hard, soft, len({e.person_pk for e in soft})


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    """Week view (lanes per pool and function, columns per day) or month view (a grid)."""
    region = current_region(request)
    zone = local_zone()
    today = timezone.localdate()
    view = request.GET.get("weergave", "week")
    day = params.optional_date(request.GET, "datum", default=today) or today
    pools = Pool.objects.filter(region=region).order_by("name")
    pool_id = params.optional_id(request.GET, "pool")
    pool = pools.filter(pk=pool_id).first() if pool_id else None
    functions = Function.objects.filter(pools__region=region).distinct()
    function = (
        functions.filter(code=request.GET.get("functie")).first()
        if request.GET.get("functie")
        else None
    )
    if view == "maand":
        first = day.replace(day=1)
        grid_start = first - dt.timedelta(days=first.weekday())
        next_month = (first + dt.timedelta(days=32)).replace(day=1)
        grid_end = next_month + dt.timedelta(days=(7 - next_month.weekday()) % 7)
        previous_day, next_day = (first - dt.timedelta(days=1)).replace(day=1), next_month
    else:
        view = "week"
        grid_start = day - dt.timedelta(days=day.weekday())
        grid_end = grid_start + dt.timedelta(days=7)
        previous_day, next_day = grid_start - dt.timedelta(days=7), grid_end
    start = dt.datetime.combine(grid_start, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(grid_end, dt.time(0), tzinfo=zone)
    shifts = list(selectors.roster_shifts(region, start, end, pool=pool, function=function))
    days = [grid_start + dt.timedelta(days=i) for i in range((grid_end - grid_start).days)]
    by_day: dict[dt.date, list[CalendarEntry]] = defaultdict(list)
    # Lanes: hard on-call first (what matters at 3 a.m.), then by catalogue order and pool.
    lanes: dict[tuple[bool, int, str, str], dict[dt.date, list[CalendarEntry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    # Everything the calendar prints is worked out here once: a week of a large region has
    # thousands of cells, and per-cell template filters made the page slow under load.
    detail_url = reverse("organisation:shift_detail", args=[0])[:-2]
    kind_labels = dict(OnCallKind.choices)
    for shift in shifts:
        s_local = timezone.localtime(shift.starts_at)
        e_local = timezone.localtime(shift.ends_at)
        s_day = s_local.date()
        e_day = e_local.date() if e_local.time() != dt.time(0) else e_local.date() - dt.timedelta(1)
        key = (
            shift.kind != OnCallKind.HARD,
            shift.function.sort_order,
            shift.pool.name,
            shift.function.code,
        )
        for d in days:
            if s_day <= d <= e_day:
                entry = CalendarEntry(
                    href=f"{detail_url}{shift.pk}/",
                    kind=shift.kind,
                    kind_label=str(kind_labels[shift.kind]),
                    person=shift.person.full_name,
                    person_pk=shift.person_id,
                    surname=shift.person.surname,
                    function=shift.function.code,
                    starts=s_local.strftime("%H:%M") if d == s_day else "",
                    ends=e_local.strftime("%H:%M") if d == e_local.date() else "",
                )
                by_day[d].append(entry)
                lanes[key][d].append(entry)
    lane_rows = [
        {
            "pool": key[2],
            "function": key[3],
            "cells": [(d, d == today, cells.get(d, [])) for d in days],
        }
        for key, cells in sorted(lanes.items())
    ]
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    gaps_here = selectors.coverage_gaps([region], start, end)
    if function is not None:
        gaps_here = [g for g in gaps_here if g.function.pk == function.pk]
    context = {
        "view": view,
        "day": day,
        "today": today,
        "days": days,
        "weeks": [
            [(d, d == today, d.month != day.month, *_month_cell(by_day.get(d, []))) for d in week]
            for week in weeks
        ],
        "lane_rows": lane_rows,
        "month": day.month,
        "pools": pools,
        "pool": pool,
        "functions": functions,
        "function": function,
        "previous_day": previous_day,
        "next_day": next_day,
        "gaps": gaps_here,
        "nav": "roster",
        "manages": _manages(request),
    }
    return render(request, "organisation/roster.html", context)


@login_required
def shift_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    _require_manager(request)
    initial: dict[str, object] = {}
    for key in ("pool", "function", "person", "kind", "starts_at", "ends_at"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    if "function" in initial:
        code_or_pk = str(initial["function"])
        found = Function.objects.filter(code=code_or_pk.upper()[:40]).first()
        if found:
            initial["function"] = found.pk
    form = ShiftForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pool = pool_for_user(request.user, data["pool"].pk, manage=True)
        try:
            services.shift_create(
                actor=core_access.authenticated(request.user),
                pool=pool,
                function=data["function"],
                person=data["person"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                note=data["note"],
                override_reason=data["override_reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Shift added to the roster."))
            start_day = timezone.localtime(data["starts_at"]).date().isoformat()
            return redirect(f"{reverse('organisation:roster')}?datum={start_day}")
    return render(request, "organisation/shift_form.html", {"form": form, "nav": "roster"})


@login_required
def pool_people_options(request: HttpRequest) -> HttpResponse:
    """<option>s for the person field: members of the chosen pool holding the function."""
    region = current_region(request)
    people = Person.objects.filter(region=region, active=True)
    pool_id = params.optional_id(request.GET, "pool")
    if pool_id:
        people = people.filter(pools__pk=pool_id, pools__region=region)
    function_id = params.optional_id(request.GET, "function")
    if function_id:
        people = people.filter(functions__pk=function_id)
    # People lent to the region (for this function) may be rostered in any of its pools.
    lent = people_lent_to(region, function_id=function_id)
    people = Person.objects.filter(Q(pk__in=people.values("pk")) | Q(pk__in=lent.values("pk")))
    return render(
        request,
        "organisation/_person_options.html",
        {
            "people": people.distinct().order_by("surname", "given_name"),
            "selected": request.GET.get("person"),
        },
    )


@login_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = shift_for_user(request.user, pk)
    may_manage = can_manage_pool(request.user, shift.pool)
    may_hand_over = may_manage or is_own(request.user, shift.person)
    form = HandoverForm(request.POST or None, pool=shift.pool, exclude=shift.person)
    if request.method == "POST":
        core_access.require(may_hand_over)
        if form.is_valid():
            try:
                taken = services.shift_hand_over(
                    actor=core_access.authenticated(request.user),
                    shift=shift,
                    to_person=form.cleaned_data["to_person"],
                    from_at=form.cleaned_data["from_at"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Shift handed over to %(person)s.") % {"person": taken.person}
                )
                return redirect("organisation:shift_detail", pk=taken.pk)
    history = shift.handovers.select_related("from_person", "to_person", "by")
    return render(
        request,
        "organisation/shift_detail.html",
        {
            "shift": shift,
            "form": form,
            "history": history,
            "may_manage": may_manage,
            "may_hand_over": may_hand_over,
            "nav": "roster",
        },
    )


@login_required
@require_POST
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = shift_for_user(request.user, pk, manage=True)
    day = timezone.localtime(shift.starts_at).date().isoformat()
    services.shift_delete(actor=core_access.authenticated(request.user), shift=shift)
    messages.success(request, _("Shift removed from the roster."))
    return redirect(f"{reverse('organisation:roster')}?datum={day}")


@login_required
def pattern_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    _require_manager(request)
    form = PatternForm(request.POST or None, region=region)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pool = pool_for_user(request.user, data["pool"].pk, manage=True)
        try:
            result = services.roster_generate(
                actor=core_access.authenticated(request.user),
                pool=pool,
                function=data["function"],
                kind=data["kind"],
                rotation=list(data["rotation"]),
                first_day=data["first_day"],
                last_day=data["last_day"],
                handover_time=data["handover_time"],
                shift_days=data["shift_days"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(count)s shifts created.") % {"count": len(result.created)}
            )
            if not result.unfilled:
                return redirect(
                    f"{reverse('organisation:roster')}?datum={data['first_day'].isoformat()}"
                )
    return render(
        request, "organisation/pattern_form.html", {"form": form, "result": result, "nav": "roster"}
    )


@login_required
def roster_import_view(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        read_table,
        roster_import,
        done=lambda count: _("%(count)s shifts imported.") % {"count": count},
        then="organisation:roster",
        template="organisation/import.html",
        nav="roster",
    )
