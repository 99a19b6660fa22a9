"""Dating: the date an event happened, not the date it was reported.

The time expressions of the article (:func:`_whens`, resolved with
:func:`~storyline.annotate.times.resolve_range`) are attached to the trigger's clause
(:func:`_date`); an event with no date of its own takes the wire dateline's or the
publication date; a reported speech act takes the day it was said
(:func:`_speech_date`).
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.annotate import doc_text
from storyline.annotate.times import OUT_OF_RANGE, resolve_range
from storyline.events import lexicon as lx
from storyline.events.syntax import _continued_relative, _lemma, _Trig
from storyline.model import (
    DateRange,
    Precision,
    TimeExpression,
)


def _precision(value: str, lo: str, hi: str) -> Precision:
    v = value.split("T", 1)[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return "day"
    if "-W" in v:
        return "week"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", v):
        return "season"
    if re.fullmatch(r"\d{4}-\d{2}", v) or re.fullmatch(r"\d{4}-Q\d", v):
        return "month"
    return "year"


def _time_owner(doc: Doc, t: TimeExpression, trig_tokens: dict[int, _Trig],
                seg: Span) -> tuple[int | None, int | None]:
    """(index of the trigger owning a time, index of its clause verb)."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    root = span.root
    cur = root
    verb: int | None = None
    for _ in range(12):
        if cur.i in trig_tokens and cur.i not in range(span.start, span.end):
            return cur.i, verb
        if verb is None and cur.pos_ in ("VERB", "AUX") and cur.i not in range(span.start,
                                                                              span.end):
            verb = cur.i
        if cur.head.i == cur.i or (cur.dep_ == "relcl" and cur.pos_ in ("VERB", "AUX") and
                                   _lemma(cur) not in lx.SPEECH_VERBS):
            # a relative clause's time is its own ("X, who takes over on 1 October,"),
            # unless it says when the act was spoken ("support from X, who stated on
            # 26 December that ...")
            break
        if cur.i not in range(span.start, span.end) and _later_happening(cur):
            break  # "committed before the rig exploded on 20 April": the explosion's day
        cur = cur.head
    return None, verb


def _later_happening(tok: Token) -> bool:
    """A clause or event noun that says what came after the act ("before the rig
    exploded", "ahead of the summit"): its time is its own, not the act's
    (``SEQUENCE_WORDS`` in ``events/lexicon.py``)."""
    if tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX"):
        return any(c.dep_ == "mark" and c.lower_ in lx.SEQUENCE_WORDS for c in tok.children)
    if tok.dep_ == "pobj" and _lemma(tok) not in lx.TIME_NOUNS and tok.ent_type_ not in (
            "DATE", "TIME"):
        prep = tok.head
        if prep.lower_ in lx.SEQUENCE_WORDS:
            return True
        return prep.lower_ in ("of", "to") and prep.head.lower_ in ("ahead", "prior")
    return False


def _anchor_verb(trig: _Trig) -> int:
    tok = trig.token
    if trig.verbal:
        return tok.i
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return cur.i
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return tok.i


@dataclass(slots=True)
class _When:
    """A time expression as an event date: its span, resolved range and wording."""

    start: int
    end: int
    lo: str
    hi: str
    precision: Precision
    text: str


_PART_OF = re.compile(r"(early|mid|middle|late|end|the end|beginning|the beginning)"
                      r"(?:[\s-]+of)?[\s-]*$", re.I)

_RANGE_GLUE = re.compile(r"\s*(?:-|–|—|to|and|through|until)\s*$")

_DUR = re.compile(r"P(\d+|X)([DWMY])")

# a time named again by reference to the one before it: "In the same period, 269 troops
# were killed" (after "... killed since April 30") takes that range
_SAME_PERIOD = re.compile(r"\b(?:in|during|over|for|within|at)\s+the\s+same\s+"
                          r"(?:period|time|span|timeframe|time\s+frame|interval|weeks?|"
                          r"months?|days?)\b", re.I)


def _shift(day: str, days: int) -> str:
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=days)).isoformat()


def _narrow(lo: str, hi: str, precision: Precision, part: str) -> tuple[str, str, Precision]:
    """"early/mid/late" inside a month (1-10, 11-20, 21-end) or a year (Q1, Apr-Sep, Q4)."""
    part = part.lower()
    early = part.startswith(("early", "beginning", "the beginning"))
    late = part.startswith(("late", "end", "the end"))
    if precision == "month":
        if early:
            return lo, lo[:8] + "10", "day"
        if late:
            return lo[:8] + "21", hi, "day"
        return lo[:8] + "11", lo[:8] + "20", "day"
    if precision == "year":
        y = lo[:4]
        if early:
            return f"{y}-01-01", f"{y}-03-31", "month"
        if late:
            return f"{y}-10-01", f"{y}-12-31", "month"
        return f"{y}-04-01", f"{y}-09-30", "month"
    return lo, hi, precision


