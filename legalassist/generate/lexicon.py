"""The words and patterns the grounding judge reads (``legalassist.generate.grounding``): negations, antonyms,
conditions, roles, captions, recitals of a lower court's holding, names of laws, and answer formulas."""

from __future__ import annotations

import math
import re

QUESTION_WORDS = frozenset(
    ["how", "many", "much", "what", "which", "who", "whom", "whose", "when", "where", "why", "does", "do", "did",
     "is", "are", "was", "were", "can", "could", "be"]
)  # fmt: skip

# -- polarity ---------------------------------------------------------------------------------------
# "Lacks jurisdiction" is "does not have jurisdiction": it denies what follows it as "not" does.
NEGATION_WORDS = frozenset(
    {"not", "no", "never", "cannot", "nor", "neither", "nothing", "none", "lack", "lacks", "lacked", "lacking",
     # the same without their apostrophe, as text scraped from a web page or read by OCR has them ("wasnt delivered")
     "wasnt", "werent", "isnt", "arent", "dont", "doesnt", "didnt", "wont", "cant", "couldnt", "shouldnt", "wouldnt",
     "hasnt", "havent", "hadnt", "mustnt"}
)  # fmt: skip
NEGATION = re.compile(r"\b(?:" + "|".join(sorted(NEGATION_WORDS)) + r")\b|n't\b", re.IGNORECASE)
# A clause ends at punctuation or a word that starts another clause: a negation reaches no further.
CLAUSE = re.compile(
    r"[,;:()\[\]—–]|[.!?](?=\s|$)|\b(?:but|because|although|though|while|whereas|unless|except|since)\b"
    r"|\b(?:and|or)\s+that\b"  # "… are not subject to … and that the clause is not void": two clauses
    r"|\b(?:and|or)\s+(?=(?:there|it|he|she|they|we)\b)"  # "was never consummated and there was no …"
    # a second predicate: "were not frivolous and were warranted", "names no beneficiary and does not transfer"
    r"|\b(?:and|or)\s+(?=(?:is|are|was|were|does|do|did|has|have|had)\b)"
    # a second negation: "failed to object … and failed to request a hearing" (each "not …" once read) is two
    # denials, not a double negative
    r"|\b(?:and|or)\s+(?=(?:not|never)\b)"
    # "shall not be obligated to purchase any Shares and shall not be obligated to take any action": two denials
    r"|\b(?:and|or)\s+(?=(?:shall|will|may|must|can|could|would|should)\s+(?:not|never)\b)"
    # a consequence: "there is no final decision on the merits and thus … has no bearing" is two denials
    r"|\b(?:and\s+)?(?:thus|therefore|hence)\b"
    r"|\bif\b"  # "would not be refunded if the applicant chose not to close": a negation each
    r"|\b(?:and|or)\s+(?=only\b)"  # "shall not be due and only payable upon … receipt": the denial ends
    # a relative clause after a preposition: "no duty to pay an IP Cost for which it has not received prepayment"
    r"|\b(?:for|in|of|on|under|by|during)\s+which\b"
)
# "Prevents us from reaching the substance", "is enjoined from the unauthorized use": what follows "from" is
# denied as after "not". The polarity check reads these as "not …" (and "does not prevent … from" as plain).
KEPT_FROM = re.compile(
    r"\b(?:(?:prevent|preclud|prohibit|enjoin|forb[ia]d)\w*|bar(?:s|red|ring)|bar(?!\s+from\b))"
    r"\s+((?:[\w'’.-]+\s+){0,4}?)from\b",
    re.IGNORECASE,
)  # "the bar from which …" is a noun; "a temporary restraining order from …" is no denial
# "Declined to apply Randall", "had failed to provide any special justification": what follows "to" is denied.
# A sentence that opens with the gerund names a subject ("Failing to specify the evidence is a sufficient basis to
# deny the motion", as "the failure to specify …"), not a denial.
DECLINED_TO = re.compile(
    r"\b(?:declin(?:e|es|ed)|fail(?:s|ed)?|refus(?:e|es|ed)|(?<=\w )(?:declining|failing|refusing))\s+to\b"
    r"|\bunable\s+(?:for\s+any\s+reason\s+)?to\b",  # "is unable for any reason to provide the Services"
    re.IGNORECASE,
)
# "Not only", "not merely": a scope widened, not a denial.
_NOT_ONLY_WORDS = "only|just|merely|solely"
# Not a denial: "not only relevant, but reliable"; "did or did not have a mental state", "whether or not".
NOT_DENIED = re.compile(
    rf"\bnot\s+(?:{_NOT_ONLY_WORDS}|simply)\b"
    r"|\b(?P<aux>do|is|was|has|can|may|are|did|had|does|were|have|will|could|would|should|might)\s+or\s+(?:(?P=aux)\s+)?not\b"
    r"|\bwhether\s+or\s+not\b",
    re.IGNORECASE,
)
# A scope denied ("applies not only to scientific testimony"), set aside ("whether or not it is a consumer credit
# transaction", "regardless of") or limited ("only to", "applies only in the case of"), and the words it is about.
NOT_ONLY = re.compile(rf"\bnot\s+(?:{_NOT_ONLY_WORDS})\b", re.IGNORECASE)
ONLY = re.compile(r"(?<!\bnot )\b(?:only|solely|exclusively)\b", re.IGNORECASE)
SET_ASIDE = re.compile(r"\bwhether\s+or\s+not\b|\bregardless\s+of\b|\birrespective\s+of\b", re.IGNORECASE)
# One thing put in place of another: "a compulsory forward royalty in lieu of an injunction".
IN_PLACE_OF = re.compile(r"\b(?:in\s+lieu\s+of|instead\s+of|rather\s+than|in\s+place\s+of)\b", re.IGNORECASE)
# "Without reading Flores his Miranda rights": what follows is denied as after "not".
WITHOUT_DOING = re.compile(
    r"\bwithout\s+(?:(?:the\s+|any\s+)?need\s+to\s+|having\s+to\s+|being\s+required\s+to\s+|(?=[a-z]+ing\b))",
    re.IGNORECASE,
)
# A negated list of verbs: "may not introduce, use, or refer to": the negation reaches past the commas.
# "Neither party shall have the right to sell, assign, transfer or hypothecate": a right denied to each verb.
NEGATED_LIST = re.compile(
    # "shall not be eliminated, cancelled, or altered": a list of participles after "not be" too
    # "has no duty, liability or responsibility": a list of nouns after "no"
    r"(\b(?:not|never|no|(?:neither|no)\s+[a-z]+\s+(?:shall|will|may)\s+have\s+the\s+right\s+to)(?:\s+be)?\s+[a-z]+)"
    r"((?:,\s+[a-z]+){0,3}),?(\s+(?:or|and)\s+[a-z]+)",  # "shall not exclude or remove"
    re.IGNORECASE,
)
# "Bars a prisoner's federal civil action", "precluded recovery": what is barred is denied, as after "not" ("No
# federal civil action may be brought"), and "does not bar this Court's review" states the review. Read after
# KEPT_FROM, which takes "bars … from".
BARS = re.compile(
    r"\b(?:bars|barred|barring|precludes|precluded|precluding|(?<=not )(?:bar|preclude)|(?<=n't )(?:bar|preclude))"
    r"\s+(?=[a-z])(?!(?:from|of|and|or|to|by|for|in|on|at|with)\b)",
    re.IGNORECASE,
)
# An enumerator ("(i)", "(B)", "(2)") or a bracketed alteration ("Nothing in [the IDEA] shall …", "[n]o sooner")
# sits inside a clause: it ends none.
INSIDE_CLAUSE = re.compile(r"\((?:[ivx]{1,4}|[A-Za-z]|\d{1,2})\)|[\[\]]")
# A negation before one of these states who or what may, not a denial: "No action shall be maintained unless
# commenced within three years"; "No person except a natural born Citizen … shall be eligible".
EXCEPTING = frozenset({"unless", "except"})
# Formulas an answer opens with that state nothing: "No, ...", "The answer to this question is: ...",
# "The passage states that ..." ("No person shall ..." keeps its "No").
LEADING_ANSWER = re.compile(
    r"^\s*(?:(?:yes|no)\s*[,.;:!—–-]+\s*"
    r"|(?:the\s+)?answer(?:\s+to\s+(?:this|the|your)\s+question)?\s+is\s*:?\s*"
    r"|(?:the\s+)?(?:original\s+)?(?:passage|source|text|statute|court)s?\s+(?:also\s+)?(?:states?|says?|provides?|holds?)\s+that\s+)+",
    re.IGNORECASE,
)
# Word families where one denies the other, as stems of the keyword analyzer.
ANTONYMS = [
    ({"valid"}, {"invalid"}),
    ({"constitut"}, {"unconstitut"}),
    ({"permit", "permitt", "allow"}, {"prohibit", "forbid", "forbidden", "exclud"}),
    ({"affirm"}, {"revers"}),
    ({"enforc"}, {"unenforc"}),
    ({"guilti"}, {"innoc"}),
    ({"includ", "embrac"}, {"exclud"}),
    ({"consist", "compli"}, {"inconsist", "violat"}),
    ({"grant"}, {"deni", "refus", "dismiss"}),
    ({"admit", "admitt"}, {"deni"}),
    ({"retain", "keep", "kept"}, {"lose", "lost"}),
    # a Justice's writing: joining, concurring and a statement "respecting" a denial are not dissenting
    ({"agre", "concur", "concurr", "respect"}, {"dissent", "disagre"}),
    ({"accept", "adopt"}, {"reject"}),
    ({"support", "favor"}, {"oppos"}),  # a party's position on a motion ("in favor of Sobel's appointment")
    ({"temporari", "interim", "preliminari"}, {"perman"}),
    ({"unanim"}, {"divid", "split", "major"}),  # a vote: "a unanimous vote" against "a majority vote"
    ({"upheld", "uphold", "sustain"}, {"invalid", "invalidat", "struck", "strike"}),
    ({"surviv", "withstand", "withstood"}, {"fail"}),
    ({"within", "dure"}, {"after", "thereaft"}),  # not "before", which is also "came before the Court"
    ({"approv"}, {"deni", "reject", "disapprov"}),
    ({"confirm"}, {"dismiss", "reject", "deni"}),  # a plan, a nomination, an award
    ({"fix"}, {"variabl"}),  # a rate of interest
    ({"resign"}, {"fire"}),
    ({"bottom"}, {"top"}),  # of a sentencing range
    ({"narrow", "narrowli", "strictli"}, {"broad", "broadli", "liber", "loos", "loosli"}),  # "narrowly construed"
    ({"sit"}, {"stand"}),  # a job's demands
    ({"bench"}, {"juri"}),  # a trial's kind
    ({"increas", "intensifi"}, {"decreas", "reduc"}),
    ({"sustain"}, {"overrul"}),  # an objection
    ({"preserv"}, {"forfeit", "waiv"}),  # an issue for appeal
    ({"prevail"}, {"lose", "lost"}),  # a party
    ({"signific"}, {"modest", "insignific", "neglig"}),
    ({"prejudici"}, {"harmless"}),  # an error
    ({"agre"}, {"disput", "contest", "oppos"}),  # what the parties say of a fact or a request
    ({"fulli"}, {"partial", "partli"}),  # an award, a grant
    ({"accept"}, {"deni"}),  # a claim, by the employer or its insurer
    ({"similar"}, {"differ", "dissimilar"}),  # an account, a history
    ({"high"}, {"low"}),  # an angle, a state, a threshold
    ({"more"}, {"less", "fewer"}),  # "more restrictive provisions"
    ({"novel"}, {"settl"}),  # a method, a question of law ("well settled")
    ({"consent"}, {"oppos", "object"}),  # a party's position on a motion
    ({"common"}, {"rare", "uncommon", "unusu"}),  # a practice
    ({"encourag", "urg"}, {"forbid", "forbidden", "prohibit", "discourag"}),  # what a court's rules ask of counsel
    ({"retain", "keep", "kept"}, {"delet", "eras", "destroi", "purg"}),  # records, personal data
    ({"retain", "keep", "kept"}, {"return", "deliv"}),  # confidential information on termination
    ({"limit"}, {"indefinit", "perpetu"}),  # how long something is kept or lasts
    ({"visibl", "avail"}, {"hidden", "hide", "invis"}),  # what others can see of a user's data
    ({"public", "publicli"}, {"privat"}),  # a company "publicly traded", "privately held"
    ({"employee"}, {"contractor"}),  # whom a company engages: "an independent contractor"
    ({"give", "gave", "given"}, {"refus", "withheld", "withhold"}),  # consent, approval
    ({"surviv"}, {"end", "ceas"}),  # an obligation on termination
    ({"dollar"}, {"euro", "sterl", "yen", "yuan", "peso", "rupe"}),  # the currency of a payment
    ({"disclos"}, {"receiv", "recipi"}),  # the party to confidential information: "the disclosing Party"
]
# The units of a span of time, as quantities() gives them: "two days" is no "two months".
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
# Irregular pasts as the analyzer leaves them, with their verbs' terms: "declined to hold oral argument" denies "held
# oral argument".
BASE_FORMS = {
    "held": "hold", "found": "find", "made": "make", "took": "take", "gave": "give", "brought": "bring",
    "sought": "seek", "paid": "pai", "sold": "sell", "told": "tell", "heard": "hear", "sent": "send", "won": "win",
    "chose": "choos", "began": "begin", "wrote": "write", "kept": "keep", "met": "meet", "struck": "strike",
    "knew": "know", "saw": "see", "lost": "lose", "led": "lead", "left": "leav", "spent": "spend", "stood": "stand",
    # participles: "had often seen" is "saw"
    "seen": "see", "known": "know", "taken": "take", "given": "give", "written": "write", "chosen": "choos",
    "begun": "begin",
}  # fmt: skip
# Words for one act: a negation over one ("refused to let Brophy file") denies the others ("allowed Brophy to
# file").
SAME_ACT = [
    frozenset({"let", "allow", "permit", "permitt"}),
    frozenset({"present", "attend", "appear"}),
    frozenset({"offer", "introduc"}),  # evidence at trial
    frozenset({"notifi", "tell", "inform"}),  # a party told of something
    frozenset({"prior", "befor"}),  # "effective retroactively, but not prior to the effective date"
    # a duty: "will not be responsible for any losses", "shall not be obligated to", against "must cover"
    frozenset({"requir", "oblig", "obligat", "respons"}),
    frozenset({"liabl", "liabil"}),  # "no … liability … for the acts" against "is liable for the acts"
    frozenset({"waiv", "waiver"}),  # "shall be deemed a waiver of such right" against "does not waive"
]
# Words a contract uses for one thing, whichever it writes ("a pro rata portion of the Service Fee", "perform the
# Services"), as the analyzer leaves them.
SAME_THING = [
    frozenset({"part", "portion"}),
    frozenset({"perform", "provid"}),
]
# Verbs after "need not" that leave a question undecided ("We need not address whether …"), not a requirement denied.
UNDECIDED = frozenset({"address", "decide", "reach", "consider", "determine", "resolve", "discuss", "examine"})

