"""Verb patterns of the event coder, as registered rules: where a newcomer adds a pattern.

A *pattern* is an event a verb makes only in a construction of its own ("pulled out of
the bloc", "ordered the mission to leave", "put the talks on hold", "placed under
arrest"), as opposed to the plain lexicon lookups of :mod:`.triggers` (a verb, a verb
with a particle, a verb with a typing object, a light verb with an event noun; their
words are data in :mod:`.lexicon`).

Each pattern is one function decorated with :func:`rule`, which names

* the verb lemmas it fires for (none: any verb, the function checks its own cue),
* the PLOVER type and mode it gives (``gives=None`` when the function builds the
  trigger itself, e.g. from the event noun it governs),
* an example sentence and the type :func:`storyline.code` gives it (``expect``):
  ``tests/test_event_patterns.py`` codes every example and checks that type and that
  the rule fires on it, so a rule without a working example fails the suite.

The function receives a :class:`Ctx` (the verb, its lemma, its objects and its
prepositional objects) and returns True (the rule fires with ``gives``), False/None
(it does not), a :class:`~storyline.events.syntax._Trig` (``gives=None`` rules), or
:data:`NO_EVENT` (the verb is no event here: stop looking).

Rules run in the order they are defined, in two stages: ``early`` rules run before the
lexicon tables, ``late`` rules after the verb+particle, verb+object, light-verb and
transfer tables but before the bare verb. The registry builds the lemma index that
dispatches them (:func:`match`), so adding a rule is adding a function here; order
matters only among rules that can fire for the same verb.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from spacy.tokens import Token

from storyline.events import lexicon as lx
from storyline.events.nouns import _noun_trigger, _peacekeeping
from storyline.events.syntax import (
    _SUBJ,
    _absolute_with,
    _lemma,
    _objects,
    _particle,
    _subject_of,
    _Trig,
)

__all__ = ["NO_EVENT", "RULES", "Ctx", "Found", "Rule", "Verdict", "fired", "match", "prep_objects", "rule"]


class _NoEvent:
    """The verb is not an event in this construction (a rule's verdict that stops the
    lookup, e.g. an auxiliary "be", "declined to comment")."""

    def __repr__(self) -> str:
        return "NO_EVENT"


NO_EVENT: Final = _NoEvent()

Verdict = bool | _Trig | _NoEvent | None  # what a rule returns
Found = _Trig | _NoEvent | None  # what a lookup gives: an event, NO_EVENT, or nothing


class Ctx:
    """What a rule looks at: the verb token, its lemma and (computed once, on demand)
    its objects and prepositional objects."""

    def __init__(self, tok: Token, lem: str, preps: dict[tuple[str, str], Token]) -> None:
        self.tok = tok
        self.lem = lem
        self.preps = preps  # (preposition, lemma of its object) -> object token

    @cached_property
    def objs(self) -> list[Token]:
        """The verb's objects (with their conjuncts)."""
        return list(_objects(self.tok))

    @cached_property
    def olems(self) -> set[str]:
        """Every lemma inside the verb's objects."""
        return {_lemma(t) for o in self.objs for t in o.subtree}

    @cached_property
    def deep(self) -> dict[tuple[str, str], Token]:
        """:attr:`preps` plus those hanging under "out" ("pulled out of X")."""
        tok = self.tok
        return {**self.preps, **{(c.lower_, _lemma(x)): x for p in tok.children
                                 if p.lower_ == "out"
                                 for c in p.children if c.dep_ == "prep"
                                 for x in c.children if x.dep_ == "pobj"}}

    def trig(self, typ: str, mode: str | None, extra: Token | None = None) -> _Trig:
        return _Trig(self.tok, typ, mode, verbal=True, extra=extra)


@dataclass(frozen=True, slots=True)
class Rule:
    """One registered pattern (see the module docstring)."""

    name: str
    stage: str
    lemmas: frozenset[str] | None
    gives: tuple[str, str | None] | None
    example: str
    expect: str | None  # the example's type; None: the rule says the verb is no event
    test: Callable[[Ctx], Verdict]


RULES: list[Rule] = []
_STAGES = ("early", "late")


