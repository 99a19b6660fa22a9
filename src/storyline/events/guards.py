"""Guards: drop coded events whose sentence or arguments show they are no event.

A coder finds triggers; a guard looks at the trigger in its sentence and says when the
"event" is the page talking (reader comments, site furniture), a force of nature
acting ("the explosion destroyed the rig"), or a verb of attack applied to a substance
("burn off the oil"). Each guard is a function registered with :func:`guard`; its words
and an example it must drop (and one it must keep) are data, in
``data/rules/guards.json``. ``tests/test_guards.py`` codes every example.

Adding a guard: write its entry in ``guards.json`` (name, doc, words, example, keeps)
and a function decorated with ``@guard("name")`` taking the trigger token and the entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.tokens import Token

from storyline.annotate import doc_text
from storyline.model import Event

Guard = Callable[[Token, dict[str, Any], Event | None], bool]
_GUARDS: dict[str, Guard] = {}
_QUOTES = frozenset({'"', "“", "”", "``", "''", "«", "»"})


def guard(name: str) -> Callable[[Guard], Guard]:
    """Register ``func`` as the guard ``name`` (it returns True to drop the event)."""

    def deco(func: Guard) -> Guard:
        _GUARDS[name] = func
        return func

    return deco


@lru_cache(maxsize=1)
def rules() -> list[dict[str, Any]]:
    """The guard entries of ``data/rules/guards.json``, in order."""
    data = json.loads(files("storyline").joinpath("data/rules/guards.json")
                      .read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = data["guards"]
    for e in entries:
        for key, value in e.items():
            if isinstance(value, list):
                e[key] = frozenset(value)
    return entries


def dropped_by(trigger: Token, event: Event | None = None) -> str | None:
    """The name of the first guard that drops the event of ``trigger`` (coded as ``event``,
    when the guard needs its actors), or None."""
    for entry in rules():
        func = _GUARDS.get(entry["name"])
        if func is not None and func(trigger, entry, event):
            return str(entry["name"])
    return None


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


@guard("not_reporting")
def _not_reporting(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    from storyline.events import lexicon as lx

    sent = tok.sent
    low = sent.text.lower()
    if any(w in low for w in rule["web"]):
        return True
    for m in re.finditer(rule["phone"], sent.text):
        if sum(ch.isdigit() for ch in m.group()) >= 9:
            return True  # a service line's number: the page talking
    if any(t.text in _QUOTES for t in sent):
        return False
    personal = any(t.lower_ in rule["pronouns"] and t.pos_ == "PRON"
                   and not (t.lower_ == "us" and t.text != "us")
                   and not (t.lower_ == "i" and t.text != "I") for t in sent)
    # (a lower-case "i" is part of a name, "Jamiat-i-Islami"; "US" is the country)
    if not personal:
        return False
    if event is not None and event.source is not None and "\n" not in tok.doc.text.strip():
        # one line is all there is (a sentence or wire item the user gave, no page)
        from storyline.events.syntax import _subject_of

        subj = _acting(tok) or _subject_of(tok)[0]
        if subj is not None and subj.pos_ in ("PROPN", "NOUN") and \
                subj.lower_ not in rule["pronouns"]:
            return False  # "Norway is ready to lend our engineers": an
            # actor named as the one who acts, in reported words without quotation marks
    return not any(_lemma(t) in lx.SPEECH_VERBS for t in sent if t.pos_ == "VERB")


def _acting(tok: Token) -> Token | None:
    """Who or what does the act of verb ``tok``: its subject, the agent of a passive, or
    the noun a relative clause or participle describes."""
    for c in tok.children:
        if c.dep_ == "agent":
            return next((x for x in c.children if x.dep_ == "pobj"), None)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is not None and subj.lower_ in ("that", "which", "who") and tok.dep_ == "relcl":
        return tok.head
    if subj is None and tok.dep_ in ("relcl", "acl") and tok.tag_ != "VBN":
        return tok.head
    if subj is None and tok.dep_ == "conj":
        return _acting(tok.head)
    if subj is None and tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i != tok.i:
        return _acting(tok.head)  # "the rig exploded, killing 11 workers": the rig
    return subj


@guard("non_agent_subject")
def _non_agent_subject(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    actor = _acting(tok) if tok.pos_ in ("VERB", "AUX") else None
    if actor is None:
        return False
    if actor.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    if _lemma(actor) not in rule["lemmas"]:
        return False
    from storyline.knowledge import load_knowledge

    if _lemma(actor) in rule["machines"]:
        return True  # "BP's rig exploded": an installation does not act, whoever owns it
    roles = dict(load_knowledge().role_nouns)
    # "rebel fire", "Russian fire", "the army's fire": someone's act, not a force of nature
    return not any(c.dep_ in ("amod", "compound", "poss") and (
        c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or c.lower_ in roles
        or _lemma(c) in roles) for c in actor.children)


@guard("accident_cause")
def _accident_cause(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"] or not any(c.dep_ in ("auxpass", "nsubjpass")
                                                    for c in tok.children):
        return False
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in rule["preps"] and any(
        x.dep_ == "pobj" and _lemma(x) in rule["causes"] for x in c.children)
        for c in tok.children)


@guard("question_about")
def _question_about(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return False  # "asked the allies to send troops": a request
    return any(c.dep_ == "prep" and c.lower_ in rule["preps"] for c in tok.children)


@guard("substance_object")
def _substance_object(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    heads = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for prt in (c for c in tok.children if c.dep_ in ("prt", "prep")):
        heads.extend(x for x in prt.children if x.dep_ == "pobj")
    words: set[str] = set()
    for h in heads:
        words.add(_lemma(h))
        for c in h.children:  # "more of the oil", "millions of barrels"
            if c.dep_ == "prep" and c.lower_ == "of":
                words.update(_lemma(x) for x in c.children if x.dep_ == "pobj")
    return bool(words & rule["objects"])


@guard("habitual")
def _habitual(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in rule["adverbs"] for c in tok.children)


@guard("sourcing")
def _sourcing(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "pobj" and cur.head.lower_ == "to" and cur.head.head.lower_ == "according":
            return True
        cur = cur.head
    return False


@guard("killed_thing")
def _killed_thing(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") and (
        c.lower_ in rule["objects"] or _lemma(c) in rule["objects"]) for c in tok.children)


@guard("burned_amount")
def _burned_amount(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    """"burned about half of the amount it could remove": the substance test on its own
    words, for "burn" alone (a "seized amount of weapons" is still a seizure)."""
    return _substance_object(tok, rule, event)


def _has_target(tok: Token) -> bool:
    """Whether the trigger has an object or an 'on'/'against' phrase naming someone."""
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "into"):
            return True
    return False


@guard("sport_sense")
def _sport_sense(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    from storyline.events.lexicon import NOUNS, VERBS

    lem = _lemma(tok)
    typ = (NOUNS.get(lem) or VERBS.get(lem) or ("", None))[0]
    if typ not in rule["types"]:
        return False
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", tok.sent.text.lower()))
    if len(words & rule["words"]) < rule["min_words"]:
        return False
    # a sport sentence naming a political actor as target is still an event
    return not any(t.ent_type_ in ("GPE", "NORP") and t.dep_ in ("dobj", "pobj")
                   for t in tok.sent) or not _has_target(tok)


@guard("election_sense")
def _election_sense(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", tok.sent.text.lower()))
    return len(words & rule["words"]) >= rule["min_words"]


@guard("quantity_object")
def _quantity_object(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"):
        objs.extend(x for x in prep.children if x.dep_ == "pobj")
    for o in objs:
        span = list(o.subtree)
        if any(t.ent_type_ in rule["entities"] for t in span):
            return True
        if _lemma(o) in rule["units"] or o.lower_ in rule["units"]:
            return True
    return False


@guard("withheld_detail")
def _withheld_detail(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    for c in tok.children:
        if c.dep_ == "xcomp" and _lemma(c) in rule["contents"]:
            objs = [o for o in c.children if o.dep_ in ("dobj", "obj")]
            return not objs or any(_lemma(o) in rule["objects"] or o.lower_ in rule["objects"]
                                   for o in objs)
    return False


@guard("page_object")
def _page_object(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if event is not None and event.source is not None and event.target is not None:
        return False  # "held discussions with the Somali president": actors on both sides
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and _lemma(c) in rule["lemmas"]:
            return True
    return tok.dep_ in ("amod", "acomp") and _lemma(tok.head) in rule["lemmas"]


@guard("headline_line")
def _headline_line(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    sent = tok.sent
    text = doc_text(tok.doc)  # not ``doc.text``: rebuilt from every token each time
    if "\n" not in text.strip():
        return False  # one line is all there is: a sentence or wire item the user gave
    lo, hi = sent.start_char, sent.end_char
    line_lo = text.rfind("\n", 0, lo) + 1
    line_hi = text.find("\n", lo)
    line_hi = len(text) if line_hi < 0 else line_hi
    line = text[line_lo:line_hi].strip()
    if not line or text[lo:hi].strip() != line:
        return False  # a sentence inside a paragraph
    if len(line.split()) > rule["max_words"]:
        return False
    return not line.endswith(tuple(rule["ends"]))



@guard("run_on_text")
def _run_on_text(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    words = sum(1 for t in tok.sent if not t.is_punct and not t.is_space)
    commas = sum(1 for t in tok.sent if t.text in (",", ";"))
    return words > rule["max_words"] and commas < rule["max_comma_share"] * words


def _sources(event: Event | None) -> list[Any]:
    if event is None or event.source is None:
        return []
    return list(event.source) if isinstance(event.source, list) else [event.source]


def _private(actors: list[Any], rule: dict[str, Any]) -> bool:
    """A civilian of any country, or an unknown person or group of no country."""
    from storyline.knowledge import load_knowledge

    known = load_knowledge().people
    return all(a.role in rule["roles"] and (
        a.role == "CVL" or (a.country is None and (a.id.startswith("unk") or (
            "_" in a.id and a.id not in known)))) for a in actors)  # "her boyfriend X"



@guard("private_travel")
def _private_travel(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    lem = _lemma(tok)
    if event is None or event.type not in rule["types"]:
        return False
    sources = _sources(event)
    if not sources or not _private(sources, rule):
        return False
    if lem in rule["verbs"]:
        # moving oneself: "returned home", "visited Canada"; "returned the fossils to
        # China" gives something back
        return lem in rule["place_object_verbs"] or not any(
            c.dep_ in ("dobj", "obj") for c in tok.children)
    if lem not in rule["meet_verbs"]:
        return False
    targets = [] if event.target is None else (
        event.target if isinstance(event.target, list) else [event.target])
    return _private(targets, rule)


@guard("office_object")
def _office_object(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if not objs:  # "seeks to address outbreaks": trying, not asking
        return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children)
    return any(_lemma(o) in rule["objects"] or o.lower_ in rule["objects"] for o in objs)


@guard("duty_charge")
def _duty_charge(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"] or not any(
            c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return False
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"):
        for x in prep.children:
            if x.dep_ == "pcomp" or (x.dep_ == "pobj" and (
                    x.tag_ == "VBG" or _lemma(x) in rule["duties"])):
                return True
    return False


@guard("own_business")
def _own_business(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    for o in (c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")):
        owners = {c.lower_ for c in o.children if c.dep_ == "poss"}
        if owners & rule["owners"] and (_lemma(o) in rule["objects"] or any(
                c.dep_ == "compound" and _lemma(c) in rule["objects"] for c in o.children)
                or o.lower_ in rule["objects"]):
            return True
    return False


@guard("took_charge")
def _took_charge(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    if not any(c.dep_ == "prt" and c.lower_ in rule["particles"] for c in tok.children):
        return False
    taken = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    taken += [x for c in tok.children if c.dep_ in ("prep", "prt")
              for x in c.children if x.dep_ == "pobj"]
    return not taken


@guard("medical_object")
def _medical_object(tok: Token, rule: dict[str, Any], event: Event | None = None) -> bool:
    if _lemma(tok) not in rule["verbs"]:
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return any(_lemma(o) in rule["objects"] for o in objs)
