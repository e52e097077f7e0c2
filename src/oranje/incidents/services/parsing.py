"""Parsing and checking of incident input: points, polygons, team and process tags."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from oranje.incidents import errors
from oranje.incidents.constants import Process
from oranje.incidents.models import Incident
from oranje.incidents.selectors import incident_teams

#: An affected area of more points than this is no drawn area (the map draws far fewer).
MAX_AREA_POINTS = 5000
#: The Netherlands' bounding box, generously: a point outside is a typo, not an incident.
NL_LATITUDE = (Decimal("50.6"), Decimal("53.7"))
NL_LONGITUDE = (Decimal("3.2"), Decimal("7.3"))


def parse_point(text: str) -> tuple[Decimal, Decimal]:
    """'52.4602, 4.6266' → (lat, lon), inside the Netherlands; ValidationError otherwise."""
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    try:
        if len(parts) != 2:
            raise ValueError
        lat, lon = Decimal(parts[0]), Decimal(parts[1])
        if not (lat.is_finite() and lon.is_finite()):  # NaN cannot even be compared
            raise ValueError
    except (ValueError, ArithmeticError):
        raise ValidationError(str(errors.BAD_POINT % {"value": text}), code="bad_point") from None
    if not (NL_LATITUDE[0] <= lat <= NL_LATITUDE[1] and NL_LONGITUDE[0] <= lon <= NL_LONGITUDE[1]):
        raise ValidationError(str(errors.OUTSIDE_NL % {"value": text}), code="outside")
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def parse_polygon(text: str) -> list[list[float]]:
    """One 'lat, lon' per line, at least three distinct and at most MAX_AREA_POINTS points
    → a closed ring."""
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
        if len(points) > MAX_AREA_POINTS:
            raise ValidationError(
                str(errors.AREA_TOO_LARGE % {"limit": MAX_AREA_POINTS}), code="area_too_large"
            )
    if points and points[0] == points[-1]:
        points.pop()
    if len({tuple(p) for p in points}) < 3:
        raise ValidationError(
            str(errors.BAD_POLYGON % {"line": len(points) + 1, "value": ""}), code="bad_polygon"
        )
    return [*points, points[0]]


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
