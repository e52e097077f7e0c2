"""The care room's pages (one module per part in views/)."""

from oranje.care.views import (
    desk,
    desk_card,
    desk_offline,
    desk_scan,
    home,
    housing,
    location_import,
    locations,
    needs,
    norms,
    shelters,
    surroundings,
    vulnerable,
    worklist,
)

app_name = "care"

#: The path of one incident's "Opvang" tab; each part's pages hang below it.
_INCIDENT = "incidenten/<id:pk>/opvang/"

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
    *needs.urls(_INCIDENT),
    *housing.urls(_INCIDENT),
    *surroundings.urls(_INCIDENT),
]
