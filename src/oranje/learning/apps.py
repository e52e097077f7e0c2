from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "oranje.learning"
    label = "learning"
    verbose_name = _("Learning (evaluations, survey, dossier, network)")

    def ready(self) -> None:
        from oranje.core.worker import register_upkeep
        from oranje.learning.services.patterns import patterns_upkeep

        register_upkeep("learning.patterns", patterns_upkeep, every=3600)

        from oranje.learning.services.surveys_upkeep import surveys_close_due

        register_upkeep("learning.surveys_close", surveys_close_due, every=3600)
