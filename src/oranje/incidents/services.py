"""Every write of the incident room. Each runs in one transaction, checks access through the
chokepoints, writes the audit entry, and leaves a line in the incident's logbook so that the
logbook alone tells the whole story."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.models import Municipality, Region, User
from oranje.incidents import errors
from oranje.incidents.access import can_operate
from oranje.incidents.constants import (
    ATTACHMENT_MAX_BYTES,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    EntryKind,
    GripLevel,
    IncidentType,
    Process,
    ReportStatus,
    ScalingMode,
    Team,
)
from oranje.incidents.hooks import registry
from oranje.incidents.models import (
    Action,
    ChecklistItem,
    ChecklistTick,
    Decision,
    Incident,
    LogEntry,
    ScalingStep,
    SituationReport,
)
from oranje.organisation.models import Function

#: Clock difference between a tablet and the server that we accept for "now".
CLOCK_SLACK = dt.timedelta(minutes=5)
#: The Netherlands' bounding box, generously: a point outside is a typo, not an incident.
NL_LATITUDE = (Decimal("50.6"), Decimal("53.7"))
NL_LONGITUDE = (Decimal("3.2"), Decimal("7.3"))


def require_open(incident: Incident) -> None:
    """Refuse any change to a closed incident."""
    if incident.closed_at is not None:
        when = date_format(timezone.localtime(incident.closed_at), "j-n-Y H:i")
        raise ValidationError(str(errors.INCIDENT_CLOSED % {"time": when}), code="closed")


def _actor_name(actor: User | None) -> str:
    if actor is None:
        return "systeem"
    return actor.get_full_name() or actor.get_username()


def _locked(incident: Incident) -> Incident:
    """The incident row locked for this transaction: writes to one incident queue up here,
    which keeps log numbers gapless and a close from racing a new entry."""
    return Incident.objects.select_for_update().select_related("region").get(pk=incident.pk)


def log_append(
    incident: Incident,
    *,
    actor: User | None,
    kind: str,
    text: str,
    team: str = "",
    process: str = "",
    function: Function | None = None,
    at: dt.datetime | None = None,
    corrects: LogEntry | None = None,
    attachment: UploadedFile | None = None,
) -> LogEntry:
    """Write one logbook line with the next number. Takes the incident's row lock itself
    (a no-op when the caller already holds it), so that two answers arriving at once for
    the same incident cannot draw the same number."""
    Incident.objects.select_for_update().filter(pk=incident.pk).values_list("pk").first()
    number = (incident.log.aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    entry = LogEntry(
        incident=incident,
        number=number,
        at=at or now,
        recorded_at=now,
        author=actor,
        author_name=_actor_name(actor),
        function=function,
        team=team,
        process=process,
        kind=kind,
        text=text,
        corrects=corrects,
    )
    if attachment is not None:
        entry.attachment_name = (attachment.name or "bijlage")[:255]
        entry.attachment.save(entry.attachment_name, attachment, save=False)
    entry.save()
    return entry


# ---------------------------------------------------------------- validation helpers


def parse_point(text: str) -> tuple[Decimal, Decimal]:
    """'52.4602, 4.6266' → (lat, lon), inside the Netherlands; ValidationError otherwise."""
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    try:
        if len(parts) != 2:
            raise ValueError
        lat, lon = Decimal(parts[0]), Decimal(parts[1])
    except (ValueError, ArithmeticError):
        raise ValidationError(str(errors.BAD_POINT % {"value": text}), code="bad_point") from None
    if not (NL_LATITUDE[0] <= lat <= NL_LATITUDE[1] and NL_LONGITUDE[0] <= lon <= NL_LONGITUDE[1]):
        raise ValidationError(str(errors.OUTSIDE_NL % {"value": text}), code="outside")
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def parse_polygon(text: str) -> list[list[float]]:
    """One 'lat, lon' per line, at least three distinct points → a closed ring."""
    points: list[list[float]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            lat, lon = parse_point(line)
        except ValidationError as exc:
            raise ValidationError(
                str(errors.BAD_POLYGON % {"line": line_no, "value": line.strip()})
                if exc.code == "bad_point"
                else exc.messages[0],
                code="bad_polygon",
            ) from None
        points.append([float(lat), float(lon)])
    if points and points[0] == points[-1]:
        points.pop()
    if len({tuple(p) for p in points}) < 3:
        raise ValidationError(
            str(errors.BAD_POLYGON % {"line": len(points) + 1, "value": ""}), code="bad_polygon"
        )
    return [*points, points[0]]


def incident_teams(incident: Incident) -> list[str]:
    """The teams one may name in this incident: the standard ones and every team for the
    occasion it has had."""
    custom: list[str] = []
    for names in incident.scaling.values_list("custom_teams", flat=True):
        custom.extend(n for n in names if n not in custom)
    return [*Team.values, *custom]


def _check_tags(
    incident: Incident,
    problems: dict[str, list[str]],
    *,
    team: str,
    process: str,
    team_required: bool = False,
) -> tuple[str, str]:
    """The cleaned team and process of an entry; what is wrong goes into `problems`."""
    team = (team or "").strip()
    if not team and team_required:
        problems["team"] = [str(errors.DECISION_NEEDS_TEAM)]
    elif team and team not in incident_teams(incident):
        problems["team"] = [str(errors.UNKNOWN_TEAM % {"value": team})]
    if process and process not in Process.values:
        problems["process"] = [_("Unknown process '%(value)s'.") % {"value": process}]
    return team, process or ""


# ---------------------------------------------------------------- incident and scaling


@transaction.atomic
def incident_start(
    *,
    actor: User,
    region: Region,
    title: str,
    kind: str,
    started_at: dt.datetime,
    municipality: Municipality,
    municipalities: Sequence[Municipality] = (),
    is_exercise: bool = False,
    location_text: str = "",
    point: tuple[Decimal, Decimal] | None = None,
    area: list[list[float]] | None = None,
    description: str = "",
) -> Incident:
    """Open an incident (real or exercise) in the region, with its first logbook line."""
    core_access.require(core_access.can_operate_region(actor, region.pk))
    problems: dict[str, list[str]] = {}
    if not title.strip():
        problems["title"] = [_("Give the incident a title.")]
    if kind not in IncidentType.values:
        problems["kind"] = [_("Unknown incident type '%(value)s'.") % {"value": kind}]
    if started_at > timezone.now() + CLOCK_SLACK:
        when = date_format(timezone.localtime(started_at), "j-n-Y H:i")
        problems["started_at"] = [str(errors.START_IN_FUTURE % {"time": when})]
    involved = {m.pk: m for m in [municipality, *municipalities]}
    outside = [m.name for m in involved.values() if m.region_id != region.pk]
    if outside:
        problems["municipalities"] = [
            str(errors.MUNICIPALITY_OUTSIDE_REGION % {"name": name}) for name in outside
        ]
    if problems:
        raise ValidationError(problems)
    incident = Incident.objects.create(
        region=region,
        title=title.strip(),
        kind=kind,
        is_exercise=is_exercise,
        started_at=started_at,
        municipality=municipality,
        location_text=location_text.strip(),
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        area=area or [],
        description=description.strip(),
        created_by=actor,
    )
    incident.municipalities.set(involved.values())
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.NOTE,
        at=started_at,
        text=_("Incident started: %(title)s (%(kind)s) in %(place)s.")
        % {
            "title": incident.title,
            "kind": IncidentType(kind).label,
            "place": location_text.strip() or municipality.name,
        },
    )
    audit_record(
        actor=actor,
        action="incident.start",
        obj=incident,
        region=region,
        changes={"title": [None, incident.title], "exercise": [None, is_exercise]},
    )
    return incident


@transaction.atomic
def incident_scale(
    *,
    actor: User,
    incident: Incident,
    mode: str,
    grip_level: int | None,
    teams: Sequence[str] = (),
    custom_teams: Sequence[str] = (),
    reason: str,
    decided_by: str,
    at: dt.datetime | None = None,
) -> tuple[ScalingStep, list[str]]:
    """Record a scaling decision and let the alerting room alert what it requires. Returns
    the step and the warnings the person who scaled must see at once (e.g. a function with
    nobody on hard on-call)."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    if mode not in ScalingMode.values:
        problems["mode"] = [_("Choose GRIP or flexible scaling.")]
    if mode == ScalingMode.GRIP:
        if grip_level is None:
            problems["grip_level"] = [str(errors.LEVEL_REQUIRED)]
        elif grip_level not in GripLevel.values:
            problems["grip_level"] = [str(errors.UNKNOWN_LEVEL % {"value": grip_level})]
    elif mode == ScalingMode.FLEXIBLE and grip_level is not None:
        problems["grip_level"] = [str(errors.LEVEL_NOT_FLEXIBLE)]
    unknown = [t for t in teams if t not in Team.values]
    if unknown:
        problems["teams"] = [str(errors.UNKNOWN_TEAM % {"value": t}) for t in unknown]
    names = list(dict.fromkeys(n.strip()[:60] for n in custom_teams if n.strip()))
    if mode == ScalingMode.FLEXIBLE and not teams and not names:
        problems["teams"] = [str(errors.FLEXIBLE_NEEDS_TEAM)]
    if not reason.strip():
        problems["reason"] = [str(errors.REASON_REQUIRED)]
    if not decided_by.strip():
        problems["decided_by"] = [str(errors.DECIDED_BY_REQUIRED)]
    if problems:
        raise ValidationError(problems)
    previous = incident.scaling.order_by("-at", "-pk").first()
    step = ScalingStep.objects.create(
        incident=incident,
        at=at or timezone.now(),
        mode=mode,
        grip_level=grip_level if mode == ScalingMode.GRIP else None,
        teams=[t for t in Team.values if t in teams],
        custom_teams=names,
        reason=reason.strip(),
        decided_by=decided_by.strip(),
        recorded_by=actor,
    )
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.SCALING,
        at=step.at,
        text=_("Scaled to %(label)s, decided by %(who)s: %(reason)s")
        % {"label": step.label, "who": step.decided_by, "reason": step.reason},
    )
    audit_record(
        actor=actor,
        action="incident.scale",
        obj=incident,
        region=incident.region,
        changes={"scaling": [previous.label if previous else None, step.label]},
        note=step.reason,
    )
    warnings: list[str] = []
    for listener in registry.scaled:
        warnings.extend(listener(step, actor))
    return step, warnings


