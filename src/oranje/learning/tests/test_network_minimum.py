"""The meetings' minimum per body and year (`selectors_network.body_year`): held and still
planned meetings are counted, a planned meeting whose day passed is not; a body short of its
minimum gets the warning in Dutch with what is still planned; the network also needs a
meeting in spring and one in autumn. No database needed."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from oranje.learning.constants import Body
from oranje.learning.models import Meeting
from oranje.learning.selectors_network import body_year

TODAY = dt.date(2026, 5, 20)


def _m(body: Body, day: tuple[int, int], status: str = "held", year: int = 2026) -> Meeting:
    return Meeting(body=body.value, held_on=dt.date(year, *day), status=status)


def test_portfolio_holders_behind_say_so_with_what_is_planned() -> None:
    meetings = [
        _m(Body.PORTFOLIO, (2, 10)),
        _m(Body.PORTFOLIO, (9, 1), "planned"),
        _m(Body.PORTFOLIO, (11, 3), "planned"),
        _m(Body.PORTFOLIO, (3, 15), "cancelled"),
    ]
    with translation.override("nl"):
        row = body_year(Body.PORTFOLIO, 2026, meetings, TODAY)
    assert (row.held, row.to_come, row.minimum) == (1, 2, 4)
    assert row.behind
    assert row.warnings == [
        "De portefeuillehouders kwamen dit jaar 1 keer bijeen; minimaal 4 per jaar (nog 2 gepland)."
    ]


def test_a_planned_meeting_whose_day_passed_does_not_count() -> None:
    meetings = [_m(Body.COORDINATORS, (d, 1), "planned") for d in (1, 3, 8, 11)]
    with translation.override("nl"):
        row = body_year(Body.COORDINATORS, 2026, meetings, TODAY)
    assert (row.held, row.to_come) == (0, 2)
    assert "Het landelijk overleg van coördinatoren kwam dit jaar 0 keer bijeen" in row.warnings[0]


def test_enough_meetings_give_no_warning() -> None:
    meetings = [_m(Body.PORTFOLIO, (2, 1)), _m(Body.PORTFOLIO, (4, 1))] + [
        _m(Body.PORTFOLIO, (m, 1), "planned") for m in (9, 12)
    ]
    row = body_year(Body.PORTFOLIO, 2026, meetings, TODAY)
    assert not row.behind and row.warnings == []


def test_the_network_needs_spring_and_autumn() -> None:
    # Two meetings, both in spring: the count is met, the autumn is not.
    meetings = [_m(Body.NETWORK, (3, 1)), _m(Body.NETWORK, (4, 20))]
    with translation.override("nl"):
        row = body_year(Body.NETWORK, 2026, meetings, TODAY)
        assert row.warnings == [
            "Het netwerk komt in het voorjaar en in het najaar bijeen: plan de najaarsbijeenkomst."
        ]
        # Spring and autumn planned or held: nothing to say.
        fine = body_year(
            Body.NETWORK,
            2026,
            [_m(Body.NETWORK, (4, 1)), _m(Body.NETWORK, (10, 1), "planned")],
            TODAY,
        )
        assert fine.warnings == []
        # After the summer, an autumn without a meeting is named as missing.
        late = body_year(Body.NETWORK, 2026, meetings, dt.date(2026, 10, 1))
        assert late.warnings[-1].endswith("dit jaar is er geen najaarsbijeenkomst.")


def test_a_past_year_is_judged_on_what_was_held() -> None:
    meetings = [_m(Body.NETWORK, (10, 1), year=2025)]
    with translation.override("nl"):
        row = body_year(Body.NETWORK, 2025, meetings, TODAY)
    assert row.warnings[0] == (
        "Het landelijk netwerk kwam in 2025 1 keer bijeen; minimaal 2 per jaar."
    )
    assert row.warnings[1].endswith("in 2025 is er geen voorjaarsbijeenkomst.")
