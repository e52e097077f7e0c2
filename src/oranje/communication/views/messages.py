"""An incident's messages (the tab "Communicatie" lists them): writing one with the
readability level and the length per channel shown while typing, its page (status, who
approved it in which role, the versions with what changed, the chain of follow-ups) and the
steps draft → approved → published, with updates, corrections and cancellations after."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from oranje.communication import readability
from oranje.communication import selectors_messages as selectors
from oranje.communication.access import (
    can_communicate,
    communication_incident_for_user,
    four_eyes_ok,
    message_for_user,
)
from oranje.communication.constants import MessageKind, MessageStatus
from oranje.communication.forms_messages import (
    FollowUpForm,
    MessageEditForm,
    MessageForm,
    RejectForm,
    area_lines,
)
from oranje.communication.models import Message
from oranje.communication.services import messages as services
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open
from oranje.incidents.views import incident_context


def _message(request: HttpRequest, pk: int, msg: int, *, write: bool) -> tuple[Incident, Message]:
    incident = communication_incident_for_user(request.user, pk)
    return incident, message_for_user(request.user, incident, msg, write=write)


def _details(read: readability.Readability) -> str:
    return _(
        "%(words)s words in %(sentences)s sentences; %(long_words)s%% long words (4 syllables "
        "or more); %(long_sentences)s long sentences (over 20 words)."
    ) % {
        "words": read.words,
        "sentences": read.sentences,
        "long_words": read.long_word_percent,
        "long_sentences": read.long_sentences,
    }


def _sms(length: int, parts: int, encoding: str) -> str:
    return ngettext(
        "%(length)s characters, %(parts)s part, %(encoding)s",
        "%(length)s characters, %(parts)s parts, %(encoding)s",
        parts,
    ) % {"length": length, "parts": parts, "encoding": encoding}


def _placeholders(*names: str) -> dict[str, str]:
    return {name: "{" + name + "}" for name in names}


def panel_texts() -> str:
    """The panel's sentences for the editor's script, with {placeholders} (JSON)."""
    return json.dumps(
        {
            "empty": _("no text yet"),
            "level": _("level %(level)s (Flesch–Douma %(score)s)")
            % _placeholders("level", "score"),
            "details": _(
                "%(words)s words in %(sentences)s sentences; %(long_words)s%% long words (4 "
                "syllables or more); %(long_sentences)s long sentences (over 20 words)."
            )
            % _placeholders("words", "sentences", "long_words", "long_sentences"),
            "sms_one": ngettext(
                "%(length)s characters, %(parts)s part, %(encoding)s",
                "%(length)s characters, %(parts)s parts, %(encoding)s",
                1,
            )
            % _placeholders("length", "parts", "encoding"),
            "sms_many": ngettext(
                "%(length)s characters, %(parts)s part, %(encoding)s",
                "%(length)s characters, %(parts)s parts, %(encoding)s",
                2,
            )
            % _placeholders("length", "parts", "encoding"),
        }
    )


def panel(*, title: str, text: str, instruction: str, social: str) -> dict[str, Any]:
    """The readability level and the length per channel, as the page shows them (the editor's
    script recomputes them while typing)."""
    read = readability.message_readability(title=title, text=text, instruction=instruction)
    sms = readability.sms_length("\n".join(p.strip() for p in (title, text) if p.strip()))
    return {
        "read": read,
        "read_details": _details(read),
        "channels": readability.channel_lengths(
            title=title, text=text, instruction=instruction, social_text=social
        ),
        "sms": _sms(sms.length, sms.parts, sms.encoding),
        "sms_offenders": sms.offenders,
        "panel_texts": panel_texts(),
    }


def _editor(
    form: MessageForm, *, title: str, text: str, instruction: str, social: str
) -> dict[str, Any]:
    return {
        "form": form,
        "warning_fields": [form[name] for name in MessageForm.WARNING_FIELDS],
        "main_fields": [f for f in form if f.name not in MessageForm.WARNING_FIELDS],
        **panel(title=title, text=text, instruction=instruction, social=social),
    }


def _typed(form: MessageForm) -> dict[str, str]:
    """The words as typed (bound) or as they stand (initial), for the panel."""
    values = {}
    for name in ("title", "text", "instruction", "social_text"):
        raw = form.data.get(name) if form.is_bound else form.initial.get(name)
        values[name] = str(raw or "")
    return values


def _panel(form: MessageForm) -> dict[str, Any]:
    t = _typed(form)
    return _editor(
        form,
        title=t["title"],
        text=t["text"],
        instruction=t["instruction"],
        social=t["social_text"],
    )


@login_required
def message_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk, write=True)
    if _closed(request, incident):
        return redirect("communication:home", incident.pk)
    kind = request.GET.get("soort", "")
    form = MessageForm(
        initial={
            "kind": kind if kind in MessageKind.values else MessageKind.PUBLIC,
            "goals": ["inform"],
            "area": area_lines(incident.area),
            "area_desc": incident.location_text[:160],
        }
    )
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                message = services.message_create(
                    incident=incident,
                    actor=core_access.authenticated(request.user),
                    data=form.message_data(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                flash.success(request, _("Draft saved (version 1)."))
                return redirect("communication:message", incident.pk, message.pk)
    return render(
        request,
        "communication/message_form.html",
        {**incident_context(request, incident, "communication"), **_panel(form), "msg": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def message_edit(request: HttpRequest, pk: int, msg: int) -> HttpResponse:
    incident, message = _message(request, pk, msg, write=True)
    if message.status == MessageStatus.PUBLISHED:
        flash.error(request, str(services.NOT_DRAFT_PUBLISHED))
        return redirect("communication:message", incident.pk, message.pk)
    if _closed(request, incident):
        return redirect("communication:message", incident.pk, message.pk)
    form: MessageForm = MessageEditForm(initial=MessageForm.initial_of(message), message=message)
    if request.method == "POST":
        form = MessageEditForm(
            request.POST, initial=MessageForm.initial_of(message), message=message
        )
        if form.is_valid():
            was_approved = message.status == MessageStatus.APPROVED
            try:
                message = services.message_update(
                    message=message,
                    actor=core_access.authenticated(request.user),
                    data=form.message_data(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if was_approved and message.status == MessageStatus.DRAFT:
                    flash.warning(
                        request, _("Saved; the message changed and is a draft again, to approve.")
                    )
                else:
                    flash.success(request, _("Saved (version %(n)s).") % {"n": message.version})
                return redirect("communication:message", incident.pk, message.pk)
    return render(
        request,
        "communication/message_form.html",
        {**incident_context(request, incident, "communication"), **_panel(form), "msg": message},
        status=400 if form.is_bound else 200,
    )


@login_required
def message_detail(request: HttpRequest, pk: int, msg: int) -> HttpResponse:
    incident, message = _message(request, pk, msg, write=False)
    writes = can_communicate(request.user, incident) and incident.is_open
    status = message.status
    problems = services.approval_problems(message) if status == MessageStatus.DRAFT else {}
    four_eyes = four_eyes_ok(request.user, message)
    cancelled = selectors.is_cancelled(message)
    return render(
        request,
        "communication/message_detail.html",
        {
            **incident_context(request, incident, "communication"),
            "msg": message,
            "versions": selectors.version_views(message),
            "chain": selectors.message_chain(message),
            "history": selectors.message_history(message),
            **panel(
                title=message.title,
                text=message.text,
                instruction=message.instruction,
                social=message.social_text,
            ),
            "area_text": area_lines(message.area),
            "problems": [m for msgs in problems.values() for m in msgs],
            "writes": writes,
            "may_edit": writes and status != MessageStatus.PUBLISHED,
            "may_approve": writes and status == MessageStatus.DRAFT and not problems and four_eyes,
            "four_eyes_blocks": writes and status == MessageStatus.DRAFT and not four_eyes,
            "may_reject": writes and status != MessageStatus.PUBLISHED,
            "may_publish": writes and status == MessageStatus.APPROVED,
            "may_follow_up": writes and status == MessageStatus.PUBLISHED and not cancelled,
            "cancelled": cancelled,
            "reject_form": RejectForm(),
            "follow_ups": [
                ("update", _("Write an update")),
                ("correction", _("Write a correction")),
                ("cancel", _("Cancel the message")),
            ],
        },
    )


def _closed(request: HttpRequest, incident: Incident) -> bool:
    """A closed incident gets no new or changed message: say so (the service would refuse)."""
    try:
        require_open(incident)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
        return True
    return False


def _step(
    request: HttpRequest, incident: Incident, message: Message, run: Any, done: str
) -> HttpResponse:
    """Run one step of the message's way; a refusal shows its Dutch reason on the page."""
    try:
        run()
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        flash.success(request, done)
    return redirect("communication:message", incident.pk, message.pk)


