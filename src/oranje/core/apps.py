from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "oranje.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from oranje.core.converters import IdConverter

        register_converter(IdConverter, "id")

        from django_tasks.signals import task_enqueued

        # Listeners on the login: the lockout's audit entry.
        from oranje.core import lockout  # noqa: F401
        from oranje.core.task_origin import record_origin

        # A task queued within a request carries the request's id into the worker's logs.
        task_enqueued.connect(record_origin, dispatch_uid="oranje.core.task_origin")
