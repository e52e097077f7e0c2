"""`/metriek/`: Prometheus metrics (built out in the metrics part)."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.views.decorators.http import require_GET


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    return HttpResponseNotFound()
