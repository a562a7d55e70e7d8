"""Does a passage back a claim? The deterministic judge behind every support label the app shows.

Pure: it takes the claim, the text the model was shown and a ``terms`` function (the keyword index's
analyzer: stemmed words, stop words dropped), and needs no model, library or index, so it is tested
table-driven on a labelled set (tests/data/claims.json).

A claim is *supported* only when one sentence (or two adjacent sentences) of the shown text covers
most of its words **and** nothing in that text says otherwise. Shared words alone are not support:
"X is eligible" shares every word with "X is eligible only if ...", and "the court determined that
§ 56 authorizes ..." shares every word with the holding the Supreme Court reversed. So before a claim
is supported, the aligned sentence is checked for

- polarity: a negation ("not", "no", "cannot", "never", "nothing", "nor", "lacks", "prevents … from",
  "declined to", "failed to") over the words the claim asserts, or one the claim adds, reaching a second verb
  joined by "or to"; antonyms such as
  valid / invalid, affirmed / reversed, granted / refused, interim / permanent. A negation before "unless" or
  "except" states who may, not a denial: "No person except a natural born Citizen … shall be eligible" makes a
  natural born citizen eligible;
- numbers: a number the shown text does not hold (a date's day is not a number the text "holds":
  "Apr. 5, 1910" does not back "5 years"), or a quantity whose unit the text gives with another
  number ("5 years" against "three years"), or two amounts each put with what the other counts;
- conditions: the text limits the statement ("only if", "unless", "except") and the claim drops it, or limits
  it to something else ("only to state prisoners" against "only to federal prisoners"), or to one of two things
  the text covers together ("only secured creditors" against "both secured and unsecured creditors");
- a standard of review named where the text names another ("de novo" against "for abuse of discretion");
- roles and parties: the claim gives a role (plaintiff, petitioner, employer ...) where the text has
  its counterpart, or a caption with its parties swapped, or puts a party the text names on the other side
  of a verb they share ("First Quality sued SCA" against "SCA sued First Quality"; "granted summary judgment
  to SCA" against "… to First Quality"; "Justice Kagan and Justice Alito would grant" against "JUSTICE BREYER
  and JUSTICE KAGAN would grant");
- the disposition: the claim says the deciding court reversed (affirmed, dismissed) where the shown text, in the
  court's own voice ("we affirm", "The judgment … is affirmed", not a quotation), says otherwise, even in the
  next sentence; and
  a disposition the shown text does not state at all is not supported;
- recitals: the sentence reports what a lower court held or a party argued ("the court determined",
  "the Court of Appeals held", "a Federal Circuit panel affirmed", "petitioner argues"), which is not what
  the deciding court holds, unless the claim itself says which lower court held it.

A sentence about what the passages do not hold ("the passage does not provide evidence of …") is the model
declining in its own words; no passage backs it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from legalassist.generate.facts import (
    dates,
    is_number,
    month_days,
    month_years,
    months_held,
    normalise,
    numbered,
    numbers,
    provisions,
    quantities,
    rates,
    years,
)
from legalassist.generate.lexicon import (
    ABSENCE,
    ACTOR_WORDS,
    AFTER_GAP,
    ANAPHOR,
    ANTONYMS,
    APPEALED_ORDER,
    AUXILIARIES,
    BARS,
    BEFORE_GAP,
    BOTH,
    BOUND,
    BOUND_DENIED,
    CAPTION,
    CAPTION_LEAD,
    CAPTION_PARTY,
    CAPTION_ROLE_WORDS,
    CLAIMED_DISPOSITION,
    CLAUSE,
    COMMON_CAPITALISED,
    CONDITION,
    COUNTY,
    COURT_DISPOSITION,
    DECLINED_TO,
    DETERMINERS,
    DISPOSITION_SAID,
    EITHER_PARTY,
    ENUMERATOR,
    EXCEPTED,
    EXCEPTED_ITEM,
    EXCEPTING,
    EXCEPTING_WORDS,
    EXCLUSIVE_OF,
    FORUM,
    FREE_OF,
    FREE_OF_SOURCE,
    FUNCTION_WORDS,
    GIVING,
    IN_PLACE_OF,
    INCLUDING_ASIDE,
    INSIDE_CLAUSE,
    INTENDED_NOT,
    IRREGULAR_VERBS,
    KEPT_FROM,
    KIN_AFTER,
    KIN_OF,
    LAW_NAME,
    LEADING_ANSWER,
    LEADING_PRONOUN,
    LEADS,
    LIST_MARK,
    LISTED,
    LOWER_COURT_ACTS,
    MODALS,
    NEGATED_LIST,
    NEGATION,
    NEGATION_WORDS,
    NO_EVENT,
    NOT_A_COUNTY,
    NOT_A_HEAD,
    NOT_A_PARTY,
    NOT_A_PREDICATE,
    NOT_COMMA,
    NOT_DENIED,
    NOT_ONLY,
    NOT_PARTICIPLE,
    ONE_OF_A_KIND,
    ONE_OF_MANY,
    ONLY,
    ONLY_AFTER,
    ONLY_PARTY,
    ONLY_TO,
    OPENING_CLAUSE,
    OPENING_UNLESS,
    OPPOSITE_PREFIXES,
    OUTWEIGH,
    OWNS,
    PASSIVE_NOT_A_HEAD,
    PAYS,
    POSSESSED,
    PREFIXED_OPPOSITE,
    PRONOUNS,
    PROPER,
    PUBLICLY,
    QUESTION_WORDS,
    QUOTATION,
    RECITAL,
    RECORD_CITE_END,
    REQUIRING,
    REVIEW_WORDS,
    ROLE_ALIASES,
    ROLE_WORDS,
    ROLES,
    RULINGS,
    SAID_BY,
    SAME_THING,
    SET_ASIDE,
    SIDE_GAP,
    SOLE,
    SPEAKS_OF_QUESTION,
    STANDARD_NAMES,
    STANDARD_OF_REVIEW,
    SUBJECT,
    SUBJECT_BEFORE,
    SUBJECT_WORDS,
    TIME_UNITS,
    TOLD_OF,
    UNDECIDED,
    UNDECIDED_YET,
    UNDER_SEAL,
    VERB_FORM,
    WEAK,
    WEIGHING_WORDS,
    WHETHER,
    WITH_ENDS,
    WITH_OR_WITHOUT,
    WITHOUT_DOING,
    WITHOUT_IDIOMS,
    denied_terms,
    first_of,
    joined_lines,
)
from legalassist.generate.parties import (
    agent_after,
    court_above,
    deciding_court,
    disposition_kind,
    higher_court,
    lower_court,
    lower_court_disposition,
    names_court,
    next_party,
    one_letter_apart,
    parties,
    party_word,
    passive,
    reduced_relative,
    same_party,
    same_use,
    unnamed_party,
)
from legalassist.ingest.chunker import Span, footnotes_apart, sentences_under_headings, without_gutter

Terms = Callable[[str], Iterable[str]]

SUPPORTS, CONTRADICTS, UNRELATED = "supports", "contradicts", "unrelated"

# Words that limit as "only" does ("to comply only with", "required to exclusively satisfy").
ONLY_WORD = re.compile(r"\b(?:only|solely|exclusively)\b", re.IGNORECASE)
# Nouns of a phrase that only links ("in connection with", "with respect to"): a verb put there paraphrases.
LINKING_NOUNS = frozenset({"connection", "respect", "relation", "regard"})
# Words at which no party stands for its act: "except for …", "unless …", "within five days", "free of charge".
SLOTLESS = frozenset(
    {
        "except",
        "including",
        "per",
        "via",
        "like",
        "unlike",
        "among",
        "between",
        "unless",
        "within",
        "free",
        "connection",
        "through",  # "provide its Services to the Company through its Principal"
    }
)
# "…, and allow operation … only if …"; "…, but the Company shall then be under no further liability … except as
# provided in Section 8": the condition limits the clause it ends
CLAUSE_AND = re.compile(r"[,;]\s+(?:and|but)\s+(?=[a-z]+\b)|;\s+")
WORKERS_COMPENSATION = re.compile(r"\bworkers?['’]?s?['’]?\s+compensation", re.IGNORECASE)
ELLIPSIS_END = re.compile(r"(?:\.\s?\.\s?\.|…)\s*$")
# A sentence opening with a pronoun that stands for a party ("He signed the report", "His requested relief is denied").
OPENING_PRONOUN = re.compile(r"\s*(?:He|She|They|His|Her|Their)\b")
# Chosen on the tuning half of tests/data/claims.json (see docs/BENCHMARKS.md): the share of a claim's
# words that one or two adjacent sentences of the shown text must hold.
COVER_SUPPORTED = 0.65
COVER_PARTIAL = 0.4
# Chosen on the tuning half of corpus/questions.json: an answer needs a supported sentence carrying more
# than this share of the question's own words (a sentence backed by a passage but about something else,
# "the New York court upheld ..." for a question on child support in New York, is no answer).
RELEVANT = 0.5
NEG_WINDOW = 4  # content words after a negation that it governs
# A claim whose words, negations aside, are the source sentence's in the same order (difflib's ratio) is that
# sentence restated: one negation more or fewer flips it ("No Person shall not be convicted").
PARITY_SAME = 0.9


@dataclass(frozen=True)
class Verdict:
    """How a text bears on a claim. ``label`` is supports | contradicts | unrelated; ``cover`` the share
    of the claim's words the aligned sentences hold; ``start``/``end`` those sentences in the text."""

    label: str
    cover: float
    reason: str = ""
    start: int = 0
    end: int = 0
    missing: list[str] = field(default_factory=list)  # numbers or named laws the text does not hold


