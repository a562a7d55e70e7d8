"""The answer path end to end on fakes (tests/fakes.py): retrieval's hits in, the prompt, a scripted model
reply, and the app's checks of it. No model file, no library: this is the fast tier's view of grounding."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fakes import FakeModels, FakeReader, fake_context, hit, memory_stores

from legalassist.generate.answer import NO_SUPPORT, answer_question
from legalassist.generate.extractive import extract
from legalassist.generate.prompt import NO_ANSWER

FELA_56 = (
    "United States Code, Title 45, Section 56\n45 U.S.C. § 56\n"
    "§ 56. Actions; limitation; concurrent jurisdiction of courts\n"
    "No action shall be maintained under this chapter unless commenced within three years from the day\n"
    "the cause of action accrued.\n"
    "Under this chapter an action may be brought in a district court of the United States, in the\n"
    "district of the residence of the defendant, or in which the cause of action arose, or in which the\n"
    "defendant shall be doing business at the time of commencing such action.\n"
    "(Apr. 22, 1908, ch. 149, § 6, 35 Stat. 66; Apr. 5, 1910, ch. 143, § 1, 36 Stat. 291.)"
)
QUESTION = "Within what time must an action under the Federal Employers' Liability Act be commenced?"


def _ask(reply: str, question: str = QUESTION):
    hits = [hit(1, "45 U.S.C. § 56", FELA_56, known_as="Federal Employers' Liability Act (FELA)")]
    ctx, llm = fake_context(reply, hits)
    return answer_question(ctx, question, hits), llm


def test_a_right_answer_is_shown_with_a_quote_from_what_the_model_saw() -> None:
    answer, llm = _ask(
        "An action under the Federal Employers' Liability Act must be commenced within three years from the day "
        "the cause of action accrued. [1]"
    )
    assert not answer.abstained
    assert [c.support for c in answer.claims] == ["supported"]
    assert answer.citations and answer.citations[0].n == 1
    shown = llm.prompts[0][1]["content"]
    cited = FELA_56[answer.citations[0].start : answer.citations[0].end]
    assert cited and " ".join(cited.split()) in " ".join(shown.split())  # the quote is text the model was shown


def test_the_five_years_answer_is_never_shown_as_supported() -> None:
    """The reported failure: "5" stood backed by "Apr. 5, 1910" in the section's history."""
    answer, _ = _ask(
        "An action under the Federal Employers' Liability Act must be commenced within 5 years from the day "
        "the cause of action accrued. [1]"
    )
    assert answer.claims and all(c.support == "unsupported" for c in answer.claims)
    assert answer.abstained and answer.text == NO_SUPPORT


def test_a_negated_holding_is_not_supported() -> None:
    answer, _ = _ask(
        "An action under the Federal Employers' Liability Act may be maintained even if not commenced within "
        "three years from the day the cause of action accrued. [1]"
    )
    assert answer.claims and all(c.support != "supported" for c in answer.claims)


def test_a_claim_the_entailment_reader_reads_as_contradicted_is_not_shown_supported() -> None:
    """The rules show both sentences supported; the reader (a fake that reads "day" as contradicted) is asked
    about each against the sentence the judge rests it on, and one it reads as contradicted above its threshold
    is shown unsupported, with the reader named as the reason."""
    reply = (
        "An action under the Federal Employers' Liability Act must be commenced within three years. [1] "
        "The three years run from the day the cause of action accrued. [1]"
    )
    hits = [hit(1, "45 U.S.C. § 56", FELA_56, known_as="Federal Employers' Liability Act (FELA)")]
    ctx, _ = fake_context(reply, hits)
    without = answer_question(ctx, QUESTION, hits)
    assert [c.support for c in without.claims] == ["supported", "supported"]
    reader = FakeReader(["day"])
    ctx.models.reader = reader  # type: ignore[attr-defined]
    answer = answer_question(ctx, QUESTION, hits)
    assert [c.support for c in answer.claims] == ["supported", "unsupported"]
    assert "entailment reader" in answer.claims[1].reason and not answer.claims[1].citations
    sentence, claim = reader.asked[1]
    assert claim.startswith("The three years run") and "within three years from the day" in sentence


@pytest.mark.parametrize("echo", ["page 1, 45 U.S.C. § 56.", "Source: 45 U.S.C. § 56", "Passages:"])
def test_echoed_scaffolding_never_becomes_a_claim(echo: str) -> None:
    answer, _ = _ask(f"{echo} An action must be commenced within three years from the day the cause of action accrued.")
    assert [c.text for c in answer.claims if "56" in c.text or "Passages" in c.text] == []


def test_the_models_own_no_answer_is_the_apps_no_answer() -> None:
    answer, _ = _ask(NO_ANSWER)
    assert answer.abstained and answer.text == NO_SUPPORT and answer.model_text == NO_ANSWER