def _whens(text: str, times: Sequence[TimeExpression], pub: str | None) -> list[_When]:
    """Event dates from the time annotation: ranges ("March 20-21"), "since X" (X to the
    article date), "early/late X", and durations anchored at the article date ("within
    30 days", "over the last two weeks")."""
    out: list[_When] = []
    ts = sorted(times, key=lambda t: t.start)
    skip: set[int] = set()
    for k, t in enumerate(ts):
        if k in skip:
            continue
        before = text[max(0, t.start - 25):t.start]
        if t.type == "DURATION":
            m = _DUR.search(t.value)
            if m is None or pub is None:
                continue
            n = 7 if m.group(1) == "X" and m.group(2) == "D" else (
                None if m.group(1) == "X" else int(m.group(1)))
            if n is None:
                continue
            days = n * {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(2)]
            low = (before + t.text).lower()
            if re.search(r"\bwithin\s*$", before, re.I):
                out.append(_When(t.start, t.end, pub, _shift(pub, days - 1), "day", t.text))
            elif re.search(r"\b(last|past|previous)\b", low) and not re.search(
                    r"\bago\b", text[t.end:t.end + 6]):
                out.append(_When(t.start, t.end, _shift(pub, -days), pub, "day", t.text))
            continue
        if t.type not in ("DATE", "TIME"):
            continue
        rng = resolve_range(t.value)
        if rng is None:
            if pub is not None and (t.value.startswith("XXXX") or t.value == OUT_OF_RANGE):
                # a date the DCT cannot place ("next week" past the calendar's end): the
                # event it dates is undated, not dated at the DCT (see :func:`_date`)
                out.append(_When(t.start, t.end, "", "", "year", t.text))
            continue
        lo, hi = rng
        prec = _precision(t.value, lo, hi)
        start, end, wording = t.start, t.end, t.text
        # "March 20-21", "Sept. 11-12", "between December 12 and 25"
        if k + 1 < len(ts) and ts[k + 1].type in ("DATE", "TIME") and \
                _RANGE_GLUE.fullmatch(text[t.end:ts[k + 1].start] or "x") is not None:
            nxt = resolve_range(ts[k + 1].value)
            if nxt is not None and nxt[1] >= lo:
                hi = nxt[1]
                end = ts[k + 1].end
                wording = text[start:end]
                skip.add(k + 1)
        first = wording.split()[0] if wording.split() else ""
        part = _PART_OF.search(before)
        if first.lower() in ("early", "mid", "late", "mid-") or wording.lower().startswith(
                "mid-"):
            lo, hi, prec = _narrow(lo, hi, prec, wording)
        elif part is not None:
            lo, hi, prec = _narrow(lo, hi, prec, part.group(1))
        if re.search(r"\bsince\s*$", before, re.I) and pub is not None and pub > hi:
            hi = pub
            wording = "since " + wording
        out.append(_When(start, end, lo, hi, prec, wording))
    return _same_periods(text, out)


def segment_whens(whens: Sequence[_When], starts: Sequence[int], seg: Span) -> list[_When]:
    """The times of ``whens`` (sorted by start; ``starts`` their starts) that lie within
    the segment ``seg``, found by bisection: each event's date scanned every time of the
    article, so an article of thousands of dates cost their square (10,000 dates: 109 s).
    The same times, in the same order, as filtering the whole list."""
    lo = bisect_left(starts, seg.start_char)
    hi = bisect_right(starts, seg.end_char, lo)
    return [w for w in whens[lo:hi] if w.end <= seg.end_char]


def _same_periods(text: str, whens: list[_When]) -> list[_When]:
    """"In the same period" takes the range of the nearest earlier range of days (within
    the article's last 400 characters); a single day or an unplaced time gives nothing."""
    added: list[_When] = []
    for m in _SAME_PERIOD.finditer(text):
        prior = [w for w in whens if w.end <= m.start() and m.start() - w.end < 400
                 and w.lo and w.hi and w.lo != w.hi]
        if prior:
            w = prior[-1]
            added.append(_When(m.start(), m.end(), w.lo, w.hi, w.precision, m.group(0)))
    return sorted([*whens, *added], key=lambda w: w.start) if added else whens