def rule(*lemmas: str, gives: tuple[str, str | None] | None, example: str,
         expect: str | None = "", stage: str = "early",
         lemma_set: frozenset[str] | None = None) -> Callable[[Callable[[Ctx], Verdict]],
                                                              Callable[[Ctx], Verdict]]:
    """Register the decorated function as a pattern for ``lemmas`` (or ``lemma_set``; none
    given: any verb). ``expect`` defaults to ``gives``' type."""
    if stage not in _STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    names = frozenset(lemmas) | (lemma_set or frozenset())
    want = (gives[0] if gives else None) if expect == "" else expect

    def deco(fn: Callable[[Ctx], Verdict]) -> Callable[[Ctx], Verdict]:
        RULES.append(Rule(fn.__name__.lstrip("_"), stage, names or None, gives, example,
                          want, fn))
        return fn
    return deco


def _verdict(r: Rule, ctx: Ctx, got: Verdict) -> Found:
    if got is None or got is False:
        return None
    if got is True:
        if r.gives is None:
            raise TypeError(f"rule {r.name} returned True but gives no type")
        return ctx.trig(*r.gives)
    return got


_INDEX: dict[str, dict[str, tuple[Rule, ...]]] = {}
_ANY: dict[str, tuple[Rule, ...]] = {}


def _build_index() -> None:
    """The lemma index that dispatches the rules (rebuilt from :data:`RULES`)."""
    for stage in _STAGES:
        staged = [r for r in RULES if r.stage == stage]
        lemmas = {lem for r in staged for lem in (r.lemmas or ())}
        _INDEX[stage] = {lem: tuple(r for r in staged if r.lemmas is None or lem in r.lemmas)
                         for lem in lemmas}
        _ANY[stage] = tuple(r for r in staged if r.lemmas is None)


def prep_objects(tok: Token) -> dict[tuple[str, str], Token]:
    """(preposition, lemma of its object) -> object token, for the verb ``tok``."""
    return {(c.lower_, _lemma(x)): x for c in tok.children if c.dep_ == "prep"
            for x in c.children if x.dep_ == "pobj"}


def match(stage: str, tok: Token, lem: str,
          preps: dict[tuple[str, str], Token]) -> Found:
    """The first rule of ``stage`` that fires for the verb ``tok`` (lemma ``lem``)."""
    rules = _INDEX[stage].get(lem, _ANY[stage])
    if not rules:
        return None
    ctx = Ctx(tok, lem, preps)
    for r in rules:
        got = _verdict(r, ctx, r.test(ctx))
        if got is not None:
            return got
    return None


def fired(stage: str, tok: Token, lem: str,
          preps: dict[tuple[str, str], Token]) -> Rule | None:
    """The rule :func:`match` would use (for tests and for explaining a coding)."""
    ctx = Ctx(tok, lem, preps)
    for r in _INDEX[stage].get(lem, _ANY[stage]):
        if _verdict(r, ctx, r.test(ctx)) is not None:
            return r
    return None


# ---------------------------------------------------------------------------
# Helpers the rules share
# ---------------------------------------------------------------------------


def _addressee(tok: Token) -> Token | None:
    """The person or state told something ("told Russia", "told the Russian president"),
    not the media or an audience."""
    for c in tok.children:
        if c.dep_ in ("dative", "dobj", "obj") and c.pos_ in ("PROPN", "NOUN"):
            if c.ent_type_ in ("ORG", "FAC", "WORK_OF_ART") or _lemma(c) in lx.MEDIA_WORDS:
                return None
            if any(m.dep_ in ("poss", "compound", "appos", "amod") and (
                    (m.ent_type_ == "ORG" and not (c.pos_ == "NOUN" and _lemma(c) in lx.ADDRESSEES))
                    or _lemma(m) in lx.MEDIA_WORDS
                    or _lemma(m) in lx.PRESS_PEOPLE) for m in c.children):
                return None  # "told CNN's Larry King", "told BBC presenter Ann Lee"; the
                # BP chairman is BP's
            if c.ent_type_ in ("PERSON", "GPE", "NORP") or _lemma(c) in lx.ADDRESSEES:
                return c
    return None


