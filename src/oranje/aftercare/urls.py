"""The aftercare room's pages (one module per part in views/)."""

from oranje.aftercare.views import (
    home,
    iac,
    iac_case,
    newsletters,
    people,
    phase,
    tasks,
    transition,
)

app_name = "aftercare"

urlpatterns = [
    *home.urls,
    *phase.urls,
    *transition.urls,
    *tasks.urls,
    *newsletters.urls,
    *people.urls,
    *iac.urls,
    *iac_case.urls,
]
