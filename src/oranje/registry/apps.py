from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "oranje.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from oranje.registry import hooks

        hooks.register()