def _demanded(tok: Token) -> Token | None:
    """The actor a speaker says must act ("said Turkey must withdraw", "stressed that
    all parties should respect the truce"): the subject of a must/should complement,
    when it is not the speaker."""
    subj, _ = _subject_of(tok)
    wants = _lemma(tok) in lx.WANT_VERBS  # "wants the company to raise wages"
    for c in tok.children:
        if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and (
                a.lower_ in ("must", "should", "ought") or (wants and a.lower_ == "to"))
                for a in c.children) or _counterfactual(c):
            continue  # "said the agency should have acted": a reproach, not a demand
        csubj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if csubj is None or (csubj.pos_ == "PRON" and csubj.lower_ in lx.SELF) or \
                csubj.lower_ in ("it", "there", "this", "that", "which"):
            continue  # (the pronoun "us", not "the US")
        if subj is not None and (_lemma(csubj) == _lemma(subj) or (
                csubj.lower_ in lx.ANAPHORS and csubj.lower_ != "they")):
            continue  # "he said he must ...", "Turkey said Turkey should ..."
        if csubj.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        return csubj
    return None


def _counterfactual(clause: Token) -> bool:
    """"should have sent", "ought to have warned": what was not done, in the past."""
    return any(a.dep_ == "aux" and a.lower_ in ("have", "'ve") for a in clause.children) and \
        clause.tag_ == "VBN"


def _reproached(tok: Token) -> Token | None:
    """The one a speaker says should have acted otherwise ("said the federal government
    should have sent more booms"): the active subject of a counterfactual should-clause,
    when it is not the speaker and names someone."""
    subj, _ = _subject_of(tok)
    for c in tok.children:
        if c.dep_ != "ccomp" or not _counterfactual(c) or not any(
                a.dep_ == "aux" and a.lower_ in ("should", "ought") for a in c.children):
            continue
        csubj = next((x for x in c.children if x.dep_ == "nsubj"), None)
        if csubj is None or csubj.pos_ not in ("PROPN", "NOUN") or (
                subj is not None and _lemma(csubj) == _lemma(subj)) or \
                _lemma(csubj) in lx.THINGS:
            continue
        return csubj
    return None


def _complement_subjects(c: Ctx) -> set[str]:
    """Lemmas of the subjects of the verb's clausal complements ("let the tanker sail")."""
    return {_lemma(x) for k in c.tok.children if k.dep_ in ("ccomp", "xcomp")
            for x in k.children if x.dep_ in _SUBJ}


def _has_xcomp(c: Ctx) -> bool:
    return any(k.dep_ == "xcomp" for k in c.tok.children)


# ---------------------------------------------------------------------------
# Early rules: before the lexicon tables, in this order
# ---------------------------------------------------------------------------


@rule(gives=("MOBILIZE", "troops"), example="Troops remained on alert along the border.")
def _on_alert(c: Ctx) -> Verdict:
    """"troops remained on alert", "put on standby" (CAMEO 15)."""
    return ("on", "alert") in c.preps or ("on", "standby") in c.preps


@rule("raise", "heighten", "increase", gives=("MOBILIZE", "troops"),
      example="The army heightened its readiness on Monday.")
def _raised_alert(c: Ctx) -> Verdict:
    """"the army raised its alert", "heightened its readiness"."""
    return any(_lemma(o) in ("alert", "readiness") for o in c.objs)


@rule("go", "be", "remain", "stay", "come", gives=("PROTEST", "strike"),
      example="Dock workers went on strike in Karachi on Monday.")
def _on_strike(c: Ctx) -> Verdict:
    return ("on", "strike") in c.preps


@rule(gives=("COERCE", None), example="The militants held villagers as human shields.")
def _human_shields(c: Ctx) -> Verdict:
    return ("as", "shield") in c.preps


@rule("take", gives=("PROTEST", "demo"), example="Thousands took to the streets of Algiers.")
def _took_to_streets(c: Ctx) -> Verdict:
    return ("to", "street") in c.preps or ("to", "streets") in c.preps


@rule(gives=("MOBILIZE", "troops"), example="The air force was placed at full readiness.")
def _combat_readiness(c: Ctx) -> Verdict:
    """"ordered to combat readiness"."""
    return any(k.dep_ == "prep" and k.lower_ in ("to", "on", "at") and any(
        _lemma(x) in ("readiness", "standby") for x in k.subtree) for k in c.tok.children)


@rule("be", gives=("CONSULT", "visit"),
      example="The foreign minister is on a three-nation tour of Africa.")
def _on_tour(c: Ctx) -> Verdict:
    return any(k[0] == "on" and k[1] in ("tour", "visit", "trip", "mission") for k in c.preps)


