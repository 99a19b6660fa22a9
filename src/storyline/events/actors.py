"""Actor resolution: from source/target tokens to :class:`~storyline.model.Actor` values.

Tokens are matched to the given actor mentions by offsets (:func:`_actors_at`);
pronouns and descriptions ("the two leaders", "the Turkish side") are resolved to an
antecedent; unnamed actors ("police", "Palestinian rioters") get a role and country from
the knowledge base; a target the parse missed is looked for in the clause
(:func:`_fallback_target`); :func:`_attribution` finds who reports an event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.annotate import doc_ents, doc_text
from storyline.annotate.attribution import find_attribution
from storyline.events import lexicon as lx
from storyline.events.roles import _asked, _core_span, _harmed_in, _roles
from storyline.events.syntax import _OBJ, _appos_head, _lemma, _subject_of, _touches, _Trig
from storyline.model import (
    Actor,
    ActorMention,
    PlaceMention,
    side_actors,
)


def _antecedent(pron: Token, seg: Span, history: Sequence[tuple[int, Actor | list[Actor]]]
                ) -> Actor | list[Actor] | None:
    """The source of a recent event (this or the previous sentence or two) that a subject
    pronoun can stand for: "they" a group, "it" a state or body, "he"/"she" a person."""
    word = pron.lower_
    for start, src in reversed(history):
        if seg.start_char - start > 600:
            break
        many = isinstance(src, list)
        one = src if isinstance(src, Actor) else None
        if word == "they" and many:
            return src
        if word == "it" and one is not None and "_" not in one.id:
            return one
        if word in ("he", "she") and one is not None and "_" in one.id:
            return one
    return None


def _described_source(tok: Token, actors: Sequence[ActorMention],
                      damaged: Sequence[tuple[int, int]],
                      history: Sequence[tuple[int, Actor | list[Actor]]]
                      ) -> Actor | list[Actor] | None:
    """A source named by description rather than by name: "representatives from X"
    (X), "the two countries/leaders" (the last pair of sources), "the country" (the
    state named just before), "his forces" (the person named just before)."""
    lem = _lemma(tok)
    if lem in lx.GROUP_HEADS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in lx.AFFILIATION_PREPS:
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and _lemma(pobj) in lx.SEAT_NOUNS:
                    # "a spokesman at BP headquarters": the body whose seat it is, named
                    # or not
                    body = next((x for x in pobj.children if x.dep_ in ("compound", "poss")
                                 and x.pos_ != "PRON"), None)
                    if body is not None:
                        return _actors_at(body, actors, damaged) or _unnamed_actor(
                            tok.doc, body, damaged, subject=False)
                if pobj is not None:
                    return _actors_at(pobj, actors, damaged) or _described_source(
                        pobj, actors, damaged, history)
            if c.dep_ == "poss" and c.pos_ != "PRON":  # "the agency's director"
                return _actors_at(c, actors, damaged)
        return _person_antecedent(tok, actors, damaged)
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")),
                 None)
    if owner is not None and lem in lx.BODY_HEADS:
        owned = _speaker_body(tok, owner, actors, damaged, history)
        if owned is not None:
            return owned
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "poss")}
    if lem in lx.PAIR_NOUNS and tok.tag_ == "NNS" and "two" in dets and "the" in dets:
        for _, src in reversed(history):
            if isinstance(src, list) and len(src) == 2:
                return src
        return None
    if lem == "country" and tok.tag_ == "NN" and dets == {"the"}:
        prior = [m for m in actors if m.end <= tok.idx and tok.idx - m.start < 400
                 and "_" not in m.actor.id and m.actor.country is not None
                 and m.actor.role == "GOV" and not _touches(m.start, m.end, damaged)]
        return prior[-1].actor if prior else None
    if lem in lx.FORCES and dets & {"his", "her"}:
        prior = [m for m in actors if m.end <= tok.idx and m.start >= tok.sent.start_char
                 and "_" in m.actor.id and not _touches(m.start, m.end, damaged)]
        return prior[-1].actor if prior else None
    return _description_antecedent(tok, actors, damaged, history) or _person_antecedent(
        tok, actors, damaged)


def _title_words(doc: Doc, m: ActorMention) -> set[str]:
    """The words of the title given with a person's name: "Foreign Minister Ali Khan",
    "Ali Khan, the foreign minister", "the governor of Ohio, Ann Lee"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    words: list[Token] = [x for c in root.lefts if c.dep_ in ("compound", "amod", "nmod")
                          for x in c.subtree]  # "US" on "Congresswoman" in "US Congresswoman X"
    for c in root.children:
        if c.dep_ == "appos":
            words.extend(x for x in c.subtree if x.i <= c.i)
    if root.dep_ == "appos":  # "the foreign minister, Ali Khan"
        head = root.head
        words.extend([head, *[x for x in head.lefts if x.dep_ in ("compound", "amod")]])
    return {_lemma(w) for w in words} | {w.lower_ for w in words}


