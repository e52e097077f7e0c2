from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "oranje.care"
    label = "care"
    verbose_name = _("Shelter and care")

    def ready(self) -> None:
        from oranje.care import hooks
        from oranje.care.services.retention import care_retention_upkeep
        from oranje.care.services.vulnerable import stale_uploads_upkeep
        from oranje.core.worker import register_upkeep

        hooks.register()
        register_upkeep("care.retention", care_retention_upkeep, every=3600)
        register_upkeep("care.stale_uploads", stale_uploads_upkeep, every=3600)
