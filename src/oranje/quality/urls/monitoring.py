"""Pages of the quality room's monitoring: the region, a municipality, the nation."""

from django.urls import URLPattern, path

from oranje.quality.views import monitoring, municipal, national

urlpatterns: list[URLPattern] = [
    path("kwaliteit/", monitoring.home, name="home"),
    path("kwaliteit/gemeente/<id:pk>/", municipal.municipality, name="municipality"),
    path("kwaliteit/landelijk/", national.national, name="national"),
]