def _person_antecedent(tok: Token, actors: Sequence[ActorMention],
                       damaged: Sequence[tuple[int, int]]) -> Actor | None:
    """"The minister", "the prime minister": the nearest person named before it with
    that title (``person_heads`` of ``data/rules/descriptions.json``), every word of the
    description in the title ("the prime minister" is not "Foreign Minister Ali Khan");
    None when no one named before bears it."""
    spec = _descriptions()
    lem = _lemma(tok)
    if lem not in spec["person_heads"] or tok.tag_ not in ("NN", "NNP"):
        return None  # (capitalised as a title: "the President", "the US Congresswoman")
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids) or any(
            c.dep_ in ("poss", "prep", "appos", "relcl", "acl") or (
                (c.pos_ == "PROPN" or c.ent_type_) and c.dep_ != "compound") for c in kids):
        return None
    # "the US congresswoman": every word, a country's too, is in the antecedent's title
    wanted = {c.lower_ for c in kids if c.dep_ in ("amod", "compound")} | {lem}
    lo = tok.idx - int(spec["max_chars"])
    for m in sorted(actors, key=lambda m: -m.start):
        if m.end > tok.idx or m.start < lo or "_" not in m.actor.id or \
                _touches(m.start, m.end, damaged):
            continue
        if wanted <= _title_words(tok.doc, m):
            return m.actor
    return None


def _reporter(tok: Token) -> Token | None:
    """Who reports the clause ``tok`` is the subject of ("Japan said it had halted aid":
    Japan): the named subject of the speech verb that takes the clause (or the first of
    its coordinated clauses) as its complement."""
    clause = tok.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or _lemma(clause.head) not in lx.SPEECH_VERBS:
        return None
    speaker, passive = _subject_of(clause.head)
    if speaker is None or passive or speaker.lower_ in lx.PRONOUNS:
        return None
    return speaker


def _speaker_body(tok: Token, owner: Token, actors: Sequence[ActorMention],
                  damaged: Sequence[tuple[int, int]],
                  history: Sequence[tuple[int, Actor | list[Actor]]]) -> Actor | None:
    """The body whose board, council or army acts in what it reports: "the company said its
    board would meet" (the company's board: the company)."""
    speaker = _reporter(tok)
    if speaker is None:
        return None
    found = _actors_at(speaker, actors, damaged) or _description_antecedent(
        speaker, actors, damaged, history)
    if not isinstance(found, Actor) or "_" in found.id:
        return None  # "its" is a state or body, never a person
    plural = speaker.tag_ in ("NNS", "NNPS")
    if plural != (owner.lower_ == "their"):
        return None
    role = lx.role_nouns().get(tok.lower_) or lx.role_nouns().get(_lemma(tok))
    if found.country and role and role != found.role and found.role == "GOV":
        # "Turkey said its army would withdraw": the country's army
        from storyline.annotate.actors import country_actor
        from storyline.knowledge import load_knowledge

        return country_actor(load_knowledge(), found.country, role, tok.text)
    return found


@lru_cache(maxsize=1)
def _descriptions() -> dict[str, Any]:
    import json
    from importlib.resources import files

    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/rules/descriptions.json").read_text(encoding="utf-8"))
    return data


