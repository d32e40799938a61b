"""consistency: find claims that news articles about the same events disagree on."""

__version__ = "0.1.0"
