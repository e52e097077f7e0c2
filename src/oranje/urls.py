from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from oranje.alerting import api as alerting_api
from oranje.alerting import views as alerting
from oranje.core import api as core_api
from oranje.core import views as core_views
from oranje.incidents import api as incidents_api
from oranje.incidents import views as incidents
from oranje.incidents import views_work as incident_work
from oranje.organisation import api as org_api
from oranje.organisation import views as org
from oranje.readiness import api as readiness_api
from oranje.readiness import views as readiness

router = DefaultRouter()
router.register("regions", core_api.RegionViewSet, basename="region")
router.register("municipalities", core_api.MunicipalityViewSet, basename="municipality")
router.register("functions", org_api.FunctionViewSet, basename="function")
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
    path("persons/<int:pk>/passport/", readiness_api.passport, name="api-passport"),
    path("incidents/<int:pk>/alerts/", alerting_api.board, name="api-alert-board"),
    path("incidents/<int:pk>/times/", alerting_api.times, name="api-incident-times"),
    path("alerts/<int:pk>/answer/", alerting_api.answer, name="api-alert-answer"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="v1:schema"), name="redoc"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("regio/kies/", core_views.choose_region, name="choose_region"),
    path("gemeenten/", core_views.municipalities, name="municipalities"),
    path("audit/", core_views.audit_log, name="audit"),
    path("toegankelijkheid/", core_views.accessibility, name="accessibility"),
    path("piket/nu/", org.oncall_now, name="oncall_now"),
    path("piket/gaten/", org.gaps, name="gaps"),
    path("rooster/", org.roster, name="roster"),
    path("rooster/dienst/nieuw/", org.shift_new, name="shift_new"),
    path("rooster/dienst/personen/", org.pool_people_options, name="pool_people_options"),
    path("rooster/dienst/<int:pk>/", org.shift_detail, name="shift_detail"),
    path("rooster/dienst/<int:pk>/verwijderen/", org.shift_delete, name="shift_delete"),
    path("rooster/patroon/", org.pattern_new, name="pattern_new"),
    path("rooster/import/", org.roster_import_view, name="roster_import"),
    path("mensen/", org.people, name="people"),
    path("mensen/nieuw/", org.person_new, name="person_new"),
    path("mensen/<int:pk>/", org.person_detail, name="person_detail"),
    path("mensen/<int:pk>/wijzigen/", org.person_edit, name="person_edit"),
    path(
        "afwezigheid/<int:pk>/intrekken/", org.unavailability_delete, name="unavailability_delete"
    ),
    path("pools/", org.pools, name="pools"),
    path("pools/nieuw/", org.pool_new, name="pool_new"),
    path("pools/<int:pk>/", org.pool_detail, name="pool_detail"),
    path("pools/<int:pk>/wijzigen/", org.pool_edit, name="pool_edit"),
    path("districten/nieuw/", org.district_new, name="district_new"),
    path("districten/<int:pk>/wijzigen/", org.district_edit, name="district_edit"),
    path("functies/", org.functions, name="functions"),
    path("functies/<str:code>/wijzigen/", org.function_edit, name="function_edit"),
    path("mijn-diensten/", org.my_shifts, name="my_shifts"),
    path("vakbekwaamheid/", readiness.readiness_matrix, name="readiness"),
    path("vakbekwaamheid/landelijk/", readiness.national_counts, name="readiness_national"),
    path("vakbekwaamheid/activiteit/nieuw/", readiness.activity_new, name="activity_new"),
    path(
        "vakbekwaamheid/activiteit/<int:pk>/verwijderen/",
        readiness.activity_delete,
        name="activity_delete",
    ),
    path("vakbekwaamheid/import/", readiness.activity_import_view, name="activity_import"),
    path("vakbekwaamheid/profielen/", readiness.profiles, name="profiles"),
    path(
        "vakbekwaamheid/profielen/<str:code>/<str:scope>/",
        readiness.profile_edit,
        name="profile_edit",
    ),
    path("mensen/<int:pk>/paspoort/", readiness.passport, name="passport"),
    path("oefeningen/", readiness.exercises, name="exercises"),
    path("oefeningen/nieuw/", readiness.exercise_new, name="exercise_new"),
    path("oefeningen/<int:pk>/", readiness.exercise_detail, name="exercise_detail"),
    path("alarmtest/", readiness.alarm_tests, name="alarm_tests"),
    path("alarmtest/<int:pk>/", readiness.alarm_test_detail, name="alarm_test_detail"),
    path("alarm/<str:token>/", readiness.alarm_respond, name="alarm_respond"),
    path("incidenten/", incidents.incident_list, name="incidents"),
    path("incidenten/nieuw/", incidents.incident_new, name="incident_new"),
    path("incidenten/<int:pk>/", incidents.logbook, name="logbook"),
    path("incidenten/<int:pk>/logboek/nieuw/", incidents.log_entry_new, name="log_entry_new"),
    path("incidenten/<int:pk>/logboek/nieuwer/", incidents.logbook_since, name="logbook_since"),
    path(
        "incidenten/<int:pk>/logboek/<int:number>/bijlage/",
        incidents.log_attachment,
        name="log_attachment",
    ),
    path("incidenten/<int:pk>/opschalen/", incidents.incident_scale, name="incident_scale"),
    path("incidenten/<int:pk>/afsluiten/", incidents.incident_close, name="incident_close"),
    path("incidenten/<int:pk>/besluiten/", incident_work.decisions, name="decisions"),
    path(
        "incidenten/<int:pk>/acties/<int:action_pk>/status/",
        incident_work.action_status,
        name="action_status",
    ),
    path("incidenten/<int:pk>/checklists/", incident_work.checklists, name="checklists"),
    path(
        "incidenten/<int:pk>/checklists/<int:item_pk>/afvinken/",
        incident_work.checklist_tick,
        name="checklist_tick",
    ),
    path("incidenten/<int:pk>/situatierapport/", incident_work.reports, name="reports"),
    path(
        "incidenten/<int:pk>/situatierapport/<int:version>/",
        incident_work.report_detail,
        name="report_detail",
    ),
    path(
        "incidenten/<int:pk>/situatierapport/<int:version>.pdf",
        incident_work.report_pdf_view,
        name="report_pdf",
    ),
    path(
        "incidenten/<int:pk>/situatierapport/<int:version>.json",
        incident_work.report_json,
        name="report_json",
    ),
    path("incidenten/<int:pk>/aflossing/", incident_work.handover, name="handover"),
    path("incidenten/<int:pk>/alarmering/", alerting.alert_board, name="alert_board"),
    path(
        "incidenten/<int:pk>/alarmering/bord/", alerting.alert_board_rows, name="alert_board_rows"
    ),
    path(
        "incidenten/<int:pk>/alarmering/<int:alert_pk>/",
        alerting.board_record,
        name="board_record",
    ),
    path("incidenten/<int:pk>/tijden/", alerting.incident_times, name="incident_times"),
    path("checklists/<str:code>/wijzigen/", incident_work.checklist_edit, name="checklist_edit"),
    path("alarmregels/", alerting.rules, name="alert_rules"),
    path("mijn-alarmeringen/", alerting.my_alerts, name="my_alerts"),
    path("alarmering/<str:token>/", alerting.alert_answer, name="alert_answer"),
    path("aankomst/<str:token>/", alerting.alert_arrival, name="alert_arrival"),
    path("agenda/<str:token>.ics", org.calendar_feed, name="calendar_feed"),
    path("api/v1/", include((api_v1, "v1"), namespace="v1")),
    path("api/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="api_docs"),
    path("beheer/", admin.site.urls),
]