def _dateline_when(doc: Doc, whens: Sequence[_When]) -> tuple[int, _When | None]:
    """The end of a wire dateline ("NAIROBI, March 21 (PAP) -") and the date it gives."""
    m = _DATELINE.match(doc_text(doc))
    if m is None:
        return 0, None
    got = next((w for w in whens if w.end <= m.end() and w.precision == "day"), None)
    return m.end(), got


def _lead_when(doc: Doc, whens: Sequence[_When], after: int, pub: str | None) -> _When | None:
    """The day the article's lead sentence reports, when it is a day or two before the
    publication ("... said on Monday" in Tuesday's paper): the news day the article's
    undated reports belong to. None when the lead names no such day."""
    if not pub:
        return None
    import datetime as dt

    try:
        day = dt.date.fromisoformat(pub)
    except ValueError:
        return None
    sents = [s for s in doc.sents if s.end_char > after and s.text.strip()][:LEAD_SENTENCES]
    if not sents:
        return None
    hi = sents[-1].end_char
    for w in whens:
        if w.start < after or w.end > hi or w.precision != "day" or w.lo != w.hi:
            continue
        try:
            back = (day - dt.date.fromisoformat(w.lo)).days
        except ValueError:
            continue
        if 1 <= back <= LEAD_DAYS_BACK and not _in_later_clause(doc, w):
            return w
    return None


def _in_later_clause(doc: Doc, w: _When) -> bool:
    """Whether the time ``w`` sits in a clause of what came after ("before the ceasefire
    took effect on Sunday"): the day of that, not the lead's news."""
    span = doc.char_span(w.start, w.end, alignment_mode="expand")
    if span is None:
        return False
    cur = span.root
    for _ in range(12):
        if _later_happening(cur):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


LEAD_SENTENCES = 2  # the lead: the first sentences after the dateline (a title may be glued)
LEAD_DAYS_BACK = 2  # ... naming a day at most this many days before publication


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^\n\-–—:(]{0,40})?\s*"
                       r"(?:\([^)\n]{1,40}\)\s*)?[-–—:]\s")


def _owned(doc: Doc, w: _When, trig_tokens: dict[int, _Trig]) -> tuple[int | None, int | None]:
    t = TimeExpression(text=w.text, start=w.start, end=w.end, type="DATE", value="")
    return _time_owner(doc, t, trig_tokens, doc[:])


# "later today", "later this week" (not "later that day": a past narrative)
_LATER_TODAY = re.compile(r"later\s+(?:today|tonight|this\b)", re.I)


def _date(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig],
          whens: Sequence[_When], default: tuple[str, str],
          all_whens: Sequence[_When] | None = None) -> tuple[DateRange, bool]:
    """The date of the event ``trig``: a time of its segment it owns (``whens`` may be
    the segment's own, see :func:`segment_whens`; ``all_whens``, the article's, default
    ``whens``, are searched for a time noun's date), else ``default``."""
    trig_tokens = {t.token.i: t for t in trigs}
    mine: list[_When] = []
    for w in whens:
        if w.start < seg.start_char or w.end > seg.end_char:
            continue
        owner, verb = _owned(doc, w, trig_tokens)
        anchor = _anchor_verb(trig)
        if owner == trig.token.i and verb is not None and verb != owner and \
                doc[verb].dep_ == "xcomp" and doc[verb].head.i == owner and \
                _lemma(trig.token) in lx.FUTURE_GOVERNORS:
            continue  # "agreed to meet next month": the meeting's date, not the agreement's
        if owner == trig.token.i or (owner is None and verb is not None and verb == anchor) \
                or (not trig.verbal and owner == anchor):
            # a noun event takes the time of its own clause's verb, even when that verb is
            # an event too ("travelled to X on Monday for talks")
            mine.append(w)
    rank = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}
    if mine and not any(w.lo for w in mine):
        # its only time cannot be placed on the calendar: no date rather than the DCT
        return DateRange(start="", end="", precision="day", text=mine[0].text), False
    mine = [w for w in mine if w.lo]
    if mine:
        best = min(mine, key=lambda w: (rank[w.precision], w.hi != w.lo))
        pub = default[1]
        # "travels to Washington later today": a time still ahead of the article is the
        # future even when it is the article's own day
        future = bool(pub) and (best.lo > pub or bool(_LATER_TODAY.match(best.text)))
        return DateRange(start=best.lo, end=best.hi, precision=best.precision,
                         text=best.text), future
    named = _time_noun_when(trig, whens if all_whens is None else all_whens)
    if named is not None:
        return DateRange(start=named.lo, end=named.hi, precision=named.precision,
                         text=named.text), bool(default[1]) and named.lo > default[1]
    return DateRange(start=default[0], end=default[0], precision="day", text=None), False


