"""The public survey as a resident answers it (`/enquete/<token>/`), without login.

- With the personal code from the letter (typed in the code box, or `?code=` from the QR code
  on the letter): the code is checked (an unused code of THIS survey) and the questions are
  shown without the postcode question (the invitation knows the area).
- Without a code, on the open link, when the survey allows it: the questions at once, with
  the code box above them for those who have a letter.
- A survey that is closed or not open yet says so; one in preparation does not exist (404).

No JavaScript and no outside service: abuse is held off by a honeypot field (a bot that fills
it in gets the thank-you page, nothing is stored) and a rate limit per client address on code
checks and answers (`SURVEY_RATE_ADDRESS`, counted in Django's cache). The form carries a
fresh `client_key` made when it is shown, so an answer sent twice is written once
(`services.responses.response_submit`); after writing, the browser is redirected to the
thank-you page (POST/redirect/GET). Pages are never cached (the form holds a CSRF token and
the key), and no client address is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods, require_safe

from oranje.learning import access
from oranje.learning.constants import ANSWER_MAX, YES_NO_ANSWERS, QuestionKind
from oranje.learning.models import Survey, SurveyQuestion
from oranje.learning.services.responses import (
    POSTCODE_QUESTION,
    asked,
    check_code,
    field_name,
    response_submit,
    survey_state,
)

#: The honeypot's name: a field no browser fills in by itself.
HONEYPOT = "website"
#: A code as typed may carry spaces and dashes; longer is no code (and not read further).
TYPED_CODE_MAX = 40
_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def rate_take(request: HttpRequest) -> bool:
    """Count one code check or answer for the client's address; False when the address has
    reached `SURVEY_RATE_ADDRESS` in the current window. Kept in Django's cache (per server
    process when that is local memory); the address only as a keyed hash, never stored."""
    number, _sep, period = settings.SURVEY_RATE_ADDRESS.partition("/")
    limit, seconds = int(number), _PERIODS[period]
    address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "?"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    window = int(time.time()) // seconds
    key = f"learning:survey-rate:{digest.hexdigest()[:32]}:{window}"
    cache.add(key, 0, seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 5)
        count = 1
    return count <= limit


def _options(question: SurveyQuestion, chosen: list[str]) -> list[tuple[str, str, str, bool]]:
    """(value, label, element id, checked) of a question's answers."""
    if question.kind == QuestionKind.SCALE:
        pairs = [(str(n), str(n)) for n in range(1, 6)]
    elif question.kind == QuestionKind.YES_NO:
        pairs = [(value, str(label)) for value, label in YES_NO_ANSWERS]
    else:
        pairs = []
        for option in question.options or []:
            if isinstance(option, dict):
                value = str(option.get("value", ""))
                pairs.append((value, str(option.get("label") or value)))
            else:
                pairs.append((str(option), str(option)))
    name = field_name(question)
    return [
        (value, label, f"f-{name}-{i}", value in chosen) for i, (value, label) in enumerate(pairs)
    ]


