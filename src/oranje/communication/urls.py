"""The communication room's pages (one module per part in views/)."""

from oranje.communication.views import (
    agreements,
    analyses,
    exports,
    feed,
    home,
    mailings,
    messages,
    public,
    qa,
    signals,
)

app_name = "communication"

urlpatterns = [
    *home.urls,
    *messages.urls,
    *public.urls,
    *agreements.urls,
    *exports.urls,
    *feed.urls,
    *analyses.urls,
    *qa.urls,
    *mailings.urls,
    *signals.urls,
]
