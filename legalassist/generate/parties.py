"""Who is who in a sentence, for the grounding judge (legalassist.generate.grounding): the parties a text names
(runs of capitalised words with a name among them, or a role word), the party right before or after a word, and
which court a text names as a lower court and what it says that court did. Pure, like the judge."""

from __future__ import annotations

import re
from functools import lru_cache

from legalassist.generate.lexicon import (
    ACTOR,
    AFTER_GAP,
    BEFORE_GAP,
    CAPTION_LEAD,
    COMMON_CAPITALISED,
    DETERMINERS,
    DISPOSITION_KIND,
    DISPOSITION_SAID,
    HELD_RIGHTS,
    IRREGULAR_VERBS,
    LEADS,
    LISTED,
    LOWER_COURT,
    NOMINAL,
    PREDICATE_ADJECTIVES,
    PRONOUNS,
    ROLE_WORDS,
    VERB_FORM,
    joined_lines,
)
from legalassist.ingest.chunker import abbreviated


def parties(text: str) -> list[tuple[str, frozenset[str]]]:
    """The words of ``text``, each with the party it is part of (a run of capitalised words, one of them a
    name: "Life Technologies", "Officer Thompson", "SCA"; or a role word: "respondents"), else empty; a "." of
    no party where a sentence ends after a name."""
    return list(_parties(text))


