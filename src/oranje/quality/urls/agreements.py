"""Pages of the quality room's part "agreements": the agreements with municipalities and
the inhabitants per municipality."""

from django.urls import URLPattern, path

from oranje.quality.views import agreements

urlpatterns: list[URLPattern] = [
    path("kwaliteit/afspraken/", agreements.agreement_list, name="agreements"),
    path("kwaliteit/afspraken/nieuw/", agreements.agreement_new, name="agreement_new"),
    path("kwaliteit/afspraken/<id:pk>/", agreements.agreement_detail, name="agreement"),
    path("kwaliteit/inwoners/", agreements.inhabitants, name="inhabitants"),
]
