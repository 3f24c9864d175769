"""framing: measure how news coverage frames the sides of a story.

>>> import framing
>>> [q.speaker for q in framing.extract_quotes('“We will stay,” said Ana Berg.')]
['Ana Berg']
"""

__version__ = "0.1.0"

from .attribute import Quote, extract_quotes  # noqa: E402

__all__ = ["Quote", "extract_quotes", "__version__"]
