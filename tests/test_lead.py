"""The "Yes." / "No." read from an answer's quotes (legalassist.generate.lead): pure, no model or library.

The quotes are the sample corpus's own sentences, as extractive answers quoted them on the answer benchmark's
tuning half (corpus/questions.json), where the rule was chosen."""

from __future__ import annotations

import pytest
from fakes import hit

from legalassist.benchmarks.grounding import analyzer_terms
from legalassist.domain import Answer, Claim, Hit
from legalassist.generate.grounding import Grounding
from legalassist.generate.lead import (
    HOLDING,
    LAW,
    OPINION,
    OTHER,
    SEPARATE,
    is_yes_no,
    lead,
    reading,
    standing,
    with_lead,
)
from legalassist.memo import answer_memo


@pytest.fixture(scope="module")
def judge() -> Grounding:
    return Grounding(analyzer_terms())


@pytest.mark.parametrize(
    "question, quote, said",
    [
        # A negation over the question's own words: no.
        (
            "Does the Federal Arbitration Act apply to contracts made before 1926?",
            "This title shall not apply to contracts made prior to January 1, 1926.",
            "no",
        ),
        (
            "May a state court order a veteran to indemnify a divorced spouse for retirement pay the veteran "
            "waived to receive disability benefits?",
            "Held: A state court may not order a veteran to indemnify a divorced spouse for the loss in the "
            "divorced spouse’s portion of the veteran’s retirement pay caused by the veteran’s waiver of "
            "retirement pay to receive service-related disability benefits.",
            "no",
        ),
        (
            "Can a person be compelled in a criminal case to be a witness against himself?",
            "nor shall any person be subject for the same offense to be twice put in jeopardy of life or limb; "
            "nor shall be compelled in any criminal case to be a witness against himself",
            "no",
        ),
        # The question's own verb denied, though the judge reads "bar … from" as a denial of what follows it
        (
            "Does issue preclusion bar retrying defendants after inconsistent verdicts?",
            "Held: The issue-preclusion component of the Double Jeopardy Clause does not bar the Government from "
            "retrying defendants after inconsistent verdicts.",
            "no",
        ),
        # two negations in two clauses joined by "and that", and a section's "(a)", are no double negative
        (
            "Are the Federal Sentencing Guidelines subject to vagueness challenges under the Due Process Clause?",
            "Accordingly, we hold that the advisory Sentencing Guidelines are not subject to a vagueness challenge "
            "under the Due Process Clause and that §4B1.2(a)’s residual clause is not void for vagueness.",
            "no",
        ),
        # The question's words stated plainly, no negation: yes.
        (
            "Is someone who actively induces patent infringement liable as an infringer?",
            "(b) Whoever actively induces infringement of a patent shall be liable as an infringer.",
            "yes",
        ),
        (
            "Did the petitioners in Czyzewski v. Jevic Holding Corp. have Article III standing?",
            "Petitioners have Article III standing.",
            "yes",
        ),
        # The question names the word that would otherwise void the lead ("bar" / "barring").
        (
            "Do FEHBA contract terms on subrogation and reimbursement override state laws that bar subrogation?",
            "they override state laws barring subrogation and reimbursement",
            "yes",
        ),
        # Unsure, so no lead: a supposition ...
        (
            "Does the FVRA's bar on nominees serving as acting officers apply only to first assistants?",
            "Congress could readily have used more specific language if it intended subsection (b)(1) to apply "
            "only to first assistants acting under (a)(1).",
            "",
        ),
        # ... a word that voids what the question asks about (the answer is no, with no negation) ...
        (
            "Can a railroad carrier use a contract to exempt itself from liability under the Federal Employers' "
            "Liability Act?",
            "Any contract, rule, regulation, or device whatsoever, the purpose or intent of which shall be to "
            "enable any common carrier to exempt itself from any liability created by this chapter, shall to "
            "that extent be void",
            "",
        ),
        # ... "No person except" (the answer is yes, with a negation) ...
        (
            "Must the President be a natural born citizen?",
            "No person except a natural born Citizen, or a Citizen of the United States, at the time of the "
            "Adoption of this Constitution, shall be eligible to the Office of President",
            "",
        ),
        # ... a numbered list, whose items decide (the answer is yes: item 4 is not a stay refused) ...
        (
            "May an appeal be taken from an order refusing a stay of an action under section 3 of the "
            "arbitration title?",
            "an appeal may not be taken from an interlocutory order— (1) granting a stay of any action under "
            "section 3 of this title; (2) directing arbitration to proceed under section 4 of this title",
            "",
        ),
        # ... a lower court's holding, recited by the court that reverses it ...
        (
            "Does the Federal Employers' Liability Act allow a state court to exercise general personal "
            "jurisdiction over a railroad?",
            "Section 56, the court determined, authorizes state courts to exercise personal jurisdiction over "
            "railroads doing business in the State.",
            "",
        ),
        # ... a negation over other words than the question's ...
        (
            "Did the District Court err in concluding that race predominated in the redesign of North "
            "Carolina's District 1?",
            "Accordingly, we uphold the District Court’s conclusion that North Carolina’s use of race as the "
            "predominant factor in designing District 1 does not withstand strict scrutiny.",
            "",
        ),
        # ... a quote carrying almost none of the question's words.
        ("Can a State confer immunity from federal causes of action?", "The judgment is affirmed.", ""),
    ],
)
def test_reading(judge: Grounding, question: str, quote: str, said: str) -> None:
    assert reading(judge, question, quote) == said


