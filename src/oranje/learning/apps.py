from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "oranje.learning"
    label = "learning"
    verbose_name = _("Learning (evaluations, survey, dossier, network)")
