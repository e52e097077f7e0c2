"""The demo of the national documents' remaining requirements (issue 17): certification
with Kennemerland's training providers, a one-hour drill, an exercise with feedback moments,
key-function holders and other civil servants, two people lent to Hollands Midden, the hard
versus soft on-call figures, a partner login, the description of population care and the
regional point of contact. Each part is built by its own module; this one calls them in
order. Every part tops up: run twice, it adds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from oranje.core.models import Region, User
from oranje.incidents.models import Incident


@dataclass(frozen=True)
class DemoContext:
    region: Region
    coordinator: User
    admin: User
    velsen: Incident | None
    today: dt.date
    log: Callable[[str], None]
    #: Makes (or finds) a demo login: (username, given name, surname) -> User.
    make_user: Callable[[str, str, str], User]


def build(ctx: DemoContext) -> None:
    from oranje.demo import (
        national_certification,
        national_description,
        national_drills,
        national_feedback,
        national_loans,
        national_partners,
        national_people,
    )

    national_certification.build(ctx)
    national_people.build(ctx)
    national_drills.build(ctx)
    national_feedback.build(ctx)
    national_loans.build(ctx)
    national_description.build(ctx)
    national_partners.build(ctx)
