"""A map of Sweden drawn from data the project ships: no tiles, no requests to other hosts.

The outline (Natural Earth, public domain) and each county's seat (GeoNames, CC BY 4.0) are in
`data/sweden-map.json`. They are projected here into SVG coordinates once per build; the page
draws a circle per county with cases, sized by how many, each a link to the county's page.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "sweden-map.json"
WIDTH = 240.0  # viewBox width; the height follows from Sweden's shape
MARGIN = 8.0
CENTRE_LATITUDE = 62.0  # where the equirectangular projection keeps true proportions


@dataclass(frozen=True)
class Projection:
    """Longitude/latitude to SVG x/y: equirectangular, fair enough for one country."""

    west: float
    north: float
    scale: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) * math.cos(math.radians(CENTRE_LATITUDE)) * self.scale
        return round(x + MARGIN, 1), round((self.north - lat) * self.scale + MARGIN, 1)


@dataclass(frozen=True)
class BaseMap:
    width: float
    height: float
    outline: str  # SVG path data
    seats: dict[str, tuple[float, float]]  # county code -> x, y
    attribution: str


@functools.cache
def base_map() -> BaseMap:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    rings = [ring for polygon in data["outline"] for ring in polygon]
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    span = (max(lons) - min(lons)) * math.cos(math.radians(CENTRE_LATITUDE))
    projection = Projection(min(lons), max(lats), (WIDTH - 2 * MARGIN) / span)
    path = " ".join("M" + " L".join(f"{x},{y}" for x, y in
                                    (projection.point(lon, lat) for lon, lat in ring)) + "Z"
                    for ring in rings)
    height = round((max(lats) - min(lats)) * projection.scale + 2 * MARGIN, 1)
    seats = {code: projection.point(seat["lon"], seat["lat"])
             for code, seat in data["county_seats"].items()}
    return BaseMap(WIDTH, height, path, seats, data["about"])


def radius(count: int) -> float:
    """Circle area grows with the count; the smallest stays big enough to see and click."""
    return round(4.0 + 3.0 * math.sqrt(max(count - 1, 0)), 1)
