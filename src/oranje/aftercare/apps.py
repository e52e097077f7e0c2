from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "oranje.aftercare"
    label = "aftercare"
    verbose_name = _("Aftercare (nafase)")

    def ready(self) -> None:
        from oranje.aftercare import hooks

        hooks.register()

        from oranje.aftercare.reaper import reap_newsletters
        from oranje.aftercare.thanks_reaper import reap_thanks
        from oranje.core.worker import register_upkeep

        register_upkeep("aftercare.thanks", reap_thanks)
        register_upkeep("aftercare.newsletters", reap_newsletters)

        from oranje.aftercare.services.retention import iac_retention_upkeep

        register_upkeep("aftercare.retention", iac_retention_upkeep, every=3600)
