"""Figures for CAP 1.2 (issue 13): generating and validating 1,000 CAP alerts from real
Message rows must take less than 5 s.

A fresh database (bench/out/comm_cap, rebuilt every run) with one real incident and one
exercise in Kennemerland and 1,000 warnings: 600 first alerts, 250 updates of them and 150
cancellations of an update (so references of one and of two earlier alerts), each approved,
with a 40-point area. Timed: reading the rows as the export does and writing each as CAP,
every document checked against the OASIS schema (`cap_alert` validates what it writes); then
each read back (`parse_cap`), untimed, to check the count of references.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import sys
import time

from bench.common import OUT, report, setup_django
from bench.targets import check, check_that, exit_status

ORIGINALS = 600
UPDATES = 250
CANCELS = 150
TOTAL = ORIGINALS + UPDATES + CANCELS
TARGET_SECONDS = 5.0


def _area(n: int) -> list[list[float]]:
    """A closed ring of 40 points around Velsen-Noord, a little different per message."""
    points = [
        [
            round(52.465 + 0.01 * math.sin(2 * math.pi * k / 39) + n * 1e-6, 6),
            round(4.63 + 0.015 * math.cos(2 * math.pi * k / 39), 6),
        ]
        for k in range(39)
    ]
    return [*points, points[0]]


def build() -> list[int]:
    """The incidents and the 1,000 warnings; their ids."""
    from django.utils import timezone

    from oranje.communication.models import Message
    from oranje.core.constants import Role
    from oranje.core.models import Membership, Municipality, Region, User
    from oranje.incidents import services

    region = Region.objects.get(code="VR12")
    velsen = Municipality.objects.get(cbs_code="GM0453")
    user = User.objects.create_user(username="bench-cap")
    Membership.objects.create(user=user, role=Role.COORDINATOR, region=region)
    now = timezone.now()
    incidents = [
        services.incident_start(
            actor=user,
            region=region,
            title=title,
            kind="fire",
            started_at=now - dt.timedelta(hours=6),
            municipality=velsen,
            is_exercise=exercise,
            location_text="Velsen-Noord",
        )
        for title, exercise in (("Brand loods", False), ("Oefening rook", True))
    ]

    def warning(n: int, relation: str, parent: Message | None) -> Message:
        sent = now - dt.timedelta(hours=5) + dt.timedelta(seconds=n * 7)
        return Message(
            incident=parent.incident if parent else incidents[n % 2],
            kind="warning",
            title=f"Houd ramen en deuren gesloten ({n})",
            text=(
                "Bij een grote brand in een loods aan de Wijkerstraatweg in Velsen-Noord komt "
                "veel rook vrij. De brandweer meet de lucht. "
            )
            * (1 + n % 4),
            instruction="Ga naar binnen. Sluit ramen en deuren. Zet de ventilatie uit.",
            audience="Bewoners van Velsen-Noord en Beverwijk",
            goal_limit_harm=True,
            status="published",
            relation=relation,
            parent=parent,
            cap_category="Fire",
            cap_event="Brand met rookontwikkeling",
            area=_area(n),
            area_desc="Velsen-Noord",
            approved_at=sent,
            published_at=sent,
            cap_sent=sent.replace(microsecond=0),
            created_by=user,
        )

    originals = Message.objects.bulk_create(warning(n, "original", None) for n in range(ORIGINALS))
    updates = Message.objects.bulk_create(
        warning(ORIGINALS + n, "update", originals[n]) for n in range(UPDATES)
    )
    cancels = Message.objects.bulk_create(
        warning(ORIGINALS + UPDATES + n, "cancel", updates[n]) for n in range(CANCELS)
    )
    return [m.pk for m in (*originals, *updates, *cancels)]


def run() -> None:
    from oranje.communication.models import Message
    from oranje.communication.services.cap import cap_alert, cap_schema, parse_cap

    ids = build()
    cap_schema()  # read once per process, as a running server has it
    began = time.perf_counter()
    rows = list(
        Message.objects.filter(pk__in=ids)
        .select_related("incident", "incident__region", "incident__municipality", "parent")
        .order_by("pk")
    )
    documents = [cap_alert(m) for m in rows]
    elapsed = time.perf_counter() - began
    print(
        f"CAP: {len(documents)} warnings ({ORIGINALS} alerts, {UPDATES} updates, "
        f"{CANCELS} cancellations; a real incident and an exercise), 40-point areas"
    )
    check(
        f"generate and validate {TOTAL} CAP alerts",
        elapsed,
        TARGET_SECONDS,
        unit="s",
        shown=f"{elapsed:.2f} s ({elapsed / len(documents) * 1000:.2f} ms per alert)",
    )
    read = [parse_cap(d) for d in documents]
    kinds = {t: sum(1 for r in read if r["msgType"] == t) for t in ("Alert", "Update", "Cancel")}
    report(
        "read back: Alert / Update / Cancel",
        f"{kinds['Alert']} / {kinds['Update']} / {kinds['Cancel']}",
    )
    check_that(
        "every alert written, with its references",
        f"{len(documents)} of {TOTAL}",
        len(documents) == TOTAL
        and kinds == {"Alert": ORIGINALS, "Update": UPDATES, "Cancel": CANCELS}
        and all(len(r["references"]) == 2 for r in read if r["msgType"] == "Cancel"),
        f"{TOTAL}, references of one and two alerts",
    )
    exercises = sum(1 for r in read if r["status"] == "Exercise")
    report("of which exercises (status Exercise)", str(exercises))


def main() -> None:
    shutil.rmtree(OUT / "comm_cap", ignore_errors=True)  # a fresh database every run
    setup_django("comm_cap")
    run()


if __name__ == "__main__":
    main()
    sys.exit(exit_status())
