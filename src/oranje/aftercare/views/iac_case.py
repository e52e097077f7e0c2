"""One IAC case: its page (the household, links to the registry person, shelter stay and
damage reports where the user may see them, questions, contacts, follow-ups, referrals and
the closure) with a small form for each addition, changing its details, and the printable
summary. Every request that shows the case writes the read log once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.aftercare.access import aftercare_incident_for_user, case_for_user, is_head
from oranje.aftercare.constants import CaseStatus, Theme
from oranje.aftercare.forms_iac import (
    AnswerForm,
    CaseForm,
    CloseForm,
    ContactForm,
    DamageLinkForm,
    FollowUpForm,
    QuestionForm,
    ReferralForm,
    ReopenForm,
)
from oranje.aftercare.models import Aftercare, IacCase, IacFollowUp, IacQuestion
from oranje.aftercare.services import iac as services
from oranje.aftercare.services import iac_reads as reads
from oranje.aftercare.services import iac_work as work
from oranje.aftercare.views.iac import iac_context, person_choices
from oranje.care.access import can_desk
from oranje.core import access as core_access
from oranje.core.constants import Role
from oranje.core.models import User
from oranje.core.validation import format_phone
from oranje.core.views import apply_errors
from oranje.damage.access import can_handle
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident
from oranje.registry.access import can_register


def colleagues(incident: Incident) -> list[tuple[int, str]]:
    """Who works this IAC: the aftercare role of the region and the head of the aftercare."""
    head = Aftercare.objects.filter(incident=incident).values_list("head_id", flat=True).first()
    users = User.objects.filter(
        Q(
            memberships__role=Role.AFTERCARE,
            memberships__region_id=incident.region_id,
        )
        | Q(
            memberships__role=Role.AFTERCARE,
            memberships__municipality__region_id=incident.region_id,
        )
        | Q(pk=head or 0),
        is_active=True,
    ).distinct()
    return sorted(
        ((u.pk, u.get_full_name() or u.get_username()) for u in users[:200]),
        key=lambda pair: pair[1].lower(),
    )


def _open_case(request: HttpRequest, pk: int, case_pk: int) -> tuple[Incident, IacCase]:
    incident = aftercare_incident_for_user(request.user, pk)
    return incident, case_for_user(request.user, incident, case_pk)


def _links(request: HttpRequest, incident: Incident, case: IacCase) -> dict[str, Any]:
    """The linked objects of other rooms, each with a link only for who may open it there."""
    user = request.user
    person = household = None
    if case.person_id is not None:
        person = {
            "text": case.person.full_name if can_register(user, incident.region_id) else "",  # type: ignore[union-attr]
            "url": reverse("registry:person_detail", args=[incident.pk, case.person_id])
            if can_register(user, incident.region_id)
            else "",
        }
    if case.household is not None:
        stay = case.household
        url = ""
        if can_desk(user, incident.region_id) and stay.shelter_id:
            url = reverse("care:desk_household", args=[incident.pk, stay.shelter_id, stay.pk])
        household = {"text": stay.code, "url": url}
    reports = []
    for report in case.damage_reports.order_by("pk"):
        url = ""
        if can_handle(user, incident):
            try:
                url = reverse("damage:report", args=[incident.pk, report.pk])
            except NoReverseMatch:
                url = ""
        reports.append({"text": report.reference, "url": url, "address": report.address_text})
    return {"linked_person": person, "linked_household": household, "linked_reports": reports}


def _facts(case: IacCase) -> dict[str, Any]:
    labels = dict(Theme.choices)
    return {
        "phone_text": format_phone(case.phone) if case.phone else "",
        "theme_labels": [str(labels[t]) for t in case.themes or [] if t in labels],
    }


def _page(
    request: HttpRequest,
    incident: Incident,
    case: IacCase,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    reads.case_read_logged(
        actor=core_access.authenticated(request.user), incident=incident, case=case, request=request
    )
    team = colleagues(incident)
    blank: dict[str, forms.Form] = {
        "question_form": QuestionForm(auto_id="q_%s"),
        "contact_form": ContactForm(auto_id="c_%s"),
        "follow_up_form": FollowUpForm(auto_id="f_%s", colleagues=team),
        "referral_form": ReferralForm(auto_id="r_%s"),
        "close_form": CloseForm(auto_id="x_%s"),
        "reopen_form": ReopenForm(auto_id="o_%s"),
        "damage_form": DamageLinkForm(auto_id="d_%s"),
    }
    today = services.today()
    follow_ups = list(case.follow_ups.select_related("assigned_to"))
    return render(
        request,
        "aftercare/iac_case.html",
        iac_context(
            request,
            incident,
            "case",
            case=case,
            questions=list(case.questions.all()),
            contacts=list(case.contacts.all()),
            follow_ups=follow_ups,
            open_follow_ups=[f for f in follow_ups if f.done_at is None],
            referrals=list(case.referrals.all()),
            today=today,
            works=incident.is_open and case.status == CaseStatus.OPEN,
            is_head=is_head(request.user, incident),
            links_damage=can_handle(request.user, incident),
            **_links(request, incident, case),
            **_facts(case),
            **(blank | (bound or {})),
        ),
        status=status,
    )


@login_required
def case_page(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    incident, case = _open_case(request, pk, case_pk)
    return _page(request, incident, case)


def _post(
    request: HttpRequest,
    pk: int,
    case_pk: int,
    form_class: type[forms.Form],
    key: str,
    do: Callable[[forms.Form, IacCase, User], str],
    anchor: str,
    **form_kwargs: Any,
) -> HttpResponse:
    """One small form of the case page: valid and accepted → back to the page with a
    message; otherwise the page again with the form and its errors (400)."""
    incident, case = _open_case(request, pk, case_pk)
    actor = core_access.authenticated(request.user)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            done = do(form, case, actor)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(reverse("aftercare:iac_case", args=[incident.pk, case.pk]) + anchor)
    case.refresh_from_db()
    return _page(request, incident, case, bound={key: form}, status=400)


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        d = form.cleaned_data
        work.question_add(actor=actor, case=case, theme=d["theme"], text=d["text"])
        return _("Question recorded.")

    return _post(
        request, pk, case_pk, QuestionForm, "question_form", do, "#questions", auto_id="q_%s"
    )


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int, case_pk: int, question_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        question = IacQuestion.objects.filter(pk=question_pk, case=case).first()
        if question is None:
            raise Http404
        work.question_answer(actor=actor, question=question, answer=form.cleaned_data["answer"])
        return _("Answer recorded.")

    return _post(request, pk, case_pk, AnswerForm, "answer_form", do, "#questions")


@login_required
@require_POST
def contact_add(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        d = form.cleaned_data
        work.contact_add(actor=actor, case=case, kind=d["kind"], at=d["at"], summary=d["summary"])
        return _("Contact recorded.")

    return _post(request, pk, case_pk, ContactForm, "contact_form", do, "#contacts", auto_id="c_%s")


@login_required
@require_POST
def follow_up_add(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk)

    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        d = form.cleaned_data
        assignee = User.objects.filter(pk=d["assigned_to"]).first() if d["assigned_to"] else None
        work.follow_up_add(
            actor=actor, case=case, due_on=d["due_on"], text=d["text"], assigned_to=assignee
        )
        return _("Follow-up added.")

    return _post(
        request,
        pk,
        case_pk,
        FollowUpForm,
        "follow_up_form",
        do,
        "#follow-ups",
        auto_id="f_%s",
        colleagues=colleagues(incident),
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int, case_pk: int, follow_up_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        follow_up = IacFollowUp.objects.filter(pk=follow_up_pk, case=case).first()
        if follow_up is None:
            raise Http404
        work.follow_up_done(actor=actor, follow_up=follow_up)
        return _("Follow-up done.")

    return _post(request, pk, case_pk, forms.Form, "done_form", do, "#follow-ups")


@login_required
@require_POST
def referral_add(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        d = form.cleaned_data
        work.referral_add(
            actor=actor, case=case, to=d["to"], organisation=d["organisation"], note=d["note"]
        )
        return _("Referral recorded.")

    return _post(
        request, pk, case_pk, ReferralForm, "referral_form", do, "#referrals", auto_id="r_%s"
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        d = form.cleaned_data
        services.case_close(
            actor=actor, case=case, note=d["note"], follow_ups_done=d["follow_ups_done"]
        )
        return _("Case closed.")

    return _post(request, pk, case_pk, CloseForm, "close_form", do, "#closure", auto_id="x_%s")


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        services.case_reopen(actor=actor, case=case, note=form.cleaned_data["note"])
        return _("Case reopened.")

    return _post(request, pk, case_pk, ReopenForm, "reopen_form", do, "#closure", auto_id="o_%s")


@login_required
@require_POST
def damage_link(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    """Link a damage report of the incident by its reference (for who handles them)."""

    def do(form: forms.Form, case: IacCase, actor: User) -> str:
        reference = form.cleaned_data["reference"].strip().upper()
        found = (
            DamageReport.objects.filter(incident_id=case.incident_id, reference=reference)
            .values_list("pk", flat=True)
            .first()
        )
        if found is None and can_handle(actor, case.incident):
            raise ValidationError(
                {
                    "reference": [
                        _("reference: no damage report %(ref)s in this incident.")
                        % {"ref": reference[:20]}
                    ]
                }
            )
        current = services.as_input(case)
        services.case_update(
            actor=actor,
            case=case,
            data=services.as_input(
                case, damage_report_ids=(*current.damage_report_ids, found or 0)
            ),
        )
        return _("Damage report linked.")

    return _post(request, pk, case_pk, DamageLinkForm, "damage_form", do, "", auto_id="d_%s")


def _initial(case: IacCase) -> dict[str, Any]:
    data = services.as_input(case)
    return {
        "household_name": data.household_name,
        "phone": data.phone,
        "email": data.email,
        "postcode": data.postcode,
        "house": data.house,
        "street": data.street,
        "city": data.city,
        "limited_mobility": data.limited_mobility,
        "newsletter_consent": data.newsletter_consent,
        "themes": list(data.themes),
        "person": data.person_id,
        "household_id": data.household_id,
        "damage_report_ids": ",".join(str(i) for i in data.damage_report_ids),
    }


@login_required
def edit(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    """Change the household's details (the links to a shelter stay and damage reports stay;
    the registry person is offered to a registry role only)."""
    incident, case = _open_case(request, pk, case_pk)
    core_access.require(incident.is_open)
    persons = person_choices(request, incident)
    if request.method == "POST":
        form = CaseForm(request.POST, persons=persons)
        if form.is_valid():
            d = form.cleaned_data
            current = services.as_input(case)
            try:
                services.case_update(
                    actor=core_access.authenticated(request.user),
                    case=case,
                    data=services.as_input(
                        case,
                        household_name=d["household_name"],
                        phone=d["phone"],
                        email=d["email"],
                        postcode=d["postcode"],
                        house=d["house"],
                        street=d["street"],
                        city=d["city"],
                        limited_mobility=d["limited_mobility"],
                        newsletter_consent=d["newsletter_consent"],
                        themes=tuple(d["themes"]),
                        person_id=d["person"] if persons is not None else current.person_id,
                    ),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Case details saved."))
                return redirect("aftercare:iac_case", incident.pk, case.pk)
    else:
        form = CaseForm(initial=_initial(case), persons=persons)
    reads.case_read_logged(
        actor=core_access.authenticated(request.user), incident=incident, case=case, request=request
    )
    return render(
        request,
        "aftercare/iac_edit.html",
        iac_context(request, incident, "edit", case=case, form=form),
        status=400 if form.is_bound else 200,
    )


@login_required
def print_summary(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    incident, case = _open_case(request, pk, case_pk)
    reads.case_read_logged(
        actor=core_access.authenticated(request.user),
        incident=incident,
        case=case,
        what="afdruk",
        request=request,
    )
    return render(
        request,
        "aftercare/iac_print.html",
        {
            "incident": incident,
            "is_exercise": incident.is_exercise,
            "case": case,
            "questions": list(case.questions.all()),
            "contacts": list(case.contacts.all()),
            "follow_ups": list(case.follow_ups.select_related("assigned_to")),
            "referrals": list(case.referrals.all()),
            "today": services.today(),
            **_links(request, incident, case),
            **_facts(case),
        },
    )


_CASE = "incidenten/<id:pk>/nafase/iac/<id:case_pk>/"

urls: list[URLPattern] = [
    path(_CASE, case_page, name="iac_case"),
    path(f"{_CASE}bewerken/", edit, name="iac_edit"),
    path(f"{_CASE}print/", print_summary, name="iac_print"),
    path(f"{_CASE}vraag/", question_add, name="iac_question"),
    path(f"{_CASE}vraag/<id:question_pk>/antwoord/", question_answer, name="iac_answer"),
    path(f"{_CASE}contact/", contact_add, name="iac_contact"),
    path(f"{_CASE}vervolg/", follow_up_add, name="iac_follow_up"),
    path(f"{_CASE}vervolg/<id:follow_up_pk>/klaar/", follow_up_done, name="iac_follow_up_done"),
    path(f"{_CASE}verwijzing/", referral_add, name="iac_referral"),
    path(f"{_CASE}sluiten/", close, name="iac_close"),
    path(f"{_CASE}schade/", damage_link, name="iac_damage_link"),
    path(f"{_CASE}heropenen/", reopen, name="iac_reopen"),
]
