"""The care room's pages (one module per part in views/)."""

from oranje.care.views import home

app_name = "care"

urlpatterns = [
    *home.urls,
]
