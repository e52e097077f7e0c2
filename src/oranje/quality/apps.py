from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "oranje.quality"
    label = "quality"
    verbose_name = _("Quality level (norms and monitoring)")

    def ready(self) -> None:
        from oranje.core.worker import register_upkeep
        from oranje.quality.services.compute import indicators_upkeep

        register_upkeep("quality.indicators", indicators_upkeep, every=3600)
