"""The cost pages: today's costs of the region for a period (with the cost model and the
course prices to set), the scenarios, and one scenario beside today. For the region's
monitors only (`access.monitor_region_for_user`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.organisation.constants import CoverageUnit
from oranje.quality import access, costs, nav
from oranje.quality import selectors_costs as selectors
from oranje.quality.forms_costs import ChangeForm, CostModelForm, CoursePriceForm, ScenarioForm
from oranje.quality.models import CostModel, CostScenario
from oranje.quality.periods import parse_period
from oranje.quality.services import costs as services


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the costs page, of the period the form was sent from."""
    period = parse_period(str(request.POST.get("periode", ""))[:20])
    url = reverse("quality:costs")
    return redirect(f"{url}?periode={period.slug}" if period else url)


def _region(request: HttpRequest) -> Region:
    return access.monitor_region_for_user(request.user, current_region(request))


def _model_form(region: Region) -> CostModelForm:
    model = CostModel.objects.filter(region=region).first()
    initial = (
        {
            "hard_hour_rate": model.hard_hour_rate,
            "soft_hour_rate": model.soft_hour_rate,
            "fte": model.fte,
            "fte_cost": model.fte_cost,
        }
        if model
        else {}
    )
    return CostModelForm(initial=initial)


def _costs_page(
    request: HttpRequest,
    region: Region,
    *,
    model_form: CostModelForm | None = None,
    price_form: CoursePriceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    period, period_error = selectors.period_from(
        request.GET.get("periode") or request.POST.get("periode")
    )
    result = costs.region_costs(region, period)
    return render(
        request,
        "quality/costs.html",
        {
            "region": region,
            "period": period,
            "period_error": period_error,
            "periods": [*period.previous(4), period],
            "result": result,
            "model_form": model_form or _model_form(region),
            "price_form": price_form or CoursePriceForm(),
            "prices": selectors.course_prices(region),
            "scenarios": selectors.scenarios(region),
            **nav.context(request, "costs"),
        },
        status=400 if period_error else status,
    )


@login_required
def costs_home(request: HttpRequest) -> HttpResponse:
    return _costs_page(request, _region(request))


@login_required
@require_POST
def cost_model(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    form = CostModelForm(request.POST)
    if form.is_valid():
        try:
            services.cost_model_save(
                actor=core_access.authenticated(request.user), region=region, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Cost model saved."))
            return _back(request)
    return _costs_page(request, region, model_form=form, status=400)


@login_required
@require_POST
def course_price(request: HttpRequest) -> HttpResponse:
    """Add a course price, change one (`id`), or delete one (`id` and `delete`)."""
    region = _region(request)
    actor = core_access.authenticated(request.user)
    price = selectors.price_of(region, request.POST.get("id"))
    if request.POST.get("id") and price is None:
        form = CoursePriceForm(request.POST)
        form.full_clean()
        form.add_error(None, _("course price: not a price of this region."))
        return _costs_page(request, region, price_form=form, status=400)
    if price is not None and request.POST.get("delete"):
        services.course_price_delete(actor=actor, price=price)
        messages.success(request, _("Course price deleted."))
        return _back(request)
    form = CoursePriceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.course_price_save(
                actor=actor,
                region=region,
                price=price,
                code=data["code"],
                label=data["label"],
                amount=data["price"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Course price saved."))
            return _back(request)
    return _costs_page(request, region, price_form=form, status=400)


@login_required
def scenario_new(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    form = ScenarioForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.scenario_save(
                actor=core_access.authenticated(request.user),
                region=region,
                scenario=None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Scenario saved; add its changes."))
            return redirect("quality:costs-scenario", scenario.pk)
    return render(
        request,
        "quality/costs_scenario_new.html",
        {"region": region, "form": form, **nav.context(request, "costs")},
        status=400 if request.method == "POST" else 200,
    )


def _scenario_page(
    request: HttpRequest,
    scenario: CostScenario,
    *,
    scenario_form: ScenarioForm | None = None,
    change_form: ChangeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    year, year_error = selectors.year_from(request.GET.get("jaar"))
    result = costs.scenario_costs(scenario, year)
    rows = list(selectors.changes(scenario))
    return render(
        request,
        "quality/costs_scenario.html",
        {
            "region": scenario.region,
            "scenario": scenario,
            "year": year,
            "year_error": year_error,
            "years": [year - 1, year, year + 1],
            "result": result,
            "rows": rows,
            "units": dict(CoverageUnit.choices),
            "scenario_form": scenario_form
            or ScenarioForm(initial={"name": scenario.name, "description": scenario.description}),
            "change_form": change_form or ChangeForm(),
            "functions": ChangeForm().fields["function"].queryset,  # type: ignore[attr-defined]
            **nav.context(request, "costs"),
        },
        status=400 if year_error else status,
    )


@login_required
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario beside today; POST `action`: "scenario" (name, description), "change"
    (add, or alter `change`; with `delete` set: delete `change`)."""
    scenario = selectors.scenario_for_user(request.user, pk)
    if request.method != "POST":
        return _scenario_page(request, scenario)
    actor = core_access.authenticated(request.user)
    action = request.POST.get("action", "")
    if action == "scenario":
        form = ScenarioForm(request.POST)
        if form.is_valid():
            try:
                services.scenario_save(
                    actor=actor, region=scenario.region, scenario=scenario, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Scenario saved."))
                return redirect("quality:costs-scenario", scenario.pk)
        return _scenario_page(request, scenario, scenario_form=form, status=400)
    change_form = ChangeForm(request.POST)
    change = selectors.change_of(scenario, request.POST.get("change"))
    if action == "change" and change is not None and request.POST.get("delete"):
        services.scenario_change_delete(actor=actor, change=change)
        messages.success(request, _("Change deleted."))
        return redirect("quality:costs-scenario", scenario.pk)
    if action == "change" and (change is not None or not request.POST.get("change")):
        if change_form.is_valid():
            data: dict[str, Any] = change_form.cleaned_data
            try:
                services.scenario_change_save(
                    actor=actor,
                    scenario=scenario,
                    change=change,
                    function_id=data["function"].pk,
                    extra_hard=data["extra_hard"],
                    extra_soft=data["extra_soft"],
                    note=data["note"],
                )
            except ValidationError as exc:
                apply_errors(change_form, exc)
            else:
                messages.success(request, _("Change saved."))
                return redirect("quality:costs-scenario", scenario.pk)
        return _scenario_page(request, scenario, change_form=change_form, status=400)
    change_form.full_clean()
    change_form.add_error(None, _("change: choose what to do with which change."))
    return _scenario_page(request, scenario, change_form=change_form, status=400)


@login_required
@require_POST
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = selectors.scenario_for_user(request.user, pk)
    services.scenario_delete(actor=core_access.authenticated(request.user), scenario=scenario)
    messages.success(request, _("Scenario deleted."))
    return redirect("quality:costs")
