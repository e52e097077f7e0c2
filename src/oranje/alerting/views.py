"""Pages of the alerting room: the alert board (live), the answer pages behind the links,
'my alerts' in the app, the norm times, and the region's alert rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from oranje.alerting import access, selectors, services
from oranje.alerting.access_figures import can_see_figures
from oranje.alerting.constants import Answer, AnsweredVia
from oranje.alerting.forms import AnswerForm, ManualAlertForm, RuleForm
from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors, current_region
from oranje.incidents.access import incident_for_user
from oranje.incidents.views import incident_context


@login_required
def alert_board(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    form = ManualAlertForm(request.POST or None)
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
        if form.is_valid():
            try:
                _call, warnings = services.alert_manual(
                    actor=core_access.authenticated(request.user),
                    incident=incident,
                    function=form.cleaned_data["function"],
                    people_needed=form.cleaned_data["people_needed"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                for warning in warnings:
                    messages.error(request, warning)
                messages.success(request, _("Alert sent."))
                return redirect("alerting:alert_board", incident.pk)
    return render(
        request,
        "alerting/board.html",
        {
            **incident_context(request, incident, "alerts"),
            "rows": selectors.board(incident),
            "form": form,
        },
    )


@login_required
def alert_board_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the board, for htmx."""
    incident = incident_for_user(request.user, pk)
    return render(
        request,
        "alerting/_board_rows.html",
        {**incident_context(request, incident, "alerts"), "rows": selectors.board(incident)},
    )


def _minutes(request: HttpRequest) -> int | None:
    # Anything but a whole number counts as "not given": the service then asks for the
    # minutes with its own message beside the form.
    try:
        return params.optional_int(request.POST, "eta_minutes")
    except params.InvalidParameter:
        return None


@login_required
@require_POST
def board_record(request: HttpRequest, pk: int, alert_pk: int) -> HttpResponse:
    """The board records what someone said by phone, or their arrival at the team."""
    incident = incident_for_user(request.user, pk, operate=True)
    alert = access.alert_for_user(request.user, alert_pk, answer=True)
    if alert.call.incident_id != incident.pk:
        raise Http404
    user = core_access.authenticated(request.user)
    try:
        services.alert_record(
            alert=alert,
            what=request.POST.get("what", ""),
            eta_minutes=_minutes(request),
            via=AnsweredVia.BOARD,
            actor=user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("alerting:alert_board", incident.pk)


def _answer_page(request: HttpRequest, token: str, *, arrival: bool) -> HttpResponse:
    """Behind the link in a message; no login needed: the signed link is the key."""
    context: dict[str, object] = {}
    try:
        alert = access.alert_from_token(
            token, salt=access.ARRIVAL_SALT if arrival else access.LINK_SALT
        )
    except ValidationError as exc:
        return render(request, "alerting/answer.html", {"problem": exc.messages[0]}, status=400)
    context.update(alert=alert, is_exercise=alert.call.incident.is_exercise, arrival=arrival)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        try:
            if arrival:
                services.alert_arrive(token=token)
                context["done"] = "arrived"
            elif form.is_valid():
                alert = services.alert_answer(
                    token=token,
                    answer=form.cleaned_data["answer"],
                    eta_minutes=form.cleaned_data["eta_minutes"],
                )
                context["done"] = alert.answer
                context["alert"] = alert
                if alert.answer == Answer.ACCEPTED:
                    context["arrival_token"] = services.arrival_token(alert)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                apply_errors(form, exc)
            else:
                return render(
                    request,
                    "alerting/answer.html",
                    {**context, "problem": exc.messages[0]},
                    status=400,
                )
    elif not arrival and alert.answered_at is not None:
        context["problem"] = _("This link was already used.")
    context["form"] = form
    return render(request, "alerting/answer.html", context)


@never_cache
def alert_answer(request: HttpRequest, token: str) -> HttpResponse:
    return _answer_page(request, token, arrival=False)


@never_cache
def alert_arrival(request: HttpRequest, token: str) -> HttpResponse:
    return _answer_page(request, token, arrival=True)


def _posted_id(request: HttpRequest, name: str) -> int:
    """The id of the object a button posts; anything else finds nothing (404)."""
    try:
        return params.parse_id(request.POST.get(name, ""), field=name)
    except params.InvalidParameter:
        raise Http404 from None


@login_required
def my_alerts(request: HttpRequest) -> HttpResponse:
    user = core_access.authenticated(request.user)
    if request.method == "POST":
        alert = access.my_alerts_for_user(user).filter(pk=_posted_id(request, "alert")).first()
        if alert is None:
            raise Http404
        try:
            services.alert_record(
                alert=alert,
                what=request.POST.get("what", ""),
                eta_minutes=_minutes(request),
                via=AnsweredVia.APP,
                actor=user,
            )
            messages.success(request, _("Your answer is recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("alerting:my_alerts")
    alerts = services.my_open_alerts(user)
    return render(
        request,
        "alerting/mine.html",
        {
            "alerts": alerts,
            "nav": "my_alerts",
            "is_exercise": any(a.call.incident.is_exercise for a in alerts),
        },
    )


@login_required
def incident_times(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    return render(
        request,
        "alerting/times.html",
        {**incident_context(request, incident, "times"), "timeline": selectors.timeline(incident)},
    )


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    manages = core_access.can_manage_region(request.user, region.pk)
    form = RuleForm(request.POST or None)
    if request.method == "POST":
        core_access.require(manages)
        user = core_access.authenticated(request.user)
        if "delete" in request.POST:
            rule = access.rule_for_user(user, _posted_id(request, "delete"), manage=True)
            if rule.region_id != region.pk:
                raise Http404
            services.rule_delete(actor=user, rule=rule)
            messages.success(request, _("Rule removed."))
            return redirect("alerting:alert_rules")
        if form.is_valid():
            level, team = form.trigger_parts()
            try:
                services.rule_save(
                    actor=user,
                    region=region,
                    function=form.cleaned_data["function"],
                    grip_level=level,
                    team=team,
                    people_needed=form.cleaned_data["people_needed"],
                    escalation_minutes=form.cleaned_data["escalation_minutes"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Rule saved."))
                return redirect("alerting:alert_rules")
    return render(
        request,
        "alerting/rules.html",
        {
            "rules": access.rules_for_user(request.user).filter(region=region),
            "form": form,
            "manages": manages,
            "sees_figures": can_see_figures(request.user, region.pk),
            "nav": "incidents",
        },
    )
