"""Pages of the learning room's part "public": the public survey as a resident answers it (no
login).
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
