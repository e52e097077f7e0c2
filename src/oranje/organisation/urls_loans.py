"""Pages of loans of people across regions."""

from django.urls import URLPattern, path

from oranje.organisation.views import loans

urlpatterns: list[URLPattern] = [
    path("piket/uitleningen/", loans.loans, name="loans"),
    path("piket/uitleningen/nieuw/", loans.loan_new, name="loan_new"),
    path("piket/uitleningen/<id:pk>/beeindigen/", loans.loan_end_view, name="loan_end"),
]
