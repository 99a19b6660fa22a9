"""Actor resolution: who is named in an article, as stable actors of the contract.

Deterministic rules over a token trie of the knowledge base (countries, capitals and seats
of power, demonyms, organisations, office holders, generic phrases), spaCy's named
entities for people and organisations the knowledge does not know, and in-document
coreference (a surname or a title after a full mention is the same person).

Actor ids: ``<ISO3><ROLE>`` for a country's sectors (``TURGOV`` for Turkey, Ankara, the
Turkish government or officials; ``TURMIL``, ``SYRREB``, ``SYRREF`` ...), the
organisation's own id (``UN``, ``NATO``, ``HTS``, ``ANADOLU``), a person id
``surname_given`` (``erdogan_recep_tayyip``) for people.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from storyline.annotate import doc_text
from storyline.annotate.places import PROCESS_WORDS
from storyline.geonorm import fold
from storyline.knowledge import Knowledge, Organisation, Person, load_knowledge
from storyline.model import Actor, ActorMention
from storyline.text.spans import SpanSet, overlaps_any
from storyline.text.vocab import SPEECH_VERB_FORMS

ROLE_NOUN = {
    "MIL": "military", "REB": "rebels", "OPP": "opposition", "CVL": "civilians",
    "REF": "refugees", "MED": "media", "BUS": "business", "JUD": "judiciary",
    "PTY": "party", "NGO": "NGOs", "IGO": "body", "UNK": "people", "GOV": "government",
}
LOCATIVE = frozenset(["in", "inside", "into", "across", "throughout", "within", "near", "outside", "at", "via", "around"])
CAPITAL_PLACE = LOCATIVE | frozenset(["to", "from", "of", "visit", "visited", "visiting", "toward", "towards"])
# seas and coasts named after a country ("the Gulf of Mexico"): the name is no actor
WATER_FEATURES = frozenset(["gulf", "sea", "bay", "strait", "straits", "isthmus", "gulfs"])
HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "gen", "general", "sheikh", "prince", "king", "queen", "emir", "president"])
TITLE_LEFT = frozenset(
    ["president", "prime", "minister", "foreign", "defence", "defense", "secretary", "state", "chancellor", "leader", "king", "queen", "emir", "crown", "prince", "sheikh", "spokesman", "spokeswoman", "chief", "counterpart", "mr", "mrs", "ms", "dr", "general", "gen", "premier", "supreme", "vice", "deputy", "envoy", "ambassador", "commander", "former", "then", "of", "for", "the", "his", "her", "their", "special", "acting", "interim", "de", "facto"]
)
NOT_ROLE_MODIFIERS = frozenset(["and", "or", ",", "'", "s"])
REGIME_WORDS = {"regime": "GOV", "government": "GOV", "administration": "GOV", "cabinet": "GOV",
                "forces": "MIL", "troops": "MIL", "army": "MIL", "military": "MIL",
                "loyalists": "MIL", "offensive": "MIL", "offensives": "MIL", "force": "MIL"}
EXPERT_WORDS = frozenset(
    ["analyst", "expert", "lecturer", "professor", "fellow", "researcher", "scholar", "academic", "director", "economist", "specialist", "commentator", "observer"]
)
MEDIA_WORDS = frozenset(["journalist", "reporter", "correspondent", "editor", "columnist"])
OFFICIAL_WORDS = frozenset(["official", "minister", "diplomat", "spokesman", "spokeswoman", "ambassador"])
SAYING = SPEECH_VERB_FORMS | {"warned"}  # a speech verb beside a name that is also a word

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    raw: str
    norm: str
    hyphen_before: bool


@dataclass(slots=True)
class Entry:
    kind: str  # country capital seat demonym org person generic
    ref: str
    case: str  # exact | cap | any


@dataclass(slots=True)
class Lexicon:
    trie: dict = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)  # norm surname -> person ids


def _norm(raw: str) -> str:
    return fold(raw).replace("’", "'")


def _tokens(text: str) -> list[Tok]:
    out: list[Tok] = []
    hyphen = False
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        if raw in "-–":
            hyphen = m.start() > 0 and not text[m.start() - 1].isspace()
            continue
        norm = "'" if raw in "'’‘`ʼ" else _norm(raw)
        out.append(Tok(m.start(), m.end(), raw, norm, hyphen))
        hyphen = False
    return out


def _pattern_tokens(pattern: str) -> list[str]:
    return [t.norm for t in _tokens(pattern)]


def _case_mode(pattern: str) -> str:
    letters = [c for c in pattern if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "exact"
    return "cap" if pattern[:1].isupper() else "any"


def _add(lex: Lexicon, pattern: str, entry: Entry) -> None:
    toks = _pattern_tokens(pattern)
    if not toks:
        return
    node = lex.trie
    for t in toks:
        node = node.setdefault(t, {})
    node.setdefault(None, []).append(entry)


def _strip_the(p: str) -> str:
    return p[4:] if p.lower().startswith("the ") else p


_PARTICLES = frozenset(["al", "el", "bin", "ibn", "bint", "abu", "von", "der", "de", "le", "van"])


@lru_cache(maxsize=8)
def _lexicon(kb_id: int) -> Lexicon:  # keyed by id(kb); kb objects are cached too
    kb = _KB_BY_ID[kb_id]
    lex = Lexicon()
    for c in kb.countries.values():
        for n in (c.name, *c.aliases):
            _add(lex, _strip_the(n), Entry("country", c.iso3, _case_mode(n)))
        for d in c.demonyms:
            _add(lex, d, Entry("demonym", c.iso3, _case_mode(d)))
        for cap in c.capitals:
            _add(lex, cap, Entry("capital", c.iso3, _case_mode(cap)))
        for s in c.seats:
            _add(lex, _strip_the(s), Entry("seat", c.iso3, _case_mode(_strip_the(s))))
    for o in kb.organisations.values():
        for n in (o.name, *o.aliases):
            n2 = _strip_the(n)
            _add(lex, n2, Entry("org", o.id, _case_mode(n2)))
    for p in kb.people.values():
        names = [p.name, *p.aliases]
        for n in list(names):
            words = n.split()
            bare = [w for w in words if w.lower() not in ("al", "el")]
            bare = [w.split("-", 1)[1] if w.lower().startswith(("al-", "el-")) else w
                    for w in bare]
            if bare and bare != words:
                names.append(" ".join(bare))
        for n in names:
            _add(lex, n, Entry("person", p.id, "cap"))
        for n in names:
            words = [w for w in re.split(r"[\s-]+", n) if w]
            if not words:
                continue
            last = words[-1]
            if last.lower() in _PARTICLES or len(last) < 3:
                continue
            lex.surnames.setdefault(_norm(last), [])
            if p.id not in lex.surnames[_norm(last)]:
                lex.surnames[_norm(last)].append(p.id)
    for g in kb.generic.values():
        _add(lex, g.phrase, Entry("generic", g.phrase, "any"))
    for p in kb.people.values():
        for t in p.tenures:
            for title in t.titles:
                if title.lower() in kb.titles or " " not in title:
                    continue  # generic titles need a country: see _title_mentions
                _add(lex, _strip_the(title), Entry("ptitle", p.id, "any"))
    return lex


_KB_BY_ID: dict[int, Knowledge] = {}


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    actor: Actor
    priority: int
    person: str | None = None


@dataclass(slots=True)
class Ctx:
    kb: Knowledge
    lex: Lexicon
    doc: Doc
    text: str
    toks: list[Tok]
    published: str | None
    story: str | None
    regime: str | None
    by_idx: dict[int, Token]
    doc_people: dict[str, Actor] = field(default_factory=dict)  # person id -> actor
    doc_surnames: dict[str, str] = field(default_factory=dict)  # norm surname -> person id


# -- actor builders ----------------------------------------------------------------------
def country_actor(kb: Knowledge, iso3: str, role: str, text: str) -> Actor:
    c = kb.countries.get(iso3)
    if role == "GOV":
        name = c.name if c else iso3
    else:
        name = f"{c.adjective if c else iso3} {ROLE_NOUN.get(role, 'people')}"
    return Actor(text=text, name=name, id=f"{iso3}{role}", country=iso3, role=role)  # type: ignore[arg-type]


def org_actor(o: Organisation, text: str) -> Actor:
    return Actor(text=text, name=o.name, id=o.id, country=o.country, role=o.role)  # type: ignore[arg-type]


def person_actor(kb: Knowledge, p: Person, date: str | None, text: str) -> Actor:
    t = p.tenure_on(date) or (p.latest_tenure() if date is None else None)
    if t is None:
        t = p.latest_tenure()
        role = "GOV" if t and t.role == "GOV" and t.end is None else (t.role if t else "UNK")
        if t and t.end and date and date > t.end and t.role == "GOV":
            role = "CVL"  # a former official
    else:
        role = t.role
    country = p.country
    return Actor(text=text, name=p.name, id=p.id, country=country, role=role)  # type: ignore[arg-type]


def slug(name: str) -> str:
    words = [w for w in re.split(r"[^a-z0-9]+", fold(name)) if w]
    if not words:
        return "unknown"
    return "_".join([words[-1], *words[:-1]])


# -- main --------------------------------------------------------------------------------
def _people_adjective(ctx: Ctx, i: int) -> str | None:
    """The national or ethnic adjective right before token ``i`` when it names a people
    without a state of its own in the knowledge base ("Kurdish", "Rohingya", "Tuareg")."""
    if i == 0:
        return None
    prev = ctx.toks[i - 1]
    tok = ctx.by_idx.get(prev.start)
    if tok is None or tok.ent_type_ != "NORP" or not prev.raw[:1].isupper():
        return None
    if prev.norm in _country_demonyms(ctx.kb):
        return None
    return prev.raw


_DEMONYMS: dict[int, frozenset[str]] = {}


def _country_demonyms(kb: Knowledge) -> frozenset[str]:
    """Lower-case demonyms of every country the knowledge base knows ("syrian", "us")."""
    if id(kb) not in _DEMONYMS:
        _DEMONYMS[id(kb)] = frozenset(fold(d).lower() for c in kb.countries.values()
                                      for d in c.demonyms)
    return _DEMONYMS[id(kb)]


def find_actors(
    doc: Doc,
    *,
    published: str | None,
    story_country: str | None = None,
    damaged: list[tuple[int, int]] | tuple[()] = (),
    knowledge: Knowledge | None = None,
) -> list[ActorMention]:
    """Resolve the actors mentioned in ``doc`` (a spaCy Doc of the article text).

    ``published``: the article date (YYYY-MM-DD) that decides who held an office;
    ``story_country``: ISO3 of the country the story is about (default: the document's
    most important country, see :func:`storyline.annotate.places.story_countries`);
    ``damaged``: character spans where the scraper dropped names: no actor is resolved
    there. Returns mentions in text order, none overlapping.
    """
    kb = knowledge or load_knowledge()
    _KB_BY_ID[id(kb)] = kb
    lex = _lexicon(id(kb))
    text = doc_text(doc)
    toks = _tokens(text)
    if story_country is None:
        from storyline.annotate.places import story_countries

        ranked = story_countries(doc, kb)
        story_country = ranked[0] if ranked else None
    ctx = Ctx(kb, lex, doc, text, toks, published, story_country, None,
              {t.idx: t for t in doc})
    ctx.regime = _regime_country(ctx) or story_country

    cands: list[Cand] = []
    i = 0
    while i < len(toks):
        got = _match(ctx, i)
        if got:
            j, entries = got
            made = _resolve(ctx, i, j, entries)
            if made:
                cands.extend(made)
        i += 1
    cands.extend(_title_mentions(ctx))
    cands.extend(_unknown_people(ctx, cands))
    chosen = _select(cands)
    chosen.extend(_select(_surname_mentions(ctx, chosen), taken=chosen))
    chosen.sort(key=lambda c: c.start)
    chosen = _affiliates(text, chosen)
    lead = _dateline_end(text)
    out = []
    for c in chosen:
        if overlaps_any(c.start, c.end, damaged) or c.start < lead:
            continue
        out.append(ActorMention(start=c.start, end=c.end, actor=c.actor))
    return out


def _dateline_end(text: str) -> int:
    """Where the dateline that opens the article ends ("DOKA, Sudan — ", "NAIROBI, March
    21 (PAP) - "), 0 without one: its names say where the reporter filed from, and
    "Sudan" there is no actor of the first sentence's act."""
    from storyline.clean.patterns import DATELINE_PREFIX

    m = DATELINE_PREFIX.match(text)
    return m.end() if m else 0


_AFFILIATE_AFTER = re.compile(
    r"[ \t]+(?:affiliates?|offshoots?|branch(?:es)?|franchises?|spin-?offs?|"
    r"splinter[ \t]+groups?|allies)\b", re.IGNORECASE,
)
_APPOSITION_GAP = re.compile(r"\s*(?:\)\s*)?(?:,|\(|—|–|-)\s*(?:an?|the|its|one)\s+$", re.IGNORECASE)


def _affiliates(text: str, chosen: list[Cand]) -> list[Cand]:
    """'HTS, an al-Qaeda affiliate': the affiliate is the group in apposition (HTS), not
    al-Qaeda; an affiliate with no group beside it ("al-Qaeda affiliates attacked") is
    the parent's network, written with the affiliate word."""
    out: list[Cand] = []
    for k, c in enumerate(chosen):
        m = _AFFILIATE_AFTER.match(text, c.end)
        if m is None or c.actor.role not in ("REB", "PTY", "IGO", "NGO"):
            out.append(c)
            continue
        end = m.end()
        surface = text[c.start:end]
        prev = out[-1] if out else None
        if prev is not None and k > 0 and _APPOSITION_GAP.fullmatch(text[prev.end:c.start]):
            a = prev.actor
            actor = Actor(text=surface, name=a.name, id=a.id, country=a.country, role=a.role)
        else:
            a = c.actor
            actor = Actor(text=surface, name=a.name, id=a.id, country=a.country, role=a.role)
        out.append(Cand(c.start, end, actor, c.priority, c.person))
    return out




def _select(cands: list[Cand], taken: list[Cand] | None = None) -> list[Cand]:
    chosen: list[Cand] = []
    occupied = SpanSet((c.start, c.end) for c in (taken or []))
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if occupied.overlaps(c.start, c.end):
            continue
        chosen.append(c)
        occupied.add(c.start, c.end)
    return chosen


def _case_ok(tok: Tok, mode: str, first: bool) -> bool:
    if mode == "exact":
        return True  # checked on the whole span
    if mode == "cap" and first:
        return tok.raw[:1].isupper()
    return True


def _match(ctx: Ctx, i: int) -> tuple[int, list[Entry]] | None:
    """Longest knowledge phrase starting at token ``i``: (end token index, entries)."""
    node = ctx.lex.trie
    best: tuple[int, list[Entry]] | None = None
    j = i
    toks = ctx.toks
    while j < len(toks):
        nxt = node.get(toks[j].norm)
        if nxt is None:
            break
        node = nxt
        j += 1
        if None in node:
            span = ctx.text[toks[i].start:toks[j - 1].end]
            ok = []
            for e in node[None]:
                if e.case == "exact":
                    if _squash(span) not in _exact_forms(ctx, e):
                        continue
                elif e.case == "cap" and not toks[i].raw[:1].isupper():
                    continue
                ok.append(e)
            if ok:
                best = (j, ok)
    return best


def _squash(s: str) -> str:
    return re.sub(r"[\s\-–’']", "", s.replace("’", "'"))


@lru_cache(maxsize=4096)
def _exact_forms_cached(kb_id: int, kind: str, ref: str) -> frozenset[str]:
    kb = _KB_BY_ID[kb_id]
    forms: list[str] = []
    if kind in ("country", "capital", "seat", "demonym"):
        c = kb.countries[ref]
        forms = [c.name, *c.aliases, *c.demonyms, *c.capitals, *c.seats]
    elif kind == "org":
        o = kb.organisations[ref]
        forms = [o.name, *o.aliases]
    return frozenset(_squash(_strip_the(f)) for f in forms)


def _exact_forms(ctx: Ctx, e: Entry) -> frozenset[str]:
    return _exact_forms_cached(id(ctx.kb), e.kind, e.ref)


def _prev_words(ctx: Ctx, i: int, n: int = 2) -> list[str]:
    """The n words before token i on its own line: a line break ends a sentence or a
    paragraph, so a word cut off at the end of one ("crowded camps in") never governs
    the first word of the next ("Turkey has accused ...")."""
    toks, text = ctx.toks, ctx.text
    lo = i
    while lo > max(0, i - n) and "\n" not in text[toks[lo - 1].end:toks[lo].start]:
        lo -= 1
    return [t.norm for t in toks[lo:i]]


def _next_norm(ctx: Ctx, j: int, k: int = 0) -> str:
    return ctx.toks[j + k].norm if j + k < len(ctx.toks) else ""


def _hyphen_compound(ctx: Ctx, j: int) -> bool:
    """'Russia-backed', 'Moscow-based', 'Assad-supporter': the name only qualifies."""
    return j < len(ctx.toks) and ctx.toks[j].hyphen_before and ctx.toks[j].norm in (
        "backed", "based", "led", "supported", "allied", "aligned", "supporter", "controlled",
        "held", "sponsored", "funded", "made", "born", "linked", "affiliated", "inspired",
    )


def _resolve(ctx: Ctx, i: int, j: int, entries: list[Entry]) -> list[Cand]:
    """The candidate actors of the knowledge phrase ``toks[i:j]``, by the kind of its entries."""
    kinds = {e.kind: e for e in entries}
    if "ptitle" in kinds and "person" not in kinds:
        held = _resolve_title(ctx, i, j, entries)
        if held is not None:
            return held
        kinds.pop("ptitle")
        if not kinds:
            return []
    if "person" in kinds:
        return _resolve_person(ctx, i, j, entries)
    if "org" in kinds:
        return _resolve_org(ctx, i, j, kinds["org"])
    if "generic" in kinds:
        return _resolve_generic(ctx, i, j, kinds["generic"])
    start, end = ctx.toks[i].start, ctx.toks[j - 1].end
    surface = ctx.text[start:end]
    if "seat" in kinds:
        return [Cand(start, end, country_actor(ctx.kb, kinds["seat"].ref, "GOV", surface), 7)]
    if "demonym" in kinds and not ("country" in kinds and surface[:1].isupper()
                                  and kinds["country"].ref != kinds["demonym"].ref):
        adj = _resolve_demonym(ctx, i, j, kinds)
        if adj is not None:
            return adj
    if "country" in kinds or "capital" in kinds:
        return _resolve_country(ctx, i, j, kinds.get("country") or kinds["capital"])
    return []


def _resolve_title(ctx: Ctx, i: int, j: int, entries: list[Entry]) -> list[Cand] | None:
    """A title one person holds on the publication date ("the Turkish president") names
    that person; None when no single holder does (the phrase is then read otherwise)."""
    kb, toks = ctx.kb, ctx.toks
    holders = []
    for e in entries:
        if e.kind != "ptitle":
            continue
        q = kb.people[e.ref]
        for t in q.tenures:
            if t.holds_on(ctx.published) and any(
                _pattern_tokens(_strip_the(x)) == [tk.norm for tk in toks[i:j]]
                for x in t.titles
            ):
                holders.append(q)
    if not holders or len({h.id for h in holders}) != 1:
        return None
    q = holders[0]
    nxt_tok = toks[j] if j < len(toks) else None
    if nxt_tok is not None and nxt_tok.raw[:1].isupper() and nxt_tok.raw.isalpha():
        return []  # a name follows; it carries the title
    start, end = toks[i].start, toks[j - 1].end
    actor = person_actor(kb, q, ctx.published, ctx.text[start:end])
    ctx.doc_people.setdefault(q.id, actor)
    return [Cand(start, end, actor, 8, person=q.id)]


def _resolve_person(ctx: Ctx, i: int, j: int, entries: list[Entry]) -> list[Cand]:
    """A person's name: the person, or their country when the name only qualifies a
    regime or side ("Assad regime", "pro-Assad forces"); none inside a compound."""
    kb, toks, text = ctx.kb, ctx.toks, ctx.text
    start, end = toks[i].start, toks[j - 1].end
    people = [kb.people[e.ref] for e in entries if e.kind == "person"]
    people.sort(key=lambda q: (q.tenure_on(ctx.published) is None, q.id not in ctx.doc_people))
    p = people[0]
    if _hyphen_compound(ctx, j) or _name_continues(ctx, j):
        return []
    pro = i > 0 and toks[i].hyphen_before and toks[i - 1].norm in ("pro", "anti")
    k = j + 1 if _next_norm(ctx, j) == "'" and _next_norm(ctx, j, 1) == "s" else j
    if k != j:
        k = j + 2
    word = _next_norm(ctx, k)
    if pro or word in REGIME_WORDS:
        if p.country is None:
            return []
        role = REGIME_WORDS.get(word, "MIL")
        e2 = toks[k].end if word in REGIME_WORDS else end
        s2 = toks[i - 1].start if pro else start
        return [Cand(s2, e2, country_actor(kb, p.country, role, text[s2:e2]), 6)]
    s2 = _extend_title_left(ctx, i)
    actor = person_actor(kb, p, ctx.published, text[s2:end])
    _register(ctx, p.id, actor, p.name)
    return [Cand(s2, end, actor, 9, person=p.id)]


@lru_cache(maxsize=1)
def _continuations() -> frozenset[str]:
    data = json.loads(resources.files("storyline").joinpath(
        "data/rules/names.json").read_text(encoding="utf-8"))
    return frozenset(data["continuations"])


def _name_continues(ctx: Ctx, j: int) -> bool:
    """'Harris County', 'the Lincoln Memorial': a capitalised word after the name makes it
    part of a place's or institution's name (``data/rules/names.json``)."""
    return j < len(ctx.toks) and ctx.toks[j].raw[:1].isupper() and \
        ctx.toks[j].norm in _continuations()


def _resolve_org(ctx: Ctx, i: int, j: int, e: Entry) -> list[Cand]:
    """An organisation's name: the organisation, unless it only qualifies a compound
    ("NATO-led"; an intergovernmental body still counts)."""
    o = ctx.kb.organisations[e.ref]
    if _hyphen_compound(ctx, j) and o.role not in ("IGO",):
        return []
    # "the UN's Syria envoy": an office of the body, handled by titles.
    start, end = ctx.toks[i].start, ctx.toks[j - 1].end
    return [Cand(start, end, org_actor(o, ctx.text[start:end]), 8)]


def _resolve_generic(ctx: Ctx, i: int, j: int, e: Entry) -> list[Cand]:
    """A generic body ("the government", "rebels"): whose it is, from a people's
    adjective, an 'of' chain, or the story's (or regime's) country."""
    kb, toks, text = ctx.kb, ctx.toks, ctx.text
    start, end = toks[i].start, toks[j - 1].end
    surface = text[start:end]
    g = kb.generic[e.ref]
    if i > 0 and toks[i].hyphen_before and toks[i - 1].norm in ("rebel", "regime"):
        return []
    if _next_norm(ctx, j) in ("held",) and toks[j].hyphen_before:
        return []
    if g.scope == "none":
        return [Cand(start, end, Actor(surface, g.name, "INTL", None, g.role), 3)]  # type: ignore[arg-type]
    if _people_adjective(ctx, i) is not None:
        # "Kurdish fighters", "Rohingya militants": a people's, not the story country's
        s0 = toks[i - 1].start
        name = f"{text[s0:toks[i - 1].end]} {g.phrase}"
        return [Cand(s0, end, Actor(text[s0:end], name, "unk-" + slug(name).replace("_", "-"),
                                    None, g.role), 3)]  # type: ignore[arg-type]
    iso3 = _of_country(ctx, j) or (ctx.regime if g.scope == "regime" else ctx.story)
    if iso3 is None:
        return [Cand(start, end, Actor(surface, g.phrase, f"UNK{g.role}", None, g.role), 2)]  # type: ignore[arg-type]
    return [Cand(start, end, country_actor(kb, iso3, g.role, surface), 3)]


def _resolve_demonym(ctx: Ctx, i: int, j: int, kinds: dict[str, Entry]) -> list[Cand] | None:
    """A demonym ("Turkish troops"); None when the word is also the country's name and
    no noun follows it ("which the US made unavailable"), so it names the country."""
    toks = ctx.toks
    nxt = ctx.by_idx.get(toks[j].start) if j < len(toks) else None
    first = ctx.by_idx.get(toks[i].start)
    if first is not None and nxt is not None and first.ent_type_ == "ORG" and \
            first.ent_iob_ == "B" and nxt.ent_iob_ == "I" and nxt.text[:1].isupper():
        return []  # "Americans United for Change", "American Family Voices": a body's name
    adj = _demonym(ctx, i, j, kinds["demonym"].ref)
    if adj or "country" not in kinds or toks[j - 1].hyphen_before or (
            nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")):
        return adj
    return None


def _resolve_country(ctx: Ctx, i: int, j: int, e: Entry) -> list[Cand]:
    """A country's or capital's name: its government, unless the name is only a place
    here (after a locative, a sea's name, a dateline, a process) or a possessive's owner."""
    toks, text = ctx.toks, ctx.text
    start, end = toks[i].start, toks[j - 1].end
    surface = text[start:end]
    iso3 = e.ref
    if _hyphen_compound(ctx, j):
        return []
    if i > 0 and toks[i].hyphen_before and toks[i - 1].norm in ("pro", "anti"):
        return []
    if _only_a_place(ctx, i, e.kind):
        return []
    line_start = start == 0 or text[start - 1] == "\n"
    if e.kind == "capital" and (surface.isupper() or text[end:end + 1] == ":"
                                or (line_start and text[end:end + 1] in ",:")):
        return []  # a dateline
    if _next_norm(ctx, j) == "'" and _next_norm(ctx, j, 1) == "s":
        got = _after_possessive(ctx, i, j + 2, iso3)
        if got is not None:
            return got
    if _next_norm(ctx, j) in PROCESS_WORDS or (
        _next_norm(ctx, j) == "peace" and _next_norm(ctx, j, 1) in PROCESS_WORDS
    ):
        return []  # "the Astana talks", "the Sochi agreement"
    return [Cand(start, end, country_actor(ctx.kb, iso3, "GOV", surface), 5)]


def _only_a_place(ctx: Ctx, i: int, kind: str) -> bool:
    """Whether the words before a country or capital make it a place, not an actor
    ("in Syria", "the Gulf of Mexico", "in Tehran and Moscow")."""
    prev = _prev_words(ctx, i)
    blocked = CAPITAL_PLACE if kind == "capital" else LOCATIVE
    if prev and prev[-1] in blocked:
        return True
    if len(prev) >= 2 and prev[-1] == "of" and prev[-2] in WATER_FEATURES:
        return True  # "the Gulf of Mexico", "the Sea of Japan": a sea's name, no actor
    return len(prev) == 2 and prev[-1] in ("and", ",") and bool(prev[-2]) and _place_before(ctx, i)


def _of_country(ctx: Ctx, j: int, limit: int = 8) -> str | None:
    """The country an 'of' chain after a generic body names ("the government of Mali",
    "the Ministry of Health of Ethiopia"): that body is the named country's, not the
    story's. Capitalised words may stand between the 'of's ("of Foreign Affairs of");
    None when the chain ends in anything else."""
    toks, k = ctx.toks, j
    while k < len(toks) and k - j < limit and toks[k].norm == "of" and \
            "\n" not in ctx.text[toks[k - 1].end:toks[k].start]:
        k += 1
        if k < len(toks) and toks[k].norm == "the":
            k += 1
        got = _match(ctx, k) if k < len(toks) else None
        if got is not None:
            country = next((e.ref for e in got[1] if e.kind == "country"), None)
            if country is not None and toks[k].raw[:1].isupper():
                return country
        while k < len(toks) and k - j < limit and (toks[k].raw[:1].isupper() or (
                toks[k].norm in ("and", "&") and k > j)):
            k += 1  # "Health", "Foreign Affairs and Trade"
    return None


def _place_before(ctx: Ctx, i: int) -> bool:
    """'in Tehran and Moscow': the name after 'and' is a place like the one before."""
    toks = ctx.toks
    k = i - 2
    while k >= 0 and toks[k].raw[:1].isupper():
        k -= 1
    return k >= 0 and toks[k].norm in LOCATIVE


def _after_possessive(ctx: Ctx, i: int, k: int, iso3: str) -> list[Cand] | None:
    """'Turkey's military', 'Russia's foreign minister', 'Turkey's official Anadolu'."""
    words = _noun_run(ctx, k)
    if not words:
        return None
    title = _title_in(ctx, words)
    if title is not None:
        return []  # titles are resolved by _title_mentions
    role, last = _role_of(ctx, words)
    if role is None:
        return None
    start, end = ctx.toks[i].start, ctx.toks[last].end
    return [Cand(start, end, country_actor(ctx.kb, iso3, role, ctx.text[start:end]), 6)]


def _noun_run(ctx: Ctx, k: int, limit: int = 4) -> list[int]:
    """Token indexes of the lower-case noun phrase starting at ``k``."""
    out: list[int] = []
    toks = ctx.toks
    titled = k < len(toks) and toks[k].raw[:1].isupper()
    while k < len(toks) and len(out) < limit:
        t = toks[k]
        if not t.raw.isalpha():
            break
        if t.raw[:1].isupper() != titled and not (titled and t.norm in ("of", "and")):
            break
        st = ctx.by_idx.get(t.start)
        if st is not None and st.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ",
                                          "PART", "NUM") and t.norm not in ("forces", "force"):
            break
        out.append(k)
        k += 1
    return out


def _role_of(ctx: Ctx, words: list[int]) -> tuple[str | None, int]:
    """The role of the noun phrase (its last role noun decides) and its last token."""
    nouns = ctx.kb.role_nouns
    norms = [ctx.toks[w].norm for w in words]
    role, last = None, -1
    for a in range(len(norms)):
        for b in (2, 1):
            if a + b <= len(norms):
                phrase = " ".join(norms[a:a + b])
                if phrase in nouns:
                    role, last = nouns[phrase], words[a + b - 1]
                    break
    return role, last


def _title_in(ctx: Ctx, words: list[int]) -> tuple[str, int, int] | None:
    """A title (office code, first, last token index) at the start of ``words``."""
    norms = [ctx.toks[w].norm for w in words]
    for b in (4, 3, 2, 1):
        phrase = " ".join(norms[:b])
        if len(norms) >= b and phrase in ctx.kb.titles:
            return ctx.kb.titles[phrase], words[0], words[b - 1]
    return None


def _demonym(ctx: Ctx, i: int, j: int, iso3: str) -> list[Cand]:
    kb, toks, text = ctx.kb, ctx.toks, ctx.text
    surface = text[toks[i].start:toks[j - 1].end]
    if _hyphen_compound(ctx, j):
        return []
    c = kb.countries[iso3]
    # "Syrians", "Turks": people of the country.
    if surface in c.demonyms[1:] and surface.endswith("s") and surface != c.adjective:
        prev = _prev_words(ctx, i, 1)
        role = "REF" if prev and prev[-1] in ("displaced", "refugee", "fleeing") else "CVL"
        return [Cand(toks[i].start, toks[j - 1].end,
                     country_actor(kb, iso3, role, surface), 4)]
    # Skip a chain of other demonyms: "Turkish and Russian officials", "Turkish-Russian".
    k = j
    while k < len(toks):
        if toks[k].norm in ("and", ",", "or") or (toks[k].hyphen_before and _is_demonym(ctx, k)):
            k += 1
            continue
        if _is_demonym(ctx, k):
            k += 1
            continue
        break
    words = _noun_run(ctx, k)
    if not words:
        return []
    if _title_in(ctx, words) is not None:
        return []  # a title: "the Russian president", handled by _title_mentions
    noun_role, last = _role_of(ctx, words)
    if noun_role is None:
        return []
    chained = k > j
    end = toks[last].end if not chained else toks[j - 1].end
    span_text = text[toks[i].start:end]
    return [Cand(toks[i].start, end, country_actor(kb, iso3, noun_role, span_text), 6)]


def _is_demonym(ctx: Ctx, k: int) -> bool:
    got = _match(ctx, k)
    return bool(got and any(e.kind == "demonym" for e in got[1]) and got[0] == k + 1)


def _extend_title_left(ctx: Ctx, i: int) -> int:
    """Start of 'Turkish President Recep Tayyip Erdogan' given the name's first token."""
    toks = ctx.toks
    k = i
    while k > 0:
        t = toks[k - 1]
        if t.norm in ("'", "s") and k >= 2:
            k -= 1
            continue
        if t.norm in TITLE_LEFT and t.norm not in ("the", "his", "her", "their", "of", "for"):
            k -= 1
            continue
        if _is_demonym(ctx, k - 1) or (t.raw[:1].isupper() and _match(ctx, k - 1)
                                       and any(e.kind == "country"
                                               for e in (_match(ctx, k - 1) or (0, []))[1])):
            k -= 1
            continue
        break
    while k < i and toks[k].norm in ("'", "s"):
        k += 1
    return toks[k].start


def _register(ctx: Ctx, pid: str, actor: Actor, name: str) -> None:
    ctx.doc_people.setdefault(pid, actor)
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if words:
        ctx.doc_surnames.setdefault(_norm(words[-1]), pid)
    for alias in (ctx.kb.people[pid].aliases if pid in ctx.kb.people else []):
        if " " not in alias and "-" not in alias:
            ctx.doc_surnames.setdefault(_norm(alias), pid)


def _regime_country(ctx: Ctx) -> str | None:
    """The country the document calls a regime ('the Syrian regime', 'Assad's regime')."""
    counts: Counter[str] = Counter()
    toks = ctx.toks
    for k, t in enumerate(toks):
        if t.norm != "regime" or k == 0:
            continue
        b = k - 1
        if toks[b].norm == "s" and b >= 2 and toks[b - 1].norm == "'":
            b -= 2
        for a in range(max(0, b - 3), b + 1):
            got = _match(ctx, a)
            if got and got[0] == b + 1:
                for e in got[1]:
                    if e.kind in ("demonym", "country"):
                        counts[e.ref] += 1
                    elif e.kind == "person":
                        country = ctx.kb.people[e.ref].country
                        if country:
                            counts[country] += 1
                break
    return counts.most_common(1)[0][0] if counts else None


_FIRSTS: dict[int, tuple[Any, frozenset[str]]] = {}


def _title_first_words(titles: Any) -> frozenset[str]:
    """The first words of the knowledge base's titles (cached per title table)."""
    got = _FIRSTS.get(id(titles))
    if got is None or got[0] is not titles:
        got = (titles, frozenset(p.split(" ", 1)[0] for p in titles))
        _FIRSTS[id(titles)] = got
    return got[1]


def _title_mentions(ctx: Ctx) -> list[Cand]:
    """'the Turkish president', "Russia's foreign minister", 'the Russian leader'."""
    kb, toks, text = ctx.kb, ctx.toks, ctx.text
    out: list[Cand] = []
    max_len = 5
    firsts = _title_first_words(kb.titles)
    for k in range(len(toks)):
        if toks[k].norm not in firsts:
            continue  # no title starts with this word (the phrases below all would)
        title = None
        for b in range(max_len, 0, -1):
            if k + b <= len(toks):
                phrase = " ".join(t.norm for t in toks[k:k + b])
                if phrase in kb.titles:
                    title = (kb.titles[phrase], b)
                    break
        if title is None:
            continue
        office, b = title
        after = k + b
        # Followed by a name: the name (with the title) is resolved elsewhere.
        if after < len(toks) and toks[after].raw[:1].isupper() and toks[after].raw.isalpha():
            continue
        if after < len(toks) and toks[after].norm in ("of",) and office in ("HOS", "HOG", "FM"):
            continue  # "president of the council"
        if after < len(toks) and toks[after].hyphen_before:
            continue  # "president-elect"
        # The country: a demonym or "<Country>'s" just before.
        iso3, s = None, k
        if k >= 1:
            got = None
            for a in range(max(0, k - 3), k):
                g = _match(ctx, a)
                if g and g[0] == k:
                    got = (a, g[1])
                    break
            if got:
                a, entries = got
                for e in entries:
                    if e.kind in ("demonym", "country"):
                        iso3, s = e.ref, a
            elif k >= 3 and toks[k - 1].norm == "s" and toks[k - 2].norm == "'":
                for a in range(max(0, k - 5), k - 2):
                    g = _match(ctx, a)
                    if g and g[0] == k - 2:
                        for e in g[1]:
                            if e.kind in ("country", "capital"):
                                iso3, s = e.ref, a
                        break
        if iso3 is None:
            prev = toks[k - 1].norm if k else ""
            if prev not in ("the",) or office not in ("HOS", "HOG", "FM", "DEF", "LEADER"):
                continue
            # "the president": the last person with that office mentioned.
            person = _last_with_office(ctx, office, toks[k].start)
            if person is None:
                continue
            s = k - 1
        else:
            if kb.countries.get(iso3) is None:
                continue
            holders = kb.holders(iso3, office, ctx.published)
            if office == "LEADER" and not holders:
                holders = kb.holders(iso3, "HOS", ctx.published)
            if not holders:
                continue
            mentioned = [p for p in holders if p.id in ctx.doc_people]
            person = (mentioned or holders)[0]
        st = toks[s].start
        if s > 0 and toks[s - 1].norm == "the":
            st = toks[s - 1].start
        end = toks[after - 1].end
        if text[end:end + 1] == "s" or (after < len(toks) and toks[after].norm == "s"
                                        and toks[after].start == end):
            continue  # plural "presidents"
        actor = person_actor(kb, person, ctx.published, text[st:end])
        out.append(Cand(st, end, actor, 8, person=person.id))
        ctx.doc_people.setdefault(person.id, actor)
    return out


def _last_with_office(ctx: Ctx, office: str, before: int) -> Person | None:
    for pid in reversed(list(ctx.doc_people)):
        p = ctx.kb.people.get(pid)
        if p is None:
            continue
        t = p.tenure_on(ctx.published)
        if t and (t.office == office or (office == "LEADER" and t.leader)):
            return p
    return None


def _unknown_people(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """People spaCy finds that the knowledge does not know (analysts, officials...)."""
    _kb, text = ctx.kb, ctx.text
    out: list[Cand] = []
    taken = [(c.start, c.end) for c in cands]
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON":
            continue
        s, e = ent.start_char, ent.end_char
        if len(ent) == 1 and ent.end < len(ctx.doc):
            nxt = ctx.doc[ent.end]
            if nxt.is_title and nxt.is_alpha and not nxt.is_sent_start and nxt.ent_type_ == "":
                e = nxt.idx + len(nxt.text)  # "Kerim Has": the tagger stopped at one word
        while e > s and text[e - 1] in "'’s" and text[e - 2:e] in ("'s", "’s"):
            e -= 2
        name = text[s:e].strip()
        words = name.split()
        if any(s < te and ts < e for ts, te in taken):
            continue
        if words and words[0].lower().rstrip(".") in HONORIFICS:
            words = words[1:]
        if len(words) < 2 or not all(w[:1].isupper() for w in words) or name.isupper():
            continue
        if any(_norm(w) in ("president", "minister") for w in words):
            continue
        if _is_place(ctx, name):
            continue
        pid = slug(" ".join(words))
        country, role = _appositive(ctx, ent.sent.start_char, ent.sent.end_char, s, e)
        actor = Actor(text=text[s:e], name=" ".join(words), id=pid, country=country, role=role)  # type: ignore[arg-type]
        _register(ctx, pid, actor, " ".join(words))
        ctx.doc_people[pid] = actor
        out.append(Cand(s, e, actor, 5, person=pid))
    return out


def _is_place(ctx: Ctx, name: str) -> bool:
    from storyline.annotate.places import gazetteer

    gz = gazetteer()
    if ctx.story and any(c.country == ctx.story for c in gz.lookup(name)):
        return True
    return bool(ctx.story and gz.fuzzy(name, [ctx.story], min_ratio=100.0))


def _appositive(ctx: Ctx, s0: int, s1: int, s: int, e: int) -> tuple[str | None, str]:
    """Country and role of a person from what the sentence says about them."""
    kb, text = ctx.kb, ctx.text
    window = text[e:min(s1, e + 160)]
    m = re.match(r"\s*,\s*([^,;:\"“”]*)", window)
    desc = m.group(1) if m else ""
    # a description before the name ("... by Ethiopian Foreign Minister Dawit Bekele"):
    # the nationality nearest the name is theirs, not a place the clause names ("signed
    # in Nairobi by ..."); after it, a place describes them ("an analyst in Nairobi")
    nearest = not desc
    if not desc:
        before = text[s0:s]
        m2 = re.search(r"([^,;:\"“”]*),?\s*$", before)
        desc = m2.group(1) if m2 else ""
    country: str | None = None
    role = "UNK"
    dtoks = _tokens(desc)
    base = desc
    bm = re.search(r"([A-Z][\w]+)[-\s]based", base)
    if bm:
        country = _country_of_name(ctx, bm.group(1))
    for k in range(len(dtoks)):
        got = _match_in(ctx, dtoks, k)
        if not got:
            continue
        for ent in got:
            if ent.kind == "org":
                o = kb.organisations[ent.ref]
                role = o.role if o.role != "MED" else "MED"
                country = country or o.country
            elif ent.kind in ("demonym", "country", "capital") and (country is None or nearest):
                if nearest and ent.kind != "demonym" and k and dtoks[k - 1].norm in CAPITAL_PLACE:
                    continue  # "signed in Nairobi by ...": where, not whose
                country = ent.ref
    if country is None:
        caps = list(re.finditer(r"(\w+\s+)?\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)", desc))
        for cap in reversed(caps) if nearest else caps:
            if nearest and cap[1] and cap[1].strip().lower() in CAPITAL_PLACE:
                continue  # "Speaking in Nairobi, ...": where, not whose
            country = _country_of_name(ctx, cap[2])
            if country:
                break
    words = {t.norm for t in dtoks}
    if role == "UNK":
        role = _title_role(kb, dtoks[-2:] if nearest else dtoks)
    if role == "UNK":
        if words & OFFICIAL_WORDS and country:
            role = "GOV"
        elif words & MEDIA_WORDS:
            role = "MED"
        elif words & EXPERT_WORDS:
            role = "CVL"
    return country, role


def _title_role(kb: Knowledge, toks: list[Tok]) -> str:
    """The role a person's title gives (``person_titles`` of roles.json): "Governor" right
    before the name, "a retired admiral" in the description after it; else UNK."""
    norms = [t.norm for t in toks]
    for k, w in enumerate(norms):
        role = kb.person_titles.get(" ".join(norms[k:k + 2])) or kb.person_titles.get(w)
        if role is not None:
            return role
    return "UNK"


def _match_in(ctx: Ctx, toks: list[Tok], k: int) -> list[Entry] | None:
    node = ctx.lex.trie
    best = None
    j = k
    while j < len(toks):
        nxt = node.get(toks[j].norm)
        if nxt is None:
            break
        node = nxt
        j += 1
        if None in node and toks[k].raw[:1].isupper():
            best = node[None]
    return best


def _country_of_name(ctx: Ctx, name: str) -> str | None:
    toks = _tokens(name)
    got = _match_in(ctx, toks, 0) if toks else None
    for e in got or []:
        if e.kind in ("country", "capital", "demonym"):
            return e.ref
    try:
        from storyline.annotate.places import gazetteer

        return gazetteer().country_of(name)
    except (OSError, ValueError):
        return None


def _surname_mentions(ctx: Ctx, chosen: list[Cand]) -> list[Cand]:
    """Later mentions by surname ('Erdogan', 'Mr Khlebnikov', 'Has said')."""
    kb, toks, text = ctx.kb, ctx.toks, ctx.text
    out: list[Cand] = []
    taken = SpanSet((c.start, c.end) for c in chosen)
    for k, t in enumerate(toks):
        if not t.raw[:1].isupper() or len(t.raw) < 2 or not t.raw.isalpha():
            continue
        if taken.overlaps(t.start, t.end):
            continue
        if k + 1 < len(toks) and toks[k + 1].hyphen_before and toks[k + 1].norm in (
            "backed", "based", "led", "supporter", "supported"
        ):
            continue
        pid = ctx.doc_surnames.get(t.norm)
        if pid is None and len(t.norm) >= 6:
            for sn, p in ctx.doc_surnames.items():
                if len(sn) >= 6 and fuzz.ratio(sn, t.norm) >= 85:
                    pid = p
                    break
        honor = k > 0 and toks[k - 1].norm in ("mr", "mrs", "ms", "dr")
        st = ctx.by_idx.get(t.start)
        if pid is None:
            ids = ctx.lex.surnames.get(t.norm, [])
            live = [kb.people[p] for p in ids if kb.people[p].tenure_on(ctx.published)]
            if len(live) == 1:
                pid = live[0].id
            elif len(ids) == 1 and ctx.published is None:
                pid = ids[0]
            if pid is None:
                continue
            if st is not None and st.is_stop and not honor:
                continue
            if st is not None and st.pos_ != "PROPN" and not honor:
                continue
        if _name_continues(ctx, k + 1):
            continue  # "Harris County": a place named after someone
        # A common word that is also a surname ("Has said") needs a cue.
        if st is not None and (st.is_stop or st.pos_ in ("AUX", "VERB")) and not honor:
            nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
            prv = toks[k - 1].norm if k > 0 else ""
            if nxt not in SAYING and prv not in SAYING:
                continue
        start = toks[k - 1].start if honor else t.start
        # "Assad's regime": the government, not the man.
        j = k + 1
        if j + 1 < len(toks) and toks[j].norm == "'" and toks[j + 1].norm == "s":
            j += 2
        word = toks[j].norm if j < len(toks) else ""
        pro = t.hyphen_before and k > 0 and toks[k - 1].norm in ("pro", "anti")
        person = kb.people.get(pid)
        country = person.country if person else ctx.doc_people[pid].country if pid in \
            ctx.doc_people else None
        if (word in REGIME_WORDS or pro) and country:
            s2 = toks[k - 1].start if pro else start
            e2 = toks[j].end if word in REGIME_WORDS else t.end
            out.append(Cand(s2, e2, country_actor(kb, country, REGIME_WORDS.get(word, "MIL"),
                                                  text[s2:e2]), 6))
            continue
        if person is not None:
            actor = person_actor(kb, person, ctx.published, text[start:t.end])
        else:
            base = ctx.doc_people[pid]
            actor = Actor(text[start:t.end], base.name, base.id, base.country, base.role)
        ctx.doc_people.setdefault(pid, actor)
        out.append(Cand(start, t.end, actor, 4, person=pid))
    return out
