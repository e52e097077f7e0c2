from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "oranje.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from oranje.core.worker import register_upkeep
        from oranje.registry import hooks
        from oranje.registry.services.batch_matching import unmatched_upkeep
        from oranje.registry.services.imports import stale_uploads_upkeep
        from oranje.registry.services.retention import retention_upkeep

        hooks.register()
        register_upkeep("registry.unmatched", unmatched_upkeep, every=60)
        register_upkeep("registry.stale_uploads", stale_uploads_upkeep, every=3600)
        register_upkeep("registry.retention", retention_upkeep, every=3600)
