"""The learning room's own menu: every part's page, in this order, shown once the part's URL
exists and only to those who may use it ("member": everyone with a membership; "evaluate":
those who evaluate somewhere; "survey": those who run a region's surveys)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.learning import access


@dataclass(frozen=True)
class Item:
    url_name: str
    label: Promise | str
    who: str
    key: str


ITEMS = [
    Item("learning:evaluations", _("Evaluations"), "evaluate", "evaluations"),
    Item("learning:patterns", _("Patterns"), "evaluate", "patterns"),
    Item("learning:surveys", _("Public surveys"), "survey", "surveys"),
    Item("learning:dossier", _("Living dossier"), "member", "dossier"),
    Item("learning:sessions", _("Work sessions"), "member", "sessions"),
    Item("learning:network", _("Network"), "member", "network"),
    Item("learning:meetings", _("Meetings"), "member", "meetings"),
    Item("learning:advice", _("Advisory questions"), "member", "advice"),
]


def may(user: AnyUser, region: Region | None, who: str) -> bool:
    if who == "member":
        return access.is_member(user)
    if who == "evaluate":
        return access.can_evaluate_somewhere(user)
    if who == "survey":
        return access.is_national(user) or bool(access.survey_regions(user))
    return False


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
    """What a page of the room adds to its context for the menu: `learning_nav`, `lnav`."""
    user = request.user  # type: ignore[attr-defined]
    region = getattr(request, "region", None)
    return {"learning_nav": items(user, region), "lnav": key, "nav": "learning"}
