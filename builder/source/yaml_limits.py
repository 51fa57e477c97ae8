"""What a YAML course source may not hold, found before any value is built: aliases (which
can expand to billions of values, or to themselves) and nesting deeper than MAX_DEPTH.

A document with no `*` holds no alias: libyaml composes its nodes (stopping at 1,000 levels)
and `too_deep` checks them, one parse. Any other, and any document PyYAML's own parser reads
(it has no such stop), is `screen`ed event by event first.
"""

from __future__ import annotations

import yaml

from ..diagnostics import Diagnostics, Location

MAX_DEPTH = 32
"""The deepest nesting of YAML mappings and lists; course data is at most 6 levels deep."""

TOO_DEEP = (
    "yaml-too-deep",
    f"YAML nesting deeper than {MAX_DEPTH} levels; expected flat course data",
)


def too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first collection, in document order, nested deeper than MAX_DEPTH; None if none."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth > MAX_DEPTH:
            return node
        children = (
            [part for pair in node.value for part in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value
        )
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


def screen(
    text: str, where: str, diagnostics: Diagnostics, offset: int, loader: type[yaml.SafeLoader]
) -> bool:
    """Read the document's events once, before any value is built: an alias (which can expand
    to billions of values, or to itself) and nesting deeper than MAX_DEPTH are refused."""
    depth = 0
    sound = True
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        at = Location(where, mark.line + 1 + offset, mark.column + 1) if mark else Location(where)
        if isinstance(event, yaml.AliasEvent):
            diagnostics.error(
                at,
                "yaml-alias",
                f"YAML alias '*{event.anchor}' is not allowed in course sources; expected "
                "the value written out",
            )
            sound = False
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                diagnostics.error(at, *TOO_DEEP)
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return sound
