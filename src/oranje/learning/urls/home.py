"""The learning room's front page."""

from django.urls import URLPattern, path

from oranje.learning.views import home

urlpatterns: list[URLPattern] = [
    path("leren/", home.home, name="home"),
]
