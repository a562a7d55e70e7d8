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
    by_id = {c["id"]: c for c in courts}
    for court in courts:
        short = court.get("citation_string") or ""
        if not short:  # a district of a state's appellate courts: the group's ("California Courts of Appeal")
            cid, state = court["id"], court.get("name", "").split(" ")[0]
            groups = [
                by_id[cid[:n]]
                for n in range(len(cid) - 1, 2, -1)
                if cid[:n] in by_id and by_id[cid[:n]].get("name", "").split(" ")[0] == state
            ]
            short = next((g.get("citation_string") or "" for g in groups if g.get("citation_string")), "")
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


# courts-db names bankruptcy courts "United States Bankruptcy Court, C.D. California".
_BANKRUPTCY = re.compile(
    r"(bankruptcy court) for the (northern |southern |eastern |western |central |middle )?district of "
)
_DISTRICT_SHORT = {
    "": "D.",
    "northern ": "N.D.",
    "southern ": "S.D.",
    "eastern ": "E.D.",
    "western ": "W.D.",
    "central ": "C.D.",
    "middle ": "M.D.",
}


@lru_cache(maxsize=512)
def short_court(name: str) -> str:
    """The court's short form; "" for no court."""
    key = " ".join(name.split()).lower()
    if not key:
        return ""
    # The app names federal courts "U.S. Court of Appeals for the Sixth Circuit"; courts-db says "Court of
    # Appeals for the Sixth Circuit" and "United States District Court for …". A state court's division
    # ("Missouri Court of Appeals, Eastern District") is looked up without it.
    variants = [key, key.replace("u.s. ", "united states ", 1), key.removeprefix("u.s. ")]
    variants += [v.replace("district of columbia circuit", "d.c. circuit") for v in variants]
    variants += [re.sub(r"^supreme court of (.+)$", r"\1 supreme court", v) for v in variants]
    variants += [v.split(", ")[0] for v in variants]
    variants += [
        _BANKRUPTCY.sub(lambda m: f"{m.group(1)}, {_DISTRICT_SHORT[m.group(2) or ''].lower()} ", v) for v in variants
    ]
    for variant in variants:
        found = _OWN.get(variant) or _table().get(variant)
        if found:
            return found
    return _abbreviated(" ".join(name.split()))
