"""Location of an event: the place its own clause puts it in ("in Idlib", "near
Saraqib", "at the Sochi summit"), from the resolved place mentions; else None.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.events import lexicon as lx
from storyline.events.dating import _anchor_verb
from storyline.events.syntax import _lemma, _touches, _Trig
from storyline.model import (
    Location,
    PlaceMention,
)

_LOC_PREPS = {"in", "near", "at", "outside", "inside", "around", "across", "throughout",
              "within", "along", "over"}

_TARGET_LOC_PREPS = {"on", "against", "into", "onto", "toward", "towards"}

_PLACE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "PROTEST"}


def _place_in(span_lo: int, span_hi: int, places: Sequence[PlaceMention],
              damaged: Sequence[tuple[int, int]]) -> PlaceMention | None:
    inside = [p for p in places if span_lo <= p.start and p.end <= span_hi and p.name]
    inside = [p for p in inside if not _touches(p.start, p.end, damaged)]
    return inside[0] if inside else None


def _location(trig: _Trig, places: Sequence[PlaceMention],
              damaged: Sequence[tuple[int, int]]) -> Location | None:
    """The place the event's own clause puts it in: the object of a locative preposition
    ("in Idlib", "near Saraqib", "in the Russian resort of Sochi") on the trigger, on the
    verb a noun event hangs from, or on the verb an infinitive event depends on; a place
    naming a noun event ("the Sochi summit", "the Idlib offensive"); for attacks and
    deployments also the place attacked ("an offensive on Idlib"). None otherwise: a
    place elsewhere in the sentence may be another event's."""
    if not places:
        return None
    tok = trig.token
    heads = [tok]
    if not trig.verbal:
        for c in tok.children:
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                got = _place_in(c.idx, c.idx + len(c.text), places, damaged)
                if got is not None and got.admin1 is not None:  # a city, not a party
                    return Location(name=got.name, country=got.country, lat=got.lat,
                                    lon=got.lon)
        # "the ceasefire signed in Nairobi": the participle that describes the event
        # places it before the clause it is mentioned in ("news of it reached Doka")
        heads += [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        verb = tok.doc[_anchor_verb(trig)]
        if verb.i != tok.i:
            heads.append(verb)
    else:
        cur = tok
        for _ in range(3):
            if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
                cur = cur.head
                heads.append(cur)
            else:
                break
    if trig.extra is not None:
        heads.insert(1, trig.extra)
    if trig.verbal:
        # "met leaders ... in Tehran", "attacked positions in Idlib": the parse may hang
        # the place on the object
        heads += [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep" or (h.i != tok.i and h.dep_ in ("dobj", "obj") and
                                    c.lower_ not in _LOC_PREPS):
                continue
            low = c.lower_
            if low in _LOC_PREPS or (low in _TARGET_LOC_PREPS and trig.type in _PLACE_TYPES):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is None or _lemma(pobj) in lx.NOT_PLACES or \
                        tok.i in (t.i for t in pobj.subtree):
                    continue  # "in spite of", "in support of", or the event's own phrase
                lo = min(t.idx for t in pobj.subtree)
                hi = max(t.idx + len(t.text) for t in pobj.subtree)
                got = _place_in(lo, hi, places, damaged)
                if got is not None:
                    return Location(name=got.name, country=got.country, lat=got.lat,
                                    lon=got.lon)
    return None