# A sentence about what the passages shown do not hold ("No, the passage does not provide evidence of …"): the
# model declining in its own words. It is no claim about the law, so no passage can back it.
ABSENCE = re.compile(
    r"\b(?:passages?|sources?|excerpts?|context|text|documents?)\s+(?:provided\s+|given\s+|above\s+)?"
    r"(?:does|do|did)\s+not\s+(?:\w+\s+){0,2}?"
    r"(?:provide|mention|address|say|state|discuss|contain|include|specify|indicate|answer|give|support|describe|show|explain)\b",
    re.IGNORECASE,
)
# A saving clause ("except as otherwise herein expressly provided", "unless otherwise provided by law") keeps
# other provisions' exceptions; it is no condition a claim must repeat.
_SAVING = (
    r"(?!\s+(?:as\s+)?otherwise\s+(?:herein\s+|hereinafter\s+|expressly\s+)*"
    r"(?:provided|agreed|ordered|set\s+forth|stated|specified))"  # "unless otherwise expressly set forth herein"
)
CONDITION = re.compile(
    rf"\bonly\s+(?:if|when|where|to the extent)\b|\bunless\b{_SAVING}|\bexcept\b{_SAVING}|"
    # "provided that if, on the Outside Date, …, then the Outside Date shall be extended": a proviso with its own
    # "then" sets a rule of its own, not a condition of what came before
    r"\bprovided\s+that\b(?!\s*,?\s*if\b[^;]*?,\s*then\b)",
    re.I,
)
# What a statement is limited to: "requirements that apply only to state prisoners" (a condition, "only if", is
# CONDITION's).
ONLY_TO = re.compile(
    r"\bonly\s+(?:to|for|by|in|on|against|with|from|upon)\s+((?:(?:the|a|an)\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)", re.I
)
# A court named by its system: "a federal court", "an Oklahoma state court", "the state trial court".
FORUM = re.compile(r"\b(federal|state)\s+(?:(?:trial|district|appellate|habeas|post-?conviction)\s+)?courts?\b", re.I)
# One party alone ("Only Provider may assign"), and a right given to each side ("either party may assign").
ONLY_PARTY = re.compile(
    r"\b(?i:only)\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*\s+(?:may|can|shall|will|has|have)\b"
)
EITHER_PARTY = re.compile(r"\b(?:either|each|both)\s+(?:of\s+the\s+)?part(?:y|ies)\b", re.IGNORECASE)
# A negated infinitive after a noun of intent: "its intention not to renew" (no denial of the clause around it).
INTENDED_NOT = re.compile(
    r"\b(intention|intent|election|decision|desire|option|wish)\s+not\s+to\s+([a-z]+)", re.IGNORECASE
)
# An aside that lists examples, between commas: ", including but not limited to Licensee's Subscriber accounts,".
INCLUDING_ASIDE = re.compile(
    r",\s+including(?:,?\s+but\s+not\s+limited\s+to|,?\s+without\s+limitation,?)\s+[^,;:.()]{1,80},\s+", re.IGNORECASE
)
# A party's thing, by its capitalised name: "the Supplier's Confidential Information" (owner, the thing's first word).
POSSESSED = re.compile(r"\b([A-Z][\w&-]+)['’]s\s+([A-Z][\w-]+)")
# What a thing needs first: "may return Products only after receiving written authorization".
ONLY_AFTER = re.compile(
    r"\bonly\s+(?:after|upon|with|on)\s+([^.;,]{1,60})"
    # "may not transfer the license … unless such transfer is mutually agreed upon by the Parties"
    r"|\b(?:not|never)\b[^.;]{0,80}?\bunless\s+([^.;,]{1,60})",
    re.IGNORECASE,
)
# "any Licensee Content or other content not supplied by VOTOCAST": a participle denied, no denial of the clause.
# ("were not warranted by existing law" is a denial: the word before "not" is a verb's)
NOT_PARTICIPLE = re.compile(r"\b([a-z]+)\s+not\s+(?=[a-z]+ed\s+by\b)", re.IGNORECASE)
# A county by its name: "in Mercer County", "IN FULTON COUNTY" (the word before "County", whatever its case).
COUNTY = re.compile(r"\b([A-Za-z][A-Za-z'’-]+)\s+count(?:y|ies)\b", re.IGNORECASE)
NOT_A_COUNTY = frozenset(
    {"the", "any", "such", "each", "said", "which", "that", "this", "same", "other", "one", "in", "of"}
)
# A list's enumerator: "(1)", "(b)", "(ii)".
ENUMERATOR = re.compile(r"\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)")
# A claim that there is one of a kind: "only one interpretation", "a single claim".
ONE_OF_A_KIND = re.compile(r"\b(?:only|just)\s+one\s+([\w'’-]+)|\ba\s+single\s+([\w'’-]+)", re.IGNORECASE)
# The order a party appeals from, whose own disposition a claim may tell: "appeals an order granting judgment on
# the pleadings and dismissing his petition".
APPEALED_ORDER = re.compile(
    r"\bappeal(?:s|ed|ing)?\s+(?:from\s+)?(?:an?|the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:order|judgment|decision|ruling)\b",
    re.IGNORECASE,
)
# A pronoun opening a sentence, after a word that orders the points ("First, he contends …"), and the name that
# opens a sentence before a verb ("Romersa appeals on three grounds"), which such a pronoun stands for.
LEADING_PRONOUN = re.compile(
    r"\s*((?:(?:First|Second|Third|Fourth|Fifth|Next|Finally|Lastly|Then|Also|Further|Moreover|Additionally),\s+)?)"
    r"(he|she|they|He|She|They)\b"
)
SUBJECT = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s+(?:[a-z]+ly\s+)?[a-z]+(?:s|ed)\b")
# A clause or sentence ending right before a recital ("Following a hearing at which the employer did not appear, the
# trial court found …"; "… et seq.1  C.S. contends …"): what comes before it is not what the recital reports.
OPENING_CLAUSE = re.compile(r"[,;.][\s\d]*(?:the\s+)?$", re.IGNORECASE)
# A claim that speaks of a question rather than answering it: "Whether a party is an interested person is
# reviewed for abuse of discretion", "The Court declined to reach whether …".
SPEAKS_OF_QUESTION = re.compile(r"\bwhether\b", re.IGNORECASE)
# "with or without cause": either way, so neither side of it is stated.
WITH_OR_WITHOUT = re.compile(r"\bwith\s+or\s+without\b|\bwithout\s+or\s+with\b", re.IGNORECASE)
# Where the words after "with" or "without" end: "without the prior written consent | of Tyler".
WITH_ENDS = frozenset(
    {"of", "to", "on", "for", "in", "by", "or", "and", "that", "which", "from", "at", "as", "than", "upon", "after", "within",
     "if", "unless", "until"}  # "without cause upon written notice"
)  # fmt: skip
# Who bears a cost. A name: capitalised words ("STAAR", "Aduro", "the Distributor"), in the match's one group; "its":
# "at its own expense", whose party is the clause's subject (SUBJECT_BEFORE).
_PAYER = r"([A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3})"
_BURDEN = r"(?:costs?|expenses?|taxes|duties|fees|charges)"
PAYS = re.compile(
    r"\b(?i:at)\s+" + _PAYER + r"(?:’s|'s)\s+(?:sole\s+|own\s+)?(?:(?:request|risk|cost)\s+and\s+)?(?:cost|expense)\b"
    r"|\bat\s+the\s+(?:sole\s+)?(?:cost|expense)(?:\s+and\s+(?:risk|expense|cost))?\s+of\s+(?:the\s+)?"
    + _PAYER
    + r"|\b(?:sole\s+)?responsibility\s+of\s+(?:the\s+)?"
    + _PAYER
    + r"|(?:"
    + _PAYER
    + r"|\b(?P<it>it))\s+(?:(?:shall|will|must|agrees\s+to)\s+)?(?:pays?|bears?|reimburses?)\s+"
    # "reimburse Licensor for all reasonable travel, lodging and meal expenses": whom aside, what is paid; "pay to the
    # Consultant all reasonable expenses", "reimburses the Company's expenses"
    r"(?:[A-Z][\w&’'-]*\s+|to\s+(?:the\s+)?[A-Z][\w&’'-]*\s+)?(?:and\s+be\s+responsible\s+for\s+(?:the\s+payment\s+of\s+)?)?"
    r"(?:for\s+)?(?:all\s+|any\s+)?(?:the\s+|such\s+)?(?:[A-Z][\w&-]*['’]s\s+)?(?:[a-z,]+\s+){0,6}" + _BURDEN + r"\b"
    r"|\bat\s+(?P<its>its)\s+(?:own\s+)?(?:sole\s+)?(?:cost|expense)\b"
    # "The Association pays for the … insurance": paying for a thing is bearing its cost
    r"|" + _PAYER + r"\s+(?:(?:shall|will|must)\s+)?pays?\s+for\b"
    # "(with the Company to pay the reasonable costs of doing so)"
    r"|\bwith\s+(?:the\s+)?"
    + _PAYER
    + r"\s+to\s+(?:pay|bear)\s+(?:the\s+|all\s+|any\s+)?(?:[a-z,]+\s+){0,4}"
    + _BURDEN
    + r"\b"
)
# Who owns a thing: "Aduro shall be the sole and exclusive owner of", "Company … shall be the sole and exclusive
# owner of all materials", "The Consultant remains the owner of", "The Association owns".
OWNS = re.compile(
    r"([A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3})\s+(?:(?:shall|will|must)\s+)?"
    r"(?:(?:at\s+all\s+times\s+)?retain\s+[^.;]{0,90}?\s+and\s+(?:(?:shall|will|must)\s+)?)?"
    r"(?:(?:be|is|remains?|are)\s+(?:the\s+)?(?:sole\s+(?:and\s+exclusive\s+)?|exclusive\s+)?owners?\s+of|owns?)\b"
)
# The subject of a clause before "its" or "it": "STAAR may store the Products at its own expense", "Distributor shall, …".
SUBJECT_BEFORE = re.compile(r"\b([A-Z][\w&’'-]*)\s*,?\s+(?:shall|will|must|may|agrees|is|bears|pays)\b")
# Capitalised words that open a clause or name a thing, not a party who pays or owns.
NOT_A_PARTY = frozenset(
    {
        "the",
        "this",
        "such",
        "any",
        "each",
        "all",
        "if",
        "when",
        "upon",
        "products",
        "product",
        "agreement",
        "services",
        "section",
        "at",
        "in",
        "on",
        "for",
        "as",
        "it",
    }
)
# "Prices are exclusive of … VAT": excluding it, not a sole thing ("the exclusive remedy").
EXCLUSIVE_OF = re.compile(r"\b(ex|in)clusive\s+of\b", re.IGNORECASE)
# A word between a negation and the verb it denies: "shall not thereafter use", "shall not be held liable".
NOT_A_HEAD = frozenset({"thereaft", "hereaft", "then", "also", "ever", "abl"})  # "shall not be able to terminate"
PASSIVE_NOT_A_HEAD = frozenset({"held", "deemed", "considered", "construed"})  # after "be": "not be held liable"
# What a claim says is free ("free of charge", "at no cost", "no notice") is "without" it; a source's "free of charge"
# and "at no cost" too (FREE_OF_SOURCE: a source's "no" is left to the negation checks).
FREE_OF = re.compile(r"\b(?:free\s+of|at\s+no(?!\s+time)|no)\b", re.IGNORECASE)  # "at no time" is never
FREE_OF_SOURCE = re.compile(r"\b(?:free\s+of|at\s+no(?!\s+time))\b", re.IGNORECASE)
# "Without" in phrases that deny nothing a claim could state: "including without limitation", "without regard to".
WITHOUT_IDIOMS = frozenset({"limit", "limitat", "regard", "necess", "necessit", "duplic", "further"})
# "In no event shall NIC be obligated to pay": a negation whose subject follows its modal.
NO_EVENT = frozenset({"event", "events", "circumstance", "circumstances", "case", "time"})
# Words of a subject named by its role rather than its name ("shall either party", "shall such Party").
SUBJECT_WORDS = frozenset({"party", "parties", "either", "each", "such"})
# A sentence that goes on about what the one before named: "Such documents are not relevant …".
ANAPHOR = re.compile(r"\s*(?:Such|These|Those|This|That|It|They)\b")
# One of many against the only one: "named Guess as one of several beneficiaries" against "… sole beneficiary".
ONE_OF_MANY = re.compile(
    r"\bone\s+of\s+(?:several|many|multiple|various|numerous|two|three|four|five|six)\s+([\w'’-]+)", re.IGNORECASE
)
SOLE = re.compile(r"\b(?:sole|exclusive)\s+([\w'’-]+)", re.IGNORECASE)
# Kinship: "Julie's son" is not "Julie's brother". Words for any kin ("parent", "child", "relative") are left
# out: they name a son as well as a mother.
KIN = frozenset(
    {"son", "daughter", "brother", "sister", "mother", "father", "wife", "husband", "stepfather", "stepmother",
     "stepson", "stepdaughter", "grandmother", "grandfather", "grandson", "granddaughter", "aunt", "uncle", "niece",
     "nephew", "cousin", "widow", "widower", "fiancé", "fiancée", "girlfriend", "boyfriend"}
)  # fmt: skip
KIN_OF = re.compile(r"\b([A-Z][\w.-]*)[’']s\s+(" + "|".join(sorted(KIN)) + r")s?\b")
KIN_AFTER = re.compile(r"\b([a-z]+)\s+(her|his|their)\s+(" + "|".join(sorted(KIN)) + r")s?\b", re.IGNORECASE)
# The parties in a caption, each over its role: "DEBRA GUESS,\nPetitioner and Respondent,\nv.\nJOSEPH ROMERSA,\n
# Objector and Appellant."
CAPTION_ROLE_WORDS = r"(?:[Pp]laintiff|[Dd]efendant|[Pp]etitioner|[Rr]espondent|[Aa]ppellant|[Aa]ppellee|[Oo]bjector)s?"
CAPTION_PARTY = re.compile(
    r"^[ \t]*([A-Z][A-Z.,&'’ -]{2,80}?),?(?:[ \t]+(?:et al\.|as\b[^\n]{0,40}(?:\n[^\n]{0,40}?(?:etc\.|et al\.)[^\n]{0,10})?))?"
    r",?[ \t]*\n(?:[ \t]*\n)*[ \t]*"
    r"(" + CAPTION_ROLE_WORDS + r"(?:(?:,?[ \t]+and[ \t]+|[ \t]*[-–,][ \t]*|[ \t]+)" + CAPTION_ROLE_WORDS + r")*)",
    re.MULTILINE,
)
# Two things a statement covers together ("repayment to both secured and unsecured creditors").
BOTH = re.compile(r"\bboth\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+and\s+([\w'’-]+)", re.IGNORECASE)
# Words too common in legal prose to say what a claim is about (a negation over "shall" says nothing).
WEAK = frozenset(
    [
        "shall", "must", "may", "might", "would", "could", "should", "will", "can", "under", "upon", "such", "any",
        "all", "been", "has", "have", "had", "do", "does", "did", "there", "which", "who", "whom", "also", "only",
        "this", "that", "these", "those", "its", "their", "his", "her",
    ]
)  # fmt: skip

