"""What the message tests share: communication advisers of the region and a message's
words."""

from __future__ import annotations

from typing import Any

from oranje.communication.services.messages import MessageData
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User

#: Velsen-Noord, closed (first point = last point), lat/lon.
AREA = [[52.47, 4.62], [52.48, 4.63], [52.47, 4.65], [52.47, 4.62]]
AREA_TEXT = "52.47, 4.62\n52.48, 4.63\n52.47, 4.65"


def adviser(region: Region, username: str, *, first_name: str = "") -> User:
    """A communication adviser of the region (password test-pass-123)."""
    user = User.objects.create_user(
        username=username,
        password="test-pass-123",
        first_name=first_name or username.capitalize(),
        last_name="Woordvoerder",
    )
    Membership.objects.create(user=user, role=Role.COMMUNICATION, region=region)
    return user


def public_data(**changes: Any) -> MessageData:
    values: dict[str, Any] = {
        "kind": "public",
        "title": "Brand in loods Velsen-Noord",
        "text": "Er is brand in een loods aan de Wijkerstraatweg. De brandweer is ter plaatse.",
        "goals": frozenset({"inform"}),
    }
    return MessageData(**(values | changes))


def warning_data(**changes: Any) -> MessageData:
    values: dict[str, Any] = {
        "kind": "warning",
        "title": "Houd ramen en deuren dicht",
        "text": "Er komt veel rook vrij bij een brand in Velsen-Noord.",
        "instruction": "Ga naar binnen. Sluit ramen en deuren. Zet de ventilatie uit.",
        "goals": frozenset({"inform", "limit_harm"}),
        "cap_event": "Brand met rookontwikkeling",
        "area": AREA,
    }
    return MessageData(**(values | changes))
