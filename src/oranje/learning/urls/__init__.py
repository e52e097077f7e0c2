"""Pages of the learning room, one module per part (each part owns its module). Paths start
with leren/ (the public survey with enquete/)."""

from oranje.learning.urls import (
    dossier,
    evaluations,
    home,
    network,
    patterns,
    public,
    reports,
    sessions,
    surveys,
)

app_name = "learning"

urlpatterns = [
    *home.urlpatterns,
    *evaluations.urlpatterns,
    *patterns.urlpatterns,
    *reports.urlpatterns,
    *surveys.urlpatterns,
    *public.urlpatterns,
    *dossier.urlpatterns,
    *sessions.urlpatterns,
    *network.urlpatterns,
]
