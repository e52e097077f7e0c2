"""A published situation report as EDXL-SitRep 1.0 (OASIS Emergency Data Exchange Language,
Situation Reporting), so it can be carried into the national crisis picture.

Mapping (header in cs02's element order; see `data/edxl-sitrep/README.md` for the evidence):

- messageID: `oranje-<region>-<incident>-v<version>`, stable per version, so a receiver sees
  a re-download as the same message; from the second published report on,
  originatingMessageID names the first published version and precedingMessageID the previous.
- preparedBy / authorizedBy: the region's population-care section (no person's name leaves
  Oranje this way), with the time the report was written and the time it was approved.
- reportPurpose, reportNumber (the how-manieth published report of the incident),
  reportVersion (Initial for the first, Final once the incident is closed, Update otherwise),
  forTimePeriod (from the previous published report, or the incident's start, to this one's
  publication), reportTitle (report number and incident title), incidentID
  (`<region>-<incident>`). SitRep has no incident name in its header: the title travels in
  reportTitle.
- severity from the scaling in force at publication (GRIP 0–1 Minor, 2 Moderate, 3 Severe,
  4–5 Extreme; flexible scaling by its teams); reportConfidence HighlyConfident (a published
  report was approved by whoever commands population care).
- report: `FieldObservationType` (the report type whose elements a third party validated
  against cs02): observationLocation the scene's municipality as a CBS geocode,
  immediateNeeds the advice / decisions per process (EDXL string: at most 1023 characters,
  cut with "…"), immediateNeedsCategory MassCare (population care), observationText the whole
  Dutch narrative (general picture, per process picture / judgement / advice, key figures).

An exercise says OEFENING in its purpose, title, needs and narrative.

Date-times carry an explicit offset and no fractions (`2026-01-15T10:00:00+01:00`), as
EDXL's date-time type requires. Every text passes `core.text.xml_text`: a character XML 1.0
does not allow (a control character in an old report or title) is taken out, a vertical tab
or form feed becomes a newline. EDXL strings are tokens: their whitespace is collapsed to
single spaces before they are written, so what a receiver validates is what was sent.

Validation: `validate_sitrep` checks a document against the schema files under
`data/edxl-sitrep/` (see the README there for what they are)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import xml_text
from oranje.incidents.constants import GripLevel, Process, ReportStatus, ScalingMode
from oranje.incidents.models import ScalingStep, SituationReport

SITREP_NS = "urn:oasis:names:tc:emergency:EDXL:SitRep:1.0"
CT_NS = "urn:oasis:names:tc:emergency:edxl:ct:1.0"
XNL_NS = "urn:oasis:names:tc:emergency:edxl:ciq:1.0:xnl"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"sitrep": SITREP_NS, "ct": CT_NS, "xnl": XNL_NS, "xsi": XSI_NS}

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "edxl-sitrep"
SCHEMA_PATH = SCHEMA_DIR / "EDXLSitRep-oranje-profile.xsd"

EXERCISE_MARK = "OEFENING"

#: EDXL's string type (ct:EDXLStringType) holds 1 to 1023 characters.
EDXL_STRING_MAX = 1023
#: The value list of the scene's geocode: CBS municipality codes (GM0453).
MUNICIPALITY_CODE_LIST = (
    "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/"
    "gemeentelijke-indelingen-per-jaar"
)
#: SitRep's immediate-needs category for population care.
NEEDS_CATEGORY = "MassCare"

#: Severity by GRIP level (SitRep's SeverityDefaultValues).
SEVERITY_BY_LEVEL = {
    GripLevel.GRIP_0: "Minor",
    GripLevel.GRIP_1: "Minor",
    GripLevel.GRIP_2: "Moderate",
    GripLevel.GRIP_3: "Severe",
    GripLevel.GRIP_4: "Extreme",
    GripLevel.GRIP_5: "Extreme",
}
#: Teams of flexible scaling that mark the incident as severe: a policy team sits.
POLICY_TEAMS = frozenset({"gbt", "rbt"})

PARTS = (("picture", "Beeld"), ("judgement", "Oordeel"), ("advice", "Besluit / advies"))


class NotPublished(ValueError):
    """Only a published report leaves Oranje as EDXL-SitRep."""


def _moment(value: Any) -> str:
    return str(timezone.localtime(value).replace(microsecond=0).isoformat())


def message_id(report: SituationReport) -> str:
    incident = report.incident
    return f"oranje-{incident.region.code}-{incident.pk}-v{report.version}"


def severity(step: ScalingStep | None) -> str:
    if step is None:
        return "Unknown"
    if step.mode == ScalingMode.GRIP and step.grip_level is not None:
        return SEVERITY_BY_LEVEL[GripLevel(step.grip_level)]
    teams = set(step.teams or [])
    if teams & POLICY_TEAMS:
        return "Severe"
    if "rot" in teams:
        return "Moderate"
    return "Minor"


def _narrative(report: SituationReport) -> str:
    blocks = []
    if report.summary.strip():
        blocks.append(f"{_('General picture')}\n{report.summary.strip()}")
    for code, label in Process.choices:
        section = report.sections.get(code) or {}
        lines = [
            f"{part_label}: {str(section.get(part, '')).strip()}"
            for part, part_label in PARTS
            if str(section.get(part, "")).strip()
        ]
        if lines:
            blocks.append("\n".join([str(label).capitalize(), *lines]))
    figures = report.figures or {}
    if figures:
        blocks.append("\n".join([_("Key figures"), *(f"- {k}: {v}" for k, v in figures.items())]))
    return "\n\n".join(blocks) or _("No picture recorded.")


def _needs(report: SituationReport) -> str:
    """The advice or decision of each process, one after the other."""
    parts = []
    for code, label in Process.choices:
        advice = str((report.sections.get(code) or {}).get("advice", "")).strip()
        if advice:
            parts.append(f"{str(label).capitalize()}: {advice}")
    return "; ".join(parts) or _("No advice or decision recorded.")


def edxl_string(text: str) -> str:
    """Text as an EDXL string: allowed characters, whitespace collapsed (the type is a
    token), at most 1023 characters (a longer text is cut and ends in "…")."""
    collapsed = " ".join(xml_text(text).split())
    if len(collapsed) > EDXL_STRING_MAX:
        return collapsed[: EDXL_STRING_MAX - 1].rstrip() + "…"
    return collapsed


def _person_time(parent: Any, tag: str, name: str, moment: Any) -> None:
    pair = etree.SubElement(parent, f"{{{SITREP_NS}}}{tag}")
    details = etree.SubElement(pair, f"{{{CT_NS}}}personDetails")
    person = etree.SubElement(details, f"{{{XNL_NS}}}personName")
    etree.SubElement(person, f"{{{XNL_NS}}}nameElement").text = edxl_string(name)
    etree.SubElement(pair, f"{{{CT_NS}}}timeValue").text = _moment(moment)


def _add(parent: Any, tag: str, text: str) -> None:
    """An EDXL string element; characters XML 1.0 does not allow (a vertical tab pasted from
    Word into a report stored before input was cleaned) are taken out, never a failed
    download."""
    etree.SubElement(parent, f"{{{SITREP_NS}}}{tag}").text = edxl_string(text)


def _location(parent: Any, tag: str, municipality_code: str) -> None:
    """A location as a geocode: the municipality's CBS code."""
    location = etree.SubElement(parent, f"{{{SITREP_NS}}}{tag}")
    political = etree.SubElement(location, f"{{{CT_NS}}}EDXLGeoPoliticalLocation")
    code = etree.SubElement(political, f"{{{CT_NS}}}geoCode")
    etree.SubElement(code, f"{{{CT_NS}}}valueListURI").text = MUNICIPALITY_CODE_LIST
    etree.SubElement(code, f"{{{CT_NS}}}value").text = municipality_code


