"""The grounding judge (legalassist.generate.grounding): pure, so these tests need no model or library.

The labelled set tests/data/claims.json is built by tests/data/build_claims.py; its thresholds were
chosen on the 'tune' half, and the targets are checked on the 'report' half."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS

from legalassist.benchmarks.grounding import analyzer_terms, classify, summarise
from legalassist.generate.answer import is_scaffold
from legalassist.generate.facts import dates, normalise, numbers, quantities, years
from legalassist.generate.grounding import CONTRADICTS, SUPPORTS, UNRELATED, Grounding, support_of
from legalassist.generate.parties import parties, same_party
from legalassist.ingest.text import extract_text

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def judge() -> Grounding:
    return Grounding(analyzer_terms())


FRESH = [f"claims_fresh{n}.json" for n in ("", *(str(k) for k in range(2, 68)))]
# A sentence naming two standards of review (the thirty-second batch's).
GOVERNMENTAL = (
    "As counsel for Appellee(s), you must file: 1. Application for Admission (if applicable) 2. Appearance Form 3. "
    "Disclosure Statement (except governmental entities) These forms must be filed within fourteen (14) days of the "
    "date of this letter."
)
UNLESS_SPECIFIED = (
    "Unless the petition specifies that the petition seeks only panel rehearing, the petition will be construed as "
    "requesting both panel and en banc rehearing."
)
REASONABLE_CARE = (
    "Recipient shall use at least the same degree of care to protect the confidentiality of the Confidential "
    "Information as Recipient uses with respect to its information of a similar kind or nature, but in no event less "
    "than reasonable care."
)
WITHOUT_A_BOND = (
    "In the event of a breach or threatened breach of this Agreement, in addition to other available remedies, Company "
    "is entitled to seek equitable relief, including injunctive relief, without the need to post a bond"
)
TOLLING = (
    "In particular those motions which will toll the time for filing a notice of appeal under Fed.R.App.P. 4(a)(4), "
    "other than a motion for attorney's fees under Fed.R.Civ.P. 54, will be considered timely if filed no later than "
    "28 days after the entry of judgment."
)
REVIEWS = (
    "A district court reviews a bankruptcy court's findings of fact for clear error and its conclusions of law de novo."
)
# An order's closing list of rulings (the thirtieth batch's order, shortened).
LISTED_RULINGS = (
    "For the foregoing reasons, the Court: (1) GRANTS in part the government's motion in limine 1, (2) GRANTS the "
    "government's motion in limine 2, (3) GRANTS in part and DENIES in part defendant's motion in limine 1, (4) GRANTS "
    "defendant's motion in limine 2, (5) GRANTS defendant's motion in limine 3, (6) DENIES defendant's motion in "
    "limine 4, and (7) GRANTS defendant's motion in limine 5."
)


def _claims() -> list[dict]:
    return json.loads((DATA / "claims.json").read_text(encoding="utf-8"))["claims"]


def test_the_labelled_set_is_large_split_and_holds_the_reported_failures() -> None:
    rows = _claims()
    assert len(rows) >= 300 and len({r["id"] for r in rows}) == len(rows)
    for half in ("tune", "report"):
        labels = {r["label"] for r in rows if r["half"] == half}
        assert labels == {SUPPORTS, CONTRADICTS, UNRELATED}, half
    ids = {r["id"] for r in rows}
    assert {"hand-star-failure", "hand-bnsf-recital", "hand-fela-5-years", "hand-adverse-failure"} <= ids
    # No document in both halves: thresholds chosen on one half say nothing of the other's passages.
    halves: dict[str, set[str]] = {}
    for r in rows:
        halves.setdefault(r["document"], set()).add(r["half"])
    assert all(len(h) == 1 for h in halves.values())


@pytest.mark.parametrize("name", FRESH)
def test_the_fresh_triples_are_the_apps_passages_on_documents_no_other_triple_uses(name: str) -> None:
    """Each fresh batch was written for documents the labelled set and the other batches never drew on; each
    passage is text of one page of its document, as the app holds it, with the header the app gives the judge."""
    rows = json.loads((DATA / name).read_text(encoding="utf-8"))["claims"]
    assert len({r["id"] for r in rows}) == len(rows) and {r["label"] for r in rows} == {
        SUPPORTS,
        CONTRADICTS,
        UNRELATED,
    }
    others = {r["document"] for r in _claims()}
    for other in set(FRESH) - {name}:
        others |= {r["document"] for r in json.loads((DATA / other).read_text(encoding="utf-8"))["claims"]}
    assert not {r["document"] for r in rows} & others
    for r in rows:
        assert r["header"] and r["half"] == "report", r["id"]
        # a corpus document, or (the fourth batch, the corpus's documents all used) a real PDF or a contract's text
        # of tests/data
        path = DATA.parent.parent / r["document"] if r["document"].startswith("tests/") else CORPUS / r["document"]
        if path.suffix == ".txt":
            pages = [page.text for page in extract_text(path).pages]  # as the app reads a plain-text file
        else:
            with pymupdf.open(path) as doc:
                pages = [page.get_text() for page in doc]
        assert any(r["passage"] in page for page in pages), r["id"]


def test_the_contracts_are_the_files_their_manifest_names() -> None:
    manifest = json.loads((DATA / "contracts" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        data = (DATA / "contracts" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
        assert entry["license"] and entry["source"]["commit"], entry["file"]


# The issue's targets are 90% of "contradicts" not shown as supported and 85% of "supports" shown as
# supported, on the report half; docs/BENCHMARKS.md records the measured figures with met / missed (now
# 94.5%, 103 of 109, and 98.7%, 77 of 78). These floors are the targets, so a regression below them fails.
# Out of sample, on hand-written triples (tests/data/claims_fresh*.json), the contradictions side is missed;
# docs/BENCHMARKS.md says by how much, and those files are checked for shape below, not held to the floors.
CONTRADICTS_HELD_FLOOR = 0.90
SUPPORTS_KEPT_FLOOR = 0.85


def test_the_report_half_holds_its_floors(judge: Grounding) -> None:
    report = summarise(classify([r for r in _claims() if r["half"] == "report"], judge))
    held, n_contradicts = report["contradicts_not_supported"]
    kept, n_supports = report["supports_supported"]
    assert held / n_contradicts >= CONTRADICTS_HELD_FLOOR, report
    assert kept / n_supports >= SUPPORTS_KEPT_FLOOR, report


# The failures reported against the app, on the passages it cited (text of the sample corpus's PDFs).
def _page_text(relative: str, page: int) -> str:
    with pymupdf.open(CORPUS / relative) as doc:
        return doc[page - 1].get_text()


def test_the_design_feature_answer_that_dropped_the_holdings_condition_is_not_supported(judge: Grounding) -> None:
    page = _page_text("scotus_ot2016/15-866_Star_Athletica_L_L_C_v_Varsity_Brands_Inc.pdf", 1)
    wrong = judge.judge(
        "When a design feature is incorporated into a useful article, it must be eligible for copyright protection.",
        page,
    )
    assert wrong.label == CONTRADICTS and "condition" in wrong.reason
    right = judge.judge(
        "A feature incorporated into the design of a useful article is eligible for copyright protection only if "
        "the feature can be perceived as a work of art separate from the useful article.",
        page,
    )
    assert support_of(right) == "supported"


def test_the_reversed_lower_court_holding_does_not_support_the_fela_claim(judge: Grounding) -> None:
    page = next(
        text
        for text in (_page_text("scotus_ot2016/16-405_BNSF_R_Co_v_Tyrrell.pdf", n) for n in range(1, 12))
        if "the court determined" in " ".join(text.split())
    )
    verdict = judge.judge(
        "Section 56 authorizes state courts to exercise personal jurisdiction over railroads doing business in the State.",
        page,
    )
    assert verdict.label != SUPPORTS


def test_five_years_is_not_backed_by_a_date_in_the_statutes_history(judge: Grounding) -> None:
    page = _page_text("us_code/45_USC_56.pdf", 1)
    assert "Apr. 5, 1910" in " ".join(page.split())
    wrong = judge.judge(
        "Within 5 years from the date of the cause of action, an action under the Federal Employers' Liability "
        "Act shall be commenced.",
        page,
    )
    assert wrong.label == CONTRADICTS and "3" in wrong.reason
    right = judge.judge(
        "An action must be commenced within three years from the day the cause of action accrued.", page
    )
    assert support_of(right) == "supported"


def test_a_criminal_case_does_not_support_an_answer_about_adverse_possession(judge: Grounding) -> None:
    page = _page_text("scotus_ot2016/16-6250_Perez_v_Florida.pdf", 1)
    verdict = judge.judge("The elements of adverse possession in Florida are the threat itself.", page)
    assert support_of(verdict) != "supported"


@pytest.mark.parametrize(
    ("claim", "source", "label"),
    [
        # polarity
        ("The Convention prohibits service by mail.", "The Convention does not prohibit service by mail.", CONTRADICTS),
        (
            "No, the Convention does not prohibit service by mail.",
            "The Convention does not prohibit service by mail.",
            SUPPORTS,
        ),
        (
            "A State has power to confer immunity from federal causes of action.",
            "A State has no power to confer immunity from federal causes of action.",
            CONTRADICTS,
        ),
        # a double negative is a plain statement
        (
            "A Senator must have attained the age of thirty years.",
            "No Person shall be a Senator who shall not have attained to the Age of thirty Years.",
            SUPPORTS,
        ),
        # the sentence restated with one negation more or fewer: a double negative, a negation before "unless",
        # a negation dropped from a second clause
        (
            "No Person shall not be convicted of Treason unless on the Testimony of two Witnesses.",
            "No Person shall be convicted of Treason unless on the Testimony of two Witnesses.",
            CONTRADICTS,
        ),
        (
            "No person shall be elected President more than twice, and a person who has acted as President for "
            "more than two years shall be elected more than once.",
            "No person shall be elected President more than twice, and no person who has acted as President for "
            "more than two years shall be elected more than once.",
            CONTRADICTS,
        ),
        (  # the same sentence, its negations kept, in the claim's own order
            "A person who has acted as President for more than two years shall not be elected more than once.",
            "No person shall be elected President more than twice, and no person who has acted as President for "
            "more than two years shall be elected more than once.",
            SUPPORTS,
        ),
        # antonyms, where neither text negates them
        ("Such agreements are invalid.", "Such agreements shall be valid, irrevocable, and enforceable.", CONTRADICTS),
        ("The term excludes errors of law.", "The term includes a judge's errors of law.", CONTRADICTS),
        # numbers: a quantity given otherwise, a number found only as a date's day, a changed date (the sentence
        # the claim restates gives another date for it: a contradiction, not only a date the source lacks)
        ("The term ends 17 years after issue.", "The term ends 20 years from the date of filing.", CONTRADICTS),
        (
            "It does not apply to contracts made before January 3, 1926.",
            "This title shall not apply to contracts made prior to January 1, 1926.",
            CONTRADICTS,
        ),
        (
            "Each Senator shall have two votes.",
            "The Senate shall be composed of two Senators from each State; each Senator shall have one Vote.",
            CONTRADICTS,
        ),
        # a number is the same term in digits and in words, so the sentence that holds it is the one judged
        (
            "The answer is: 4 years.",
            "No person shall be elected to the office of the President more than twice, and no person who has held "
            "the office for more than two years shall be elected more than once. He shall hold his Office during "
            "the Term of four Years.",
            SUPPORTS,
        ),
        (
            "A conviction for treason needs 2 witnesses to the same overt act.",
            "No Person shall be convicted of Treason unless on the Testimony of two Witnesses to the same overt Act.",
            SUPPORTS,
        ),
        (  # a number alone says nothing, whatever passage holds it
            "The answer is: 2",
            "No Person shall be convicted of Treason unless on the Testimony of two Witnesses to the same overt Act.",
            UNRELATED,
        ),
        (
            "A conviction for treason needs 3 witnesses to the same overt act.",
            "No Person shall be convicted of Treason unless on the Testimony of two Witnesses to the same overt Act.",
            CONTRADICTS,
        ),
        # roles and parties
        ("The employee may sue the employer.", "The employer may sue the employee.", CONTRADICTS),
        ("In Trump v. United States the Court held X.", "In United States v. Trump the Court held X.", CONTRADICTS),
        # a question the court set out to answer is not its answer
        (
            "Section 56 authorizes state courts to exercise personal jurisdiction over railroads.",
            "We granted certiorari to resolve whether § 56 authorizes state courts to exercise personal jurisdiction over railroads.",
            CONTRADICTS,
        ),
        # a party's argument is not the holding; nor is a lower court's holding the deciding court reversed
        ("The statute covers the scheme.", "Petitioner argues that the statute covers the scheme.", CONTRADICTS),
        (
            "Laches may be asserted against a claim for damages within the 6-year period.",
            "A Federal Circuit panel nevertheless affirmed the District Court's laches holding, which permitted "
            "laches to be asserted against a claim for damages within the 6-year period.",
            CONTRADICTS,
        ),
        # "No person except X shall be eligible" makes X eligible: it denies nothing of X
        (
            "The answer is no, the President cannot be a natural born citizen.",
            "No person except a natural born Citizen, or a Citizen of the United States, shall be eligible to the "
            "Office of President.",
            CONTRADICTS,
        ),
        (
            "Only a natural born citizen is eligible to the Office of President.",
            "No person except a natural born Citizen, or a Citizen of the United States, shall be eligible to the "
            "Office of President.",
            SUPPORTS,
        ),
        # a sentence on what the passages do not hold is the model declining, not a claim a passage can back
        (
            "No, the passage does not provide evidence of Buck demonstrating ineffective assistance of counsel.",
            "Buck has demonstrated ineffective assistance of counsel under Strickland.",
            UNRELATED,
        ),
        # nothing in common
        ("Copyright lasts for the life of the author plus 70 years.", "A patent shall be presumed valid.", UNRELATED),
        # the parties around a verb the claim shares with the source, swapped or moved
        (
            "First Quality sued SCA for patent infringement in 2010.",
            "SCA sued First Quality for patent infringement in 2010.",
            CONTRADICTS,
        ),
        (
            "SCA sued First Quality for patent infringement.",
            "SCA sued First Quality for patent infringement in 2010.",
            SUPPORTS,
        ),
        (
            "The District Court granted summary judgment to SCA.",
            "SCA sued First Quality in 2010. The District Court granted summary judgment to First Quality.",
            CONTRADICTS,
        ),
        (
            "Salazar-Limon shot Officer Thompson.",
            "Officer Thompson stated in a deposition that he shot Salazar-Limon because he saw him reach for his waist.",
            CONTRADICTS,
        ),
        (  # a possessive beside the noun is no party of the verb
            "Coventry paid Nevils's medical expenses.",
            "When Nevils was injured in an automobile accident, Coventry paid his medical expenses.",
            SUPPORTS,
        ),
        # words that deny one another
        ("The petition for certiorari was granted.", "The petition for a writ of certiorari is denied.", CONTRADICTS),
        (
            "Justice Thomas agreed with the denial of certiorari.",
            "JUSTICE THOMAS, dissenting from the denial of certiorari.",
            CONTRADICTS,
        ),
        (
            "The court loses jurisdiction to enter its decree upon the award.",
            "The court shall retain jurisdiction to enter its decree upon the award.",
            CONTRADICTS,
        ),
        (
            "The Court held that it lacks jurisdiction over the request.",
            "The Court has jurisdiction over the request because the provision does not bar review.",
            CONTRADICTS,
        ),
        # a saving clause ("except as otherwise provided") is no condition the claim must repeat
        (
            "Applications to the court are made and heard as motions.",
            "Any application to the court hereunder shall be made and heard in the manner provided by law for the "
            "making and hearing of motions, except as otherwise herein expressly provided.",
            SUPPORTS,
        ),
        # a name broken over a line, and a family named in the plural, are named
        (
            "The award was based on conduct in Australia.",
            "The award was based upon conduct that occurred in Austra-\nlia.",
            SUPPORTS,
        ),
        ("The Haegers sued Goodyear.", "Leroy, Donna, Barry, and Suzanne Haeger sued Goodyear.", SUPPORTS),
        # refused / granted, interim / permanent, a statement respecting a denial / a dissent
        (
            "The district court granted the request for a temporary restraining order.",
            "The district court found the contentions wanting and refused its request for a temporary restraining order.",
            CONTRADICTS,
        ),
        (
            "Liebowitz has been permanently suspended from the practice of law.",
            "Liebowitz has been suspended on an interim basis from the practice of law.",
            CONTRADICTS,
        ),
        (
            "Justice Breyer dissented from the denial of certiorari.",
            "Statement of JUSTICE BREYER respecting the denial of certiorari.",
            CONTRADICTS,
        ),
        # "prevents … from" denies what follows "from"; "nothing prevents … from" does not
        (
            "The court reached the substance of the contentions.",
            "A jurisdictional barrier prevents us from reaching the substance of the contentions.",
            CONTRADICTS,
        ),
        (
            "The court may reach the substance of the contentions.",
            "Nothing prevents us from reaching the substance of the contentions.",
            SUPPORTS,
        ),
        (
            "The defendant appealed from the temporary restraining order.",
            "On July 13, the Court issued a temporary restraining order from which the defendant appealed.",
            SUPPORTS,
        ),
        # a negation governs a second verb joined by "or to", and "neither … nor" is one negation
        (
            "The chapter impairs the rights of employees under other Acts.",
            "Nothing in this chapter shall be held to limit the duty of carriers or to impair the rights of their "
            "employees under any other Act.",
            CONTRADICTS,
        ),
        (
            "Nothing in the chapter limits the duty or liability of common carriers.",
            "Nothing in this chapter shall be held to limit the duty or liability of common carriers or to impair "
            "the rights of their employees under any other Act.",
            SUPPORTS,
        ),
        (
            "The witness shall be compelled to testify.",
            "The witness shall neither be compelled to testify nor be deprived of property.",
            CONTRADICTS,
        ),
        # an enumerator or a bracketed alteration ends no clause
        (
            "The IDEA shall be construed to limit the remedies available under the ADA.",
            "Nothing in [the IDEA] shall be construed to restrict or limit the rights, procedures, and remedies "
            "available under the [ADA].",
            CONTRADICTS,
        ),
        # what a statement is limited to
        (
            "The requirements apply only to federal prisoners.",
            "Section 2244 imposes several strict requirements that apply only to state prisoners.",
            CONTRADICTS,
        ),
        (
            "The requirements apply only to state prisoners.",
            "Section 2244 imposes several strict requirements that apply only to state prisoners.",
            SUPPORTS,
        ),
        # a disposition the text does not state, and one it states otherwise
        (
            "The court of appeals reversed the district court's refusal of a temporary restraining order.",
            "The district court found the contentions wanting and refused its request for a temporary restraining order.",
            UNRELATED,
        ),
        (
            "The Court affirmed the district court's judgment.",
            "The appeal from the district court's judgment comes too late. The appeal is DISMISSED.",
            CONTRADICTS,
        ),
        # what a lower court did, as the source tells it
        (
            "The Fourth Circuit affirmed the District Court's judgment.",
            "The District Court determined that the restriction survived strict scrutiny. The Fourth Circuit "
            "vacated the judgment, holding that the law could not withstand strict scrutiny.",
            CONTRADICTS,
        ),
        (
            "The Fourth Circuit vacated the District Court's judgment.",
            "The District Court determined that the restriction survived strict scrutiny. The Fourth Circuit "
            "vacated the judgment, holding that the law could not withstand strict scrutiny.",
            SUPPORTS,
        ),
        (
            "The Court of Appeals affirmed the District Court's order.",
            "The Court of Appeals affirmed the District Court's order. The judgment of the Court of Appeals is "
            "reversed.",
            SUPPORTS,
        ),
        # the Court of Appeals where it acts, not the judgment of the Court of Appeals acted on
        (
            "A panel of the Court of Appeals affirmed the dismissal.",
            "The District Court dismissed the petition, and a panel of the Court of Appeals affirmed. But the Court "
            "of Appeals en banc reversed and instructed the District Court to grant relief.",
            SUPPORTS,
        ),
        # more opposites: unreasonably, concurring / dissenting, admitted / denied, granted / dismissed
        (
            "The Ninth Circuit held that the Washington Supreme Court reasonably applied clearly established law.",
            "The Ninth Circuit held that the Washington Supreme Court unrea\u00ad\nsonably applied clearly "
            "established law.",
            CONTRADICTS,
        ),
        ("Justice Sotomayor filed a dissenting opinion.", "SOTOMAYOR, J., filed a concurring opinion.", CONTRADICTS),
        (
            "Taking the witness stand, Frost denied any involvement.",
            "Taking the witness stand, Frost admitted to his involvement, but claimed he acted under duress.",
            CONTRADICTS,
        ),
        (
            "The District Court granted Frost's habeas petition.",
            "The District Court dismissed Frost's habeas petition.",
            CONTRADICTS,
        ),
        # a party's argument named by the party; a lower court's holding the claim attributes to it
        (
            "The Court held that money obtained by fraud means money obtained by the debtor's own fraud.",
            "Bartenwerfer argues that money obtained by fraud means money obtained by the debtor's own fraud.",
            CONTRADICTS,
        ),
        (
            "Bartenwerfer argued that money obtained by fraud means money obtained by the debtor's own fraud.",
            "Bartenwerfer argues that money obtained by fraud means money obtained by the debtor's own fraud.",
            SUPPORTS,
        ),
        (
            "The State Supreme Court held that any error was harmless beyond a reasonable doubt.",
            "Because the jury heard three taped confessions, the State Supreme Court held that any error was "
            "harmless beyond a reasonable doubt.",
            SUPPORTS,
        ),
        # one word of the sentence put for another word of the passage; a paraphrase, a name for a pronoun
        (
            "The placement of a permanent monument in a public park is a form of private speech.",
            "The placement of a permanent monument in a public park is a form of government speech. The Free "
            "Speech Clause restricts government regulation of private speech.",
            CONTRADICTS,
        ),
        (
            "The placement of a permanent monument in a public park is a form of government speech.",
            "The placement of a permanent monument in a public park is a form of government speech. The Free "
            "Speech Clause restricts government regulation of private speech.",
            SUPPORTS,
        ),
        (
            "An Immigration Judge found Barton removable based on his firearms and drug offenses.",
            "Andre Barton was convicted of state crimes. An Immigration Judge found him removable based on his "
            "firearms and drug offenses.",
            SUPPORTS,
        ),
        (
            "The State Supreme Court said the error was harmless.",
            "The State Supreme Court continued: the error was harmless. It also said more.",
            SUPPORTS,
        ),
        # likely / unlikely; complied / violated
        (
            "The court held that the exclusion was likely to survive strict scrutiny.",
            "The court held that the exclusion was unlikely to survive strict scrutiny.",
            CONTRADICTS,
        ),
        (
            "The Fifth Circuit concluded that the program complied with the Act.",
            "The Fifth Circuit upheld the injunction, concluding that the program violated the Act.",
            CONTRADICTS,
        ),
        # timely / untimely; supported / opposed
        (
            "Judge Shipp concluded that the crossclaims were timely.",
            "Judge Shipp concluded that the crossclaims were untimely.",
            CONTRADICTS,
        ),
        ("Dammann and CBI both supported IFF's motion.", "Dammann and CBI both opposed the motion.", CONTRADICTS),
        # a count of what
        (
            "The jury convicted Frost of two counts of burglary.",
            "The jury convicted Frost of six counts of robbery, one count of burglary, and two counts of assault.",
            CONTRADICTS,
        ),
        (
            "The jury convicted Frost of two counts of assault.",
            "The jury convicted Frost of six counts of robbery, one count of burglary, and two counts of assault.",
            SUPPORTS,
        ),
        # a year the sentence the claim rests on gives otherwise
        (
            "The patent formally issued in 1833.",
            "An 1833 Treaty fixed borders for a permanent home to the whole Creek Nation. The patent formally "
            "issued in 1852.",
            CONTRADICTS,
        ),
        (
            "The patent formally issued in 1852.",
            "An 1833 Treaty fixed borders for a permanent home to the whole Creek Nation. The patent formally "
            "issued in 1852.",
            SUPPORTS,
        ),
        (
            "Section 1983 was enacted in 1871.",
            "Congress enacted 42 U.S.C. § 1983 in 1871.",
            SUPPORTS,
        ),
        # the parties listed before a verb
        (
            "Justice Kagan and Justice Alito would grant the application.",
            "JUSTICE ALITO would deny it. JUSTICE BREYER and JUSTICE KAGAN would grant the application.",
            CONTRADICTS,
        ),
        (
            "Justice Kagan and Justice Breyer would grant the application.",
            "JUSTICE ALITO would deny it. JUSTICE BREYER and JUSTICE KAGAN would grant the application.",
            SUPPORTS,
        ),
        # a party before the verb in another sentence of the shown text; a month is no party
        (
            "Experian must preserve all documents relating to Leon's source code.",
            "Defendant Leon must preserve all relevant evidence. Among other things, Defendant Leon must take steps "
            "to preserve all documents that relate in any way to Experian's JavaScript code or source code.",
            CONTRADICTS,
        ),
        (
            "After the August 4 hearing, the court found good cause to enter a preliminary injunction.",
            "At the July 25 hearing, the TRO was extended. On August 4, the parties came before the Court for a "
            "hearing, and the Court finds good cause to enter a preliminary injunction.",
            SUPPORTS,
        ),
        # "not required to" denies what follows it
        (
            "Leon is not required to preserve emails relevant to the dispute.",
            "Defendant Leon must preserve all relevant evidence, including emails, relevant to this dispute.",
            CONTRADICTS,
        ),
        # the two sides of a verb the other way round
        (
            "The Court held that skill predominates over chance in the game.",
            "We hold that chance predominates over skill in the game.",
            CONTRADICTS,
        ),
        (
            "The Court held that chance predominates over skill in the game.",
            "We hold that chance predominates over skill in the game.",
            SUPPORTS,
        ),
        # "declined to", "failed to" deny what follows; upheld / invalidated
        (
            "The Ninth Circuit applied Randall v. Sorrell.",
            "In reaching those conclusions, the Ninth Circuit declined to apply our precedent in Randall v. Sorrell.",
            CONTRADICTS,
        ),
        (
            "The State provided a special justification for so low a limit.",
            "In Randall, we noted that the State had failed to provide any special justification for so low a limit.",
            CONTRADICTS,
        ),
        (
            "In Randall, the Court upheld a Vermont law that limited contributions.",
            "In Randall, we invalidated a Vermont law that limited individual contributions.",
            CONTRADICTS,
        ),
        # a claim that names the lower court it reports is backed by the recital
        (
            "The District Court upheld the contribution limits, and the Ninth Circuit agreed.",
            "The District Court upheld the contribution limits and the Ninth Circuit agreed.",
            SUPPORTS,
        ),
        # the party before the verb in the sentence the claim restates, though another sentence has the claim's
        (
            "Ritzen filed for bankruptcy under Chapter 11.",
            "Ritzen sued Jackson in state court. Jackson filed for bankruptcy under Chapter 11. Ritzen then filed a "
            "notice of appeal.",
            CONTRADICTS,
        ),
        # a party's list reaches past "joined by"; initials name the party they abbreviate
        (
            "Justice Breyer would have upheld the exception.",
            "JUSTICE BREYER, joined by JUSTICE GINSBURG and JUSTICE KAGAN, would have upheld the exception.",
            SUPPORTS,
        ),
        (
            "Congress passed the TCPA in 1991 to prohibit almost all robocalls.",
            "Congress passed the Telephone Consumer Protection Act of 1991 (TCPA) to prohibit almost all robocalls.",
            SUPPORTS,
        ),
        # more opposites: disagreed, ineligible, incapable, failed / survived, after / during, need not / must
        ("The parties disagreed about the closing date.", "The parties agreed about the closing date.", CONTRADICTS),
        (
            "Barton was eligible for cancellation of removal.",
            "Barton was, therefore, ineligible for cancellation of removal.",
            CONTRADICTS,
        ),
        (
            "The remainder of the law is incapable of functioning independently.",
            "The remainder of the law is capable of functioning independently.",
            CONTRADICTS,
        ),
        (
            "The District Court held that the restriction failed strict scrutiny.",
            "The District Court determined that the restriction survived strict scrutiny.",
            CONTRADICTS,
        ),
        (
            "He committed the offenses after his first seven years of residence.",
            "He committed the offenses during his initial seven years of residence.",
            CONTRADICTS,
        ),
        (
            "The offense must be one of the offenses of removal.",
            "The offense does not need to be one of the offenses of removal.",
            CONTRADICTS,
        ),
        # "no longer" denies what follows "longer"; an adverb and its opposite by prefix
        (
            "The Court held that land reserved for the Creek Nation is no longer Indian country.",
            "Held: For MCA purposes, land reserved for the Creek Nation since the 19th century remains Indian country.",
            CONTRADICTS,
        ),
        (
            "McGirt successfully argued that the State lacked jurisdiction.",
            "He unsuccessfully argued in state postconviction proceedings that the State lacked jurisdiction.",
            CONTRADICTS,
        ),
        # the sentence that holds the claim's own words wins over one the header fills in ("denied" alone)
        (
            "Acme Bank denied the loan that the Smiths requested.",
            "If your application is denied, the lender will refund the deposit. Acme Bank conditionally "
            "approved the loan that the Smiths requested.",
            CONTRADICTS,
        ),
        # a noun made from the verb, and a participle after a comma, have no party of their own
        (
            "Jones resigned from Acme in May 2005.",
            "In May 2005, Jones resigned her employment with Acme. In her letter of resignation, Jones claimed abuse.",
            SUPPORTS,
        ),
        (
            "The Smiths alleged that the bank's refusal violated the Act.",
            "The Smiths sued Acme Bank, alleging that the bank's refusal violated the Act.",
            SUPPORTS,
        ),
        # "one of" names a member, not a count
        (
            "One of the conditions was a satisfactory appraisal.",
            "Among the conditions was a satisfactory appraisal.",
            SUPPORTS,
        ),
        # two negations in two clauses are no double negative
        (
            "The fee will not be refunded if the buyer chooses not to close.",
            "The fee will not be refunded if the buyer, for any reason, chooses not to close the sale.",
            SUPPORTS,
        ),
        (
            "The contract was never signed because the buyer withdrew.",
            "Because the buyer withdrew, the contract was never signed and there was no sale.",
            SUPPORTS,
        ),
        # more opposites: approved / denied, fixed / variable, resigned / fired, confirmed / dismissed
        ("The loan carried a variable rate.", "The loan carried a fixed rate.", CONTRADICTS),
        ("Acme fired Jones in 2005.", "In 2005, Jones resigned her employment with Acme.", CONTRADICTS),
        ("The judge dismissed the plan in May.", "The judge confirmed the plan in May.", CONTRADICTS),
        # a standard of review; a disposition quoted from another's order is not the court's own
        (
            "The court reviews the denial of leave to amend de novo.",
            "We review the denial of leave to amend for abuse of discretion.",
            CONTRADICTS,
        ),
        (
            "The court affirmed the judgment.",
            "The order said that “the case is dismissed.” We hold that the claim is barred, and affirm the judgment.",
            SUPPORTS,
        ),
        # two amounts, each put with what the other counts
        (
            "The bank kept $20 for the report and $300 for the appraisal.",
            "The bank kept $300 for the report and $20 for the appraisal.",
            CONTRADICTS,
        ),
        # a line-numbered print's gutter states no number
        (
            "Absence for six months breaks the continuity of residence.",
            "Absence for a continuous period of\n6\none year or more shall break the continuity of residence.",
            UNRELATED,
        ),
        # a footnote number printed against a word is not part of it; a party's report of what it said backs a
        # claim that says it said so
        (
            "On remand, the district court sentenced Wilson at the bottom of the range.",
            "On remand, the district court1 sentenced Wilson at the bottom of the range. The court noted his history.",
            SUPPORTS,
        ),
        (
            "Wilson was sentenced at the top of the range.",
            "Wilson was sentenced at the bottom of the range.",
            CONTRADICTS,
        ),
        (
            "Vinton said the briefcase did not belong to him.",
            "Vinton claimed he used the earplugs and said the briefcase did not belong to him.",
            SUPPORTS,
        ),
        # "only" one of the two things the source covers together
        (
            "The plan repaid secured creditors only.",
            "The plan repaid both secured and unsecured creditors.",
            CONTRADICTS,
        ),
        # from the thirteenth batch (California opinions): a standard of proof named for another
        (
            "The jury found the fraud by a preponderance of the evidence.",
            "The jury found the fraud by clear and convincing evidence.",
            CONTRADICTS,
        ),
        # a participle and its opposite with "un"
        (
            "The appeal turned on disputed facts.",
            "The appeal raises a pure question of law based on undisputed facts.",
            CONTRADICTS,
        ),
        # in favor of is not opposed to
        (
            "The neighbor opposed the guardian's appointment.",
            "The neighbor joined the petition in favor of the guardian's appointment.",
            CONTRADICTS,
        ),
        # "and were", "and does" start a predicate of their own: a negation reaches no further
        (
            "The landlord's claims were not warranted by existing law.",
            "The landlord's claims were not frivolous and were warranted by existing law.",
            CONTRADICTS,
        ),
        (
            "The deed names no grantee and does not convey any land.",
            "The deed names no grantee. The deed does not convey any land.",
            SUPPORTS,
        ),
        # a condition limits its own item of a list
        (
            "The court held that a lease must be in writing.",
            "We hold that (1) a lease must be in writing, and (2) a renewal is not a new lease unless it changes the rent.",
            SUPPORTS,
        ),
        # one of a kind against both kinds
        ("The word is open to only one reading.", "The word is open to both broad and narrow readings.", CONTRADICTS),
        # what "need not" be done, where the source requires it
        (
            "A revocation need not involve a physical act on the will.",
            "A revocation by cancellation requires a physical act on the will.",
            CONTRADICTS,
        ),
        # what the order appealed from did is not the court's own disposition
        (
            "Smith appeals an order dismissing his petition.",
            "Smith appeals an order dismissing his petition. We affirm.",
            SUPPORTS,
        ),
        # a party before a phrase set off by commas; a pronoun after a verb of saying; the subject of an "and" verb
        (
            "Anne moved for sanctions against Hankin.",
            "Anne, still represented by Zetjian, moved for sanctions against Hankin.",
            SUPPORTS,
        ),
        (
            "Hankin had known Anne since 1990.",
            "Hankin met Anne once. Sobel stated he had known Anne since 1990.",
            CONTRADICTS,
        ),
        (
            "Anne asked for $6,720 in fees.",
            "Anne moved for fees. Jonathan joined the motion and asked for $6,720 in fees.",
            CONTRADICTS,
        ),
        # one negation over two verbs joined by "or"
        (
            "Anne could sell her home without a court order.",
            "Anne agreed she would not change her trust or sell her home without a court order.",
            CONTRADICTS,
        ),
        # from the fourteenth batch: a number word has no parties around it
        (
            "Under article seven, the L.A. duplex is distributed to Karen.",
            "Article seven of the Trust provides that the L.A. duplex shall be distributed to Karen.",
            SUPPORTS,
        ),
        # a passive says it the same way round, and puts the one acting after "by"
        (
            "Karen provided no evidence that the standards were met.",
            "No evidence was provided by Karen demonstrating that the standards were met.",
            SUPPORTS,
        ),
        (
            "Dr. Hackshaw evaluated Balmert on August 26, 2004.",
            "Balmert was evaluated by her rheumatologist, Kevin V. Hackshaw, M.D., on August 26, 2004.",
            SUPPORTS,
        ),
        (
            "Balmert's insurance was administered by Big Lots.",
            "Balmert, a Big Lots employee, had insurance under a contract insured and administered by Reliance Standard.",
            CONTRADICTS,
        ),
        # a full date the sentence gives otherwise, though the passage has the claim's date elsewhere
        (
            "The parties executed the term sheet on April 20, 2022.",
            "The parties met on April 20, 2022. On April 25, 2022, the parties executed the term sheet.",
            CONTRADICTS,
        ),
        # opposites
        (
            "The August examination of her joints conclusively showed synovitis.",
            "The August examination of her joints was inconclusive as to synovitis.",
            CONTRADICTS,
        ),
        (
            "Her job required her to stand most of the day.",
            "Her position required her to sit most of the day.",
            CONTRADICTS,
        ),
        ("Her pain had recently decreased.", "Her pain level had recently intensified.", CONTRADICTS),
        # a federal court where the source has a state court
        ("A federal court convicted McGirt.", "McGirt was convicted by an Oklahoma state court.", CONTRADICTS),
        # from the fifteenth batch: a party that concedes says so; a lower court's act told in the source's words
        (
            "Respondents concede that the court failed to give notice.",
            "Bernardino contends, and respondents concede, the court failed to give notice.",
            SUPPORTS,
        ),
        (
            "In September 2023, the court determined that Bernardino was Dominic's father.",
            "In September 2023, the court determined Bernardino was Dominic's father based on genetic testing.",
            SUPPORTS,
        ),
        # an adverb is no word put for a noun
        (
            "The officer apprehended the man with the gun.",
            "A police officer saw the car. She pursued and eventually apprehended the man with the gun.",
            SUPPORTS,
        ),
        # one negation over "provided … or paid"; the party before "who"; a bench trial is no jury trial
        (
            "Bernardino had paid Dominic's medical expenses.",
            "Bernardino had never provided financial support or paid medical expenses for Dominic.",
            CONTRADICTS,
        ),
        (
            "It was Julian who shot Jilani.",
            "Julian and Arthur entered the car. It was Arthur who shot Jilani.",
            CONTRADICTS,
        ),
        ("A jury trial was held in 2024.", "A five-day bench trial was held in 2024.", CONTRADICTS),
        # from the sixteenth batch: "and" before a word that is no verb joins no subjects
        (
            "Bradshaw was appointed Gosey's temporary conservator and temporary trustee on September 11, 2013.",
            "Bradshaw was appointed as Gosey's temporary conservator and temporary trustee of Gosey's estate on "
            "September 11, 2013.",
            SUPPORTS,
        ),
        # a name put for another that the passage names elsewhere
        (
            "Dominic was born in Los Angeles County in November 2014.",
            "Dominic was born in San Joaquin County in November 2014. He has lived in Los Angeles County since.",
            CONTRADICTS,
        ),
        # from the seventeenth batch: a pronoun opening a sentence is the name opening the one before
        (
            "Guess contends that Romersa did not have standing to bring the petition.",
            "Romersa, the successor trustee, objected to the petition. Romersa appeals on three grounds. First, he "
            "contends Guess did not have standing to bring the petition.",
            CONTRADICTS,
        ),
        (
            "The appellate court agreed that the probate court lacked jurisdiction.",
            "Romersa appeals. Second, he argues the probate court lacked jurisdiction. We reject each ground.",
            CONTRADICTS,
        ),
        # a lower court's finding told as the source tells it, with a capital "The"
        (
            "The court found that the property passed to Janowiak.",
            "Based on the record, the court found that the property passed to Janowiak.",
            SUPPORTS,
        ),
        # a claim that speaks of a question ("Whether …") does not answer it
        (
            "Whether a party is an interested person under section 48 is reviewed for abuse of discretion.",
            "Section 48 explains the meaning of interested person. “Because the determination of whether a party is "
            "an interested person pursuant to section 48 is subject to the probate court’s discretion, we apply the "
            "deferential abuse of discretion standard in reviewing [that] determination.”",
            SUPPORTS,
        ),
        # "is appealable" is no passive; "Prob. Code" is no party
        (
            "The Probate Code makes the order approving the Second Account Current appealable.",
            "This notice of appeal expressly appealed from the order approving the Second Account Current. The "
            "Probate Code renders that order appealable. (See Hudson v. Foster (2021) 68 Cal.App.5th 640, 660 "
            "[“[a]n order settling an account of a fiduciary” is appealable]; Prob. Code, §§ 2620, subd. (a), 1300, "
            "subd. (b).)",
            SUPPORTS,
        ),
        # two denials joined by "and" are no double negative
        (
            "Because appellants failed to object to the affidavits, they forfeited review.",
            "Because appellants failed to object to the affidavits and failed to request a hearing, they forfeited "
            "review.",
            SUPPORTS,
        ),
        # a caption gives each party its role
        (
            "Debra Guess is the appellant.",
            "DEBRA GUESS,\nPetitioner and Respondent,\nv.\nJOSEPH ROMERSA,\nObjector and Appellant.",
            CONTRADICTS,
        ),
        (
            "Joseph Romersa is the appellant.",
            "DEBRA GUESS,\nPetitioner and Respondent,\nv.\nJOSEPH ROMERSA,\nObjector and Appellant.",
            SUPPORTS,
        ),
        # one of many against the only one; a kinship
        (
            "The trust named Guess as one of several beneficiaries.",
            "The trust named Guess as successor trustee and sole beneficiary.",
            CONTRADICTS,
        ),
        (
            "Prettyman is Julie's brother.",
            "The trust was set up for the care of Prettyman, a dependent adult and Julie's son.",
            CONTRADICTS,
        ),
        # opposites of a court's rulings, and one act under two words
        ("The court sustained the objections.", "The court overruled the objections.", CONTRADICTS),
        ("Appellants preserved review of the issue.", "Appellants forfeited review of the issue.", CONTRADICTS),
        (
            "View the record in the light most favorable to the losing party.",
            "View the record in the light most favorable to the prevailing party.",
            CONTRADICTS,
        ),
        (
            "The court refused to let Brophy file an amended petition.",
            "The court allowed Brophy to file an amended petition.",
            CONTRADICTS,
        ),
        # a word the passage never uses put for one of substance; not a preposition, nor a verb after "to"
        (
            "The petition was refiled in the probate department.",
            "The petition was refiled in the civil department.",
            CONTRADICTS,
        ),
        ("The letter was about the loan.", "The letter was regarding the loan.", SUPPORTS),
        ("They agreed to use the funds for rent.", "They agreed to utilize the funds for rent.", SUPPORTS),
        # from the eighteenth batch: "County" opening a sentence is no party; a trial held is no holding; a lower court's own act; "need not address whether" leaves a question open
        (
            "County counsel's request was due to its expert's limited availability.",
            "In a hearing held on September 3, county counsel moved to set the trial for a different time on the same date due to its expert’s limited availability.  When the request was brought, C.S.’s counsel stated:  “I am happy to hear what County Counsel has to say.”",
            SUPPORTS,
        ),
        (
            "C.S. was present at the bench trial on September 18, 2024.",
            "On September 18, 2024, trial court held the bench trial.  C.S. was present at trial, but the court did not advise her of her right to a jury trial.",
            SUPPORTS,
        ),
        (
            "The trial court imposed a conservatorship.",
            "The trial court found C.S. to be gravely disabled, and imposed a conservatorship.",
            SUPPORTS,
        ),
        (
            "The court concluded the failure to personally advise C.S. of her right to a jury trial was prejudicial and requires reversal.",
            "We need not address whether the trial court erred by accepting C.S.’s counsel’s waiver of C.S.’s right to a jury trial because we conclude the court’s failure to personally advise C.S. of that right was prejudicial, and therefore requires reversal.",
            SUPPORTS,
        ),
        # a party's argument after the words a claim restates, in one sentence to the splitter
        (
            "C.S. appeals from an order appointing a conservator.",
            "C.S. appeals from an order appointing a conservator under section 5000 et seq.1 C.S. contends the order should be reversed.",
            SUPPORTS,
        ),
        (
            "The court held that the trial court abused its discretion.",
            "C.S. also argues on appeal that the trial court abused its discretion.",
            CONTRADICTS,
        ),
        # attending against "not present"; "twice"; a month of the same year; involuntary; harmless / prejudicial
        (
            "C.S. attended the August 26 hearing.",
            "On August 26, a hearing was held regarding the petition; C.S. was not present.",
            CONTRADICTS,
        ),
        (
            "The psychologist evaluated C.S. three times.",
            "The psychologist twice evaluated C.S.",
            CONTRADICTS,
        ),
        (
            "The case was fully briefed in March 2025.",
            "The case was fully briefed in May 2025.",
            CONTRADICTS,
        ),
        (
            "The Act governs voluntary treatment.",
            "The Act governs involuntary detention and treatment.",
            CONTRADICTS,
        ),
        (
            "The failure to advise C.S. was harmless.",
            "The failure to advise C.S. was prejudicial.",
            CONTRADICTS,
        ),
        # a caption party "as Conservator, etc."; a party's counsel is not the party; a kin after "her"; two words swapped
        (
            "The Public Guardian is the appellant.",
            "TEHAMA COUNTY PUBLIC GUARDIAN, as\nConservator, etc.,\nPetitioner and Respondent,\nv.\nC.S.,\nObjector and Appellant.",
            CONTRADICTS,
        ),
        (
            "C.S. requested a bench trial on August 26.",
            "C.S.'s counsel requested a bench trial on August 26, but C.S. was not present.",
            CONTRADICTS,
        ),
        (
            "She would go shopping with her sister.",
            "She would go shopping with her daughter.",
            CONTRADICTS,
        ),
        (
            "The psychologist recommended a family member as conservator.",
            "The psychologist recommended the public guardian as conservator.",
            CONTRADICTS,
        ),
        # from the nineteenth batch: words before a recital, in a clause of their own; "because" for "due to"; a court's abbreviation in a citation is no party; agreed / disputed
        (
            "The employer did not appear at the expedited hearing.",
            "Following an expedited hearing at which the employer did not appear, the trial court found that the employee's injuries arose primarily out of his employment.",
            SUPPORTS,
        ),
        (
            "The Bureau investigated Employer because it apparently lacked workers' compensation insurance.",
            "After Employee filed a petition, the Bureau performed an investigation of Employer due to its apparent lack of workers' compensation insurance. The court concluded that, because Employer was a construction services provider, it needed coverage.",
            SUPPORTS,
        ),
        (
            "The InterDigital case is not binding on this Court.",
            "See InterDigital Communications Corporation v. Federal Insurance Co., 607 F. Supp. 2d 718, 722-24 (E.D. Pa. 2009). That case is obviously not binding on this Court.",
            SUPPORTS,
        ),
        (
            "The parties dispute whether the motion to transfer was timely filed.",
            "The parties agree that the motion to transfer was timely filed.",
            CONTRADICTS,
        ),
        # from the twentieth batch: a range of years written short; "he claimed" deductions argues nothing; a company
        # named "X of Y, LLC"; a provision's subdivision; a date the next sentence gives for the same event, not for
        # another; with / without prejudice; a name opening the claim; "declined to hold"; what "bars" denies;
        # "neither of the Bordelons is liable" denies the liability, not the Bordelons
        (
            "P-H was in the healthcare business in the years at issue, 2008 to 2011.",
            "P-H was in the healthcare business in the years at issue\n(2008-11).  He owned H Corp.",
            SUPPORTS,
        ),
        (
            "The court holds that Mr. Bordelon was at risk for that amount in 2008.",
            "The remaining issues are: (1) whether for 2008 Mr. Bordelon was “at risk” for purposes of section 465 to the extent of almost $1 million of loss deductions he claimed related to Allegiance Hospital of Many, LLC (“Many LLC”) (we hold that he was “at risk” for such amount in 2008).",
            SUPPORTS,
        ),
        (
            "Mr. Bordelon claimed almost $1 million of loss deductions related to Many LLC.",
            "The remaining issue is whether for 2008 Mr. Bordelon was at risk to the extent of almost $1 million of loss deductions he claimed related to Allegiance Hospital of Many, LLC (“Many LLC”).",
            SUPPORTS,
        ),
        (
            "R determined that P-H had an insufficient basis in K LLC under I.R.C. sec. 704(b).",
            "R determined that under I.R.C. sec. 704(d) P-H had an insufficient basis in K LLC to deduct related losses for 2008.",
            UNRELATED,
        ),
        (
            "Plaintiff's original complaint was received by the Court on November 19, 2018.",
            "Plaintiff dated his original federal complaint November 13, 2018. It was received by this Court on November 19, 2018.",
            SUPPORTS,
        ),
        (
            "The parties executed the settlement term sheet on April 20, 2022.",
            "On April 20, 2022, the parties participated in mediation with Stew Cogan. Mediation continued on April 25, 2022, when the parties entered into and executed the settlement term sheet.",
            CONTRADICTS,
        ),
        (
            "The court will dismiss with prejudice Plaintiff's claim for compensatory damages.",
            "Therefore, like Allah, this Court will dismiss without prejudice Plaintiff's claim for compensatory damages.",
            CONTRADICTS,
        ),
        (
            "Amy Emrich is the administrator of the New Jersey State Prison.",
            "Steve Johnson is the administrator of the New Jersey State Prison who has overall supervisory authority at the facility. Amy Emrich responded to Plaintiff's inquiries.",
            CONTRADICTS,
        ),
        (
            "The court held oral argument on the motion to dismiss.",
            "Having reviewed the submissions filed in connection with the motion and having declined to hold oral argument, the motion to dismiss is GRANTED IN PART.",
            CONTRADICTS,
        ),
        (
            "Section 1997e(e) bars a prisoner's federal civil action for mental or emotional injury without a prior showing of physical injury.",
            "It provides “[n]o Federal civil action may be brought by a prisoner confined in a jail, prison, or other correctional facility, for mental or emotional injury suffered while in custody without a prior showing of physical injury.” 42 U.S.C. § 1997e(e).",
            SUPPORTS,
        ),
        (
            "Section 2244(b)(3)(E) bars review of a federal prisoner's request to file a second or successive motion.",
            "The Court has jurisdiction because §2244(b)(3)(E) does not bar this Court's review of a federal prisoner's request to file a second or successive motion.",
            CONTRADICTS,
        ),
        (
            "The parties stipulated that Mr. Bordelon is liable for the addition to tax under section 6651(a)(1) for 2010.",
            "The parties have stipulated that:  (1) Mr. Bordelon is liable for the addition to tax under section 6651(a)(1) for taxable year 2010; (2) for taxable year 2008, the adjustment for bad debt deduction is $1,188,109; and (3) neither of the Bordelons is liable for the accuracy-related penalties for any of the years at issue.",
            SUPPORTS,
        ),
        # from the twenty-first batch: "Amendment claims" is no party's claim, "Lopez claims his …" is; "Counsel" is
        # no name; of sentences holding the claim's words alike, the one worded most like it; a sentence going on
        # about the same thing ("Such documents are not relevant"); fully / partially
        (
            "Plaintiff alleges that the defendants conspired to violate his civil rights while he was incarcerated at High Desert State Prison.",
            "The court found plaintiff stated potentially cognizable First and Eighth Amendment claims for relief based on plaintiff’s allegations that such defendants conspired to violate his civil rights while plaintiff was incarcerated at High Desert State Prison (“HDSP”).",
            SUPPORTS,
        ),
        (
            "Lopez claims his trial counsel was ineffective for failing to request a jury instruction.",
            "Lopez claims that his trial counsel provided ineffective assistance by failing to request a jury instruction.",
            SUPPORTS,
        ),
        (
            "Counsel filed a Motion for Attorney's Fees on November 16, 2015.",
            "Sengthiene Bosavanh (“Counsel”) of the Offices of Jeffrey Milam Law, attorney for Tracie Still (“Plaintiff”), filed a Motion for Attorney’s Fees on November 16, 2015.",
            SUPPORTS,
        ),
        (
            "Plaintiff's motion for extension of time is timely.",
            "On April 16, 2020, plaintiff filed a motion for extension of time to file objections. Plaintiff’s motion for extension of time is untimely.",
            CONTRADICTS,
        ),
        (
            "The motion for attorney's fees is denied.",
            "Counsel filed a Motion for Attorney’s Fees on November 16, 2015. For the reasons set forth below, the motion for attorney’s fees is granted.",
            CONTRADICTS,
        ),
        (
            "The personnel records of defendants Robinette and Probst are relevant to plaintiff's claims.",
            "The undersigned reviewed the documents from the personnel records of defendants Robinette and Probst. Such documents are not relevant to plaintiff’s claims in this action.",
            CONTRADICTS,
        ),
        (
            "Plaintiff received a partially favorable award from the Commissioner.",
            "On July 30, 2015, Plaintiff received a fully favorable award from the Commissioner.",
            CONTRADICTS,
        ),
        # from the twenty-second batch: "and thus" starts a clause of its own (two denials, not a double negative);
        # agreed / opposed; excluded / allowed
        (
            "Finjan contends there is no final decision on the merits in the pending proceedings.",
            "Finjan contends Cisco should be precluded from presenting any arguments regarding pending litigation because (1) there is no final decision on the merits and thus the mere existence of these proceedings has no bearing or relevance on the issues here.",
            SUPPORTS,
        ),
        (
            "Finjan contends there is a final decision on the merits in the pending proceedings.",
            "Finjan contends Cisco should be precluded from presenting any arguments regarding pending litigation because (1) there is no final decision on the merits and thus the mere existence of these proceedings has no bearing or relevance on the issues here.",
            CONTRADICTS,
        ),
        (
            "Cisco opposes excluding pending proceedings before the PTO.",
            "Cisco agrees that pending proceedings before the PTO should be excluded.",
            CONTRADICTS,
        ),
        (
            "The Court allows Cisco to characterize Finjan as litigious.",
            "The Court agrees with Cisco that the experts’ potential bias is highly probative. The Court also excludes any characterization of Finjan as litigious by discussing details of Finjan’s ongoing lawsuits.",
            CONTRADICTS,
        ),
        # from the twenty-fourth batch (a workers' compensation hearing order): a hyphenated name broken over a line;
        # a pronoun where the restated sentence names no party ("told him", "he and Mr. Banks summoned"); a
        # preposition's object in no list of those who act; "Counsel" acting; a sentence opening with "He" or "His"
        # stands for the party the sentence before names; "had often seen" against "never saw"; a day of a month
        # given to another event; accepted / denied, similar / different; an ellipsis inside a quotation ends no
        # sentence; an injured worker is the employee
        (
            "Calderon-Fuentes treated on his own.",
            "Mr. Calderon-Fuentes said he never received a panel. Ultimately, Mr. Calderon-\nFuentes treated on his own, but he introduced no records of the treatment.",
            SUPPORTS,
        ),
        (
            "Williams told Calderon-Fuentes to keep working.",
            "Mr. Calderon-Fuentes reported the accident. He told Ms. Williams he had pain. Ms. Williams told him to keep working, which he did.",
            SUPPORTS,
        ),
        (
            "Calderon-Fuentes and Banks summoned their supervisor, Carie Williams.",
            "Mr. Calderon-Fuentes testified that he and Mr. Banks summoned their supervisor, Carie Williams, to report the accident.",
            SUPPORTS,
        ),
        (
            "The report is in English, and Calderon-Fuentes testified that he does not read English.",
            "He signed the report, which is in English. Mr. Calderon-Fuentes testified that he does not read English.",
            SUPPORTS,
        ),
        (
            "The Commissioner contends the fees are reasonable.",
            "Counsel contends these fees are reasonable. The Commissioner filed a response.",
            CONTRADICTS,
        ),
        (
            "Calderon-Fuentes never returned to work at CEVA.",
            "Mr. Calderon-Fuentes took leave under the Family and Medical Leave Act. He returned to work without restrictions in December 2018 and continues working at CEVA.",
            CONTRADICTS,
        ),
        (
            "The Court granted Calderon-Fuentes's requested relief.",
            "Based on the evidence, the Court finds Mr. Calderon-Fuentes did not demonstrate that he would likely prevail at a hearing on the merits. His requested relief is denied at this time.",
            CONTRADICTS,
        ),
        (
            "Calderon-Fuentes said he had often seen forklifts stop working after hard impacts.",
            "Mr. Calderon-Fuentes insisted that he never saw a forklift stop working after a hard impact over the course of his six years at CEVA.",
            CONTRADICTS,
        ),
        (
            "Calderon-Fuentes saw a physician assistant at Concentra on August 13.",
            "Mr. Calderon-Fuentes saw a physician assistant at Concentra on August 3. CEVA denied the claim on August 13.",
            CONTRADICTS,
        ),
        (
            "CEVA accepted the claim on August 13.",
            "CEVA denied the claim on August 13.",
            CONTRADICTS,
        ),
        (
            "Calderon-Fuentes gave providers at Concentra a different account of his injury.",
            "Further, Mr. Calderon-Fuentes gave a similar history of injury to providers at Concentra.",
            CONTRADICTS,
        ),
        (
            "The injured employee designates a group of physicians, from which the employer selects the treating physician.",
            'When an injured worker expresses a need for medical care, "[t]he employer shall designate a group of three (3) or more independent reputable physicians ... from which the injured employee shall select one (1) to be the treating physician."',
            CONTRADICTS,
        ),
        (
            "The employer bears the burden of proof at all stages of a workers' compensation claim.",
            "An injured worker retains the burden of proof at all stages of a workers' compensation claim.",
            CONTRADICTS,
        ),
        (
            "An injured worker bears the burden of proof at all stages of a workers' compensation claim.",
            "An injured worker retains the burden of proof at all stages of a workers' compensation claim.",
            SUPPORTS,
        ),
        # from the twenty-fifth batch (a Federal Register notice of proposed rulemaking): unable / able, high / low,
        # more / less; a condition limits the clause it ends, not the one before ", and"; a verb after a number
        # counts nothing; "FAA-" and "approved" over a line end are one word; no party acts "except"; the party a
        # verb's object belongs to ("the Accomplishment Instructions of Boeing Special Attention Service Bulletin")
        (
            "The flightcrew on Lion Air Flight 043 was unable to land at their planned destination airport.",
            "The flightcrew on Lion Air Flight 043 was able to maintain continued safe flight and land at their planned destination airport in Jakarta.",
            CONTRADICTS,
        ),
        (
            "MCAS makes pitch trim commands to the horizontal stabilizer during a low AOA event.",
            "MCAS makes pitch trim commands to the horizontal stabilizer during a high AOA event so that the handling qualities are compliant.",
            CONTRADICTS,
        ),
        (
            "Operators with an existing MEL would be allowed less restrictive provisions to dispatch the airplane.",
            "Operators with an existing MEL would be required to incorporate more restrictive provisions to dispatch the airplane with certain inoperative equipment.",
            CONTRADICTS,
        ),
        (
            "The proposed AD would apply to a narrower set of airplanes than the superseded AD.",
            "This proposed AD would also apply to a narrower set of airplanes than the superseded AD, and allow operation (dispatch) of an airplane with certain inoperative systems only if certain provisions are incorporated in the operator's existing minimum equipment list (MEL).",
            SUPPORTS,
        ),
        (
            "Since AD 2018-23-51 was issued, the agency has determined that final corrective action is necessary.",
            "Since AD 2018–23–51 was issued, the agency has determined that final corrective action is necessary to address the unsafe condition.",
            SUPPORTS,
        ),
        (
            "Operators with an existing FAA-approved MEL would be required to incorporate more restrictive provisions.",
            "The FAA-approved list was published. Finally, operators with an existing FAA-\napproved MEL would be required to incorporate more restrictive provisions to dispatch the airplane.",
            SUPPORTS,
        ),
        (
            "All of the checklists the FAA proposes to revise are already part of Boeing's Quick Reference Handbook, except the IAS Disagree checklist.",
            "All of the checklists that the FAA proposes to revise are already part of Boeing's Quick Reference Handbook, or QRH, for the 737 MAX (except for the IAS Disagree checklist, which is new to both the AFM and the QRH).",
            SUPPORTS,
        ),
        (
            "The operational readiness flight is done in accordance with Boeing Special Attention Service Bulletin 737-00-1028.",
            "Do all applicable actions identified as RC in, and in accordance with, the Accomplishment Instructions of Boeing Special Attention Service Bulletin 737-00-1028, dated July 20, 2020.",
            SUPPORTS,
        ),
        # from the twenty-sixth batch: the two sides of "than" are a comparison's, read as parties
        (
            "Plaintiffs allege that TDF drugs were safer than TAF drugs.",
            "In other words, that Gilead timed its development of TAF drugs—which were safer than TDF—to maximize its domination of the HIV drug market.",
            CONTRADICTS,
        ),
        # from the twenty-seventh and twenty-eighth batches: a span of time in another unit, "novel" against
        # "well settled", "opposes" against "consents"
        (
            "Plaintiff's counsel filed the complaint two months before the statute of limitations expired.",
            "Further, there is nothing in the record to show that counsel informed this Court, upon filing the complaint two days before the statute of limitations expired, of the difficulties he had.",
            CONTRADICTS,
        ),
        (
            "Plaintiff's counsel filed the complaint two days before the statute of limitations expired.",
            "Further, there is nothing in the record to show that counsel informed this Court, upon filing the complaint two days before the statute of limitations expired, of the difficulties he had.",
            SUPPORTS,
        ),
        (
            "Finjan's approach of using the cost of building the infringing system from scratch is a well settled one.",
            "Finjan's approach (i.e., using the cost estimate of building the infringing system from scratch) is admittedly a novel one.",
            CONTRADICTS,
        ),
        (
            "Counsel to defendant Wesley Jordan opposes sealing the documents.",
            "Finally, counsel to defendant Wesley Jordan consents to sealing these documents.",
            CONTRADICTS,
        ),
        # from the thirtieth and thirty-first batches: an order's enumerated rulings, each item on its own
        (
            "The Court denied the defendant's second and third motions in limine.",
            LISTED_RULINGS,
            CONTRADICTS,
        ),
        (
            "The Court granted the defendant's second and third motions in limine.",
            LISTED_RULINGS,
            SUPPORTS,
        ),
        (
            "The Court granted the defendant's fourth motion in limine.",
            LISTED_RULINGS,
            CONTRADICTS,
        ),
        # a weighing turned round
        (
            "The Court found that the plea agreement's probative value outweighed any unfair prejudice to Flores.",
            "However, the Court finds that the probative value of this plea agreement would be substantially outweighed by unfair prejudice to Flores under Rule 403.",
            CONTRADICTS,
        ),
        (
            "A conviction more than 10 years old is admissible unless its prejudicial effect substantially outweighs its probative value.",
            "However, if more than 10 years have passed since the witness's conviction, evidence of the conviction is admissible only if its probative value substantially outweighs its prejudicial effect.",
            CONTRADICTS,
        ),
        (
            "The Court found that unfair prejudice to Flores would substantially outweigh the plea agreement's probative value.",
            "However, the Court finds that the probative value of this plea agreement would be substantially outweighed by unfair prejudice to Flores under Rule 403.",
            SUPPORTS,
        ),
        # two numbers, each with the party before it
        (
            "The government filed eight motions in limine and the defendant filed two.",
            "On November 20, 2020, the government filed two motions in limine, dkts. 48, 50; and defendant filed eight motions in limine, dkts. 51, 53-58, 60.",
            CONTRADICTS,
        ),
        (
            "The government filed two motions in limine and the defendant filed eight.",
            "On November 20, 2020, the government filed two motions in limine, dkts. 48, 50; and defendant filed eight motions in limine, dkts. 51, 53-58, 60.",
            SUPPORTS,
        ),
        # words that look like a denial and are none, and denials that do not say "not"
        (
            "Under Rule 702, a trial judge acts as a gatekeeper to ensure expert testimony is relevant and reliable.",
            "Under Rule 702, a trial judge acts as a gatekeeper to ensure that expert testimony is not only relevant, but reliable.",
            SUPPORTS,
        ),
        (
            "Under Rule 704(b), an opinion about whether the defendant had a mental state that constitutes an element of the crime charged is inadmissible.",
            "This testimony is inadmissible under Rule 704(b) as it constitutes an opinion about whether the defendant did or did not have a mental state or condition that constitutes an element of the crime charged.",
            SUPPORTS,
        ),
        (
            "Flores was not read his Miranda rights before the injunction was served.",
            "Without reading Flores his Miranda rights, the officer delivered the injunction to Flores.",
            SUPPORTS,
        ),
        (
            "Flores was read his Miranda rights before the injunction was served.",
            "Without reading Flores his Miranda rights, the officer delivered the injunction to Flores.",
            CONTRADICTS,
        ),
        (
            "The government may not refer to the withdrawn plea agreement for any purpose at trial.",
            "The government may not introduce, use, or refer to the withdrawn plea agreement for any purpose at trial.",
            SUPPORTS,
        ),
        (
            "Failing to specify the evidence a motion in limine seeks to exclude is a sufficient basis to deny the motion.",
            "The failure to specify the evidence that a motion in limine seeks to exclude constitutes a sufficient basis upon which to deny the motion.",
            SUPPORTS,
        ),
        # a scope the source widens ("not only") or limits ("only in the case of")
        (
            "In Kumho Tire, the Supreme Court held that the gatekeeping obligation applies only to scientific testimony.",
            "In Kumho Tire, the Supreme Court clarified that the gatekeeping obligation applies not only to scientific testimony but to all expert testimony.",
            CONTRADICTS,
        ),
        (
            "The right to rescind applies to any credit transaction, whether or not it is a consumer credit transaction.",
            'The right to rescind only applies "[i]n the case of any consumer credit transaction."',
            CONTRADICTS,
        ),
        # a citation signal, a pronoun and a paper of the case are no party acting
        (
            "Count One charges Flores with RICO conspiracy under 18 U.S.C. § 1962(d).",
            "Specifically, the Indictment charges Flores in Count One with RICO conspiracy, in violation of 18 U.S.C. § 1962(d).",
            SUPPORTS,
        ),
        (
            "Kuhn compared the signature on the SIS form with twelve known specimens of Flores's writing.",
            "Kuhn states: \u201cI have compared the signature on the SIS form with twelve known specimens of Mr. Flores's writing.\u201d",
            SUPPORTS,
        ),
        (
            "Inserting good faith into a relationship governed by contract law is proper.",
            "The test appears to be an attempt to insert good faith into a relationship governed by contract law, which is improper.",
            CONTRADICTS,
        ),
        # from the thirty-second and thirty-third batches: two standards of review put the other way round; one
        # remedy in lieu of the other; a ruling told in the next sentence; "narrowly" against "broadly"
        (
            "A district court reviews a bankruptcy court's conclusions of law for clear error.",
            REVIEWS,
            CONTRADICTS,
        ),
        (
            "A district court reviews a bankruptcy court's conclusions of law de novo.",
            REVIEWS,
            SUPPORTS,
        ),
        (
            "Ericsson sought an injunction in lieu of a compulsory forward royalty.",
            "Ericsson also sought a compulsory forward royalty in lieu of an injunction.",
            CONTRADICTS,
        ),
        (
            "The Court granted Ericsson's motion to add the March 22, 2016 offer as Option C.",
            "Ericsson later filed a motion to supplement its FRAND contentions with its March 22, 2016 offer as "
            "Option C. The Court denied Ericsson's motion because Ericsson had not been diligent.",
            CONTRADICTS,
        ),
        (
            "Statutory priorities in bankruptcy are broadly construed.",
            "Because the presumption in bankruptcy cases is that the debtor's limited resources will be equally distributed among his creditors, statutory priorities are narrowly construed.",
            CONTRADICTS,
        ),
        # the party of "none of the Other Funds" is not what is denied; "4G" is no party named G; a paraphrase's verb
        (
            "The B&C Fund terminated Hostess's participation in December 2011.",
            "Whereas the B&C Fund terminated Hostess's participation in December 2011, none of the Other Funds elected to terminate Hostess's participation despite Hostess's failure to make contributions.",
            SUPPORTS,
        ),
        (
            "On February 11, 2015, Ericsson offered a 4G rate of 1.5% with a $2 floor and a $4.50 cap.",
            "On February 11, 2015, Ericsson made another offer, reducing the 4G rate to 1.5%, with a $2 floor and a $4.50 cap (plus a release payment but no lump sum payments).",
            SUPPORTS,
        ),
        (
            "The doctrine of impossibility excuses a contractual duty when unforeseeable, supervening circumstances make performance impossible.",
            "The doctrine of impossibility excuses a party's contractual duty to perform when unforeseeable, supervening circumstances render performance impossible.",
            SUPPORTS,
        ),
        # from the thirty-fifth and thirty-sixth batches: a bound turned round; what a rule leaves out, stated as
        # under it or denied; a motion taken under submission; a filing under seal; the United States as a party;
        # "one" that counts nothing; a verb put for a verb
        (
            "The parties have at most two days to prepare and deliver chambers copies.",
            "Pursuant to the parties' request, the parties shall have at least two days to prepare and deliver the Court's chambers copies.",
            CONTRADICTS,
        ),
        (
            "The parties have at least two days to prepare and deliver chambers copies.",
            "Pursuant to the parties' request, the parties shall have at least two days to prepare and deliver the Court's chambers copies.",
            SUPPORTS,
        ),
        (
            "Governmental entities must also file a disclosure statement.",
            GOVERNMENTAL,
            CONTRADICTS,
        ),
        (
            "Governmental entities need not file a disclosure statement.",
            GOVERNMENTAL,
            SUPPORTS,
        ),
        (
            "The Court granted the motions at the hearing.",
            "The Court's Tentative Ruling is circulated. Court hears oral argument. For reasons stated on the record, the Motions are TAKEN UNDER SUBMISSION.",
            CONTRADICTS,
        ),
        (
            "The plaintiff must file counsel's declaration publicly, giving the judgment debtor's Social Security number.",
            "To comply with Section 3205(b)(1), however, Plaintiff shall file counsel's declaration under seal providing the judgment debtor's name, Social Security Number, and last known address.",
            CONTRADICTS,
        ),
        (
            "The plaintiff must file counsel's declaration under seal giving the judgment debtor's name, Social Security number and last known address.",
            "To comply with Section 3205(b)(1), however, Plaintiff shall file counsel's declaration under seal providing the judgment debtor's name, Social Security Number, and last known address.",
            SUPPORTS,
        ),
        (
            "The defendant applied for the complaint and arrest warrant to remain under seal.",
            "The United States having applied to this Court for a complaint and arrest warrant and having applied for the complaint and warrant to remain under seal, the above defendant having been arrested;",
            CONTRADICTS,
        ),
        (
            "If no objection is filed, the plaintiff must apply to the Court for an order directing the garnishee.",
            "Instead, after the garnishee files an answer, if no objection or request for hearing is filed, Plaintiff shall apply to the Court for an order directing the garnishee as to the disposition of the property.",
            SUPPORTS,
        ),
        (
            "A motion that tolls the time to appeal, other than one for attorney's fees, is timely if filed within 28 days after the entry of judgment.",
            TOLLING,
            SUPPORTS,
        ),
        (
            "A motion for attorney's fees under Rule 54 tolls the time to appeal if filed within 28 days after judgment.",
            TOLLING,
            CONTRADICTS,
        ),
        (
            "The caption may show that a party was terminated only if the district judge ordered the caption amended.",
            "If a party has been terminated from the case the caption may reflect that change only if the district court judge ordered that the caption be amended.",
            SUPPORTS,
        ),
        # from the thirty-seventh batch: a condition opened by "Unless" is "if not"; encouraged is not forbidden
        (
            "A petition that does not specify panel rehearing only is treated as requesting both panel and en banc rehearing.",
            UNLESS_SPECIFIED,
            SUPPORTS,
        ),
        (
            "A petition that specifies panel rehearing only is treated as requesting both panel and en banc rehearing.",
            UNLESS_SPECIFIED,
            CONTRADICTS,
        ),
        (
            "Counsel are forbidden to file documents before reading the Sixth Circuit Rules.",
            "Before preparing any documents to be filed, counsel are strongly encouraged to read the Sixth Circuit Rules at www.ca6.uscourts.gov.",
            CONTRADICTS,
        ),
        # from the thirty-eighth batch (contracts): a denial with its exception after a comma; what a denial leaves
        # out; a negation a comma parts from its verb; each verb of a negated list; "Neither party shall" denies the
        # predicate, not the party; a contract's defined parties
        (
            "The agreement may be amended only by a writing signed by both parties.",
            "This Agreement may not be amended, nor any obligation waived, except by a writing signed by both parties hereto.",
            SUPPORTS,
        ),
        (
            "The visitor may not take any Motorola property, not even authorized gifts.",
            "I will NOT take any Motorola property (except authorized gifts).",
            CONTRADICTS,
        ),
        (
            "The Business Partner may disclose the material to its own employees for purposes related to Mandarin's use of it.",
            "Any Business Partner shall maintain the material as confidential and shall not publish, disclose or distribute all or any portion of it to any other person, save for employees, consultants or agents of the Business Partner for purposes specifically related to Mandarin's use of the material.",
            SUPPORTS,
        ),
        (
            "The visitor agrees not to post Confidential Motorola Information on social media.",
            "In particular, I agree NOT, to blog or otherwise post any Confidential Motorola Information to any social media websites.",
            SUPPORTS,
        ),
        (
            "The visitor may share Confidential Motorola Information without prior authorization.",
            "I will NOT disclose, share, publish or utilize any Confidential Motorola Information without the prior authorization from Motorola Mobility.",
            CONTRADICTS,
        ),
        (
            "Information that becomes publicly available must still be kept confidential.",
            "Neither party shall be required to keep confidential any information which is, or becomes, publicly available.",
            CONTRADICTS,
        ),
        (
            "A violation of the agreement entitles the Receiving Party to injunctive relief.",
            "The Receiving Party agrees that any violation of this Agreement will cause irreparable injury to the Disclosing Party, entitling the Disclosing Party to obtain injunctive relief.",
            CONTRADICTS,
        ),
        # from the thirty-ninth batch: "in no event less than" is a floor; "without the need to" denies; the party
        # "responsible" or "entitled to" act; "may use … only for" restates "shall not use … except for"
        (
            "The Recipient must use no more than reasonable care to protect the Confidential Information.",
            REASONABLE_CARE,
            CONTRADICTS,
        ),
        (
            "The Recipient must use at least reasonable care to protect the Confidential Information.",
            REASONABLE_CARE,
            SUPPORTS,
        ),
        (
            "In the event of a breach, the Company must post a bond to seek injunctive relief.",
            WITHOUT_A_BOND,
            CONTRADICTS,
        ),
        (
            "In the event of a breach, the Company may seek injunctive relief without posting a bond.",
            WITHOUT_A_BOND,
            SUPPORTS,
        ),
        (
            "Oceaneering is responsible for the Recipient's Representatives' compliance with the agreement.",
            "Recipient shall require its Representatives who receive any Confidential Information to comply with the terms of this Agreement and Recipient shall be responsible for their compliance herewith. Oceaneering grants no rights in or to the Confidential Information.",
            CONTRADICTS,
        ),
        (
            "The Recipient may use the Confidential Information only for its business relationship with Oceaneering.",
            "Recipient shall not: a. use the Confidential Information except for purposes of its business relationship with Oceaneering (the Authorized Purpose).",
            SUPPORTS,
        ),
        # from the fortieth batch: a contract's date ("this 17th day of November, 2015"); a date bounded the other
        # way; the grantor and the grantee; a duty to "maintain" is no party's argument
        (
            "The agreement was made on November 17, 2015.",
            'THIS AGREEMENT ("Agreement"), made and entered into this 17th day of November, 2015, by and between the TOWN OF VINTON, VIRGINIA ("Grantor"), and ROANOKE GAS COMPANY ("Grantee").',
            SUPPORTS,
        ),
        (
            "The franchise fee for 2016 may be paid no earlier than March 31, 2017.",
            "For calendar year 2016, the Franchise Fee shall be paid to Grantor on or before March 31, 2017.",
            CONTRADICTS,
        ),
        (
            "The grantor accepts a franchise from the grantee to operate a gas distribution system.",
            "Grantor hereby grants to Grantee and Grantee hereby accepts a franchise to construct, reconstruct, operate, maintain, repair, and extend a Gas Distribution System within Grantor's Territorial Limits.",
            CONTRADICTS,
        ),
        (
            "The grantee must keep at least one business office within the grantor's territorial limits.",
            "Grantee shall during the term of this Franchise maintain at least one business office within the Territorial Limits of Grantor.",
            SUPPORTS,
        ),
        # from the forty-first batch: a range's "minimum of" and "maximum of"; a negated list of infinitives
        (
            "The lead-finder fee is at least 20% of project revenue.",
            "Bravatek will receive a lead-finder fee, to be finally decided by Fazync at the range of minimum of 10% to maximum of 20% of project revenue.",
            CONTRADICTS,
        ),
        (
            "The parties may use the Confidential Information for any purpose.",
            "Fazync and Bravatek agree to maintain in strict confidence and not to disclose or disseminate, or to use for any purposes other than performance of the projects, the Confidential Information disclosed.",
            CONTRADICTS,
        ),
        (
            "The parties agree not to use the Confidential Information for any purpose other than performing the projects.",
            "Fazync and Bravatek agree to maintain in strict confidence and not to disclose or disseminate, or to use for any purposes other than performance of the projects, the Confidential Information disclosed.",
            SUPPORTS,
        ),
        (
            "Plaintiff contends that the CIS improperly denied his application.",
            "Plaintiff contends that the CIS improperly denied his application because his absence does not, as the CIS contends, break his residence.",
            SUPPORTS,
        ),
        # from the forty-second and forty-third batches (a privacy policy, a merger agreement): what one text has
        # "with" and the other "without"; data deleted or kept, for a limited period or indefinitely
        (
            "The Merger Consideration is paid with interest.",
            "Each share shall be converted into the right to receive the Merger Consideration, $34.00 in cash, without interest thereon.",
            CONTRADICTS,
        ),
        (
            "NIC may settle an appraisal demand without Tyler's consent.",
            "NIC shall not, except with the prior written consent of Tyler, make any payment with respect to any such demand or settle any such demand.",
            CONTRADICTS,
        ),
        (
            "Either party may end the employment with cause.",
            "Either party may end the employment at any time, with or without cause.",
            SUPPORTS,
        ),
        (
            "If Fiverr learns it has collected personal information from a child under 13, it will keep it.",
            "If we learn we have collected or received personal information from a child under 13, we will delete that personal information.",
            CONTRADICTS,
        ),
        (
            "If a user deactivates the account, Fiverr keeps the information indefinitely.",
            "Should you ever deactivate your account with us, we will keep your information for a limited period in order to meet the above purposes.",
            CONTRADICTS,
        ),
        # "in no event shall NIC be obligated": NIC is named, what follows denied
        (
            "NIC may be required to pay the Termination Fee on more than one occasion.",
            "For the avoidance of doubt, in no event shall NIC be obligated to pay the Termination Fee on more than one occasion.",
            CONTRADICTS,
        ),
        # a company's letters are a name the source must give; an Act's short name ("FELA") is not held to that
        (
            "All of Merger Sub's capital stock is owned by NIC.",
            "All of the issued and outstanding capital stock of Merger Sub is owned by Tyler or a direct or indirect Subsidiary of Tyler.",
            UNRELATED,
        ),
        # "pay the Termination Fee" names what is paid, "pay to Tyler" whom to
        (
            "NIC must pay the Termination Fee within two Business Days.",
            "Within two Business Days after such termination, NIC shall pay to Tyler the Termination Fee.",
            SUPPORTS,
        ),
        # the party of "terminate" is the one that has the right to
        (
            "Acme has the right to terminate the lease on thirty days' notice.",
            "Upon any default, Beta shall have the right to terminate the lease on thirty days' notice to Acme.",
            CONTRADICTS,
        ),
        # a proviso with its own "then" sets its own rule and limits nothing before it
        (
            "Either party may terminate if the Closing has not occurred on or before June 30, 2021.",
            "This Agreement may be terminated by either party if the Closing has not occurred on or before June 30, 2021; provided that if, on that date, the regulatory conditions remain unsatisfied, then the date shall be extended for three months.",
            SUPPORTS,
        ),
        (
            "Either party may terminate if the Closing has not occurred by June 30, 2021.",
            "This Agreement may be terminated by either party if the Closing has not occurred by June 30, 2021, provided that the party seeking termination is not then in material breach.",
            CONTRADICTS,
        ),
        # from the forty-fourth and forty-fifth (a privacy policy, a bank merger agreement): a negation written
        # without its apostrophe; "notify" and "tell" are one act; available / hidden, publicly / privately; "that
        # no such change shall" names its subject; "United" is a company; after "pay" may stand what is paid or whom
        # to; what sets a left-out item apart from the rule's subject; the party a phrase set beside it describes
        (
            "A message not delivered within 2 weeks is deleted from the servers.",
            "If the message wasnt delivered to its destination within 2 weeks, it will be deleted from our servers.",
            SUPPORTS,
        ),
        (
            "Viber does not tell the other members about screenshots in Secret Chats.",
            "For Secret Chats, we will notify the other members of any screenshots you take.",
            CONTRADICTS,
        ),
        (
            "Call details are hidden from the phone operator of the person called.",
            "Details of the call are available to the phone operator of the person you called.",
            CONTRADICTS,
        ),
        (
            "Rakuten Inc. is a privately held company in Japan.",
            "Rakuten Inc. is a publicly traded company in Japan.",
            CONTRADICTS,
        ),
        (
            "United must give CBTC seven days' prior written notice of a change.",
            "United may change the method of effecting the combination; provided that no such change shall alter the Merger Consideration; and provided, further, that United shall provide CBTC with seven (7) days prior written notice of such change.",
            SUPPORTS,
        ),
        (
            "United must pay the Fee to CBTC.",
            "If CBTC terminates this Agreement, then CBTC shall pay United promptly a fee of $12,132,000 (the Fee).",
            CONTRADICTS,
        ),
        (
            "CBTC must pay the Fee to United.",
            "If CBTC terminates this Agreement, then CBTC shall pay United promptly a fee of $12,132,000 (the Fee).",
            SUPPORTS,
        ),
        (
            "Each share of CBTC Common Stock is converted into the right to receive 0.3173 shares of United Common Stock.",
            "Each issued and outstanding share of CBTC Common Stock (other than shares of CBTC Common Stock held by United and its Subsidiaries) shall be converted into the right to receive 0.3173 shares of United Common Stock.",
            SUPPORTS,
        ),
        (
            "After the Effective Time, Essex Bank will merge into United Bank.",
            "After the Effective Time, Essex Bank, the wholly owned subsidiary of CBTC, shall merge with and into United Bank.",
            SUPPORTS,
        ),
    ],
)
def test_table_of_verdicts(judge: Grounding, claim: str, source: str, label: str) -> None:
    assert judge.judge(claim, source).label == label


def test_a_partys_name_ends_with_its_sentence(judge: Grounding) -> None:
    """ "We" opening a sentence is the court, not the last word of the name before it ("… Truth in Lending
    Act. We agree"), so the party before "agree" is none, and the court the header names may say it."""
    header = "Weintraub v. Quicken Loans, Inc. · U.S. Court of Appeals for the Fourth Circuit · 2010-02-05"
    text = "They were not entitled to any relief under the Truth in Lending Act.\nWe agree and affirm."
    verdict = judge.judge("The Fourth Circuit agreed with the district court and affirmed.", text, header)
    assert verdict.label == SUPPORTS, verdict


def test_a_pronoun_names_no_party_and_the_supreme_court_is_another_court(judge: Grounding) -> None:
    """ "He" opening a sentence is no party standing before the verb in place of the claim's; and what the Supreme
    Court did, told in a circuit's opinion on remand, is not held to the circuit's own disposition."""
    header = "United States v. Vinton · U.S. Court of Appeals for the District of Columbia Circuit · 2010-02-05"
    text = "Alton asked Vinton about the knife. He retrieved the knife and placed it on the roof of the car."
    assert judge.judge("Alton retrieved the knife and placed it on the roof of the car.", text, header).label == (
        SUPPORTS
    )
    header = "United States v. Wilson · U.S. Court of Appeals for the Eighth Circuit · 2010-02-05"
    text = (
        "Wilson appealed his sentence, and we affirmed. Less than one month later, the Supreme Court decided Gall. "
        "The Court subsequently granted certiorari in Wilson's case, "
        "vacated our judgment, and remanded for reconsideration in light of Gall. We now affirm."
    )
    claim = "The Supreme Court granted certiorari in Wilson's case, vacated the judgment, and remanded."
    assert judge.judge(claim, text, header).label == SUPPORTS


def test_a_disposition_in_the_next_sentence_is_the_courts_own(judge: Grounding) -> None:
    """The claim restates one sentence; the court's disposition is the next one. A lower court's disposition,
    which an opinion recites, is not checked against the deciding court's."""
    text = (
        "Because petitioner failed to do so, the Court of Appeals properly declined to consider his challenge to "
        "the amount of restitution imposed. The judgment of the Court of Appeals, accordingly, is affirmed."
    )
    header = "Manrique v. United States · Supreme Court of the United States · 2017-04-19"
    wrong = judge.judge(
        "The Court of Appeals properly declined to consider the challenge, and the Court reversed.", text, header
    )
    assert wrong.label == CONTRADICTS and "affirm" in wrong.reason  # the disposition, read in the next sentence
    right = judge.judge(
        "The Court of Appeals properly declined to consider the challenge, and was affirmed.", text, header
    )
    assert support_of(right) == "supported"
    recited = "The District Court reversed the agency's order. We affirm the judgment of the Court of Appeals."
    lower = judge.judge("The District Court reversed the agency's order.", recited, header)
    assert "disposition" not in lower.reason


def test_numbers_dates_and_quantities() -> None:
    assert years("An 1833 Treaty; Apr. 5, 1910; 42 U.S.C. § 1983; 909 F. 3d, at 1037; No. 1999-12") == {"1833", "1910"}
    assert normalise("twenty five Years, the sixth day, $150,000") == "25 years, the 6th day, $150000"
    assert numbers("(Apr. 5, 1910, ch. 143)") == {"1910", "143"}
    assert dates("Apr. 5, 1910 and 5 April 1911") == {"apr 5 1910", "apr 5 1911"}
    assert quantities("within three years and not more than $750") == {("3", "year"), ("750", "dollar")}
    assert quantities("section 3 of this title") == set()


@pytest.mark.parametrize(
    ("text", "scaffold"),
    [
        ("page 2, Opinion of the Court (THOMAS, J.)", True),
        ("Passages: [1] page 4", True),
        ("Source: 9 U.S.C. § 2", True),
        ("1.", False),
        ("The Court held that the feature is protected.", False),
    ],
)
def test_prompt_scaffolding_is_no_claim(text: str, scaffold: bool) -> None:
    lines = {"page 2 opinion of the court thomas j", "source 9 u s c § 2 validity"}
    assert is_scaffold(text, lines) is scaffold


def test_a_sections_heading_is_not_read_into_its_first_sentence(judge: Grounding) -> None:
    """ "§ 14. Contracts not affected" has no full stop: read as one sentence with the section's text, its "not"
    made the section seem to deny the claim that repeats it."""
    section = (
        "United States Code, Title 9, Section 14\n9 U.S.C. § 14\n§ 14. Contracts not affected\n"
        "This title shall not apply to contracts made prior to January 1, 1926.\n(July 30, 1947, ch. 392, 61 Stat. 674.)"
    )
    claim = "This title shall not apply to contracts made prior to January 1, 1926."
    assert judge.judge(claim, section).label == SUPPORTS
    assert (
        judge.judge("This title shall apply to contracts made prior to January 1, 1926.", section).label == CONTRADICTS
    )


def test_the_deciding_courts_own_name_and_a_misprinted_party_are_no_changed_word(judge: Grounding) -> None:
    """The source calls the deciding court "we", and misprints a party's name by a letter ("Kaen’s"); neither is a
    word put for another."""
    header = "Karen Nelson v. Eric Huhn · California Court of Appeal, Second Appellate District · 2025-07-01"
    source = (
        "Because we find the parties’ settlement term sheet did not amount to an agreement to arbitrate, we reverse. "
        "The matter is remanded with instructions to deny Kaen’s petition."
    )
    for claim in (
        "The Court of Appeal found that the settlement term sheet did not amount to an agreement to arbitrate.",
        "The matter is remanded with instructions to deny Karen's petition.",
    ):
        verdict = judge.judge(claim, source, header)
        assert verdict.label == SUPPORTS, (claim, verdict.reason)
    # a word really put for another is still one
    wrong = judge.judge("The settlement term sheet did amount to an agreement to mediate.", source, header)
    assert wrong.label != SUPPORTS


def test_the_deciding_court_named_by_the_claim_is_the_we_of_the_source(judge: Grounding) -> None:
    """ "The Supreme Court of California found …" restates "we find …", though the passage tells of another body
    that "found" before; another party put there is still caught."""
    header = "In re Drexel Bradshaw on Discipline · Supreme Court of California · 2025-07-03"
    source = (
        "In 2018, the Hearing Department of the State Bar Court found Bradshaw culpable of three counts of "
        "misconduct. Based on an independent review of the record, we find Bradshaw culpable of multiple counts of "
        "misconduct involving moral turpitude."
    )
    right = judge.judge(
        "The Supreme Court of California found Bradshaw culpable of multiple counts of misconduct involving moral "
        "turpitude.",
        source,
        header,
    )
    assert right.label == SUPPORTS, right.reason
    wrong = judge.judge(
        "In 2018, the Review Department found Bradshaw culpable of three counts.",
        source + (" The Review Department recommended a suspension."),
        header,
    )
    assert wrong.label != SUPPORTS


def test_a_higher_courts_holding_cited_by_a_district_court_is_precedent_not_a_recital(judge: Grounding) -> None:
    claim = "A motion to revise a judgment to include pre-judgment interest is a Rule 59(e) motion."
    source = (
        "Both the Supreme Court and the Ninth Circuit have held that a motion to revise a judgment to include "
        "pre-judgment interest is considered a Rule 59(e) motion."
    )
    district = "China Fortune Land Development v. 1955 Capital Fund I GP LLC · U.S. District Court for the Northern District of California · 2021-07-09"
    assert judge.judge(claim, source, district).label == SUPPORTS
    # under the Supreme Court's own opinion, the Ninth Circuit's holding is a lower court's
    supreme = "Smith v. Jones · Supreme Court of the United States · 2021-07-09"
    below = "The Ninth Circuit held that a motion to revise a judgment to include pre-judgment interest is a Rule 59(e) motion."
    assert judge.judge(claim, below, supreme).label == CONTRADICTS


def test_a_month_and_a_number_the_source_gives_only_in_its_header_date_or_a_misread_cite(judge: Grounding) -> None:
    """The header's "2019-10-02" states no "2" and no December 2019; "(a)(l2)" is a scan's "(a)(12)", no "2"; a
    scan's "December 20 18" is December 2018."""
    header = "Leonardo Calderon-Fuentes v. CEVA Logistics U.S. Holdings · Tennessee Court of Workers' Compensation Claims · 2019-10-02"
    returned = "He returned to work without restrictions in December 20 18 and continues working at CEVA."
    assert judge.judge("Calderon-Fuentes returned to work in December 2019.", returned, header).label == UNRELATED
    assert judge.judge("Calderon-Fuentes returned to work in December 2018.", returned, header).label == SUPPORTS
    panel = (
        "The employer shall designate a group of three (3) or more independent reputable physicians. "
        "See Tenn. Code Ann. § 50-6-118(a)(l2)."
    )
    verdict = judge.judge("The employer must designate two or more independent reputable physicians.", panel, header)
    assert verdict.label == UNRELATED and verdict.missing == ["2"]


def test_a_title_is_no_part_of_a_partys_name() -> None:
    """ "Mr. Hill" and "Mr. Banks" are two parties, not one sharing the name "Mr"."""
    hill, banks = (next(key for _, key in parties(name) if key) for name in ("Mr. Hill", "Mr. Banks"))
    assert hill == {"hill"} and not same_party(hill, banks)


def test_a_middle_initial_is_a_word_of_the_name(judge: Grounding) -> None:
    """ "Mitchell S. Felder": the initial "S" is a word of the name, not an empty one (it stopped the judge with an
    error on a claim naming Dr. Felder)."""
    felder = next(
        key for _, key in parties("unless specifically directed at the request of Mitchell S. Felder.") if key
    )
    assert felder == {"mitchell", "s", "felder"} and same_party(frozenset({"felder"}), felder)
    passage = (
        "The Parties agree that Marv and/or Mitchell S. Felder shall have no obligation and/or involvement in any "
        "capital raising activities for THI or Premier at any time and for any reason."
    )
    claim = "Marv and Dr. Felder have no obligation to take part in raising capital for THI or Premier."
    assert judge.judge(claim, passage, "Intellectual Property Agreement").label == SUPPORTS


@pytest.mark.parametrize(
    ("name", "row", "shown"),
    [
        # a ruling the claim states, told in the sentence after the one it restates
        ("claims_fresh33.json", "fresh33-m12-4", "unsupported"),
        ("claims_fresh33.json", "fresh33-m12-3", "supported"),
        # "4G" in a rate schedule names no party "G"
        ("claims_fresh33.json", "fresh33-m6-7", "supported"),
        # an order's enumerated rulings and a weighing, on the passages they were found on
        ("claims_fresh30.json", "fresh30-m13-9", "unsupported"),
        ("claims_fresh31.json", "fresh31-m8-2", "unsupported"),
        # the garnishee put where the order puts the plaintiff; a bound, an exception and a filing under seal
        ("claims_fresh36.json", "fresh36-k2-6", "unsupported"),
        ("claims_fresh36.json", "fresh36-k2-5", "supported"),
        ("claims_fresh35.json", "fresh35-m3-5", "unsupported"),
        ("claims_fresh36.json", "fresh36-t2-8", "unsupported"),
        ("claims_fresh36.json", "fresh36-k1-7", "unsupported"),
        # the party "entitled to seek" relief
        ("claims_fresh39.json", "fresh39-e3-7", "unsupported"),
        # a lettered list of what a rule leaves out: the item named by the claim, not the rule's own subject
        ("claims_fresh43.json", "fresh43-m1-5", "supported"),
        ("claims_fresh43.json", "fresh43-m1-1", "supported"),
        # "provided that no such change shall alter …": the change is the subject named, not what is denied
        ("claims_fresh45.json", "fresh45-b1-4", "supported"),
        # what the source has only "without" (notice, charge, compensation, counsel), stated plainly by the claim
        ("claims_fresh47.json", "fresh47-d11-5", "unsupported"),
        ("claims_fresh47.json", "fresh47-d8-4", "unsupported"),
        ("claims_fresh47.json", "fresh47-d3-5", "unsupported"),
        ("claims_fresh21.json", "fresh21-k1-2", "unsupported"),
        ("claims_fresh47.json", "fresh47-d11-3", "supported"),
        # who bears a cost: "at Aduro's request and expense", "at the expense and risk of Distributor", "the sole
        # responsibility of Distributor"
        ("claims_fresh46.json", "fresh46-a9-4", "unsupported"),
        ("claims_fresh46.json", "fresh46-a9-3", "supported"),
        ("claims_fresh47.json", "fresh47-d11-2", "unsupported"),
        ("claims_fresh47.json", "fresh47-d11-1", "supported"),
        ("claims_fresh47.json", "fresh47-d7-2", "unsupported"),
        ("claims_fresh47.json", "fresh47-d7-1", "supported"),
        # a negation past its asides: "shall not, without Aduro's prior written consent, directly or indirectly, solicit"
        ("claims_fresh46.json", "fresh46-a10-1", "supported"),
        ("claims_fresh46.json", "fresh46-a10-2", "unsupported"),
        # "not reasonably disputed" is undisputed; "retained" is kept; "thereafter" is after
        ("claims_fresh46.json", "fresh46-a2-8", "supported"),
        ("claims_fresh46.json", "fresh46-a6-1", "supported"),
        ("claims_fresh47.json", "fresh47-d14-1", "supported"),
        ("claims_fresh47.json", "fresh47-d14-2", "unsupported"),
        # an employee against an independent contractor
        ("claims_fresh46.json", "fresh46-a8-2", "unsupported"),
        ("claims_fresh46.json", "fresh46-a8-1", "supported"),
        # a defined term ("all other Complaints within five days") is no party where the claim writes it as a noun
        ("claims_fresh47.json", "fresh47-d13-3", "supported"),
        # who pays, written "Company agrees that it will reimburse Licensor for all reasonable travel, lodging and
        # meal expenses" or "Customer shall pay for any reasonable incremental and documented costs"
        ("claims_fresh48.json", "fresh48-m6-2", "unsupported"),
        ("claims_fresh48.json", "fresh48-m7-2", "unsupported"),
        ("claims_fresh49.json", "fresh49-p11-2", "unsupported"),
        ("claims_fresh48.json", "fresh48-m7-1", "supported"),
        # "free of charge" in the source is "without charge"; "exclusive of … VAT" excludes it
        ("claims_fresh49.json", "fresh49-p8-6", "unsupported"),
        ("claims_fresh49.json", "fresh49-p8-5", "supported"),
        ("claims_fresh49.json", "fresh49-p6-4", "unsupported"),
        # "$1,000,000.00" is $1,000,000; "one and one-half percent (1-1/2%)" is 1.5%, not 2%
        ("claims_fresh48.json", "fresh48-m8-1", "supported"),
        ("claims_fresh48.json", "fresh48-m5-2", "unsupported"),
        ("claims_fresh48.json", "fresh48-m5-1", "supported"),
        # a negation's predicate past "thereafter" and "be held"; "or remove Duval as" is denied as the verbs before
        ("claims_fresh48.json", "fresh48-m11-2", "unsupported"),
        ("claims_fresh49.json", "fresh49-p1-5", "unsupported"),
        ("claims_fresh48.json", "fresh48-m8-4", "supported"),
        # no party's place at an adverb, "unless", "within", "free", "in connection with"; a verb for "in
        # connection with" is a paraphrase
        ("claims_fresh48.json", "fresh48-m1-1", "supported"),
        ("claims_fresh49.json", "fresh49-p3-3", "supported"),
        ("claims_fresh49.json", "fresh49-p4-1", "supported"),
        ("claims_fresh48.json", "fresh48-m6-1", "supported"),
        ("claims_fresh49.json", "fresh49-p11-1", "supported"),
        # "only" placed elsewhere in the same phrase, or "exclusively": the same limit
        ("claims_fresh49.json", "fresh49-p10-1", "supported"),
        ("claims_fresh49.json", "fresh49-p1-3", "supported"),
        # "terminate by written notice" names a means, not one acting; a passive in one text with no "by" names no one
        ("claims_fresh48.json", "fresh48-m14-3", "supported"),
        ("claims_fresh49.json", "fresh49-p6-2", "supported"),
        ("claims_fresh49.json", "fresh49-p12-1", "supported"),
        # the party of "grant" in "WebMD agrees to grant, and Emdeon agrees to accept, a license" is WebMD; "Emdeon
        # agrees to bear and be responsible for the payment of all such taxes"
        ("claims_fresh50.json", "fresh50-w1-2", "unsupported"),
        ("claims_fresh50.json", "fresh50-w1-1", "supported"),
        ("claims_fresh50.json", "fresh50-w9-2", "unsupported"),
        # "Neither party shall have the right to sell, assign, transfer or hypothecate": each verb denied
        ("claims_fresh50.json", "fresh50-w13-1", "supported"),
        ("claims_fresh50.json", "fresh50-w13-2", "unsupported"),
        # "Such license is a non-exclusive … license", the sentence after the one the claim is matched to
        ("claims_fresh50.json", "fresh50-w3-2", "unsupported"),
        ("claims_fresh50.json", "fresh50-w3-1", "supported"),
        # a majority vote against a unanimous one
        ("claims_fresh52.json", "fresh52-j12-2", "unsupported"),
        ("claims_fresh52.json", "fresh52-j10-1", "supported"),
        ("claims_fresh52.json", "fresh52-j6-2", "unsupported"),
        # who owns a thing, and who pays for one
        ("claims_fresh46.json", "fresh46-a9-2", "unsupported"),
        ("claims_fresh53.json", "fresh53-s12-2", "unsupported"),
        ("claims_fresh53.json", "fresh53-s12-1", "supported"),
        ("claims_fresh53.json", "fresh53-s8-2", "unsupported"),
        ("claims_fresh53.json", "fresh53-s8-1", "supported"),
        ("claims_fresh52.json", "fresh52-j8-2", "unsupported"),
        # "no cancellation, non-renewal, or modification of such coverage without … notice": a negation before a
        # list reaches "without"
        ("claims_fresh54.json", "fresh54-m9-4", "supported"),
        # a date typed "June 20 , 2020"; a relative clause after a preposition ("for which it has not received
        # prepayment") negated on its own
        ("claims_fresh55.json", "fresh55-p14-1", "supported"),
        ("claims_fresh55.json", "fresh55-p11-1", "supported"),
        # "consent for Premier to assign", "The Provider or its affiliate will provide": who acts
        ("claims_fresh55.json", "fresh55-p2-3", "unsupported"),
        ("claims_fresh54.json", "fresh54-m4-3", "unsupported"),
        ("claims_fresh54.json", "fresh54-m4-1", "supported"),
        # "(with the Company to pay the reasonable costs …)"; "Marv is owner of"
        ("claims_fresh54.json", "fresh54-m8-4", "unsupported"),
        ("claims_fresh55.json", "fresh55-p1-2", "unsupported"),
        ("claims_fresh55.json", "fresh55-p1-1", "supported"),
        # survives termination against ends on it; refuses consent against gives it; euros against dollars
        ("claims_fresh54.json", "fresh54-m14-2", "unsupported"),
        ("claims_fresh55.json", "fresh55-p2-2", "unsupported"),
        ("claims_fresh55.json", "fresh55-p6-3", "unsupported"),
        ("claims_fresh55.json", "fresh55-p6-1", "supported"),
        # "is unable for any reason to provide", "a pro rata portion", "perform the Services", a name reordered
        ("claims_fresh54.json", "fresh54-m10-3", "supported"),
        ("claims_fresh54.json", "fresh54-m6-1", "supported"),
        ("claims_fresh55.json", "fresh55-p2-1", "supported"),
        ("claims_fresh55.json", "fresh55-p5-2", "supported"),
        # "two (2) weeks" is two weeks; "$40,000 per month" is no "$40,000 a year"
        ("claims_fresh54.json", "fresh54-m10-4", "unsupported"),
        ("claims_fresh47.json", "fresh47-d13-2", "unsupported"),
        ("claims_fresh54.json", "fresh54-m7-2", "unsupported"),
        ("claims_fresh54.json", "fresh54-m7-1", "supported"),
        # "shall have no obligation … in any capital raising" against "must help raise capital"; "not prior to"
        ("claims_fresh55.json", "fresh55-p16-2", "unsupported"),
        ("claims_fresh55.json", "fresh55-p16-1", "supported"),
        ("claims_fresh55.json", "fresh55-p4-2", "unsupported"),
        # "shall not be obligated to purchase … and shall not be obligated to take": two denials, no double negative
        ("claims_fresh57.json", "fresh57-a2-1", "supported"),
        ("claims_fresh57.json", "fresh57-a2-3", "supported"),
        # a venue in another county; one party alone where the source gives it to either
        ("claims_fresh57.json", "fresh57-a14-3", "unsupported"),
        ("claims_fresh57.json", "fresh57-a14-1", "supported"),
        ("claims_fresh56.json", "fresh56-h12-2", "unsupported"),
        ("claims_fresh56.json", "fresh56-h12-1", "supported"),
        # "five thousand VISP websites"; "developmental" for "development"; "its intention not to renew"
        ("claims_fresh56.json", "fresh56-h3-8", "supported"),
        ("claims_fresh56.json", "fresh56-h3-1", "supported"),
        ("claims_fresh56.json", "fresh56-h2-1", "supported"),
        # "drafted by Kingdom Ventures." ends a sentence: no list of parties runs on into the next one
        ("claims_fresh56.json", "fresh56-h15-2", "unsupported"),
        ("claims_fresh56.json", "fresh56-h15-1", "supported"),
        # "will not be responsible for … losses … that result from … gross negligence on the part of the Agent"
        ("claims_fresh57.json", "fresh57-a15-2", "unsupported"),
        ("claims_fresh57.json", "fresh57-a15-1", "supported"),
        # a condition after ", but" limits its own clause
        ("claims_fresh57.json", "fresh57-a11-1", "supported"),
        ("claims_fresh57.json", "fresh57-a11-2", "unsupported"),
        # "no rights or obligations hereunder, including but not limited to …, shall be assigned"
        ("claims_fresh56.json", "fresh56-h11-2", "unsupported"),
        ("claims_fresh56.json", "fresh56-h11-1", "supported"),
        # the disclosing party against the receiving one
        ("claims_fresh56.json", "fresh56-h6-4", "unsupported"),
        ("claims_fresh56.json", "fresh56-h6-3", "supported"),
        # "unless otherwise expressly set forth herein" saves other terms, no condition; the non-exclusive licence the
        # next sentence grants as exclusive ("… a worldwide, exclusive, royalty free, perpetual license of such …")
        ("claims_fresh58.json", "fresh58-c5-1", "supported"),
        ("claims_fresh58.json", "fresh58-c6-1", "supported"),
        ("claims_fresh58.json", "fresh58-c6-4", "unsupported"),
        # "has no duty, liability or responsibility of any kind … for the acts"
        ("claims_fresh59.json", "fresh59-d6-2", "unsupported"),
        ("claims_fresh59.json", "fresh59-d6-1", "supported"),
        # "a Recall caused by Capsugel's negligence": the noun before a participle is no party; "deploy one without"
        ("claims_fresh58.json", "fresh58-c12-1", "supported"),
        ("claims_fresh58.json", "fresh58-c12-2", "unsupported"),
        ("claims_fresh59.json", "fresh59-d3-1", "supported"),
        # "non‐ exclusive" printed with a Unicode hyphen and a space; "without cause upon written notice"
        ("claims_fresh60.json", "fresh60-r1-1", "supported"),
        ("claims_fresh60.json", "fresh60-r1-2", "unsupported"),
        ("claims_fresh60.json", "fresh60-r10-3", "supported"),
        # "no Party shall be able to terminate … so long as such Party is a Defaulting Party"
        ("claims_fresh61.json", "fresh61-l11-5", "unsupported"),
        ("claims_fresh61.json", "fresh61-l11-4", "supported"),
        # "During the term …, the Parties shall": a contract's opener is no party; "and no Order binds Supplier"
        ("claims_fresh61.json", "fresh61-l2-1", "supported"),
        ("claims_fresh60.json", "fresh60-r7-1", "supported"),
        ("claims_fresh60.json", "fresh60-r7-3", "unsupported"),
        # "Reseller's Confidential Information" against "the Supplier's Confidential Information"
        ("claims_fresh60.json", "fresh60-r9-2", "unsupported"),
        ("claims_fresh60.json", "fresh60-r9-1", "supported"),
        # "which taxes will be remitted by the Consultant" ("remitted" and "remits" one verb); "will pay to the
        # Consultant all reasonable expenses"; "provide its Services … through its Principal"
        ("claims_fresh63.json", "fresh63-g3-4", "unsupported"),
        ("claims_fresh63.json", "fresh63-g3-3", "supported"),
        ("claims_fresh63.json", "fresh63-g3-2", "unsupported"),
        ("claims_fresh63.json", "fresh63-g3-1", "supported"),
        ("claims_fresh63.json", "fresh63-g4-1", "supported"),
        # keeping the Confidential Information against delivering it; "without authorization" against "only after
        # receiving written authorization"
        ("claims_fresh63.json", "fresh63-g10-2", "unsupported"),
        ("claims_fresh63.json", "fresh63-g10-1", "supported"),
        ("claims_fresh62.json", "fresh62-t14-2", "unsupported"),
        ("claims_fresh62.json", "fresh62-t14-1", "supported"),
        # "shall be deemed a waiver of such right"; "any Licensee Content or other content not supplied by VOTOCAST";
        # "shall not exclude or remove"; interest of one percent per month, not per year
        ("claims_fresh64.json", "fresh64-n6-4", "unsupported"),
        ("claims_fresh64.json", "fresh64-n6-2", "supported"),
        ("claims_fresh65.json", "fresh65-v12-1", "supported"),
        ("claims_fresh65.json", "fresh65-v12-2", "unsupported"),
        ("claims_fresh65.json", "fresh65-v8-3", "unsupported"),
        ("claims_fresh65.json", "fresh65-v8-1", "supported"),
        # "for one the Carrier does not issue" is no count; "will at no time exceed the lesser of" is no "without";
        # "every one hundred-eighty (180) days" is 180 days
        ("claims_fresh66.json", "fresh66-e1-1", "supported"),
        ("claims_fresh66.json", "fresh66-e3-5", "supported"),
        ("claims_fresh67.json", "fresh67-w11-1", "supported"),
        ("claims_fresh67.json", "fresh67-w11-2", "unsupported"),
    ],
)
def test_found_on_a_batchs_own_passage(judge: Grounding, name: str, row: str, shown: str) -> None:
    r = next(r for r in json.loads((DATA / name).read_text(encoding="utf-8"))["claims"] if r["id"] == row)
    assert support_of(judge.judge(r["claim"], r["passage"], r["header"])) == shown
