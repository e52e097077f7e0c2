"""`/metriek/`: Prometheus metrics, for a bearer token or a client in the metrics networks.

Anyone else gets the site's ordinary 404, as for an address that does not exist. No login,
no session and no cookie: Prometheus has none (metrics.py says who may scrape)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from oranje.operations.metrics import CONTENT_TYPE, metrics_allowed, scrape


# Exempt so that a POST gets the same 404 as anywhere else instead of a CSRF refusal that
# would reveal the address; the view changes nothing.
@csrf_exempt
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD") or not metrics_allowed(request):
        raise Http404
    return HttpResponse(scrape(), content_type=CONTENT_TYPE)
