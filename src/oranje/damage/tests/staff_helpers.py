"""What the staff-side tests share: handlers of a region and reports written directly."""

from __future__ import annotations

import itertools
from typing import Any

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident

_n = itertools.count(1)


def handler(region: Region, username: str, role: str = Role.REGISTRY_OFFICER, **names: str) -> User:
    """A user who handles damage reports in the region (password test-pass-123)."""
    user = User.objects.create_user(
        username=username,
        password="test-pass-123",
        first_name=names.get("first_name", username.capitalize()),
        last_name=names.get("last_name", "Schade"),
    )
    Membership.objects.create(user=user, role=role, region=region)
    return user


def report(incident: Incident, **fields: Any) -> DamageReport:
    """A report as the public form or the phone would write it (directly, no service)."""
    n = next(_n)
    values: dict[str, Any] = {
        "incident": incident,
        "reference": f"S-TEST-{n:04d}",
        "channel": "phone",
        "reporter_name": f"Melder {n}",
        "reporter_phone": "0612345678",
        "postcode": "1951AB",
        "house_number": n,
        "street": "Wijkerstraatweg",
        "city": "Velsen-Noord",
        "kind": "home",
        "description": "Ruiten gesprongen.",
    }
    values.update(fields)
    return DamageReport.objects.create(**values)
