"""The SCORM 1.2 manifest's title limit, light enough for `validate` (no Jinja2)."""

from __future__ import annotations

from collections.abc import Sequence

# SCORM 1.2's titleType has maxLength 200 [imscp_rootv1p1p2.xsd, titleType]. SCORM 2004's
# imscp_v1p1.xsd removed every maxLength facet (its lengths are "smallest permitted maximums"
# [imscp_v1p1.xsd, 2003-03-21 notes]), so the 2004 manifest keeps the whole title.
TITLE_MAX = 200


def fit_title(titles: Sequence[str], limit: int = TITLE_MAX) -> str:
    """The longest of these that fits in `limit` characters: every language's title, else the
    first language's, else the first cut at a word boundary with "…"."""
    distinct = list(dict.fromkeys(titles))
    whole = " / ".join(distinct)
    if len(whole) <= limit:
        return whole
    first = distinct[0]
    if len(first) <= limit:
        return first
    head = first[: limit - 1]
    if not first[limit - 1].isspace() and " " in head:  # mid-word: drop the word's start
        head = head[: head.rfind(" ")]
    return head.rstrip() + "…"
