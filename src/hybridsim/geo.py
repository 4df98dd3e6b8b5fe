"""Geography for the maps (the viewer's World tab and the report's map): Natural Earth country
shapes and where assets stand.

The shapes come from the npm package ``world-atlas`` (Natural Earth 1:50m admin-0 countries as
TopoJSON), provisioned into Solara's asset cache like the viewer's other front-end files
(``python -m hybridsim.app.assets provision``). The server reads that file, keeps Europe and the
North Atlantic, and inlines the shapes in the chart's spec: the page never fetches a map from
anywhere. Without the file the World tab falls back to its drawing by country, and the report
leaves its map out.

It lives outside the viewer package so that the report can draw the same map without importing
the viewer.

Assets stand where the scenario's ``location: {lat, lon}`` puts them; one without a location is
drawn at its owner's capital, so scenarios written before locations existed still get a map.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("hybridsim.geo")

ATLAS_FOLDER = "world-atlas@2"
ATLAS_FILE = "countries-50m.json"
"""1:50m: 1:110m drops the Baltic islands and draws Denmark as a block; 1:10m is 3.6 MB."""
VIEW = (-32.0, 28.0, 50.0, 72.0)
"""lon_min, lat_min, lon_max, lat_max: Europe and the North Atlantic from Iceland to Türkiye.
Countries touching it are kept whole (their outline ends at the map's frame)."""
STEP_DEG = 0.08
"""Points closer than this (about 8 km) are merged: the projector shows about 10 px per degree."""
FRAME = (VIEW[0] - 4, VIEW[1] - 4, VIEW[2] + 4, VIEW[3] + 4)
"""Points beyond the map's frame are pulled onto it, so Russia and Greenland cost a few points,
not thousands (their outline past the frame is never seen)."""

ISO_NUMERIC = {
    "AL": 8, "AT": 40, "BA": 70, "BE": 56, "BG": 100, "BY": 112, "CA": 124, "CH": 756,
    "CN": 156, "CY": 196, "CZ": 203, "DE": 276, "DK": 208, "EE": 233, "ES": 724, "FI": 246,
    "FR": 250, "GB": 826, "GR": 300, "HR": 191, "HU": 348, "IE": 372, "IS": 352, "IT": 380,
    "LT": 440, "LU": 442, "LV": 428, "MD": 498, "ME": 499, "MK": 807, "MT": 470, "NL": 528,
    "NO": 578, "PL": 616, "PT": 620, "RO": 642, "RS": 688, "RU": 643, "SE": 752, "SI": 705,
    "SK": 703, "TR": 792, "UA": 804, "US": 840,
}  # fmt: skip
"""ISO 3166-1 numeric codes (the ``id`` of Natural Earth's shapes) of the two-letter ids the
shipped scenarios use for states, the partner and the adversaries."""
KNOWN_IDS = {str(n) for n in ISO_NUMERIC.values()}

CAPITALS = {
    "AL": (41.33, 19.82), "BE": (50.85, 4.35), "BG": (42.70, 23.32), "CA": (45.42, -75.70),
    "CN": (39.90, 116.40), "CZ": (50.08, 14.44), "DE": (52.52, 13.40), "DK": (55.68, 12.57),
    "EE": (59.44, 24.75), "ES": (40.42, -3.70), "FI": (60.17, 24.94), "FR": (48.86, 2.35),
    "GB": (51.51, -0.13), "GR": (37.98, 23.73), "HR": (45.81, 15.98), "HU": (47.50, 19.04),
    "IS": (64.15, -21.94), "IT": (41.90, 12.50), "LT": (54.69, 25.28), "LU": (49.61, 6.13),
    "LV": (56.95, 24.11), "ME": (42.44, 19.26), "MK": (42.00, 21.43), "NL": (52.37, 4.90),
    "NO": (59.91, 10.75), "PL": (52.23, 21.01), "PT": (38.72, -9.14), "RO": (44.43, 26.10),
    "RU": (55.76, 37.62), "SE": (59.33, 18.07), "SI": (46.06, 14.51), "SK": (48.15, 17.11),
    "TR": (39.93, 32.86), "UA": (50.45, 30.52), "US": (38.90, -77.04),
}  # fmt: skip
"""Capitals (lat, lon; rounded city-centre coordinates, as in any atlas): where an asset without
a location of its own is drawn."""


def atlas_path(cache_dir: str | None = None) -> Path:
    """The atlas file in ``cache_dir``, by default Solara's asset cache, where the viewer's
    provisioning put it (Solara's own setting, as ``hybridsim.app.assets`` fills it)."""
    if cache_dir:
        return Path(cache_dir) / ATLAS_FOLDER / ATLAS_FILE
    from solara.server import settings

    return Path(settings.assets.proxy_cache_dir) / ATLAS_FOLDER / ATLAS_FILE


def _decoded_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lon/lat points (numpy: ~0.3 s for 1:50m)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        lon, lat = (xy[:, 0] * sx + tx).tolist(), (xy[:, 1] * sy + ty).tolist()
        out.append(list(zip(lon, lat, strict=True)))
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One ring from its arcs (a negative index ~i is arc i reversed), thinned to STEP_DEG."""
    points: list[tuple[float, float]] = []
    for k in indexes:
        arc = arcs[k] if k >= 0 else arcs[~k][::-1]
        points.extend(arc if not points else arc[1:])
    lon0, lat0, lon1, lat1 = FRAME
    points = [(min(max(x, lon0), lon1), min(max(y, lat0), lat1)) for x, y in points]
    kept = [points[0]]
    for p in points[1:-1]:
        if abs(p[0] - kept[-1][0]) >= STEP_DEG or abs(p[1] - kept[-1][1]) >= STEP_DEG:
            kept.append(p)
    kept.append(points[-1])
    return [[round(lon, 2), round(lat, 2)] for lon, lat in kept]


def _in_view(rings: list[list[list[float]]], share: float) -> bool:
    """Whether at least ``share`` of a polygon's points fall in the view."""
    lon0, lat0, lon1, lat1 = VIEW
    points = [(x, y) for ring in rings for x, y in ring]
    inside = sum(lon0 <= x <= lon1 and lat0 <= y <= lat1 for x, y in points)
    return inside > 0 and inside >= share * len(points)


@functools.lru_cache(maxsize=2)
def countries(cache_dir: str | None = None) -> tuple[dict[str, Any], ...]:
    """The countries in view as GeoJSON features (id: ISO numeric, properties.name); empty,
    with a warning, when the atlas is not provisioned."""
    path = atlas_path(cache_dir)
    try:
        topo = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("no map shapes at %s (run: python -m hybridsim.app.assets provision)", path)
        return ()
    arcs = _decoded_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        polygons = (
            [geometry["arcs"]]
            if kind == "Polygon"
            else geometry["arcs"]
            if kind == "MultiPolygon"
            else []
        )
        ours = str(geometry.get("id", "")).lstrip("0") in KNOWN_IDS  # e.g. Russia: kept
        kept = [[_ring(r, arcs) for r in polygon] for polygon in polygons]
        kept = [polygon for polygon in kept if _in_view(polygon, 0.0 if ours else 0.5)]
        if not kept:
            continue
        features.append(
            {
                "type": "Feature",
                "id": int(geometry.get("id", -1)) if str(geometry.get("id", "")).isdigit() else -1,
                "properties": {"name": geometry.get("properties", {}).get("name", "")},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    return tuple(features)


def place(owner: str, location: Any) -> tuple[float, float, bool]:
    """(lat, lon, placed): the asset's own location, else its owner's capital (placed False)."""
    if location is not None:
        return float(location.lat), float(location.lon), True
    lat, lon = CAPITALS.get(owner, (50.0, 10.0))
    return lat, lon, False