ROLES = [
    ("plaintiff", "defendant"),
    ("petitioner", "respondent"),
    ("appellant", "appellee"),
    ("employer", "employee"),
    ("landlord", "tenant"),
    ("buyer", "seller"),
    ("licensor", "licensee"),
    ("lessor", "lessee"),
    ("creditor", "debtor"),
    # a contract's parties named by their roles
    ("grantor", "grantee"),
    ("franchisor", "franchisee"),
    ("assignor", "assignee"),
    ("mortgagor", "mortgagee"),
]
# Other words for a role: "an injured worker" is the employee.
ROLE_ALIASES = {"worker": "employee", "workman": "employee", "employe": "employee"}
# Words that may stand between a verb and the party after it ("granted summary judgment *to the* plaintiff",
# "in favor *of* respondents"), and between the party before it and the verb ("Nevils *was* injured").
AFTER_GAP = frozenset({"to", "of", "the", "a", "an", "in", "for", "on", "against", "with", "from", "by"})
BEFORE_GAP = frozenset(
    {"is", "was", "were", "are", "has", "had", "have", "did", "does", "then", "also", "would", "will", "shall", "may",
     "must", "can", "could", "should", "having", "hereby"}
)  # fmt: skip
# Words a comparison or relation puts between its two sides ("chance predominates *over* skill"), skipped when
# the sides of a verb are compared.
SIDE_GAP = AFTER_GAP | BEFORE_GAP | {"over", "than", "that", "it", "its"}
# Prepositions and the like, whose swap ("about" for "regarding") says the same.
FUNCTION_WORDS = frozenset(
    {"about", "regarding", "concerning", "respecting", "toward", "towards", "into", "onto", "upon", "within", "without",
     "between", "among", "through", "throughout", "during", "before", "after", "pursuant", "per", "via", "each",
     "every", "other", "another", "some", "many", "much", "more", "most", "several", "certain", "same", "such",
     "because", "due", "owing", "since", "although", "though", "whereas", "while", "unless", "until", "thus"}
)  # fmt: skip
VERB_FORM = re.compile(r"[a-z]+(?:[^s\W]s|ed)")  # "predominates", "sued"; not "Court", "process"
# A word and its opposite made with a prefix ("eligible" / "ineligible", "capable" / "incapable", "lawful" /
# "unlawful", "successfully" / "unsuccessfully"): an adjective's endings, so that "form" / "inform" is none.
# Prefixes that make a word its opposite ("exclusive", "non-exclusive"; "eligible", "ineligible").
OPPOSITE_PREFIXES = ("in", "im", "il", "ir", "un", "non", "dis")
PREFIXED_OPPOSITE = re.compile(
    "("
    + "|".join(OPPOSITE_PREFIXES)
    + r")-?([a-z]{3,}(?:ble|bly|ent|ant|al|ive|ate|ful|ous|ary)(?:ly)?|likely|timely|able|proper)"
    r"|(un)-?([a-z]{3,}ed)"  # a participle only with "un": "undisputed" / "disputed", not "discovered" / "covered"
)
# Words after a negation that carry no predicate of their own: "is not *required* to preserve" denies "preserve".
NOT_A_PREDICATE = frozenset({"requir", "oblig", "obligat", "need", "longer"})  # "is no longer Indian country"
REQUIRING = NOT_A_PREDICATE - {"longer"}  # what a negation denies is required ("need not", "not required to")
DETERMINERS = frozenset({"the", "a", "an", "any", "her", "his", "its", "their", "our", "my", "your"})
# Words between the parties of a list ("Justice Breyer and Justice Kagan", "SCA, First Quality, and ...").
LISTED = frozenset({"and", "or", "&"})
# A party named by its role in a proceeding that has no counterpart among ROLES: "the garnishee".
ROLE_WORDS = frozenset(w for pair in ROLES for w in pair) | {"garnishee"}
# Past tenses without "-ed" (a verb put for another is a paraphrase, not a changed fact).
IRREGULAR_VERBS = frozenset({
    "said", "held", "found", "took", "wrote", "gave", "made", "told", "brought", "sought", "began", "ran", "led",
    "won", "lost", "met", "saw", "thought", "knew", "kept", "left", "put", "set", "sent", "spent", "stood",
    "struck", "sold", "paid", "read", "heard", "meant", "chose", "did", "got", "went", "came", "became",
    "make", "render", "cause",  # base forms a paraphrase swaps ("make performance impossible", "render …")
})  # fmt: skip
# Words a sentence uses for a party it named before: a claim that names the party there restates it.
PRONOUNS = frozenset({
    "he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "theirs", "we", "us", "our",
    "i", "me", "my",
})  # fmt: skip