@transaction.atomic
def incident_close(*, actor: User, incident: Incident, note: str = "") -> Incident:
    """Close the incident: no more entries; the alerting room stops escalating."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    if incident.closed_at is not None:
        raise ValidationError(str(errors.ALREADY_CLOSED), code="closed")
    now = timezone.now()
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.CLOSE,
        text=_("Incident closed.") + (f" {note.strip()}" if note.strip() else ""),
    )
    incident.closed_at = now
    incident.closed_by = actor
    incident.close_note = note.strip()
    incident.save(update_fields=["closed_at", "closed_by", "close_note"])
    for listener in registry.closed:
        listener(incident, actor)
    audit_record(
        actor=actor,
        action="incident.close",
        obj=incident,
        region=incident.region,
        changes={"closed_at": [None, now.isoformat()]},
        note=note,
    )
    return incident


# ---------------------------------------------------------------- logbook


@transaction.atomic
def log_entry_add(
    *,
    actor: User,
    incident: Incident,
    text: str,
    team: str = "",
    process: str = "",
    function: Function | None = None,
    at: dt.datetime | None = None,
    corrects: LogEntry | None = None,
    attachment: UploadedFile | None = None,
) -> LogEntry:
    """Append a line to the logbook. A correction is a new line pointing at the old one."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    if not text.strip():
        problems["text"] = [str(errors.TEXT_REQUIRED)]
    team, process = _check_tags(incident, problems, team=team, process=process)
    if corrects is not None and corrects.incident_id != incident.pk:
        problems["corrects"] = [str(errors.CORRECTS_OTHER_INCIDENT)]
    if at is not None and at > timezone.now() + CLOCK_SLACK:
        when = date_format(timezone.localtime(at), "j-n-Y H:i")
        problems["at"] = [
            _("A log entry cannot be dated in the future (%(time)s).") % {"time": when}
        ]
    if attachment is not None and attachment.size and attachment.size > ATTACHMENT_MAX_BYTES:
        problems["attachment"] = [
            str(errors.ATTACHMENT_TOO_LARGE % {"size": round(attachment.size / 2**20, 1)})
        ]
    if problems:
        raise ValidationError(problems)
    entry = log_append(
        incident,
        actor=actor,
        kind=EntryKind.NOTE,
        text=text.strip(),
        team=team,
        process=process,
        function=function,
        at=at,
        corrects=corrects,
        attachment=attachment,
    )
    audit_record(
        actor=actor,
        action="log.add",
        obj=incident,
        region=incident.region,
        changes={"entry": [None, entry.number]},
    )
    return entry


