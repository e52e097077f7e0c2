"""CAP 1.2 (OASIS Common Alerting Protocol, DOMAIN.md §12) from a warning: the NL-Alert draft
Oranje hands to the national and regional centres that broadcast, and the entries of a
region's Atom feed.

Only a warning (kind "warning with what to do") becomes CAP: NL-Alert and the systems that
read CAP are for telling people what to do now, and a warning is the message that has to say
it (and has four eyes on it). Public information goes to the public page instead.

Every alert of a message is the same document: its identifier is fixed by the region and the
message, its `sent` by the moment it was approved (`Message.cap_sent`), so that an update or a
cancellation can point at it with `references`. Every document is checked against the OASIS
schema before it leaves (a bundled copy of the official file, read once per process)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from oranje.communication.area import area_problem, cap_polygon
from oranje.communication.constants import MessageKind, MessageStatus, Relation
from oranje.communication.models import Message
from oranje.core.models import Region

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
#: The bundled copy of the official OASIS schema (byte-identical; a test checks).
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "CAP-v1.2.xsd"
#: CAP's own media type (registered with IANA by OASIS).
MEDIA_TYPE = "application/cap+xml"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LANGUAGE = "nl-NL"
#: What the exercise's alert says in `note` and in front of its headline.
EXERCISE_MARK = "OEFENING"

MSG_TYPE = {
    Relation.ORIGINAL: "Alert",
    Relation.UPDATE: "Update",
    Relation.CORRECTION: "Update",
    Relation.CANCEL: "Cancel",
}

# Refusals, keyed by the message's field (tests assert on these).
NOT_A_WARNING = gettext_lazy(
    "Kind: only a warning with what to do is exported as CAP; this message is %(kind)s."
)
NOT_APPROVED = gettext_lazy(
    "Status: a warning is exported as CAP only once it is approved; this one is a draft."
)
NO_INSTRUCTION = gettext_lazy(
    "What to do: a CAP warning must tell people what to do; fill in what to do."
)
BAD_AREA = gettext_lazy("Area: %(problem)s")
NO_PARENT = gettext_lazy(
    "Follows: a CAP %(type)s without the alert it updates; this message follows no earlier warning."
)
BAD_PARENT = gettext_lazy(
    "Follows: a CAP %(type)s without the alert it updates; message #%(number)s is no approved "
    "warning of this incident."
)

# What XML 1.0 cannot carry (control characters a paste may bring along).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def cap_identifier(message: Message) -> str:
    """The alert's identifier: stable for the message, no spaces, commas, '<' or '&'."""
    return f"oranje-{message.incident.region.code}-{message.pk}"


def cap_sender(region: Region) -> str:
    """The alert's sender: ORANJE_CAP_SENDER with {region} as the region's code."""
    return str(settings.CAP_SENDER).replace("{region}", region.code.lower())


def cap_time(moment: dt.datetime) -> str:
    """A CAP date-time: Europe/Amsterdam with its explicit offset, whole seconds, never Z."""
    return moment.astimezone(AMSTERDAM).replace(microsecond=0).isoformat()


def cap_chain(message: Message) -> tuple[list[Message], dict[str, list[str]]]:
    """The earlier messages this one follows, oldest first, and what is wrong with them: each
    must be an approved warning of the same incident (it has been sent as CAP)."""
    earlier: list[Message] = []
    problems: dict[str, list[str]] = {}
    kind = MSG_TYPE[Relation(message.relation)]
    seen = {message.pk}
    current = message
    while current.relation != Relation.ORIGINAL:
        parent = current.parent
        if parent is None or parent.pk in seen:
            problems["parent"] = [str(NO_PARENT % {"type": kind})]
            break
        if (
            parent.incident_id != message.incident_id
            or parent.kind != MessageKind.WARNING
            or parent.cap_sent is None
            or parent.status == MessageStatus.DRAFT
        ):
            problems["parent"] = [str(BAD_PARENT % {"type": kind, "number": parent.pk})]
            break
        seen.add(parent.pk)
        earlier.append(parent)
        current = parent
    earlier.reverse()
    return earlier, problems


def cap_problems(message: Message) -> dict[str, list[str]]:
    """Why the message cannot be exported as CAP, per field (Dutch sentences); empty if it
    can."""
    problems: dict[str, list[str]] = {}
    if message.kind != MessageKind.WARNING:
        label = MessageKind(message.kind).label
        problems["kind"] = [str(NOT_A_WARNING % {"kind": label})]
    if message.status == MessageStatus.DRAFT or message.cap_sent is None:
        problems["status"] = [str(NOT_APPROVED)]
    # A cancellation says the danger is over; it need not say what to do (CAP's instruction
    # is optional), every other warning must.
    if message.relation != Relation.CANCEL and not message.instruction.strip():
        problems["instruction"] = [str(NO_INSTRUCTION)]
    problem = area_problem(message.area)
    if problem:
        problems["area"] = [str(BAD_AREA % {"problem": problem[:1].lower() + problem[1:]})]
    problems.update(cap_chain(message)[1])
    return problems