# A quotation inside a text: someone else's words ("stating … that “… the case is dismissed.”").
QUOTATION = re.compile(r"“[^”]{0,600}”|\"[^\"]{0,600}\"")
# A noun made from a verb ("resignation", "settlement", "performance").
NOMINAL = re.compile(r"(?:ion|ment|ance|ence)s?$")
# The standards an appellate court reviews by: one named where the source names another is a contradiction.
# And the standards a fact is found by ("by clear and convincing evidence").
STANDARD_OF_REVIEW = re.compile(
    r"\b(?:(de\s+novo)|(abuse\s+of\s+(?:its\s+|his\s+|her\s+)?discretion)|(clear(?:ly)?\s+error|clearly\s+erroneous)"
    r"|(substantial\s+evidence)|(plain\s+error)|(arbitrary\s+(?:and|or)\s+capricious)"
    r"|(preponderance\s+of\s+(?:the\s+)?evidence)|(clear\s+and\s+convincing)|(beyond\s+(?:a|any)\s+reasonable\s+doubt))\b",
    re.IGNORECASE,
)
STANDARD_NAMES = ("de novo", "abuse of discretion", "clear error", "substantial evidence", "plain error",
                  "arbitrary and capricious", "a preponderance of the evidence", "clear and convincing evidence",
                  "proof beyond a reasonable doubt")  # fmt: skip