def test_a_question_the_passages_do_not_touch_is_declined_before_the_model_runs() -> None:
    answer, llm = _ask("Yes. [1]", question="What are the elements of adverse possession in Florida?")
    assert answer.abstained and llm.prompts == []


def test_an_answer_that_does_not_repeat_the_acts_name_is_answered_when_its_source_is_that_act() -> None:
    """A statute rarely names its own Act: "within three years [1]" from 45 U.S.C. § 56, the Federal Employers'
    Liability Act, answers the question that names the Act."""
    answer, _ = _ask("An action must be commenced within three years from the day the cause of action accrued. [1]")
    assert not answer.abstained and [c.support for c in answer.claims] == ["supported"]


def test_the_sources_name_does_not_answer_a_question_on_another_subject() -> None:
    answer, _ = _ask(
        "An action must be commenced within three years from the day the cause of action accrued. [1]",
        question="What is the limitations period for a copyright infringement claim?",
    )
    assert answer.abstained


@pytest.mark.parametrize("where", ["folder", "memory"])
def test_the_app_end_to_end_on_fakes(tmp_path, where: str) -> None:
    """Import real PDFs, embed them, search hybrid and answer, with the fake embedder and the scripted model in
    place of the GGUF files: the library's whole path in the fast tier, on the library folder's stores and on
    the in-memory ones."""
    from conftest import CORPUS, make_settings

    from legalassist.service import Library

    reply = "An action must be commenced within three years from the day the cause of action accrued. [1]"
    models = FakeModels(reply, make_settings(tmp_path / "lib", answer_mode="model"))
    docs = [CORPUS / "us_code" / name for name in ("45_USC_56.pdf", "45_USC_51.pdf", "9_USC_2.pdf", "9_USC_4.pdf")]
    # Worded near the statute: the fake embedder's cosines are bags of words, lower than MiniLM's.
    question = "Within how many years from the day the cause of action accrued must an action under FELA be commenced?"
    stores = memory_stores() if where == "memory" else None
    with Library(models.settings, models=models, stores=stores) as lib:  # type: ignore[arg-type]
        assert [r.status for r in lib.import_paths(docs)] == ["imported"] * 4
        assert {d.status for d in lib.documents()} == {"embedded"}
        hits = lib.search(question, 5)
        assert hits[0].document.path.endswith("45_USC_56.pdf")
        assert hits[0].keyword_rank is not None and hits[0].vector_rank is not None  # both lists fused
        answer = lib.ask(question)
        assert not answer.abstained and answer.citations[0].document.path.endswith("45_USC_56.pdf")
        assert "three years" in answer.citations[0].quote
        assert lib.verify() == []
    assert (tmp_path / "lib" / "catalog.sqlite").exists() == (where == "folder")


# Star Athletica's syllabus as the page prints it: words hyphenated over line ends, and a holding longer than
# the excerpt a passage is shown by, so the excerpt ends inside it ("sculp-").
STAR_ATHLETICA = (
    "The District Court granted petitioner summary judgment, holding that the\n"
    "  designs could not be conceptually or physically separated from the\n"
    "  uniforms and were therefore ineligible for copyright protection.\n"
    "Held: A feature incorporated into the design of a useful article is eligi-\n"
    "  ble for copyright protection only if the feature (1) can be perceived as\n"
    "  a two- or three-dimensional work of art separate from the useful arti-\n"
    "  cle, and (2) would qualify as a protectable pictorial, graphic, or sculp-\n"
    "  tural work\u2014either on its own or fixed in some other tangible medium\n"
    "  of expression\u2014if it were imagined separately from the useful article\n"
    "  into which it is incorporated. That test is satisfied here. Pp. 3\u201317."
)
CAPACITY = (
    "Held: In a suit brought against a tribal employee in his individual ca-\n"
    "pacity, the employee, not the tribe, is the real party in interest and the\n"
    "tribe\u2019s sovereign immunity is not implicated."
)


def test_an_extractive_answer_quotes_line_broken_words_whole_and_each_quote_verifies() -> None:
    """The reported failure: a quote of the page's own "eligi-/ble" and "ca-/pacity" failed the quote check, so
    the holding itself was refused and the app said the library held no answer."""
    hits = [
        hit(1, "Star Athletica, L.L.C. v. Varsity Brands, Inc.", STAR_ATHLETICA, doc_type="opinion"),
        hit(2, "Lewis v. Clarke", CAPACITY, doc_type="opinion"),
    ]
    ctx, _ = fake_context("", hits)
    answer = extract(
        ctx,
        "When is a feature incorporated into the design of a useful article eligible for copyright protection?",
        hits,
    )
    assert not answer.abstained, [(c.text, c.reason) for c in answer.claims]
    first = answer.claims[0]
    assert first.support == "supported" and all(q.verified for q in first.quotes)
    assert "eligible for copyright protection only if" in first.text and "-" not in first.text.split("(1)")[0]
    # The excerpt ends inside the holding: the quote ends in an ellipsis, and leaves the cut word out.
    assert first.text.rstrip('"').endswith("\u2026") and "sculp" not in first.text
    assert all("\n" not in c.text for c in answer.claims)  # each quote is a claim of its own

    answer = extract(
        ctx, "Does tribal sovereign immunity protect a tribal employee sued in his individual capacity?", hits[::-1]
    )
    assert not answer.abstained and "individual capacity, the employee" in answer.text, answer.text


