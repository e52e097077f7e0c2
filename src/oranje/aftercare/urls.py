"""The aftercare room's pages (one module per part in views/)."""

from oranje.aftercare.views import home

app_name = "aftercare"

urlpatterns = [
    *home.urls,
]
