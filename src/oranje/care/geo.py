"""Which points lie in an incident's affected area: a polygon of [latitude, longitude] points
(`Incident.area`, see `incidents.services.parsing.parse_polygon`).

Plain ray casting on the coordinates as they are: an affected area spans a few kilometres, so
treating latitude and longitude as a flat plane misplaces nobody. A point exactly on the
boundary counts as inside (a house on the edge of the area is visited, not skipped). No
GEOS/GDAL: Oranje must install with pip alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]

#: How close to an edge (in degrees, about a centimetre) a point counts as on it.
_ON_EDGE = 1e-9
#: The most horizontal bands a polygon is cut into for its point tests.
_BANDS_MAX = 512
#: An edge: its lower and upper latitude, their longitudes, and its slope (None along a
#: parallel).
Edge = tuple[float, float, float, float, float | None]


@dataclass(frozen=True)
class Box:
    """The bounding box of a polygon, for the database's prefilter."""

    south: float
    west: float
    north: float
    east: float


def ring(area: object) -> list[Point]:
    """The polygon of an incident's `area` as (lat, lon) points without the closing repeat;
    an empty list when the area holds fewer than three usable points."""
    if not isinstance(area, list | tuple):
        return []
    points: list[Point] = []
    for item in area:
        if not isinstance(item, list | tuple) or len(item) != 2:
            return []
        try:
            lat, lon = float(item[0]), float(item[1])
        except (TypeError, ValueError):
            return []
        points.append((lat, lon))
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points if len(set(points)) >= 3 else []


def bounding_box(points: Sequence[Point]) -> Box:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return Box(min(lats), min(lons), max(lats), max(lons))


class Polygon:
    """A polygon made ready for many point tests: its edges with their latitude range and
    slope computed once."""

    def __init__(self, points: Sequence[Point]) -> None:
        if len(points) < 3:
            raise ValueError("a polygon needs at least three points")
        self.points = list(points)
        self.box = bounding_box(self.points)
        edges = []
        for i, a in enumerate(self.points):
            b = self.points[i - 1]
            low, high = (a, b) if a[0] <= b[0] else (b, a)
            # lon at a given lat on this edge = low_lon + (lat - low_lat) * slope
            slope = (high[1] - low[1]) / (high[0] - low[0]) if high[0] != low[0] else None
            edges.append((low[0], high[0], low[1], high[1], slope))
        # Horizontal bands, each with the edges that reach into it: a point is tested against
        # the few edges of its band instead of all of them (a drawn area has dozens).
        self._bands = max(1, min(_BANDS_MAX, 4 * len(edges)))
        height = (self.box.north - self.box.south) / self._bands
        self._scale = 1 / height if height > 0 else 0.0
        self._slabs: list[list[Edge]] = [[] for _ in range(self._bands)]
        for edge in edges:
            for band in range(self._band(edge[0]), self._band(edge[1]) + 1):
                self._slabs[band].append(edge)

    def select(self, rows: Iterable[tuple[int, float, float]]) -> list[int]:
        """The ids of the (id, lat, lon) rows inside the polygon or on its boundary."""
        contains = self.contains
        box = self.box
        south, north, west, east = box.south, box.north, box.west, box.east
        return [
            pk
            for pk, lat, lon in rows
            if south <= lat <= north and west <= lon <= east and contains(lat, lon)
        ]

    def _band(self, lat: float) -> int:
        return min(max(int((lat - self.box.south) * self._scale), 0), self._bands - 1)

    def contains(self, lat: float, lon: float) -> bool:
        """Whether (lat, lon) lies inside the polygon or on its boundary (even-odd rule, so
        the overlapping parts of a polygon whose edges cross count as outside, as on every
        map)."""
        box = self.box
        if not (box.south <= lat <= box.north and box.west <= lon <= box.east):
            return False
        inside = False
        for low_lat, high_lat, low_lon, high_lon, slope in self._slabs[self._band(lat)]:
            if lat < low_lat or lat > high_lat:
                continue
            if slope is None:  # an edge along a parallel: only its own points are on it
                if min(low_lon, high_lon) - _ON_EDGE <= lon <= max(low_lon, high_lon) + _ON_EDGE:
                    return True
                continue
            crossing = low_lon + (lat - low_lat) * slope
            if abs(lon - crossing) <= _ON_EDGE:
                return True
            # A ray towards growing longitude crosses the edge; the half-open latitude range
            # counts a vertex shared by two edges once.
            if lat < high_lat and lon < crossing:
                inside = not inside
        return inside
