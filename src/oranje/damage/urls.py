"""The damage room's pages (one module per part in views/)."""

from oranje.damage.views import (
    exports,
    form_settings,
    home,
    intake,
    overview,
    photos,
    public,
    reports,
)

app_name = "damage"

urlpatterns = [
    *home.urls,
    # part: dpublic
    *photos.urls,
    *public.urls,
    *form_settings.urls,
    # end part: dpublic
    # part: dstaff
    *intake.urls,
    *reports.urls,
    *overview.urls,
    *exports.urls,
    # end part: dstaff
]
