"""The damage room's pages (one module per part in views/)."""

from oranje.damage.views import form_settings, home, photos, public

app_name = "damage"

urlpatterns = [
    *home.urls,
    # part: dpublic
    *photos.urls,
    *public.urls,
    *form_settings.urls,
    # end part: dpublic
]
