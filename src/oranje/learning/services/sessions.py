"""Work sessions: (inter)regional meetings whose good questions, practices and proposals
become dossier entries, and whose entries make the impression report.

Every member reads every work session (the dossier is national); those who evaluate for the
host region create and change one (`access.can_contribute`; a session without a host region
is national and kept by the national monitors). The regions taking part may be any region:
regions meet across borders. Every write and every report is an audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.learning import access
from oranje.learning.constants import (
    ADDRESS_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    TEXT_MAX,
    TITLE_MAX,
)
from oranje.learning.models import WorkSession

FIELDS = ["title", "held_on", "place", "host_region", "description"]


def _clean(
    *, title: str, held_on: dt.date | None, place: str, description: str
) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    title, place, description = title.strip(), place.strip(), description.strip()
    if not title:
        errors["title"] = [_("title: give the work session a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("title: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if held_on is None:
        errors["held_on"] = [_("date: say when the work session is held.")]
    elif not FIRST_YEAR <= held_on.year <= LAST_YEAR:
        errors["held_on"] = [
            _("date: choose a day from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    if len(place) > ADDRESS_MAX:
        errors["place"] = [_("place: at most %(max)s characters.") % {"max": ADDRESS_MAX}]
    if len(description) > TEXT_MAX:
        errors["description"] = [_("description: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if errors:
        raise ValidationError(errors)
    return title, place, description


def _regions(regions: Iterable[Region], host: Region | None) -> list[Region]:
    found = {r.pk: r for r in regions}
    if host is not None:
        found.setdefault(host.pk, host)
    return list(found.values())


@transaction.atomic
def work_session_create(
    *,
    actor: User,
    title: str,
    held_on: dt.date | None,
    host_region: Region | None,
    regions: Iterable[Region] = (),
    place: str = "",
    description: str = "",
) -> WorkSession:
    """A new work session hosted by `host_region` (None: a national one); the host always
    takes part."""
    core_access.require(access.can_contribute(actor, host_region.pk if host_region else None))
    title, place, description = _clean(
        title=title, held_on=held_on, place=place, description=description
    )
    assert held_on is not None  # _clean refuses a missing date
    session = WorkSession.objects.create(
        title=title,
        held_on=held_on,
        place=place,
        host_region=host_region,
        description=description,
        created_by=actor,
    )
    taking_part = _regions(regions, host_region)
    session.regions.set(taking_part)
    audit_record(
        actor=actor,
        action=AuditAction.WORK_SESSION_SAVE,
        obj=session,
        region=host_region,
        changes={"regions": [None, sorted(r.code for r in taking_part)]},
    )
    return session


@transaction.atomic
def work_session_update(
    *,
    actor: User,
    session: WorkSession,
    title: str,
    held_on: dt.date | None,
    host_region: Region | None,
    regions: Iterable[Region] = (),
    place: str = "",
    description: str = "",
) -> WorkSession:
    """Change a work session: the user must keep it for its present host and for the new
    one."""
    session = WorkSession.objects.select_for_update().get(pk=session.pk)
    core_access.require(access.can_contribute(actor, session.host_region_id))
    core_access.require(access.can_contribute(actor, host_region.pk if host_region else None))
    title, place, description = _clean(
        title=title, held_on=held_on, place=place, description=description
    )
    before = snapshot(session, FIELDS)
    before_regions = sorted(session.regions.values_list("code", flat=True))
    session.title, session.held_on, session.place = title, held_on, place  # type: ignore[assignment]
    session.host_region, session.description = host_region, description
    session.save()
    taking_part = _regions(regions, host_region)
    session.regions.set(taking_part)
    changes = diff(before, snapshot(session, FIELDS))
    after_regions = sorted(r.code for r in taking_part)
    if after_regions != before_regions:
        changes["regions"] = [before_regions, after_regions]
    audit_record(
        actor=actor,
        action=AuditAction.WORK_SESSION_SAVE,
        obj=session,
        region=host_region,
        changes=changes,
    )
    return session


@transaction.atomic
def work_session_report(*, actor: User, session: WorkSession) -> bytes:
    """The impression report (PDF) of a work session, for every member; audited."""
    from oranje.learning.sessions_report import impression_report

    access.require_member(actor)
    pdf = impression_report(session)
    audit_record(
        actor=actor,
        action=AuditAction.WORK_SESSION_REPORT,
        obj=session,
        region=session.host_region,
        note=f"{len(pdf)} bytes",
    )
    return pdf
