"""Pages of the learning room's part "public": the public survey as a resident answers it (no
login).
"""

from django.urls import URLPattern, path

from oranje.learning.views import public

urlpatterns: list[URLPattern] = [
    path("enquete/<str:token>/", public.public_survey, name="public_survey"),
    path("enquete/<str:token>/bedankt/", public.public_survey_thanks, name="public_survey_thanks"),
]