ELECTORS = (
    "Each State shall appoint, in such Manner as the Legislature thereof may direct, a Number of Electors, equal\n"
    "to the whole Number of Senators and Representatives to which the State may be entitled in the Congress."
)


def test_an_extractive_answer_is_declined_when_the_question_names_a_place_its_quotes_never_name() -> None:
    hits = [hit(3, "Constitution of the United States", ELECTORS, doc_type="constitution")]
    ctx, _ = fake_context("", hits)
    asked = "How many electors may {} appoint in such manner as its legislature may direct?"
    answered = extract(ctx, asked.format("each State"), hits)
    assert not answered.abstained and "whole Number of Senators" in answered.text, answered.text
    declined = extract(ctx, asked.format("California"), hits)
    assert declined.abstained and declined.text == NO_SUPPORT and not declined.citations


def test_an_extractive_answer_counts_the_acts_name_for_a_statute_that_never_names_it() -> None:
    """The reported question: 45 U.S.C. § 56 says "within three years" without naming the Federal Employers'
    Liability Act, so its sentence carried too few of the question's words and the app declined. The words of
    its document's names count as carried; they do not make it answer another subject."""
    hits = [hit(1, "45 U.S.C. § 56", FELA_56, known_as="Federal Employers' Liability Act (FELA)")]
    ctx, _ = fake_context("", hits)
    answer = extract(ctx, QUESTION, hits)
    assert not answer.abstained and "within three years" in answer.text, answer.text
    assert answer.citations and answer.citations[0].verified
    other = extract(ctx, "What is the limitations period for a copyright infringement claim?", hits)
    assert other.abstained


PATENT_154_B = (
    "(B) Guarantee of no more than 3-year application pendency.— Subject to the limitations under paragraph (2), "
    "if the issue of an original patent is delayed due to the failure of the United States Patent and Trademark "
    "Office to issue a patent within 3 years after the actual filing date of the application in the United "
    "States, the term of the patent shall be extended 1 day for each day after the end of that 3-year period "
    "until the patent is issued."
)


def _rare(*stems: str) -> Callable[[str], float]:
    """A library in which words starting with ``stems`` are rare (in 0.1% of passages) and the rest common."""
    return lambda term: 0.001 if term.startswith(stems) else 0.2


def test_an_answer_whose_passages_hold_none_of_the_questions_rare_words_is_declined() -> None:
    """A tuning near miss (n04): a reissue question was answered with a patent term's 3-year guarantee, which
    shares "patent", "years", "application" and "filing" but never speaks of a reissue."""
    hits = [hit(1, "35 U.S.C. § 154. Contents and term of patent", PATENT_154_B, known_as="Patent Act")]
    reissue = (
        "Within how many years after filing must a reissue application enlarging the claims of a patent be issued?"
    )
    ctx, _ = fake_context("", hits, share=_rare("reissu", "enlarg"))
    assert extract(ctx, reissue, hits).abstained
    unknown, _ = fake_context("", hits)  # the library's word shares unknown: the check is not made
    assert not extract(unknown, reissue, hits).abstained
    # One rare word unheld is not enough (a paraphrase: "guaranteed" for the passage's "Guarantee" is no issue).
    one, _ = fake_context("", hits, share=_rare("reissu"))
    assert not extract(one, reissue, hits).abstained
    # A question on the passage's own subject is answered, rare words and all.
    ctx, _ = fake_context("", hits, share=_rare("pendenc", "guarante"))
    asked = (
        "Within how many years after filing must the Office issue a patent to meet the application pendency guarantee?"
    )
    answer = extract(ctx, asked, hits)
    assert not answer.abstained and "3-year application pendency" in answer.text, answer.text


def test_a_chat_answer_whose_passages_miss_the_questions_subject_is_declined() -> None:
    hits = [hit(1, "35 U.S.C. § 154. Contents and term of patent", PATENT_154_B, known_as="Patent Act")]
    reissue = (
        "Within how many years after filing must a reissue application enlarging the claims of a patent be issued?"
    )
    reply = "A patent must issue within 3 years after the actual filing date of the application [1]."
    ctx, _ = fake_context(reply, hits, share=_rare("reissu", "enlarg"))
    assert answer_question(ctx, reissue, hits).abstained
    ctx, _ = fake_context(reply, hits)
    assert not answer_question(ctx, reissue, hits).abstained
