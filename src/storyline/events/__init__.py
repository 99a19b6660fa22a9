"""Per-document stage 4: PLOVER events with modality and provenance."""