def _questions(
    survey: Survey,
    *,
    by_code: bool,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    values = values or {}
    errors = errors or {}
    shown = []
    for question in SurveyQuestion.objects.filter(survey=survey).order_by("position", "pk"):
        if not asked(question, by_code=by_code):
            continue
        name = field_name(question)
        value = values.get(question.code, [] if question.kind == QuestionKind.MULTIPLE else "")
        chosen = value if isinstance(value, list) else [value]
        options = [] if question.kind == QuestionKind.TEXT else _options(question, chosen)
        shown.append(
            {
                "name": name,
                "code": question.code,
                "kind": question.kind,
                "text": question.text,
                "help_text": question.help_text,
                "required": question.required,
                "value": value if isinstance(value, str) else "",
                "options": options,
                "short": question.code == POSTCODE_QUESTION,
                # Where the error summary's link goes: the field, or a group's first answer.
                "anchor": f"f-{name}" if not options else options[0][2],
                "errors": errors.get(name, []),
            }
        )
    return shown


def _page(
    request: HttpRequest,
    survey: Survey,
    *,
    code: str = "",
    typed_code: str = "",
    code_errors: list[str] | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    problem: str = "",
    client_key: str = "",
    status: int = 200,
) -> HttpResponse:
    by_code = bool(code)
    show_questions = by_code or survey.open_link
    questions = (
        _questions(survey, by_code=by_code, values=values, errors=errors) if show_questions else []
    )
    # The error summary names the question each message is about (a link per message).
    summary = [(q["anchor"], q["text"], message) for q in questions for message in q["errors"]]
    if code_errors:
        summary.insert(0, ("f-code", _("Your code"), code_errors[0]))
    return render(
        request,
        "learning/public_survey.html",
        {
            "survey": survey,
            "is_exercise": survey.incident.is_exercise,
            "questions": questions,
            "by_code": by_code,
            "code": code,
            "typed_code": typed_code,
            "code_errors": code_errors or [],
            "show_code_form": not by_code,
            "summary": summary,
            "only_code": bool(code_errors) and len(summary) == 1,
            "problem": problem,
            "client_key": client_key or uuid.uuid4().hex,
            "honeypot": HONEYPOT,
            "answer_max": ANSWER_MAX,
            "action": request.path,
        },
        status=status,
    )


def _closed(request: HttpRequest, survey: Survey, state: str) -> HttpResponse:
    return render(
        request,
        "learning/public_survey_closed.html",
        {"survey": survey, "state": state, "is_exercise": survey.incident.is_exercise},
    )


def _too_many(request: HttpRequest, survey: Survey, **kwargs: Any) -> HttpResponse:
    response = _page(
        request,
        survey,
        problem=_(
            "Many answers or codes were sent from your connection in a short time. "
            "Please try again in an hour."
        ),
        status=429,
        **kwargs,
    )
    response["Retry-After"] = "3600"
    return response


def _thanks(survey: Survey, *, again: bool) -> HttpResponse:
    url = reverse("learning:public_survey_thanks", args=[survey.token])
    response = HttpResponseRedirect(f"{url}?al=1" if again else url)
    response.status_code = 303
    return response


def _answers(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    """The posted answers keyed by question code (lists for more answers), cut to length."""
    answers: dict[str, Any] = {}
    for question in SurveyQuestion.objects.filter(survey=survey).only("code", "kind"):
        name = field_name(question)
        if question.kind == QuestionKind.MULTIPLE:
            answers[question.code] = [v[: ANSWER_MAX + 1] for v in request.POST.getlist(name)[:50]]
        else:
            answers[question.code] = request.POST.get(name, "")[: ANSWER_MAX + 1]
    return answers


def _survey(token: str) -> Survey:
    """The survey behind a link; a short key typed in capitals is read in lower case."""
    try:
        return access.public_survey(token)
    except Http404:
        if token == token.lower():
            raise
        return access.public_survey(token.lower())


def _missing(request: HttpRequest) -> HttpResponse:
    """A mistyped or unknown link: a kind page in the public layout (no staff page, no login
    button), status 404."""
    return render(request, "learning/public_survey_missing.html", {}, status=404)


@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "HEAD", "POST"])
def public_survey(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey = _survey(token)
    except Http404:
        return _missing(request)
    state = survey_state(survey)
    if state != "open":
        return _closed(request, survey, state)
    if request.method == "POST":
        if request.POST.get("check"):
            # "Check my code" posts the code, so it stays out of the address and history.
            return _check(request, survey, request.POST.get("code", ""))
        return _post(request, survey)
    typed = request.GET.get("code")
    if typed is None:
        return _page(request, survey)
    return _check(request, survey, typed)  # ?code= from the letter's QR code


def _check(request: HttpRequest, survey: Survey, typed: str) -> HttpResponse:
    typed = typed[:TYPED_CODE_MAX]
    if not typed.strip():
        return _page(
            request,
            survey,
            code_errors=[_("Fill in the code from your letter.")],
            status=400,
        )
    if not rate_take(request):
        return _too_many(request, survey, typed_code=typed)
    try:
        code = check_code(survey, typed)
    except ValidationError as exc:
        return _page(
            request, survey, typed_code=typed, code_errors=exc.message_dict["code"], status=400
        )
    return _page(request, survey, code=code)


def _post(request: HttpRequest, survey: Survey) -> HttpResponse:
    code = request.POST.get("code", "")[:TYPED_CODE_MAX].strip() or None
    client_key = request.POST.get("client_key", "")[:80]
    if request.POST.get(HONEYPOT):
        return _thanks(survey, again=False)  # a bot: the same answer a person gets
    values = _answers(request, survey)
    if not rate_take(request):
        return _too_many(request, survey, code=code or "", values=values, client_key=client_key)
    try:
        _response, created = response_submit(
            survey=survey, answers=values, code=code, client_key=client_key
        )
    except ValidationError as exc:
        errors = exc.message_dict
        if "__all__" in errors:
            return _closed(request, survey, survey_state(survey))
        if "code" in errors:
            return _page(
                request, survey, typed_code=code or "", code_errors=errors["code"], status=400
            )
        if "client_key" in errors:
            return _page(
                request,
                survey,
                code=code or "",
                values=values,
                problem=errors["client_key"][0],
                status=400,
            )
        return _page(
            request,
            survey,
            code=code or "",
            values=values,
            errors=errors,
            client_key=client_key,
            status=400,
        )
    return _thanks(survey, again=not created)


@never_cache
@require_safe
def public_survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey = _survey(token)
    except Http404:
        return _missing(request)
    return render(
        request,
        "learning/public_survey_thanks.html",
        {
            "survey": survey,
            "again": request.GET.get("al") == "1",
            "is_exercise": survey.incident.is_exercise,
        },
    )
