"""BCP 47 language tags: the well-formed `Language-Tag` of RFC 5646 §2.1 (grandfathered tags
aside), which HTML's `lang` attribute takes [HTML §3.2.6.2]."""

from __future__ import annotations

import re

# langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
# [RFC 5646 §2.1]; a tag is case-insensitive [RFC 5646 §2.1.1]. The primary language is the 2-3
# letter form: 4 letters are reserved and no 5-8 letter subtag is registered [RFC 5646 §2.2.1],
# so 'english' is refused rather than passed to screen readers as a language they do not know.
LANGUAGE_TAG_RE = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+)\Z",
    # ASCII: in a Unicode case-insensitive match the long s (U+017F) and the Kelvin sign
    # (U+212A) would pass for "s" and "k"; a subtag is ASCII letters and digits [RFC 5646 §2.1].
    re.IGNORECASE | re.ASCII,
)
