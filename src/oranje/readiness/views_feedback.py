"""Pages of feedback moments during an exercise: planning the moments, recording feedback at
a moment, and the participant's own feedback. The report itself is part of the exercise page
(`readiness/_exercise_feedback.html`) and the passport (`readiness/_passport_feedback.html`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors
from oranje.readiness import access, access_feedback
from oranje.readiness.constants import ParticipantRole
from oranje.readiness.forms_feedback import FeedbackForm, MomentForm
from oranje.readiness.services import feedback as service


@login_required
def moments(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan the feedback moments of an exercise (whoever manages the exercise)."""
    exercise = access.exercise_for_user(request.user, pk, manage=True)
    form = MomentForm(request.POST or None, initial={"at": exercise.starts_at})
    if request.method == "POST" and form.is_valid():
        try:
            service.moment_create(
                actor=core_access.authenticated(request.user),
                exercise=exercise,
                at=form.cleaned_data["at"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Feedback moment planned."))
            return redirect("readiness:feedback_moments", pk=exercise.pk)
    return render(
        request,
        "readiness/feedback_moments.html",
        {
            "exercise": exercise,
            "form": form,
            "moments": exercise.feedback_moments.all(),
            "end": service.exercise_end(exercise),
            "nav": "exercises",
        },
    )


@login_required
@require_POST
def moment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    moment = access_feedback.moment_for_user(request.user, pk, manage=True)
    try:
        service.moment_delete(actor=core_access.authenticated(request.user), moment=moment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Feedback moment removed."))
    return redirect("readiness:feedback_moments", pk=moment.exercise_id)


@login_required
def moment_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record feedback per participant at one moment (the exercise's observers and the
    region's managers); below the form, the feedback recorded at this moment so far."""
    moment = access_feedback.moment_for_observer(request.user, pk)
    exercise = moment.exercise
    initial = {}
    chosen = params.optional_id(request.GET, "deelnemer")
    if chosen:
        initial["participant"] = chosen
    form = FeedbackForm(request.POST or None, exercise=exercise, initial=initial)
    if request.method == "POST" and form.is_valid():
        participant = exercise.participants.filter(
            pk=form.cleaned_data["participant"], role=ParticipantRole.PARTICIPANT
        ).first()
        assert participant is not None  # the form offers only the exercise's participants
        try:
            service.feedback_record(
                actor=core_access.authenticated(request.user),
                moment=moment,
                participant=participant,
                went_well=form.cleaned_data["went_well"],
                to_improve=form.cleaned_data["to_improve"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Feedback for %(name)s recorded.") % {"name": participant.person}
            )
            return redirect("readiness:feedback_moment", pk=moment.pk)
    report = service.exercise_feedback(request.user, exercise)
    this = next((m for m in report.moments if m.moment.pk == moment.pk), None)
    return render(
        request,
        "readiness/feedback_record.html",
        {"moment": moment, "exercise": exercise, "form": form, "report": this, "nav": "exercises"},
    )


@login_required
def my_feedback(request: HttpRequest) -> HttpResponse:
    """The logged-in person's own feedback from every exercise they took part in."""
    person = access_feedback.own_person(request.user)
    entries = service.person_feedback(request.user, person) if person is not None else []
    return render(
        request,
        "readiness/my_feedback.html",
        {"person": person, "entries": entries, "nav": "exercises"},
    )
