"""What a case is called and what a citation can match: the names and targets that link a citation to a
library document ("name:buck v davis", "347 U.S. 483", "docket:16-405", "U.S. Const."). What a document
itself can be cited as is ``legalassist.citations.extract.document_targets``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from legalassist.citations.shapes import _NAME_STOP, CONSTITUTION, _first_word

_NOT_A_PERSON = re.compile(
    r"\b(?:Inc|Co|Corp|Company|Corporation|LLC|L\.\s?L\.\s?C|Ltd|Bank|Board|Department|Dept|Commission|"
    r"Authority|District|Dist|County|City|State|States|Association|University|Services|Group|Trust|Union|"
    r"Regional|Railway|Railroad|Resources|Products|Brands|Schools?|Centers?|Holdings|Partners)\b"
)


def case_name_targets(title: str) -> set[str]:
    """The names a case is cited by, from its caption's title: "Ray White v. Daniel T. Pauly" is cited as
    "White v. Pauly", "National Labor Relations Board v. SW General" as "NLRB v. SW General"."""

    def forms(party: str) -> set[str]:
        words = re.findall(r"[A-Za-z][\w'’\-]*", party)
        out = {_first_word(party)}
        person = 2 <= len(words) <= 3 and all(w[0].isupper() for w in words) and not party.rstrip().endswith(".")
        if person and not _NOT_A_PERSON.search(party):
            out.add(words[-1].lower().replace("’", "'"))  # a person: cited by the surname
        else:
            capitals = [w for w in words if w[0].isupper() and w.lower() not in _NAME_STOP]
            if len(capitals) >= 3:
                out.add("".join(w[0] for w in capitals).lower())  # an agency: cited by its initials
        return {f for f in out if f}

    parts = re.split(r"\s+v\.?\s+", title, maxsplit=1)
    if len(parts) != 2:
        return set()
    return {f"name:{p} v {d}" for p in forms(parts[0]) for d in forms(parts[1])}


def token(target: str) -> str:
    """A target as one keyword-index token: lowercase letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", target.lower().replace("§", "s"))


def match_targets(key: str, targets: Sequence[str]) -> list[str]:
    """What a named authority matches in other documents' citations: a constitutional provision ("U.S.
    Const. amend. IV") only citations of that provision, not of the whole; anything else, all its names."""
    return [key] if key.startswith(CONSTITUTION) and key != CONSTITUTION else list(dict.fromkeys((key, *targets)))