# Capitalised words that open a sentence or clause and name no party ("When Coventry was injured").
LEADS = frozenset(
    {"when", "after", "before", "because", "although", "if", "while", "since", "in", "on", "at", "the", "a", "an",
     "four", "three", "two", "one", "five", "six", "then", "as", "for", "by", "under", "once", "but", "and",
     # a contract's openers: "During the term … the Parties shall", "Upon termination, Reseller shall"
     "during", "upon", "following", "notwithstanding", "within", "until", "unless", "except", "whereas", "pursuant",
     "subject", "prior"}
)  # fmt: skip

# A disposition: what a claim says the court did, and what a court says it does, in its own voice ("we
# reverse", "The judgment … is affirmed", "AFFIRMED"). Reversing and vacating are one kind here.
CLAIMED_DISPOSITION = re.compile(
    r"\b(affirm|revers|vacat|dismiss)(?:ed|es|ing|s)\b", re.IGNORECASE
)  # "reverse discrimination" is none
COURT_DISPOSITION = re.compile(
    r"\b(?:we|We|WE)\s+(?:now\s+|therefore\s+|accordingly\s+)?(affirm|reverse|vacate|dismiss|AFFIRM|REVERSE|VACATE|DISMISS)\b"
    r"|\b(?:is|are)\s+(?:hereby\s+|accordingly,?\s+|therefore,?\s+)?(affirmed|reversed|vacated|dismissed)\b"
    r"|\b(AFFIRMED|REVERSED|VACATED|DISMISSED)\b"
)
DISPOSITION_KIND = {
    "affi": "affirmed", "reve": "reversed or vacated", "vaca": "reversed or vacated", "dism": "dismissed"
}  # fmt: skip
# The words any text that states a disposition of that kind uses ("upheld" is an affirmance, "set aside" a vacatur).
DISPOSITION_SAID = {
    "affirmed": re.compile(r"\b(?:affirm|uph[eo]ld)", re.IGNORECASE),
    "reversed or vacated": re.compile(r"\b(?:revers|vacat|overturn|overrul|set\s+aside)", re.IGNORECASE),
    "dismissed": re.compile(r"\bdismiss", re.IGNORECASE),
}
# The court a claim names right before its disposition verb ("The Fourth Circuit affirmed", "the Court of
# Appeals summarily reversed").
ACTOR = re.compile(r"((?:[A-Z][\w.'’-]*\s+(?:of\s+|for\s+the\s+)?)*[A-Z][\w.'’-]*)\s+(?:[a-z]+ly\s+)?$")
LOWER_COURT = re.compile(
    r"Court of Appeals|District Court|trial court|court below|panel|Circuit|Supreme Court of \w+"
    r"|(?-i:\b[A-Z][a-z]+\s+Supreme\s+Court)",  # "the Washington Supreme Court", "the State Supreme Court"
    re.I,
)