@rule("withdraw", "pull", gives=("SANCTION", "withdraw"),
      example="Ethiopia withdrew its peacekeepers from Somalia.")
def _peacekeepers_withdrawn(c: Ctx) -> Verdict:
    return any(_peacekeeping(o) for o in c.objs)


@rule("dispatch", "send", "deploy", gives=("ACCUSE", "investigate"),
      example="The agency dispatched inspectors to the plant.")
def _inspectors_sent(c: Ctx) -> Verdict:
    return bool(c.olems & lx.INSPECTORS)


@rule("withdraw", "pull", "quit", "leave", "exit", gives=("SANCTION", "withdraw"),
      example="Mali pulled out of the regional bloc.")
def _left_body(c: Ctx) -> Verdict:
    """"pulled out of ECOWAS", "withdrew from the treaty": reducing relations."""
    leaves = any(k[0] in ("from", "of") and (k[1] in lx.BODIES or x.ent_type_ == "ORG" or (
        x.text.isupper() and len(x.text) >= 3)) for k, x in c.deep.items())
    if not (leaves or (c.lem in ("quit", "leave", "exit") and any(
            o.ent_type_ == "ORG" or _lemma(o) in lx.BODIES for o in c.objs))):
        return False
    # a person leaving a company is a job change, not a state reducing relations ("Mr
    # Anderson, who quit the publisher in 2001"); a named body (a bloc, a treaty) counts
    if c.lem not in ("quit", "leave") or not c.objs or any(
            _lemma(o) in lx.BODIES for o in c.objs):
        return True  # "pulled out of ECOWAS", "left the alliance"
    subj, _ = _subject_of(c.tok)
    return subj is None or subj.ent_type_ != "PERSON" or bool(subj.conjuncts)


@rule("walk", gives=("REJECT", None), example="The opposition walked out of the talks.")
def _walked_out(c: Ctx) -> Verdict:
    return any(_lemma(k) == "out" for k in c.tok.children) and any(
        _lemma(x) in ("talk", "meeting", "negotiation", "session", "summit")
        for x in c.tok.subtree)


@rule("declare", gives=("SANCTION", "expel"),
      example="Moscow declared the military attache persona non grata.")
def _persona_non_grata(c: Ctx) -> Verdict:
    return any(t.lower_ == "grata" for t in c.tok.subtree)


@rule("bring", gives=("SANCTION", "withdraw"), example="Paris brought its ambassador home.")
def _brought_home(c: Ctx) -> Verdict:
    return any(k.lower_ == "home" for k in c.tok.children) and bool(c.olems & {
        "peacekeeper", "monitor", "observer", "ambassador", "diplomat"})


@rule("order", gives=("SANCTION", "expel"),
      example="The junta ordered the UN mission to leave the country.")
def _mission_ordered_out(c: Ctx) -> Verdict:
    return bool(c.olems & lx.ENVOYS_AND_MISSIONS) and any(
        k.dep_ == "xcomp" and _lemma(k) in ("leave", "quit", "depart", "go")
        for k in c.tok.children)


@rule("quit", gives=("RETREAT", "resign"), example="The defence minister quit on Friday.")
def _quit_post(c: Ctx) -> Verdict:
    return not c.objs or bool(c.olems & lx.POSTS)


@rule("let", gives=("RETREAT", "release"), example="Iran let the seized tanker sail.")
def _let_freed(c: Ctx) -> Verdict:
    """"let the seized tanker sail"."""
    return bool((c.olems | _complement_subjects(c)) & lx.FREED)


@rule(gives=("ACCUSE", "investigate"),
      example="Prosecutors placed the governor under investigation.")
def _under_investigation(c: Ctx) -> Verdict:
    return any(k[0] == "under" and k[1] in ("investigation", "probe", "scrutiny", "inquiry")
               for k in c.preps)


@rule("engage", "participate", "involve", "take", gives=None, expect="ASSAULT",
      example="The militia engaged in ethnic cleansing.")
def _engaged_in(c: Ctx) -> Verdict:
    """The event noun after "in" ("engaged in ethnic cleansing", "took part in talks")."""
    if not any(k[0] == "in" for k in c.preps) or (c.lem == "take" and "part" not in c.olems):
        return None
    for k, x in c.preps.items():
        hit = _noun_trigger(x) if k[0] == "in" else None
        if hit is not None and hit[0]:
            return c.trig(hit[0], hit[1])
    return None


