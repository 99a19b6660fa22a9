"""Per-document stage 2: clean bodies and read metadata (title, outlet, dateline, date)."""
