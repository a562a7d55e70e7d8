"""Courts' short names, the way lawyers write them ("9th Cir.", "C.D. Cal.", "N.C."), from courts-db (the
court table eyecite ships with): its ``citation_string`` for the court whose name matches. Names it does
not know are shortened word by word with the Bluebook's abbreviations ("Court of Appeals" -> "Ct. App.")."""

from __future__ import annotations

import re
from functools import lru_cache

# Where courts-db's citation string is not what a table of cases shows.
_OWN = {"supreme court of the united states": "S. Ct.", "united states supreme court": "S. Ct."}
_WORDS = {
    "United States": "U.S.",
    "Court": "Ct.",
    "Appeals": "App.",
    "Appellate": "App.",
    "District": "Dist.",
    "Supreme": "Sup.",
    "Superior": "Super.",
    "Circuit": "Cir.",
    "Division": "Div.",
    "Board": "Bd.",
    "Commission": "Comm'n",
    "Compensation": "Comp.",
    "Department": "Dep't",
    "Administrative": "Admin.",
    "Bankruptcy": "Bankr.",
    "Criminal": "Crim.",
    "Workers'": "Workers'",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    try:
        from courts_db import courts
    except ImportError:  # eyecite's dependency; without it, the word-by-word form
        return {}
    table: dict[str, str] = {}
    for court in courts:
        short = court.get("citation_string") or ""
        if short:
            for name in (court.get("name", ""), *court.get("sub_names", [])):
                if name:
                    table.setdefault(name.strip().lower(), short)
    return table


def _abbreviated(name: str) -> str:
    out = name
    for word, short in _WORDS.items():
        out = re.sub(rf"\b{re.escape(word)}(?=\s|,|$)", short, out)
    out = re.sub(r"\b(?:of|for|the)\s+", "", out)
    return " ".join(out.replace(",", "").split())


@lru_cache(maxsize=512)
def short_court(name: str) -> str:
    """The court's short form; "" for no court."""
    key = " ".join(name.split()).lower()
    if not key:
        return ""
    return _OWN.get(key) or _table().get(key) or _abbreviated(" ".join(name.split()))
