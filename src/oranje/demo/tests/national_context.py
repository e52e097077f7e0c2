"""What the tests of the issue-17 demo parts share: a `DemoContext` on the small test world
(`world` fixture), so each part's `build` runs without building the whole demo."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from oranje.core.models import User
from oranje.demo.national import DemoContext
from oranje.organisation.tests.factories import World


def make_demo_user(name: str, first: str, last: str) -> User:
    """A demo login, made once (the demo's `make_user`, without the demo password)."""
    user, _created = User.objects.get_or_create(
        username=name, defaults={"first_name": first, "last_name": last}
    )
    return user


def demo_context(
    world: World, *, make_user: Callable[[str, str, str], User] = make_demo_user
) -> DemoContext:
    return DemoContext(
        region=world.region,
        coordinator=world.coordinator,
        admin=world.admin,
        velsen=None,
        today=timezone.localdate(),
        log=lambda _line: None,
        make_user=make_user,
    )
