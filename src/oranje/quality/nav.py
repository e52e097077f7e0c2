"""The quality room's own menu: every part's page, in this order, shown only once the part's
URL exists and only to those who may use it (`who`: "monitor" for the region's monitoring,
"municipal" also for a municipality's own people, "all" for everyone in the region)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.quality import access


@dataclass(frozen=True)
class Item:
    url_name: str
    label: Promise | str
    who: str
    key: str


ITEMS = [
    Item("quality:home", _("Monitoring"), "monitor", "monitoring"),
    Item("quality:national", _("National"), "national", "national"),
    Item("quality:norms", _("Norms"), "all", "norms"),
    Item("quality:actions", _("Improvement actions"), "monitor", "actions"),
    Item("quality:assessments", _("Self-assessment"), "municipal", "assessment"),
    Item("quality:agreements", _("Agreements"), "municipal", "agreements"),
    Item("quality:scalings", _("Flexible scalings"), "monitor", "scalings"),
    Item("quality:costs", _("Costs"), "monitor", "costs"),
    Item("quality:reports", _("Board reports"), "monitor", "reports"),
]


def may(user: AnyUser, region: Region | None, who: str) -> bool:
    if who == "all":
        return True
    if who == "national":
        return access.is_national(user) or bool(access.monitor_regions(user))
    monitor = region is not None and access.can_monitor(user, region.pk)
    if who == "monitor":
        return monitor
    return monitor or bool(access.monitored_municipalities(user))


def items(user: AnyUser, region: Region | None) -> list[tuple[str, str, str]]:
    """(url, label, key) of the parts this user may open."""
    found = []
    for item in ITEMS:
        if not may(user, region, item.who):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        found.append((url, str(item.label), item.key))
    return found


def context(request: object, key: str) -> dict[str, object]:
    """What a page of the room adds to its context for the menu: `quality_nav`, `qnav`."""
    user = request.user  # type: ignore[attr-defined]
    region = getattr(request, "region", None)
    return {"quality_nav": items(user, region), "qnav": key, "nav": "quality"}
