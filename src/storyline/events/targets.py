"""Targets the object does not name: rules of ``data/rules/targets.json``.

When neither the object of an event nor the fallbacks of :mod:`.actors` give a target,
:func:`rule_target` looks where an analyst would: a place the act lands on ("imposed a
curfew in districts of Kashmir": India's people, written "districts of Kashmir"), the group
that holds a site ("the rebel-held enclave": the rebels), the country whose thing the
object is ("the ban on Cypriot vessels": Cyprus), and whom an act of giving is meant to
help ("sent food to help displaced families"). Each rule lists the event types it
applies to and has an example (``tests/test_targets.py`` codes each one).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.tokens import Doc, Token

from storyline.annotate import doc_text
from storyline.events import lexicon as lx
from storyline.events.actors import _LEADING, _actors_at, _unnamed_actor
from storyline.events.roles import _core_span
from storyline.events.syntax import _OBJ, _appos_head, _counted, _lemma, _touches, _Trig
from storyline.model import Actor, ActorMention, PlaceMention

log = logging.getLogger(__name__)

_PLACE_KINDS = frozenset({"place", "admin1", "country", "area"})


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The target rules (``data/rules/targets.json``)."""
    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/rules/targets.json").read_text(encoding="utf-8"))
    return data


def _first_named(doc: Doc, cands: Sequence[Token], actors: Sequence[ActorMention],
                 damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
                 ) -> Actor | list[Actor] | None:
    """The actor the first candidate that names one names (dates and sums name no one)."""
    for who in cands:
        if who.ent_type_ in _NOT_ACTORS:
            continue
        found = _named(doc, who, actors, damaged, places)
        if found is not None:
            return found
    return None


def _named(doc: Doc, tok: Token, actors: Sequence[ActorMention],
           damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
           ) -> Actor | list[Actor] | None:
    """The actor ``tok`` names as an object: a found actor mention, else one read from the
    phrase itself (:func:`storyline.events.actors._unnamed_actor`)."""
    if tok.pos_ == "NOUN":
        # "the Acme chief executive, Jane Moss": the person the title's apposition names
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                found = _actors_at(c, actors, damaged) or _unnamed_actor(
                    doc, c, damaged, places, subject=False)
                if found is not None:
                    return found
    return _actors_at(tok, actors, damaged) or _unnamed_actor(
        doc, tok, damaged, places, subject=False) or _described_group(doc, tok, damaged)


def _described_group(doc: Doc, tok: Token | None, damaged: Sequence[tuple[int, int]]
                     ) -> Actor | None:
    """"those hurt in the blast", "all those who attended the rally": a pronoun
    that a clause, adjective or phrase after it describes is the group described, as
    written (the ``described_groups`` rule)."""
    spec = rules()["described_groups"]
    if tok is None or tok.lower_ not in spec["words"] or tok.pos_ not in ("PRON", "DET"):
        return None
    mods = [c for c in tok.children if c.i > tok.i and c.dep_ in ("acl", "relcl", "amod", "prep")]
    if not mods:
        return None  # a bare "those" stands for someone named before
    lo = tok.idx
    last = mods[-1].right_edge
    hi = last.idx + len(last.text)
    text = doc_text(doc)[lo:hi].strip()
    if _touches(lo, hi, damaged) or "\n" in text or len(text) > 80:
        return None
    from storyline.annotate.actors import slug

    civilian = any(_lemma(m) in spec["civilian"] for m in mods)
    return Actor(text=text, name=text, id="unk-" + slug(text).replace("_", "-"), country=None,
                 role="CVL" if civilian else "UNK")