def _description_antecedent(tok: Token, actors: Sequence[ActorMention],
                            damaged: Sequence[tuple[int, int]],
                            history: Sequence[tuple[int, Actor | list[Actor]]]
                            ) -> Actor | None:
    """"The company", "the ministry": the nearest earlier actor of a role the head word
    can stand for (``data/rules/descriptions.json``), among the sources of earlier events
    and the actor mentions; for a company or agency word also the nearest earlier
    organisation name the parser found. None when the phrase names its own actor ("the
    Turkish ministry", "its parent company")."""
    spec = _descriptions()
    lem = _lemma(tok)
    roles = spec["heads"].get(lem)
    if roles is None or tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in kids) or any(
            c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and (
                c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG")))
            or (c.dep_ == "prep" and c.lower_ == "of") for c in kids):
        return None
    lo = tok.idx - int(spec["max_chars"])
    best: tuple[int, Actor] | None = None

    def offer(pos: int, actor: Actor) -> None:
        nonlocal best
        if lo <= pos < tok.idx and (best is None or pos > best[0]):
            best = (pos, actor)

    for start, src in history:
        if isinstance(src, Actor) and src.role in roles and src.role != "UNK" and "_" not in src.id:
            offer(start, src)
    for m in actors:
        if m.end <= tok.idx and m.actor.role in roles and m.actor.role != "UNK" \
                and "_" not in m.actor.id and not _touches(m.start, m.end, damaged):
            offer(m.start, m.actor)
    if lem in spec["organisation_heads"]:
        for ent in doc_ents(tok.doc):
            if ent.label_ != "ORG" or ent.end_char > tok.idx or ent.start_char < lo or \
                    _touches(ent.start_char, ent.end_char, damaged):
                continue
            known = [m for m in actors if m.start < ent.end_char and ent.start_char < m.end]
            if known:
                continue  # a known body is offered above, with its role
            found = _unnamed_actor(tok.doc, ent.root, damaged)
            if found is not None and found.role in roles:
                offer(ent.start_char, found)
    return best[1] if best is not None else None


def _affiliated(tok: Token, source: Actor | list[Actor], actors: Sequence[ActorMention],
                damaged: Sequence[tuple[int, int]],
                history: Sequence[tuple[int, Actor | list[Actor]]]) -> Actor | list[Actor]:
    """The body behind a source that speaks or acts for it: "officials at the Interior
    Ministry" is the ministry (when the source found is only the unnamed "officials");
    "Shell spokesman John Baker" is the person and the body."""
    if not isinstance(source, Actor):
        return source
    if _lemma(tok) in lx.GROUP_HEADS and source.text.lower().split()[-1:] == [tok.lower_]:
        body = _described_source(tok, actors, damaged, history)
        if isinstance(body, list) or (body is not None and body.name != source.name):
            return body
    for c in tok.children:
        if c.dep_ != "compound" or _lemma(c) not in lx.VOICE_HEADS:
            continue
        for b in c.children:
            if b.dep_ in ("compound", "poss", "nmod") and b.pos_ != "PRON":
                found = _actors_at(b, actors, damaged) or _unnamed_actor(tok.doc, b, damaged)
                if isinstance(found, Actor) and found.id != source.id:
                    return [source, found]
    return source


def _speaker_antecedent(doc: Doc, pron: Token, actors: Sequence[ActorMention],
                        damaged: Sequence[tuple[int, int]],
                        history: Sequence[tuple[int, Actor | list[Actor]]] = ()
                        ) -> Actor | list[Actor] | None:
    """The speaker a subject pronoun of reported speech stands for ("Japan said it had
    halted aid", "the rebels said they would attend", "Putin said he would visit"), when
    the pronoun fits it: "he"/"she" a person, "it" a state or body, "they" a group."""
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if pron.lower_ in lx.FIRST_PERSON and not any(
            t.is_quote for t in pron.doc[pron.sent.start:pron.i]):
        return None  # "I" and "we" are the speaker's only in direct speech
    speaker = _reporter(pron)
    if speaker is None:
        return None
    return _fitting(doc, pron, speaker, actors, damaged, history)


def _conjunct_antecedent(doc: Doc, pron: Token, actors: Sequence[ActorMention],
                         damaged: Sequence[tuple[int, int]],
                         history: Sequence[tuple[int, Actor | list[Actor]]] = ()
                         ) -> Actor | list[Actor] | None:
    """The subject of the clause a pronoun's clause is coordinated with, when the pronoun
    fits it: "the ministry wrote to the tribunal to say ... and it asked for a hearing"
    (it: the ministry)."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.head.dep_ != "conj":
        return None
    first = pron.head.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    subj, _passive = _subject_of(first)
    if subj is None or subj.i > pron.i or subj.lower_ in lx.PRONOUNS:
        return None
    return _fitting(doc, pron, subj, actors, damaged, history)


def _fitting(doc: Doc, pron: Token, speaker: Token, actors: Sequence[ActorMention],
             damaged: Sequence[tuple[int, int]],
             history: Sequence[tuple[int, Actor | list[Actor]]]
             ) -> Actor | list[Actor] | None:
    """The actor named by ``speaker`` when the pronoun ``pron`` can stand for it."""
    if pron.lower_ in ("it", "we") and _lemma(speaker) in lx.VOICE_HEADS:
        body = next((x for c in speaker.children if c.dep_ == "prep" and c.lower_ in (
            "for", "at", "of", "from") for x in c.children if x.dep_ == "pobj"), None)
        if body is not None and _lemma(body) in ("headquarters", "office", "offices"):
            body = next((c for c in body.children if c.dep_ in ("compound", "poss")),
                        body)  # "a spokesman at BP headquarters": BP
        voiced = _actors_at(body, actors, damaged) or _unnamed_actor(
            doc, body, damaged) if body is not None else None
        if isinstance(voiced, Actor) and "_" not in voiced.id:
            return voiced  # "a spokesman for BP said it denied ...": BP denied
    found = _actors_at(speaker, actors, damaged) or _unnamed_actor(
        doc, speaker, damaged) or _description_antecedent(speaker, actors, damaged, history)
    if found is None:
        return None
    word = pron.lower_
    if word in lx.FIRST_PERSON:
        # in direct speech, "we" is the speaker (and those they speak for), "I" a person
        return found if word == "we" or (isinstance(found, Actor) and (
            "_" in found.id or speaker.ent_type_ == "PERSON")) else None
    if isinstance(found, list):
        return found if word == "they" else None
    person = "_" in found.id or speaker.ent_type_ == "PERSON"
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    if word in ("he", "she"):
        return found if person else None
    if word == "it":
        return found if not person and not plural else None
    return found if plural or (not person and found.role not in ("GOV", "UNK")) else None


_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})


def _lone_person(pron: Token, actors: Sequence[ActorMention],
                 damaged: Sequence[tuple[int, int]]) -> Actor | None:
    """The one person named in the sentence before a "he"/"she" (or "his"/"her") and in
    its own sentence before it: "Ann Reyes runs the shelter. She has appealed for ...".
    With two people named there, nothing: the pronoun is left unresolved."""
    if pron.lower_ not in _PERSON_PRONOUNS:
        return None
    sent = pron.sent
    lo = pron.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    named = [m for m in actors if lo <= m.start and m.end <= pron.idx
             and not _touches(m.start, m.end, damaged)]
    people = {m.actor.id for m in named if "_" in m.actor.id}
    if len(people) != 1 or len({m.actor.id for m in named}) > 3:
        return None
    return next(m.actor for m in reversed(named) if "_" in m.actor.id)


def _sentence_antecedent(pron: Token, actors: Sequence[ActorMention],
                         damaged: Sequence[tuple[int, int]]) -> Actor | None:
    """"it" as the subject of a relative clause ("HTS, which it accuses of ...") stands
    for the state or body named before it in the sentence, never for the noun the
    clause describes: the nearest earlier mention outside that noun phrase."""
    if pron.lower_ != "it":
        return None
    clause = pron.head
    if clause.dep_ != "relcl":
        return None
    described = _appos_head(clause.head)
    while described.dep_ == "conj" and described.head.i != described.i:
        described = described.head  # "the Front, or LF, which it ..."
    first = min(t.idx for t in described.subtree)  # the described phrase and its names
    for m in sorted(actors, key=lambda m: -m.start):
        if m.end > first or m.start < pron.sent.start_char:
            continue
        if _touches(m.start, m.end, damaged):
            continue
        if "_" in m.actor.id:
            continue  # "it" is no person
        return m.actor
    return None


def _same(a: Actor | list[Actor], b: Actor | list[Actor]) -> bool:
    ids_a = {x.id for x in (a if isinstance(a, list) else [a])}
    ids_b = {x.id for x in (b if isinstance(b, list) else [b])}
    return ids_a == ids_b


def _same_one(a: Actor | list[Actor], b: Actor | list[Actor]) -> bool:
    """Whether a target is its event's source over again: the same actor, and, where the
    id only says an unknown country's government, military or people (``UNKGOV``), the
    same words as well: "the Senate urged the government" names two actors that share
    a generic id. A known country's government is one actor whatever it is called
    ("Turkey", "Ankara", "the Turkish government")."""
    if not _same(a, b):
        return False
    if isinstance(a, list) or isinstance(b, list):
        return True
    head = _plain_group(b)
    if head and head not in a.text.lower().split():
        return False  # "a Zimbabwe court freed two former ministers", "Kenya asked the
        # court": a body or group of the same state in words of its own, not the source
        # over again ("Kenyan police said the police ..." is)
    xs, ys = [a], [b]
    if any(x.country is not None or x.id != f"UNK{x.role}" for x in [*xs, *ys]):
        return True  # a named actor or a known country's: one id is one actor
    words = {w for x in xs for w in _LEADING.sub("", x.text.lower()).split()}
    return any(w in words for y in ys for w in _LEADING.sub("", y.text.lower()).split())


def _plain_group(a: Actor) -> str:
    """The head word of an actor written as a common noun phrase with no name or national
    word in it ("two former ministers" -> "ministers", "the court" -> "court"); "" for a
    name ("Zimbabwe", "Turkish police")."""
    words = a.text.split()
    if not words or any(w[:1].isupper() for w in words) or a.id.startswith("unk-"):
        return ""
    return words[-1].lower()


_LEADING = re.compile(r"^(?:the|a|an|some|many|several|angry|other)\s+", re.IGNORECASE)


# acts by which a state, province or city acts as a body: its government ("Alabama and
# Louisiana have sued", "Chicago demanded a refund"); its land being hit is no act of it
_BODY_ACTS = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE",
                        "REJECT", "THREATEN", "SANCTION", "AID", "COOPERATE"})


def _place_government(tok: Token, places: Sequence[PlaceMention], damaged: Sequence[
        tuple[int, int]], trig: _Trig) -> Actor | list[Actor] | None:
    """The government of a first-level region or town that is the subject of a verbal,
    legal or cooperative act ("Alabama and Louisiana have sued over the spill" -> the two
    states' governments, country from the gazetteer); None for anything else."""
    from storyline.annotate.actors import slug

    if not trig.verbal or trig.type not in _BODY_ACTS or tok.dep_ not in ("nsubj", "csubj"):
        return None
    if tok.pos_ == "NOUN" and _lemma(tok) in lx.PLACE_BODIES:
        # "the state of Oregon has vowed to sue": the state is Oregon
        named = next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for x in c.children if x.dep_ == "pobj" and x.pos_ == "PROPN"), None)
        if named is None:
            return None
        tok = named
    out: list[Actor] = []
    for t in [tok, *tok.conjuncts]:
        if t.pos_ != "PROPN" or _touches(t.idx, t.idx + len(t.text), damaged):
            return None
        hit = next((p for p in places if p.start <= t.idx < p.end
                    and p.kind in ("admin1", "place") and p.country), None)
        if hit is None:
            return None
        name = f"{hit.name} government"
        out.append(Actor(text=hit.text, name=name, id="unk-" + slug(name).replace("_", "-"),
                         country=hit.country, role="GOV"))
    return out[0] if len(out) == 1 else out


