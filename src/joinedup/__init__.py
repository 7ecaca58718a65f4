"""joinedup: find out whether a health and social care partnership works."""

__version__ = "0.1.0"
