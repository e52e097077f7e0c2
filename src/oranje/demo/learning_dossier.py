"""The living dossier in the demo world (issue 16): the 2015 interregional work session's good
questions, practices and proposals, with comments from other regions written by their
coordinators (members of their own region, without a login). Built through the room's services;
only dates are set back. Idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.demo import learning_data as data
from oranje.learning import models as lm
from oranje.learning.constants import NetworkRole
from oranje.learning.services import dossier, sessions

Log = Callable[[str], None]


def _commenter(region: Region) -> User:
    """Who comments for another region: its coordinator from the network's directory, as a
    member of that region without a login (a comment is written under the commenter's own
    membership)."""
    member = (
        lm.NetworkMember.objects.filter(region=region, role=NetworkRole.COORDINATOR)
        .order_by("pk")
        .first()
    )
    first, _sep, last = (member.name if member else f"Coördinator {region.name}").partition(" ")
    user, created = User.objects.get_or_create(
        username=f"netwerk.{region.code.lower()}", defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, role=Role.VIEWER, region=region)
    return user


def work_session(actor: User, log: Log) -> None:
    spec = data.WORK_SESSION
    if lm.WorkSession.objects.filter(title=spec["title"]).exists():
        log("Werksessie 2015 bestaat al.")
        return
    regions = {r.code: r for r in Region.objects.all()}
    held_on = dt.date(2015, 6, 11)
    session = sessions.work_session_create(
        actor=actor,
        title=str(spec["title"]),
        held_on=held_on,
        host_region=regions["VR12"],
        regions=[regions[c] for c in spec["regions"]],
        place=str(spec["place"]),
        description=str(spec["description"]),
    )
    moment = timezone.make_aware(dt.datetime.combine(held_on, dt.time(15)))
    for theme, kind, status, code, title, text, comments in data.WORK_SESSION_ENTRIES:
        entry = dossier.entry_create(
            actor=actor,
            region=regions[code],
            theme=theme,
            kind=kind,
            title=title,
            text=text,
            status=status,
            work_session=session,
        )
        for other, comment in comments:
            dossier.entry_comment(
                actor=_commenter(regions[other]), entry=entry, region=regions[other], text=comment
            )
        lm.Entry.objects.filter(pk=entry.pk).update(created_at=moment, updated_at=moment)
        lm.EntryVersion.objects.filter(entry=entry).update(changed_at=moment)
    log(f"Levend dossier: werksessie 2015 met {len(data.WORK_SESSION_ENTRIES)} bijdragen.")
