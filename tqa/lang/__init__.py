"""Per-language facts kept as tables (abbreviations, months, typography)."""