def xml_text(value: str) -> str:
    """The text without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub(" ", value).strip()


def _add(parent: Any, name: str, value: str) -> None:
    etree.SubElement(parent, f"{{{CAP_NS}}}{name}").text = xml_text(value)


def cap_alert(message: Message, *, web: str = "") -> bytes:
    """The warning as a CAP 1.2 document (UTF-8), checked against the schema. Raises a
    ValidationError naming each field that stops it (`cap_problems`). `web`: the public page
    where the warning can be read (left out for an exercise, which is never there)."""
    problems = cap_problems(message)
    if problems:
        raise ValidationError(problems)
    with translation.override("nl"):
        document = _build(message, web=web)
    problems_found = validate_cap(document)
    if problems_found:  # a defect in this module, never the user's input
        raise RuntimeError("CAP not valid against the schema: " + "; ".join(problems_found))
    return document


def _build(message: Message, *, web: str) -> bytes:
    incident = message.incident
    region = incident.region
    sender = cap_sender(region)
    exercise = incident.is_exercise
    assert message.cap_sent is not None  # cap_problems refused a message without it
    earlier = cap_chain(message)[0]

    alert = etree.Element(f"{{{CAP_NS}}}alert", nsmap={None: CAP_NS})
    _add(alert, "identifier", cap_identifier(message))
    _add(alert, "sender", sender)
    _add(alert, "sent", cap_time(message.cap_sent))
    _add(alert, "status", "Exercise" if exercise else "Actual")
    _add(alert, "msgType", MSG_TYPE[Relation(message.relation)])
    _add(alert, "scope", "Public")
    if exercise:
        _add(
            alert, "note", _("%(mark)s: an exercise, not a real warning.") % {"mark": EXERCISE_MARK}
        )
    if earlier:
        _add(
            alert,
            "references",
            " ".join(
                f"{sender},{cap_identifier(m)},{cap_time(m.cap_sent)}"  # type: ignore[arg-type]
                for m in earlier
            ),
        )
    _add(alert, "incidents", f"oranje-{region.code}-incident-{incident.pk}")

    info = etree.SubElement(alert, f"{{{CAP_NS}}}info")
    _add(info, "language", LANGUAGE)
    _add(info, "category", message.cap_category)
    _add(info, "event", message.cap_event or str(incident.get_kind_display()))
    _add(info, "urgency", message.cap_urgency)
    _add(info, "severity", message.cap_severity)
    _add(info, "certainty", message.cap_certainty)
    if message.audience.strip():
        _add(info, "audience", message.audience)
    _add(info, "senderName", _("Safety region %(name)s") % {"name": region.name})
    headline = message.title
    _add(info, "headline", f"{EXERCISE_MARK}: {headline}" if exercise else headline)
    _add(info, "description", message.text)
    if message.instruction.strip():
        _add(info, "instruction", message.instruction)
    if web and not exercise:
        _add(info, "web", web)
    area = etree.SubElement(info, f"{{{CAP_NS}}}area")
    _add(
        area,
        "areaDesc",
        message.area_desc or incident.location_text or incident.municipality.name,
    )
    _add(area, "polygon", cap_polygon(message.area))
    return bytes(etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# ---------------------------------------------------------------- reading and checking


def _parser() -> Any:
    """No DTDs, no entities, no network: a CAP document may come from outside."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@functools.lru_cache(maxsize=4)
def cap_schema(path: Path = SCHEMA_PATH) -> Any:
    """The CAP 1.2 schema, read once per process."""
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def validate_cap(document: bytes | str, *, schema: Path = SCHEMA_PATH) -> list[str]:
    """What is wrong with the document against the CAP 1.2 schema; empty when it is valid."""
    data = document.encode() if isinstance(document, str) else document
    try:
        tree = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return [str(error)]
    checker = cap_schema(schema)
    if checker.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def parse_cap(document: bytes | str) -> dict[str, Any]:
    """A CAP 1.2 alert as plain data (the fields Oranje writes); ValueError when the document
    is no CAP 1.2 alert."""
    data = document.encode() if isinstance(document, str) else document
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise ValueError(
            _("The CAP document is no well-formed XML: %(error)s") % {"error": error}
        ) from error
    if root.tag != f"{{{CAP_NS}}}alert":
        raise ValueError(_("The document is no CAP 1.2 alert."))

    def text(parent: Any, name: str) -> str:
        found = parent.find(f"{{{CAP_NS}}}{name}")
        return (found.text or "") if found is not None else ""

    references = [tuple(r.split(",")) for r in text(root, "references").split()]
    result: dict[str, Any] = {
        name: text(root, name)
        for name in ("identifier", "sender", "status", "msgType", "scope", "note", "incidents")
    }
    sent = text(root, "sent")
    result["sent"] = dt.datetime.fromisoformat(sent) if sent else None
    result["references"] = references
    infos = []
    for info in root.findall(f"{{{CAP_NS}}}info"):
        item: dict[str, Any] = {
            name: text(info, name)
            for name in (
                "language",
                "event",
                "urgency",
                "severity",
                "certainty",
                "audience",
                "senderName",
                "headline",
                "description",
                "instruction",
                "web",
            )
        }
        item["category"] = [c.text for c in info.findall(f"{{{CAP_NS}}}category")]
        item["areas"] = [
            {
                "areaDesc": text(area, "areaDesc"),
                "polygons": [
                    [[float(v) for v in pair.split(",")] for pair in (p.text or "").split()]
                    for p in area.findall(f"{{{CAP_NS}}}polygon")
                ],
            }
            for area in info.findall(f"{{{CAP_NS}}}area")
        ]
        infos.append(item)
    result["info"] = infos
    return result
