"""The signals of the environment analysis ("Communicatie" → Signalen): the list with filters
and the quick entry on top (the information line types a question and presses Enter), one
signal's page (change, remove), the tally of a period, the import of a monitoring export,
the rumours with the message that counters each, and the charts (inline SVG with a table,
and the SVG file itself)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.communication import charts
from oranje.communication import selectors_signals as selectors
from oranje.communication.access import (
    can_write_signals,
    communication_incident_for_user,
    signal_for_user,
)
from oranje.communication.forms_signals import (
    CounterForm,
    SignalFilterForm,
    SignalForm,
    SignalImportForm,
    TallyLines,
    TallyPeriodForm,
)
from oranje.communication.services import signal_import as importing
from oranje.communication.services import signals as services
from oranje.core import access as core_access
from oranje.core.params import InvalidParameter
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

PAGE = 50
#: How long a browser may keep a chart before asking again (the signals come in live).
CHART_SECONDS = 10


def _writes(request: HttpRequest, incident: Incident) -> bool:
    return can_write_signals(request.user, incident) and incident.is_open


def _context(request: HttpRequest, incident: Incident, part: str) -> dict[str, Any]:
    return {
        **incident_context(request, incident, "communication"),
        "part": part,
        "writes": _writes(request, incident),
        "topics": selectors.topic_choices(incident),
    }


def _data(cleaned: dict[str, Any]) -> services.SignalData:
    return services.SignalData(
        source=cleaned["source"],
        text=cleaned["text"],
        at=cleaned["at"],
        topic=cleaned["topic"],
        goal=cleaned["goal"],
        sentiment=cleaned["sentiment"],
        rumour=cleaned["rumour"],
        count=cleaned["count"],
    )


def signal_filter(request: HttpRequest) -> tuple[SignalFilterForm, selectors.SignalFilter]:
    """The filters of the query string (a bad one is shown on the form and left out)."""
    form = SignalFilterForm(request.GET or None, auto_id="filter_%s")
    chosen = form.cleaned_data if form.is_valid() else {}
    rumour = chosen.get("rumour") or ""
    return form, selectors.SignalFilter(
        start=chosen.get("start"),
        end=chosen.get("end"),
        source=chosen.get("source") or "",
        topic=services.normal_topic(chosen.get("topic") or ""),
        goal=chosen.get("goal") or "",
        rumour={"yes": True, "open": True, "no": False}.get(rumour),
        countered=False if rumour == "open" else None,
    )


@login_required
def signals_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    form = SignalForm()
    if request.method == "POST":
        core_access.require(can_write_signals(request.user, incident))
        form = SignalForm(request.POST)
        if form.is_valid():
            try:
                services.signal_create(
                    incident=incident,
                    actor=core_access.authenticated(request.user),
                    data=_data(form.cleaned_data),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Signal recorded."))
                # Keep what the information line will likely type again.
                keep = {k: form.cleaned_data[k] for k in ("source", "goal")}
                request.session["signal_entry"] = keep
                return redirect("communication:signals", incident.pk)
    elif request.session.get("signal_entry"):
        form = SignalForm(initial=request.session["signal_entry"])
    filters, chosen = signal_filter(request)
    page = Paginator(selectors.signal_list(incident, chosen), PAGE).get_page(
        request.GET.get("pagina")
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "communication/signals_list.html",
        {
            **_context(request, incident, "list"),
            "form": form,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "totals": selectors.totals(incident, chosen),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def signal_detail(request: HttpRequest, pk: int, signal_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    signal = signal_for_user(request.user, incident, signal_pk, write=request.method == "POST")
    initial = {
        name: getattr(signal, name)
        for name in ("text", "topic", "source", "goal", "sentiment", "count", "rumour", "at")
    }
    form = SignalForm(initial=initial)
    if request.method == "POST":
        form = SignalForm(request.POST)
        if form.is_valid():
            try:
                services.signal_update(
                    signal=signal,
                    actor=core_access.authenticated(request.user),
                    data=_data(form.cleaned_data),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Signal changed."))
                return redirect("communication:signals", incident.pk)
    return render(
        request,
        "communication/signal_detail.html",
        {
            **_context(request, incident, "list"),
            "signal": signal,
            "form": form,
            "counter": CounterForm(initial={"message": signal.countered_by_id}, incident=incident),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def signal_delete(request: HttpRequest, pk: int, signal_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    signal = signal_for_user(request.user, incident, signal_pk, write=True)
    try:
        services.signal_delete(signal=signal, actor=core_access.authenticated(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Signal removed."))
    return redirect("communication:signals", incident.pk)


@login_required
@require_POST
def signal_counter(request: HttpRequest, pk: int, signal_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    signal = signal_for_user(request.user, incident, signal_pk, write=True)
    form = CounterForm(request.POST, incident=incident)
    if form.is_valid():
        try:
            services.signal_counter(
                signal=signal,
                actor=core_access.authenticated(request.user),
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Rumour linked to its counter-message.")
                if form.cleaned_data["message"] is not None
                else _("Rumour marked as not countered."),
            )
            return redirect("communication:rumours", incident.pk)
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("communication:rumours", incident.pk)


@login_required
def signals_tally(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    core_access.require(can_write_signals(request.user, incident))
    period = TallyPeriodForm()
    lines = TallyLines(prefix="lines")
    if request.method == "POST":
        period = TallyPeriodForm(request.POST)
        lines = TallyLines(request.POST, prefix="lines")
        if period.is_valid() and lines.is_valid():
            chosen = [
                services.TallyLine(topic=f["topic"], count=f["count"], goal=f["goal"])
                for f in (form.cleaned_data for form in lines)
                if f.get("topic") and f.get("count")
            ]
            try:
                batch = services.signal_tally(
                    incident=incident,
                    actor=core_access.authenticated(request.user),
                    start=period.cleaned_data["start"],
                    end=period.cleaned_data["end"],
                    source=period.cleaned_data["source"],
                    lines=chosen,
                )
            except ValidationError as exc:
                # "until" and "lines" are no fields of the period's form: shown above it.
                apply_errors(period, exc)
            else:
                messages.success(
                    request,
                    _("Tally recorded: %(n)s topics, %(contacts)s contacts.")
                    % {"n": batch.rows, "contacts": sum(x.count for x in chosen)},
                )
                return redirect("communication:signals", incident.pk)
    return render(
        request,
        "communication/signals_tally.html",
        {**_context(request, incident, "tally"), "period": period, "lines": lines},
        status=400 if period.is_bound else 200,
    )


@login_required
def signals_import(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    form = SignalImportForm()
    report = None
    file_error = ""
    core_access.require(can_write_signals(request.user, incident))
    if request.method == "POST":
        form = SignalImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > importing.UPLOAD_MAX:
                    raise ValidationError(
                        _("The file is larger than %(mb)s MB; split it into smaller files.")
                        % {"mb": importing.UPLOAD_MAX // (1024 * 1024)}
                    )
                parsed = importing.read_signals(upload, upload.name or "")
                report = importing.signals_import(
                    incident=incident,
                    actor=core_access.authenticated(request.user),
                    file=parsed,
                    default_source=form.cleaned_data["source"],
                )
            except ValidationError as exc:
                file_error = " ".join(exc.messages)
            else:
                if report.ok:
                    messages.success(
                        request,
                        _("Imported: %(rows)s signals, %(contacts)s contacts.")
                        % {"rows": report.created, "contacts": report.contacts},
                    )
                    return redirect("communication:signals", incident.pk)
    return render(
        request,
        "communication/signals_import.html",
        {
            **_context(request, incident, "import"),
            "form": form,
            "report": report,
            "file_error": file_error,
            "columns": importing.COLUMNS,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def signals_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The header row of an import file (CSV, semicolons, UTF-8 with BOM for Excel)."""
    communication_incident_for_user(request.user, pk)
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="signalen-sjabloon.csv"'
    return response


