"""The communication room's pages (one module per part in views/)."""

from oranje.communication.views import home, public

app_name = "communication"

urlpatterns = [
    *home.urls,
    *public.urls,
]
