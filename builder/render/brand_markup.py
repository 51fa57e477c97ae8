"""What a brand block's markup must not do to the player's page it is put in (docs/theming.md).

A block is a fragment inside `<head>`, the header or the footer of every page. A comment or an
element it leaves open swallows what follows, the player's script and content with it; an end
tag it did not open closes the player's own elements; `<base>` moves every file the player
loads; an id of the player's makes it find the brand instead. Each would leave a package that
imports and launches but tracks nothing, so each is reported before anything is written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements without content [HTML §13.1.2], and those whose end tag may be left out, which the
# next element or the parent's end tag closes [HTML §13.1.2.4].
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "rt",
        "rp",
    ]
)
FOREIGN = frozenset({"svg", "math"})  # where `<path/>` closes itself, as in XML
FORBIDDEN = {
    "base": "which would change the address of every file the player loads",
    "plaintext": "which would turn the rest of the page into text",
}
PLAYER_ID = re.compile(r"(cb|coursebuild)-")  # the ids of the player's elements (index.html.j2)
OPEN_TAG_AT_END = re.compile(r"<[A-Za-z!/?][^>]*\Z")


class _Fragment(HTMLParser):
    """Walks a fragment's tags, keeping the elements it opened and the first problem."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problem = ""

    def _say(self, problem: str) -> None:
        self.problem = self.problem or problem

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in FORBIDDEN:
            self._say(f"has a <{tag}> element, {FORBIDDEN[tag]}")
        for name, value in attrs:
            if name == "id" and value and PLAYER_ID.match(value):
                self._say(
                    f"gives an element the id '{value}', which is the player's (ids starting "
                    "cb- or coursebuild- are)"
                )
        foreign = closed and any(t in FOREIGN for t in self.open)
        if tag not in VOID and not foreign:  # HTML ignores the '/' of <div/>: it stays open
            self.open.append(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open and self.open[-1] != tag and self.open[-1] in OPTIONAL_END:
            self.open.pop()
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self._say(f"closes </{tag}>, which it did not open")


def markup_problem(html: str) -> str:
    """Why this rendered block would break the page it is put in ('' when it would not)."""
    start = html.find("<!--")
    while start >= 0:
        end = html.find("-->", start + 4)
        if end < 0:
            return (
                "opens an HTML comment ('<!--') that it never closes ('-->'), which would hide "
                "the rest of the page"
            )
        html = html[:start] + html[end + 3 :]
        start = html.find("<!--", start)
    if unfinished := OPEN_TAG_AT_END.search(html):
        tag = unfinished.group().strip()
        shown = tag if len(tag) <= 60 else tag[:57] + "..."
        return f"ends inside a tag ('{shown}' has no '>')"
    fragment = _Fragment()
    fragment.feed(html)
    fragment.close()
    if fragment.problem:
        return fragment.problem
    left = [tag for tag in fragment.open if tag not in OPTIONAL_END]
    return f"opens <{left[0]}> and never closes it" if left else ""
