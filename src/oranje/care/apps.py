from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "oranje.care"
    label = "care"
    verbose_name = _("Shelter and care")

    def ready(self) -> None:
        from oranje.care import hooks

        hooks.register()
