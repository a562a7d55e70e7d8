"""A "Yes." or "No." ahead of an answer's quotes (extractive, or the chat model's held quotes), read by the app
from the quotes themselves.

A yes/no question ("Does the Federal Arbitration Act apply to contracts made before 1926?") answered with
quotes alone leaves the reader to take the answer from the quote. The lead is given only when every quote
that speaks to the question says the same thing plainly:

- "No": a negation in the quote governs one of the question's own words ("This title shall not *apply* to
  contracts made prior to January 1, 1926");
- "Yes": the quote carries the question's words and no negation at all ("Petitioners have Article III
  standing"), nor a word that voids or forbids what the question asks about ("… shall to that extent be
  void"), nor a hedge ("if it intended …", "could have …").

A negative question ("Is a State not bound …?") gets no lead: its "Yes" or "No" can be read either way.

Who says it matters too (``standing``): enacted text and a court's holding may give either lead; the rest of
an opinion only "No", since a plain sentence there is as often what a party urged or a lower court thought;
a dissent or a party's paper neither. Measured (docs/BENCHMARKS.md, "A Yes/No read from the quotes"), every
wrong lead so far has been a "Yes".

A quote that only sets the question out ("We granted certiorari to determine whether …", or a question
itself) is passed over. The answer gets no lead when a quote gives another's view than the deciding court's
(a lower court's holding, a party's argument, a dissent's "in my view", "in the Court of Appeals' view"), is a
caption in capitals, is hedged, or has a negation over none of the question's words, nor when two quotes
disagree. A missing lead costs the reader a glance at the quote; a wrong one misleads, so the rule gives way
whenever it is unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from legalassist.domain import COURT_PAPERS, Claim, DocType, Hit
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
    r"\b[Ii]n\s+(?:my|(?:the\s+)?[A-Za-z][\w\s.-]{0,40}?['’]s?)\s+view\b"
    r"|\bI\s+(?:would|dissent|concur|respectfully|agree|disagree|believe|think|conclude)\b"
    r"|\b[Tt]he\s+court\s+(?:below|determined|concluded|reasoned|found|held|ruled|decided|believed|thought)\b"
)
MAX_CAPITALS = 0.6  # a quote whose letters are mostly capitals is a caption or heading, which states nothing
_ITEM = re.compile(r"(?<![\w)])\((\d{1,2})\)")  # "(1)", "(2)": a numbered list, not "§271(f)(1)"
LAW, HOLDING, OPINION, SEPARATE, OTHER = "law", "holding", "opinion", "separate", "other"
_RANK = [LAW, HOLDING, OPINION, SEPARATE, OTHER]  # strongest first
ENACTED = frozenset({DocType.STATUTE, DocType.REGULATION, DocType.CONSTITUTION, DocType.CONTRACT})
_HOLDING = re.compile(
    r"^\W*Held:|\b[Ww]e\s+(?:therefore\s+|now\s+|also\s+)?(?:hold|conclude)\b|\bthe\s+Court\s+(?:holds|concludes)\b"
)
MIN_CARRIED = 2  # of the question's own words, for a quote to speak to it
# Content words after a negation that it governs: the rest of its clause. A holding's negation often stands
# several words before the question's ("may not order a veteran to indemnify a divorced spouse for …").
REACH = 40


def is_yes_no(question: str) -> bool:
    return bool(YES_NO_QUESTION.match(question))


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
    if _HEDGE.search(quote) or len(set(_ITEM.findall(quote))) > 1:
        # A supposition ("Even if we assume …, it does not follow …"), or a list whose items the answer turns on
        # ("an appeal may not be taken from an interlocutory order— (1) granting a stay …; (4) refusing …").
        return ""
    windows, _, _ = judge.polarity(quote, reach=REACH, denials=False)
    if windows:  # a negation over the question's own words says no; over other words, nothing sure
        return "no" if set().union(*windows) & asked else ""
    named = {_root(w) for w in re.findall(r"\w+", question.lower())}
    if any(_root(m.group(0).lower()) not in named for m in _NULLIFYING.finditer(quote)):
        return ""  # it voids or forbids something, and the question does not ask about that
    return "yes"


def standing(hit: Hit, quote: str) -> str:
    """Who says what ``quote`` (from ``hit``'s passage) says: the enacted text itself (``LAW``); a court's
    holding (``HOLDING``: its syllabus, or a sentence saying "Held:", "we hold", "we conclude"); the rest of a
    court's opinion (``OPINION``), where it also sets out what others argued or held; a separate opinion
    (``SEPARATE``: a dissent or concurrence); or anyone else's paper (``OTHER``: a brief, an article)."""
    doc = hit.document
    if doc.doc_type in ENACTED:
        return LAW
    if doc.doc_type not in COURT_PAPERS:
        return OTHER
    part = hit.passage.breadcrumb.lower()
    if "dissent" in part or "concur" in part:
        return SEPARATE
    return HOLDING if part.startswith("syllabus") or _HOLDING.search(quote) else OPINION


def lead(judge: Grounding, question: str, quotes: Sequence[str], standings: Sequence[str] | None = None) -> str:
    """ "Yes" or "No" when the question asks for one and every quote that speaks to it says it plainly, from
    a text that can say it (``standings``, one a quote, default ``LAW``); "" otherwise. A court's holding or
    the enacted text can say either. The rest of an opinion can say "No" but not "Yes": a sentence there
    without a negation is as often what a party urged or a lower court thought as what the court decides. A
    separate opinion, or anyone else's paper, says neither."""
    if not is_yes_no(question) or NEGATION.search(question):
        return ""  # a negative question's "Yes" or "No" can be read either way ("Is a State not bound …?")
    said = []
    for quote, who in zip(quotes, standings or [LAW] * len(quotes), strict=True):
        r = reading(judge, question, quote)
        if r is None:
            continue
        said.append(r if who in (LAW, HOLDING) or (who == OPINION and r == "no") else "")
    if not said or "" in said or len(set(said)) != 1:
        return ""
    return said[0].capitalize()


def with_lead(
    judge: Grounding, question: str, text: str, claims: Sequence[Claim], hits: Sequence[Hit]
) -> tuple[str, str]:
    """``lead`` read from the claims shown as supported (their [n] numbering ``hits`` from 1), and ``text`` (an
    answer of quotes) with it first as "Yes." or "No." on a paragraph of its own. A quote cited to several
    passages stands as the strongest of them."""
    supported = [c for c in claims if c.support == "supported"]
    standings = [
        min((standing(hits[n - 1], c.text) for n in c.citations if 0 < n <= len(hits)), key=_RANK.index, default=OTHER)
        for c in supported
    ]
    yes_no = lead(judge, question, [c.text for c in supported], standings)
    return yes_no, f"{yes_no}.\n\n{text}" if yes_no else text
