"""World knowledge for actor resolution: countries, organisations, people in office,
generic actor phrases and role words.

The bundled files live in ``storyline/data/`` as TSV (one header line, ``#`` comments,
``|`` between list items) and JSON. Users add their own files in the same formats with
:func:`load_knowledge`; the kind of a TSV file is recognised by its header line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROLES = frozenset(
    ["GOV", "MIL", "REB", "OPP", "CVL", "REF", "IGO", "NGO", "MED", "BUS", "PTY", "JUD", "UNK"]
)

_HEADERS = {
    "countries": ["iso3", "name", "aliases", "demonyms", "capitals", "seats"],
    "organisations": ["id", "name", "role", "country", "aliases"],
    "people": [
        "id", "name", "country", "org", "role", "office", "title", "leader", "start", "end",
        "aliases",
    ],
    "generic": ["phrase", "role", "scope", "name"],
}

# Usual ways of writing an office when people.tsv leaves ``title`` empty.
DEFAULT_TITLES = {
    "HOS": ("President",),
    "HOG": ("Prime Minister", "Premier"),
    "FM": ("Foreign Minister", "Minister of Foreign Affairs", "top diplomat"),
    "DEF": (
        "Defence Minister", "Defense Minister", "Minister of Defence", "Minister of Defense",
        "Minister of National Defence", "Minister of National Defense",
    ),
}


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()

    @property
    def adjective(self) -> str:
        return self.demonyms[0] if self.demonyms else self.name


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    role: str
    country: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person in one office for one period (``end`` None = still in office)."""

    office: str
    country: str | None
    org: str | None
    role: str
    titles: tuple[str, ...]
    leader: bool
    start: str
    end: str | None

    def holds_on(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        if date < self.start:
            return False
        # A month-precision end ("2024-03") covers every day of that month.
        return self.end is None or date <= self.end + ("-99" if len(self.end) < 10 else "")


@dataclass(slots=True)
class Person:
    id: str
    name: str
    country: str | None
    aliases: list[str] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)

    def tenure_on(self, date: str | None) -> Tenure | None:
        """The office held on ``date`` (leadership first), or None."""
        held = [t for t in self.tenures if t.holds_on(date)]
        if not held:
            return None
        order = {"HOS": 0, "HOG": 1, "FM": 2, "DEF": 3}
        held.sort(key=lambda t: (not t.leader, order.get(t.office, 9)))
        return held[0]

    def latest_tenure(self) -> Tenure | None:
        if not self.tenures:
            return None
        return max(self.tenures, key=lambda t: (t.end is None, t.end or "", t.start))


@dataclass(frozen=True, slots=True)
class Generic:
    phrase: str
    role: str
    scope: str  # "story" | "regime" | "none"
    name: str


@dataclass(slots=True)
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    generic: dict[str, Generic] = field(default_factory=dict)
    role_nouns: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    person_titles: dict[str, str] = field(default_factory=dict)  # title word -> role

    def country_name(self, iso3: str | None) -> str | None:
        c = self.countries.get(iso3 or "")
        return c.name if c else None

    def holders(self, country: str | None, office: str, date: str | None) -> list[Person]:
        """People holding ``office`` (an office code, or ``LEADER``) in ``country`` on ``date``."""
        out = []
        for p in self.people.values():
            for t in p.tenures:
                if t.country != country or not t.holds_on(date):
                    continue
                if (office == "LEADER" and t.leader) or t.office == office:
                    out.append(p)
                    break
        return out


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _rows(path: Path) -> tuple[str | None, list[dict[str, str]]]:
    """Read a TSV knowledge file: its kind (from the header) and its rows."""
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    if not lines:
        return None, []
    header = [h.strip() for h in lines[0].split("\t")]
    kind = next((k for k, cols in _HEADERS.items() if header[: len(cols)] == cols), None)
    rows = []
    for rec in csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE):
        rec = [*rec, *[""] * (len(header) - len(rec))]
        rows.append({h: v.strip() for h, v in zip(header, rec, strict=False)})
    return kind, rows


def _merge_tsv(kb: Knowledge, path: Path) -> None:
    kind, rows = _rows(path)
    if kind is None:
        raise ValueError(f"{path}: unknown knowledge file (header matches none of {list(_HEADERS)})")
    for r in rows:
        if kind == "countries":
            old = kb.countries.get(r["iso3"])
            new = Country(
                r["iso3"], r["name"] or (old.name if old else r["iso3"]),
                _split(r["aliases"]), _split(r["demonyms"]), _split(r["capitals"]),
                _split(r["seats"]),
            )
            if old:
                new = Country(
                    new.iso3, new.name,
                    tuple(dict.fromkeys(old.aliases + new.aliases)),
                    tuple(dict.fromkeys(old.demonyms + new.demonyms)),
                    tuple(dict.fromkeys(old.capitals + new.capitals)),
                    tuple(dict.fromkeys(old.seats + new.seats)),
                )
            kb.countries[new.iso3] = new
        elif kind == "organisations":
            role = r["role"] if r["role"] in ROLES else "UNK"
            old_org = kb.organisations.get(r["id"])
            aliases = _split(r["aliases"])
            if old_org:
                aliases = tuple(dict.fromkeys(old_org.aliases + aliases))
            kb.organisations[r["id"]] = Organisation(
                r["id"], r["name"], role, r["country"] or None, aliases
            )
        elif kind == "people":
            person = kb.people.get(r["id"])
            if person is None:
                person = kb.people[r["id"]] = Person(r["id"], r["name"], r["country"] or None)
            for a in _split(r["aliases"]):
                if a not in person.aliases:
                    person.aliases.append(a)
            if r["start"]:
                titles = _split(r["title"]) or DEFAULT_TITLES.get(r["office"], ())
                person.tenures.append(
                    Tenure(
                        office=r["office"], country=r["country"] or None, org=r["org"] or None,
                        role=r["role"] if r["role"] in ROLES else "GOV", titles=titles,
                        leader=r["leader"].lower() in ("y", "yes", "true", "1"),
                        start=r["start"], end=r["end"] or None,
                    )
                )
            if person.country is None and r["country"]:
                person.country = r["country"]
        else:
            role = r["role"] if r["role"] in ROLES else "UNK"
            kb.generic[r["phrase"].lower()] = Generic(
                r["phrase"].lower(), role, r["scope"] or "none", r["name"]
            )


def _merge_json(kb: Knowledge, path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for role, nouns in data.get("nouns", {}).items():
        for noun in nouns:
            kb.role_nouns.setdefault(noun.lower(), role)
    for title, office in data.get("titles", {}).items():
        kb.titles[title.lower()] = office
    for role, words in data.get("person_titles", {}).items():
        for word in words:
            kb.person_titles[word.lower()] = role


def _bundled() -> list[Path]:
    base = resources.files("storyline") / "data"
    names = ["countries.tsv", "organisations.tsv", "people.tsv", "generic.tsv", "roles.json"]
    return [Path(str(base / n)) for n in names]


def load_knowledge(extra: Iterable[Path] | None = None) -> Knowledge:
    """The bundled knowledge merged with the user's files ``extra`` (same formats).

    Later files add to earlier ones: aliases are unioned, an organisation or country with
    a known id is replaced field by field, people gain offices.
    """
    extra_t = tuple(Path(p) for p in extra) if extra else ()
    return _load(extra_t)


@lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> Knowledge:
    kb = Knowledge()
    for path in [*_bundled(), *extra]:
        if path.suffix == ".json":
            _merge_json(kb, path)
        else:
            _merge_tsv(kb, path)
    return kb