def _national(tok: Token, typ: str) -> Actor | None:
    """The people of a country named by the adjective on a noun event ("Palestinian
    riots", "Kurdish protests"): civilians for a protest, the military for an attack,
    else the government."""
    iso3 = lx.demonyms().get(tok.lower_)
    if iso3 is None:
        return None
    from storyline.annotate.actors import country_actor
    from storyline.knowledge import load_knowledge

    role = {"PROTEST": "CVL", "ASSAULT": "MIL", "MOBILIZE": "MIL"}.get(typ, "GOV")
    return country_actor(load_knowledge(), iso3, role, tok.text)


def _unnamed_actor(doc: Doc, tok: Token, damaged: Sequence[tuple[int, int]],
                   places: Sequence[PlaceMention] = (), subject: bool = True) -> Actor | None:
    """An actor the resolver does not know, read from the phrase itself: a proper name
    ("the Kassala Farmers Union", "Ahmed Musa") or a group noun of a known role
    ("activists", "truck drivers", "thousands of students"); None for anything else (a
    pronoun, a town, an event). Its id is ``unk-`` and the phrase's slug; its country
    comes from a national adjective ("a French minister"), else None."""
    h = _shared_head(tok) or tok
    for _ in range(2):
        if _lemma(h) in lx.GROUPING or h.lower_ in lx.GROUPING or h.like_num:
            nxt = next((x for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                        for x in c.children if x.dep_ == "pobj"), None)
            if nxt is None or (_lemma(h) in lx.BODY_HEADS and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" for c in h.children)):
                if _lemma(h) in lx.BODY_HEADS:
                    break  # "the main rebel group", "the Andean bloc of ...": the body
                return None
            h = nxt
    counted = h.ent_type_ in ("QUANTITY", "CARDINAL") and h.tag_ == "NNS" and bool(
        lx.role_nouns().get(h.lower_))  # "detained 40 migrants" tagged as a quantity
    if h.pos_ not in ("NOUN", "PROPN") or h.dep_ == "neg" or h.lower_ in lx.PRONOUNS or (
            h.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                            "ORDINAL", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART",
                            "PRODUCT", "LANGUAGE") and not counted):
        return None
    named = any(c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_ == "NORP")
                for c in h.subtree if c.i < h.i)  # "the Tuareg rebel group"
    nouns = lx.role_nouns()
    group = h.tag_ == "NNS" and bool(
        _phrase_role(h, nouns) or nouns.get(h.lower_) or nouns.get(_lemma(h)))
    if h.pos_ == "NOUN" and not named and any(
            (subject and c.dep_ == "det" and c.lower_ in (
                "the", "this", "that", "these", "those", "both", "neither", "no", "each",
                "every", "either", "another", "such")
             and not (group and c.lower_ in ("the", "these", "those", "both")))
            or (c.dep_ == "poss" and c.pos_ == "PRON") for c in h.children):
        # "the two leaders", "its forces": someone named before, or no one; as the one
        # acted on, a described group is the target as written ("released the kidnap
        # victims", "ended talks with the truckers"); a group of a known role is one as
        # written ("the mayors endorsed", "the most labor unions backing him")
        return None
    lem = _lemma(h)
    if lem in lx.NOUNS or (lem in lx.THINGS and h.pos_ != "PROPN") or lem.endswith("strike") or (
            h.pos_ == "NOUN" and (lem in lx.PLACE_NOUNS or h.lower_ in lx.PLACE_NOUNS)) or (
            h.i > 0 and h.nbor(-1).text in ("-", "–")):
        return None  # an event or a weapon ("a cease-fire", "artillery"), not an actor
    role = _phrase_role(h, nouns) or nouns.get(h.lower_) or nouns.get(lem) or nouns.get(
        lem + "s") or ("GOV" if lem in lx.STATE_NOUNS and h.tag_ == "NNS" else None)
    if role is None and h.pos_ == "PROPN":
        role = _descriptor_role(h, nouns)  # "exam regulator Ofqual", "oil company Helix"
    if role is None:
        if named and h.pos_ == "NOUN" and lem in lx.BODY_HEADS:
            role = "UNK"  # "the APEC forum": a named body
        elif subject and h.pos_ == "NOUN" and named and (
                h.tag_ == "NNS" or lem.endswith(("er", "or", "ist", "man", "men", "ian"))):
            role = "UNK"  # "Muslim hackers", "a Saudi businessman" did something
        elif h.pos_ == "PROPN" and not h.ent_type_ and not any(
                ch.isdigit() for ch in h.text) and (_acronym(h) or (
                not subject and h.text[:1].isupper() and h.i > h.sent.start)):
            role = "UNK"  # "urged BP to ...", "accused Gulen of ...": a name left untyped
            # (a word with digits is a sum or a code: "donated USD1 million")
        elif h.pos_ != "PROPN" or not h.text[:1].isupper() or h.ent_type_ not in (
                ("PERSON", "ORG", "NORP", "GPE") if subject else ("PERSON", "ORG", "NORP")):
            # a name the parser does not take for a person or a body (an unknown state
            # only as the one who acts: a shelled "Basunda" is a village)
            return None
        role = "UNK"
    elif role in ("GOV", "MIL") and h.pos_ == "NOUN" and lem not in lx.OFFICE_GROUPS and not any(
            c.dep_ in ("amod", "compound", "prep") and c.lower_ not in lx.AMOUNT_ADJECTIVES
            for c in h.children):
        return None  # bare "officials", "delegations", "more troops": whose is not said
    if lem in lx.STATE_NOUNS and h.tag_ != "NNS":
        return None  # "Bhutan, a majority-Buddhist nation": a state described, not unnamed
    lo, hi = _core_span(h)
    if _touches(lo, hi, damaged) or (h.ent_type_ != "PERSON" and any(
            p.start < h.idx + len(h.text) and h.idx < p.end for p in places)):
        return None  # damaged, or a place ("the Metema crossing", "Gedaref"), unless the
        # parser reads a person ("Clinton" is also a town)
    text = doc_text(doc)[lo:hi].strip()
    # the name leaves out determiners and counts ("about 6,500 people" -> "people")
    skip = {d.i for c in h.children if c.dep_ in ("det", "nummod", "quantmod", "predet")
            for d in c.subtree}
    keep = [t for t in doc[h.left_edge.i:h.right_edge.i + 1]
            if lo <= t.idx < hi and t.i not in skip]
    name = "".join(t.text_with_ws for t in keep).strip() if keep else text
    name = _LEADING.sub("", _LEADING.sub("", name))
    if not name or len(name) > 80 or "\n" in name:
        return None
    from storyline.annotate.actors import slug

    country = next((lx.demonyms().get(c.lower_) for c in h.children
                    if c.dep_ in ("amod", "compound") and c.lower_ in lx.demonyms()), None) or \
        _owner_country(h)
    # no underscore in the id: ids with one are people's (see _antecedent)
    return Actor(text=text, name=name, id="unk-" + slug(name).replace("_", "-"),
                 country=country, role=role)  # type: ignore[arg-type]


