"""Pages of the organisation room. Thin: chokepoints fetch, forms parse, services write."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.validation import format_phone, local_zone
from oranje.core.views import apply_errors, current_region
from oranje.organisation import selectors, services
from oranje.organisation.access import (
    can_manage_person,
    can_manage_pool,
    district_for_user,
    is_own,
    person_for_user,
    pool_for_user,
    shift_for_user,
    unavailability_for_user,
)
from oranje.organisation.calendar import person_calendar
from oranje.organisation.constants import OnCallKind
from oranje.organisation.forms import (
    DistrictForm,
    HandoverForm,
    ImportForm,
    PatternForm,
    PersonForm,
    PoolForm,
    RegionFunctionForm,
    ShiftForm,
    UnavailabilityForm,
)
from oranje.organisation.imports import read_table, roster_import
from oranje.organisation.models import District, Function, Person, Pool, RegionFunction

DEFAULT_GAP_WEEKS = 8


@dataclass(frozen=True)
class CalendarEntry:
    """One shift as one day cell of the roster calendar shows it."""

    href: str
    kind: str
    kind_label: str
    person: str
    surname: str
    function: str
    starts: str  # "08:00" on the day the shift starts, else empty
    ends: str  # "08:00" on the day it ends, else empty


MAX_GAP_WEEKS = 26


def _manages(request: HttpRequest) -> bool:
    region = current_region(request)
    return core_access.can_manage_anything(request.user, region.pk)


def _require_manager(request: HttpRequest) -> None:
    core_access.require(_manages(request))


# ---------------------------------------------------------------- on call now and gaps


@login_required
def oncall_now(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    now = timezone.now()
    rows = selectors.on_call_at(region, now)
    template = (
        "organisation/_oncall_table.html"
        if request.headers.get("HX-Request") == "true"
        else "organisation/oncall_now.html"
    )
    return render(request, template, {"rows": rows, "now": now, "nav": "oncall"})


@login_required
def gaps(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    try:
        weeks = min(max(int(request.GET.get("weken", DEFAULT_GAP_WEEKS)), 1), MAX_GAP_WEEKS)
    except ValueError:
        weeks = DEFAULT_GAP_WEEKS
    start = timezone.now().replace(second=0, microsecond=0)
    end = start + dt.timedelta(weeks=weeks)
    found = selectors.coverage_gaps([region], start, end)
    return render(
        request,
        "organisation/gaps.html",
        {
            "gaps": found,
            "weeks": weeks,
            "start": start,
            "end": end,
            "nav": "gaps",
            "manages": _manages(request),
        },
    )


# ---------------------------------------------------------------- roster calendar


def _parse_day(text: str | None, fallback: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else fallback
    except ValueError:
        return fallback


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    """Week view (lanes per pool and function, columns per day) or month view (a grid)."""
    region = current_region(request)
    zone = local_zone()
    today = timezone.localdate()
    view = request.GET.get("weergave", "week")
    day = _parse_day(request.GET.get("datum"), today)
    pools = Pool.objects.filter(region=region).order_by("name")
    pool_id = request.GET.get("pool", "")
    pool = pools.filter(pk=int(pool_id)).first() if pool_id.isdigit() else None
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
    detail_url = reverse("shift_detail", args=[0])[:-2]
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
            [(d, d == today, d.month != day.month, by_day.get(d, [])) for d in week]
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
        found = (
            Function.objects.filter(code=code_or_pk).first() if not code_or_pk.isdigit() else None
        )
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
            return redirect(f"{reverse('roster')}?datum={start_day}")
    return render(request, "organisation/shift_form.html", {"form": form, "nav": "roster"})


@login_required
def pool_people_options(request: HttpRequest) -> HttpResponse:
    """<option>s for the person field: members of the chosen pool holding the function."""
    region = current_region(request)
    people = Person.objects.filter(region=region, active=True)
    if request.GET.get("pool", "").isdigit():
        people = people.filter(pools__pk=int(request.GET["pool"]), pools__region=region)
    if request.GET.get("function", "").isdigit():
        people = people.filter(functions__pk=int(request.GET["function"]))
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
                return redirect("shift_detail", pk=taken.pk)
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
    return redirect(f"{reverse('roster')}?datum={day}")


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
                return redirect(f"{reverse('roster')}?datum={data['first_day'].isoformat()}")
    return render(
        request, "organisation/pattern_form.html", {"form": form, "result": result, "nav": "roster"}
    )


@login_required
def roster_import_view(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_table(upload, upload.name)
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            report = roster_import(
                actor=core_access.authenticated(request.user),
                region=region,
                rows=rows,
                filename=upload.name,
            )
            if report.ok:
                messages.success(
                    request, _("%(count)s shifts imported.") % {"count": report.created}
                )
                return redirect("roster")
    return render(
        request,
        "organisation/import.html",
        {"form": form, "report": report, "file_error": file_error, "nav": "roster"},
    )


# ---------------------------------------------------------------- people


@login_required
def people(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    search = request.GET.get("q", "").strip()
    function_code = request.GET.get("functie", "")
    items = list(selectors.people_in_region(region, search=search, function_code=function_code))
    return render(
        request,
        "organisation/people.html",
        {
            "people": items,
            "q": search,
            "function_code": function_code,
            "functions": Function.objects.all(),
            "nav": "people",
            "manages": _manages(request),
        },
    )


def _person_form_save(
    request: HttpRequest, form: PersonForm, person: Person | None
) -> Person | None:
    region = current_region(request)
    data = dict(form.cleaned_data)
    functions = data.pop("functions")
    active = data.pop("active")
    try:
        if person is None:
            return services.person_create(
                actor=core_access.authenticated(request.user),
                region=region,
                functions=functions,
                **data,
            )
        return services.person_update(
            actor=core_access.authenticated(request.user),
            person=person,
            functions=functions,
            active=active,
            **data,
        )
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    _require_manager(request)
    form = PersonForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        person = _person_form_save(request, form, None)
        if person:
            messages.success(request, _("%(person)s added.") % {"person": person})
            return redirect("person_detail", pk=person.pk)
    return render(request, "organisation/person_form.html", {"form": form, "nav": "people"})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, manage=True)
    initial = {
        "given_name": person.given_name,
        "prefix": person.prefix,
        "surname": person.surname,
        "email": person.email,
        "phone": format_phone(person.phone),
        "phone_alt": format_phone(person.phone_alt) if person.phone_alt else "",
        "municipality": person.municipality_id,
        "functions": list(person.functions.all()),
        "active": person.active,
    }
    form = PersonForm(request.POST or None, region=person.region, initial=initial)
    if request.method == "POST" and form.is_valid() and _person_form_save(request, form, person):
        messages.success(request, _("Changes saved."))
        return redirect("person_detail", pk=person.pk)
    return render(
        request, "organisation/person_form.html", {"form": form, "person": person, "nav": "people"}
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    may_manage = can_manage_person(request.user, person)
    own = is_own(request.user, person)
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST":
        core_access.require(may_manage or own)
        if form.is_valid():
            try:
                services.unavailability_create(
                    actor=core_access.authenticated(request.user),
                    person=person,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Unavailability recorded."))
                return redirect("person_detail", pk=person.pk)
    since = timezone.now() - dt.timedelta(days=7)
    context = {
        "person": person,
        "phone": format_phone(person.phone),
        "phone_alt": format_phone(person.phone_alt) if person.phone_alt else "",
        "shifts": selectors.shifts_of_person(person, since)[:60],
        "unavailabilities": person.unavailabilities.filter(ends_at__gt=since),
        "pools": person.pools.all(),
        "form": form,
        "may_manage": may_manage,
        "own": own,
        "nav": "people",
    }
    return render(request, "organisation/person_detail.html", context)


@login_required
@require_POST
def unavailability_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = unavailability_for_user(request.user, pk)
    services.unavailability_delete(actor=core_access.authenticated(request.user), item=item)
    messages.success(request, _("Unavailability withdrawn."))
    return redirect("person_detail", pk=item.person_id)


# ---------------------------------------------------------------- pools and districts


@login_required
def pools(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    items = (
        Pool.objects.filter(region=region)
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related("functions", "municipalities")
    )
    districts = District.objects.filter(region=region).prefetch_related("municipalities")
    return render(
        request,
        "organisation/pools.html",
        {
            "pools": items,
            "districts": districts,
            "nav": "pools",
            "manages": _manages(request),
            "manages_region": core_access.can_manage_region(request.user, region.pk),
        },
    )


@login_required
def pool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pool = pool_for_user(request.user, pk)
    members = list(pool.members.prefetch_related("functions").select_related("municipality"))
    return render(
        request,
        "organisation/pool_detail.html",
        {
            "pool": pool,
            "members": members,
            "may_manage": can_manage_pool(request.user, pool),
            "nav": "pools",
        },
    )


def _pool_form(request: HttpRequest, pool: Pool | None) -> HttpResponse:
    region = current_region(request) if pool is None else pool.region
    initial = {}
    if pool is not None:
        initial = {
            "name": pool.name,
            "kind": pool.kind,
            "municipalities": list(pool.municipalities.all()),
            "functions": list(pool.functions.all()),
            "members": list(pool.members.all()),
            "coordinator": pool.coordinator_id,
            "description": pool.description,
        }
    form = PoolForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.pool_save(
                actor=core_access.authenticated(request.user),
                region=region,
                pool=pool,
                name=data["name"],
                kind=data["kind"],
                municipalities=list(data["municipalities"]),
                functions=list(data["functions"]),
                members=list(data["members"]),
                coordinator=data["coordinator"],
                description=data["description"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Pool saved."))
            return redirect("pool_detail", pk=saved.pk)
    return render(
        request, "organisation/pool_form.html", {"form": form, "pool": pool, "nav": "pools"}
    )


@login_required
def pool_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    return _pool_form(request, None)


@login_required
def pool_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _pool_form(request, pool_for_user(request.user, pk, manage=True))


def _district_form(request: HttpRequest, district: District | None) -> HttpResponse:
    region = current_region(request) if district is None else district.region
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    initial = (
        {"name": district.name, "municipalities": list(district.municipalities.all())}
        if district
        else {}
    )
    form = DistrictForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.district_save(
                actor=core_access.authenticated(request.user),
                region=region,
                district=district,
                name=form.cleaned_data["name"],
                municipalities=list(form.cleaned_data["municipalities"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("District saved."))
            return redirect("pools")
    return render(
        request,
        "organisation/district_form.html",
        {"form": form, "district": district, "nav": "pools"},
    )


@login_required
def district_new(request: HttpRequest) -> HttpResponse:
    return _district_form(request, None)


@login_required
def district_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _district_form(request, district_for_user(request.user, pk, manage=True))


# ---------------------------------------------------------------- function catalogue


@login_required
def functions(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    settings_ = selectors.region_settings(region)
    holders = dict(
        Person.objects.filter(region=region, active=True)
        .values_list("functions")
        .annotate(n=Count("pk", distinct=True))
        .values_list("functions", "n")
    )
    rows = [
        {"function": f, "setting": settings_.get(f.pk), "holders": holders.get(f.pk, 0)}
        for f in Function.objects.all()
    ]
    return render(
        request,
        "organisation/functions.html",
        {
            "rows": rows,
            "nav": "functions",
            "manages_region": core_access.can_manage_region(request.user, region.pk),
        },
    )


@login_required
def function_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = current_region(request)
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    function = get_object_or_404(Function, code=code)
    setting = RegionFunction.objects.filter(region=region, function=function).first()
    initial = {
        "local_name": setting.local_name if setting else "",
        "coverage_unit": setting.coverage_unit if setting else "district",
        "min_hard_on_call": setting.min_hard_on_call if setting else 0,
        "min_qualified": setting.min_qualified if setting else 0,
        "response_norm_minutes": setting.response_norm_minutes if setting else None,
    }
    form = RegionFunctionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.region_function_update(
            actor=core_access.authenticated(request.user),
            region=region,
            function=function,
            **form.cleaned_data,
        )
        messages.success(request, _("Changes saved."))
        return redirect("functions")
    return render(
        request,
        "organisation/function_form.html",
        {"form": form, "function": function, "nav": "functions"},
    )


# ---------------------------------------------------------------- own shifts and calendar feed


@login_required
def my_shifts(request: HttpRequest) -> HttpResponse:
    user = core_access.authenticated(request.user)
    person = Person.objects.filter(user=user).select_related("region").first()
    if request.method == "POST" and person is not None:
        services.person_renew_calendar_token(
            actor=core_access.authenticated(request.user), person=person
        )
        messages.success(
            request, _("A new calendar address was made; the old one no longer works.")
        )
        return redirect("my_shifts")
    context: dict[str, object] = {"person": person, "nav": "mine"}
    if person is not None:
        since = timezone.now() - dt.timedelta(days=7)
        context["shifts"] = selectors.shifts_of_person(person, since)
        context["given"] = person.handovers_given.select_related(
            "to_person", "shift", "shift__function"
        )[:20]
        context["feed_url"] = request.build_absolute_uri(
            reverse("calendar_feed", kwargs={"token": person.calendar_token})
        )
    return render(request, "organisation/my_shifts.html", context)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's shifts as iCalendar, behind a secret, revocable address (no login:
    calendar apps cannot log in)."""
    person = Person.objects.filter(calendar_token=token, active=True).first()
    if person is None or len(token) < 32:
        raise Http404
    response = HttpResponse(person_calendar(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="oranje-piket.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
