"""Request set-up: the interface language, and the region the user works in; unusable
parameters answered with 400."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from oranje.core import access
from oranje.core.params import InvalidParameter

SESSION_KEY = "oranje_region"


class LanguageMiddleware:
    """Dutch unless the user chose another language (the language switch sets a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Dutch
    crisis organisation works in Dutch, also on a borrowed laptop or an English phone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.region = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            regions = access.readable_regions(user)
            chosen = request.session.get(SESSION_KEY)
            region = regions.filter(code=chosen).first() if chosen else None
            if region is None:
                region = regions.order_by("code").first()
            request.region = region  # type: ignore[attr-defined]
        return self.get_response(request)


class InvalidParameterMiddleware:
    """A page asked with an unusable query or path value (?datum=9999-12-31, ?pool=³)
    answers 400 with what was wrong with which parameter, instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, InvalidParameter):
            return None
        if getattr(request, "htmx", False):
            return HttpResponse(
                f"{exception.field}: {exception.message}",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return render(
            request,
            "core/bad_parameter.html",
            {"field": exception.field, "message": exception.message},
            status=400,
        )