def _shared_head(tok: Token) -> Token | None:
    """"spoke with hotel and condominium partners": a bare singular noun coordinated with
    a modified plural modifies the plural's head (the parser hangs "partners" on
    "hotel" as its conjunct); the group is that conjunct."""
    conj = [c for c in tok.children if c.dep_ == "conj"]
    if tok.tag_ != "NN" or len(conj) != 1 or any(
            c.dep_ in ("poss", "compound") for c in tok.children):
        return None  # ("two major hotel and condominium partners": the count is the group's)
    last = conj[0]
    if last.tag_ != "NNS" or not any(c.dep_ in ("compound", "amod") and c.i < last.i
                                     for c in last.children):
        return None
    return last


def _descriptor_role(h: Token, nouns: dict[str, str]) -> str | None:
    """The role a common noun before a name gives it ("exam regulator Ofqual", "rights
    group Amnesty", "oil company Helix"): the nearest such compound noun the role table
    knows, singular or plural."""
    for c in sorted((c for c in h.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                     and c.i < h.i), key=lambda c: -c.i):
        lem = _lemma(c)
        role = nouns.get(c.lower_) or nouns.get(lem) or nouns.get(lem + "s")
        if role is not None:
            return role
    return None


def _owner_country(h: Token) -> str | None:
    """The country a role noun belongs to by name: "Pakistan's foreign minister", "the
    South Korea delegation" (a possessive or compound country name)."""
    for c in h.children:
        if c.dep_ not in ("poss", "compound") or c.pos_ != "PROPN":
            continue
        words = [t for t in c.subtree if t.dep_ != "case" and t.i <= c.i]
        iso3 = lx.country_names().get(" ".join(t.lower_ for t in words))
        if iso3:
            return iso3
    return None


