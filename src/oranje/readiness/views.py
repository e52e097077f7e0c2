"""Pages of the readiness room."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors, current_region
from oranje.organisation.access import can_manage_person, managed_people_for_user, person_for_user
from oranje.organisation.models import Function, Pool
from oranje.readiness import access, errors, selectors, services
from oranje.readiness.constants import ExerciseStatus, ParticipantRole
from oranje.readiness.forms import (
    ActivityForm,
    AlarmResponseForm,
    AlarmTestForm,
    ExerciseForm,
    ImportForm,
    RequirementFormSet,
)
from oranje.readiness.imports import activity_import, read_table
from oranje.readiness.models import QualificationProfile
from oranje.readiness.selectors_certification import activity_rows


def _manages(request: HttpRequest) -> bool:
    return core_access.can_manage_anything(request.user, current_region(request).pk)


@login_required
def readiness_matrix(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    pools = Pool.objects.filter(region=region).order_by("name")
    pool_id = params.optional_id(request.GET, "pool")
    pool = pools.filter(pk=pool_id).first() if pool_id else None
    codes = [c for c in request.GET.getlist("functie") if c]
    result = selectors.matrix(region, timezone.localdate(), pool=pool, function_codes=codes or None)
    return render(
        request,
        "readiness/matrix.html",
        {
            "matrix": result,
            "pools": pools,
            "pool": pool,
            "codes": codes,
            "functions": Function.objects.all(),
            "nav": "readiness",
            "manages": _manages(request),
        },
    )


@login_required
def national_counts(request: HttpRequest) -> HttpResponse:
    rows = selectors.national_counts(timezone.localdate())
    return render(request, "readiness/national.html", {"rows": rows, "nav": "readiness"})


@login_required
def passport(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    rows = selectors.passport(person, timezone.localdate())
    activities = list(person.activities.select_related("function", "provider")[:100])
    return render(
        request,
        "readiness/passport.html",
        {
            "person": person,
            "rows": rows,
            "activities": activities,
            "activity_rows": activity_rows(activities, person.region_id, timezone.localdate()),
            "today": timezone.localdate(),
            "may_manage": can_manage_person(request.user, person),
            "nav": "readiness",
        },
    )


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(_manages(request))
    initial = {}
    person_id = params.optional_id(request.GET, "persoon")
    if person_id:
        initial["persons"] = [person_id]
    form = ActivityForm(
        request.POST or None,
        region=region,
        people=managed_people_for_user(request.user, region.pk),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.activity_record(
                actor=core_access.authenticated(request.user),
                persons=list(data["persons"]),
                kind=data["kind"],
                title=data["title"],
                code=data["code"],
                completed_on=data["completed_on"],
                hours=data["hours"] or Decimal(0),
                passed=data["passed"],
                score=data["score"],
                function=data["function"],
                exercise_type=data["exercise_type"],
                provider=data["provider"],
                certificate_number=data["certificate_number"],
                certificate_expires_on=data["certificate_expires_on"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(count)s activities recorded.") % {"count": len(created)})
            if len(created) == 1:
                return redirect("readiness:passport", pk=created[0].person_id)
            return redirect("readiness:readiness")
    return render(request, "readiness/activity_form.html", {"form": form, "nav": "readiness"})


@login_required
def activity_import_view(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(_manages(request))
    form = ImportForm(request.POST or None, request.FILES or None)
    report, file_error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_table(upload, upload.name)
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            report = activity_import(
                actor=core_access.authenticated(request.user),
                region=region,
                rows=rows,
                filename=upload.name,
            )
            if report.ok:
                messages.success(
                    request,
                    _("%(created)s activities imported, %(skipped)s already known.")
                    % {"created": report.created, "skipped": report.skipped},
                )
                return redirect("readiness:readiness")
    return render(
        request,
        "readiness/import.html",
        {"form": form, "report": report, "file_error": file_error, "nav": "readiness"},
    )


@login_required
def profiles(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    table = services.current_requirements()
    rows = []
    for function in Function.objects.all():
        rows.append(
            {
                "function": function,
                "national": table.get((function.pk, None)),
                "regional": table.get((function.pk, region.pk)),
            }
        )
    return render(
        request,
        "readiness/profiles.html",
        {
            "rows": rows,
            "nav": "readiness",
            "national_admin": access.can_publish_profile(request.user, None),
            "manages_region": access.can_publish_profile(request.user, region),
        },
    )


@login_required
def profile_edit(request: HttpRequest, code: str, scope: str) -> HttpResponse:
    """Publish a new version of the national (scope "landelijk") or regional profile."""
    region = current_region(request)
    function = get_object_or_404(Function, code=code)
    target = None if scope == "landelijk" else region
    core_access.require(access.can_publish_profile(request.user, target))
    current = services.current_requirements([function.pk]).get(
        (function.pk, target.pk if target else None), []
    )
    initial = [
        {
            "kind": r.kind,
            "code": r.code,
            "label": r.label,
            "valid_months": r.valid_months,
            "min_count": r.min_count,
            "min_hours": r.min_hours,
            "window_months": r.window_months,
            "requires_accredited": r.requires_accredited,
        }
        for r in current
    ]
    formset = RequirementFormSet(request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        requirements = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("kind")]
        try:
            services.profile_publish(
                actor=core_access.authenticated(request.user),
                function=function,
                region=target,
                requirements=requirements,
                note=request.POST.get("note", "")[:255],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("New version of the profile published."))
            return redirect("readiness:profiles")
    versions = QualificationProfile.objects.filter(function=function, region=target).select_related(
        "published_by"
    )
    return render(
        request,
        "readiness/profile_form.html",
        {
            "function": function,
            "formset": formset,
            "target": target,
            "errors": errors,
            "versions": versions,
            "nav": "readiness",
        },
    )


@login_required
def exercises(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    items = access.exercises_for_user(request.user).filter(region=region)
    items = items.prefetch_related("functions")
    return render(
        request,
        "readiness/exercises.html",
        {"exercises": items, "nav": "exercises", "manages": _manages(request)},
    )


@login_required
def exercise_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(_manages(request))
    form = ExerciseForm(
        request.POST or None,
        region=region,
        people=managed_people_for_user(request.user, region.pk),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        involved = list(data["functions"])
        participants = []
        for person in data["participants"]:
            held = [f for f in involved if person.functions.filter(pk=f.pk).exists()]
            participants.append((person, held[0] if held else None))
        exercise = services.exercise_plan(
            actor=core_access.authenticated(request.user),
            region=region,
            title=data["title"],
            exercise_type=data["exercise_type"],
            starts_at=data["starts_at"],
            hours=data["hours"],
            scenario=data["scenario"],
            functions=involved,
            participants=participants,
            observers=list(data["observers"]),
        )
        messages.success(request, _("Exercise planned."))
        return redirect("readiness:exercise_detail", pk=exercise.pk)
    return render(request, "readiness/exercise_form.html", {"form": form, "nav": "exercises"})


@login_required
def exercise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exercise = access.exercise_for_user(request.user, pk)
    # Completed once: afterwards the page only shows what was recorded.
    may_manage = (
        access.can_manage_exercise(request.user, exercise)
        and exercise.status == ExerciseStatus.PLANNED
    )
    participants = list(exercise.participants.select_related("person", "function"))
    error = ""
    if request.method == "POST":
        exercise = access.exercise_for_user(request.user, pk, manage=True)
        attendance = {
            p.pk: (
                request.POST.get(f"attended-{p.pk}") == "on",
                request.POST.get(f"observation-{p.pk}", "").strip(),
            )
            for p in participants
        }
        points = [
            (text, None)
            for text in request.POST.get("learning_points", "").splitlines()
            if text.strip()
        ]
        try:
            created = services.exercise_complete(
                actor=core_access.authenticated(request.user),
                exercise=exercise,
                attendance=attendance,
                learning_points=points,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Attendance recorded: %(count)s exercise records added.")
                % {"count": len(created)},
            )
            return redirect("readiness:exercise_detail", pk=exercise.pk)
    return render(
        request,
        "readiness/exercise_detail.html",
        {
            "exercise": exercise,
            "participants": participants,
            "may_manage": may_manage,
            "error": error,
            "observer_role": ParticipantRole.OBSERVER,
            "nav": "exercises",
        },
    )


@login_required
def alarm_tests(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    manages_region = core_access.can_manage_region(request.user, region.pk)
    form = AlarmTestForm(request.POST or None)
    if request.method == "POST":
        core_access.require(manages_region)
        if form.is_valid():
            try:
                test = services.alarm_test_start(
                    actor=core_access.authenticated(request.user),
                    region=region,
                    functions=list(form.cleaned_data["functions"]),
                    message=form.cleaned_data["message"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Test alarm sent to %(count)s people.") % {"count": test.recipients.count()},
                )
                return redirect("readiness:alarm_test_detail", pk=test.pk)
    tests = access.alarm_tests_for_user(request.user).filter(region=region)
    tests = tests.prefetch_related("functions")[:50]
    return render(
        request,
        "readiness/alarm_tests.html",
        {"form": form, "tests": tests, "manages_region": manages_region, "nav": "exercises"},
    )


@login_required
def alarm_test_detail(request: HttpRequest, pk: int) -> HttpResponse:
    test = access.alarm_test_for_user(request.user, pk)
    lines = selectors.alarm_report(test)
    return render(
        request,
        "readiness/alarm_test_detail.html",
        {"test": test, "lines": lines, "nav": "exercises"},
    )


def alarm_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link in a test alarm: no login, the signed link is the key. A
    forged or expired link, or one already answered, says so and records nothing."""
    try:
        recipient = services.alarm_recipient_from_token(token)
    except ValidationError as exc:
        return render(
            request, "readiness/alarm_respond.html", {"problem": exc.messages[0]}, status=400
        )
    if recipient.responded_at is not None and request.method == "GET":
        when = date_format(timezone.localtime(recipient.responded_at), "j-n-Y H:i")
        problem = str(errors.LINK_USED % {"time": when})
        return render(request, "readiness/alarm_respond.html", {"problem": problem}, status=409)
    form = AlarmResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recipient = services.alarm_respond(
                token=token,
                answer=form.cleaned_data["answer"],
                eta_minutes=form.cleaned_data["eta_minutes"],
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return render(
                    request,
                    "readiness/alarm_respond.html",
                    {"problem": exc.messages[0]},
                    status=409,
                )
            apply_errors(form, exc)
        else:
            return render(
                request, "readiness/alarm_respond.html", {"recipient": recipient, "done": True}
            )
    return render(request, "readiness/alarm_respond.html", {"recipient": recipient, "form": form})


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for_user(request.user, pk, manage=True)
    services.activity_delete(actor=core_access.authenticated(request.user), activity=activity)
    messages.success(request, _("Activity removed."))
    return redirect("readiness:passport", pk=activity.person_id)
