from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "oranje.demo"
    label = "demo"
    verbose_name = "Demo"