# ---------------------------------------------------------------- decisions and actions


@transaction.atomic
def decision_record(
    *,
    actor: User,
    incident: Incident,
    team: str,
    decided_by: str,
    text: str,
    process: str = "",
    decided_at: dt.datetime | None = None,
) -> Decision:
    """Record who decided what in which team; the decision is also a logbook line."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    team, process = _check_tags(incident, problems, team=team, process=process, team_required=True)
    if not decided_by.strip():
        problems["decided_by"] = [str(errors.DECIDED_BY_REQUIRED)]
    if not text.strip():
        problems["text"] = [str(errors.TEXT_REQUIRED)]
    if problems:
        raise ValidationError(problems)
    when = decided_at or timezone.now()
    entry = log_append(
        incident,
        actor=actor,
        kind=EntryKind.DECISION,
        team=team,
        process=process,
        at=when,
        text=_("Decision (%(who)s): %(text)s") % {"who": decided_by.strip(), "text": text.strip()},
    )
    decision = Decision.objects.create(
        incident=incident,
        team=team,
        decided_by=decided_by.strip(),
        decided_at=when,
        text=text.strip(),
        process=process,
        entry=entry,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="decision.record",
        obj=incident,
        region=incident.region,
        changes={"decision": [None, decision.text[:200]]},
    )
    return decision


@transaction.atomic
def action_create(
    *,
    actor: User,
    incident: Incident,
    text: str,
    owner_function: Function | None,
    deadline: dt.datetime | None,
    team: str = "",
    process: str = "",
    decision: Decision | None = None,
) -> Action:
    """Give work to a function, with a deadline."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    if not text.strip():
        problems["text"] = [str(errors.TEXT_REQUIRED)]
    if owner_function is None:
        problems["owner_function"] = [str(errors.OWNER_REQUIRED)]
    if deadline is None:
        problems["deadline"] = [str(errors.DEADLINE_REQUIRED)]
    team, process = _check_tags(incident, problems, team=team, process=process)
    if decision is not None and decision.incident_id != incident.pk:
        problems["decision"] = [str(errors.CORRECTS_OTHER_INCIDENT)]
    if problems:
        raise ValidationError(problems)
    assert owner_function is not None and deadline is not None
    action = Action.objects.create(
        incident=incident,
        text=text.strip(),
        owner_function=owner_function,
        deadline=deadline,
        team=team,
        process=process,
        decision=decision,
        created_by=actor,
    )
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.ACTION,
        team=team,
        process=process,
        function=owner_function,
        text=_("Action for %(function)s, due %(deadline)s: %(text)s")
        % {
            "function": owner_function.code,
            "deadline": date_format(timezone.localtime(deadline), "j-n H:i"),
            "text": action.text,
        },
    )
    audit_record(
        actor=actor,
        action="action.create",
        obj=incident,
        region=incident.region,
        changes={"action": [None, action.text[:200]]},
    )
    return action


