"""Pages of the partner view and of managing partner logins."""

from django.urls import path

from oranje.partners import views, views_logins

urlpatterns = [
    path("partners/", views.home, name="home"),
    path(
        "partners/wachtwoord/<str:uidb64>/<str:token>/",
        views_logins.SetPasswordView.as_view(),
        name="set_password",
    ),
    path(
        "partners/wachtwoord/gekozen/",
        views_logins.SetPasswordDoneView.as_view(),
        name="set_password_done",
    ),
    path("partners/<str:code>/", views.region_view, name="region"),
    path(
        "partners/<str:code>/situatierapporten/<id:incident>/",
        views.report,
        name="report",
    ),
    path("partners/<str:code>/toegang/", views_logins.login_list, name="logins"),
    path(
        "partners/<str:code>/toegang/<id:pk>/intrekken/",
        views_logins.login_revoke,
        name="login_revoke",
    ),
    path(
        "partners/<str:code>/toegang/<id:pk>/uitnodiging/",
        views_logins.login_invite,
        name="login_invite",
    ),
]