@rule("abuse", gives=("ASSAULT", "sexual"), example="Soldiers sexually abused detainees.")
def _sexually_abused(c: Ctx) -> Verdict:
    return any(_lemma(k) == "sexually" for k in c.tok.children)


@rule("set", gives=("ASSAULT", "destroy"), example="Rioters set fire to the party offices.")
def _set_fire(c: Ctx) -> Verdict:
    return ("to", "") not in c.preps and any(
        _lemma(k) == "fire" for k in c.tok.children if k.dep_ in ("dobj", "prep")) and any(
        k[0] == "to" for k in c.preps)


@rule("prevent", "ban", "disperse", "block", "stop", "forbid", "prohibit",
      gives=("COERCE", "restrict"), example="Police dispersed the protesters with tear gas.")
def _stopped_protest(c: Ctx) -> Verdict:
    """"police prevented the rally"."""
    return any((_noun_trigger(o) or ("", None))[0] == "PROTEST" or _lemma(o) in lx.PROTESTERS
               for o in c.objs)


@rule("order", gives=("REQUEST", None),
      example="The court ordered the minister to testify.")
def _ordered_to_appear(c: Ctx) -> Verdict:
    return any(k.dep_ == "xcomp" and _lemma(k) in lx.ORDERED_ACTS for k in c.tok.children)


@rule(gives=("COERCE", "arrest"),
      example="Police placed the opposition leader under house arrest.")
def _under_arrest(c: Ctx) -> Verdict:
    return ("under", "arrest") in c.preps


@rule("expel", gives=("COERCE", "deport"),
      example="The government expelled thousands of Afghan refugees.")
def _expelled_population(c: Ctx) -> Verdict:
    """Expelling a population is coercion (PLOVER COERCE); diplomats, inspectors or aid
    workers, reducing relations (SANCTION expel, the lexicon's bare verb)."""
    return bool(c.olems & lx.POPULATIONS or any(
        t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") for o in c.objs
        for t in o.subtree)) and not c.olems & lx.EXPELLED_ENVOYS


@rule("remove", gives=("COERCE", "restrict"), example="The army removed the mayor.")
def _removed_official(c: Ctx) -> Verdict:
    return bool(c.olems & lx.OFFICIALS)


@rule("shut", gives=("COERCE", "censor"), example="Authorities shut down the newspaper.")
def _shut_down_outlet(c: Ctx) -> Verdict:
    return any(_lemma(k) == "down" for k in c.tok.children) and bool(c.olems & lx.OUTLETS)


@rule("steam", "sail", "cross", "head", "fly", "move", "enter", "patrol", "shadow",
      gives=("MOBILIZE", "weapons"), example="A US aircraft carrier steamed into the Gulf.")
def _warship_moved(c: Ctx) -> Verdict:
    """"a carrier steamed into the Gulf", "bombers flew over"."""
    subj, _ = _subject_of(c.tok)
    return subj is not None and _lemma(subj) in lx.WARSHIPS | lx.WAR_MACHINES and (
        _lemma(subj) != "group" or any(_lemma(k) in ("strike", "carrier")
                                       for k in subj.children))


@rule(gives=("MOBILIZE", "troops"),
      example="Troops paraded through the city in a show of force.")
def _show_of_force(c: Ctx) -> Verdict:
    return any(k[0] in ("in", "as") and k[1] == "show" for k in c.preps) and any(
        _lemma(x) == "force" for k, v in c.preps.items() if k[1] == "show" for x in v.subtree)


@rule("act", "serve", gives=("CONSULT", "third-party"),
      example="Qatar acted as a mediator between the two sides.")
def _mediator(c: Ctx) -> Verdict:
    return any(k[0] == "as" and k[1] in lx.GO_BETWEENS for k in c.preps)


@rule("be", gives=("AGREE", None),
      example="The government is open to dialogue with the rebels.")
def _open_to_dialogue(c: Ctx) -> Verdict:
    return any(_lemma(k) == "open" and any(
        _lemma(x) in ("dialogue", "talk", "negotiation", "discussion") for x in k.subtree)
        for k in c.tok.children if k.dep_ == "acomp")


@rule("ask", gives=("SUPPORT", None), example="The general asked for forgiveness.")
def _asked_forgiveness(c: Ctx) -> Verdict:
    return any(k[0] == "for" and k[1] in ("forgiveness", "pardon") for k in c.preps)


