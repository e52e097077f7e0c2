"""Pages of the quality room's monitoring: the region, a municipality, the nation."""

from django.urls import URLPattern, path

from oranje.quality.views import monitoring

urlpatterns: list[URLPattern] = [
    path("kwaliteit/", monitoring.home, name="home"),
]