def report_as_sitrep(report: SituationReport) -> bytes:
    """The published report as an EDXL-SitRep 1.0 document (UTF-8 bytes), in Dutch."""
    if report.status != ReportStatus.PUBLISHED or report.published_at is None:
        raise NotPublished(report.pk)
    incident = report.incident
    region = incident.region
    published = list(
        incident.reports.filter(
            status=ReportStatus.PUBLISHED, published_at__isnull=False, version__lte=report.version
        )
        .order_by("version")
        .values_list("version", "published_at")
    )
    number = len(published)
    previous = published[-2] if number > 1 else None
    step = (
        incident.scaling.filter(at__lte=report.published_at).order_by("-at", "-pk").first()
        or incident.scaling.order_by("at", "pk").first()
    )
    newest_published = published[-1][0] if published else report.version
    with translation.override("nl"):
        mark = f"{EXERCISE_MARK}: " if incident.is_exercise else ""
        section = _("Population care, safety region %(name)s (%(code)s)") % {
            "name": region.name,
            "code": region.code,
        }
        root = etree.Element(f"{{{SITREP_NS}}}sitRep", nsmap=NSMAP)
        _add(root, "messageID", message_id(report))
        _person_time(root, "preparedBy", section, report.created_at)
        _person_time(root, "authorizedBy", section, report.approved_at or report.published_at)
        _add(
            root,
            "reportPurpose",
            mark
            + _(
                "Situation report of population care: picture, judgement and advice per "
                "process, for the crisis teams and partners."
            ),
        )
        _add(root, "reportNumber", str(number))
        if number == 1:
            version = "Initial"
        elif incident.closed_at is not None and report.version == newest_published:
            version = "Final"
        else:
            version = "Update"
        _add(root, "reportVersion", version)
        period = etree.SubElement(root, f"{{{SITREP_NS}}}forTimePeriod")
        start = previous[1] if previous and previous[1] else incident.started_at
        etree.SubElement(period, f"{{{CT_NS}}}fromDateTime").text = _moment(
            min(start, report.published_at)
        )
        etree.SubElement(period, f"{{{CT_NS}}}toDateTime").text = _moment(report.published_at)
        _add(
            root,
            "reportTitle",
            mark
            + _("Situation report %(number)s — %(title)s")
            % {"number": report.version, "title": incident.title},
        )
        _add(root, "incidentID", f"{region.code}-{incident.pk}")
        if previous is not None:
            _add(
                root,
                "originatingMessageID",
                f"oranje-{region.code}-{incident.pk}-v{published[0][0]}",
            )
            _add(root, "precedingMessageID", f"oranje-{region.code}-{incident.pk}-v{previous[0]}")
        _add(root, "reportConfidence", "HighlyConfident")
        _add(root, "severity", severity(step))
        body = etree.SubElement(root, f"{{{SITREP_NS}}}report")
        body.set(f"{{{XSI_NS}}}type", "sitrep:FieldObservationType")
        _location(body, "observationLocation", incident.municipality.cbs_code)
        _add(body, "immediateNeeds", mark + _needs(report))
        _add(body, "immediateNeedsCategory", NEEDS_CATEGORY)
        etree.SubElement(body, f"{{{SITREP_NS}}}observationText").text = xml_text(
            mark + _narrative(report)
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _parser() -> Any:
    """No DTDs, no entities, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@functools.lru_cache(maxsize=2)
def sitrep_schema(path: Path = SCHEMA_PATH) -> Any:
    """The schema, read once per process (its imports resolve next to it, never online)."""
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def validate_sitrep(document: bytes | str, *, schema: Path = SCHEMA_PATH) -> list[str]:
    """What is wrong with the document against the schema; empty when it is valid."""
    data = document.encode() if isinstance(document, str) else document
    try:
        tree = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return [str(error)]
    checker = sitrep_schema(schema)
    if checker.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def edxl_response(report: SituationReport, *, actor: User, channel: str) -> HttpResponse:
    """The download, audited (who took which report out, as staff or as partner)."""
    document = report_as_sitrep(report)
    incident = report.incident
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.REPORT_EDXL_EXPORT,
            obj=report,
            region=incident.region,
            changes={"version": report.version, "channel": channel},
        )
    response = HttpResponse(document, content_type="application/xml; charset=utf-8")
    prefix = "OEFENING-" if incident.is_exercise else ""
    name = f"{prefix}situatierapport-{incident.pk}-v{report.version}.edxl.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
