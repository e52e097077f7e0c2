"""The care room's pages (one module per part in views/)."""

from oranje.care.views import (
    desk,
    desk_card,
    desk_offline,
    desk_scan,
    home,
    location_import,
    locations,
    norms,
    shelters,
    vulnerable,
    worklist,
)

app_name = "care"

urlpatterns = [
    *home.urls,
    *desk.urls,
    *desk_scan.urls,
    *desk_card.urls,
    *desk_offline.urls,
    *vulnerable.urls,
    *worklist.urls,
    *shelters.urls,
    *location_import.urls,
    *locations.urls,
    *norms.urls,
]
