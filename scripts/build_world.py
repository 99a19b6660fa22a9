"""Build ``src/storyline/data/world.json``: simplified country outlines for the report's map.

Source (nothing is downloaded at run time): Natural Earth's 1:110m admin-0 countries
(public domain), as shipped inside the geopandas 0.14.4 wheel
(``geopandas/datasets/naturalearth_lowres``). Only the wheel file is needed, not an
installed geopandas; fetch it once with the ordinary client::

    python -m pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    python scripts/build_world.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl

The shapefile and its attribute table are read here with the standard library.
Each ring is simplified (Douglas–Peucker, ``TOLERANCE`` degrees) and written as
an SVG path in an equirectangular frame (x = longitude, y = -latitude), so the
report draws it without any projection code.

Output: ``{"source": ..., "tolerance": ..., "countries": [{"iso3", "name", "d"}]}``.
"""

from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "world.json"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.2  # degrees
MIN_RING_AREA = 0.4  # square degrees: smaller islands are left out

Point = tuple[float, float]


def read_shp(data: bytes) -> list[list[list[Point]]]:
    """The polygons of a shapefile (type 5), each a list of rings."""
    shapes: list[list[list[Point]]] = []
    pos = 100
    while pos < len(data):
        _num, words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (kind,) = struct.unpack("<i", content[:4])
        if kind == 0:
            shapes.append([])
            continue
        if kind != 5:
            raise ValueError(f"shape type {kind} is not a polygon")
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts]))
        base = 44 + 4 * n_parts
        coords = struct.unpack(f"<{2 * n_points}d", content[base:base + 16 * n_points])
        points = [(coords[2 * i], coords[2 * i + 1]) for i in range(n_points)]
        bounds = [*parts, n_points]
        shapes.append([points[bounds[i]:bounds[i + 1]] for i in range(n_parts)])
    return shapes


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The records of a dBASE table, every value as stripped text."""
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for r in range(n_records):
        rec = data[header_len + r * record_len:header_len + (r + 1) * record_len]
        off = 1
        row = {}
        for name, length in fields:
            row[name] = rec[off:off + length].decode("utf-8", "replace").strip()
            off += length
        rows.append(row)
    return rows


def _perp(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5)


def simplify(points: list[Point], tol: float) -> list[Point]:
    """Douglas–Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1],
                                                                   strict=True))) / 2


def ring_path(ring: list[Point]) -> str:
    pts = [(round(x, 1), round(-y, 1)) for x, y in ring]
    out: list[tuple[float, float]] = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()

    def num(v: float) -> str:
        s = f"{v:.1f}".rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s

    return "M" + "L".join(f"{num(x)} {num(y)}" for x, y in out) + "Z"


def build(wheel: Path) -> dict[str, object]:
    with zipfile.ZipFile(wheel) as z:
        shp = z.read(MEMBER + ".shp")
        dbf = z.read(MEMBER + ".dbf")
    countries = []
    for shape, row in zip(read_shp(shp), read_dbf(dbf), strict=True):
        paths = []
        for ring in shape:
            if area(ring) < MIN_RING_AREA:
                continue
            simple = simplify(ring, TOLERANCE)
            if len(simple) >= 4:
                paths.append(ring_path(simple))
        if not paths:
            continue
        iso3 = row.get("iso_a3", "")
        countries.append({"iso3": iso3 if len(iso3) == 3 and iso3.isalpha() else None,
                          "name": row.get("name", ""), "d": "".join(paths)})
    countries.sort(key=lambda c: str(c["name"]))
    return {"source": "Natural Earth 1:110m admin-0 countries (public domain), from the "
                      "geopandas 0.14.4 wheel's naturalearth_lowres; simplified",
            "tolerance": TOLERANCE, "countries": countries}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = build(Path(argv[0]))
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(data['countries'])} countries, "  # type: ignore[arg-type]
          f"{OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