def _phrase_role(h: Token, nouns: dict[str, str]) -> str | None:
    """The role of a group noun with its modifiers ("rights groups", "armed groups", "aid
    agencies"): the longest modified phrase the role table knows."""
    mods = [c for c in h.children if c.dep_ in ("compound", "amod") and c.i < h.i]
    for k in range(len(mods), 0, -1):
        phrase = " ".join([*(m.lower_ for m in mods[-k:]), h.lower_])
        if phrase in nouns:
            return nouns[phrase]
    return None


def _fallback_target(doc: Doc, trig: _Trig, tgt_tok: Token | None,
                     actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
                     places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    """When the target word is no actor (or there is none): an apposition that is one
    ("the Palestinian president, Mahmoud Abbas"), the recipient of what is given ("gave
    firearms to the Marines"), a site that stands for its institution ("attacked an army
    camp"), who a demand asks to act ("demanded that Assad step down"), or the target of
    the act a threat or demand names ("threatened to launch an offensive against X")."""

    def resolve(t: Token | None) -> Actor | list[Actor] | None:
        if t is None:
            return None
        return _actors_at(t, actors, damaged) or _unnamed_actor(
            doc, t, damaged, places, subject=False)

    victim = _harmed_in(trig)
    if victim is not None and (tgt_tok is None or resolve(tgt_tok) is None):
        found = resolve(victim)  # "soldiers were wounded in an attack on a post"
        if found is not None:
            return found
    if tgt_tok is None:
        if trig.type == "REQUEST":
            found = resolve(_asked(trig.token))
            if found is not None:
                return found
        if trig.verbal and trig.type in ("THREATEN", "REQUEST", "ACCUSE", "AGREE", "REJECT"):
            for c in trig.token.children:
                if c.dep_ == "xcomp" and c.pos_ == "VERB":
                    obj = next((o for o in c.children if o.dep_ in _OBJ), None)
                    _, inner = _roles(_Trig(c, trig.type, None, verbal=True, extra=obj))
                    found = resolve(inner)
                    if found is not None:
                        return found
        return None
    for c in tgt_tok.children:
        # "denied charges by the State Department", "rejected the envoy's request"
        who = next((x for x in c.children if x.dep_ == "pobj"), None) if (
            c.dep_ == "prep" and c.lower_ in ("by", "from")) else c if c.dep_ == "poss" else None
        if who is not None and who.pos_ in ("PROPN", "NOUN"):
            found = _actors_at(who, actors, damaged) or _unnamed_actor(
                doc, who, damaged, places, subject=False)
            if found is not None:
                return found
        if c.dep_ == "appos":
            found = _actors_at(c, actors, damaged) or _unnamed_actor(
                doc, c, damaged, places, subject=False)
            if found is not None:
                return found
    if tgt_tok.dep_ in _OBJ:
        from storyline.events.targets import recipient_target

        found = recipient_target(doc, trig, actors, damaged, places, None, obj=tgt_tok)
        if found is not None:
            return found  # "gave firearms to the Marines": the recipients rule
    found = _facility(doc, trig, tgt_tok, damaged)
    if found is None and trig.type == "REQUEST":
        found = resolve(_asked(trig.token))  # "demanded that Assad step down"
    return found


@lru_cache(maxsize=1)
def _facilities() -> dict[str, Any]:
    import json
    from importlib.resources import files

    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/rules/facilities.json").read_text(encoding="utf-8"))
    return data


def _facility(doc: Doc, trig: _Trig, tok: Token,
              damaged: Sequence[tuple[int, int]]) -> Actor | None:
    """A site that stands for the institution it houses, as the target of an attack."""
    fac = _facilities()
    lem = _lemma(tok)
    if trig.type not in fac["types"] or lem not in fac["heads"] or tok.pos_ != "NOUN":
        return None
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "poss")]
    role = fac["heads"][lem]
    quals = [fac["qualifiers"][_lemma(m)] for m in mods if _lemma(m) in fac["qualifiers"]]
    if lem in fac["qualified"] and not quals:
        return None  # "a base", "the building": whose is not said
    role = quals[0] if quals else role
    lo, hi = _core_span(tok)
    if _touches(lo, hi, damaged):
        return None
    country = next((lx.demonyms().get(m.lower_) for m in mods if m.lower_ in lx.demonyms()), None)
    text = doc_text(doc)[lo:hi].strip()
    name = _LEADING.sub("", text)
    if not name or len(name) > 80 or "\n" in name:
        return None
    from storyline.annotate.actors import country_actor, slug
    from storyline.knowledge import load_knowledge

    if country is not None:
        # "Turkish observation posts": the country's military (or police, or government)
        return country_actor(load_knowledge(), country, role, text)
    return Actor(text=text, name=name, id="unk-" + slug(name).replace("_", "-"),
                 country=country, role=role)  # type: ignore[arg-type]


