"""eyecite as the app uses it: quiet, and with three shortcuts that make it about a third faster on
opinions without changing what it finds (``tune_eyecite``)."""

from __future__ import annotations

import functools
import logging
from typing import Any


def tune_eyecite() -> None:
    """eyecite as used here: quiet, with the three shortcuts below in place (each installed once)."""
    # eyecite reports parsing oddities ("Unknown overlap case ...") as warnings; they are not the user's.
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    _remember_courts()
    _skip_reference_citations()
    _hash_extractors_once()


def _skip_reference_citations() -> None:
    """eyecite looks, after each full case citation, for later mentions of the case by name with a pin
    ("Brown, at 495"), compiling a regular expression for each citation: a fifth of citation extraction on
    the sample corpus. Those references are not used here (short forms, Id. and supra are), so the search
    is skipped. An "Id." after such a mention now resolves to the last citation proper before it: over the
    sample corpus that changed 3 of 7,438 citations, each an Id. of a non-case source (a treatise, an
    address) that had resolved to a wrong case through a reference."""
    from eyecite import find

    if getattr(find.extract_reference_citations, "__name__", "") != "_no_references":

        def _no_references(citation: Any, document: Any) -> list[Any]:
            return []

        find.extract_reference_citations = _no_references


def _hash_extractors_once() -> None:
    """eyecite puts the extractors that may match a text in a set, hashing each by its ``repr`` (its whole
    regular expression) on every insertion, thousands of times per document; the hash is kept instead."""
    from eyecite.models import TokenExtractor

    if getattr(TokenExtractor.__hash__, "__name__", "") != "_kept_hash":
        by_repr = TokenExtractor.__hash__

        def _kept_hash(self: Any) -> int:
            try:
                return int(self.__dict__["_legalassist_hash"])
            except KeyError:
                value = self.__dict__["_legalassist_hash"] = by_repr(self)
                return int(value)

        TokenExtractor.__hash__ = _kept_hash  # type: ignore[method-assign]


def _remember_courts() -> None:
    """eyecite finds the court of a parenthetical ("CA7 2013") by normalising the name of each of its
    ~3,000 courts with a regular expression, every time: over a quarter of citation extraction on the
    sample corpus. The names are normalised once here and the same search (first exact match, else the
    last prefix match) runs over them; each answer is also remembered, as it depends on the string alone."""
    from eyecite import helpers

    global eyecite_court_by_paren
    if not hasattr(helpers.get_court_by_paren, "cache_info"):
        eyecite_court_by_paren = helpers.get_court_by_paren
        helpers.get_court_by_paren = functools.lru_cache(maxsize=4096)(court_by_paren)


eyecite_court_by_paren: Any = None  # eyecite's own lookup, replaced by the one below (kept for comparison)


@functools.cache
def _court_names() -> tuple[tuple[str, str], ...]:
    import regex  # eyecite's regular expressions: their word characters differ slightly from re's
    from courts_db import courts

    return tuple((regex.sub(r"[^\w]", "", c["citation_string"]).lower(), c["id"]) for c in courts)


def court_by_paren(paren: str) -> str | None:
    """eyecite's ``get_court_by_paren``, answer for answer, with the court names normalised once."""
    import regex

    wanted = regex.sub(r"[^\w]", "", paren).lower()
    if not wanted:
        return None
    found = None
    for name, court_id in _court_names():
        if name == wanted:
            return str(court_id)
        if name.startswith(wanted):
            found = court_id
    return found