@rule("require", "condition", gives=("REQUEST", None),
      example="The court required the ministry to publish the figures.")
def _required(c: Ctx) -> Verdict:
    """"requires X to amend ...", "conditioned its aid on ..."."""
    return (c.lem == "require" and _has_xcomp(c)) or (
        c.lem == "condition" and c.tok.pos_ == "VERB" and bool(c.objs))


@rule("make", gives=("REQUEST", None),
      example="Israel made the release of the hostages a precondition for talks.")
def _made_precondition(c: Ctx) -> Verdict:
    return any(_lemma(k) in ("precondition", "condition", "prerequisite")
               for k in c.tok.children if k.dep_ in ("oprd", "attr", "dobj", "ccomp", "xcomp"))


@rule("propose", gives=("REQUEST", "appeal"),
      example="France proposed that the two sides meet in Geneva.")
def _proposed_that(c: Ctx) -> Verdict:
    return any(k.dep_ == "ccomp" and any(x.dep_ == "nsubj" for x in k.children)
               for k in c.tok.children)


@rule("put", gives=None, expect="SANCTION", example="Nigeria put its aid to the region on hold.")
def _put_on_hold(c: Ctx) -> Verdict:
    """"put talks on hold": the act that ends the event (:data:`~.lexicon.TERMINATED`)."""
    if ("on", "hold") not in c.preps:
        return None
    for o in c.objs:
        hit = _noun_trigger(o)
        if hit is not None and hit[0] in lx.TERMINATED:
            typ, mode = lx.TERMINATED[hit[0]]
            return c.trig(typ, mode, extra=o)
    return None


@rule("examine", gives=("ACCUSE", "investigate"),
      example="Investigators are examining whether the army used chemical weapons.")
def _examined_whether(c: Ctx) -> Verdict:
    return any(k.dep_ == "ccomp" and any(
        m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in k.children)
        for k in c.tok.children)


@rule("question", gives=("ACCUSE", "investigate"),
      example="Police questioned Sarkozy for ten hours.")
def _questioned(c: Ctx) -> Verdict:
    return any(o.ent_type_ in ("PERSON", "ORG") or _lemma(o) in (
        "suspect", "official", "minister", "president", "executive") for o in c.objs)


@rule("blast", gives=("ACCUSE", "disapprove"),
      example="Erdogan blasted Washington for its support of the militia.")
def _blasted(c: Ctx) -> Verdict:
    """"blasted X for ..."."""
    return any(o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or o.pos_ == "PROPN" or
               _lemma(o) in lx.role_nouns() for o in c.objs) or any(
        k.dep_ == "prep" and k.lower_ == "for" for k in c.tok.children)


@rule("allow", "permit", gives=("RETREAT", "access"),
      example="Syria allowed inspectors to visit the site.")
def _allowed_access(c: Ctx) -> Verdict:
    """"allowed inspectors to visit", "permitted fuel trucks to enter"."""
    return bool((_complement_subjects(c) | (c.olems if _has_xcomp(c) else set()))
                & lx.ADMITTED)


@rule("undertake", gives=("AGREE", None), example="Egypt undertook to help broker a truce.")
def _undertook(c: Ctx) -> Verdict:
    return _has_xcomp(c)


@rule("want", gives=("REQUEST", "appeal"), example="Kiev wants Moscow to stop the shelling.")
def _wanted(c: Ctx) -> Verdict:
    return bool(c.objs) and _has_xcomp(c)


@rule("invite", gives=("REQUEST", "appeal"),
      example="The council invited Israel to adopt the plan.")
def _invited_to(c: Ctx) -> Verdict:
    return any(k.dep_ == "xcomp" and _lemma(k) not in lx.INVITED_VISITS
        for k in c.tok.children)


@rule(gives=("COOPERATE", None),
      example="Chinese and Russian ships patrolled the strait together.")
def _jointly(c: Ctx) -> Verdict:
    """"patrolled the strait together", "jointly built": an act done together."""
    lem = c.lem
    return any(k.dep_ == "advmod" and k.lower_ in ("jointly", "together")
               for k in c.tok.children) and (
        lem not in lx.VERBS or lx.VERBS[lem][0] == "MOBILIZE") and lem not in (
        "meet", "talk", "say", "announce", "sign", "agree") and not any(
        (lem, p) in lx.VERB_PARTICLE for p in _particle(c.tok))


