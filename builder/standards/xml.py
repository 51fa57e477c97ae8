"""The one XML parser for untrusted packages: no DTD, no entity expansion, no network."""

from __future__ import annotations

from lxml import etree


def safe_parser() -> etree.XMLParser:
    """A parser that loads no DTD, expands no entity and fetches nothing (billion laughs, XXE)."""
    # huge_tree=False keeps libxml2's own depth and size limits on.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
