"""Pages of the core room: home, login, region choice, municipalities, audit log."""

from django.contrib.auth import views as auth_views
from django.urls import path

from oranje.core import views, views_login

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/tweede-stap/", views_login.second_step, name="second_step"),
    path("account/tweestapsverificatie/", views_login.two_factor, name="two_factor"),
    path(
        "account/tweestapsverificatie/instellen/",
        views_login.two_factor_setup,
        name="two_factor_setup",
    ),
    path("regio/kies/", views.choose_region, name="choose_region"),
    path("gemeenten/", views.municipalities, name="municipalities"),
    path("audit/", views.audit_log, name="audit"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
