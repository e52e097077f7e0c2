"""Pages of the partners room, one module per part. Paths start with partners/ and
bevolkingszorg/ (the description)."""

from oranje.partners.urls import description, home

app_name = "partners"

urlpatterns = [
    *home.urlpatterns,
    *description.urlpatterns,
]
