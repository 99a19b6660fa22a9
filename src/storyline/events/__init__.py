"""Per-document stage 4: PLOVER events with modality and provenance."""

from storyline.events.extract import extract_events

__all__ = ["extract_events"]