# A claim whose actor is a lower court ("The trial court imposed a conservatorship"): it tells what that court did.
LOWER_COURT_ACTS = re.compile(
    r"^\W*(?:[A-Z][\w,]*\s+){0,4}?(?:[Tt]he\s+)(?:trial|district|probate|juvenile|bankruptcy|superior)\s+court\s+"
    r"(?:[a-z]+ly\s+)?[a-z]+ed\b"
)
CAPTION_LEAD = frozenset({"In", "The", "See", "Under", "And", "But", "Cf.", "Also", "As", "Unlike", "Like"})
CAPTION = re.compile(r"\b([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s+v\.\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")

# A party's argument, which a court reports: by its role, or by its name ("Bartenwerfer argues that ...").
_A_PARTY = (
    r"\b(?:[Pp]etitioners?|[Rr]espondents?|[Aa]ppellants?|[Aa]ppellees?|[Pp]laintiffs?|[Dd]efendants?|the\s+Government"
    r"|the\s+State|the\s+dissent|(?!Court\b)[A-Z][a-z]{2,}|(?:[A-Z]\.){2,3})\s+(?:also\s+)?"
)
_ARGUES = (
    r"argues?|argued|contends?|contended|asserts?|asserted|urges?|urged|insists?|insisted"
    # not a duty to keep something ("Grantee shall … maintain at least one business office")
    r"|maintains?(?!\s+(?:at\s+least|an?|its|their|all|such|records?|insurance)\b)|maintained"
    # "claims" only of what is said ("Smith claims that …"), not a noun ("Eighth Amendment claims") or a claim made
    # for money ("claimed deductions")
    r"|claims?(?=\s+(?:that|his|her|their|its|the|he|she|they|it)\b)|claimed(?!\s+(?:a|an|the|\$|\d|deductions?|losses|benefits?|damages|exemptions?|credits?)\b)"
    r"|suggests?|suggested"
)
# A party's argument, by its role or name, or by a pronoun that argues ("Second, he argues the probate court lacked
# jurisdiction"); a pronoun that "claimed" or "maintained" something ("the loss deductions he claimed") argues
# nothing.
ARGUED = re.compile(
    _A_PARTY + r"(?:" + _ARGUES + r")\b"
    r"|\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:also\s+)?(?:argues?|argued|contends?|contended|asserts?|asserted|urges?|urged)\b"
)
# A claim that says who said it ("Vinton said the briefcase did not belong to him") is backed by the passage's
# report of what that party said or argued.
SAID_BY = re.compile(
    _A_PARTY + r"(?:" + _ARGUES + r"|said|says|stated|states|told|tells|explained|explains|responded|testified"
    r"|admit|admitted|admits|concede|conceded|concedes|alleges|alleged)\b"
)
# What a lower court held or a party argued, reported by the court that decides: not its holding.
# "court" in lower case is a lower court in an appellate opinion ("the court determined"); the deciding
# court calls itself "the Court" / "this Court", which is left out.
RECITAL = re.compile(
    r"\b[Tt]he\s+court(?:s)?\s+(?:below|determined|concluded|reasoned|found|held|ruled|decided|believed|thought)\b"
    r"|\b(?:court\s+below|courts\s+below|lower\s+courts?|trial\s+court|panel)\b[^.;]{0,40}\b(?:held|determined|concluded|reasoned|found|ruled|affirmed|reversed)\b"
    r"(?!\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:trial|hearing|conference)s?\b)"  # "held the bench trial": no holding
    r"|\b(?:[A-Z][a-z]+\s+){1,3}(?:Supreme\s+Court|Court\s+of\s+Appeals|Circuit|District\s+Court)\b(?<!United States Supreme Court)"
    r"[^.;]{0,40}\b(?:held|determined|concluded|reasoned|ruled|found|agreed|decided|affirmed|reversed)\b"
    r"|"
    + ARGUED.pattern
    + r"|\b[Aa]ccording\s+to\s+(?:the\s+)?(?:court|[Pp]etitioners?|[Rr]espondents?|the\s+Government|the\s+State|the\s+dissent)\b"
)


