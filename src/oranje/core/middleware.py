"""Request set-up: the interface language, the second login step, and the region the user
works in; unusable parameters answered with 400."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRedirect

from oranje.core import access
from oranje.core.params import InvalidParameter

SESSION_KEY = "oranje_region"
NUL = gettext_lazy("A NUL character (code 0) cannot be used.")


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
        # PostgreSQL can neither store nor compare a NUL character: refuse it at the door
        # rather than as a database error deep inside a view.
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return self._bad(request, InvalidParameter(name.replace("\x00", ""), str(NUL)))
        if "\x00" in request.path:
            return self._bad(request, InvalidParameter("path", str(NUL)))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, InvalidParameter):
            return None
        return self._bad(request, exception)

    def _bad(self, request: HttpRequest, exception: InvalidParameter) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({exception.field: [exception.message]}, status=400)
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


class SecondFactorMiddleware:
    """After the password, nothing opens until the second step is done.

    A logged-in user whose session is not yet verified by a code is sent to the second step
    when they have an authenticator app, or to set one up when their role requires it. The
    pages of the login itself, the language switch, the token links (alerts, test alarms,
    calendar feeds, which need no login) and a region's public page stay open. The API
    answers 403 instead of redirecting.
    """

    OPEN = frozenset(
        {
            "login",
            "logout",
            "second_step",
            "two_factor_setup",
            "set_language",
            "accessibility",
            "alarm_respond",
            "alert_answer",
            "alert_arrival",
            "calendar_feed",
            "public_page",
        }
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        from oranje.core import twofactor

        if twofactor.has_second_factor(user):
            step = "core:second_step"
        elif twofactor.second_factor_required(user):
            step = "core:two_factor_setup"
        else:
            return self.get_response(request)
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            name = None
        if name in self.OPEN or request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": str(_("Finish logging in with your second step first."))}, status=403
            )
        target = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
