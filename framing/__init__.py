"""framing: measure how news coverage frames the sides of a story."""

__version__ = "0.1.0"
