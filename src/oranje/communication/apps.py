from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "oranje.communication"
    label = "communication"
    verbose_name = _("Crisis communication")

    def ready(self) -> None:
        from oranje.communication import hooks

        hooks.register()

        from oranje.communication.reaper import reap_mailings
        from oranje.core.worker import register_upkeep

        register_upkeep("communication.mailings", reap_mailings)