def _time_noun_when(trig: _Trig, whens: Sequence[_When]) -> _When | None:
    """The time an event's clause describes: "by July 20, the day the prime minister is
    scheduled to visit" (the visit's day is July 20). The event's clause (climbing
    "scheduled to", "expected to") is a relative clause of a time noun, and a time
    expression names that noun or stands in apposition to it."""
    cur = trig.token
    for _ in range(3):
        if cur.dep_ in ("relcl", "acl") or cur.head.i == cur.i:
            break
        if cur.dep_ not in ("xcomp", "conj", "ccomp"):
            return None
        cur = cur.head
    if cur.dep_ not in ("relcl", "acl") or _lemma(cur.head) not in lx.TIME_NOUNS:
        return None
    noun = cur.head
    near = [noun] + [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        near.append(noun.head)
    text = doc_text(noun.doc)
    first = noun.left_edge.idx
    for w in whens:
        if w.lo and (any(w.start <= t.idx < w.end for t in near) or (
                w.end <= first and text[w.end:first].strip() == ",")):
            return w  # (the parse may not hang "the day" on the date before its comma)
    return None


def _past_tense(tok: Token) -> bool:
    """The clause of an event is in the past tense ("brokered", "has signed", "was hit")."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            aux = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
            if any(c.lower_ in ("will", "would", "'ll", "shall", "to") or c.tag_ == "MD"
                   for c in aux):
                return False
            return cur.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or (
                cur.tag_ == "VBN" and any(_lemma(c) == "have" for c in aux))
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _year_back(day: str) -> str:
    y, rest = day[:4], day[4:]
    if rest == "-02-29":
        rest = "-02-28"
    return f"{int(y) - 1:04d}{rest}"


def _speech_date(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig],
                 whens: Sequence[_When]) -> DateRange | None:
    """The date of the reporting clause ("..., officials said on Tuesday"): the latest a
    reported past event can have happened, used when the event has no date of its own."""
    verb = _reporting_verb(trig.token)
    if verb is None:
        return None
    return _verb_day(doc, seg, whens, trigs, verb.i, unowned=True)


# the precisions of a reporting clause's time that date what it reports ("In May, X
# announced that ..."); a year is too coarse to stand for the occasion
_SAID_ON = frozenset({"day", "week", "month"})


def _verb_day(doc: Doc, seg: Span, whens: Sequence[_When], trigs: list[_Trig], verb_i: int,
              *, unowned: bool) -> DateRange | None:
    """The day, week or month expression of the segment that belongs to the verb ``verb_i`` (and, with
    ``unowned``, to no event of its own)."""
    trig_tokens = {t.token.i: t for t in trigs}
    for w in whens:
        if w.start < seg.start_char or w.end > seg.end_char or w.precision not in _SAID_ON:
            continue
        owner, v = _owned(doc, w, trig_tokens)
        if v == verb_i and (owner is None or not unowned):
            return DateRange(start=w.lo, end=w.hi, precision=w.precision, text=w.text)
    return None


def _coordinate_date(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig],
                     whens: Sequence[_When]) -> DateRange | None:
    """A verb coordinated with a dated speech verb shares its occasion: "X said on Monday
    that ... and urged Y to ..." (also when the parse hung "urged" elsewhere, see
    :func:`_continued_relative`)."""
    tok = trig.token
    if not trig.verbal or tok.dep_ != "conj":
        return None
    verb = _continued_relative(tok) or tok.head
    if _lemma(verb) not in lx.SPEECH_VERBS or verb.i in {t.token.i for t in trigs}:
        return None
    # the speech verb's own time (whatever event governs it)
    return _verb_day(doc, seg, whens, trigs, verb.i, unowned=False)


def _reporting_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        for c in cur.children:
            if c.dep_ in ("parataxis", "advcl") and _lemma(c) in lx.SPEECH_VERBS and \
                    c.i > tok.i:
                return c
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and _lemma(cur.head) in lx.SPEECH_VERBS:
            return cur.head
        if cur.dep_ in ("relcl", "advcl", "acl") and cur.i != tok.i:
            return None
        cur = cur.head
    return None
