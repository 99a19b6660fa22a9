"""PLOVER's own coding of an event whose modality is not plain assertion.

storyline keeps what was reported and how (a ``future`` ASSAULT, a ``negated`` AGREE);
PLOVER-coded data sets fold the modality into the type instead. :func:`plover_type`
gives that folded type, so output can be compared with PLOVER gold or merged with
PLOVER-coded data:

* planned or possible cooperation (CONSULT, SUPPORT, COOPERATE, AID) is an intent to
  cooperate, AGREE (manual, AGREE: "cooperative actions ... reported in future tense
  are also taken to imply intentions");
* an announced future retreat is a CONCEDE (manual, RETREAT);
* a planned or possible material conflict act (PROTEST, SANCTION, MOBILIZE, COERCE,
  ASSAULT) announced by its actor is a THREATEN;
* a cooperative act reported as not happening ("failed to reach agreement", "will not
  accept refugees") is a REJECT.
"""

from __future__ import annotations

from storyline.model import Event

_COOP_INTENT = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_CONFLICT_ACTS = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                          "RETREAT"})


def plover_type(event: Event) -> str:
    """The PLOVER type of ``event`` with its modality folded in (see the module doc)."""
    return fold(event.type, event.modality)


def fold(t: str, m: str) -> str:
    """The PLOVER type of an event of type ``t`` reported with modality ``m``."""
    if m in ("future", "hypothetical"):
        if t in _COOP_INTENT:
            return "AGREE"
        if t == "RETREAT":
            return "CONCEDE"
        if t in _CONFLICT_ACTS:
            return "THREATEN"
    if m == "negated" and t in _COOPERATIVE:
        return "REJECT"
    return t