@login_required
@require_POST
def message_approve(request: HttpRequest, pk: int, msg: int) -> HttpResponse:
    incident, message = _message(request, pk, msg, write=True)
    actor = core_access.authenticated(request.user)
    return _step(
        request,
        incident,
        message,
        lambda: services.message_approve(message=message, actor=actor),
        _("Message approved."),
    )


@login_required
@require_POST
def message_reject(request: HttpRequest, pk: int, msg: int) -> HttpResponse:
    incident, message = _message(request, pk, msg, write=True)
    form = RejectForm(request.POST)
    if not form.is_valid():
        flash.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect("communication:message", incident.pk, message.pk)
    actor = core_access.authenticated(request.user)
    return _step(
        request,
        incident,
        message,
        lambda: services.message_reject(
            message=message, actor=actor, reason=form.cleaned_data["reason"]
        ),
        _("Message sent back to draft."),
    )


@login_required
@require_POST
def message_publish(request: HttpRequest, pk: int, msg: int) -> HttpResponse:
    incident, message = _message(request, pk, msg, write=True)
    actor = core_access.authenticated(request.user)
    return _step(
        request,
        incident,
        message,
        lambda: services.message_publish(message=message, actor=actor),
        _("Message published.")
        if not incident.is_exercise
        else _("Message published (EXERCISE: it does not reach the public page)."),
    )


