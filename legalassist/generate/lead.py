"""A "Yes." or "No." ahead of an extractive answer's quotes, read from the quotes themselves.

A yes/no question ("Does the Federal Arbitration Act apply to contracts made before 1926?") answered with
quotes alone leaves the reader to take the answer from the quote. The lead is given only when every quote
that speaks to the question says the same thing plainly:

- "No": a negation in the quote governs one of the question's own words ("This title shall not *apply* to
  contracts made prior to January 1, 1926"), counted against a negation the question itself carries;
- "Yes": the quote carries the question's words and no negation at all ("Petitioners have Article III
  standing"), nor a word that voids or forbids what the question asks about ("… shall to that extent be
  void"), nor a hedge ("if it intended …", "could have …").

A quote that only sets the question out ("We granted certiorari to determine whether …", or a question
itself) is passed over. The answer gets no lead when a quote gives another's view than the deciding court's
(a lower court's holding, a party's argument, a dissent's "in my view", "in the Court of Appeals' view"), is a
caption in capitals, is hedged, or has a negation over none of the question's words, nor when two quotes
disagree. A missing lead costs the reader a glance at the quote; a wrong one misleads, so the
rule gives way whenever it is unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from legalassist.domain import Claim
from legalassist.generate.grounding import Grounding
from legalassist.generate.lexicon import NEGATION, QUESTION_WORDS, WHETHER

# A question answered by yes or no: it opens with an auxiliary, after at most a leading phrase of its own
# ("In White v. Pauly, did …", "Under the Sixth Amendment, is …").
YES_NO_QUESTION = re.compile(
    r"^\s*(?:(?:in|under|for|according\s+to|as\s+to)\b[^,?]{1,80},\s*)?"
    r"(?:does|do|did|is|are|was|were|can|could|may|might|must|shall|should|will|would|has|have|had)\b",
    re.IGNORECASE,
)
# Words that void or forbid what they speak of without a negation ("shall to that extent be void").
_NULLIFYING = re.compile(
    r"\b(?:void|voidable|invalid|unlawful|illegal|unconstitutional|unenforceable|prohibit\w*|forbid\w*|"
    r"preclud\w*|bar|bars|barred|barring|revers\w*|vacat\w*|exempt\w*|except\w*|unless|notwithstanding)\b",
    re.IGNORECASE,
)
# A statement made on a condition or a supposition, not as the law stands.
_HEDGE = re.compile(
    r"\bif\b|\b(?:could|would|might|should)\s+(?:readily\s+|well\s+|not\s+)?have\b|\bassum\w*|\bsuppos\w*|\barguabl\w*",
    re.IGNORECASE,
)
# Another's view, not the deciding court's holding: a separate opinion's first person ("in my view", "I would
# hold"), a lower court's or a party's view ("in the Court of Appeals' view", "The court decided only …"; the
# deciding court writes "the Court" and "in our view").
_OTHER_VIEW = re.compile(
    r"\bin\s+(?:my|(?:the\s+)?[A-Za-z][\w\s.-]{0,40}?['’]s?)\s+view\b"
    r"|\bI\s+(?:would|dissent|concur|respectfully|agree|disagree|believe|think|conclude)\b"
    r"|\b[Tt]he\s+court\s+(?:below|determined|concluded|reasoned|found|held|ruled|decided|believed|thought)\b"
)
MAX_CAPITALS = 0.6  # a quote whose letters are mostly capitals is a caption or heading, which states nothing
_ITEM = re.compile(r"(?<![\w)])\((\d{1,2})\)")  # "(1)", "(2)": a numbered list, not "§271(f)(1)"
MIN_CARRIED = 2  # of the question's own words, for a quote to speak to it
# Content words after a negation that it governs: the rest of its clause. A holding's negation often stands
# several words before the question's ("may not order a veteran to indemnify a divorced spouse for …").
REACH = 40


def is_yes_no(question: str) -> bool:
    return bool(YES_NO_QUESTION.match(question))


def _negations(text: str) -> int:
    return len(NEGATION.findall(text))


def _root(word: str) -> str:
    """ "barring", "barred", "bars" → "bar": enough to tell whether the question names the same word."""
    word = re.sub(r"(?:ing|ed|es|s)$", "", word)
    return word[:-1] if len(word) > 3 and word[-1] == word[-2] else word


def reading(judge: Grounding, question: str, quote: str) -> str | None:
    """What one quote says to the question: "yes", "no", "" (unsure: no lead may be given) or None (it only
    sets the question out, and is passed over)."""
    letters = [c for c in quote if c.isalpha()]
    if (
        judge.recital(quote)
        or _OTHER_VIEW.search(quote)
        or sum(map(str.isupper, letters)) > MAX_CAPITALS * len(letters)
    ):
        return ""  # another's view, or a caption: whatever else it holds
    if "?" in quote or WHETHER.search(quote) or any(is_yes_no(part) for part in re.split(r"[:—]", quote)[1:]):
        return None
    asked = judge.content(" ".join(w for w in re.findall(r"[\w'’-]+", question) if w.lower() not in QUESTION_WORDS))
    if len(asked & judge.content(quote)) < MIN_CARRIED:
        return ""
    flipped = _negations(question) % 2 == 1  # "Is a State not bound …?"
    windows, _, _ = judge.polarity(quote, reach=REACH)
    if _HEDGE.search(quote) or len(set(_ITEM.findall(quote))) > 1:
        # A supposition ("Even if we assume …, it does not follow …"), or a list whose items the answer turns on
        # ("an appeal may not be taken from an interlocutory order— (1) granting a stay …; (4) refusing …").
        return ""
    if windows:  # a negation over the question's own words says no; over other words, nothing sure
        return ("yes" if flipped else "no") if set().union(*windows) & asked else ""
    named = {_root(w) for w in re.findall(r"\w+", question.lower())}
    if any(_root(m.group(0).lower()) not in named for m in _NULLIFYING.finditer(quote)):
        return ""  # it voids or forbids something, and the question does not ask about that
    return "no" if flipped else "yes"


def lead(judge: Grounding, question: str, quotes: Sequence[str]) -> str:
    """ "Yes" or "No" when the question asks for one and every quote that speaks to it says it plainly;
    "" otherwise."""
    if not is_yes_no(question):
        return ""
    said = [r for r in (reading(judge, question, q) for q in quotes) if r is not None]
    if not said or "" in said or len(set(said)) != 1:
        return ""
    return said[0].capitalize()


def with_lead(judge: Grounding, question: str, text: str, claims: Sequence[Claim]) -> tuple[str, str]:
    """``lead`` read from the claims shown as supported, and ``text`` (an answer of quotes) with it first as
    "Yes." or "No." on a paragraph of its own."""
    yes_no = lead(judge, question, [c.text for c in claims if c.support == "supported"])
    return yes_no, f"{yes_no}.\n\n{text}" if yes_no else text
