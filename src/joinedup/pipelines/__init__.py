"""Record-level data turned into a partnership's indicators (DuckDB)."""
