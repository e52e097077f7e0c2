from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "oranje.readiness"
    label = "readiness"
    verbose_name = _("Readiness")

    def ready(self) -> None:
        from oranje.organisation import qualification
        from oranje.readiness.checker import ReadinessChecker

        qualification.register(ReadinessChecker())
