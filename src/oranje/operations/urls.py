"""The operations room's two addresses: `/gezond/` for load balancers and `/metriek/` for
Prometheus. Neither needs a login (a balancer and a scraper have none); the metrics are
guarded by a token or a network setting instead (see metrics.py)."""

from django.urls import path

from oranje.operations import views_health, views_metrics

app_name = "operations"

urlpatterns = [
    path("gezond/", views_health.health, name="health"),
    path("gezond/web/", views_health.health_instance, name="health_instance"),
    path("metriek/", views_metrics.metrics, name="metrics"),
]
