"""The learning room's chokepoints. Objects a user may not read answer 404; objects they may
read but not change answer 403 (as everywhere in Oranje).

- **Evaluations** of a region's incidents and exercises: read and written by the region's
  monitors (its quality monitor, coordinators and administrators, and the national ones:
  `quality.access.can_monitor`), and by a municipality's own coordinator or quality monitor
  for the incidents of their municipality.
- **Patterns** across incidents: everyone who may evaluate somewhere (they see the findings'
  words and counts; an evaluation itself opens only for those who may read it).
- **Public surveys** (the questions, the invitations with addresses, the letters, the
  results): the region's monitors and its communication and aftercare officers. Answering is
  public (`public_survey`): anyone with the link, with a code where the survey asks for one.
- **The living dossier and its work sessions**: shared nationally, so every member of every
  region (and every national member) reads every entry. Entries and work sessions are written
  by those who evaluate (`contributor_regions`): an entry belongs to the region it was written
  for; another region refines it by a new version. Any member comments on any entry
  (`comment_as`), under the region of a membership (a municipality's counts as its region;
  a choice only with several) or, with a national membership, as "landelijk".
- **The network**: every member reads the directory, meetings and advisory questions; the
  national quality monitors and administrators write them, and a region's coordinators and
  administrators keep their own region's people in the directory.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.learning.models import (
    AdvisoryQuestion,
    Entry,
    Evaluation,
    Meeting,
    NetworkMember,
    Survey,
    WorkSession,
)
from oranje.quality import access as quality_access

#: Besides the region's monitors, who runs a public survey.
SURVEY_ROLES = frozenset({Role.COMMUNICATION, Role.AFTERCARE})


def is_member(user: AnyUser) -> bool:
    """Any active membership: the dossier and the network are for the whole field."""
    s = core_access.scopes_for(user)
    return s.national_read or bool(s.read_regions)


def require_member(user: AnyUser) -> User:
    """The user behind a learning page: 403 for an account without any membership."""
    if not is_member(user):
        raise PermissionDenied
    return core_access.authenticated(user)


def is_national(user: AnyUser) -> bool:
    """A national quality monitor or administrator (writes the network and any entry)."""
    return quality_access.is_national(user) or core_access.scopes_for(user).national_manage


def municipal_monitor_regions(user: AnyUser) -> dict[int, frozenset[int]]:
    """{region: municipalities} where the user evaluates by a municipal membership."""
    if not isinstance(user, User) or not user.is_active:
        return {}
    cache: dict[str, dict[int, frozenset[int]]] = vars(user).setdefault("_oranje_learning", {})
    if "municipal" not in cache:
        found: dict[int, set[int]] = {}
        rows = Membership.objects.filter(
            user=user,
            role__in=list(quality_access.MONITOR_ROLES),
            municipality__isnull=False,
        ).values_list("municipality__region_id", "municipality_id")
        for region_id, municipality_id in rows:
            found.setdefault(region_id, set()).add(municipality_id)
        cache["municipal"] = {r: frozenset(m) for r, m in found.items()}
    return cache["municipal"]


def contributor_regions(user: AnyUser) -> frozenset[int]:
    """Regions for which the user evaluates and writes dossier entries (all for national)."""
    if is_national(user):
        return frozenset(Region.objects.values_list("pk", flat=True))
    return quality_access.monitor_regions(user) | frozenset(municipal_monitor_regions(user))


def can_contribute(user: AnyUser, region_id: int | None) -> bool:
    if region_id is None:
        return is_national(user)
    return is_national(user) or region_id in contributor_regions(user)


def can_evaluate_somewhere(user: AnyUser) -> bool:
    return is_national(user) or bool(contributor_regions(user))


# --- evaluations ---------------------------------------------------------------------------


def can_evaluate(user: AnyUser, evaluation: Evaluation) -> bool:
    """May read and change this evaluation."""
    if quality_access.can_monitor(user, evaluation.region_id):
        return True
    incident = evaluation.incident
    if incident is None or incident.municipality_id is None:
        return False
    return incident.municipality_id in municipal_monitor_regions(user).get(
        evaluation.region_id, frozenset()
    )


def evaluation_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Evaluation:
    """The evaluation if the user may see it: 404 outside their regions, 403 inside them
    without the right. (Reading and writing need the same right; `write` is kept for the
    callers' clarity.)"""
    evaluation = (
        Evaluation.objects.select_related("region", "incident", "exercise").filter(pk=pk).first()
    )
    if evaluation is None or not core_access.can_read_region(user, evaluation.region_id):
        raise Http404
    if not can_evaluate(user, evaluation):
        raise PermissionDenied
    return evaluation


def evaluation_region_for_user(user: AnyUser, region: Region) -> Region:
    """A region whose evaluations the user may list or add to (404/403 as above)."""
    if not core_access.can_read_region(user, region.pk):
        raise Http404
    if not (
        quality_access.can_monitor(user, region.pk) or region.pk in municipal_monitor_regions(user)
    ):
        raise PermissionDenied
    return region


# --- surveys -------------------------------------------------------------------------------


def survey_regions(user: AnyUser) -> frozenset[int]:
    """Regions whose surveys the user runs."""
    if not isinstance(user, User) or not user.is_active:
        return frozenset()
    own = frozenset(
        Membership.objects.filter(
            user=user, role__in=list(SURVEY_ROLES), region__isnull=False
        ).values_list("region_id", flat=True)
    )
    return own | quality_access.monitor_regions(user)


def can_run_surveys(user: AnyUser, region_id: int) -> bool:
    return quality_access.can_monitor(user, region_id) or region_id in survey_regions(user)


def survey_region_for_user(user: AnyUser, region: Region) -> Region:
    if not core_access.can_read_region(user, region.pk):
        raise Http404
    if not can_run_surveys(user, region.pk):
        raise PermissionDenied
    return region


def survey_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Survey:
    """A survey the user runs: its questions, invitations, letters and results."""
    survey = Survey.objects.select_related("region", "incident").filter(pk=pk).first()
    if survey is None or not core_access.can_read_region(user, survey.region_id):
        raise Http404
    if not can_run_surveys(user, survey.region_id):
        raise PermissionDenied
    return survey


def public_survey(token: str) -> Survey:
    """The survey behind a public link (404 for an unknown token or one still in
    preparation; a closed survey is shown as closed by the page)."""
    if not token or len(token) > 32:
        raise Http404
    survey = Survey.objects.select_related("incident").filter(token=token).first()
    if survey is None or survey.status == "draft":
        raise Http404
    return survey


# --- dossier and work sessions ---------------------------------------------------------------


def entry_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Entry:
    """A dossier entry: every member reads it; a contributor of any region may refine it by a
    new version (`write`)."""
    if not is_member(user):
        raise Http404
    entry = Entry.objects.select_related("region", "work_session").filter(pk=pk).first()
    if entry is None:
        raise Http404
    if write and not can_evaluate_somewhere(user):
        raise PermissionDenied
    return entry


def comment_as(user: AnyUser) -> list[Region | None]:
    """Under what a member comments: each region of their memberships (a municipality's
    membership counts as its region), by code, then None ("landelijk") for a national
    membership. Empty for someone without a membership."""
    s = core_access.scopes_for(user)
    regions: list[Region | None] = list(
        Region.objects.filter(pk__in=s.read_regions).order_by("code")
    )
    if s.national_read:
        regions.append(None)
    return regions


def can_comment_as(user: AnyUser, region: Region | None) -> bool:
    s = core_access.scopes_for(user)
    if region is None:
        return s.national_read
    return region.pk in s.read_regions


def work_session_for_user(user: AnyUser, pk: int, *, write: bool = False) -> WorkSession:
    if not is_member(user):
        raise Http404
    session = WorkSession.objects.select_related("host_region").filter(pk=pk).first()
    if session is None:
        raise Http404
    if write and not can_contribute(user, session.host_region_id):
        raise PermissionDenied
    return session


def usable_work_sessions(user: AnyUser) -> QuerySet[WorkSession]:
    """The work sessions a new version of an entry may be credited to: those a region the
    user evaluates for hosts or takes part in (every session for the national ones)."""
    if is_national(user):
        return WorkSession.objects.all()
    regions = contributor_regions(user)
    if not regions:
        return WorkSession.objects.none()
    taking_part = WorkSession.regions.through.objects.filter(region_id__in=regions)
    return WorkSession.objects.filter(
        Q(host_region_id__in=regions) | Q(pk__in=taking_part.values("worksession_id"))
    )


def can_use_work_session(user: AnyUser, session: WorkSession) -> bool:
    return usable_work_sessions(user).filter(pk=session.pk).exists()


# --- the network ---------------------------------------------------------------------------


def can_keep_member(user: AnyUser, region_id: int | None) -> bool:
    """May add or change a directory line of this region (national lines: national only)."""
    if is_national(user):
        return True
    return region_id is not None and core_access.can_manage_region(user, region_id)


def member_for_user(user: AnyUser, pk: int, *, write: bool = False) -> NetworkMember:
    if not is_member(user):
        raise Http404
    member = NetworkMember.objects.select_related("region").filter(pk=pk).first()
    if member is None:
        raise Http404
    if write and not can_keep_member(user, member.region_id):
        raise PermissionDenied
    return member


def meeting_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Meeting:
    if not is_member(user):
        raise Http404
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if write and not is_national(user):
        raise PermissionDenied
    return meeting


def advice_for_user(user: AnyUser, pk: int, *, write: bool = False) -> AdvisoryQuestion:
    if not is_member(user):
        raise Http404
    advice = AdvisoryQuestion.objects.select_related("owner").filter(pk=pk).first()
    if advice is None:
        raise Http404
    if write and not is_national(user):
        raise PermissionDenied
    return advice


def require_national(user: AnyUser) -> User:
    """Writes to the network's meetings and advisory questions."""
    if not is_national(user):
        raise PermissionDenied
    return core_access.authenticated(user)


# --- evaluations: findings and evidence (helper A) -------------------------------------------

from oranje.learning.models import Evidence, Finding  # noqa: E402


def finding_for_user(user: AnyUser, pk: int) -> Finding:
    """A finding as its evaluation (404 outside the user's regions, 403 without the right)."""
    finding = Finding.objects.filter(pk=pk).only("pk", "evaluation_id").first()
    if finding is None:
        raise Http404
    evaluation = evaluation_for_user(user, finding.evaluation_id)
    found = Finding.objects.select_related("norm").get(pk=pk)
    found.evaluation = evaluation
    return found


def evidence_for_user(user: AnyUser, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(pk=pk).only("pk", "finding_id").first()
    if evidence is None:
        raise Http404
    finding = finding_for_user(user, evidence.finding_id)
    found = Evidence.objects.get(pk=pk)
    found.finding = finding
    return found


# --- the network's documents (part "network") ------------------------------------------------

from oranje.learning.models import MeetingDocument  # noqa: E402


def meeting_document_for_user(user: AnyUser, pk: int) -> MeetingDocument:
    """A meeting's document: every member reads it (the download is audited)."""
    if not is_member(user):
        raise Http404
    document = MeetingDocument.objects.select_related("meeting").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
