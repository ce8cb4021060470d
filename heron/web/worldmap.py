"""Builds ``static/world.json``, the offline world outline the map page draws.

Input: ``countries-110m.json`` (TopoJSON of Natural Earth, public domain) from the npm
package ``world-atlas``. Output: one SVG path per country in an equirectangular
projection (x = lon + 180, y = 90 - lat, viewBox 0 0 360 180), rounded to 0.1 degree,
so the browser needs no map library and no tile server. Run it again only to refresh
the committed file::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m heron.web.worldmap package/countries-110m.json heron/web/static/world.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs to lon/lat point lists (delta-decoded and un-quantised)."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring is a list of arc indexes; a negative index ~i means arc i reversed."""
    out: list[tuple[float, float]] = []
    for index in ring:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(points[1:] if out else points)
    return out


def ring_path(points: list[tuple[float, float]]) -> str:
    xy = []
    for lon, lat in points:
        p = (round(lon + 180, 1), round(90 - lat, 1))
        if not xy or xy[-1] != p:
            xy.append(p)
    if len(xy) < 3:
        return ""
    # a ring crossing the antimeridian jumps across the whole map: lift the pen instead of drawing the jump
    parts = [f"M{xy[0][0]:g} {xy[0][1]:g}"]
    for (x0, _), (x, y) in zip(xy, xy[1:]):
        parts.append(f"{'M' if abs(x - x0) > 180 else 'L'}{x:g} {y:g}")
    return "".join(parts) + "Z"


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(geom.get("type"), [])
        path = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        if path:
            countries.append({"name": geom.get("properties", {}).get("name", ""), "d": path})
    return {"source": "Natural Earth 1:110m via the npm package world-atlas (public domain)",
            "viewBox": [0, 0, 360, 180], "countries": countries}


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit("usage: python -m heron.web.worldmap countries-110m.json world.json")
    topo = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(json.dumps(build(topo), separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