_TRAVEL = ("arrive", "land", "fly", "come", "travel", "head", "return")


@rule(*_TRAVEL, gives=("CONSULT", "visit"),
      example="The Iranian foreign minister arrived in Damascus on a two-day visit.")
def _arrived_on_visit(c: Ctx) -> Verdict:
    return any(k[1] in lx.VISITS and k[0] in ("on", "for") for k in c.preps)


@rule(*_TRAVEL, gives=("AID", None), example="Kenyan peacekeepers arrived in Haiti on Tuesday.")
def _peacekeepers_arrived(c: Ctx) -> Verdict:
    """Peacekeepers, rescuers or aid workers arriving somewhere ("British aid workers
    have arrived in Port-au-Prince"); not "came under fire" (an attack on them), nor
    "returned to their base"."""
    subj, _ = _subject_of(c.tok)
    return subj is not None and _peacekeeping(subj) and any(
        k[0] in ("in", "at", "to", "into") and (_lemma(x) in lx.ARRIVAL_PLACES or any(
            t.ent_type_ in ("GPE", "LOC", "FAC") for t in x.subtree))
        for k, x in c.preps.items()) and not any(k[0] == "under" for k in c.preps)


@rule("be", "have", "do", gives=None, expect=None,
      example="He has been in the capital since Monday.")
def _auxiliary(c: Ctx) -> Verdict:
    """An auxiliary is no event (and no other verb pattern applies to it)."""
    return NO_EVENT if c.tok.pos_ == "AUX" else None


@rule("mobilise", "mobilize", gives=("AID", None),
      example="Aid agencies have mobilised to help the flood victims.")
def _mobilised_to_help(c: Ctx) -> Verdict:
    """"mobilised to assist the Mexicans": help got ready, not forces (PLOVER AID)."""
    return any(k.dep_ in ("xcomp", "advcl") and lx.VERBS.get(_lemma(k), ("",))[0] == "AID"
               for k in c.tok.children)


@rule("take", gives=None, expect=None,
      example="Bob Ruiz, who takes over from Ann Cole as chief executive, spoke on Friday.")
def _took_over_from(c: Ctx) -> Verdict:
    """Taking over from someone is a succession in a post, not a seizure."""
    return NO_EVENT if "over" in _particle(c.tok) and any(
        k.dep_ == "prep" and k.lower_ == "from" and any(
            x.ent_type_ == "PERSON" or _lemma(x) in lx.role_nouns() for x in k.children)
        for k in c.tok.children) else None


@rule("talk", gives=("CONSULT", "phone"),
      example="Putin talked on the phone with Erdogan on Tuesday.")
def _talked_by_phone(c: Ctx) -> Verdict:
    return any(k.dep_ == "prep" and any(_lemma(x) in ("phone", "telephone")
                                        for x in k.children) for k in c.tok.children)


@rule("make", gives=("SANCTION", "discontinue"),
      example="Washington made the jets unavailable to Ankara.")
def _made_unavailable(c: Ctx) -> Verdict:
    """"the jets, which Washington kept from Ankara by making them unavailable": withholding."""
    return any(k.dep_ in ("oprd", "acomp", "ccomp") and _lemma(k) in (
        "unavailable", "inaccessible", "off-limits") for k in c.tok.children)


_DEMANDING = (lx.SPEECH_VERBS | {"conclude", "reaffirm", "remind"}) - {"tell"}


@rule(lemma_set=_DEMANDING, gives=("ACCUSE", None),
      example="The governor said the coast guard should have sent more boats.")
def _said_should_have(c: Ctx) -> Verdict:
    """"said X should have done more": a reproach of X (CAMEO 111, criticize)."""
    return _reproached(c.tok) is not None


@rule(lemma_set=_DEMANDING, gives=("REQUEST", None),
      example="Russia said Turkey must withdraw its troops.")
def _said_must(c: Ctx) -> Verdict:
    """"Russia said Turkey must withdraw": a demand on another actor (CAMEO 10)."""
    return _demanded(c.tok) is not None and any(
        a.dep_ == "aux" and a.lower_ == "must" for k in c.tok.children if k.dep_ == "ccomp"
        for a in k.children)


@rule(lemma_set=_DEMANDING, gives=("REQUEST", "appeal"),
      example="The minister said all parties should respect the truce.")