def rule_target(doc: Doc, trig: _Trig, tgt_tok: Token | None, actors: Sequence[ActorMention],
                damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                source: Actor | list[Actor] | None = None) -> Actor | list[Actor] | None:
    """The target by the rules of ``targets.json``, for an event without one; None when
    no rule finds one. The act a threat, demand or agreement names is looked into as well
    ("threatened to shell Haifa", "agreed to lift the ban on British beef")."""
    found = _pronoun_target(tgt_tok, actors, damaged, source) or _described_group(
        doc, tgt_tok, damaged) or _addressee(doc, trig, actors, damaged, places) or \
        _relative_object(doc, trig, tgt_tok, actors, damaged, places) or _target_of(
        doc, trig, tgt_tok, actors, damaged, places) or _accused_clause(
        doc, trig, actors, damaged, places, source)
    if found is not None or not trig.verbal:
        return _not_source(found, source)
    found = _phrasal_object(doc, trig.token, actors, damaged, places)
    if found is not None:
        return _not_source(found, source)
    if trig.type in ("THREATEN", "REQUEST", "REJECT", "AGREE", "ACCUSE"):
        for c in trig.token.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                typ = (lx.VERBS.get(_lemma(c)) or (trig.type, None))[0] or trig.type
                obj = _act_object(c)
                inner = _Trig(c, typ, None, verbal=True, extra=None)
                found = _described_group(doc, obj, damaged) or _phrasal_object(
                    doc, c, actors, damaged, places) or _target_of(
                    doc, inner, obj, actors, damaged, places, outer=trig.type)
                if found is not None:
                    return _not_source(found, source)
    return _not_source(_described_act(doc, trig, actors, damaged, places) or _effort_target(
        doc, trig, places, source), source)


def main_country(places: Sequence[PlaceMention], besides: set[str] | frozenset[str] = frozenset()
                 ) -> str | None:
    """The country the article's places name most often, other than those ``besides``
    when another is named; None when no place names a country."""
    from collections import Counter

    counts = Counter(p.country for p in places if p.country and p.kind in _PLACE_KINDS)
    if not counts:
        return None
    others = Counter({c: n for c, n in counts.items() if c not in besides})
    return (others or counts).most_common(1)[0][0]


def _effort_target(doc: Doc, trig: _Trig, places: Sequence[PlaceMention],
                   source: Actor | list[Actor] | None) -> Actor | None:
    """"has given $6m to the relief effort": the people of the country the article's places
    name most often, other than the giver's when another is named (the ``efforts`` rule),
    written as its most frequent place; None when the article names no place."""
    from collections import Counter

    for rule in rules()["efforts"]["rules"]:
        if trig.type not in rule["types"]:
            continue
        words = set(rule["nouns"])
        effort = next((t for t in trig.token.subtree if _lemma(t) in words and
                       t.pos_ == "NOUN" and any(
            _lemma(m) in rule["modifiers"] and m.pos_ != "PROPN" for m in t.children
            if m.dep_ in ("compound", "amod", "nmod"))), None)  # not "the Sahel Relief Fund"
        if effort is None:
            continue
        own = {a.country for a in (source if isinstance(source, list) else
                                   [source] if source else []) if a.country}
        # the giver's own people only when no one else is named
        iso3 = main_country(places, besides=own)
        if iso3 is None:
            return None
        where = Counter(p.text for p in places if p.country == iso3).most_common(1)[0][0]
        from storyline.annotate.actors import country_actor
        from storyline.knowledge import load_knowledge

        return country_actor(load_knowledge(), iso3, "CVL", where)
    return None


def _act_object(verb: Token) -> Token | None:
    """The object of a named act, also when the parser hangs it on the act's adjective
    ("vowed to hold accountable those behind the fraud": "those", an object of
    "accountable")."""
    obj = next((o for o in verb.children if o.dep_ in _OBJ), None)
    if obj is not None:
        return obj
    return next((o for a in verb.children if a.pos_ == "ADJ" and a.dep_ in (
        "ccomp", "acomp", "oprd", "xcomp") for o in a.children if o.dep_ in _OBJ), None)


