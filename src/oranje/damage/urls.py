"""The damage room's pages (one module per part in views/)."""

from oranje.damage.views import home, photos

app_name = "damage"

urlpatterns = [
    *home.urls,
    # part: dpublic
    *photos.urls,
    # end part: dpublic
]
