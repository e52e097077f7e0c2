from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DamageConfig(AppConfig):
    name = "oranje.damage"
    label = "damage"
    verbose_name = _("Damage registration")

    def ready(self) -> None:
        from oranje.damage import hooks

        hooks.register()

        from oranje.core.worker import register_upkeep
        from oranje.damage.photo_worker import reap_photos
        from oranje.damage.services.retention import damage_retention_upkeep

        register_upkeep("damage.retention", damage_retention_upkeep, every=3600)
        register_upkeep("damage.photos", reap_photos)
