"""YAML as the kit reads it (front matter, actors.yaml): the safe loader, no aliases, a nesting limit, and
values YAML cannot build (``2026-02-30``, ``T25:00``, a 5,000-digit number) refused with their line.

Every refusal is a :class:`yaml.MarkedYAMLError`: ``problem`` says what is wrong, ``problem_mark.line``
(0-based) where.

>>> load_yaml("date: 2026-03-02\\ntags: [a, b]\\n")[1]
{'date': datetime.date(2026, 3, 2), 'tags': ['a', 'b']}
>>> try:
...     load_yaml("title: x\\ndate: 2026-02-30\\n")
... except yaml.MarkedYAMLError as exc:
...     print(exc.problem_mark.line, exc.problem)
1 '2026-02-30' is not a valid date or time (day is out of range for month)
"""

from __future__ import annotations

import yaml

#: Deepest nesting of lists and mappings read (front matter and actors.yaml need two or three levels).
MAX_DEPTH = 100

_OPEN = (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken, yaml.FlowSequenceStartToken,
         yaml.FlowMappingStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


class Refused(yaml.MarkedYAMLError):
    """Valid YAML the kit will not read: an alias, or nesting deeper than MAX_DEPTH."""


class _Constructors:
    """Dates, times and integers that Python cannot build become YAML errors (with a line) instead of a
    ValueError from the middle of the constructor."""

    def construct_yaml_timestamp(self, node):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a valid date or time ({exc})", node.start_mark) from None

    def construct_yaml_int(self, node):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_int(self, node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {len(node.value)} characters is too long to read; quote it",
                node.start_mark) from None


#: libyaml's safe loader when PyYAML was built with it (about five times faster on a large actors.yaml);
#: a document it refuses is read again by PyYAML's own loader, whose messages the docs list
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PyLoader(_Constructors, yaml.SafeLoader):
    pass


class _Loader(_Constructors, _BASE):
    pass


for _cls in (_PyLoader, _Loader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _Constructors.construct_yaml_timestamp)
    _cls.add_constructor("tag:yaml.org,2002:int", _Constructors.construct_yaml_int)


def check_tokens(text: str, max_depth: int = MAX_DEPTH, scanner=_BASE) -> None:
    """Raise :class:`Refused` at the first alias (``*name``: a few lines of them can expand to millions of
    values) or at nesting deeper than ``max_depth`` (the composer recurses once per level)."""
    depth = 0
    for token in yaml.scan(text, Loader=scanner):
        if isinstance(token, yaml.AliasToken):
            raise Refused(None, None, "uses a YAML alias (*name); write the values out instead",
                          token.start_mark)
        if isinstance(token, _OPEN):
            depth += 1
            if depth > max_depth:
                raise Refused(None, None, f"is nested more than {max_depth} levels deep", token.start_mark)
        elif isinstance(token, _CLOSE):
            depth -= 1


def load_yaml(text: str, max_depth: int = MAX_DEPTH) -> tuple[yaml.Node | None, object]:
    """(node tree, value) of one YAML document, after :func:`check_tokens`. Tags other than the safe
    loader's are refused (never executed)."""
    try:
        return _load(text, max_depth, _Loader, _BASE)
    except yaml.YAMLError:
        if _BASE is yaml.SafeLoader:
            raise
    return _load(text, max_depth, _PyLoader, yaml.SafeLoader)  # the same refusal, in PyYAML's words


def _load(text: str, max_depth: int, cls, scanner) -> tuple[yaml.Node | None, object]:
    check_tokens(text, max_depth, scanner)
    loader = cls(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
