from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "oranje.readiness"
    label = "readiness"
    verbose_name = _("Readiness")

    def ready(self) -> None:
        from oranje.core.worker import register_upkeep
        from oranje.organisation import qualification
        from oranje.readiness.checker import ReadinessChecker
        from oranje.readiness.tasks import ensure_daily_scheduled

        qualification.register(ReadinessChecker())
        register_upkeep("readiness.daily", ensure_daily_scheduled, every=3600)