@pytest.mark.parametrize(
    "quote",
    [
        "We granted certiorari to determine whether a party that supplies a single component of a "
        "multicomponent invention for manufacture abroad can be held liable for infringement.",
        "… among courts on this question: Does the issue-preclusion component of the Double Jeopardy Clause bar "
        "the Government from retrying defendants",
        "Does FEHBA’s express-preemption prescription override state law prohibiting subrogation?",
    ],
)
def test_a_quote_setting_the_question_out_is_passed_over(judge: Grounding, quote: str) -> None:
    question = "Does issue preclusion bar retrying defendants after inconsistent verdicts?"
    assert reading(judge, question, quote) is None


def test_lead_needs_every_quote_to_agree(judge: Grounding) -> None:
    question = "Can laches bar a claim for patent damages brought within the six-year limitations period?"
    no = "Laches cannot preclude a claim for damages incurred within the six-year limitations period."
    assert lead(judge, question, [no]) == "No"
    asked = "We granted certiorari to decide whether laches can bar a claim for patent damages."
    assert lead(judge, question, [asked, no]) == "No"  # the question set out is passed over
    assert lead(judge, question, [no, "Laches bars a claim for patent damages brought within the period."]) == ""
    unsure = "Even if we assume that laches applies, it does not follow that it bars a claim for damages."
    assert lead(judge, question, [no, unsure]) == ""
    assert lead(judge, question, [asked]) == ""  # nothing but the question
    assert lead(judge, question, []) == ""


def test_only_a_yes_no_question_gets_a_lead(judge: Grounding) -> None:
    quote = "This title shall not apply to contracts made prior to January 1, 1926."
    assert lead(judge, "To which contracts does the Federal Arbitration Act not apply?", [quote]) == ""
    assert is_yes_no("In White v. Pauly, did Officer White violate clearly established law?")
    assert is_yes_no("Must the President be a natural born citizen?")
    assert not is_yes_no("Within what time must an action be commenced?")
    assert not is_yes_no("How long is a Senator's term?")
    # A negative question's yes or no can be read either way: none is given.
    exhausts = "A patentee’s decision to sell a product exhausts all of its patent rights in that item."
    assert lead(judge, "Does a patentee's sale exhaust its patent rights?", [exhausts]) == "Yes"
    assert lead(judge, "Is a patentee's sale not an exhaustion of its patent rights?", [exhausts]) == ""


def test_with_lead_reads_supported_claims_only(judge: Grounding) -> None:
    question = "Does the Federal Arbitration Act apply to contracts made before 1926?"
    quote = '"This title shall not apply to contracts made prior to January 1, 1926." [1]'
    statute = [hit(1, "9 U.S.C. § 1", quote.strip('"[1] '))]
    supported = Claim(quote, [1], "supported", 0.9)
    assert with_lead(judge, question, quote, [supported], statute) == ("No", "No.\n\n" + quote)
    # The same sentence marked unsupported is no ground for a lead.
    assert with_lead(judge, question, quote, [Claim(quote, [], "unsupported", 0.2)], statute) == ("", quote)


def _opinion(text: str, part: str) -> Hit:
    found = hit(2, "Star Athletica, L. L. C. v. Varsity Brands, Inc.", text, doc_type="opinion")
    found.passage.breadcrumb = part
    return found


