"""The damage room's pages (one module per part in views/)."""

from oranje.damage.views import home

app_name = "damage"

urlpatterns = [
    *home.urls,
]