# A word hyphenated over a line end in the page text ("unneces-\nsary"; "unneces- sary" once whitespace is
# collapsed): read whole, as the keyword index reads it.
# ("non\u2010 exclusive": a Unicode hyphen, as some filings print it, with a space after it)
LINE_HYPHEN = re.compile(r"(?<=[a-z])[-\u00ad\u2010\u2011][ \t]*\n?[ \t]*(?=[a-z])")
# A hyphenated name or compound broken over a line end ("Mr. Calderon-\nFuentes", "FAA-\napproved"): one word, its
# hyphen kept.
NAME_HYPHEN = re.compile(r"(?<=[A-Z])-[ \t]*\n[ \t]*(?=[A-Za-z])|(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[A-Z][a-z])")


def denied_terms(windows: list[set[str]], heads: list[set[str]], plain: set[str], negated: set[str]) -> set[str]:
    """The words of the first negation in ``windows`` (one text) that the other text states plainly
    (``plain``, not ``negated``): its predicate (or a word for the same act) among them and at least half of
    what it governs."""
    for window, head in zip(windows, heads, strict=True):
        hit = window & plain - negated
        acts = set().union(head, *(same for same in SAME_ACT if head & same))
        hit |= acts & plain - negated
        # a negated list of verbs ("NOT disclose, share, publish or utilize") is one predicate: the verbs not named
        # by the other text do not count against it
        governed = window - (head - hit) if len(head) > 1 else window
        if stems(acts) & stems(plain) and len(hit) >= max(1, math.ceil(0.5 * len(governed))) and not window & negated:
            return hit
    return set()


def stems(terms: set[str]) -> set[str]:
    """Terms cut to five letters: the analyzer stems "demonstrate" and "demonstrated" apart; an irregular past
    ("held") also as its verb ("hold")."""
    return {t[:5] for t in terms} | {BASE_FORMS[t][:5] for t in terms if t in BASE_FORMS}


def joined_lines(text: str) -> str:
    return NAME_HYPHEN.sub("-", LINE_HYPHEN.sub("", text))


def is_formula(text: str) -> bool:
    """Whether ``text`` is only an answer's formula ("Yes.", "The answer is no.") and states nothing."""
    return not re.sub(r"[\W_]+", "", LEADING_ANSWER.sub("", text))


def first_of(text: str, a: str, b: str) -> str:
    """Which of two role words ``text`` names first."""
    low = text.lower()
    return a if low.find(a) < low.find(b) else b


# A name: a capitalised word, or a company's letters ("NIC"); not a roman numeral, a company's suffix, nor the short
# name of an Act or an Agreement ("FELA", "NDA"), which a statute's or a contract's own text seldom spells.
PROPER = re.compile(r"\b[A-Z][a-z]{2,}\b|\b(?!(?:[IVXLC]+|US|LLC|INC|LTD|LLP|[A-Z]+A)\b)[A-Z]{2,6}\b")
# A named law or instrument: "the Copyright Act", "Fourteenth Amendment", "Due Process Clause".
LAW_NAME = re.compile(r"\b((?:[A-Z][A-Za-z.’'-]*\s+){1,6}(?:Act|Amendment|Clause|Convention|Compact|Rule))\b")
# Capitalised words of legal prose that name no particular party or place.
COMMON_CAPITALISED = frozenset(
    [
        "the", "this", "that", "these", "those", "there", "then", "thus", "however", "under", "court", "courts",
        "state", "states", "united", "congress", "constitution", "act", "acts", "amendment", "amendments", "clause",
        "section", "sections", "title", "code", "federal", "supreme", "president", "senate", "house", "government",
        "circuit", "district", "justice", "justices", "rule", "rules", "article", "articles", "chief", "judge",
        "representatives", "senator", "senators", "representative", "county", "counsel", "petitioner", "petitioners", "respondent",
        "respondents", "plaintiff", "defendant", "appellant", "appellee", "commission", "secretary", "attorney",
        "general", "office", "law", "laws", "statute", "statutes", "answer", "question", "passage", "source", "yes",
        "no", "in", "on", "of", "for", "and", "or", "but", "if", "when", "where", "which", "who", "what", "why", "how",
        "it", "its", "his", "her", "their", "they", "we", "our", "you", "a", "an", "as", "at", "by", "to", "from",
        "with", "without", "after", "before", "because", "although", "while", "also", "each", "every", "any", "all",
        "some", "no", "not", "nor", "neither", "both", "either", "such", "other", "another",
        # words that open a sentence: "Only a natural born citizen is eligible" names no one called Only
        "only", "one", "none", "nothing", "most", "many", "more", "whether", "unless", "once", "since", "until",
        "upon", "within", "here", "therefore", "hence", "accordingly", "moreover", "furthermore", "instead",
        "rather", "even", "whoever", "whatever", "anyone", "everyone",
        # a date is no party ("After the August 4 hearing" against "At the July 25 hearing"); the date checks read it
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
        # a title before a name: "Mr. Hill" and "Mr. Banks" are not one party
        "mr", "mrs", "ms", "messrs", "dr", "hon", "honorable",
        # a citation signal ("Id. at 4") and a paper of the case named as a defined term ("the Indictment charges")
        "id", "except", "indictment", "complaint",
        # a contract's defined party ("the Receiving Party", "the Disclosing Party"): the word before names it
        "party", "parties",
    ]
)  # fmt: skip
WHETHER = re.compile(
    r"\b(?:resolv\w*|decid\w*|determin\w*|consider\w*|question\w*|issue|ask\w*|address\w*|certiorari)\b"
    r"[^.;]{0,40}\bwhether\b",
    re.IGNORECASE,
)


