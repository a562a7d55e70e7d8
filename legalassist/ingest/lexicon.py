"""English words and how often they are used, for splitting words a scan or an export ran together.

The list is the English word-frequency table pyspellchecker ships (MIT licence; built from OpenSubtitles and
SCOWL), about 160,000 words, read from the package's own data: nothing is fetched.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib.resources import files

import spellchecker

# Short words OCR and careless exports run into the next word ("inthe", "permonth", "toprivacy") or the
# word before ("sheetfor", "policyand"). "a", "or" and "in" at a word's end are left out: "forma", "payor"
# and "farmin" are words or names, not "form a", "pay or" and "farm in".
_BEFORE = frozenset(
    {"of", "in", "to", "and", "for", "on", "at", "by", "from", "with", "the", "that", "per", "this", "is", "as"}
)
_AFTER = frozenset({"of", "to", "and", "for", "with", "the", "that", "from", "by", "on", "is", "their"})
_INFLECTIONS = ("s", "es", "ed", "ing", "ly")
MIN_USES = 1000  # the other word must be a common one ("sheet", "month"), not a rare one ("tor", "ion")


@cache
def frequencies() -> dict[str, int]:
    """Each English word (lower case) and how often the source corpus used it."""
    data = (files(spellchecker) / "resources" / "en.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


def split_run_together(word: str) -> str | None:
    """``word`` (lower case) as the two words it runs together ("permonth" -> "per month"), or None when it
    is a word, an inflection of one ("withholdings"), or no short word and a common word make it up."""
    known = frequencies()
    if len(word) < 5 or word in known:
        return None
    if any(word.endswith(end) and word[: -len(end)] in known for end in _INFLECTIONS):
        return None
    best: tuple[int, str] | None = None
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if head in _BEFORE and len(tail) >= 3:
            uses = known.get(tail, 0)
        elif tail in _AFTER and len(head) >= 3:
            uses = known.get(head, 0)
        else:
            continue
        if uses >= MIN_USES and (best is None or uses > best[0]):
            best = (uses, f"{head} {tail}")
    return best[1] if best else None