def test_who_says_it_decides_which_lead_it_can_give(judge: Grounding) -> None:
    question = "Is a feature of a useful article's design eligible for copyright protection?"
    yes = "A feature incorporated into the design of a useful article is eligible for copyright protection."
    no = "A feature incorporated into the design of a useful article is not eligible for copyright protection."
    assert standing(_opinion(yes, "Syllabus"), yes) == HOLDING
    assert standing(_opinion(yes, "Opinion of the Court (THOMAS, J.)"), yes) == OPINION
    assert standing(_opinion("We hold that " + yes, "Opinion of the Court"), "We hold that " + yes) == HOLDING
    assert standing(_opinion(yes, "BREYER, J., dissenting"), yes) == SEPARATE
    assert standing(hit(3, "A brief", yes, doc_type="brief"), yes) == OTHER
    assert standing(hit(4, "17 U.S.C. § 101", yes), yes) == LAW
    # The syllabus and the enacted text say yes or no; the rest of an opinion only no; a dissent neither.
    for who, said in [(HOLDING, ("Yes", "No")), (LAW, ("Yes", "No")), (OPINION, ("", "No")), (SEPARATE, ("", ""))]:
        assert (lead(judge, question, [yes], [who]), lead(judge, question, [no], [who])) == said, who
    # A quote cited to the syllabus and to the opinion stands as the syllabus.
    claim = Claim(yes, [1, 2], "supported")
    both = [_opinion(yes, "Opinion of the Court"), _opinion(yes, "Syllabus")]
    assert with_lead(judge, question, yes, [claim], both)[0] == "Yes"
    assert with_lead(judge, question, yes, [Claim(yes, [1], "supported")], both)[0] == ""


def test_the_lead_is_shown_in_the_memo_and_the_json() -> None:
    claim = Claim('"This title shall not apply to contracts made prior to January 1, 1926."', [], "supported")
    answer = Answer("Does the Act apply to contracts made before 1926?", "No.\n\n" + claim.text, [], [claim],
                    "extractive", False, lead="No")  # fmt: skip
    assert answer.to_json()["lead"] == "No"
    memo = answer_memo(answer, when=0)
    assert memo.index("**No.**") < memo.index("This title shall not apply")
    plain = Answer(answer.question, claim.text, [], [claim], "extractive", False)
    assert "**No.**" not in answer_memo(plain, when=0) and plain.to_json()["lead"] == ""


def test_the_answer_view_shows_the_lead_first() -> None:
    from legalassist.ui.render import render_answer

    claim = Claim('"This title shall not apply to contracts made prior to January 1, 1926."', [], "supported")
    html = render_answer(Answer("q?", "No.\n\n" + claim.text, [], [claim], "extractive", False, lead="No"))
    assert html.index("<b>No.</b>") < html.index("This title shall not apply")
    assert "<b>No.</b>" not in render_answer(Answer("q?", claim.text, [], [claim], "extractive", False))


@pytest.mark.parametrize(
    "question, quote",
    [
        # A dissent's view, which the Court rejected (the answer is no).
        (
            "Does IEEPA authorize the President to impose tariffs?",
            "All of that and much more, in my view, overwhelmingly establish that IEEPA clearly authorizes the "
            "President to impose tariffs.",
        ),
        # The lower court's view, recited by the Court that reverses it (the answer is no).
        (
            "Is a nonfrivolous argument enough to bring a claim within the FSIA's expropriation exception?",
            "Any possible, i.e., “ ‘non-frivolous,’ ” ibid., claim of expropriation is sufficient, in the Court of "
            "Appeals’ view, to bring a case within the scope of the FSIA’s exception.",
        ),
        (
            "Is a nonfrivolous argument enough to bring a claim within the FSIA's expropriation exception?",
            "The court decided only whether the plaintiffs might have a nonfrivolous expropriation claim, making "
            "clear that, under its standard, a nonfrivolous argument would be sufficient.",
        ),
        # A caption (certiorari was denied).
        (
            "Did the Supreme Court grant certiorari in Leonard v. Texas?",
            "ON PETITION FOR WRIT OF CERTIORARI TO THE COURT OF APPEALS OF TEXAS, NINTH DISTRICT No. 16–122.",
        ),
    ],
)
def test_no_lead_from_another_view_or_a_caption(judge: Grounding, question: str, quote: str) -> None:
    assert reading(judge, question, quote) == ""


def test_the_deciding_courts_own_view_still_leads(judge: Grounding) -> None:
    question = "Can a State confer immunity from federal causes of action?"
    dissent = "In my view, a State has no power to confer immunity from federal causes of action."
    assert reading(judge, question, dissent) == ""
    assert (
        reading(judge, question, "In our view, a State has no power to confer immunity from federal causes of action.")
        == "no"
    )
