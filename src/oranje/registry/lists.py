"""The SIS outputs of one incident: the victims list, the deaths list and the matching list.

Each list is a `Table` of text cells, built once and shown as a page, a CSV file and a PDF,
so the three never disagree. An exercise's list says OEFENING on every page, in the first
line of its CSV and on every PDF page (`marking`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.incidents.models import Incident
from oranje.registry.constants import CandidateState, InquiryStatus, Source, Status
from oranje.registry.models import Candidate, Inquiry, Person, PoliceNotice, StatusEntry

MARKING = "OEFENING"


@dataclass
class Table:
    slug: str
    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    #: Relative column widths for the PDF.
    widths: list[int] = field(default_factory=list)


def marking(incident: Incident) -> str:
    return MARKING if incident.is_exercise else ""


def when(moment: dt.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i") if moment else ""


def _label(choices: type, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _persons(incident: Incident) -> QuerySet[Person]:
    return Person.objects.filter(incident=incident, merged_into__isnull=True).order_by("pk")


def victims(incident: Incident) -> Table:
    """Every registered person (merged second registrations left out) with status and where."""
    newest_source = (
        StatusEntry.objects.filter(person=OuterRef("pk"))
        .order_by("-source_at", "-pk")
        .values("source")[:1]
    )
    table = Table(
        "slachtofferlijst",
        _("Victims list"),
        [
            _("No."),
            _("Name"),
            _("Born"),
            _("Address"),
            _("Status"),
            _("Where"),
            _("Hospital or place"),
            _("Since"),
            _("Source"),
        ],
        widths=[8, 30, 12, 34, 16, 14, 26, 18, 18],
    )
    for p in _persons(incident).annotate(source=Subquery(newest_source)):
        table.rows.append(
            [
                str(p.pk),
                p.full_name,
                p.display_birth,
                p.address_text,
                _label(Status, p.current_status),
                p.get_current_whereabouts_display(),
                p.current_place,
                when(p.status_at),
                _label(Source, p.source or ""),
            ]
        )
    return table


def police_state(notice: PoliceNotice | None) -> str:
    if notice is None:
        return _("police not yet asked")
    if notice.confirmed_at is None:
        return _("police asked, next of kin not yet informed")
    return _("next of kin informed by the police")


def deaths(incident: Incident) -> Table:
    """The deceased, with the state of the police's informing of the next of kin."""
    notices = {
        n.person_id: n
        for n in PoliceNotice.objects.filter(
            person__incident=incident, person__current_status=Status.DECEASED
        )
    }
    table = Table(
        "dodenlijst",
        _("Deaths list"),
        [
            _("No."),
            _("Name"),
            _("Born"),
            _("Address"),
            _("Where"),
            _("Reported deceased"),
            _("Police asked"),
            _("Police confirmed"),
            _("State"),
        ],
        widths=[8, 32, 12, 36, 22, 18, 18, 18, 34],
    )
    for p in _persons(incident).filter(current_status=Status.DECEASED):
        notice = notices.get(p.pk)
        table.rows.append(
            [
                str(p.pk),
                p.full_name,
                p.display_birth,
                p.address_text,
                " ".join(x for x in (p.get_current_whereabouts_display(), p.current_place) if x),
                when(p.status_at),
                when(notice.asked_at) if notice else "",
                when(notice.confirmed_at) if notice else "",
                police_state(notice),
            ]
        )
    return table


#: Which candidate of an inquiry the matching list shows: a decided one before a proposal.
_STATE_ORDER = {
    CandidateState.CONFIRMED: 0,
    CandidateState.AWAITING_SECOND: 1,
    CandidateState.PROPOSED: 2,
}


def matching(incident: Incident) -> Table:
    """Every inquiry with the person it is matched to (or its best proposal) and its state."""
    table = Table(
        "matchlijst",
        _("Matching list"),
        [
            _("Inquiry"),
            _("Received"),
            _("Caller"),
            _("Relation"),
            _("Person sought"),
            _("Born"),
            _("Registered person"),
            _("Score"),
            _("Candidate"),
            _("State"),
        ],
        widths=[10, 16, 26, 14, 28, 12, 30, 10, 22, 22],
    )
    best: dict[int, Candidate] = {}
    for cand in (
        Candidate.objects.filter(inquiry__incident=incident)
        .exclude(state=CandidateState.REJECTED)
        .select_related("person")
        .order_by("inquiry_id", "-score", "pk")
    ):
        held = best.get(cand.inquiry_id)
        if (
            held is None
            or _STATE_ORDER[CandidateState(cand.state)] < _STATE_ORDER[CandidateState(held.state)]
        ):
            best[cand.inquiry_id] = cand
    for inquiry in Inquiry.objects.filter(incident=incident).order_by("number"):
        chosen = best.get(inquiry.pk)
        person = chosen.person if chosen else None
        table.rows.append(
            [
                str(inquiry),
                when(inquiry.created_at),
                inquiry.caller_name,
                inquiry.caller_relation,
                inquiry.full_name,
                inquiry.display_birth,
                f"{person.full_name} (#{person.pk})" if person else "",
                f"{chosen.score:.1f}" if chosen else "",
                _label(CandidateState, chosen.state) if chosen else _("no candidate"),
                _label(InquiryStatus, inquiry.status),
            ]
        )
    return table


LISTS: dict[str, tuple[Promise, Callable[[Incident], Table]]] = {
    "slachtoffers": (gettext_lazy("Victims list"), victims),
    "doden": (gettext_lazy("Deaths list"), deaths),
    "match": (gettext_lazy("Matching list"), matching),
}
