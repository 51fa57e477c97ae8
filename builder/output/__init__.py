"""Output stage: deterministic zips, written all-or-nothing into the output folder."""
