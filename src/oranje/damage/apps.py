from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DamageConfig(AppConfig):
    name = "oranje.damage"
    label = "damage"
    verbose_name = _("Damage registration")

    def ready(self) -> None:
        from oranje.damage import hooks

        hooks.register()