@transaction.atomic
def action_set_status(*, actor: User, action: Action, status: str, note: str = "") -> Action:
    """Move an action to another status; the change is a logbook line."""
    incident = _locked(action.incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Unknown status '%(value)s'.") % {"value": status}]})
    action = Action.objects.select_for_update().get(pk=action.pk)
    old = action.status
    if old == status:
        return action
    action.status = status
    action.done_at = timezone.now() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "done_at"])
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.ACTION,
        team=action.team,
        process=action.process,
        function=action.owner_function,
        text=_("Action '%(text)s': %(old)s → %(new)s.")
        % {
            "text": action.text[:120],
            "old": ActionStatus(old).label,
            "new": ActionStatus(status).label,
        }
        + (f" {note.strip()}" if note.strip() else ""),
    )
    audit_record(
        actor=actor,
        action="action.status",
        obj=incident,
        region=incident.region,
        changes={"status": [old, status]},
        note=action.text[:200],
    )
    return action


# ---------------------------------------------------------------- checklists


def checklist_items(region: Region, function: Function) -> list[ChecklistItem]:
    """The region's checklist for a function, or the national one if the region has none."""
    regional = list(
        ChecklistItem.objects.filter(region=region, function=function, active=True).order_by(
            "position"
        )
    )
    if regional:
        return regional
    return list(
        ChecklistItem.objects.filter(region__isnull=True, function=function, active=True).order_by(
            "position"
        )
    )


