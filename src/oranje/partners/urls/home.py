from django.urls import path

from oranje.partners import views

urlpatterns = [
    path("partners/", views.home, name="home"),
]
