"""Per-document stage 1: read inputs of every kind into raw documents."""