@lru_cache(maxsize=512)
def _parties(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    # A passage is read once for all the claims judged against it.
    # A number is a word of its own, of no party: it ends a run of capitalised words ("November 2020, Ismael").
    # "4G", "2G": a number with its letter is no word of a name
    tokens = re.findall(r"[A-Za-z][A-Za-z.&'’-]*|\d[\d,.]*(?:[A-Za-z]\b)?", text)
    out: list[tuple[str, frozenset[str]]] = []
    run: list[str] = []
    dotted: list[bool] = []  # each word of the run as written ended with a full stop

    def close() -> None:
        names = frozenset(party_word(t) for t in run if t.lower().strip(".") not in COMMON_CAPITALISED)
        code = any(t.strip(".") == "Code" for t in run)  # "Prob. Code", "Code Civ. Proc.": a statute, no party
        # "E.D. Pa.", "N.D. Cal.": a court's abbreviation in a citation
        cited = [(t, d) for t, d in zip(run, dotted, strict=True) if t.lower() not in COMMON_CAPITALISED]
        court = len(cited) >= 2 and all(d and len(t.replace(".", "")) <= 4 for t, d in cited)
        plain = all(t.lower().strip(".") in LEADS for t in run)
        key = names if names and not code and not court and not plain else frozenset()
        low = [t.lower() for t in run]
        if low == ["america"] or (
            low[-2:] == ["united", "states"] and all(w in COMMON_CAPITALISED or w in ROLE_WORDS for w in low[:-2])
        ):
            # the government as a party: "The United States having applied", "Plaintiff United States of America"
            key = frozenset({"united states"})
        if [t.lower() for t in run] == ["counsel"]:
            key = frozenset({"counsel"})  # "Counsel contends": a party's lawyer, who is not the other side
        if "united" in low and not {"states", "kingdom", "nations"} & set(low) and not code and not court:
            key = key | {"united"}  # "CBTC shall pay United", "United Bank": a company, not the United States
        out.extend((t.lower(), key) for t in run)
        run.clear()
        dotted.clear()

    for at, tok in enumerate(tokens):
        if tok == "of" and run and _company_follows(tokens, at + 1):
            run.append(tok)  # "Allegiance Hospital of Many, LLC": one company's name
            dotted.append(False)
            continue
        if tok[0].isdigit():
            close()
            out.append((tok.rstrip(".,").lower(), frozenset()))
            continue
        bare = tok.strip(".'’")
        if bare.lower() in PRONOUNS and not (len(bare) > 1 and bare.isupper()):  # "US" is a name
            close()  # "He retrieved the knife": a pronoun opening a sentence names no party of its own
            out.append((bare.lower(), frozenset()))
            continue
        if bare[:1].isupper() and not (not run and bare.lower() in LEADS):
            run.append(bare)
            dotted.append(tok.endswith("."))
            if tok.endswith(".") and len(bare) > 2 and "." not in bare and not abbreviated(tok):
                close()  # a sentence ends here ("… the Truth in Lending Act. We agree"), as the splitter reads it
                out.append((".", frozenset()))  # no list of parties runs on past it ("drafted by Kingdom Ventures.")
            continue
        close()
        low = bare.lower()
        role = low.removesuffix("s") if low.removesuffix("s") in ROLE_WORDS else ""
        out.append((low, frozenset({role}) if role else frozenset()))
    close()
    return tuple(out)


_COMPANY = frozenset({"llc", "inc", "corp", "co", "company", "ltd", "llp", "l.l.c", "n.a", "lp", "plc"})


def _company_follows(tokens: list[str], at: int) -> bool:
    """Whether the capitalised words from ``at`` end in a company's suffix ("Many, LLC"; "Kilgore, LLC")."""
    for tok in tokens[at : at + 5]:
        if not tok[:1].isupper():
            return False
        if tok.lower().strip(".,") in _COMPANY:
            return True
    return False


def deciding_court(header: str) -> str:
    """The deciding court's name in a document's header line ("Title · Court · Date"), or ""."""
    fields = header.split(" · ")
    return fields[1] if len(fields) >= 3 else ""


def names_court(tokens: list[tuple[str, frozenset[str]]], at: int, court: frozenset[str]) -> bool:
    """Whether the words right before word ``at`` name the court whose words are ``court`` ("The Supreme Court of
    California found"), not only a party that shares a word with it ("California found")."""
    run: list[str] = []
    k = at - 1
    while k >= 0 and (party_word(tokens[k][0]) in court or tokens[k][0] in ("the", "of")):
        run.append(tokens[k][0])
        k -= 1
    return "court" in run


def lower_court(text: str, header: str) -> str:
    """The first court ``text`` names that is not the deciding one (``header`` names that): "the Court of
    Appeals", "the Washington Supreme Court" under "Supreme Court of the United States", but not "the North
    Carolina Supreme Court" under "Supreme Court of North Carolina"."""
    heading = set(re.findall(r"[a-z]+", header.lower()))
    for m in LOWER_COURT.finditer(text):
        words = re.findall(r"[a-z]+", m.group(0).lower())
        if m.group(0).lower() in header.lower() or ("supreme" in words and set(words) <= heading):
            continue
        return m.group(0)
    return ""


def higher_court(text: str, header: str) -> bool:
    """Whether ``text`` names the Supreme Court under another court's ``header``: "The Supreme Court granted
    certiorari …, vacated the judgment" under the Eighth Circuit's opinion on remand."""
    return bool(re.search(r"\bSupreme Court\b", text)) and "supreme court" not in header.lower()


def court_above(text: str, header: str) -> bool:
    """Whether ``text`` names a court above the deciding one (``header`` names that): a court of appeals or the
    Supreme Court above a district court, the Supreme Court of the United States above a court of appeals."""
    deciding = deciding_court(header).lower()
    if "district court" in deciding or "bankruptcy" in deciding:
        return bool(re.search(r"\b(?:Circuit|Court of Appeals|Supreme Court)\b", text))
    if "court of appeals" in deciding or "circuit" in deciding:
        return bool(re.search(r"\bSupreme Court\b(?! of (?!the United States))", text))
    return False


def lower_court_disposition(before: str, claimed: str, text: str) -> str:
    """The claim's lower court (named in ``before``, the words before its disposition verb) did otherwise than
    ``claimed`` by what ``text`` says it did: "The Fourth Circuit affirmed" against "The Fourth Circuit vacated
    the judgment"."""
    found = ACTOR.search(before)
    words = found.group(1).split() if found else []
    while words and words[0] in CAPTION_LEAD:
        words = words[1:]
    if not words:
        return ""
    court = " ".join(words)
    # That court as the one acting ("The Fourth Circuit vacated"), not the one acted on ("the judgment of the
    # Court of Appeals is reversed"), up to where another court comes in.
    acting = re.compile(
        r"(?<!judgment of the )(?<!decision of the )(?<!order of the )" + re.escape(court) + r"\b([^.;]{0,80})"
    )
    windows = [
        re.split(r"\b(?:we|We|Court)\b|" + LOWER_COURT.pattern, m.group(1), maxsplit=1, flags=re.I)[0]
        for m in acting.finditer(joined_lines(" ".join(text.split())))
    ]
    done = {kind for w in windows for kind, said_as in DISPOSITION_SAID.items() if said_as.search(w)}
    if done and claimed not in done:
        return f"the source says the {court} {' or '.join(sorted(done))} it"
    return ""


def same_use(mine: str, theirs: str, side: int) -> bool:
    """Whether the source's word is used as the claim's is, so that the parties around it compare: not a noun
    made from the verb ("her letter of resignation, Robinson" is no party after "resigned"), nor a participle
    after a comma whose subject is the sentence's ("commenced this action against Quicken Loans, alleging")."""
    if NOMINAL.search(theirs) and not NOMINAL.search(mine):
        return False
    return not (side < 0 and theirs.endswith("ing") and not mine.endswith("ing"))


def disposition_kind(word: str) -> str:
    """The kind of disposition a word states: "REVERSED" and "vacate" are "reversed or vacated"."""
    return DISPOSITION_KIND[word.lower()[:4]]


def party_word(token: str) -> str:
    """A name's word without its possessive or plural "s"; a lone initial stays itself ("Mitchell S. Felder")."""
    word = token.lower().strip(".").removesuffix("’s").removesuffix("'s")
    return word.removesuffix("s") if len(word) > 1 else word


def next_party(
    tokens: list[tuple[str, frozenset[str]]], at: int, side: int, owners: bool = False
) -> list[frozenset[str]]:
    """The party right before word ``at`` (``side`` -1, past an auxiliary) or after it (+1, past a
    preposition or article), with the others listed with it ("Justice Breyer and Justice Kagan would grant"),
    else none. ``owners``: after the word, a party's owner too ("the Accomplishment Instructions of Boeing
    Special Attention Service Bulletin 737-00-1028")."""
    gap = BEFORE_GAP if side < 0 else AFTER_GAP
    j = at + side
    reach = 3
    if side < 0 and (
        tokens[at][0] in PREDICATE_ADJECTIVES
        or (j >= 1 and tokens[j][0] == "to" and tokens[j - 1][0] in PREDICATE_ADJECTIVES)
    ):
        # "the Recipient shall be responsible"; "Company is entitled to seek": the party of "seek" is the one
        # entitled to it
        gap = gap | {"be", "been"}
        if j >= 1 and tokens[j][0] == "to":
            j, reach = j - 2, 5
    elif side < 0 and j >= 1 and tokens[j][0] == "to" and tokens[j - 1][0] in AGREEING:
        # "WebMD agrees to grant, and Emdeon agrees to accept, a license": the party of "grant" is the one agreeing
        gap = gap | {"hereby", "also", "further"}
        j, reach = j - 2, 5
    elif side < 0 and j >= 1 and tokens[j][0] == "to" and tokens[j - 1][0] in HELD_RIGHTS:
        # "NIC will have the right to direct and control": the party of "direct" is the one holding the right
        gap = gap | {"the", "have", "has", "had", "sole", "exclusive", "full"}
        j, reach = j - 2, 7
    elif side < 0 and j >= 2 and tokens[j][0] == "to" and tokens[j - 1][1] and _after_for(tokens, j - 1):
        j -= 1  # "consent for Premier to assign its rights": the party of "assign" is the one after "for"
    while 0 <= j < len(tokens) and not tokens[j][1] and tokens[j][0] in gap and abs(j - at) <= reach:
        j += side
    if (
        side < 0
        and j >= 3
        and tokens[j][0] in DELEGATES
        and tokens[j - 1][0] in ("its", "their")
        and tokens[j - 2][0] in ("or", "and")
        and tokens[j - 3][1]
    ):
        j -= 3  # "The Provider or its affiliate will provide": the party named, with whom it may send
    if side < 0 and 0 < j < len(tokens) and tokens[j][0] in _AGENTS and tokens[j - 1][1]:
        owner = tokens[j - 1]
        if owner[0].endswith(("'s", "’s")):
            # "C.S.'s counsel requested a bench trial": the party's lawyer acted, not the party
            return [frozenset(f"{tokens[j][0].removesuffix('s')} of {name}" for name in owner[1])]
    if side < 0 and 0 <= j < len(tokens) and not tokens[j][1]:
        j = _subject_elsewhere(tokens, j, verb=_verb_like(tokens[at][0]))
    if side < 0 and 0 <= j < len(tokens) and tokens[j][1]:
        j = _before_apposition(tokens, j)
    found: list[frozenset[str]] = []
    while 0 <= j < len(tokens) and tokens[j][1]:
        key = tokens[j][1]
        while 0 <= j < len(tokens) and tokens[j][1] == key:
            j += side  # the party's other words
        if found and side < 0 and j > 0 and tokens[j][0] in AFTER_GAP and tokens[j][0] != "by":
            # "The report is in English, and Calderon-Fuentes testified": a preposition's object is in no list of
            # those who act ("In 1998, Walter and Betty Huhn created": the year stands between, a token of its own)
            break
        found.append(key)
        if owners and side > 0 and j + 1 < len(tokens) and tokens[j][0] == "of" and tokens[j + 1][1]:
            j += 1
            continue
        if 0 <= j < len(tokens) and tokens[j][0] in LISTED:
            j += side
            if 0 <= j < len(tokens) and tokens[j][0] in LISTED:
                j += side  # ", and"
            if side > 0 and _opens_clause(tokens, j):
                break  # "drafted by Kingdom Ventures, and Yournetplus may review": a clause of its own
        elif side < 0 and j >= 2 and tokens[j][0] == "by" and tokens[j - 1][0] == "joined":
            j -= 2  # "JUSTICE BREYER, joined by JUSTICE GINSBURG and JUSTICE KAGAN, would have upheld"
        elif side < 0 and j >= 2 and tokens[j][0] == "by" and tokens[j - 1][0].endswith("ed") and len(found) == 1:
            # "Anne, still represented by Zetjian, moved for sanctions": the party after "by" belongs to the
            # phrase set in between; the one who moved stands before it.
            found.clear()
            j -= 2
            while j >= 0 and not tokens[j][1] and at - j <= 8 and tokens[j][0] not in LISTED:
                j -= 1
    return found


# Those a party may act through: "The Provider or its affiliate will provide the Services".
DELEGATES = frozenset(
    {"affiliate", "affiliates", "subsidiary", "subsidiaries", "designee", "designees", "agent", "agents"}
)


def _opens_clause(tokens: list[tuple[str, frozenset[str]]], j: int) -> bool:
    """Whether the party starting at ``j`` is the subject of a verb of its own ("and Yournetplus may review")."""
    if not (0 <= j < len(tokens) and tokens[j][1]):
        return False
    key = tokens[j][1]
    while j < len(tokens) and tokens[j][1] == key:
        j += 1
    return j < len(tokens) and tokens[j][0] in BEFORE_GAP


def _after_for(tokens: list[tuple[str, frozenset[str]]], j: int) -> bool:
    """Whether the party ending at ``j`` is the subject of an infinitive after "for" ("for Premier to assign")."""
    key = tokens[j][1]
    while j >= 0 and tokens[j][1] == key:
        j -= 1
    return j >= 0 and tokens[j][0] == "for"


def _before_apposition(tokens: list[tuple[str, frozenset[str]]], j: int) -> int:
    """Where the party ending at ``j`` is the owner in a phrase set beside another party ("Essex Bank, the wholly
    owned subsidiary of CBTC, shall merge"), the party that phrase describes; else ``j``."""
    k = j
    while k > 0 and tokens[k - 1][1] == tokens[j][1]:
        k -= 1
    if k < 2 or tokens[k - 1][0] != "of":
        return j
    m = k - 2
    while m > 0 and k - m <= 6 and not tokens[m][1] and tokens[m][0] not in LISTED and tokens[m][0] not in DETERMINERS:
        m -= 1
    if m > 0 and tokens[m][0] in DETERMINERS and tokens[m - 1][1] and tokens[m - 1][1] != tokens[j][1]:
        return m - 1
    return j


def unnamed_party(tokens: list[tuple[str, frozenset[str]]], at: int, side: int) -> bool:
    """Whether a pronoun stands where ``next_party`` reads the party of word ``at``, alone or in a list ("she
    said", "told him", "he and Mr. Banks summoned"): the sentence has a party there that it does not name."""
    gap = BEFORE_GAP if side < 0 else AFTER_GAP
    j = at + side
    while 0 <= j < len(tokens) and not tokens[j][1] and tokens[j][0] in gap and abs(j - at) <= 3:
        j += side
    if side < 0 and 0 <= j < len(tokens) and not tokens[j][1] and _subject_elsewhere(tokens, j) != j:
        return False  # "Sobel stated he had known Anne": "he" is Sobel
    while 0 <= j < len(tokens):
        if tokens[j][0] in PRONOUNS and not tokens[j][1]:
            return True
        if not tokens[j][1]:
            return False
        key = tokens[j][1]
        while 0 <= j < len(tokens) and tokens[j][1] == key:
            j += side
        if not (0 <= j < len(tokens) and tokens[j][0] in LISTED):
            return False
        j += side
    return False


# Verbs that report what a party says of itself: "Sobel stated he had known Anne since 1990".
_REPORTING = frozenset(
    {"stated", "said", "testified", "argued", "claimed", "contended", "asserted", "alleged", "explained", "admitted",
     "conceded", "acknowledged", "declared", "maintained", "insisted", "told"}
)  # fmt: skip
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
# Those who act for a party: "Sobel's attorney filed" is no act of Sobel's.
_AGENTS = frozenset({"counsel", "attorney", "attorneys", "lawyer", "lawyers"})


def _verb_like(word: str) -> bool:
    return bool(VERB_FORM.fullmatch(word)) or word in IRREGULAR_VERBS


def _subject_elsewhere(tokens: list[tuple[str, frozenset[str]]], j: int, verb: bool = True) -> int:
    """Where the party of a verb stands when the word before it is no party (``j``, walking back): the one a
    pronoun after a verb of saying stands for ("Sobel stated he had known"), or the subject of the verb before
    an "and" ("Jonathan joined the motion and asked for $6,720"); else ``j``."""
    word = tokens[j][0]
    if word == "who" and j >= 1 and tokens[j - 1][1]:
        return j - 1  # "it was Arthur who shot", "Lopez, who fled"
    k = j - 1 if word in _ADVERBS or (word.endswith("ly") and len(word) > 4) else j
    # a party with a description set beside it: "Mr. Banks, the other driver, likewise told her"
    for d in range(k, max(k - 4, 0) if verb else k, -1):
        if tokens[d][1] or tokens[d][0] in LISTED or tokens[d][0] in BEFORE_GAP:
            break
        if tokens[d][0] in ("the", "its", "his", "her", "their") and d >= 1 and tokens[d - 1][1]:
            # "Specifically, the Indictment charges": an adverb opening the sentence is no party
            return d - 1 if not tokens[d - 1][0].endswith("ly") else j
    if word in _SUBJECT_PRONOUNS and j >= 2:
        k = j - 1 - int(tokens[j - 1][0] == "that")
        if k >= 1 and tokens[k][0] in _REPORTING and tokens[k - 1][1]:
            return k - 1
    if word == "and" and verb:
        # the nearest party before it that no preposition governs, a few words back ("conservator and temporary
        # trustee" joins no verbs)
        k = j - 1
        while k >= 0 and j - k <= 6:
            if tokens[k][1]:
                first = k
                while first > 0 and tokens[first - 1][1] == tokens[k][1]:
                    first -= 1
                governed = first and not tokens[first - 1][1] and tokens[first - 1][0] in AFTER_GAP
                after = tokens[k + 1][0] if k + 1 < len(tokens) else ""
                acts = after not in PRONOUNS and (
                    bool(VERB_FORM.fullmatch(after)) or after in IRREGULAR_VERBS or after in BEFORE_GAP
                )
                if acts and not governed:
                    return k  # walking back, a party's last word comes first; a verb after it: its subject
                k = first - 1
                continue
            if tokens[k][0] in LISTED or tokens[k][0] in _SUBJECT_PRONOUNS:
                break
            k -= 1
    return j


_ADVERBS = frozenset({"likewise", "also", "similarly", "further", "then", "thereafter", "later", "again"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def passive(tokens: list[tuple[str, frozenset[str]]], at: int) -> bool:
    """Whether word ``at`` is a passive participle ("Balmert *was* evaluated", "a contract insured and
    administered *by* Reliance Standard"): the party before it is acted on, the one after "by" acts."""
    if tokens[at][0].endswith(("able", "ible")):
        return False  # "is appealable": an adjective, not a participle
    return (at > 0 and tokens[at - 1][0] in _BE) or agent_after(tokens, at)


def reduced_relative(tokens: list[tuple[str, frozenset[str]]], at: int) -> bool:
    """Whether word ``at`` is a participle set after a noun without "is" ("a Recall caused by the negligence of
    CAPSUGEL", "any Recall or seizure of any Product caused by"): the noun before it is whatever the phrase
    describes, no party of the verb."""
    return agent_after(tokens, at) and not (at > 0 and tokens[at - 1][0] in _BE)


def agent_after(tokens: list[tuple[str, frozenset[str]]], at: int) -> bool:
    """Whether a participle at ``at`` is followed by the one acting ("administered *by* Reliance Standard"); "may
    terminate by written notice" names a means, and "terminate" is no participle."""
    word = tokens[at][0]
    participle = word.endswith(("ed", "en", "wn")) or word in PARTICIPLES
    return participle and at + 1 < len(tokens) and tokens[at + 1][0] == "by"


# Verbs of a promise whose infinitive's act is the promising party's: "agrees to grant", "undertakes to keep".
AGREEING = frozenset({"agree", "agrees", "agreed", "undertake", "undertakes", "undertook", "covenants", "promises"})
# Participles without "-ed" or "-en": "paid by the employer", "held by the court".
PARTICIPLES = frozenset(
    {"paid", "held", "made", "sold", "sent", "kept", "found", "brought", "bought", "told", "set", "put"}
)


def same_party(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two parties share a name (a name misprinted by one letter is the same: "Kaen’s petition" in
    "deny Kaen’s petition" for Karen's), or one is the other's initials ("TCPA", "Telephone Consumer
    Protection Act")."""
    if mine & theirs:
        return True
    if any(len(a) >= 4 and len(b) >= 4 and one_letter_apart(a, b) for a in mine for b in theirs):
        return True
    short, long_ = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
    return len(short) == 1 and len(long_) >= 2 and {w[0] for w in long_} <= set(next(iter(short)))


def one_letter_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter dropped, added or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))
