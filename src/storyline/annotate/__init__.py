"""Per-document stage 3: actors, times, places and figures, with offsets."""
