"""Each room owns its pages: every named page lives under the namespace of its room."""

from django.urls import URLPattern, URLResolver, get_resolver

ROOMS = {"core", "organisation", "readiness", "incidents", "alerting"}


def test_every_named_page_sits_in_a_room_namespace():
    loose = []
    namespaces = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLPattern) and entry.name and entry.name != "api_docs":
            loose.append(entry.name)
        if isinstance(entry, URLResolver) and entry.namespace:
            namespaces.add(entry.namespace)
    assert loose == []
    assert namespaces >= ROOMS