def _said_should(c: Ctx) -> Verdict:
    """"... should withdraw": advice, an appeal (CAMEO 02)."""
    return _demanded(c.tok) is not None


@rule(lemma_set=lx.WANT_VERBS, gives=("REQUEST", None),
      example="The union wants the company to raise wages.")
def _wants_someone_to(c: Ctx) -> Verdict:
    """"X wants Y to raise wages", "we need the government to send boats": a demand on
    another actor (CAMEO 10)."""
    return _demanded(c.tok) is not None


def _told_after(c: Ctx) -> list[Token] | None:
    """The words after "told" when someone (not the media) is told something."""
    if _addressee(c.tok) is None:
        return None
    return [t for t in c.tok.subtree if t.i > c.tok.i]


@rule("tell", gives=("REQUEST", None),
      example="Erdogan told Putin the regime must be controlled.")
def _told_must(c: Ctx) -> Verdict:
    """"X told Russia 'the regime must be controlled'": a demand."""
    after = _told_after(c)
    return after is not None and any(
        t.lower_ in lx.MUST or (t.lower_ == "to" and (
            t.head.lemma_ == "have" or (t.head.dep_ == "xcomp" and t.head.head.lemma_ == "have")))
        for t in after)


@rule("tell", gives=("THREATEN", None), example="Iran told Washington it would face consequences.")
def _told_consequences(c: Ctx) -> Verdict:
    after = _told_after(c)
    return after is not None and any(
        _lemma(t) in ("consequence", "retaliation", "reprisal", "revenge") for t in after)


@rule("tell", gives=("REQUEST", None), example="Beijing told Washington to stop its patrols.")
def _told_to(c: Ctx) -> Verdict:
    return _told_after(c) is not None and _has_xcomp(c)


@rule("tell", gives=("CONSULT", None),
      example="Macron told the Russian president that Europe was united.")
def _told(c: Ctx) -> Verdict:
    """"X told the Russian president that ...": the two spoke (CAMEO 04)."""
    return _told_after(c) is not None


# ---------------------------------------------------------------------------
# Late rules: after the lexicon tables, before the bare verb
# ---------------------------------------------------------------------------


@rule("let", gives=("RETREAT", "release"), stage="late",
      example="The militia let two aid workers go.")
def _let_go(c: Ctx) -> Verdict:
    return any(k.text.lower() in ("free", "go") for k in c.tok.subtree)


@rule("decline", "refuse", gives=None, expect=None, stage="late",
      example="The ministry declined to comment.")
def _declined_comment(c: Ctx) -> Verdict:
    """Declined to comment (not "refused to respond to a demand")."""
    return NO_EVENT if any(
        _lemma(k) in ("comment", "elaborate", "say", "confirm", "respond", "speak")
        and not any(_lemma(x) in ("demand", "call", "request", "ultimatum", "appeal")
                    for x in k.subtree)
        for k in c.tok.children if k.dep_ == "xcomp") else None


@rule("agree", gives=None, expect=None, stage="late",
      example="Paris agreed with Berlin that the plan was flawed.")
def _agreed_with_opinion(c: Ctx) -> Verdict:
    """"agree with X that ..." is an opinion, not an agreement."""
    return NO_EVENT if any(
        k.dep_ == "prep" and k.text.lower() == "with" for k in c.tok.children) and not any(
        k.dep_ in ("xcomp", "dobj") or (k.dep_ == "prep" and k.text.lower() in (
            "on", "over", "upon")) for k in c.tok.children) else None


@rule("work", "partner", "team", "collaborate", gives=("COOPERATE", None), stage="late",
      example="Kenyan police are working with Interpol to trace the smugglers.")
def _worked_with(c: Ctx) -> Verdict:
    """Working with a state, a body or a group ("partnered with the UN", "teamed up with
    local police"): cooperation with the one named, not a job held ("worked with children
    for years" has no actor after "with")."""
    for (prep, _lem), x in c.preps.items():
        if x.head.dep_ == "prep" and _absolute_with(x.head, x):
            continue  # "..., with officials saying it would take weeks": a circumstance
        if prep in ("with", "alongside") and (
                x.ent_type_ in ("GPE", "ORG", "NORP") or _lemma(x) in lx.COOPERATION_PARTNERS):
            return True
    return None


_build_index()