@login_required
@require_POST
def message_follow_up(request: HttpRequest, pk: int, msg: int) -> HttpResponse:
    incident, message = _message(request, pk, msg, write=True)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        flash.error(request, str(services.FOLLOW_UP_KIND))
        return redirect("communication:message", incident.pk, message.pk)
    try:
        follow_up = services.message_follow_up(
            parent=message,
            actor=core_access.authenticated(request.user),
            relation=form.cleaned_data["relation"],
        )
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
        return redirect("communication:message", incident.pk, message.pk)
    flash.success(request, _("A new draft follows the message; write it and have it approved."))
    return redirect("communication:message_edit", incident.pk, follow_up.pk)


_ONE = "incidenten/<id:pk>/communicatie/berichten/"

urls: list[URLPattern] = [
    path(_ONE + "nieuw/", message_new, name="message_new"),
    path(_ONE + "<id:msg>/", message_detail, name="message"),
    path(_ONE + "<id:msg>/bewerken/", message_edit, name="message_edit"),
    path(_ONE + "<id:msg>/goedkeuren/", message_approve, name="message_approve"),
    path(_ONE + "<id:msg>/afwijzen/", message_reject, name="message_reject"),
    path(_ONE + "<id:msg>/publiceren/", message_publish, name="message_publish"),
    path(_ONE + "<id:msg>/vervolg/", message_follow_up, name="message_follow_up"),
]