def _pair_antecedent(tok: Token, seg: Span, actors: Sequence[ActorMention]) -> list[Actor] | None:
    """"The two leaders", "both countries": the last two office holders (or states) named
    before the sentence, when that many have been named (an analyst quoted in between is
    not a leader)."""
    lem = _lemma(tok)
    if lem not in lx.PAIR_PEOPLE and lem not in lx.PAIR_STATES:
        return None
    if not any((c.dep_ == "nummod" and c.lower_ in ("two", "2")) or
               (c.dep_ in ("det", "predet") and c.lower_ == "both") for c in tok.children):
        return None
    people = lem in lx.PAIR_PEOPLE
    found: list[Actor] = []
    for m in reversed([m for m in actors if m.end <= seg.start_char]):
        a = m.actor
        is_person = "_" in a.id  # people's ids are surname_given (see actors.py)
        if people != is_person or a.role != "GOV" or not a.country:
            continue  # leaders and states: office holders and governments
        if all(a.id != f.id for f in found):
            found.append(a)
        if len(found) == 2:
            return list(reversed(found))
    return _coordinated_states(seg, actors) if people else None


def _country_word(tok: Token, actors: Sequence[ActorMention]) -> str | None:
    """The country a word names: a people's adjective ("Turkish") or a state's name."""
    iso3 = lx.demonyms().get(tok.lower_)
    if iso3:
        return iso3
    return next((m.actor.country for m in actors if m.start <= tok.idx < m.end
                 and m.actor.country and m.actor.id == f"{m.actor.country}GOV"), None)


def _coordinated_states(seg: Span, actors: Sequence[ActorMention]) -> list[Actor] | None:
    """"The two leaders" where no two leaders are named: the two states named together in
    the last sentences before ("Turkish and Russian officials ... the two leaders"):
    their governments."""
    from storyline.annotate.actors import country_actor
    from storyline.knowledge import load_knowledge

    doc = seg.doc
    sents = [s for s in doc.sents if s.end <= seg.start][-lx.PAIR_LOOKBACK:]
    for sent in reversed(sents):
        for t in sent:
            if t.dep_ != "conj" or not any(c.lower_ == "and" for c in t.head.children):
                continue
            a, b = _country_word(t.head, actors), _country_word(t, actors)
            if a and b and a != b:
                kb = load_knowledge()
                return [country_actor(kb, a, "GOV", t.head.text),
                        country_actor(kb, b, "GOV", t.text)]
    return None


_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "agent")


def _acronym(tok: Token) -> bool:
    """An all-capitals name of two to six letters ("BP", "ANP", "OCHA")."""
    return 2 <= len(tok.text) <= 6 and tok.text.isalpha() and tok.text.isupper()