@transaction.atomic
def checklist_save(
    *, actor: User, region: Region, function: Function, lines: Sequence[str]
) -> list[ChecklistItem]:
    """Replace the region's checklist for a function. Unchanged lines keep their identity
    (and their ticks); removed lines are retired, not deleted."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    wanted = [line.strip()[:300] for line in lines if line.strip()]
    if not wanted:
        raise ValidationError({"lines": [_("A checklist needs at least one line.")]})
    before = [i.text for i in checklist_items(region, function)]
    existing = {
        i.text: i
        for i in ChecklistItem.objects.filter(region=region, function=function, active=True)
    }
    items: list[ChecklistItem] = []
    for position, text in enumerate(wanted, start=1):
        item = existing.pop(text, None)
        if item is None:
            item = ChecklistItem.objects.create(
                region=region, function=function, position=position, text=text
            )
        elif item.position != position:
            item.position = position
            item.save(update_fields=["position"])
        items.append(item)
    for retired in existing.values():
        retired.active = False
        retired.save(update_fields=["active"])
    audit_record(
        actor=actor,
        action="checklist.save",
        object_type="checklist",
        region=region,
        changes={function.code: [before, wanted]},
    )
    return items


@transaction.atomic
def checklist_tick(
    *, actor: User, incident: Incident, item: ChecklistItem, note: str = ""
) -> ChecklistTick:
    """Tick a checklist line in this incident, with time and person."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if item.region_id not in (None, incident.region_id):
        raise ValidationError(_("This checklist belongs to another region."))
    done = ChecklistTick.objects.filter(
        incident=incident, item=item, undone_at__isnull=True
    ).first()
    if done is not None:
        raise ValidationError(
            str(
                errors.ALREADY_TICKED
                % {
                    "person": done.ticked_by_name,
                    "time": date_format(timezone.localtime(done.ticked_at), "H:i"),
                }
            ),
            code="ticked",
        )
    tick = ChecklistTick.objects.create(
        incident=incident,
        item=item,
        ticked_by=actor,
        ticked_by_name=_actor_name(actor),
        note=note.strip()[:255],
    )
    audit_record(
        actor=actor,
        action="checklist.tick",
        obj=incident,
        region=incident.region,
        changes={item.function.code: [None, item.text[:200]]},
    )
    return tick


