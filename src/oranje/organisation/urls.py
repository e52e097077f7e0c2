"""Pages of the organisation room: on call, roster, people, pools, functions."""

from django.urls import path

from oranje.organisation import urls_loans, urls_people, views

app_name = "organisation"

urlpatterns = [
    *urls_loans.urlpatterns,
    *urls_people.urlpatterns,
    path("piket/nu/", views.oncall_now, name="oncall_now"),
    path("piket/gaten/", views.gaps, name="gaps"),
    path("rooster/", views.roster, name="roster"),
    path("rooster/dienst/nieuw/", views.shift_new, name="shift_new"),
    path("rooster/dienst/personen/", views.pool_people_options, name="pool_people_options"),
    path("rooster/dienst/<id:pk>/", views.shift_detail, name="shift_detail"),
    path("rooster/dienst/<id:pk>/verwijderen/", views.shift_delete, name="shift_delete"),
    path("rooster/patroon/", views.pattern_new, name="pattern_new"),
    path("rooster/import/", views.roster_import_view, name="roster_import"),
    path("mensen/", views.people, name="people"),
    path("mensen/nieuw/", views.person_new, name="person_new"),
    path("mensen/<id:pk>/", views.person_detail, name="person_detail"),
    path("mensen/<id:pk>/wijzigen/", views.person_edit, name="person_edit"),
    path(
        "afwezigheid/<id:pk>/intrekken/", views.unavailability_delete, name="unavailability_delete"
    ),
    path("pools/", views.pools, name="pools"),
    path("pools/nieuw/", views.pool_new, name="pool_new"),
    path("pools/<id:pk>/", views.pool_detail, name="pool_detail"),
    path("pools/<id:pk>/wijzigen/", views.pool_edit, name="pool_edit"),
    path("districten/nieuw/", views.district_new, name="district_new"),
    path("districten/<id:pk>/wijzigen/", views.district_edit, name="district_edit"),
    path("functies/", views.functions, name="functions"),
    path("functies/<str:code>/wijzigen/", views.function_edit, name="function_edit"),
    path("mijn-diensten/", views.my_shifts, name="my_shifts"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