# -- the grounding judge's patterns for enumerated rulings, weighings and record citations --------------------
# An enumerated list's markers: "the Court: (1) GRANTS …, (2) DENIES …", "admissible only if: (1) …; (2) …".
LIST_MARK = re.compile(r"(?<![\w)])\((\d{1,2}|[a-z])\)\s")
# A record citation's abbreviation ends no sentence: "filed two motions in limine, dkts. 48, 50; and defendant filed
# eight", "Decl. of Dana Paul Sellars", "Opp. to Def. MIL 1 at 4". Read by the judge only: in the chunker's list of
# abbreviations it would move the passages of libraries already imported and the answer adapter's training data.
RECORD_CITE_END = re.compile(r"\b(?:[Dd]kts?|Exhs?|Exs?|Opp|Decl|Def|Pl|Mot|Br|Tr|Supp)\.\s*$")
# A weighing, active ("probative value substantially outweighs its prejudicial effect") or passive ("is
# substantially outweighed by a danger of unfair prejudice").
OUTWEIGH = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|being)\s+)?(?:[a-z]+ly\s+)?outweigh(?:s|ed|ing)?(?:\s+by\b)?", re.I
)
# Words on either side of a weighing that do not say which thing is weighed.
WEIGHING_WORDS = frozenset({"valu", "effect", "impact", "danger", "risk", "substanti", "clearli", "greatli"})
# Verbs that begin a predicate.
AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had", "shall", "may", "can", "will", "would",
                         "could", "should", "must", "did", "does", "do"})  # fmt: skip
# What a court does with a motion or a judgment.
RULINGS = frozenset({"grant", "deni", "dismiss", "affirm", "revers", "sustain", "overrul", "vacat", "remand"})
# Words beside a standard of review that do not say what it reviews.
REVIEW_WORDS = frozenset({"review", "court", "district", "bankruptci", "appel", "its", "for", "under"})
# The parties a number may be put with by what comes before it: the roles, and the government that prosecutes.
ACTOR_WORDS = ROLE_WORDS | {"government", "prosecution", "prosecutor"}
# A bound put on a number: "at least two days" is a floor, "at most two days" a ceiling. Group 1: a floor's words,
# group 2: a ceiling's, group 3: the number bounded.
_FLOOR = (
    r"at\s+least|(?:no|not)\s+(?:less|fewer)\s+than|(?<!\bno\s)(?<!\bnot\s)more\s+than|(?:a\s+)?minimum\s+of"
    r"|(?:no|not)\s+earlier\s+than|on\s+or\s+after"  # a date
)
_CEILING = (
    r"at\s+most|(?:no|not)\s+more\s+than|(?<!\bno\s)(?<!\bnot\s)(?:less|fewer)\s+than|up\s+to|(?:a\s+)?maximum\s+of"
    r"|not\s+to\s+exceed|(?:no|not)\s+later\s+than|on\s+or\s+before"
)
BOUND = re.compile(rf"\b(?:({_FLOOR})|({_CEILING}))\s+(\$?\d[\d,.]*%?|[a-z]+)\b", re.IGNORECASE)
# What a rule or a list leaves out: "Disclosure Statement (except governmental entities)", "other than a motion
# for attorney's fees". Not a clause ("except as otherwise provided", "except that …", "except when …").
_EXCEPT = r"except(?:ing)?(?:\s+for)?|other\s+than|save\s+for"
EXCEPTED = re.compile(
    rf"\b(?:{_EXCEPT})\s+(?:\([A-Za-z0-9]{{1,4}}\)\s+)?"
    r"(?!(?:as|that|when|where|if|to|in|on|by|with|upon|insofar|so)\b)([^,;:()]{3,80}?)(?=[,;:()]|\.(?:\s|$)|$)",
    re.IGNORECASE,
)
# The next lettered item of what is left out: "(other than (A) Cancelled Shares, (B) such shares that are Dissenting
# Shares, and (C) …)".
EXCEPTED_ITEM = re.compile(
    r",\s*(?:and\s+|or\s+)?\([A-Za-z0-9]{1,4}\)\s+([^,;:()]{3,80}?)(?=[,;:()]|\.(?:\s|$)|$)", re.IGNORECASE
)
# A motion heard and not yet decided: "the Motions are TAKEN UNDER SUBMISSION", "took the matter under advisement".
UNDECIDED_YET = re.compile(r"\bunder\s+(?:submission|advisement)\b", re.IGNORECASE)
# A filing made in the open or under seal.
PUBLICLY = re.compile(r"\bpublicly\b|\bin\s+the\s+public\s+record\b|\bon\s+the\s+public\s+docket\b", re.IGNORECASE)
UNDER_SEAL = re.compile(r"\bunder\s+seal\b", re.IGNORECASE)
# A negation a comma parts from what it denies: "I agree NOT, to blog", "did not, however, appeal"; and a negated
# list of infinitives: "not to disclose or disseminate, or to use" (the comma dropped, the negation reaches "use").
NOT_COMMA = re.compile(
    r"(?<!\bor\s)\b(not|never)\s*,\s*(?:(?:however|therefore|thus|moreover|in\s+fact|of\s+course)\s*,\s*|(?=to\s)"
    # "shall not, without Aduro's prior written consent, directly or indirectly, solicit": asides on how or with
    # whose leave, each between commas, before the verb denied
    r"|(?:(?:without\s+[^,;.()]{1,60}?|(?:either\s+|whether\s+)?directly\s+or\s+indirectly)\s*,\s*)+)"
    r"|(\bnot\s+to\s+[a-z]+(?:\s+or\s+[a-z]+)?),(?=\s+or\s+to\s)",
    re.IGNORECASE,
)
# Words that say what a party is or may do, after "be": "the Recipient shall be *responsible*", "Oceaneering shall
# be *entitled* to", "Company is *entitled to* seek": the party before them is the one they speak of.
PREDICATE_ADJECTIVES = frozenset(
    {"responsible", "liable", "entitled", "eligible", "obligated", "bound", "required", "permitted", "allowed", "able"}
)
# Verbs of giving: the word after them may be what is given ("pay the Fee") or to whom ("pay United a fee"); not
# "grant", whose word after is whose motion it grants.
GIVING = frozenset({"pai", "paid", "give", "deliv", "provid", "send", "offer", "issu", "sell", "award", "owe"})
# What a party holds to act: "shall have the right to terminate", "has the sole authority to".
HELD_RIGHTS = frozenset({"right", "power", "authority", "option", "discretion"})
# A claim that states an exception itself.
EXCEPTING_WORDS = re.compile(rf"\b(?:{_EXCEPT})\b", re.IGNORECASE)
# What a sentence goes on to say of the thing it leaves out: "(except for the IAS Disagree checklist, *which is new
# to both the AFM and the QRH*)".
TOLD_OF = re.compile(r",\s+(?:which|who)\b([^;:()]*)")
# A bound's words after a denial turn it round: "in no event less than reasonable care" is a floor.
BOUND_DENIED = re.compile(r"\b(?:in\s+no\s+(?:event|case)|(?:not|never)(?:\s+to)?(?:\s+be)?)\s*$", re.IGNORECASE)
# "Unless …, the petition will be construed …": a condition opening its sentence.
OPENING_UNLESS = re.compile(r"\bUnless\b")
# The word after one of these is a verb: "may *show*".
MODALS = frozenset({"may", "must", "shall", "will", "can", "should", "would", "could", "might"})