class Grounding:
    """The judge, bound to one ``terms`` function (cached per word: the analyzer is the hot path)."""

    def __init__(self, terms: Terms) -> None:
        self._terms = terms
        self._word = lru_cache(maxsize=65536)(self._word_terms)
        # A passage is judged against each claim of an answer (and read twice per claim: to align the claim, and
        # to find its closest sentence), so its sentences and their terms are read once.
        self._sentences = lru_cache(maxsize=256)(self._read_sentences)

    def _word_terms(self, word: str) -> tuple[str, ...]:
        return tuple(self._terms(word))

    def _read_sentences(self, text: str) -> tuple[tuple[Span, frozenset[str]], ...]:
        """The sentences of ``text`` (headings kept), each with its claim-bearing terms. An ellipsis before a
        lower-case word leaves words out of a quotation and ends no sentence ("shall designate … physicians ...
        from which the injured employee shall select one"); nor does a record citation's abbreviation ("dkts.")."""
        spans: list[Span] = []
        for s in sentences_under_headings(text, keep_headings=True):
            if spans and (
                (ELLIPSIS_END.search(text, 0, spans[-1].end) and text[s.start : s.start + 1].islower())
                or RECORD_CITE_END.search(text, 0, spans[-1].end)
            ):
                spans[-1] = Span(spans[-1].start, s.end)
            else:
                spans.append(s)
        return tuple((s, frozenset(self.content(text[s.start : s.end]))) for s in spans)

    def _stemmed(self, text: str, strip: bool = False) -> list[tuple[str, tuple[str, ...]]]:
        """Each word of ``text`` in order, with its terms (empty for a stop word). ``strip``: without the
        quotes and hyphens around it ("‘private’" is "private")."""
        words = re.findall(r"[\w'’-]+", footnotes_apart(joined_lines(text)))
        if strip:
            words = [w for w in (w.strip("'’-") for w in words) if w]
        return [(w, self._word(w.lower())) for w in words]

    def content(self, text: str) -> set[str]:
        """The claim-bearing terms of ``text``: stemmed, stop and negation words left out. A number is one
        term however it is written ("four Years" and "4 years" both hold "#4"): the analyzer drops single
        digits and keeps number words, so a claim's "4" matched nothing, and "two Witnesses" did not hold it."""
        out: set[str] = set()
        for w in re.findall(r"[\w§$.'’-]+", footnotes_apart(joined_lines(text))):
            w = w.strip(".'’-")
            low = w.lower()
            if not w or low in NEGATION_WORDS or low in WEAK or is_number(low):
                continue
            out.update(self._word(low))
        return out | {f"#{n}" for n in numbers(text)}

    def polarity(
        self, text: str, reach: int = NEG_WINDOW, denials: bool = True
    ) -> tuple[list[set[str]], list[set[str]], set[str]]:
        """The sets of terms each negation in ``text`` governs (up to ``reach`` words within its clause),
        the terms of the first word each governs (the predicate: "does not *prohibit* service"), and every
        term outside those. ``denials``: read "prevents … from", "declined to" as negations of what follows;
        a reader that matches a question's own words ("Does issue preclusion *bar* retrying …?") wants the
        words as written."""
        windows: list[set[str]] = []
        heads: list[set[str]] = []
        required: list[bool] = []
        positive: set[str] = set()
        text = NOT_DENIED.sub(not_denied, INSIDE_CLAUSE.sub("", joined_lines(text)))
        text = EXCLUSIVE_OF.sub(lambda m: f"{m.group(1)}cluding", text)
        text = INCLUDING_ASIDE.sub(" ", text)  # "no rights, including but not limited to …, shall be assigned"
        # "other content not supplied by VOTOCAST" is unsupplied content
        text = NOT_PARTICIPLE.sub(
            lambda m: m.group(0) if m.group(1).lower() in VERB_BEFORE_NOT else f"{m.group(1)} un", text
        )
        # "notice of its intention not to renew": the negation is the intention's, not the clause's
        text = INTENDED_NOT.sub(lambda m: f"{m.group(1)} to non{m.group(2)}", text)
        # "will NOT disclose, share, publish or utilize": each verb of the list
        listed = {
            w.lower()
            for m in NEGATED_LIST.finditer(text)
            for w in [m.group(1).split()[-1], *re.findall(r"[A-Za-z]+", m.group(2)), m.group(3).split()[-1]]
        } - LISTED
        text = NEGATED_LIST.sub(listed_verbs, text)
        if denials:
            text = BARS.sub("not ", DECLINED_TO.sub("not", KEPT_FROM.sub(r"not \1", WITHOUT_DOING.sub("not ", text))))
        text = OPENING_UNLESS.sub("unless", text)  # a clause of its own at a sentence's start too
        # "I agree NOT, to blog", "did not, however, appeal": the negation reaches past the comma
        text = NOT_COMMA.sub(lambda m: f"{m.group(1)} " if m.group(1) else m.group(2), text)
        pieces = CLAUSE.split(text)
        bounds = [m.group(0).lower() for m in CLAUSE.finditer(text)]
        denied_before = False  # the last piece with words was read as a denial
        for k, clause in enumerate(pieces):
            words = re.findall(r"[\w§$'’-]+", clause)
            # "Unless the petition specifies …, the petition will be construed …": the condition is "if the petition
            # does not specify"; after a denial ("No action shall be maintained … unless commenced") it is the
            # condition the denial spares, read as stated
            if k and bounds[k - 1] == "unless" and not denied_before:
                words = ["not", *words]
            flags = [bool(NEGATION.fullmatch(w)) or w.lower().endswith("n't") for w in words]
            # "neither … nor …" (or "not … nor …") is one negation over two things, not a double negative
            negations = sum(
                f and not (w.lower() == "nor" and any(flags[:i]))
                for i, (f, w) in enumerate(zip(flags, words, strict=True))
            )
            if clause.strip():
                denied_before = negations % 2 == 1
            # "No action shall be maintained ... unless commenced within three years" states a condition
            # ("only if"), not a denial, as does "No person except ..." and "may not be amended, nor any obligation
            # waived, except by a writing" (the "except" after a comma); and a double negative ("No Person shall be
            # ... who shall not have attained") is a plain statement.
            next_bound = next((b for b in bounds[k:] if b not in (",", "—", "–", "(", ")")), "")
            conditional = next_bound in EXCEPTING
            if negations % 2 == 0 or conditional:
                said = {
                    t
                    for w in words
                    if w.lower() not in WEAK and w.lower() not in NEGATION_WORDS
                    for t in self._word(w.lower().strip("'’-"))
                }
                positive.update(said)
                if negations == 0 and any(w.lower() == "must" for w in words):
                    positive.add("requir")  # "Marv must help raise capital" states a duty "no obligation" denies
                if negations % 2 == 1:
                    # "No person except …", "shall not disclose … except to its employees": a rule with its
                    # exception, which neither a claim that states the rule plainly nor one that denies it
                    # contradicts; a window of no predicate keeps its words from counting as stated plainly
                    windows.append(said)
                    heads.append(set())
                    required.append(False)
                continue
            window: set[str] | None = None
            count = 0
            subject_until = -1  # "neither of the Bordelons is liable": the subject of what is denied, not it
            for at, w in enumerate(words):
                if at <= subject_until:
                    positive.update(self._word(w.lower().strip("'’-")) if w.lower() not in WEAK else ())
                    continue
                if NEGATION.fullmatch(w) or w.lower().endswith("n't"):
                    if w.lower() in ("neither", "none") and at + 2 < len(words) and words[at + 1].lower() == "of":
                        j = at + 2
                        while j < len(words) - 1 and words[j].lower() in DETERMINERS:
                            j += 1
                        # the whole name up to its verb: "none of the Other Funds elected to terminate"
                        verb = next(
                            (
                                v
                                for v in range(j + 1, min(j + 4, len(words)))
                                if re.fullmatch(r"[a-z]+ed", words[v])
                                or words[v].lower() in IRREGULAR_VERBS | AUXILIARIES
                            ),
                            None,
                        )
                        subject_until = verb - 1 if verb is not None else j
                    elif (
                        w.lower() == "no"
                        and 0 < at < len(words) - 2
                        and words[at - 1].lower() in ("in", "under", "at")
                        and words[at + 1].lower() in NO_EVENT
                        and words[at + 2].lower() in MODALS
                    ):
                        # "in no event shall NIC be obligated to pay": the subject after the modal is named, what
                        # follows it denied
                        j = at + 3
                        while j < min(at + 6, len(words) - 1) and (
                            words[j][0].isupper()
                            or words[j].lower() in DETERMINERS
                            or words[j].lower() in SUBJECT_WORDS
                        ):
                            j += 1
                        subject_until = j - 1
                    elif w.lower() in ("no", "neither") and (
                        at == 0
                        or words[at - 1].lower() in LISTED
                        or words[at - 1][0].isdigit()
                        or words[at - 1].lower() == "that"  # "provided that no such change shall alter"
                    ):
                        # "Neither party shall be required to keep", "no party will introduce": the subject is
                        # named, the predicate after its modal denied
                        modal = next(
                            # "no rights or obligations hereunder shall be assigned"
                            (v for v in range(at + 2, min(at + 6, len(words))) if words[v].lower() in MODALS),
                            None,
                        )
                        if modal is not None:
                            subject_until = modal - 1
                        elif (
                            at + 2 < len(words)
                            and words[at + 1][:1].isupper()
                            and re.fullmatch(r"[a-z]{3,}s", words[at + 2])
                            and words[at + 2] not in WEAK
                        ):
                            subject_until = at + 1  # "and no Order binds Supplier until …": the verb is denied
                    window, count = set(), 0
                    windows.append(window)
                    heads.append(set())
                    # "need not involve": what is denied is required; "need not address whether": left undecided
                    undecided = at + 1 < len(words) and words[at + 1].lower() in UNDECIDED
                    required.append(at > 0 and words[at - 1].lower() == "need" and not undecided)
                    continue
                ahead = [x.lower() for x in words[at + 1 : at + 3]]
                # "or to impair", "or be held", and "would not change her trust or sell her home": a verb
                # before its object's article or possessive
                coordinated = (
                    bool(ahead)
                    and (
                        ahead[0] in ("to", "be")
                        or (len(ahead) == 2 and ahead[1] in DETERMINERS and ahead[0] not in DETERMINERS | WEAK)
                        or bool(re.fullmatch(r"[a-z]{3,}ed", ahead[0]))  # "never provided support or paid expenses"
                        or ahead[0] in IRREGULAR_VERBS
                        # "shall not terminate … or remove Duval as": a verb before its object's name
                        or (
                            at + 2 < len(words)
                            and words[at + 1].islower()
                            and words[at + 2][:1].isupper()
                            and ahead[0] not in DETERMINERS | WEAK
                        )
                    )
                )
                if w.lower() == "or" and coordinated and window is not None and count:
                    # "Nothing … shall be held to limit the duty … or to impair the rights": the negation
                    # governs the second verb as it does the first ("the duty or liability" is one object).
                    window, count = set(), 0
                    windows.append(window)
                    heads.append(set())
                    required.append(False)
                    continue
                if w.lower() in WEAK:
                    continue
                t = self._word(w.lower().strip("'’-"))
                if not t:
                    continue
                if window is not None and count < reach:
                    passed = set(t) & (NOT_A_PREDICATE | NOT_A_HEAD) or (
                        w.lower() in PASSIVE_NOT_A_HEAD and at and words[at - 1].lower() == "be"
                    )
                    if (not heads[-1] and not passed) or w.lower() in listed:
                        heads[-1].update(t)  # each verb of a negated list is denied as the first is
                    if not heads[-1] and set(t) & REQUIRING:
                        required[-1] = True
                    window.update(t)
                    count += 1
                else:
                    positive.update(t)
        # "Need not involve a physical alteration", "is not required to preserve": what is denied is required,
        # so a source that "requires" it is denied as much as one that states the predicate.
        heads = [h | {"requir"} if r and h else h for h, r in zip(heads, required, strict=True)]
        kept = [(w, h) for w, h in zip(windows, heads, strict=True) if w]
        return [w for w, _ in kept], [h for _, h in kept], positive

    # -- the checks ---------------------------------------------------------------------------------
    def polarity_conflict(self, claim: str, source: str) -> str:
        """A negation in one of the two texts over words the other asserts plainly, or an antonym."""
        c_neg, c_heads, c_pos = self.polarity(claim)
        s_neg, s_heads, s_pos = self.polarity(source)
        c_negated = set().union(*c_neg) if c_neg else set()
        s_negated = set().union(*s_neg) if s_neg else set()
        # A conflict needs the negated predicate itself on the other side ("does not *prohibit*" against
        # "prohibits"), and with it most of what it governs: a negation over other words of a shared
        # subject ("does not support the Ninth Circuit's rule" against a sentence describing the rule) is none.
        hit = denied_terms(s_neg, s_heads, c_pos, c_negated)
        if hit:
            return f"the source denies it ({', '.join(sorted(hit))} negated there)"
        hit = denied_terms(c_neg, c_heads, s_pos, s_negated)
        if hit:
            return f"the claim denies what the source states ({', '.join(sorted(hit))})"
        # An antonym counts only where neither text negates it ("does not prohibit" is no opposite of "allows").
        claim_terms, source_terms = c_pos | c_negated, s_pos | s_negated
        for a, b in ANTONYMS:
            for x, y in ((a, b), (b, a)):
                said, opposite = x & c_pos - source_terms, y & s_pos - claim_terms
                # the source has the claim's side too, in another word for it: "one copy … may be retained" and
                # "destroy all copies", against a claim that counsel may "keep" one
                if said and opposite and not x & s_pos:
                    return f"the source says the opposite ({min(opposite)}, not {min(said)})"
        return self.prefixed_opposite(claim, source)

    @staticmethod
    def prefixed_opposite(claim: str, source: str) -> str:
        """A word in one text whose opposite by prefix is in the other, and not the word itself: "Barton was
        eligible" against "Barton was, therefore, ineligible"."""
        said, held = (set(re.findall(r"[a-z-]+", joined_lines(t).lower())) for t in (claim, source))
        for mine, theirs in ((said, held), (held, said)):
            for w in mine:
                m = PREFIXED_OPPOSITE.fullmatch(w)
                plain = m and (m.group(2) or m.group(4))
                if not plain:
                    continue
                # "inconclusive" against "conclusively"
                other = plain if plain in theirs else plain + "ly" if plain + "ly" in theirs else ""
                # "amounts … that are not reasonably disputed" are the undisputed ones
                text = source if mine is said else claim
                denied = re.search(rf"\b(?:not|never|no)\s+(?:[a-z]+ly\s+)?{other}\b", joined_lines(text).lower())
                if other and w not in theirs and plain not in mine and not denied:
                    return f"one text says {w}, the other {other}"
        return ""

    def parity_conflict(self, claim: str, source: str) -> str:
        """The source sentence restated with one negation more or fewer: the clause-by-clause check above
        reads a double negative, or a negation before "unless", as plain, so it cannot see these."""

        def words(text: str) -> list[str]:
            return [w for w in re.findall(r"[\w'’]+", joined_lines(text).lower()) if w not in NEGATION_WORDS]

        same = difflib.SequenceMatcher(None, words(claim), words(source), autojunk=False).ratio()
        if same < PARITY_SAME:
            return ""
        if len(NEGATION.findall(joined_lines(claim))) % 2 != len(NEGATION.findall(joined_lines(source))) % 2:
            return "the source says it with a negation the claim lacks, or without one the claim adds"
        return ""

    def dropped_condition(self, claim: str, source: str) -> str:
        """The source limits the statement ("only if ...", "unless ...") and the claim states it without
        any of the condition's own words."""
        m = CONDITION.search(source)
        if not m:
            return ""
        # In a list ("we conclude California law (1) requires …, and (2) a stand-alone revocation does not …
        # unless …"), the condition limits its own item.
        items = [e.end() for e in ENUMERATOR.finditer(source, 0, m.start())]
        begin = items[-1] if len(items) >= 2 else 0
        # "would also apply to a narrower set of airplanes …, and allow operation … only if …": the condition
        # limits the clause it ends, not the one before the ", and"
        clauses = [c.end() for c in CLAUSE_AND.finditer(source, begin, m.start())]
        begin = clauses[-1] if clauses and self.content(source[clauses[-1] : m.start()]) else begin
        before = self.content(source[begin : m.start()])
        condition = self.content(source[m.end() : m.end() + 160]) - before
        claim_terms = self.content(claim)
        if not before or not condition or len(claim_terms & before) < 0.5 * len(claim_terms):
            return ""
        if len(claim_terms & condition) >= min(2, max(1, 0.25 * len(condition))):
            return ""
        return f"the source states it only with a condition (“{' '.join(source[m.start() :].split())[:80]}”)"

    def limit_conflict(self, claim: str, source: str) -> str:
        """The claim limits the statement to something other than what the source limits it to: "apply only to
        federal prisoners" against "apply only to state prisoners"; one party alone where the source gives it to
        either ("Only Provider may assign" against "either party may assign")."""
        if ONLY_PARTY.search(joined_lines(claim)) and not ONLY.search(source):
            both = EITHER_PARTY.search(joined_lines(source))
            if both:
                return f"the source gives it to {both.group(0).lower()}"
        single = ONE_OF_A_KIND.search(joined_lines(claim))
        if re.search(r"\bonly\b", claim, re.IGNORECASE) or single:
            claimed = self.content(claim)
            for m in BOTH.finditer(joined_lines(source)):
                one, other = self.content(m.group(1)), self.content(m.group(2))
                if re.search(r"\bonly\b", claim, re.IGNORECASE) and one & claimed and other and not other & claimed:
                    return f"the source says both {m.group(1)} and {m.group(2)}"
                # "susceptible to only one interpretation" against "to both broad and narrow interpretations"
                kind = re.match(r"\s*([\w'’-]+)", joined_lines(source)[m.end() :])
                one_kind = single and (single.group(1) or single.group(2))
                if one_kind and kind and self._word(one_kind.lower()) == self._word(kind.group(1).lower()):
                    return f"the source says both {m.group(1)} and {m.group(2)} {kind.group(1)}"
        for many, sole in ((claim, source), (source, claim)):
            kinds = {self._word(m.group(1).lower()) for m in ONE_OF_MANY.finditer(joined_lines(many))}
            only = [m.group(0) for m in SOLE.finditer(joined_lines(sole)) if self._word(m.group(1).lower()) in kinds]
            if only and not SOLE.search(joined_lines(many)):
                return f"one text says “{only[0]}”, the other one of many"
        said = [self.content(m.group(1)) for m in ONLY_TO.finditer(joined_lines(claim))]
        flat = joined_lines(source)
        held = [self.content(m.group(1)) for m in ONLY_TO.finditer(flat)]
        # the words around the source's own "only" (or "solely", "exclusively"): "to comply only with any applicable
        # Laws" limits as "only to comply with applicable Laws" does
        near = set().union(
            *(self.content(flat[max(0, m.start() - 30) : m.end() + 30]) for m in ONLY_WORD.finditer(flat))
        )
        for mine in said:
            others = [h for h in held if h and mine and h & mine != h | mine]
            if others and not any(mine <= h for h in held) and not mine <= near:
                return f"the source limits it to {' '.join(sorted(others[0]))}, not {' '.join(sorted(mine))}"
        return ""

    def swap_conflict(self, claim: str, sentence: str) -> str:
        """The words on the two sides of a verb the claim shares with the sentence, the other way round: "skill
        predominates over chance" against "chance predominates over skill"."""

        def sides(text: str) -> list[tuple[tuple[str, ...], str]]:
            return [
                (t, w)
                for w, t in self._stemmed(text)
                if t and w.lower() not in SIDE_GAP and w.lower() not in NEGATION_WORDS
            ]

        claimed, held = sides(claim), sides(sentence)
        mine, theirs = [t for t, _ in claimed], [t for t, _ in held]
        for i in range(1, len(mine) - 1):
            if not VERB_FORM.fullmatch(claimed[i][1]):
                continue  # a verb ("predominates", "sued"), not a name or noun ("Court")
            for j in range(1, len(theirs) - 1):
                swapped = mine[i - 1] == theirs[j + 1] and mine[i + 1] == theirs[j - 1]
                if not (mine[i] == theirs[j] and mine[i - 1] != mine[i + 1] and swapped):
                    continue
                # "no evidence was provided by Karen" says "Karen provided no evidence", not the other way round
                if not re.search(
                    rf"\b(?:is|are|was|were|be|been|being)\s+{re.escape(held[j][1])}\s+by\b", sentence, re.I
                ):
                    verb, before, after = (" ".join(x) for x in (mine[i], theirs[j - 1], theirs[j + 1]))
                    return f"the source has it the other way round ({before} {verb} {after})"
        return ""

    def role_conflict(self, claim: str, source: str) -> str:
        c, s = (
            {ROLE_ALIASES.get(w.rstrip("s"), w.rstrip("s")) for w in re.findall(r"[a-z]+", text.lower())}
            for text in (WORKERS_COMPENSATION.sub(" ", t) for t in (claim, source))  # a kind of claim, no role
        )
        for a, b in ROLES:
            for x, y in ((a, b), (b, a)):
                if x in c and y in s and x not in s and y not in c:
                    return f"the source gives that role to the other party ({y}, not {x})"
            if {a, b} <= c and {a, b} <= s and first_of(claim, a, b) != first_of(source, a, b):
                return f"the {a} and the {b} are the other way round in the source"
        for m in CAPTION.finditer(claim):
            first = m.group(1).split()
            while len(first) > 1 and first[0] in CAPTION_LEAD:
                first = first[1:]
            name = " ".join(first)
            swapped = f"{m.group(2)} v. {name}"
            if swapped in source and f"{name} v. {m.group(2)}" not in source:
                return f"the parties are the other way round in the source ({swapped})"
        return ""

    @staticmethod
    def payers(text: str) -> list[frozenset[str]]:
        """Who bears each cost ``text`` allocates: "at Aduro's request and expense", "at the expense and risk of
        Distributor", "which shall be the sole responsibility of Distributor", "Consultant must bear the
        expense", "STAAR may store the Products at its own expense"."""
        out: list[frozenset[str]] = []
        for m in PAYS.finditer(text):
            if m.group("its") or m.group("it"):
                subjects = [s.group(1) for s in SUBJECT_BEFORE.finditer(text, 0, m.start())]
                name = subjects[-1] if subjects else ""
            else:
                name = next(g for g in m.groups() if g)
            key = party_of(name)
            if key:
                out.append(key)
        return out

    @staticmethod
    def owners(text: str) -> list[frozenset[str]]:
        """Who ``text`` says owns a thing: "Aduro shall be the sole and exclusive owner of", "The Association
        owns"."""
        keys = (party_of(m.group(1)) for m in OWNS.finditer(text))
        return [key for key in keys if key]

    def holder_conflict(self, claim: str, sentence: str) -> str:
        """The claim puts a cost, or a thing's ownership, on one party where the sentence puts it on another: "STAAR
        may store the Products at its own expense" against "at the expense and risk of Distributor"; "The Consultant
        remains the owner of the Work Product" against "Aduro shall be the sole and exclusive owner of … Work
        Product"."""
        for read, what in ((self.payers, "puts the cost on"), (self.owners, "gives the ownership to")):
            mine, theirs = read(joined_lines(claim)), read(joined_lines(sentence))
            if mine and theirs and not any(a & b for a in mine for b in theirs):
                return f"the source {what} another party ({' '.join(sorted(theirs[0]))})"
        return ""

    @staticmethod
    def possessor_conflict(claim: str, sentence: str) -> str:
        """The claim gives a thing to one party where the sentence gives it to another: "Reseller's Confidential
        Information" against "the Supplier's Confidential Information"."""

        def owned(text: str) -> dict[str, dict[str, str]]:
            out: dict[str, dict[str, str]] = {}
            for m in POSSESSED.finditer(joined_lines(text)):
                out.setdefault(m.group(2).lower(), {})[m.group(1).lower()] = m.group(0)
            return out

        mine, theirs = owned(claim), owned(sentence)
        for thing, owners in mine.items():
            held = theirs.get(thing, {})
            if held and not owners.keys() & held.keys():
                return f"the source says “{held[min(held)]}”, not “{owners[min(owners)]}”"
        return ""

    @staticmethod
    def kin_conflict(claim: str, shown: str, sentence: str) -> str:
        """A kinship the claim gives that the shown text gives otherwise: "Julie's brother" where the text says
        only "Julie's son"."""
        said = KIN_OF.findall(joined_lines(claim))
        if said:  # the shown text is read only for a claim that names a kin
            held: dict[str, set[str]] = {}
            for owner, kin in KIN_OF.findall(joined_lines(shown)):
                held.setdefault(owner.lower(), set()).add(kin.lower())
            for owner, kin in said:
                theirs = held.get(owner.lower(), set())
                if theirs and kin.lower() not in theirs:
                    return f"the source names {owner}'s {' or '.join(sorted(theirs))}, not {owner}'s {kin.lower()}"
        # "go shopping with her sister" against "… with her daughter", a kin the shown text never names
        after = KIN_AFTER.findall(joined_lines(claim))
        if not after:
            return ""
        words = set(re.findall(r"[a-z]+", joined_lines(shown).lower()))
        given = {(w.lower(), pron.lower()): kin.lower() for w, pron, kin in KIN_AFTER.findall(joined_lines(sentence))}
        for w, pron, kin in after:
            other = given.get((w.lower(), pron.lower()))
            if other and other != kin.lower() and kin.lower() not in words:
                return f"the source says “{w} {pron} {other}”, not “{w} {pron} {kin.lower()}”"
        return ""

    @staticmethod
    def caption_role_conflict(claim: str, shown: str) -> str:
        """A claim that gives the one caption party it names a role the caption gives another party:
        "Debra Guess is the appellant" against "DEBRA GUESS, Petitioner and Respondent, v. JOSEPH ROMERSA,
        Objector and Appellant"."""

        def roles(text: str) -> set[str]:
            return {party_word(w) for w in re.findall(CAPTION_ROLE_WORDS, text)}

        claimed = roles(claim)
        if len(claimed) != 1:
            return ""  # the caption is read only for a claim that gives one role
        captioned = [
            (name, frozenset(party_word(w) for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", name) if len(w) > 2), given)
            for name, given in CAPTION_PARTY.findall(joined_lines(shown))
        ]
        said = {party_word(w) for w in re.findall(r"[A-Z][A-Za-z'’-]+", claim)}
        named = [party for party in captioned if party[1] & said]
        if len(captioned) < 2 or len(named) != 1:
            return ""
        (role,), (name, words, given) = claimed, named[0]
        if role not in roles(given) and any(w != words and role in roles(g) for _, w, g in captioned):
            return f"the caption names {name.title()} {given.lower()}, not {role}"
        return ""

    def word_swapped(self, claim: str, sentence: str, shown: str) -> str:
        """One word of the restated sentence replaced by another word of the shown text, everything around it
        kept: "a form of *private* speech" against "a form of government speech" from a passage that speaks of
        private speech elsewhere. A verb (a paraphrase: "said" for "continued"), a party's role or a pronoun
        (a name for "respondent" or "him") is none."""

        said_words, held_words = self._stemmed(claim, strip=True), self._stemmed(sentence, strip=True)
        mine = [(t[0] if t else "", w.lower()) for w, t in said_words]
        theirs = [(t[0] if t else "", w.lower()) for w, t in held_words]
        stems = [t for t, _ in theirs]
        court = self.content(deciding_court(shown.split("\n", 1)[0]))
        matcher = difflib.SequenceMatcher(None, [t for t, _ in mine], stems, autojunk=False)
        elsewhere: set[str] | None = None  # the shown text's terms, read only if a word was put for another
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1 <= 2:
                # a name put for another ("who turned out to be Jilani" against "… to be Lopez", "born in Los
                # Angeles County" against "born in San Joaquin County"), the claim's name found elsewhere
                names, others = [w for w, _ in said_words[i1:i2]], [w for w, _ in held_words[j1:j2]]
                if all(
                    w[:1].isupper() and w.lower() not in COMMON_CAPITALISED and w.lower() not in PRONOUNS
                    for w in names + others
                ):
                    elsewhere = self.content(shown) if elsewhere is None else elsewhere
                    said_terms = {t for t, _ in mine[i1:i2] if t}
                    if (
                        said_terms
                        and said_terms <= elsewhere
                        and not said_terms & set(stems)
                        and not any(
                            one_letter_apart(party_word(a), party_word(b)) for a, b in zip(names, others, strict=True)
                        )
                    ):
                        return f"the source names “{' '.join(others)}” there, not “{' '.join(names)}”"
            if op == "replace" and i2 - i1 == j2 - j1 == 2 and i1 and i2 < len(mine):
                # two words the shown text never uses put for two of the sentence's ("recommended a family member
                # as C.S.'s conservator" against "… the public guardian as …")
                elsewhere = self.content(shown) if elsewhere is None else elsewhere
                pairs = list(zip(range(i1, i2), range(j1, j2), strict=True))
                if all(
                    mine[i][0]
                    and mine[i][0] not in elsewhere
                    and mine[i][0] not in stems
                    and theirs[j][0]
                    and self.unshown_swap(mine, theirs, i, j)
                    and not (wording(mine[i][1]) or wording(theirs[j][1]))
                    for i, j in pairs
                ):
                    said_two = " ".join(w for _, w in mine[i1:i2])
                    held_two = " ".join(w for _, w in theirs[j1:j2])
                    return f"the source says “{held_two}” there, not “{said_two}”"
            if op != "replace" or i2 - i1 != 1 or j2 - j1 != 1 or i1 == 0 or i2 == len(mine):
                continue
            (said, word), (held, other) = mine[i1], theirs[j1]
            if not said or not held or said in stems:
                continue
            moved = held_words[j1][0][:1].isupper() and any(held == t for t, _ in mine)
            if moved or any({said, held} <= same for same in SAME_THING):
                # the sentence's name is elsewhere in the claim (the words reordered: "consents in writing to
                # Premier's assignment" for "written consent for Premier to assign"), or another word for it
                continue
            elsewhere = self.content(shown) if elsewhere is None else elsewhere
            if (said not in elsewhere and not self.unshown_swap(mine, theirs, i1, j1)) or (
                said in court and re.search(rf"\b{re.escape(word.capitalize())}\b", claim)
            ):
                continue  # a word of the deciding court's name ("The Court of Appeal found"): the source says "we"
            if (
                wording(word)
                or wording(other)
                or one_letter_apart(party_word(word), party_word(other))
                # one word made from the other: "development fee" for "developmental fee"
                or (min(len(word), len(other)) >= 5 and (word.startswith(other) or other.startswith(word)))
                or other.endswith("ly")
                or other in LINKING_NOUNS  # "charges for delivering" for "charges in connection with the delivery"
                or (
                    word.endswith("ing")
                    and other.endswith("ing")
                    and not (word.endswith(other) or other.endswith(word))
                )
                or (mine[i1 - 1][1] in MODALS and theirs[j1 - 1][1] == mine[i1 - 1][1])
            ):
                # a verb ("giving" for "providing"; "may show" for "may reflect"), a role, or a name misprinted by
                # a letter ("Kaen’s petition")
                continue
            return f"the source says “{other}” there, not “{word}”"
        return ""

    @staticmethod
    def unshown_swap(mine: list[tuple[str, str]], theirs: list[tuple[str, str]], i: int, j: int) -> bool:
        """Whether the claim's word ``mine[i]``, which the shown text never uses, put for the sentence's
        ``theirs[j]`` between the same words, changes a fact ("refiled in the *probate* department" for "… civil
        department"), not the wording: a word of substance on both sides, neither a form of the other ("non" for
        "noncitizen"), not a verb after "to" ("to use" for "to utilize") nor a preposition ("about")."""
        word, other = mine[i][1], theirs[j][1]
        if min(len(word), len(other)) < 4 or word.startswith(other) or other.startswith(word):
            return False
        if {word, other} & _NO_SUBSTANCE:
            return False
        return mine[i - 1][1] != "to" and theirs[j - 1][1] != "to"

    def with_conflict(self, claim: str, sentence: str) -> str:
        """What one text has "with" and the other "without": a dismissal with prejudice against one without,
        "paid with interest" against "without interest thereon", "may settle without Tyler's consent" against
        "shall not, except with the prior written consent of Tyler, … settle"."""

        def sides(text: str) -> dict[str, set[str]]:
            out: dict[str, set[str]] = {"with": set(), "without": set()}
            words = re.findall(r"[\w'’$-]+|[^\w\s]", WITH_OR_WITHOUT.sub(" either ", joined_lines(text)))
            for i, w in enumerate(words):
                kind = w.lower()
                if kind not in out:
                    continue
                for x in words[i + 1 : i + 6]:
                    low = x.lower()
                    if not re.match(r"[\w$]", x) or low in WITH_ENDS or low in out:
                        break
                    # a party named ("Tyler's consent") is who gives it, not what is with or without
                    if low in WEAK or low in DETERMINERS or x[0].isupper() or low.endswith(("'s", "’s")):
                        continue
                    out[kind].update(self._word(low))
            return out

        said, held = sides(claim), sides(sentence)
        for mine, theirs in (("with", "without"), ("without", "with")):
            hit = (said[mine] & held[theirs]) - held[mine] - said[theirs]
            if hit:
                return f"the source says {theirs} {min(hit)}, the claim {mine}"
        return ""

    def without_stated(self, claim: str, sentence: str) -> str:
        """What the sentence has only after "without" and the claim states plainly: "may dispose of the Products
        … without notice to Distributor" against "must give Distributor notice before disposing", "Furnish
        Distributor, without charge, … literature" against "STAAR charges Distributor for the literature". A
        "without" under a negation ("shall not, without Aduro's consent, solicit") is leave asked, and is left
        to the checks of negation."""

        def phrases(text: str, source: bool) -> tuple[set[str], set[str]]:
            inside: set[str] = set()
            rest: set[str] = set()
            words = re.findall(r"[\w'’$-]+|[^\w\s]", WITH_OR_WITHOUT.sub(" either ", text))
            reach = 0
            for i, w in enumerate(words):
                low = w.lower()
                if low == "without":
                    # the negation may stand before a list ("no cancellation, non-renewal, or modification of
                    # such coverage without … notice"), but not past the clause's end or into a parenthesis ("via
                    # electronic commerce (without compensation …)")
                    before: list[str] = []
                    for x in reversed(words[max(0, i - 10) : i]):
                        if x in (";", ":", ".", "(", ")"):
                            break
                        before.append(x.lower())
                    if "limited" in before and "not" in before and before.index("not") == before.index("limited") + 1:
                        before.remove("not")  # "including but not limited to": no negation
                    reach = 0 if source and NEGATION_WORDS & set(before) else 8
                    continue
                bound = low == "at" and i + 1 < len(words) and words[i + 1].lower() in ("least", "most")
                if reach and (not re.match(r"[\w$]", w) or low in WITH_ENDS or low == "with") and not bound:
                    reach = 0  # "without at least twenty days' notice" goes on past "at"
                if low in WEAK or low in DETERMINERS or not re.match(r"[A-Za-z]", w):
                    continue
                if reach:
                    reach -= 1
                    if not (w[0].isupper() or low.endswith(("'s", "’s"))):
                        inside.update(self._word(low))
                else:
                    rest.update(self._word(low))
            return inside, rest

        plain_claim = FREE_OF.sub("without", joined_lines(claim))
        said_without, _ = phrases(plain_claim, source=False)
        held_without, held_rest = phrases(FREE_OF_SOURCE.sub("without", joined_lines(sentence)), source=True)
        stated = self.polarity(plain_claim)[2] - said_without
        hit = stated & held_without - held_rest - WITHOUT_IDIOMS
        if hit:
            return f"the source has it only without ({min(hit)})"
        # the other way: "may return Products without authorization" against "may return Products only after
        # receiving written authorization"
        required = set().union(
            *(self.content(m.group(1) or m.group(2)) for m in ONLY_AFTER.finditer(joined_lines(sentence)))
        )
        # ("without VOTOCAST's agreement" against "unless … mutually agreed upon": a word's forms alike)
        needed = {t for t in said_without - WITHOUT_IDIOMS if any(t[:4] == r[:4] and len(r) >= 4 for r in required)}
        return f"the source requires it ({min(needed)})" if needed else ""

    @staticmethod
    def bound_conflict(claim: str, sentence: str) -> str:
        """A number the claim bounds the other way from the sentence: "at most two days" against "at least two
        days", "less than 30 days" against "not less than 30 days"."""

        def bounds(text: str) -> dict[str, set[int]]:
            out: dict[str, set[int]] = {}
            flat = normalise(joined_lines(text))
            for m in BOUND.finditer(flat):
                kind = 0 if m.group(1) else 1
                # "in no event less than reasonable care", "shall not be less than": a floor
                if BOUND_DENIED.search(flat, 0, m.start()) and not re.match(r"(?:no|not)\b", m.group(0)):
                    kind = 1 - kind
                out.setdefault(m.group(3).rstrip(".,"), set()).add(kind)
            return out

        said, held = bounds(claim), bounds(sentence)
        for number, kinds in said.items():
            if held.get(number) and not kinds & held[number]:
                if number.isalpha():  # a date's month: "on or before March 31"
                    way = "no earlier than" if 0 in held[number] else "no later than"
                else:
                    way = "at least" if 0 in held[number] else "at most"
                return f"the source puts {way} {number}, the claim the other bound"
        return ""

    @staticmethod
    def sealing_conflict(claim: str, sentence: str) -> str:
        """The claim has filed publicly what the sentence has filed under seal, or the other way round."""
        said, held = joined_lines(claim), joined_lines(sentence)
        for mine, theirs, way in ((PUBLICLY, UNDER_SEAL, "under seal"), (UNDER_SEAL, PUBLICLY, "publicly")):
            if mine.search(said) and not theirs.search(said) and theirs.search(held) and not mine.search(held):
                return f"the source says {way}"
        return ""

    def excepted(self, claim: str, sentence: str) -> tuple[str, bool]:
        """What the sentence leaves out of its rule that the claim speaks of ("Disclosure Statement (except
        governmental entities)" for "Governmental entities must also file a disclosure statement"), and whether the
        rule it is left out of is a denial ("I will NOT take any Motorola property (except authorized gifts)", "No
        person except a natural born Citizen"); ("", False) if none."""
        if EXCEPTING_WORDS.search(claim):
            return "", False  # the claim states an exception itself
        # "may use … only for its business relationship" restates "shall not use … except for purposes of its
        # business relationship"; where the sentence sets the limit itself ("admissible only if … other than the
        # defendant"), the claim's "only" is the sentence's
        if ONLY.search(claim) and not ONLY.search(sentence):
            return "", False
        claimed = self.content(claim)
        flat = " ".join(joined_lines(sentence).split())
        for m in EXCEPTED.finditer(flat):
            items = [m]
            while (item := EXCEPTED_ITEM.match(flat, items[-1].end())) is not None:
                items.append(item)  # "(other than (A) Cancelled Shares, (B) … Dissenting Shares, and (C) …)"
            rule = self.content(flat[: m.start()])
            for one in items:
                # (a citation's "Fed.R.Civ.P." names where, not what)
                left = {t for t in self.content(one.group(1)) if not t.startswith("#") and len(t) > 3 and "." not in t}
                # what sets it apart from the rule's own subject: "(C) shares of NIC Common Stock subject to the
                # Assumed RSAs" is left out of "Each share of NIC Common Stock" by "subject to the Assumed RSAs"
                apart = left - rule or left
                if not left or 5 * len(apart & claimed) < 3 * len(apart):
                    continue
                # "(except for the IAS Disagree checklist, which is new to both the AFM and the QRH)": what the
                # sentence says of the thing left out, restated, is no claim under the rule
                told = TOLD_OF.match(flat, one.end())
                rest = claimed - left
                if told and rest and 2 * len(rest & self.content(told.group(1))) >= len(rest):
                    continue
                return one.group(1).strip(), bool(NEGATION.search(flat[: m.start()]))
        return "", False

    def denies_of(self, claim: str, words: str) -> bool:
        """Whether the claim's clause that holds most of ``words`` is a denial: "Governmental entities need not
        file", "not even authorized gifts"; not "may take authorized gifts but no other Motorola property"."""
        wanted = self.content(words)
        clauses = CLAUSE.split(joined_lines(claim))
        best = max(clauses, key=lambda c: len(wanted & self.content(c)))
        return len(NEGATION.findall(best)) % 2 == 1

    def pending_conflict(self, claim: str, text: str) -> str:
        """The claim states a ruling on what the shown text says was taken under submission, where the text rules
        on nothing: "The Court granted the motions" against "the Motions are TAKEN UNDER SUBMISSION"."""
        said = self.content(claim)
        if not RULINGS & said:
            return ""
        read = self._sentences(text)
        if any(RULINGS & terms for _, terms in read):
            return ""
        ruled_on = said - RULINGS - {"court"}
        for span, terms in read:
            if UNDECIDED_YET.search(text[span.start : span.end]) and ruled_on & terms:
                return "the source says it was taken under submission, not decided"
        return ""

    def _either_side(self, flat: str, m: re.Match[str], back: int, ahead: int) -> tuple[set[str], set[str]]:
        """The terms of the ``back`` words before ``m`` and the ``ahead`` words after it, within its clause."""
        before = CLAUSE.split(flat[: m.start()])[-1].split()[-back:] if back else []
        after = CLAUSE.split(flat[m.end() :], maxsplit=1)[0].split()[:ahead]
        return self.content(" ".join(before)), self.content(" ".join(after))

    def scope_conflict(self, claim: str, sentence: str) -> str:
        """The claim limits what the sentence says reaches further ("applies only to scientific testimony" against
        "applies not only to scientific testimony but to all expert testimony"), or sets aside what the sentence
        limits ("any credit transaction, whether or not it is a consumer credit transaction" against "only applies
        '[i]n the case of any consumer credit transaction'"). Words "not only" does not deny are read as stated."""

        def about(text: str, pattern: re.Pattern[str]) -> set[str]:
            flat = " ".join(INSIDE_CLAUSE.sub("", joined_lines(text)).split())  # "[i]n the case of": one clause
            return {t for m in pattern.finditer(flat) for t in self._either_side(flat, m, 0, 10)[1]}

        said, held = about(claim, ONLY), about(sentence, NOT_ONLY)
        if said & held:
            return f"the source says not only {', '.join(sorted(said & held))}"
        said, held = about(claim, SET_ASIDE), about(sentence, ONLY)
        if said & held:
            return f"the source limits it to {', '.join(sorted(said & held))}"
        return ""

    def weighing_conflict(self, claim: str, sentence: str) -> str:
        """The claim weighs two things the other way round from the sentence: "probative value outweighed any
        unfair prejudice" against "the probative value … would be substantially outweighed by unfair prejudice";
        "admissible unless its prejudicial effect substantially outweighs its probative value" against
        "admissible only if its probative value … substantially outweighs its prejudicial effect"."""

        def weighed(text: str) -> list[tuple[set[str], set[str]]]:
            """Each weighing in ``text`` as (what prevails, what gives way), by their terms."""
            out = []
            flat = " ".join(joined_lines(text).split())
            for m in OUTWEIGH.finditer(flat):
                passive = m.group(0).lower().endswith("by")
                # by their first letters: "prejudicial effect" and "unfair prejudice" weigh the same thing
                first, second = ({t[:7] for t in side - WEIGHING_WORDS} for side in self._either_side(flat, m, 6, 4))
                if first and second:
                    out.append((second, first) if passive else (first, second))
            return out

        for won, lost in weighed(claim):
            for held_won, held_lost in weighed(sentence):
                if won & held_lost and lost & held_won and not won & held_won and not lost & held_lost:
                    return "the source weighs them the other way round"
        return ""

    def replaced_swapped(self, claim: str, sentence: str) -> str:
        """The claim puts in place of another what the sentence replaces by it: "sought an injunction in lieu of a
        compulsory forward royalty" against "sought a 'compulsory forward royalty' in lieu of an injunction"."""

        def pairs(text: str) -> list[tuple[set[str], set[str]]]:
            flat = " ".join(joined_lines(text).split())
            out = []
            for m in IN_PLACE_OF.finditer(flat):
                chosen, displaced = self._either_side(flat, m, 4, 4)
                if chosen and displaced:
                    out.append((chosen, displaced))
            return out

        for chosen, displaced in pairs(claim):
            for held_chosen, held_displaced in pairs(sentence):
                if chosen & held_displaced and displaced & held_chosen and not chosen & held_chosen:
                    return "the source puts them the other way round"
        return ""

    @staticmethod
    def standard_conflict(claim: str, sentence: str) -> str:
        """The claim names a standard of review the sentence it rests on does not, where that sentence names
        another: "reviews … de novo" against "we review the district court's application of judicial estoppel
        for abuse of discretion"."""

        def named(text: str) -> set[int]:
            found = STANDARD_OF_REVIEW.finditer(joined_lines(text))
            return {next(i for i, g in enumerate(m.groups()) if g) for m in found}

        said, held = named(claim), named(sentence)
        if said and held and not said & held:
            return f"the source names {STANDARD_NAMES[min(held)]}, not {STANDARD_NAMES[min(said)]}"
        return ""

    def standard_swapped(self, claim: str, sentence: str) -> str:
        """Two standards of review, each put with what the other reviews: "reviews … conclusions of law for clear
        error" against "reviews a bankruptcy court's findings of fact for clear error and its conclusions of law de
        novo"."""

        def reviewed(text: str) -> dict[int, set[str]]:
            flat = " ".join(joined_lines(text).split())
            out: dict[int, set[str]] = {}
            last = 0
            for m in STANDARD_OF_REVIEW.finditer(flat):
                kind = next(i for i, g in enumerate(m.groups()) if g)
                # what it reviews: the words since the standard before it, or the few before it
                out.setdefault(kind, set()).update(
                    self.content(" ".join(flat[last : m.start()].split()[-4:])) - REVIEW_WORDS
                )
                last = m.end()
            return out

        mine, theirs = reviewed(claim), reviewed(sentence)
        if len(theirs) < 2:
            return ""
        for kind, objects in mine.items():
            if kind not in theirs or objects & theirs[kind]:
                continue
            other = next((k for k, o in theirs.items() if k != kind and objects & o), None)
            if other is not None:
                return f"the source reviews that {STANDARD_NAMES[other]}, not {STANDARD_NAMES[kind]}"
        return ""

    @staticmethod
    def forum_conflict(claim: str, sentence: str) -> str:
        """The claim puts in a federal court what the sentence puts in a state court, or the other way: "A federal
        court convicted McGirt" against "McGirt was convicted by an Oklahoma state court"."""

        def forums(text: str) -> set[str]:
            return {m.group(1).lower() for m in FORUM.finditer(joined_lines(text))}

        said, held = forums(claim), forums(sentence)
        if said and held and not said & held:
            return f"the source says a {min(held)} court, not a {min(said)} court"
        # a venue or a court's seat: "Venue … lies in DeKalb County" against "WILL LIE IN FULTON COUNTY"
        said, held = counties(claim), counties(sentence)
        if said and held and not said & held:
            return f"the source names {min(held).title()} County, not {min(said).title()} County"
        return ""

    def number_swapped(self, claim: str, sentence: str) -> str:
        """Two numbers of the sentence, each put with what the other counts: "$20.59 for the appraisal and $350
        for the credit report" against "$350 for the cost of the appraisal and $20.59 for the cost of obtaining a
        credit report"."""

        def slots(text: str) -> dict[str, set[str]]:
            """Each number of ``text`` with the terms after it, up to the next number or the clause's end."""
            flat, found = numbered(text)
            out: dict[str, set[str]] = {}
            for k, m in enumerate(found):
                stop = found[k + 1].start() if k + 1 < len(found) else len(flat)
                tail = CLAUSE.split(flat[m.end() : stop], maxsplit=1)[0]
                out.setdefault(m.group(0), set()).update(self.content(" ".join(tail.split()[:8])))
            return out

        def actors(text: str) -> dict[str, set[str]]:
            """Each number of ``text`` with the party that comes before it in its clause ("the government filed
            *two* motions …; and defendant filed *eight*"): a role or a name, a few words back."""
            flat, found = numbered(text)
            out: dict[str, set[str]] = {}
            for k, m in enumerate(found):
                lead = CLAUSE.split(flat[found[k - 1].end() if k else 0 : m.start()])[-1].split()[-6:]
                words = [re.sub(r"['’]s?$", "", w.strip(".,")) for w in lead]
                named = {
                    w
                    for w in words
                    if w.lower() in ACTOR_WORDS
                    or w.lower().removesuffix("s") in ACTOR_WORDS
                    or (PROPER.fullmatch(w) and w not in COMMON_CAPITALISED | LEADS)
                }
                out.setdefault(m.group(0), set()).update(self.content(" ".join(named)))
            return out

        for mine, theirs in ((slots(claim), slots(sentence)), (actors(claim), actors(sentence))):
            shared = [n for n in mine if n in theirs]
            for n in shared:
                if not theirs[n] or mine[n] & theirs[n]:
                    continue  # the source puts nothing with it, or some of what the claim does
                for t in sorted(mine[n]):
                    others = [m for m in shared if m != n and t in theirs[m]]
                    if others:
                        return f"the source puts {others[0]} with {t}, not {n}"
        return ""

    def slot_conflict(self, claim: str, sentence: str, text: str, header: str) -> str:
        """A party the claim puts before or after a verb it shares with the sentence, where the sentence
        puts another party, while naming the claim's party elsewhere: "First Quality sued SCA" against "SCA
        sued First Quality", "granted summary judgment to SCA" against "… to First Quality". Where the restated
        sentence has no party at that place, the other sentences of the shown ``text`` with that verb are read."""
        c_tokens = parties(joined_lines(claim))
        t_tokens = parties(joined_lines(text))
        deciding = frozenset(party_word(w) for w in re.findall(r"[A-Za-z][A-Za-z.&'’-]*", deciding_court(header)))
        named = [key for _, key in parties(joined_lines(header)) + t_tokens if key]
        # a contract's defined term ("all other Complaints within five days") is no party where the claim writes it
        # as a common noun ("forward all other complaints to STAAR within five days")
        common = {party_word(w) for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", joined_lines(claim))} & {
            party_word(word) for word, key in c_tokens if not key
        } - {""}
        sources = [
            (tokens, [() if key else undoubled(self._word(word)) for word, key in tokens])
            for tokens in (parties(joined_lines(sentence)), t_tokens)
        ]
        for i, (word, key) in enumerate(c_tokens):
            stem = undoubled(self._word(word))  # "remits" and "remitted" ("remitt") are one verb
            if key or not stem or word in WEAK or word in LEADS or word in AFTER_GAP or word in BEFORE_GAP:
                continue  # a verb or noun the parties stand around, not "after" or "to"
            # an adverb ("solely to advertise") marks no party's place, but one before a participle is the
            # predicate's ("Tessera was unjustly enriched")
            adverb = word.endswith("ly") and len(word) > 4
            if word in SLOTLESS or (adverb and not (i + 1 < len(c_tokens) and c_tokens[i + 1][0].endswith("ed"))):
                continue  # "for the 737 MAX (except for the IAS Disagree checklist": no party acts "except"
            if is_number(word):
                continue  # "article seven, the L.A. duplex": a number has no parties
            for side in (-1, 1):
                if side > 0 and passive(c_tokens, i) and i + 1 < len(c_tokens) and c_tokens[i + 1][0] in DETERMINERS:
                    continue  # no preposition after a passive verb: a new clause ("if none is filed, the plaintiff")
                if side < 0 and reduced_relative(c_tokens, i):
                    continue  # "For a Recall caused by Capsugel's negligence": the Recall neither acts nor is a party
                if side > 0 and set(stem) & GIVING and not preposition_after(c_tokens, i):
                    # "pay the Fee" and "pay United … a fee": right after a verb of giving may stand what is given or
                    # whom it is given to, and a contract capitalises both
                    continue
                theirs: list[frozenset[str]] = []
                for at, (tokens, stems) in enumerate(sources):
                    # "Balmert was evaluated by Dr. Hackshaw" is "Dr. Hackshaw evaluated Balmert": a passive puts
                    # the one acting after the verb and the one acted on before it
                    # A passive only in one text with no "by" after it ("the VAT charged to Customer" against "tax …
                    # that were charged to Customer") names no one acting to compare.
                    uses = [
                        (j, side if passive(tokens, j) == passive(c_tokens, i) else -side)
                        for j, t in enumerate(stems)
                        if t == stem and same_use(word, tokens[j][0], side)
                        # "pay the Termination Fee" names what is paid; "pay to Tyler the Termination Fee", whom to
                        if side < 0 or preposition_after(tokens, j) == preposition_after(c_tokens, i)
                        if passive(tokens, j) == passive(c_tokens, i)
                        or agent_after(tokens, j)
                        or agent_after(c_tokens, i)
                    ]
                    if at == 0 and any(unnamed_party(tokens, j, way) for j, way in uses):
                        # the restated sentence has a party there it names by a pronoun ("she said", "he and
                        # Mr. Banks summoned"): who it is, the words around it do not say
                        break
                    theirs = [p for j, way in uses for p in next_party(tokens, j, way, owners=True)]
                    if theirs:
                        break
                for mine in next_party(c_tokens, i, side):
                    if side < 0 and names_court(c_tokens, i, deciding):
                        continue  # "The Supreme Court of California found": the source says "we find"
                    others = [t for t in theirs if not t <= common]
                    if others and any(mine & other for other in named) and not any(same_party(mine, t) for t in theirs):
                        place = "before" if side < 0 else "after"
                        return f"the source puts another party {place} “{word}” ({' '.join(sorted(others[0]))})"
        return ""

    @staticmethod
    def disposition_conflict(claim: str, header: str, text: str) -> str:
        """The claim says the deciding court reversed (or affirmed) where the shown text, in that court's own
        voice, affirms (or reverses): "… and reversed" against "The judgment of the Court of Appeals,
        accordingly, is affirmed", one sentence after the one the claim restates."""
        said = CLAIMED_DISPOSITION.search(claim)
        if not said or APPEALED_ORDER.search(claim[: said.start()]):
            return ""  # none, or what the order appealed from did ("appeals an order … dismissing his petition")
        actor = " ".join(re.findall(r"[\w.]+", claim[: said.start()])[-6:])
        claimed = disposition_kind(said.group(1))
        if lower_court(actor, header) or higher_court(claim[: said.start()], header):
            # What another court did, which the passage may recite: held to what it says that court did.
            return lower_court_disposition(claim[: said.start()], claimed, text)
        # In the court's own voice: not in a quotation ("the case is dismissed" quoted from a bankruptcy order).
        own_voice = QUOTATION.sub(" ", joined_lines(text))
        held = {disposition_kind(next(g for g in m.groups() if g)) for m in COURT_DISPOSITION.finditer(own_voice)}
        if held and claimed not in held:
            return f"the court's own disposition in the source is the opposite ({', '.join(sorted(held))})"
        return ""

    @staticmethod
    def disposition_unstated(claim: str, text: str) -> str:
        """The claim says a court reversed (affirmed, dismissed) and the shown text says no such thing: "The First
        Circuit reversed the district court's refusal" cited to a passage that tells only of the refusal."""
        said = CLAIMED_DISPOSITION.search(claim)
        if not said:
            return ""
        kind = disposition_kind(said.group(1))
        if DISPOSITION_SAID[kind].search(joined_lines(text)):
            return ""
        return f"the source does not say that it was {kind}"

    @staticmethod
    def recital(sentence: str) -> bool:
        """Whether ``sentence`` reports a lower court's holding or a party's argument."""
        return bool(RECITAL.search(sentence))

    def recites(self, claim: str, sentence: str, header: str = "") -> bool:
        """Whether the part of ``sentence`` that ``claim`` restates is a recital. Words before the recital
        ("Following a hearing at which the employer did not appear, the trial court found …"; "C.S. appeals from
        an order … C.S. contends …", one sentence to the splitter) are the court's own, and a higher court's
        holding cited by the deciding court ("the Ninth Circuit has held" in a district court's order) is
        precedent, not a recital."""
        terms: set[str] | None = None
        for m in RECITAL.finditer(sentence):
            if court_above(m.group(0), header):
                continue
            if OPENING_CLAUSE.search(sentence, 0, m.start()):
                terms = self.content(claim) if terms is None else terms
                before = terms & self.content(sentence[: m.start()])
                if len(before) > len(terms & self.content(sentence[m.start() :])):
                    continue
            return True
        return False

    @staticmethod
    def attributed(claim: str, header: str) -> bool:
        """Whether the claim itself says which lower court held it ("The District Court upheld the limits, and
        the Ninth Circuit agreed"), or that a party argued it: then a recital states it, as a bare "the court
        held" does not."""
        # the lower court must be the one that acts in the claim: "The court held that the trial court abused its
        # discretion" says what the deciding court held of the trial court
        said = RECITAL.search(claim)
        acting = LOWER_COURT_ACTS.search(claim)
        return bool(
            SAID_BY.search(claim)
            or (said and lower_court(said.group(0), header))
            or (acting and lower_court(acting.group(0), header))
        )

    @staticmethod
    def recited_alike(claim: str, sentence: str) -> bool:
        """Whether the claim tells of the lower court's act in the sentence's own words ("In September 2023, the
        court determined …" from "In September 2023, the court determined …"): it reports what that court did."""
        said = RECITAL.search(joined_lines(claim))
        return said is not None and said.group(0).lower() in " ".join(joined_lines(sentence).split()).lower()

    @staticmethod
    def unnamed(claim: str, source: str) -> str:
        """A proper name the claim gives ("California", "Montana") that the source never names."""
        lowered = joined_lines(source).lower()  # "Austra-\nlia" names Australia
        laws = [m.span() for m in LAW_NAME.finditer(claim)]  # "Federal Employers' Liability Act": checked apart
        for m in PROPER.finditer(claim):
            if any(a <= m.start() < b for a, b in laws):
                continue
            name = m.group(0)
            # A plural names what its singular does: "the Haegers" are the Haeger family, and a claim's first
            # word is capitalised as any sentence's is ("Applications … are heard as motions"; "Failing to specify"
            # where the source says "failure to specify").
            low = name.lower()
            if not claim[: m.start()].strip() and (
                re.sub(r"(?:ing|ed|es|s)$", "", low) in lowered or low in FUNCTION_WORDS | WEAK | DETERMINERS
            ):
                continue
            if low in COMMON_CAPITALISED or low.removesuffix("s") in lowered:
                continue
            # "SEC" for the Securities and Exchange Commission the source names (read only for a name not found)
            if not (name.isupper() and name in initials(source)):
                return f"the source does not name {name}"
        return ""

    def asked(self, claim: str, sentence: str) -> bool:
        """Whether the claim's words sit in a "whether ..." clause of ``sentence``: the question a court
        set out to answer ("to resolve whether § 56 authorizes ..."), not its answer."""
        m = WHETHER.search(sentence)
        # The claim sets the same question out ("In determining whether", "Whether a party is an interested
        # person is reviewed for abuse of discretion"): it speaks of the question, not of its answer.
        if not m or SPEAKS_OF_QUESTION.search(claim):
            return False
        claim_terms = self.content(claim)
        rest = sentence[m.end() :]
        clause = re.split(r"[,;:—–()]", rest, maxsplit=1)[0]
        asked = self.content(" ".join(clause.split()[:15]))
        stated = self.content(sentence[: m.start()] + " " + rest[len(clause) :])
        return bool(claim_terms) and len(claim_terms & (asked - stated)) >= 0.5 * len(claim_terms)

    @staticmethod
    def number_problems(claim: str, source: str, sentence: str, near: str = "") -> tuple[list[str], str]:
        """The claim's numbers ``source`` (what the model saw) does not state, and a quantity that
        ``sentence`` (the one the claim rests on) gives otherwise. A full date the claim gives that ``near``
        (the sentence with its neighbours) gives is none: "dated his complaint November 13, 2018. It was
        received … on November 19, 2018" backs "received … on November 19, 2018"."""
        missing = (
            sorted(numbers(claim) - numbers(source))
            + sorted(dates(claim) - dates(source))
            + sorted(provisions(claim) - provisions(source))
            # "returned to work in December 2019" where the source has 2019 only as the order's date
            + sorted(" ".join(m) for m in month_years(claim) - months_held(source))
        )
        said = quantities(sentence)
        for n, unit in sorted(quantities(claim)):
            others = sorted({m for m, u in said if u == unit})
            if others and n not in others:
                return missing, f"the source says {' or '.join(others)} {unit}(s), not {n}"
            # "two months before the statute of limitations expired" where the sentence says "two days before"
            spans = sorted({u for m, u in said if m == n and u in TIME_UNITS} - {unit})
            if unit in TIME_UNITS and spans and (n, unit) not in said:
                return missing, f"the source says {n} {spans[0]}(s), not {n} {unit}(s)"
        paid = rates(sentence)
        for amount, period in sorted(rates(claim) - paid):
            per = sorted(p for a, p in paid if a == amount)
            if per:  # "$40,000 a year" where the sentence says "$40,000 per month"
                return missing, f"the source says {amount} per {per[0]}, not per {period}"
        said_on, given_on = dates(claim), dates(sentence)
        if said_on and given_on and not said_on & given_on and not said_on & dates(near):
            return (
                missing,
                f"the source gives {' or '.join(sorted(given_on))} for this, not {' or '.join(sorted(said_on))}",
            )
        said_day, given_day = month_days(claim), month_days(sentence)
        if said_day and given_day and not said_day & given_day and not said_day & month_days(near):
            # "saw a physician assistant … on August 13" where the sentence says "on August 3" (and the passage
            # gives August 13 for another event)
            gives, says = (" or ".join(sorted(" ".join(d) for d in days)) for days in (given_day, said_day))
            return missing, f"the source gives {gives} for this, not {says}"
        given_in = month_years(sentence)
        for month, year in sorted(month_years(claim) - given_in):
            others = sorted(m for m, y in given_in if y == year)
            if others:
                return missing, f"the source gives {' or '.join(others)} {year} for this, not {month} {year}"
        claimed, given = years(claim), years(sentence)
        if claimed and given and not claimed & given:
            return (
                missing,
                f"the source gives {' or '.join(sorted(given))} for this, not {' or '.join(sorted(claimed))}",
            )
        return missing, ""

    # -- the verdict --------------------------------------------------------------------------------
    def align(self, claim: str, text: str, header: str = "") -> tuple[float, int, int]:
        """The one sentence, or two adjacent sentences, of ``text`` holding most of the claim's words
        (the document's ``header`` line, which the model saw too, counting as held): (share held, start, end).
        A number the claim shares with a sentence counts toward it, and decides between sentences that hold
        the same words; a number it does not share counts against none (the number checks judge that)."""
        claim_terms = self.content(claim)
        numbers_said = {t for t in claim_terms if t.startswith("#")}
        words = claim_terms - numbers_said
        titled = self.content(header) if header else set()
        read = self._sentences(text)
        if not words or not read:
            return 0.0, 0, len(text)  # nothing to align, or a number alone ("The answer is: 2"), which says nothing
        spans = [s for s, _ in read]
        sets = [t for _, t in read]
        best = (-1.0, 0, 0)
        best_key: tuple[int, float, int, int] = (-1, -1.0, -1, -1)
        best_like = -1.0
        for i, s in enumerate(spans):
            for j in (i, i + 1):
                if j >= len(spans):
                    continue
                own = sets[i] | sets[j] if j != i else sets[i]
                held = own | titled
                shared = len(numbers_said & held)
                cover = (len(words & held) + shared) / (len(words) + shared)
                # The sentences holding most of the claim's words themselves win: the header fills in a name a
                # sentence leaves out, and must not let a sentence with one of the claim's words ("If your
                # application is denied") beat the one the claim restates ("Quicken Loans conditionally approved
                # the loan that the Weintraubs requested"). Then the cover, the numbers shared, and one sentence
                # before two.
                key = (len(words & own) + shared, cover, shared, int(j == i))
                if key > best_key:
                    best, best_key, best_like = (cover, s.start, spans[j].end), key, -1.0
                elif key == best_key:
                    # Sentences that hold the claim's words alike: the one worded most like it ("… is timely"
                    # against "… is untimely", not "… filed a motion for extension of time")
                    if best_like < 0:
                        best_like = self._alike(claim, text[best[1] : best[2]])
                    like = self._alike(claim, text[s.start : spans[j].end])
                    if like > best_like:
                        best, best_like = (cover, s.start, spans[j].end), like
        return best

    @staticmethod
    def _alike(claim: str, span: str) -> float:
        """How alike the two read word for word (difflib's ratio over lower-cased words)."""
        words = [re.findall(r"[\w'’]+", joined_lines(t).lower()) for t in (claim, span)]
        return difflib.SequenceMatcher(None, words[0], words[1], autojunk=False).ratio()

    def relevance(self, question: str, claim: str, named: str = "") -> float:
        """The share of the question's own words (question words aside) that ``claim`` carries, or ``named``:
        the names of the documents it cites ("... within three years [1]" from 45 U.S.C. § 56, the Federal
        Employers' Liability Act, answers a question that names the Act)."""
        asked = self.content(" ".join(w for w in re.findall(r"[\w'’-]+", question) if w.lower() not in QUESTION_WORDS))
        return len(asked & (self.content(claim) | self.content(named))) / len(asked) if asked else 1.0

    def _closest(self, claim: str, text: str, start: int, end: int) -> str:
        """The sentence of ``text[start:end]`` (the aligned window) holding most of the claim's words, as the
        whole text is split: the window alone may split otherwise (its first line read as a heading)."""
        read = self._sentences(text)
        inside = [k for k, (s, _) in enumerate(read) if start <= s.start and s.end <= end]
        if len(inside) < 2:
            return text[start:end]
        claim_terms = self.content(claim)
        names = self.content(" ".join(m.group(0) for m in PROPER.finditer(claim))) & claim_terms

        def held(k: int) -> int:
            span, terms = read[k]
            found = claim_terms & terms
            if k and OPENING_PRONOUN.match(text, span.start):
                # "Mr. Calderon-Fuentes took leave … He returned to work": the pronoun stands for a party the
                # sentence before names, and the claim may name it
                found |= names & read[k - 1][1]
            return len(found)

        best = read[max(inside, key=held)][0]
        return text[best.start : best.end]

    def resting_sentence(self, claim: str, text: str, verdict: Verdict) -> str:
        """The sentence of ``text`` the ``verdict`` on ``claim`` rests on (what the entailment reader reads
        the claim against), its lines joined."""
        return " ".join(
            joined_lines(self.listed(claim, self._closest(claim, text, verdict.start, verdict.end))).split()
        )

    def _index(self, sentence: str, text: str) -> int:
        """Where ``sentence`` (a sentence of ``text``, as ``_closest`` gives it) stands among the sentences of
        ``text``, or -1."""
        at = text.find(sentence)
        return (
            next((k for k, (s, _) in enumerate(self._sentences(text)) if s.start <= at < s.end), -1) if at >= 0 else -1
        )

    def listed(self, claim: str, sentence: str) -> str:
        """``sentence`` narrowed, when it is an enumerated list ("For the foregoing reasons, the Court: (1) GRANTS …
        motion in limine 1, (2) GRANTS …, … (10) GRANTS defendant's motion in limine 8"), to its opening words and
        the items the claim is about: those holding most of its words (a number or an ordinal counting as one:
        "the defendant's eighth motion" is "motion in limine 8"). Read whole, a list that grants one motion and
        denies another backs "granted" and "denied" alike. A claim about the opening words alone, or about every
        item alike, reads the whole sentence."""
        marks = list(LIST_MARK.finditer(sentence))
        labels = [m.group(1) for m in marks]
        first = next((k for k, label in enumerate(labels) if label in ("1", "a")), -1)
        if first < 0:
            return sentence
        marks, labels = marks[first:], labels[first:]
        # The markers must count up from the first: (1) (2) (3) …, or (a) (b) (c) …
        expected = [str(k + 1) if labels[0] == "1" else chr(ord("a") + k) for k in range(len(labels))]
        run = next((k for k, (got, want) in enumerate(zip(labels, expected, strict=True)) if got != want), len(labels))
        marks = marks[:run]
        if len(marks) < 3:
            return sentence
        ends = [m.start() for m in marks[1:]] + [len(sentence)]
        items = [sentence[m.start() : end] for m, end in zip(marks, ends, strict=True)]
        # The words an item is chosen by leave out those that take a side (granted, denied, affirmed …): choosing
        # by them would pick the item that agrees with the claim.
        claim_terms = self.content(claim) - _SIDED
        held = [len(claim_terms & self.content(LIST_MARK.sub(" ", item, count=1))) for item in items]
        best = max(held)
        if best == 0 or min(held) == best:
            return sentence
        return " ".join(
            [sentence[: marks[0].start()].rstrip(), *(i.strip() for i, h in zip(items, held, strict=True) if h == best)]
        )

    def _continued(self, claim: str, sentence: str, text: str, k: int) -> str:
        """The sentence after the ``k``-th of ``text`` (``sentence``) when it goes on about the same thing ("… the
        personnel records of defendants Robinette and Probst. Such documents are not relevant to plaintiff's
        claims") and holds claim words ``sentence`` lacks, or rules on what ``sentence`` tells of where the claim
        states a ruling; else ""."""
        read = self._sentences(text)
        if k < 0 or k + 1 >= len(read):
            return ""
        span, terms = read[k + 1]
        following = text[span.start : span.end]
        # "Ericsson later filed a motion to supplement … as 'Option C.' The Court denied Ericsson's motion because
        # …": a ruling the claim states and its sentence does not is read in the sentence after it
        said, held = self.content(claim), self.content(sentence)
        if RULINGS & said and not RULINGS & held and RULINGS & terms:
            return following
        # "Such license is a non-exclusive … license" holds the opposite of the claim's "exclusive"; "… provides a
        # worldwide, exclusive, royalty free, perpetual license of such Intellectual Property Rights" the opposite of
        # its "non-exclusive"
        opposed = {t for t in said for prefix in OPPOSITE_PREFIXES if prefix + t in terms}
        plain = {  # not "unless" for "less"
            t.removeprefix(p)
            for t in said
            for p in ("non", "un")
            if t.startswith(p) and len(t) - len(p) >= 5 and t.removeprefix(p) in terms
        }
        if ANAPHOR.match(following):
            return following if (said & terms) - held or (opposed | plain) - held else ""
        return following if re.search(r"\bsuch\b", following, re.IGNORECASE) and plain - held else ""

    def _around(self, claim: str, text: str, k: int) -> str:
        """The sentences either side of the ``k``-th of ``text`` that hold at least half of the claim's words
        (numbers aside): they may tell the same event ("dated his complaint November 13, 2018. It was received
        … on November 19, 2018")."""
        read = self._sentences(text)
        words = {t for t in self.content(claim) if not t.startswith("#")}
        if k < 0 or not words:
            return ""
        return " ".join(
            text[read[j][0].start : read[j][0].end]
            for j in (k - 1, k + 1)
            if 0 <= j < len(read) and 2 * len(words & read[j][1]) >= len(words)
        )

    def _resolved(self, sentence: str, text: str, k: int) -> str:
        """``sentence`` (the ``k``-th of ``text``) with a pronoun that opens it ("First, he contends Guess did not
        have standing") put back as the name that opens the sentence before it ("Romersa appeals on three
        grounds"): the checks of parties read names."""
        m = LEADING_PRONOUN.match(sentence)
        if not m or k < 1:
            return sentence
        before = self._sentences(text)[k - 1][0]
        subject = SUBJECT.match(" ".join(joined_lines(text[before.start : before.end]).split()))
        name = subject.group(1) if subject else ""
        if not name or all(w.lower().strip(".") in LEADS | COMMON_CAPITALISED for w in name.split()):
            return sentence  # "The Court held …", "In 1995 …": no party opens it
        return sentence[: m.start(2)] + name + sentence[m.end(2) :]

    def judge(self, claim: str, text: str, header: str = "") -> Verdict:
        """How ``text`` (what the model was shown of a passage; ``header``: its document's title line)
        bears on ``claim``."""
        claim = LEADING_ANSWER.sub("", claim).strip() or claim
        cover, start, end = self.align(claim, text, header)
        if cover < COVER_PARTIAL:
            return Verdict(UNRELATED, cover, "", start, end)
        if ABSENCE.search(claim):
            return Verdict(UNRELATED, cover, "it says what the passages do not hold: no answer", start, end)
        # The checks read the one sentence that holds most of the claim: a negation in its neighbour
        # is about something else.
        closest = self._closest(claim, text, start, end)
        at = self._index(closest, text)
        sentence = self.listed(claim, self._resolved(closest, text, at))
        # A claim that speaks of a question ("declined to reach whether the game constitutes illegal gambling")
        # states no side of it, so the parties' sides recited do not refute it.
        if self.recites(claim, sentence, header) and not (
            self.attributed(claim, header) or self.recited_alike(claim, sentence) or SPEAKS_OF_QUESTION.search(claim)
        ):
            # A lower court's holding or a party's argument: a claim that repeats it states what the
            # deciding court did not hold; one that denies it is neither backed nor refuted by it.
            if self.polarity_conflict(claim, sentence):
                return Verdict(UNRELATED, cover, "the passage reports a lower court's or a party's view", start, end)
            return Verdict(
                CONTRADICTS, cover, "the passage reports what a lower court held or a party argued, not the holding",
                start, end,
            )  # fmt: skip
        # A claim about what the rule leaves out: stated as under the rule, it contradicts; denied, the rule's
        # words are not denied by it ("Governmental entities need not file a disclosure statement").
        left_out, from_denial = self.excepted(claim, sentence)
        # what a denial leaves out is allowed: "I will NOT take any Motorola property (except authorized gifts)"
        if left_out and self.denies_of(claim, left_out) == from_denial:
            reason = f"the source leaves out {left_out}"
        else:
            reason = ""
        reason = (
            reason
            or ("" if left_out else self.polarity_conflict(claim, sentence))
            or ("" if left_out else self.polarity_conflict(claim, self._continued(claim, sentence, text, at)))
            or ("" if left_out else self.parity_conflict(claim, sentence))
            or self.dropped_condition(claim, sentence)
            or self.limit_conflict(claim, sentence)
            or self.swap_conflict(claim, sentence)
            or self.role_conflict(claim, sentence)
            or self.kin_conflict(claim, header + "\n" + text, sentence)
            or self.caption_role_conflict(claim, text)
            or self.slot_conflict(claim, sentence, text, header)
            or self.standard_conflict(claim, sentence)
            or self.with_conflict(claim, sentence)
            or self.without_stated(claim, sentence)
            or self.holder_conflict(claim, sentence)
            or self.possessor_conflict(claim, sentence)
            or self.sealing_conflict(claim, sentence)
            or self.bound_conflict(claim, sentence)
            or self.pending_conflict(claim, text)
            or self.weighing_conflict(claim, sentence)
            or self.scope_conflict(claim, sentence)
            or self.replaced_swapped(claim, sentence)
            or self.standard_swapped(claim, sentence)
            or self.forum_conflict(claim, sentence)
            or self.number_swapped(claim, sentence)
            or self.word_swapped(claim, sentence, header + "\n" + text)
            or self.disposition_conflict(claim, header, text)
        )
        shown = header + "\n" + text
        # A line-numbered print's gutter ("6\nfourteen months") states no number.
        missing, conflict = self.number_problems(
            claim, without_gutter(shown), without_gutter(sentence), without_gutter(self._around(claim, text, at))
        )
        reason = reason or conflict
        if not reason and self.asked(claim, sentence):
            reason = "the passage asks it as a question (“whether …”); it does not hold it"
        if reason:
            return Verdict(CONTRADICTS, cover, reason, start, end, missing)
        if missing:
            return Verdict(UNRELATED, cover, f"the source does not state {', '.join(missing)}", start, end, missing)
        unstated = self.disposition_unstated(claim, shown)
        if unstated:
            return Verdict(UNRELATED, cover, unstated, start, end)
        unnamed = self.unnamed(claim, shown)
        if unnamed:
            return Verdict(UNRELATED, cover, unnamed, start, end)
        return Verdict(SUPPORTS, cover, "", start, end)


# The words on either side of an antonym pair.
_SIDED = frozenset(t for pair in ANTONYMS for side in pair for t in side)


def not_denied(m: re.Match[str]) -> str:
    """What stays of words that look like a denial and are none: "did or did not" is "did", "not only" nothing."""
    return m.group("aux") or ("whether" if m.group(0).lower().startswith("whether") else "")


# Words after which "not" denies the clause's verb ("were not warranted by", "shall not be").
VERB_BEFORE_NOT = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "shall", "will", "may", "must", "can",
     "could", "would", "should", "do", "does", "did", "might"}
)  # fmt: skip


