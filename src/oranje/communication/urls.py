"""The communication room's pages (one module per part in views/)."""

from oranje.communication.views import home

app_name = "communication"

urlpatterns = [
    *home.urls,
]
