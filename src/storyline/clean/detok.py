"""Undo Penn Treebank tokenisation: text some corpora and scrapers hand over tokenised.

Tokenised text ("BP 's chairman said -LRB- in London -RRB- that `` it was n't so '' .")
misleads the parser: bracket codes read as words, split clitics and quotes as odd tokens.
:func:`detokenise` restores ordinary spacing and punctuation, line by line (lines stay
lines); :func:`looks_tokenised` says whether a text needs it, so ordinary text is never
touched.

>>> detokenise("BP 's chairman said -LRB- in London -RRB- that `` it was n't so '' .")
'BP\\'s chairman said (in London) that "it wasn\\'t so".'
"""

from __future__ import annotations

import re

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{",
             "-RCB-": "}"}
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"-(?:LRB|RRB|LSB|RSB|LCB|RCB)-"), ""),  # placeholder, replaced below
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r" +(n't|'s|'re|'ve|'ll|'d|'m|'S|N'T)\b"), r"\1"),
    # punctuation set off by spaces, also before a closing quote or bracket: "so . ''"
    (re.compile(r" +([,.;:?!%])(?=\s|$|[\"')\]}])"), r"\1"),
    (re.compile(r"([(\[{]) +"), r"\1"),
    (re.compile(r" +([)\]}])"), r"\1"),
    (re.compile(r"\$ (?=\d)"), "$"),
    (re.compile(r" {2,}"), " "),
)


def looks_tokenised(text: str) -> bool:
    """Whether ``text`` is Penn-Treebank tokenised (bracket codes, ``` `` ``` quotes, or
    commas and clitics set off by spaces throughout)."""
    if re.search(r"(?:^| )-[LR][RSC]B-(?: |$)", text) or " `` " in text or "`` " in text[:2]:
        return True
    spaced = text.count(" , ") + text.count(" 's ") + text.count(" n't ")
    commas = text.count(",")
    return spaced >= 3 and spaced >= 0.8 * max(1, commas)


def _quote_spacing(line: str) -> str:
    """After the ```` `` ```` and ``''`` marks are plain quotes: no space inside a pair."""
    out = []
    for i, part in enumerate(line.split('"')):
        if i % 2 == 1:
            part = part.strip()
        out.append(part)
    return '"'.join(out) if line.count('"') % 2 == 0 else line


def detokenise(text: str) -> str:
    """``text`` with Penn Treebank tokenisation undone, line by line."""
    lines = []
    for line in text.split("\n"):
        for code, ch in _BRACKETS.items():
            line = line.replace(code, ch)
        had_ptb_quotes = "``" in line or "''" in line
        for pat, rep in _RULES[1:]:
            line = pat.sub(rep, line)
        if had_ptb_quotes:
            line = _quote_spacing(line)
        lines.append(line.strip())
    return "\n".join(lines)