def undoubled(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Terms with a doubled last consonant made single, as the analyzer leaves "remitted" ("remitt") and "remits"
    ("remit") apart."""
    return tuple(t[:-1] if len(t) > 4 and t[-1] == t[-2] and t[-1] in "bdgmnprt" else t for t in terms)


def counties(text: str) -> set[str]:
    """The counties ``text`` names ("Mercer County", "FULTON COUNTY")."""
    return {m.group(1).lower() for m in COUNTY.finditer(joined_lines(text))} - NOT_A_COUNTY


def listed_verbs(m: re.Match[str]) -> str:
    """A negated list of verbs without its commas, so the negation reaches each: "not introduce use or refer"."""
    return m.group(1) + m.group(2).replace(",", "") + m.group(3)


# Words whose swap says nothing of the facts.
_NO_SUBSTANCE = WEAK | SIDE_GAP | DETERMINERS | FUNCTION_WORDS


def wording(word: str) -> bool:
    """Whether a word put for another changes the wording, not a fact: a verb (a paraphrase: "said" for
    "continued"), a pronoun, a function word ("about" for "regarding") or a party's role."""
    return bool(
        VERB_FORM.fullmatch(word)
        or word in IRREGULAR_VERBS
        or word in PRONOUNS
        or word in FUNCTION_WORDS
        or party_word(word) in ROLE_WORDS
    )


def preposition_after(tokens: list[tuple[str, frozenset[str]]], at: int) -> str:
    """The preposition right after word ``at`` ("pay *to* Tyler"), or "" where an article or a name follows."""
    nxt = tokens[at + 1][0] if at + 1 < len(tokens) and not tokens[at + 1][1] else ""
    return nxt if nxt in AFTER_GAP - DETERMINERS else ""


def initials(text: str) -> set[str]:
    """The initials of each run of capitalised words in ``text`` ("Federal Employers' Liability Act" gives "FELA",
    "ELA", "FE", …), short words inside a run ("of", "and") left out: what an acronym may stand for."""
    out: set[str] = set()
    run: list[str] = []
    for w in [*re.findall(r"[A-Za-z][\w'’.-]*", joined_lines(text)), "."]:
        if w[0].isupper():
            run.append(w[0])
            continue
        if w.lower() in ("of", "and", "for", "the", "on") and run:
            continue
        out.update("".join(run[i:j]) for i in range(len(run)) for j in range(i + 2, min(len(run), i + 6) + 1))
        run = []
    return out


def party_of(name: str) -> frozenset[str]:
    """The party a capitalised name stands for, as ``payers`` and ``owners`` compare them ("the Distributor" and
    "Distributor" alike); empty for a word that names no party ("Such", "Products")."""
    return frozenset(party_word(w) for w in name.split()) - NOT_A_PARTY - {""}


def support_of(verdict: Verdict) -> str:
    """The label a claim shows for a verdict: supported | partial | unsupported."""
    if verdict.label != SUPPORTS:
        return "unsupported"
    return "supported" if verdict.cover >= COVER_SUPPORTED else "partial"


def strongest(verdicts: Sequence[Verdict]) -> int:
    """The index of the verdict that backs its claim best (supports first, then cover)."""
    order = {SUPPORTS: 2, UNRELATED: 1, CONTRADICTS: 0}
    return max(range(len(verdicts)), key=lambda i: (order[verdicts[i].label], verdicts[i].cover))
