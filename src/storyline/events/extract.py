"""Per-document event coder: PLOVER events with modality, actors, date and provenance.

:func:`extract_events` reads an article's existing spaCy parse (no second model) and
returns one :class:`~storyline.model.Event` per event a sentence reports. This module is
the orchestrator (:func:`extract_with_triggers` walks the segments, :func:`_build` makes
one event); each stage lives in a module of its own:

========================  ===========================================================
:mod:`.syntax`            parse helpers: segments, lemmas, objects, subjects, agents
:mod:`.lexicon`           every word list (trigger tables, governors, pattern words)
:mod:`.patterns`          verb patterns as registered rules, each with an example
:mod:`.triggers`          trigger finding: patterns, then the lexicon tables, then the
                          bare verb; :func:`statement_heads`
:mod:`.nouns`             event nouns and what a noun of giving gives
:mod:`.senses`            senses that are not events; nouns that stand as events
:mod:`.nesting`           an event's complement is its content, not another event
:mod:`.modality`          asserted / future / hypothetical / negated
:mod:`.roles`             source and target tokens
:mod:`.actors`            tokens to actors, antecedents, unnamed actors, attribution
:mod:`.location`          the place the event's clause names
:mod:`.dating`            the date the event happened
========================  ===========================================================

To add a verb pattern, add a ``@rule`` function to :mod:`.patterns` (with its example
sentence: the test suite codes it); to add a word, add it to its list in :mod:`.lexicon`.

How it works:

1. **Triggers.** Every token is looked up (:mod:`.triggers`): a verb pattern of its own
   (:mod:`.patterns`: "pulled out of the bloc"), then the lexicon (:mod:`.lexicon`): a verb with
   its particle ("call on", "pull back"), a verb with a typing object ("cut ties",
   "hold talks", "impose sanctions"), a light verb carrying an event noun ("launch an
   offensive", "deliver aid"), a bare verb ("accuse", "shell"), or an event noun that
   stands on its own ("the April 3 shelling", "Clashes began on Monday").
2. **Nesting.** An event's complement is its content, not another event: "accused X
   of shelling villages" is one ACCUSE, "agreed to halt hostilities" one AGREE,
   "welcomed the agreement" one SUPPORT. Triggers inside another trigger's subtree
   are dropped, except in coordinated clauses and relative or adverbial clauses with
   their own subject.
3. **Modality.** Decided from the trigger's own clause and the chain of governing
   words up to the nearest reporting verb: a condition ("if", "unless") on the way
   or on the clause makes it ``hypothetical``; so do "could/may/might", hedging
   governors ("proposed", "seen as", "likely", "threat of", "fears", "may have
   prompted X to postpone") and questions. Negation ("not", "never", "no", "neither",
   "failed to") makes it ``negated``; "will", "is to", "is expected to", "plans to",
   "due to", "would" under a reporting verb, or a date after publication make it
   ``future``. Anything else is ``asserted``. A non-asserted cue is never ignored: when
   unsure, the coder leans away from ``asserted``.
4. **Actors.** Source = the subject (the agent of a passive, the subject of the
   governing verb for "X agreed to withdraw" or "X is expected to meet"), target =
   the object or the object of "with/on/against/to/at/into"; the phrases are matched
   to the given :class:`~storyline.model.ActorMention` spans by character offsets
   (coordinated phrases give a list). A position that touches a damaged span stays
   None.
5. **Attribution.** "X said/told reporters (that) ...", "..., X said", "according
   to X": the reporter X (canonical name when X is a known actor).
6. **Date.** The time expressions attached to the trigger's clause, resolved with
   :func:`~storyline.annotate.times.resolve_range`; else the publication date with
   ``text=None``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from storyline.annotate import doc_text
from storyline.events import lexicon as lx
from storyline.events.actors import (
    _actors_at,
    _affiliated,
    _antecedent,
    _attribution,
    _conjunct_antecedent,
    _described_source,
    _fallback_target,
    _included,
    _lone_person,
    _national,
    _orderer,
    _pair_antecedent,
    _place_government,
    _same,
    _same_one,
    _sentence_antecedent,
    _speaker_agent,
    _speaker_antecedent,
    _unnamed,
    _unnamed_actor,
)
from storyline.events.dating import (
    _coordinate_date,
    _date,
    _dateline_when,
    _lead_when,
    _past_tense,
    _reporting_verb,
    _speech_date,
    _When,
    _whens,
    _year_back,
    segment_whens,
)
from storyline.events.location import _location
from storyline.events.modality import _modality
from storyline.events.nesting import _drop_nested
from storyline.events.ranker import ranked_target
from storyline.events.roles import _called_for, _noun_source, _roles
from storyline.events.sources import implied_source
from storyline.events.syntax import _appos_head, _lemma, _segments, _touches, _Trig
from storyline.events.targets import recipient_target, rule_target
from storyline.events.triggers import _triggers, statement_heads
from storyline.model import (
    EVENT_TYPES,
    Actor,
    ActorMention,
    DateRange,
    Event,
    Mention,
    PlaceMention,
    TimeExpression,
    stable_id,
)
from storyline.model import (
    Span as TextSpan,
)
from storyline.text.vocab import MONTH_ABBREVIATIONS

# a date that names its month ("in September", "on 3 March"): a past act dated by it after
# the article's day is last year's; a relative one ("next week") is never moved
_NAMES_MONTH = re.compile(r"(?i)\b(?:" + "|".join(MONTH_ABBREVIATIONS) + r")")

__all__ = ["extract_events", "extract_with_triggers", "statement_heads"]


def extract_events(
    doc: Doc,
    *,
    article_id: str,
    published: str | None,
    actors: Sequence[ActorMention],
    times: Sequence[TimeExpression],
    damaged: Sequence[tuple[int, int]] = (),
    places: Sequence[PlaceMention] = (),
) -> list[Event]:
    """The PLOVER events reported in a parsed article (pure; never raises on odd input).

    ``doc`` is the spaCy parse of the article text; every offset refers to it.
    ``actors`` are the resolved actor mentions, ``times`` the normalised time
    expressions (:func:`~storyline.annotate.times.find_times` against ``published``),
    ``damaged`` the character spans where the scraper dropped words, ``places`` the
    resolved place mentions (:func:`~storyline.annotate.places.find_places`): an event's
    ``location`` is the place its own clause puts it in ("in Idlib", "near Saraqib", "at
    the Sochi summit"), else None.
    """
    return [ev for _, ev, _ in extract_with_triggers(doc, article_id=article_id, published=published,
                                                  actors=actors, times=times, damaged=damaged,
                                                  places=places)]


def extract_with_triggers(
    doc: Doc,
    *,
    article_id: str,
    published: str | None,
    actors: Sequence[ActorMention],
    times: Sequence[TimeExpression],
    damaged: Sequence[tuple[int, int]] = (),
    places: Sequence[PlaceMention] = (),
) -> list[tuple[Token, Event, str | None]]:
    """Like :func:`extract_events`, each event with its trigger token and the PLOVER mode
    the lexicon gave it ("appeal", "aerial", ... or None)."""
    actors = sorted(actors, key=lambda m: (m.start, m.end))
    pub = published[:10] if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None
    whens = _whens(doc_text(doc), times, pub)
    dl_end, dl_when = _dateline_when(doc, whens)
    # An event with no date of its own takes the article's date: a wire dateline's date
    # when there is one ("NAIROBI, March 21 (PAP) -"), else the publication date.
    # ... or the day the lead reports, a day or two before ("said on Monday" in Tuesday's
    # paper: the undated "Jindal said at a news conference" is Monday's too)
    lead = _lead_when(doc, whens, dl_end, pub) if dl_when is None else None
    default = (dl_when.lo if dl_when is not None else lead.lo if lead is not None
               else pub or "", pub or "")
    whens = [w for w in whens if w.start >= dl_end]
    starts = [w.start for w in whens]
    events: list[tuple[Token, Event, str | None]] = []
    seen: set[str] = set()
    history: list[tuple[int, Actor | list[Actor]]] = []  # (segment start, source)
    for seg in _segments(doc):
        trigs = _triggers(seg)
        if not trigs:
            continue
        trigs = _drop_nested(trigs)
        question = seg.text.rstrip().rstrip("\"'”’").endswith("?")
        local = segment_whens(whens, starts, seg)
        for trig in trigs:
            ev = _build(doc, seg, trig, trigs, article_id=article_id, default=default,
                        actors=actors, whens=local, all_whens=whens, damaged=damaged, question=question,
                        floor=dl_end, history=history, places=places)
            if ev is not None and ev.id not in seen:
                seen.add(ev.id)
                events.append((trig.token, ev, trig.mode))
                if ev.source is not None:
                    history.append((seg.start_char, ev.source))
    return events


def _build(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig], *, article_id: str,
           default: tuple[str, str], actors: Sequence[ActorMention], whens: Sequence[_When],
           all_whens: Sequence[_When] | None = None, damaged: Sequence[tuple[int, int]], question: bool, floor: int = 0,
           history: Sequence[tuple[int, Actor | list[Actor]]] = (),
           places: Sequence[PlaceMention] = ()) -> Event | None:
    embedded = _called_for(trig)
    if embedded is not None:
        # "called for Mubarak to resign": a request by the caller, with Mubarak as target;
        # the resignation itself is its content, not an event
        trig, asked = embedded
    tok = trig.token
    date, dated_future = _date(doc, seg, trig, trigs, whens, default, all_whens)
    if date.text is None and default[1] and date.start != default[1] and any(
            c.dep_ == "advmod" and c.lower_ in lx.UP_TO_NOW for c in tok.children):
        # "has recently reinforced its posts": up to the day of publication, not the lead's
        date = DateRange(start=default[1], end=default[1], precision="day", text=None)
    if dated_future and date.text and date.start and date.end and _past_tense(tok) and \
            not re.search(r"\d{4}", date.text) and _NAMES_MONTH.search(date.text):
        # "In September, the two leaders brokered ..." in a June article: last September
        date = DateRange(start=_year_back(date.start), end=_year_back(date.end),
                         precision=date.precision, text=date.text)
        dated_future = bool(default[1]) and (date.start or "") > default[1]
    modality = _modality(trig, seg, question=question, dated_future=dated_future)
    if modality == "future" and _promise(trig):
        # "BP said last week it would settle all claims": the saying is the agreement
        modality = "asserted"
        date = DateRange(start=default[1], end=default[1], precision="day", text=None) \
            if default[1] else date
    if date.text is None and modality in ("asserted", "negated"):
        said = _speech_date(doc, seg, trig, trigs, whens) or _coordinate_date(
            doc, seg, trig, trigs, whens)
        if said is not None:
            date = said
    src_tok, tgt_tok = _roles(trig, floor)
    if embedded is not None:
        tgt_tok = asked
    source = _actors_at(src_tok, actors, damaged) if src_tok is not None else None
    if source is not None and src_tok is not None:
        source = _affiliated(src_tok, source, actors, damaged, history)
    if src_tok is not None and (source is None or src_tok.pos_ == "NOUN" or (
            isinstance(source, Actor) and _unnamed(source))):
        source = _included(src_tok, actors, damaged) or source
    alt: Token | None = None
    if source is None and not trig.verbal:
        alt = _noun_source(trig)
        if alt is not None:
            source = _actors_at(alt, actors, damaged)
    target = recipient_target(doc, trig, actors, damaged, places, source) or (
        _actors_at(tgt_tok, actors, damaged) if tgt_tok is not None else None)
    source = _pronoun_source(doc, seg, src_tok, alt, source, actors, damaged, history)
    if source is None and src_tok is not None and not _touches(
            src_tok.idx, src_tok.idx + len(src_tok.text), damaged):
        source = _described_source(src_tok, actors, damaged, history)
    if source is None and src_tok is not None:
        source = _pair_antecedent(src_tok, seg, actors)  # "the two leaders"
    stok = src_tok if src_tok is not None else alt
    if source is None and stok is not None:
        source = _unnamed_actor(doc, stok, damaged, places)
        if source is None and stok is src_tok:
            source = _place_government(stok, places, damaged, trig)
        if source is None and not trig.verbal and stok.pos_ == "ADJ":
            source = _national(stok, typ=trig.type)  # "Palestinian riots"
    if source is None:
        source = _speaker_agent(trig, seg, actors, damaged) or _orderer(trig, actors, damaged)
    if target is None and tgt_tok is not None and not _touches(
            tgt_tok.idx, tgt_tok.idx + len(tgt_tok.text), damaged):
        # "complimented the congresswoman", "accused the company": the one named before
        target = _described_source(tgt_tok, actors, damaged, history)
    if target is None and tgt_tok is not None:
        target = _unnamed_actor(doc, tgt_tok, damaged, places, subject=False)
    if target is not None and _own_forces(trig, source, target):
        target = None  # "Israel mobilized the army for an assault on X": X, not the army
    if target is None:
        target = _fallback_target(doc, trig, tgt_tok, actors, damaged, places)
    if target is None:
        target = rule_target(doc, trig, tgt_tok, actors, damaged, places, source)
    location = _location(trig, places, damaged)
    if source is None:
        source = implied_source(trig, target, location, places)  # "were arrested"
    guessed = _guessed_country(source)
    if target is None:
        target = ranked_target(doc, tok, trig.type, actors, places, damaged,
                               None if guessed else source)
    if source is not None and target is not None and _same_one(source, target):
        if guessed and isinstance(source, Actor):
            # "the ministry banned imports from Mexico": a body given the story's country
            # by default is not the country its own act names as the one acted on
            source = Actor(text=source.text, name=source.text, id=f"UNK{source.role}",
                           country=None, role=source.role)
        else:
            target = None
    typ, mode = trig.type, trig.mode
    if typ == "CONSULT" and target is not None and _lemma(tok) in lx.AUDIENCE_VERBS and \
            _audience(target):
        return None  # "will speak to investors": a company's address, no meeting
    if typ == "MOBILIZE" and isinstance(source, list) and len(
            {a.country for a in source if a.country}) > 1 and _lemma(tok) in lx.JOINT_MANOEUVRES:
        typ, mode = "COOPERATE", None  # "French and Egyptian warships launched war games"
    attribution = _attribution(trig, seg, actors, damaged)
    start, end = seg.start_char, seg.end_char
    quote = doc_text(doc)[start:end]
    lead = len(quote) - len(quote.lstrip())
    trail = len(quote) - len(quote.rstrip())
    start, end = start + lead, end - trail
    eid = stable_id(article_id, str(tok.idx), str(tok.idx + len(tok.text)), typ)
    return Event(
        id=eid, type=typ, quad=EVENT_TYPES[typ], modality=modality,
        source=source, target=target, date=date, location=location,
        mentions=[Mention(article=article_id, quote=doc_text(doc)[start:end], start=start, end=end,
                          attribution=attribution,
                          trigger=TextSpan(tok.idx, tok.idx + len(tok.text), tok.text))],
        score=lx.score(typ, mode), mode=_plover_mode(typ, mode),
    )


def _promise(trig: _Trig) -> bool:
    """An agreement its own actor says it will make ("X said it would settle all claims"):
    a future AGREE in a clause reported by a past speech verb whose subject is the
    reporter or a pronoun for it. PLOVER codes the statement, an asserted AGREE."""
    tok = trig.token
    if trig.type != "AGREE" or not trig.verbal or not any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in tok.children):
        return False
    verb = _reporting_verb(tok)
    if verb is None or verb.tag_ != "VBD":
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    said_by = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and said_by is not None and (
        subj.lower_ in lx.ANAPHORS or subj.lower_ in lx.FIRST_PERSON
        or subj.lower_ == said_by.lower_)


def _pronoun_source(doc: Doc, seg: Span, src_tok: Token | None, alt: Token | None,
                source: Actor | list[Actor] | None, actors: Sequence[ActorMention],
                damaged: Sequence[tuple[int, int]],
                history: Sequence[tuple[int, Actor | list[Actor]]]
                ) -> Actor | list[Actor] | None:
    """The source a pronoun subject stands for (or a check of "it" in a relative clause)."""
    pron = src_tok if src_tok is not None else alt
    if source is None and pron is not None and pron.lower_ in lx.FIRST_PERSON:
        source = _speaker_antecedent(doc, pron, actors, damaged, history)
    elif source is None and pron is not None and pron.lower_ in lx.ANAPHORS:
        source = _speaker_antecedent(doc, pron, actors, damaged, history) or \
            _conjunct_antecedent(doc, pron, actors, damaged, history) or \
            _sentence_antecedent(pron, actors, damaged) or _antecedent(pron, seg, history) \
            or _lone_person(pron, actors, damaged)
    elif source is None and pron is not None and pron.dep_ == "poss":
        source = _lone_person(pron, actors, damaged)  # "in his first interview since ..."
    elif source is not None and src_tok is not None and src_tok.lower_ == "it" and \
            src_tok.head.dep_ == "relcl":
        # "HTS, which it accuses of ...": "it" cannot be the group the clause describes
        described = _actors_at(_appos_head(src_tok.head.head), actors, damaged)
        if described is not None and _same(source, described):
            source = _sentence_antecedent(src_tok, actors, damaged)
    return source


def _audience(side: Actor | list[Actor]) -> bool:
    """Whether every actor of ``side`` is an audience (:data:`lexicon.AUDIENCES`), by the
    last word of its name."""
    actors = side if isinstance(side, list) else [side]
    return all(a.id.startswith("unk") and (a.name.split() or [""])[-1].lower().rstrip("s")
               in lx.AUDIENCES for a in actors)


def _guessed_country(side: Actor | list[Actor] | None) -> bool:
    """Whether a country's body was given its country by default (the story's), not by
    its words: "the ministry" read as Mexico's, where "Mexico's ministry" or "the Mexican
    ministry" name it."""
    if not isinstance(side, Actor) or not side.country or side.id != f"{side.country}{side.role}":
        return False
    from storyline.knowledge import load_knowledge

    c = load_knowledge().countries.get(side.country)
    if c is None:
        return False
    words = side.text.lower()
    return not any(n and n.lower() in words for n in (
        c.name, c.iso3, *c.aliases, *c.demonyms, *c.capitals, *c.seats))


def _own_forces(trig: _Trig, source: Actor | list[Actor] | None,
                target: Actor | list[Actor]) -> bool:
    """Forces a state mobilises or sends are its own, not whom the act is aimed at ("Israel
    mobilized the army"): a military object of the source's country (or of none)."""
    if trig.type != "MOBILIZE" or not isinstance(target, Actor) or target.role != "MIL" \
            or not isinstance(source, Actor):
        return False
    return target.country is None or target.country == source.country


def _plover_mode(typ: str, mode: str | None) -> str | None:
    """The lexicon's mode when it is one of the manual's modes for that type."""
    if mode is None or mode not in lx.PLOVER_MODES.get(typ, ()):
        return None
    return mode
