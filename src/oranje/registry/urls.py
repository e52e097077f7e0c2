"""The registry's pages, under /incidenten/<id>/registratie/ (one module per part)."""

from oranje.registry.views import exchange, home, imports, inquiries, lists, persons, privacy

app_name = "registry"

urlpatterns = [
    *home.urls,
    *persons.urls,
    *imports.urls,
    *inquiries.urls,
    *privacy.urls,
    *lists.urls,
    *exchange.urls,
]