def _actors_at(tok: Token, actors: Sequence[ActorMention],
               damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    heads = [tok, *tok.conjuncts]
    if tok.dep_ == "conj":
        heads = [tok]
    found: list[Actor] = []
    at: list[int] = []  # the head word of each found actor
    unknown: list[Token] = []
    for h in heads:
        lo, hi = _core_span(h)
        if _touches(lo, hi, damaged):
            return None
        cands = [m for m in actors if m.start < hi and m.end > lo]
        if not cands:
            # "the Afghan president, Ashraf Ghani, said": the name in apposition
            named = [a for a in h.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
            cands = [m for a in named for m in actors if m.start <= a.idx < m.end]
        if not cands:
            unknown.append(h)
            continue
        # prefer the mention covering the head word, else one its 'of' phrase names ("the
        # Turkey head of Amnesty International": Amnesty), else the first one
        at_head = [m for m in cands if m.start <= h.idx < m.end]
        of_phrase = [m for m in cands for c in h.children if c.dep_ == "prep" and
                     c.lower_ == "of" and c.idx <= m.start < c.right_edge.idx + len(
                         c.right_edge.text)]
        best = at_head[0] if at_head else of_phrase[0] if of_phrase else cands[0]
        if all(a.id != best.actor.id for a in found):
            found.append(best.actor)
            at.append(h.i)
    if not found:
        return None
    # "the CDC and the WHO": a conjunct the resolver does not know is still one of the
    # actors, read from its own phrase, beside the known ones
    subject = heads[0].dep_ in _SUBJECT_DEPS
    for h in unknown:
        extra = _unnamed_actor(h.doc, h, damaged, subject=subject)
        if extra is not None and all(a.id != extra.id for a in found):
            found.append(extra)
            at.append(h.i)
    found = [a for _, a in sorted(zip(at, found, strict=True), key=lambda p: p[0])]
    return found[0] if len(found) == 1 else found


def _included(tok: Token, actors: Sequence[ActorMention],
              damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    """The named members of a group its "including" phrase lists ("several states,
    including Chile and Peru": Chile and Peru; "six lawmakers, including their two
    leaders, Ana Ruiz and Tom Cole": the two named)."""
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"),
                None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if pobj is None:
        return None
    heads = [pobj, *pobj.conjuncts]
    heads += [a for h in list(heads) for a in h.children if a.dep_ == "appos"]
    found: list[Actor] = []
    for h in sorted(heads, key=lambda t: t.i):
        for a in side_actors(_actors_at(h, actors, damaged)):
            if not _unnamed(a) and all(a.id != b.id for b in found):
                found.append(a)
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def _unnamed(a: Actor) -> bool:
    """An actor read from a common noun ("seven progressives", "the ministry")."""
    return a.id.startswith(("unk-", "UNK"))


def _gap_before(tok: Token, seg: Span, damaged: Sequence[tuple[int, int]]) -> bool:
    return _touches(seg.start_char, tok.idx, damaged)


def _speaker_name(subj: Token, actors: Sequence[ActorMention],
                  damaged: Sequence[tuple[int, int]]) -> str | None:
    if subj.text.lower() in lx.PRONOUNS:
        return None
    lo, hi = _core_span(subj)
    if _touches(lo, hi, damaged):
        return None
    at = [m for m in actors if m.start < hi and m.end > lo]
    head_hit = [m for m in at if m.start <= subj.idx < m.end]
    if head_hit and (head_hit[0].end - head_hit[0].start) >= (hi - lo) - 2:
        return head_hit[0].actor.name
    text = doc_text(subj.doc)[lo:hi]
    return re.sub(r"\s+", " ", text).strip() or None


def _speaker_agent(trig: _Trig, seg: Span, actors: Sequence[ActorMention],
                   damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    """The reporter of a passive act whose agent is not said, when the reporter is a
    body that does such acts (``lx.SPEAKER_AGENTS``): "police said three men were
    arrested" (police), "a UN spokesman said thousands were being paid" (the UN)."""
    tok = trig.token
    roles = lx.SPEAKER_AGENTS.get(trig.type, lx.SPEAKER_AGENTS["*"])
    if not trig.verbal or not roles or not any(c.dep_ in ("nsubjpass", "auxpass")
                                               for c in tok.children) or any(
            c.dep_ == "agent" for c in tok.children):
        return None
    found = find_attribution(tok, seg.start, seg.end, lemma=_lemma)
    if found is None or found.speaker.lower_ in lx.PRONOUNS:
        return None
    speaker = _actors_at(found.speaker, actors, damaged) or _described_source(
        found.speaker, actors, damaged, ()) or _unnamed_actor(seg.doc, found.speaker, damaged)
    if speaker is None:
        return None
    sides = speaker if isinstance(speaker, list) else [speaker]
    return speaker if all(a.role in roles for a in sides) else None


def _orderer(trig: _Trig, actors: Sequence[ActorMention],
             damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    """Who ordered its own people to act, when they are not named as anyone's ("Putin
    ordered troops to withdraw": Putin withdrew them)."""
    tok = trig.token
    head = tok.head
    if not trig.verbal or tok.dep_ != "xcomp" or _lemma(head) not in lx.ORDER_VERBS:
        return None
    ordered = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
    if ordered is None or _lemma(ordered) not in lx.OWN_PEOPLE:
        return None
    subj, passive = _subject_of(head)
    if subj is None or passive:
        return None
    return _actors_at(subj, actors, damaged) or _unnamed_actor(tok.doc, subj, damaged)


def _attribution(trig: _Trig, seg: Span, actors: Sequence[ActorMention],
                 damaged: Sequence[tuple[int, int]]) -> str | None:
    """Who reports the event (the shared search of :mod:`storyline.annotate.attribution`):
    the reporter's actor name, or the phrase as written."""
    found = find_attribution(trig.token, seg.start, seg.end, lemma=_lemma)
    if found is None:
        return None
    if found.verb is None:  # "according to X"
        lo, hi = _core_span(found.speaker)
        if _touches(lo, hi, damaged):
            return None
        return re.sub(r"\s+", " ", doc_text(seg.doc)[lo:hi]).strip() or None
    return _speaker_name(found.speaker, actors, damaged)
