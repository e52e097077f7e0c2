"""The project's URLs: each room's pages under its own namespace, and the versioned API."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from oranje.aftercare.api import urls as aftercare_api_urls
from oranje.alerting import api as alerting_api
from oranje.alerting import api_figures as alerting_api_figures
from oranje.care.api import urls as care_api_urls
from oranje.communication.api import urls as communication_api_urls
from oranje.core import api as core_api
from oranje.damage.api import urls as damage_api_urls
from oranje.incidents import api as incidents_api
from oranje.learning.api import urls as learning_api_urls
from oranje.organisation import api as org_api
from oranje.organisation import api_functions as org_api_functions
from oranje.organisation import api_loans as org_api_loans
from oranje.partners.api import urls as partners_api_urls
from oranje.quality.api import urls as quality_api_urls
from oranje.readiness import api as readiness_api
from oranje.readiness import api_certification, api_drills, api_feedback
from oranje.registry.api import urls as registry_api_urls

#: drf-spectacular's Swagger UI page with a language, a landmark and readable colours.
SWAGGER_TEMPLATE = "core/swagger_ui.html"

# The API browsers: Swagger UI loads its start-up script as a file (no inline script); Redoc
# styles itself with <style> elements, so its page alone allows inline style (never script).
swagger_ui = SpectacularSwaggerSplitView.as_view(
    url_name="v1:schema", template_name=SWAGGER_TEMPLATE
)
redoc = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularRedocView.as_view(url_name="v1:schema", template_name="core/redoc.html")
)

# Paths with converters: an id in a path is <id:…>, never a bare string (core.converters).
router = DefaultRouter(use_regex_path=False)
# ?format=json chooses the format; a ".json" suffix on every path would double the document.
router.include_format_suffixes = False
router.register("regions", core_api.RegionViewSet, basename="region")
router.register("municipalities", core_api.MunicipalityViewSet, basename="municipality")
router.register("functions", org_api_functions.FunctionViewSet, basename="function")
router.register("persons", org_api.PersonViewSet, basename="person")
router.register("pools", org_api.PoolViewSet, basename="pool")
router.register("shifts", org_api.ShiftViewSet, basename="shift")
router.register("unavailabilities", org_api.UnavailabilityViewSet, basename="unavailability")
router.register("activities", readiness_api.ActivityViewSet, basename="activity")
router.register("profiles", readiness_api.ProfileViewSet, basename="profile")
router.register("exercises", readiness_api.ExerciseViewSet, basename="exercise")
router.register("alarm-tests", readiness_api.AlarmTestViewSet, basename="alarm-test")
router.register("incidents", incidents_api.IncidentViewSet, basename="incident")

api_v1: list[URLPattern | URLResolver] = [
    path("", include(router.urls)),
    path("regions/<str:code>/on-call-now/", org_api.on_call_now, name="api-on-call-now"),
    path("regions/<str:code>/gaps/", org_api.gaps, name="api-gaps"),
    path("regions/<str:code>/readiness/", readiness_api.region_matrix, name="api-readiness-matrix"),
    path("readiness/national/", readiness_api.national, name="api-readiness-national"),
    path("persons/<id:pk>/passport/", readiness_api.passport, name="api-passport"),
    path("incidents/<id:pk>/alerts/", alerting_api.board, name="api-alert-board"),
    path("incidents/<id:pk>/times/", alerting_api.times, name="api-incident-times"),
    path("alerts/<id:pk>/answer/", alerting_api.answer, name="api-alert-answer"),
    *api_certification.urls,
    *api_drills.urls,
    *api_feedback.urls,
    *org_api_loans.urls,
    *alerting_api_figures.urls,
    *registry_api_urls,
    *care_api_urls,
    *communication_api_urls,
    *damage_api_urls,
    *aftercare_api_urls,
    *quality_api_urls,
    *learning_api_urls,
    *partners_api_urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", swagger_ui, name="docs"),
    path("redoc/", redoc, name="redoc"),
]

urlpatterns = [
    path("", include("oranje.core.urls")),
    path("", include("oranje.organisation.urls")),
    path("", include("oranje.readiness.urls")),
    path("", include("oranje.incidents.urls")),
    path("", include("oranje.alerting.urls")),
    path("", include("oranje.registry.urls")),
    path("", include("oranje.care.urls")),
    path("", include("oranje.communication.urls")),
    path("", include("oranje.damage.urls")),
    path("", include("oranje.aftercare.urls")),
    path("", include("oranje.quality.urls")),
    path("", include("oranje.learning.urls")),
    path("", include("oranje.partners.urls")),
    path("", include("oranje.operations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_v1, "v1"), namespace="v1")),
    path("api/", swagger_ui, name="api_docs"),
    path("beheer/", admin.site.urls),
]