@transaction.atomic
def checklist_untick(*, actor: User, tick: ChecklistTick) -> ChecklistTick:
    """Undo a tick; the row stays, with who undid it and when."""
    incident = _locked(tick.incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if tick.undone_at is None:
        tick.undone_at = timezone.now()
        tick.undone_by_name = _actor_name(actor)
        tick.save(update_fields=["undone_at", "undone_by_name"])
        audit_record(
            actor=actor,
            action="checklist.untick",
            obj=incident,
            region=incident.region,
            changes={tick.item.function.code: [tick.item.text[:200], None]},
        )
    return tick


# ---------------------------------------------------------------- situation reports

SECTION_FIELDS = ("picture", "judgement", "advice")


def _clean_sections(sections: dict[str, Any]) -> dict[str, dict[str, str]]:
    clean: dict[str, dict[str, str]] = {}
    for process in Process.values:
        given = sections.get(process) or {}
        if not isinstance(given, dict):
            raise ValidationError(
                {"sections": [_("Each process needs picture, judgement, advice.")]}
            )
        clean[process] = {f: str(given.get(f) or "").strip() for f in SECTION_FIELDS}
    unknown = set(sections) - set(Process.values)
    if unknown:
        raise ValidationError(
            {"sections": [_("Unknown process '%(value)s'.") % {"value": sorted(unknown)[0]}]}
        )
    return clean


def report_prefill(incident: Incident) -> tuple[str, dict[str, dict[str, str]], dict[str, str]]:
    """What a new version starts from: the previous version's text, plus per process the
    logbook lines since then, plus the live figures of every room."""
    previous = incident.reports.order_by("-version").first()
    summary = previous.summary if previous else ""
    sections = (
        _clean_sections(previous.sections)
        if previous
        else {p: dict.fromkeys(SECTION_FIELDS, "") for p in Process.values}
    )
    since = previous.created_at if previous else None
    entries = incident.log.exclude(process="").order_by("number")
    if since is not None:
        entries = entries.filter(recorded_at__gt=since)
    new_lines: dict[str, list[str]] = {}
    for entry in entries:
        line = f"{date_format(timezone.localtime(entry.at), 'H:i')} {entry.text}"
        new_lines.setdefault(entry.process, []).append(line)
    for process, lines in new_lines.items():
        picture = sections[process]["picture"]
        sections[process]["picture"] = "\n".join(filter(None, [picture, *lines]))
    figures = {f.label: f.value for provider in registry.figures for f in provider(incident)}
    open_actions = incident.actions.filter(status__in=OPEN_ACTION_STATUSES)
    figures[_("Open actions")] = str(open_actions.count())
    figures[_("Overdue actions")] = str(open_actions.filter(deadline__lt=timezone.now()).count())
    return summary, sections, figures


@transaction.atomic
def report_draft(*, actor: User, incident: Incident) -> SituationReport:
    """Start a new version of the situation report, prefilled."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    summary, sections, figures = report_prefill(incident)
    version = (incident.reports.aggregate(v=Max("version"))["v"] or 0) + 1
    report = SituationReport.objects.create(
        incident=incident,
        version=version,
        summary=summary,
        sections=sections,
        figures=figures,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="report.draft",
        obj=report,
        region=incident.region,
        changes={"version": [None, version]},
    )
    return report


def _require_draft(report: SituationReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            str(errors.REPORT_NOT_DRAFT % {"status": ReportStatus(report.status).label}),
            code="not_draft",
        )


@transaction.atomic
def report_update(
    *, actor: User, report: SituationReport, summary: str, sections: dict[str, Any]
) -> SituationReport:
    """Change a draft."""
    incident = _locked(report.incident)
    core_access.require(can_operate(actor, incident))
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    report.summary = summary.strip()
    report.sections = _clean_sections(sections)
    report.updated_at = timezone.now()
    report.save(update_fields=["summary", "sections", "updated_at"])
    audit_record(
        actor=actor, action="report.update", obj=report, region=incident.region, changes={}
    )
    return report


@transaction.atomic
def report_approve(*, actor: User, report: SituationReport) -> SituationReport:
    """Approve a draft: from here on the version is fixed."""
    incident = _locked(report.incident)
    core_access.require(can_operate(actor, incident))
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    report.status = ReportStatus.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = actor
    report.save(update_fields=["status", "approved_at", "approved_by"])
    audit_record(
        actor=actor,
        action="report.approve",
        obj=report,
        region=incident.region,
        changes={"status": [ReportStatus.DRAFT, ReportStatus.APPROVED]},
    )
    return report


@transaction.atomic
def report_publish(*, actor: User, report: SituationReport) -> SituationReport:
    """Publish an approved version to the crisis teams (a logbook line says so)."""
    incident = _locked(report.incident)
    core_access.require(can_operate(actor, incident))
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(str(errors.REPORT_NOT_APPROVED), code="not_approved")
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.save(update_fields=["status", "published_at", "published_by"])
    if incident.closed_at is None:
        log_append(
            incident,
            actor=actor,
            kind=EntryKind.REPORT,
            process=Process.ADVICE,
            text=_("Situation report version %(version)s published to the crisis teams.")
            % {"version": report.version},
        )
    audit_record(
        actor=actor,
        action="report.publish",
        obj=report,
        region=incident.region,
        changes={"status": [ReportStatus.APPROVED, ReportStatus.PUBLISHED]},
    )
    return report


# ---------------------------------------------------------------- handover


@transaction.atomic
def handover_record(
    *, actor: User, incident: Incident, function: Function, to_name: str, note: str = ""
) -> LogEntry:
    """Record that a function was handed over (aflossing) to the next person."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if not to_name.strip():
        raise ValidationError({"to_name": [_("Who takes over?")]})
    entry = log_append(
        incident,
        actor=actor,
        kind=EntryKind.HANDOVER,
        function=function,
        text=_("%(function)s handed over to %(name)s.")
        % {"function": function.code, "name": to_name.strip()}
        + (f" {note.strip()}" if note.strip() else ""),
    )
    audit_record(
        actor=actor,
        action="incident.handover",
        obj=incident,
        region=incident.region,
        changes={function.code: [None, to_name.strip()]},
    )
    return entry