@login_required
def rumours(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    rows = list(selectors.rumours(incident))
    return render(
        request,
        "communication/signals_rumours.html",
        {
            **_context(request, incident, "rumours"),
            "rows": [
                (s, CounterForm(initial={"message": s.countered_by_id}, incident=incident))
                for s in rows
            ],
        },
    )


def _per(request: HttpRequest) -> str:
    per = request.GET.get("per", "topic")
    if per not in ("topic", "goal"):
        raise InvalidParameter("per", _("choose topic or goal."))
    return per


def _title(per: str) -> str:
    return _("Signals per topic") if per == "topic" else _("Signals per goal")


def _chart(incident: Incident, per: str, chosen: selectors.SignalFilter) -> dict[str, Any]:
    volume = selectors.volume(incident, per=per, f=chosen)  # type: ignore[arg-type]
    title = _title(per)
    svg = charts.volume_svg(
        volume,
        title=title,
        marking=_("EXERCISE") if incident.is_exercise else "",
        ident=f"chart-{per}",
    )
    return {
        "per": per,
        "title": title,
        "svg": mark_safe(svg),  # noqa: S308 - built by charts.volume_svg, every text escaped
        "desc": charts.describe(volume, title),
        "volume": volume,
        "labels": [charts.bucket_label(volume, i) for i in range(len(volume.buckets))],
        "rows": [
            (charts.bucket_label(volume, i), [s.values[i] for s in volume.series], total)
            for i, total in enumerate(volume.column_totals)
        ],
    }


@login_required
def signals_charts(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    filters, chosen = signal_filter(request)
    return render(
        request,
        "communication/signals_charts.html",
        {
            **_context(request, incident, "charts"),
            "filters": filters,
            "charts": [_chart(incident, "topic", chosen), _chart(incident, "goal", chosen)],
            "query": request.GET.urlencode(),
        },
    )


@login_required
def signals_chart_svg(request: HttpRequest, pk: int) -> HttpResponse:
    """The chart as an SVG file (`?per=topic` or `goal`, and the list's filters)."""
    incident = communication_incident_for_user(request.user, pk)
    per = _per(request)
    _filters, chosen = signal_filter(request)
    volume = selectors.volume(incident, per=per, f=chosen)  # type: ignore[arg-type]
    svg = charts.volume_svg(
        volume, title=_title(per), marking=_("EXERCISE") if incident.is_exercise else ""
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = f"private, max-age={CHART_SECONDS}"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


_ONE = "incidenten/<id:pk>/communicatie/signalen/"

urls: list[URLPattern] = [
    path(_ONE, signals_list, name="signals"),
    path(_ONE + "turven/", signals_tally, name="signals_tally"),
    path(_ONE + "import/", signals_import, name="signals_import"),
    path(_ONE + "import/sjabloon.csv", signals_template, name="signals_template"),
    path(_ONE + "geruchten/", rumours, name="rumours"),
    path(_ONE + "grafieken/", signals_charts, name="signals_charts"),
    path(_ONE + "grafiek.svg", signals_chart_svg, name="signals_chart_svg"),
    path(_ONE + "<id:signal_pk>/", signal_detail, name="signal"),
    path(_ONE + "<id:signal_pk>/verwijderen/", signal_delete, name="signal_delete"),
    path(_ONE + "<id:signal_pk>/weerleggen/", signal_counter, name="signal_counter"),
]
