"""The month roster stays readable when soft-piket pools list everyone every day."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from oranje.core.validation import local_zone
from oranje.organisation.constants import OnCallKind
from oranje.organisation.tests.factories import World, make_person, make_shift


def _month(world: World, day: dt.date) -> str:
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("organisation:roster") + f"?weergave=maand&datum={day.isoformat()}"
    return client.get(url).content.decode()


def _day_cell(page: str, day: dt.date) -> str:
    """The table cell of one day (the day number opens it)."""
    body = page[page.index("<tbody>") :]
    start = body.index(f"<strong>{day.day}</strong>")
    return body[start : body.index("</td>", start)]


def test_a_soft_pool_is_counted_and_folded_while_hard_on_call_is_listed(world: World) -> None:
    day = (dt.date.today() + dt.timedelta(days=40)).replace(day=15)
    start = dt.datetime.combine(day, dt.time(8), tzinfo=local_zone())
    make_shift(world.ovd_pool, world.ovd, world.officers[0], start, hours=4)
    soft = [make_person(world.region, world.ovd, surname=f"Zacht{i}") for i in range(12)]
    world.ovd_pool.members.add(*soft)
    for person in soft:
        make_shift(world.ovd_pool, world.ovd, person, start, hours=4, kind=OnCallKind.SOFT)

    cell = _day_cell(_month(world, day), day)
    listed, folded = cell.split('<details class="fold-day soft">')
    assert "OVD-BZ: Visser" in listed
    assert "Zacht" not in listed
    assert "12 mensen op zacht piket" in folded
    assert all(f"Zacht{i}" in folded for i in range(12))


def test_a_function_with_many_people_on_hard_on_call_is_folded_into_a_count(world: World) -> None:
    day = (dt.date.today() + dt.timedelta(days=40)).replace(day=10)
    start = dt.datetime.combine(day, dt.time(8), tzinfo=local_zone())
    for person in world.officers:
        make_shift(world.ovd_pool, world.ovd, person, start, hours=4)
    cell = _day_cell(_month(world, day), day)
    assert "OVD-BZ: 3 mensen" in cell
    assert '<details class="fold-day hard">' in cell