def _phrasal_object(doc: Doc, verb: Token, actors: Sequence[ActorMention],
                    damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
                    ) -> Actor | list[Actor] | None:
    """"look after families left homeless by the storm", "care for the wounded": the object of
    the preposition a phrasal verb takes (the ``phrasal_objects`` rule)."""
    preps = rules()["phrasal_objects"]["verbs"].get(_lemma(verb))
    if not preps:
        return None
    for p in _pobjs(verb, preps):
        found = _named(doc, p, actors, damaged, places)
        if found is not None:
            return _as_described(doc, p, found, damaged)
    return None


def _as_described(doc: Doc, tok: Token, found: Actor | list[Actor],
                  damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor]:
    """A group a common noun names, written with the participle that says which ("families
    left homeless by the storm", not "families")."""
    acl = next((c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    if not isinstance(found, Actor) or tok.pos_ != "NOUN" or acl is None:
        return found
    lo = _core_span(tok)[0]
    end = acl.right_edge.idx + len(acl.right_edge.text)
    text = doc_text(doc)[lo:end].strip()
    if _touches(lo, end, damaged) or "\n" in text or len(text) > 80 or not text.startswith(
            found.text):
        return found
    return Actor(text=text, name=found.name, id=found.id, country=found.country,
                 role=found.role)


def _addressee(doc: Doc, trig: _Trig, actors: Sequence[ActorMention],
               damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
               ) -> Actor | list[Actor] | None:
    """"wrote a letter to the minister, asking for funds", "phoned the county clerk
    asking for the records": a request made in writing, calling or sending to someone is made
    of whom the message goes to (the ``addressees`` rule)."""
    spec = rules()["addressees"]
    tok = trig.token
    if not trig.verbal or trig.type not in spec["types"] or tok.tag_ != "VBG" or \
            tok.dep_ not in ("advcl", "xcomp", "conj") or _lemma(tok.head) not in spec["verbs"]:
        return None
    verb = tok.head
    objs = [o for o in verb.children if o.dep_ in ("dobj", "dative") and o.i < tok.i]
    cands = [*objs, *_pobjs(verb, ("to",)), *(p for o in objs for p in _pobjs(o, ("to",)))]
    return _first_named(doc, cands, actors, damaged, places)


def _not_source(found: Actor | list[Actor] | None, source: Actor | list[Actor] | None
                ) -> Actor | list[Actor] | None:
    """No rule's target is one of the event's sources."""
    src = {a.id for a in (source if isinstance(source, list) else [source] if source else [])}
    if found is None or not src:
        return found
    if isinstance(found, list):
        kept = [a for a in found if a.id not in src]
        return kept[0] if len(kept) == 1 else kept or None
    return None if found.id in src else found


def _pronoun_target(tok: Token | None, actors: Sequence[ActorMention],
                    damaged: Sequence[tuple[int, int]], source: Actor | list[Actor] | None
                    ) -> Actor | list[Actor] | None:
    """An object pronoun stands for the nearest actor named before it in its sentence that
    fits it and is not the source: "him"/"her" a person, "them" a group or several, "it"
    a state or body ("called Ruto to assure him", "accusing him of complicity")."""
    spec = rules()["pronouns"]
    if tok is None or tok.lower_ not in spec["words"] or tok.dep_ not in ("dobj", "pobj"):
        return None
    kind = spec["words"][tok.lower_]
    src_ids = {a.id for a in (source if isinstance(source, list) else [source] if source else [])}
    for m in sorted(actors, key=lambda m: -m.start):
        if m.end > tok.idx or m.start < tok.sent.start_char or \
                _touches(m.start, m.end, damaged) or m.actor.id in src_ids:
            continue
        person = "_" in m.actor.id
        if (kind == "person") == person:
            return m.actor
    return None


def _described_act(doc: Doc, trig: _Trig, actors: Sequence[ActorMention],
                   damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
                   ) -> Actor | list[Actor] | None:
    """The one the object's own clause acts on: "lifted sanctions imposed on China",
    "rejected appeals to release the jailed aid worker", "accepted an invitation to meet
    with the rebel chief",
    "rejected the proposal submitted by the port company"."""
    spec = rules()["described_acts"]
    if trig.type not in spec["types"]:
        return None
    for anchor in _anchors(trig)[1:]:
        for c in anchor.children:
            if c.dep_ != "acl" or c.pos_ != "VERB" or not (c.tag_ == "VBN" or any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
                continue  # a participle ("imposed on") or an infinitive ("to meet with")
            cands = [o for o in c.children if o.dep_ in ("dobj", "obj")]
            cands += list(_pobjs(c, spec["preps"]))
            cands += [x for a in c.children if a.dep_ == "agent" for x in a.children
                      if x.dep_ == "pobj"]
            found = _first_named(doc, cands, actors, damaged, places)
            if found is not None:
                return found
    return None


def _target_of(doc: Doc, trig: _Trig, tgt_tok: Token | None, actors: Sequence[ActorMention],
               damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
               outer: str | None = None) -> Actor | list[Actor] | None:
    return (_other_object(doc, trig, tgt_tok, actors, damaged, places)
            or _noun_of(doc, trig, tgt_tok, actors, damaged, places)
            or _held(doc, trig, tgt_tok, damaged, places)
            or _object_prep(doc, trig, actors, damaged, places)
            or _place_target(doc, trig, tgt_tok, actors, damaged, places)
            or _demonym_object(doc, trig, tgt_tok, actors, damaged, outer)
            or _purpose(doc, trig, actors, damaged, places))


def _anchors(trig: _Trig) -> list[Token]:
    """The words whose prepositions may name the target: the trigger, the object that
    typed it ("imposed a curfew in X"), and the trigger's direct objects."""
    out = [trig.token]
    if trig.extra is not None:
        out.append(trig.extra)
    if trig.verbal:
        out.extend(c for c in trig.token.children if c.dep_ == "dobj" and c not in out)
        # "agreed to a ceasefire in X": the event noun the verb takes
        out.extend(p for p in _pobjs(trig.token, ("to", "on", "for"))
                   if p not in out and _lemma(p) in lx.NOUNS)
    return out


def _other_object(doc: Doc, trig: _Trig, tgt_tok: Token | None,
                  actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
                  places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    """Another direct object of the trigger when the first names no one ("will see his
    host, the Austrian chancellor Anna Lind", parsed as two objects)."""
    if not trig.verbal:
        return None
    for c in trig.token.children:
        if c.dep_ != "dobj" or (tgt_tok is not None and c.i == tgt_tok.i) or (
                trig.extra is not None and c.i == trig.extra.i):
            continue
        found = _named(doc, c, actors, damaged, places)
        if found is not None:
            return found
    return None


def _noun_of(doc: Doc, trig: _Trig, tgt_tok: Token | None,
             actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
             places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    """The "of" phrase of an event noun done to someone ("the arrest of the opposition
    leader", "the bombardment of Aleppo"): its patient, as the target."""
    spec = rules()["noun_of"]
    if trig.verbal or tgt_tok is not None or trig.type not in spec["types"] or \
            _lemma(trig.token) in spec["except"]:
        return None
    for p in _pobjs(trig.token, ("of",)):
        found = _named(doc, p, actors, damaged, places) or _place_actor(
            doc, p, "CVL", actors, damaged, places)
        if found is not None:
            return found
    return None


def _object_prep(doc: Doc, trig: _Trig, actors: Sequence[ActorMention],
                 damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
                 ) -> Actor | list[Actor] | None:
    """"shared evidence with X", "a mediation effort between X and Y", "accepted the
    demands by X", "rejected the envoy's request": who the object is with or whose."""
    preps = rules()["object_preps"]["preps"]
    for anchor in _anchors(trig)[1:]:
        for c in anchor.children:
            who = None
            if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
                who = c
            elif c.dep_ == "prep" and c.lower_ in preps:
                who = next((x for x in c.children if x.dep_ == "pobj"), None)
            if who is None or who.ent_type_ in _NOT_ACTORS:
                continue
            found = _named(doc, who, actors, damaged, places)
            if found is not None:
                return found
    return None


_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                         "QUANTITY"})


def _pobjs(tok: Token, preps: Sequence[str]) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            yield from (x for x in c.children if x.dep_ == "pobj")


def _phrase(doc: Doc, tok: Token, damaged: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    lo, hi = _core_span(tok)
    if _touches(lo, hi, damaged) or "\n" in doc_text(doc)[lo:hi] or hi - lo > 80:
        return None
    return lo, hi


def _place_actor(doc: Doc, tok: Token, role: str, actors: Sequence[ActorMention],
                 damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                 kinds: Sequence[str] = ()) -> Actor | list[Actor] | None:
    """The country a place phrase stands for ("districts of Kashmir" -> India's people), or
    the state it names when it is an actor already ("Syria")."""
    span = _phrase(doc, tok, damaged)
    if span is None:
        return None
    lo, hi = span
    known = _actors_at(tok, actors, damaged)
    if known is not None:
        return known
    place = next((p for p in places if p.start < hi and p.end > lo and p.kind in (
        kinds or _PLACE_KINDS) and p.country), None)
    if place is None or place.country is None:
        return None
    from storyline.annotate.actors import country_actor
    from storyline.knowledge import load_knowledge

    text = doc_text(doc)[lo:hi].strip()
    return country_actor(load_knowledge(), place.country, role, _LEADING.sub("", text) or text)


def _place_target(doc: Doc, trig: _Trig, tgt_tok: Token | None,
                  actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
                  places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    for rule in rules()["places"]["rules"]:
        if trig.type not in rule["types"]:
            continue
        for anchor in _anchors(trig):
            cands = list(_pobjs(anchor, rule["preps"]))
            if "dobj" in rule["preps"] and tgt_tok is not None and anchor.i == tgt_tok.i:
                cands.append(anchor)
            for p in cands:
                found = _place_actor(doc, p, rule["role"], actors, damaged, places,
                                     rule.get("kinds", ()))
                if found is not None:
                    return found
    return None


def _held(doc: Doc, trig: _Trig, tgt_tok: Token | None,
          damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention] = ()) -> Actor | None:
    """"the rebel-held enclave": the rebels, of the country the site is in when the
    sentence places it ("rebel-held Idlib", "opposition-held areas of northern Syria")."""
    if tgt_tok is None:
        if trig.verbal:
            return None
        tgt_tok = next(_pobjs(trig.token, ("of", "on", "against")), None)
        if tgt_tok is None:
            return None
    holders: dict[str, str] = rules()["held"]["holders"]
    for t in doc[tgt_tok.left_edge.i:tgt_tok.i]:
        if t.lower_ != "held" or t.i < 2 or doc[t.i - 1].text not in ("-", "–"):
            continue
        who = doc[t.i - 2]
        role = holders.get(_lemma(who)) or holders.get(who.lower_)
        if role is None or _touches(who.idx, who.idx + len(who.text), damaged):
            continue
        from storyline.annotate.actors import ROLE_NOUN, slug

        name = ROLE_NOUN.get(role, "people") if role != "REB" else "rebels"
        country = _site_country(tgt_tok, places)
        if country is not None:
            from storyline.annotate.actors import country_actor
            from storyline.knowledge import load_knowledge

            return country_actor(load_knowledge(), country, role, who.text)
        return Actor(text=who.text, name=name, id="unk-" + slug(name).replace("_", "-"),
                     country=None, role=role)  # type: ignore[arg-type]
    return None


def _site_country(site: Token, places: Sequence[PlaceMention]) -> str | None:
    """The country of a site: the place it names, else one place its sentence names."""
    sent = site.sent
    lo, hi = site.left_edge.idx, site.right_edge.idx + len(site.right_edge.text)
    inside = [p.country for p in places if p.country and p.kind != "process"
              and p.start < hi and p.end > lo]
    if inside:
        return inside[0]
    around = {p.country for p in places if p.country and p.kind != "process"
              and sent.start_char <= p.start < sent.end_char}
    return around.pop() if len(around) == 1 else None


def _demonym_object(doc: Doc, trig: _Trig, tgt_tok: Token | None,
                    actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
                    outer: str | None) -> Actor | list[Actor] | None:
    """"the ban on Cypriot vessels": Cyprus; "rejected U.S. calls": the United States;
    "a hunger strike against violations by the city police": the police (whose the
    thing is, or who did it, along the object's chain of prepositions)."""
    spec = rules()["demonym_objects"]
    if (outer or trig.type) not in spec["types"]:
        return None
    start = tgt_tok
    if start is None and trig.type == "PROTEST":
        # "began a hunger strike in protest against new laws imposed by X"
        start = next(_pobjs(trig.token, ("against", "over", "in")), None)
    seen = 0
    tok: Token | None = start
    while tok is not None and seen < 4:
        seen += 1
        found = _whose(tok, actors, damaged) or _done_by(doc, tok, actors, damaged)
        if found is not None:
            return found
        tok = next(_pobjs(tok, ("on", "of", "against", "to", "for", "over")), None) or (
            next(_pobjs(tok, ("against",)), None) if tok.lower_ == "protest" else None)
    return None


def _whose(tok: Token, actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]]
           ) -> Actor | list[Actor] | None:
    """The state a noun's modifier names ("Cypriot vessels", "U.S. calls")."""
    for c in tok.children:
        if c.dep_ not in ("amod", "compound", "poss", "nmod") or c.i > tok.i:
            continue
        if _touches(c.idx, c.idx + len(c.text), damaged):
            continue
        known = _actors_at(c, actors, damaged)
        if isinstance(known, Actor) and known.country and known.role == "GOV" and \
                "_" not in known.id:
            return known
        iso3 = lx.demonyms().get(c.lower_)
        if iso3 is not None:
            from storyline.annotate.actors import country_actor
            from storyline.knowledge import load_knowledge

            return country_actor(load_knowledge(), iso3, "GOV", c.text)
    return None


def _done_by(doc: Doc, tok: Token, actors: Sequence[ActorMention],
             damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    """Who did the thing a noun names: "violations by the police", "laws imposed by
    the government"."""
    whos = list(_pobjs(tok, ("by",)))
    whos += [x for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
             for a in c.children if a.dep_ == "agent" for x in a.children if x.dep_ == "pobj"]
    for who in whos:
        found = _named(doc, who, actors, damaged, ())
        if found is not None:
            return found
    return None


def _purpose(doc: Doc, trig: _Trig, actors: Sequence[ActorMention],
             damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention]
             ) -> Actor | list[Actor] | None:
    """"sent food to help displaced families": the families; "went on strike to protest
    the minister's decision": the minister."""
    heads = [trig.token, *(c for c in trig.token.children if c.dep_ == "dobj")]
    verb = trig.token.head
    for _ in range(3):
        # "went on strike to protest ...", "are months into an operation to quash ...":
        # the clause of the noun, through its preposition and the noun that takes it
        if trig.verbal or verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i or \
                verb.dep_ not in ("prep", "pobj", "attr", "dobj"):
            break
        verb = verb.head
    if not trig.verbal and verb.pos_ in ("VERB", "AUX"):
        heads.append(verb)
    for rule in rules()["purposes"]["rules"]:
        if trig.type not in rule["types"]:
            continue
        for h in heads:
            for c in h.children:
                if c.dep_ not in ("advcl", "xcomp", "acl", "relcl") or \
                        _lemma(c) not in rule["verbs"] or not (c.tag_ == "VBG" or any(
                            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
                    continue
                obj = next((o for o in c.children if o.dep_ in ("dobj", "obj")), None)
                if obj is None:
                    continue
                whose = [x for x in obj.children if x.dep_ == "poss" and x.pos_ in (
                    "PROPN", "NOUN")]
                for who in [obj, *whose]:
                    found = _named(doc, who, actors, damaged, places) or _place_actor(
                        doc, who, "CVL", actors, damaged, places) or _demonym_object(
                        doc, trig, who, actors, damaged, "PROTEST")
                    if found is not None:
                        return found
    return None


def _relative_object(doc: Doc, trig: _Trig, tgt_tok: Token | None,
                     actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
                     places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    """"the Front, which the army accuses of the bombing": the noun the relative clause
    describes is the one acted on."""
    spec = rules()["relative_objects"]
    if tgt_tok is None or tgt_tok.lower_ not in spec["words"] or \
            tgt_tok.dep_ not in ("dobj", "nsubjpass") or trig.token.dep_ != "relcl":
        return None
    described = _appos_head(trig.token.head)
    return _named(doc, described, actors, damaged, places)


def _accused_clause(doc: Doc, trig: _Trig, actors: Sequence[ActorMention],
                    damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                    source: Actor | list[Actor] | None) -> Actor | list[Actor] | None:
    """"complained that the militants have been shelling its base": the subject of the
    clause an accusation reports (no pronoun: "said it had been shelled" names no one)."""
    spec = rules()["accused_clauses"]
    if not trig.verbal or trig.type not in spec["types"] or \
            _lemma(trig.token) not in spec["verbs"]:
        return None
    for c in trig.token.children:
        if c.dep_ != "ccomp":
            continue
        subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        return _not_source(_named(doc, subj, actors, damaged, places), source)
    return None


def recipient_verbs() -> frozenset[str]:
    """The verbs whose 'to' phrase names a recipient: the lexicon's verbs of giving
    (:data:`.lexicon.TRANSFER_VERBS`) and the rule's verbs of handing back or sending
    ("returned", "deployed"), which are no transfers of their own."""
    return lx.TRANSFER_VERBS | frozenset(rules()["recipients"]["more_verbs"])


def recipient_target(doc: Doc, trig: _Trig, actors: Sequence[ActorMention],
                     damaged: Sequence[tuple[int, int]], places: Sequence[PlaceMention],
                     source: Actor | list[Actor] | None, obj: Token | None = None
                     ) -> Actor | list[Actor] | None:
    """Who receives what the act hands over (the ``recipients`` rule). Without ``obj``,
    before the object is looked at: for a verb of giving or sending ("donated $1 million
    to the World Food Programme", "returned the Benin Bronzes to Nigeria"), the 'to'
    phrase on the verb or on its object, or a dative, since what is handed over (which
    may read as a name) is no one acted on; a unit sent to a mission lands on the
    mission's country. With ``obj``, the object that named no one, for any verb: its
    'to' or 'for' phrase or dative ("gave firearms to the Marines")."""
    spec = rules()["recipients"]
    if not trig.verbal or (obj is None and _lemma(trig.token) not in recipient_verbs()):
        return None
    preps = spec["preps"] if obj is None else spec["after_object"]["preps"]
    heads = list(trig.token.children)
    if obj is None:
        objs = [o for o in heads if o.dep_ == "dobj"]
        heads += [x for o in objs for x in o.children]
        heads += [x for o in objs if _counted(o) is not o for x in _counted(o).children]
        # "paid $5m in compensation to the farmers": on what the sum is paid in
        heads += [x for p in _pobjs(trig.token, spec["paid_in"]["preps"]) for x in p.children]
    for c in heads:
        rec = c if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN") else next(
            (x for x in c.children if x.dep_ == "pobj"), None) if (
            c.dep_ in ("prep", "dative") and c.lower_ in preps) else None
        if rec is None or rec.ent_type_ in _NOT_ACTORS or (obj is not None and rec.i == obj.i):
            continue
        if obj is None and _lemma(rec) in spec["missions"]:
            for p in _pobjs(rec, ("in",)):
                found = _place_actor(doc, p, "CVL", actors, damaged, places)
                if found is not None:
                    return _not_source(found, source)
        found = _named(doc, rec, actors, damaged, places) or (_place_actor(
            doc, rec, "CVL", actors, damaged, places) if obj is None else None)
        if found is not None:
            return _not_source(_as_described(doc, rec, found, damaged), source)
    return None
