"""Detect places where a scraper dropped words (usually linked entity names).

Pages scraped with their links removed lose the names inside the links: "The
[Syrian Observatory] for Human Rights said", "Turkey has accused the [Syrian
government] of violating", a paragraph starting "and are again facing". Each
finding is a span of the cleaned text; later stages must not invent actors
there.
"""

from __future__ import annotations

import re

# "her" and "his" are left out: "told her at", "his are" are pronouns, not lost names.
_DET = r"(?:the|The|a|an|An|its|their)"
_FOLLOW = (
    r"(?:of|for|in|on|at|to|and|or|with|from|by|is|are|was|were|has|have|had|said|says|"
    r"will|would|which|who|that)"
)
DEMONYMS = (
    "Turkish|Russian|Syrian|Iranian|American|Israeli|Iraqi|Lebanese|Jordanian|Saudi|Egyptian|"
    "Chinese|French|British|German|Ukrainian|Kurdish|Libyan|Sudanese|Ethiopian|Qatari|Emirati|"
    "Armenian|Azerbaijani|Serbian|Afghan|Pakistani|Indian|Yemeni|Palestinian"
)

_OPENERS = ("in", "on", "at", "with", "by", "from", "for", "and", "but", "that", "against",
            "between", "of")
_PHRASE_START = "(?:(?m:^)|(?<=[.,;:!?\"“(] )|" + "|".join(f"(?<=\\b{w} )" for w in _OPENERS) + ")"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "The for Human Rights said", "accused the of violating"
    ("determiner without its noun", re.compile(rf"\b{_DET} (?={_FOLLOW}\b(?![-\w]))")),
    # "rein in Syrian to prevent", "Turkish said the country"
    # only where the noun phrase starts ("rein in Syrian to", a paragraph opening "Turkish
    # said"): after an article or an adjective it names people ("the first American to").
    ("adjective without its noun", re.compile(
        rf"{_PHRASE_START}\b(?:{DEMONYMS}) "
        rf"(?=(?:said|says|to|have|has|had|will|would|is|are|was|were)\b)")),
    # "an and political science", "near the border with while others"
    ("word missing between function words", re.compile(
        # ("in and out", "in and around" are whole)
        r"\b(?:an|with|of|from) (?=(?:and|while|but|whereas)\b)")),
]
# A paragraph that starts mid-sentence: "and are again facing ..."
START_CUT = re.compile(r"(?m)^(?:and|or|but|with|while|as well as)\s+(?=[a-z])")
# A paragraph that ends in a word that needs the name after it ("talks with the").
# A paragraph that merely lacks its full stop is a subheading, a list item, a caption or a
# footer ("... legal research platform"), not a lost name.
END_CUT = re.compile(r"(?m)\b(?:the|a|an|of|in|at|to|with|by|from|for|and|near)\s*$")


def find_damage(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans (start, end) of the cleaned text where names were dropped, and warnings."""
    spans: list[tuple[int, int]] = []
    kinds: dict[str, list[str]] = {}
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            start = m.start()
            end = _next_word_end(text, m.end())
            spans.append((start, end))
            kinds.setdefault(kind, []).append(text[start:end])
    for m in START_CUT.finditer(text):
        spans.append((m.start(), _next_word_end(text, m.end())))
        kinds.setdefault("paragraph starts mid-sentence", []).append(
            text[m.start() : _next_word_end(text, m.end())]
        )
    offset = 0
    paras = text.split("\n")
    last = max((n for n, p in enumerate(paras) if p.strip()), default=-1)
    for n, para in enumerate(paras):
        stripped = para.rstrip()
        standfirst = n == 0 and not re.search(r"[.!?]", stripped) and stripped[:1].isupper()
        # The text's last paragraph cut short is a teaser or a truncated page, not a lost name.
        if n != last and len(stripped.split()) >= 6 and END_CUT.search(stripped) and not (
            standfirst and not re.search(r"\b(?:the|a|an|of|in|at|to|with|by|from|for|and)$", stripped)
        ):
            last_start = offset + max(stripped.rfind(" "), 0)
            spans.append((last_start, offset + len(stripped)))
            kinds.setdefault("paragraph ends mid-sentence", []).append(
                "…" + stripped[-40:]
            )
        offset += len(para) + 1
    spans.sort()
    warnings = [
        f"entity names missing from the text ({kind}): " + "; ".join(repr(x) for x in found[:5])
        for kind, found in kinds.items()
    ]
    return spans, warnings


def _next_word_end(text: str, pos: int) -> int:
    m = re.compile(r"\s*\S+").match(text, pos)
    return m.end() if m else pos


def in_damage(start: int, end: int, spans: list[tuple[int, int]], margin: int = 0) -> bool:
    """True when [start, end) touches a damaged span (with a margin in characters)."""
    return any(start < b + margin and end > a - margin for a, b in spans)
